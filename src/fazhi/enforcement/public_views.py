"""行政处罚公示: the public pages of published penalty decisions (no login, GET only).

The list searches by unit, published party name and decision date, 20 a page; with HTMX the same
URL returns only the results partial. The detail shows the masked published record (PUBLIC_FIELDS
via public_selectors); a withdrawn decision answers 410 with the withdrawal notice only (Art. 48(2)).
Bad search input answers 400 with the Chinese messages, never a 500.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from fazhi.core.errors import NotFound
from fazhi.core.form_fields import DateField
from fazhi.core.form_styles import IsoDateInput, bootstrap_widgets
from fazhi.enforcement import public_selectors

PAGE_SIZE = 20
LIST_TEMPLATE = "enforcement/public/penalty_list.html"


class PublicPenaltySearchForm(forms.Form):
    unit = forms.ChoiceField(label="处罚机关", required=False)
    party = forms.CharField(label="当事人", required=False, max_length=100)
    decided_from = DateField(label="决定日期自", required=False, widget=IsoDateInput())
    decided_to = DateField(label="至", required=False, widget=IsoDateInput())

    def __init__(self, *args: Any, units: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "全部机关"), *units]
        bootstrap_widgets(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, last = data.get("decided_from"), data.get("decided_to")
        if first and last and first > last:
            self.add_error("decided_to", "结束日期不能早于开始日期。")
        return data


@require_safe
def public_penalty_list_view(request: HttpRequest) -> HttpResponse:
    units = public_selectors.public_penalty_units()
    form = PublicPenaltySearchForm(request.GET or None, units=units)
    status = 200
    filters: dict[str, Any] = {}
    if request.GET and not form.is_valid():
        status = 400
    elif request.GET:
        data = form.cleaned_data
        filters = {
            "unit_code": data["unit"] or None,
            "party": data["party"] or None,
            "decided_from": data["decided_from"],
            "decided_to": data["decided_to"],
        }
    publications = public_selectors.public_penalty_list(**filters) if status == 200 else None
    page = None
    rows: list[public_selectors.PublicPenalty] = []
    if publications is not None:
        page = Paginator(publications, PAGE_SIZE).get_page(request.GET.get("page"))
        rows = public_selectors.public_penalty_rows(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    partial = request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request
    response = render(request, f"{LIST_TEMPLATE}#results" if partial else LIST_TEMPLATE, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_safe
def public_penalty_detail_view(request: HttpRequest, publication_id: int) -> HttpResponse:
    try:
        penalty = public_selectors.public_penalty_get(publication_id=publication_id)
    except public_selectors.PublicationWithdrawn as withdrawn:
        context = {"notice": withdrawn.notice}
        return render(request, "enforcement/public/penalty_withdrawn.html", context, status=410)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return render(request, "enforcement/public/penalty_detail.html", {"penalty": penalty})
