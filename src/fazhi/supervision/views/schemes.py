"""考核指标体系 for supervisors: the versions, a new version, closing one (its 失效日期).

Thin: a form parses input, then the one audited service the admin uses too
(services.assessment_scheme_save). Who may read and save: selectors.schemes.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.errors import DomainError, NotFound
from fazhi.core.form_errors import error_sentence, mark_fields
from fazhi.supervision import selectors, services
from fazhi.supervision.forms import AssessmentSchemeForm, SchemeCloseForm
from fazhi.supervision.models import AssessmentScheme
from fazhi.supervision.selectors.schemes import (
    assessment_scheme_get,
    assessment_scheme_versions,
    require_scheme_editor,
    require_scheme_reader,
    scheme_close_arguments,
    scheme_indicators,
    scheme_values,
    user_can_save_scheme,
)
from fazhi.supervision.views._common import forbidden_as_page


def _in_force() -> AssessmentScheme | None:
    try:
        return selectors.assessment_scheme_on(day=timezone.localdate())
    except NotFound:
        return None


def _bad_input(form: Any) -> DomainError:
    return DomainError(error_sentence(form), code="supervision.bad_input")


@login_required
@require_http_methods(["GET", "POST"])
@forbidden_as_page
def scheme_list_view(request: HttpRequest) -> HttpResponse:
    """The versions of every scheme (GET); a new version (POST) or closing one (POST action=close).

    Bad input: the page again with the refusal and its code (400); a version overlapping another or
    a changed one: the service's Conflict (409).
    """
    require_scheme_reader(user=request.user)
    indicators = scheme_indicators()
    in_force = _in_force()
    initial = AssessmentSchemeForm.initial_from(scheme_values(in_force)) if in_force else {}
    form = AssessmentSchemeForm(initial=initial, indicators=indicators)
    refusal: DomainError | None = None
    if request.method == "POST":
        require_scheme_editor(user=request.user)
        try:
            if request.POST.get("action") == "close":
                saved = _close(request)
                messages.success(
                    request, f"已将{saved.name}第{saved.version}版的失效日期设为{format_date_zh(saved.effective_to)}。"
                )
            else:
                form = AssessmentSchemeForm(request.POST, indicators=indicators)
                saved = _save(request, form)
                messages.success(request, f"已保存{saved.name}第{saved.version}版（方案代码{saved.code}）。")
            return redirect("supervision:schemes")
        except DomainError as exc:
            refusal = exc  # shown above the form with its code; its field messages under the fields
            if form.is_bound:
                mark_fields(form, exc)
    context = {
        "versions": assessment_scheme_versions(),
        "in_force": in_force,
        "scales": services.SCHEME_SCALES,
        "form": form,
        "can_save": user_can_save_scheme(user=request.user),
        "refusal": refusal,
    }
    return render(request, "supervision/scheme_list.html", context, status=refusal.status_code if refusal else 200)


def _save(request: HttpRequest, form: AssessmentSchemeForm) -> AssessmentScheme:
    if not form.is_valid():
        raise _bad_input(form)
    return services.assessment_scheme_save(actor=request.user, **form.service_arguments())


def _close(request: HttpRequest) -> AssessmentScheme:
    close = SchemeCloseForm(request.POST)
    if not close.is_valid():
        raise _bad_input(close)
    scheme = assessment_scheme_get(scheme_id=close.cleaned_data["scheme"])
    arguments = scheme_close_arguments(
        scheme=scheme, effective_to=close.cleaned_data["effective_to"], reason=close.cleaned_data["reason"]
    )
    return services.assessment_scheme_save(actor=request.user, **arguments)
