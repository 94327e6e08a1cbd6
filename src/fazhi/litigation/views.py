"""Pages of 行政应诉: list, register, case page with the defence, hearing, outcome and 司法建议 forms."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core.errors import DomainError, Forbidden, NotFound
from fazhi.core.form_errors import add_domain_error, name_required_fields
from fazhi.core.step_refusals import StepRefusal, domain_refusal, input_refusal, say_if_not_shown, shown_form
from fazhi.litigation import forms as f
from fazhi.litigation import selectors, services
from fazhi.litigation.choices import DefendantRole
from fazhi.litigation.models import LitigationCase
from fazhi.reconsideration import selectors as reconsideration_selectors

STEPS: dict[str, tuple[str, type[forms.Form], Callable[[Any, LitigationCase, dict[str, Any]], Any]]] = {
    "defence": ("提交答辩状", f.DefenceForm, lambda u, c, d: services.litigation_defence_submit(actor=u, case=c, **d)),
    "hearing": ("登记开庭", f.HearingForm, lambda u, c, d: services.litigation_hearing_record(actor=u, case=c, **d)),
    "conclude": ("登记裁判结果", f.ConcludeForm,
                 lambda u, c, d: services.litigation_case_conclude(actor=u, case=c, **d)),
    "suggestion": ("登记司法建议", f.SuggestionForm,
                   lambda u, c, d: services.judicial_suggestion_record(actor=u, case=c, **d)),
}  # fmt: skip


def _form_kwargs(code: str, case: LitigationCase) -> dict[str, Any]:
    """The outcome form asks for a 判决变更's penalty only where the act is a penalty case of this platform."""
    return {"penalty_linked": case.penalty_case_id is not None} if code == "conclude" else {}


def _new_form(code: str, case: LitigationCase) -> forms.Form:
    return STEPS[code][1](prefix=code, **_form_kwargs(code, case))


def _case(request: HttpRequest, case_id: int, action: str = "view") -> LitigationCase:
    try:
        return selectors.case_get_for_user(user=request.user, case_id=case_id, action=action)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@login_required
@require_GET
def case_list_view(request: HttpRequest) -> HttpResponse:
    try:
        selectors.case_viewer_required(user=request.user)
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from exc
    cases = selectors.case_list_visible_to(user=request.user, query=request.GET.get("q", ""))
    # 登记应诉案件 only for whom case_register_view lets in (a supervisor reads, registers nothing)
    can_register = selectors.responsible_unit_list_for_user(user=request.user).exists()
    return render(request, "litigation/case_list.html", {"cases": cases[:300], "can_register": can_register})


@login_required
@require_http_methods(["GET", "POST"])
def case_register_view(request: HttpRequest) -> HttpResponse:
    responsible = selectors.responsible_unit_list_for_user(user=request.user).first()
    if responsible is None:
        raise PermissionDenied("您不是复议（应诉）工作人员。")
    units = [(u.code, u.name) for u in reconsideration_selectors.respondent_list_for_user(user=request.user)]
    form = f.RegisterForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        code, recon_number = values.pop("defendant"), values.pop("reconsideration_case_number")
        try:
            recon = (
                reconsideration_selectors.case_get_by_number_for_user(user=request.user, number=recon_number)
                if recon_number
                else None
            )
            # No defendant chosen: the service says one is required (looking up the empty code
            # answered "单位“”不存在").
            defendants = (
                [(selectors.defendant_unit_get_for_user(user=request.user, code=code), DefendantRole.ORIGINAL)]
                if code and not recon
                else []
            )
            case = services.litigation_case_register(
                actor=request.user, responsible_unit=responsible, data=services.LawsuitData(**values),
                defendants=defendants, reconsideration_case=recon,
            )  # fmt: skip
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"已登记应诉案件{case.case_number}。")
            return redirect("litigation:case_detail", case_id=case.pk)
    numbers = reconsideration_selectors.case_list_visible_to(user=request.user).order_by("-received_on", "-pk")
    context = {"form": form, "reconsideration_numbers": numbers.values_list("number", flat=True)[:200]}
    return render(request, "litigation/case_form.html", context, status=422 if request.method == "POST" else 200)


def _detail_page(
    request: HttpRequest, case_id: int, *, refusal: StepRefusal | None = None, status: int = 200
) -> HttpResponse:
    case = _case(request, case_id)  # fresh: a refused step changed nothing, a stale one sees the new version
    can_edit = selectors.case_list_visible_to(user=request.user, action="edit").filter(pk=case.pk).exists()
    steps = [
        (code, label, shown_form(step=code, refusal=refusal, new=partial(_new_form, code, case)))
        for code, (label, _form, _call) in STEPS.items()
    ] if can_edit else []  # fmt: skip
    if case.status == "concluded":
        steps = [s for s in steps if s[0] == "suggestion"]
    say_if_not_shown(request, refusal, shown={code for code, _label, _form in steps})
    recon = case.reconsideration_case
    hearings = selectors.case_hearings(case=case)
    context = {
        "case": case,
        "steps": steps,
        "refusal": refusal,
        "events": selectors.case_events(case=case),
        "changed_penalty": selectors.case_changed_penalty(case=case),
        "hearings": hearings,
        "absence_flags": sorted({finding.summary for row in hearings for finding in row.findings}),
        "suit_period": selectors.case_suit_period(case=case),
        "reconsideration_viewable": recon is not None
        and reconsideration_selectors.case_list_visible_to(user=request.user).filter(pk=recon.pk).exists(),
    }
    return render(request, "litigation/case_detail.html", context, status=status)


@login_required
@require_GET
def case_detail_view(request: HttpRequest, case_id: int) -> HttpResponse:
    return _detail_page(request, case_id)


@login_required
@require_POST
def case_step_view(request: HttpRequest, case_id: int, step: str) -> HttpResponse:
    """Run one step. Done: back to the case page. Refused: the page again with the form as typed and
    the reason in place — 422 for input the form rejects, the DomainError's 400/404/409 for a refusal."""
    if step not in STEPS:
        raise Http404("未知的办理步骤。")
    case = _case(request, case_id, action="edit")
    label, form_class, call = STEPS[step]
    form = name_required_fields(form_class(request.POST, prefix=step, **_form_kwargs(step, case)))
    if request.POST.get("version", "").isdigit():
        case.version = int(request.POST["version"])
    if not form.is_valid():
        refusal = input_refusal(step=step, label=label, form=form)
        return _detail_page(request, case_id, refusal=refusal, status=422)
    try:
        call(request.user, case, dict(form.cleaned_data))
    except DomainError as exc:
        # Litigation's refusals name only the obstacle ("已登记答辩。"), so the step is named in front.
        refusal = domain_refusal(step=step, label=label, form=form, exc=exc, fresh=partial(_new_form, step, case),
                                 conflict_code="litigation.version_conflict", name_step=True)  # fmt: skip
        return _detail_page(request, case_id, refusal=refusal, status=exc.status_code)
    messages.success(request, f"已{label}。")
    return redirect("litigation:case_detail", case_id=case_id)
