"""当场处罚 (简易程序, 行政处罚法 Art. 51, 52): the page officers record an on-the-spot decision with.

It calls services.case_decide_on_the_spot, the service of POST /api/v1/enforcement/cases/on-the-spot/,
with the same checks: a refusal (a fine above the Art. 51 ceiling, fewer than two certified officers,
the party not told) is shown in the form in Chinese with its article and HTTP 400. A recorded
decision opens its case page, where the 当场行政处罚决定书 is ready to print and hand over (Art. 52).
Only users who record for a unit (执法人员, 单位管理员) get the page; others get 403, as on 立案.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from fazhi.enforcement import selectors, services
from fazhi.enforcement.documents import DocumentKind, document_title
from fazhi.enforcement.forms import OnTheSpotForm
from fazhi.enforcement.rules.parameters import STATUTORY_SIMPLIFIED_LIMITS
from fazhi.enforcement.views._common import render_page, submit_for_unit, units_for_action
from fazhi.enforcement.views.cases import DEFAULT_REMEDIES
from fazhi.enforcement.views.inspections import picked_unit, record_form_context, unit_penalty_items


@login_required
@require_http_methods(["GET", "POST"])
def case_on_the_spot_view(request: HttpRequest) -> HttpResponse:
    units = units_for_action(user=request.user)
    unit = picked_unit(request, units)  # 403 for a user with no unit to record for
    data = request.POST if request.method == "POST" else None
    form = OnTheSpotForm(data, initial={"unit_code": unit.code, "remedies": DEFAULT_REMEDIES})
    form.set_units(units)
    form.set_officers(selectors.unit_officers_visible_to(user=request.user, unit=unit))
    form.set_power_items(unit_penalty_items(user=request.user, unit=unit))
    error, status = "", 200
    if request.method == "POST":
        done = submit_for_unit(request, form, services.case_decide_on_the_spot)
        if (case := done.result) is not None:
            title = document_title(DocumentKind.DECISION, case)
            messages.success(request, f"已作出当场处罚决定：{case.number}。请打印{title}，当场交付当事人。")
            return redirect("enforcement:case_detail", case_id=case.pk)
        error, status = done.error, done.status
    context = record_form_context(request, form=form, unit=unit, units=units, error=error, date_field="decided_on")
    context["limits"] = STATUTORY_SIMPLIFIED_LIMITS
    return render_page(request, "enforcement/case_on_the_spot.html", context, partial="on-the-spot-form", status=status)
