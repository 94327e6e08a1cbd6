"""Pages of 行政复议: workbench, register, case page with one form per allowed step, documents,
statistics dashboard, 纠错提醒, and the public online application (no login, CSRF-protected, masked).

Thin: forms validate, selectors read, one service per POST; DomainError is shown in place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core.errors import DomainError, Forbidden, NotFound
from fazhi.core.form_errors import add_domain_error, name_required_fields
from fazhi.core.masking import mask_citizen_id, mask_person_name
from fazhi.core.step_refusals import StepRefusal, domain_refusal, input_refusal, say_if_not_shown, shown_form
from fazhi.reconsideration import documents, selectors, services
from fazhi.reconsideration import forms as f
from fazhi.reconsideration.choices import CaseStatus, Channel, LetterKind
from fazhi.reconsideration.models import ReconsiderationCase
from fazhi.reconsideration.statistics import reconsideration_statistics, year_bounds

Call = Callable[[Any, ReconsiderationCase, dict[str, Any]], Any]


@dataclass(frozen=True)
class Step:
    """One transition offered on the case page: its form and the service it calls."""

    code: str
    label: str
    form: type[forms.Form]
    call: Call


S = services
STEPS: dict[str, Step] = {
    s.code: s
    for s in (
        Step("accept", "受理", f.AcceptForm, lambda u, c, d: S.case_accept(actor=u, case=c, **d)),
        Step("request_correction", "通知补正", f.CorrectionRequestForm,
             lambda u, c, d: S.case_request_correction(actor=u, case=c, **d)),
        Step("receive_correction", "收到补正材料", f.CorrectionReceiptForm,
             lambda u, c, d: S.case_receive_correction(actor=u, case=c, **d)),
        Step("abandon", "视为放弃申请", f.AbandonForm, lambda u, c, d: S.case_abandon(actor=u, case=c, on=d["on"])),
        Step("refuse", "不予受理", f.RefuseForm, lambda u, c, d: S.case_refuse(actor=u, case=c, **d)),
        Step("close_before_acceptance", "案前调解和解", f.PreAcceptanceClosureForm,
             lambda u, c, d: S.case_close_before_acceptance(actor=u, case=c, **d)),
        Step("send_copy", "发送申请书副本", f.CopyForm, lambda u, c, d: S.case_send_copy(actor=u, case=c, **d)),
        Step("record_reply", "登记被申请人答复", f.ReplyForm,
             lambda u, c, d: S.case_record_reply(actor=u, case=c, **d)),
        Step("update_flags", "审理标记", f.FlagsForm, lambda u, c, d: S.case_update_flags(actor=u, case=c, **d)),
        Step("hearing", "安排听证", f.HearingScheduleForm, lambda u, c, d: S.hearing_schedule(actor=u, case=c, **d)),
        Step("hearing_held", "登记听证举行", f.HearingHeldForm, lambda u, c, d: S.hearing_record_held(
            actor=u, case=c, hearing=selectors.case_hearing_get(case=c, hearing_id=d.pop("hearing_id")), **d)),
        Step("hearing_decline", "不组织听证", f.HearingDeclineForm,
             lambda u, c, d: S.hearing_decline(actor=u, case=c, **d)),
        Step("investigate", "调查取证", f.InvestigationForm,
             lambda u, c, d: S.investigation_record(actor=u, case=c, **d)),
        Step("consult_committee", "委员会咨询", f.CommitteeForm,
             lambda u, c, d: S.committee_consultation_record(actor=u, case=c, **d)),
        Step("convert", "转为普通程序", f.ConvertForm, lambda u, c, d: S.case_convert_to_general(actor=u, case=c, **d)),
        Step("extend", "延长审理期限", f.ExtensionForm, lambda u, c, d: S.case_extend(actor=u, case=c, **d)),
        Step("suspend", "中止", f.SuspensionForm, lambda u, c, d: S.case_suspend(actor=u, case=c, **d)),
        Step("resume", "恢复审理", f.ResumptionForm, lambda u, c, d: S.case_resume(actor=u, case=c, **d)),
        Step("decide", "作出行政复议决定", f.DecisionForm, lambda u, c, d: S.case_decide(actor=u, case=c, **d)),
        Step("mediate", "调解结案", f.MediationForm, lambda u, c, d: S.case_mediate(actor=u, case=c, **d)),
        Step("terminate", "终止", f.TerminationForm, lambda u, c, d: S.case_terminate(actor=u, case=c, **d)),
    )
}  # fmt: skip
# Steps whose action code in rules.procedure differs from the step code.
STEP_ACTION = {"hearing_held": "hearing", "hearing_decline": "hearing"}


def _get_case(request: HttpRequest, case_id: int, action: str = "view") -> ReconsiderationCase:
    try:
        return selectors.case_get_for_user(user=request.user, case_id=case_id, action=action)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _docx(name: str, content: bytes) -> HttpResponse:
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def _require_officer(request: HttpRequest) -> None:
    if not selectors.authority_list_for_user(user=request.user).exists():
        raise PermissionDenied("您不是复议工作人员。")


def _require_case_viewer(request: HttpRequest) -> None:
    """As _require_officer, for the pages a supervisor reads too: 403 for a user whose roles never show a case."""
    try:
        selectors.case_viewer_required(user=request.user)
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from exc


@login_required
@require_GET
def workbench_view(request: HttpRequest) -> HttpResponse:
    """复议工作台: the next statutory step of every open case, most urgent first."""
    _require_officer(request)
    today = timezone.localdate()
    items = selectors.workbench_items(user=request.user, today=today)
    cases = selectors.case_list_visible_to(user=request.user)
    counts = {status.label: cases.filter(status=status).count() for status in CaseStatus}
    return render(request, "reconsideration/workbench.html",
                  {"items": items, "today": today, "counts": counts, "recent": cases[:20]})  # fmt: skip


@login_required
@require_GET
def case_list_view(request: HttpRequest) -> HttpResponse:
    _require_case_viewer(request)
    cases = selectors.case_list_visible_to(
        user=request.user, status=request.GET.get("status") or None, query=request.GET.get("q", "")
    )
    return render(request, "reconsideration/case_list.html",
                  {"cases": cases[:300], "statuses": CaseStatus.choices, "q": request.GET.get("q", "")})  # fmt: skip


def _respondent_choices(request: HttpRequest) -> list[tuple[str, str]]:
    return [(u.code, u.name) for u in selectors.respondent_list_for_user(user=request.user)]


@login_required
@require_http_methods(["GET", "POST"])
def case_register_view(request: HttpRequest) -> HttpResponse:
    _require_officer(request)
    authority = selectors.authority_list_for_user(user=request.user).first()
    form = f.OfficerApplicationForm(request.POST or None, respondents=_respondent_choices(request),
                                    initial={"received_on": timezone.localdate(),
                                             "channel": Channel.IN_PERSON})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        respondent = selectors.respondent_get_for_user(user=request.user, code=values.pop("respondent"))
        penalty_id, record_late = values.pop("penalty_case_id"), values.pop("record_late")
        try:
            penalty = (
                selectors.contested_penalty_case_get(user=request.user, case_id=penalty_id) if penalty_id else None
            )
            case = services.application_register(
                actor=request.user, authority=authority, respondent=respondent,  # type: ignore[arg-type]
                data=services.ApplicationData(**values), penalty_case=penalty, record_late=record_late,
            )  # fmt: skip
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"已登记行政复议申请，案号{case.number}。")
            return redirect("reconsideration:case_detail", case_id=case.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "reconsideration/case_form.html", {"form": form, "authority": authority}, status=status)


def _detail_page(
    request: HttpRequest, case_id: int, *, refusal: StepRefusal | None = None, status: int = 200
) -> HttpResponse:
    case = _get_case(request, case_id)  # fresh: a refused step changed nothing, a stale one sees the new version
    can_edit = selectors.case_list_visible_to(user=request.user, action="edit").filter(pk=case.pk).exists()
    allowed = set(selectors.case_allowed_actions(case=case))
    steps = [
        (step, shown_form(step=step.code, refusal=refusal, new=partial(_new_form, step, case)))
        for step in STEPS.values()
        if can_edit and STEP_ACTION.get(step.code, step.code) in allowed and _step_applies(step.code, case)
    ]  # fmt: skip
    say_if_not_shown(request, refusal, shown={"letter", *(step.code for step, _form in steps)})
    letter_form = shown_form(step="letter", refusal=refusal, new=lambda: _new_letter_form(case))
    context = {
        "case": case,
        "can_edit": can_edit,
        "steps": steps,
        "refusal": refusal,
        "letter_form": letter_form,
        "checks": selectors.case_checks(case=case, on=timezone.localdate()),
        "deadlines": selectors.case_deadlines_named(case=case),
        "events": selectors.case_events(case=case),
        "documents": documents.available_kinds(case=case),
        "penalty_events": selectors.contested_case_timeline(case=case),
        "penalty_case": selectors.contested_penalty_case_for(user=request.user, case=case),
        "changed_penalty": selectors.case_changed_penalty(case=case),
        "hearings": case.hearings.all(),
        "letters": case.letters.select_related("recipient"),
    }
    return render(request, "reconsideration/case_detail.html", context, status=status)


@login_required
@require_GET
def case_detail_view(request: HttpRequest, case_id: int) -> HttpResponse:
    return _detail_page(request, case_id)


def _new_form(step: Step, case: ReconsiderationCase) -> forms.Form:
    return step.form(prefix=step.code, **_form_kwargs(step, case))


def _new_letter_form(case: ReconsiderationCase) -> forms.Form:
    return f.LetterForm(prefix="letter", recipients=[(case.respondent.code, case.respondent.name)])


def _refused(
    form: forms.Form, exc: DomainError, *, step: str, label: str, fresh: Callable[[], forms.Form]
) -> StepRefusal:
    """The refusal for a DomainError: the typed form with the fields it names marked; a stale form
    (version conflict) starts again from the case as it now is.

    A refusal is a full sentence that names what could not be done ("尚不能作出决定：…"); "{step}未完成："
    in front would say it twice (name_step=False). Form errors (field fragments) keep it.
    """
    return domain_refusal(step=step, label=label, form=form, exc=exc, fresh=fresh,
                          conflict_code="reconsideration.version_conflict", name_step=False)  # fmt: skip


def _form_kwargs(step: Step, case: ReconsiderationCase) -> dict[str, Any]:
    if step.code == "hearing_held":
        open_hearing = selectors.case_open_hearing(case=case)
        return {"initial": {"hearing_id": open_hearing.pk if open_hearing else None}}
    if step.code == "update_flags":
        return {"initial": {name: getattr(case, name) for name in f.FlagsForm.base_fields}}
    if step.code == "decide":
        return {"penalty_linked": case.penalty_case_id is not None, "third_party": bool(case.third_party.strip())}
    return {}


def _step_applies(code: str, case: ReconsiderationCase) -> bool:
    """Hide steps that make no sense for the case's data (the services would refuse them anyway)."""
    return {
        "send_copy": case.copy_sent_on is None,
        "record_reply": case.copy_sent_on is not None and case.reply_received_on is None,
        "hearing_held": case.hearings.filter(held=False).exists(),
        "hearing_decline": case.hearing_requested and not case.major_or_complex,
        "convert": case.procedure == "simplified",
        "extend": case.procedure == "general" and not case.extension_days,
    }.get(code, True)


@login_required
@require_POST
def case_step_view(request: HttpRequest, case_id: int, step: str) -> HttpResponse:
    """Run one step: validate its form, call its service. Done: back to the case page. Refused: the
    page again with the form as typed and the reason in place — 422 for input the form rejects, the
    DomainError's 400/404/409 for a refusal (never a 200 that looks like success)."""
    if step not in STEPS:
        raise Http404("未知的办理步骤。")
    case = _get_case(request, case_id, action="edit")
    spec = STEPS[step]
    form = name_required_fields(spec.form(request.POST, prefix=spec.code, **_form_kwargs(spec, case)))
    if request.POST.get("version", "").isdigit():
        case.version = int(request.POST["version"])
    if not form.is_valid():
        refusal = input_refusal(step=spec.code, label=spec.label, form=form)
        return _detail_page(request, case_id, refusal=refusal, status=422)
    try:
        spec.call(request.user, case, dict(form.cleaned_data))
    except DomainError as exc:
        refusal = _refused(form, exc, step=spec.code, label=spec.label, fresh=lambda: _new_form(spec, case))
        return _detail_page(request, case_id, refusal=refusal, status=exc.status_code)
    messages.success(request, f"已{spec.label}。")
    return redirect("reconsideration:case_detail", case_id=case_id)


@login_required
@require_POST
def letter_issue_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """制发意见书/建议书; refused as a step is (422 for the form, the DomainError's status otherwise)."""
    case = _get_case(request, case_id, action="edit")
    recipients = [(case.respondent.code, case.respondent.name)]
    form = name_required_fields(f.LetterForm(request.POST, prefix="letter", recipients=recipients))
    if not form.is_valid():
        refusal = input_refusal(step="letter", label="制发意见书/建议书", form=form)
        return _detail_page(request, case_id, refusal=refusal, status=422)
    try:
        letter = services.letter_issue(
            actor=request.user, case=case, kind=form.cleaned_data["kind"], recipient=case.respondent,
            issued_on=form.cleaned_data["issued_on"], content=form.cleaned_data["content"],
        )  # fmt: skip
    except DomainError as exc:
        refusal = _refused(form, exc, step="letter", label="制发意见书/建议书", fresh=lambda: _new_letter_form(case))
        return _detail_page(request, case_id, refusal=refusal, status=exc.status_code)
    messages.success(request, f"已制发{LetterKind(letter.kind).label}（{letter.number}）。")
    return redirect("reconsideration:case_detail", case_id=case_id)


@login_required
@require_GET
def document_view(request: HttpRequest, case_id: int, kind: str) -> HttpResponse:
    case = _get_case(request, case_id)
    try:
        name, content = documents.build_document(case=case, kind=kind, public=request.GET.get("public") == "1")
    except DomainError as exc:
        raise Http404(exc.message) from exc
    return _docx(name, content)


@login_required
@require_GET
def statistics_view(request: HttpRequest) -> HttpResponse:
    """统计看板: the report figures for a year, by unit and category, with charts (ECharts, vendored)."""
    try:
        scope = selectors.statistics_unit_for_user(user=request.user, code=None)
    except NotFound as exc:
        raise PermissionDenied(exc.message) from exc
    units = selectors.respondent_list_for_user(user=request.user) if scope is None else None
    choices = [(u.code, u.name) for u in (units if units is not None else
               selectors.public_respondent_list(authority=scope).order_by("path"))]  # fmt: skip
    form = f.StatisticsFilterForm(request.GET or None, units=choices, initial={"year": timezone.localdate().year})
    year = timezone.localdate().year
    unit, category = scope, None
    if form.is_valid():
        year, category = form.cleaned_data["year"], form.cleaned_data["category"] or None
        if form.cleaned_data["unit"]:
            unit = selectors.statistics_unit_for_user(user=request.user, code=form.cleaned_data["unit"])
    start, end = year_bounds(year)
    report = reconsideration_statistics(start=start, end=end, unit=unit, category=category)
    chart = {
        "units": [b.label for b in report.by_unit],
        "received": [b.figures.received for b in report.by_unit],
        "corrections": [b.figures.corrections for b in report.by_unit],
        "categories": [{"name": b.label, "value": b.figures.received} for b in report.by_category],
    }
    return render(request, "reconsideration/statistics.html",
                  {"form": form, "report": report, "year": year, "unit": unit, "chart": chart})  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def alert_list_view(request: HttpRequest) -> HttpResponse:
    """纠错提醒 of the user's units (以案促改); POST acknowledges one."""
    status = 200
    if request.method == "POST":
        try:
            raw = request.POST.get("alert", "")
            if not raw.isdigit():
                raise DomainError("提醒编号无效。", code="reconsideration.invalid_alert")
            alert = selectors.review_alert_get_for_user(user=request.user, alert_id=int(raw))
            services.review_alert_acknowledge(actor=request.user, alert=alert)
        except DomainError as exc:
            # Shown on the list itself with the refusal's status (400/404/409), not after a redirect (200).
            messages.error(request, exc.message)
            status = exc.status_code
        else:
            messages.success(request, "已标记为已阅。")
            return redirect("reconsideration:alerts")
    alerts = selectors.review_alert_list_visible_to(user=request.user)
    return render(request, "reconsideration/alerts.html", {"alerts": alerts[:300]}, status=status)


# --- public (no login) --------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def public_apply_view(request: HttpRequest) -> HttpResponse:
    """网上申请行政复议 (Art. 22(2)): validated, CSRF-protected; the receipt shows masked data only."""
    authorities = list(selectors.public_authority_list())
    chosen = request.POST.get("authority") or (authorities[0].code if authorities else "")
    authority = next((a for a in authorities if a.code == chosen), None)
    respondents = [(u.code, u.name) for u in selectors.public_respondent_list(authority=authority)] if authority else []
    form = f.PublicApplicationForm(request.POST or None, authorities=[(a.code, a.name) for a in authorities],
                                   respondents=respondents)  # fmt: skip
    if request.method == "POST" and form.is_valid() and authority is not None:
        values = dict(form.cleaned_data)
        values.pop("authority"), values.pop("agree")
        code = values.pop("respondent")  # popped once, not once per unit looked at
        respondent = selectors.public_respondent_get(authority=authority, code=code)
        if respondent is None:  # left the list between the form's choices and now
            form.add_error("respondent", forms.ValidationError(f.UNKNOWN_RESPONDENT, code="invalid_choice"))
        else:
            try:
                case = services.application_register(
                    actor=None, authority=authority, respondent=respondent, public=True,
                    data=services.ApplicationData(channel=Channel.ONLINE, received_on=timezone.localdate(), **values),
                )  # fmt: skip
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                return redirect(f"{reverse('reconsideration:public_status')}?token={case.public_token}")
    status = 422 if request.method == "POST" else 200
    if form.has_error("respondent", "invalid_choice"):
        status = 400  # a respondent that is not on the list: a bad request, not a correctable entry
    return render(request, "reconsideration/public_apply.html", {"form": form}, status=status)


@require_GET
def public_status_view(request: HttpRequest) -> HttpResponse:
    """The applicant's receipt / status page by query code; personal data masked."""
    token = request.GET.get("token", "").strip()
    case = None
    if token:
        try:
            case = selectors.case_get_public(token=token)
        except NotFound:
            messages.error(request, "查询码无效。")
    masked = (
        {"name": mask_person_name(case.applicant_name) if case.applicant_kind == "person" else case.applicant_name,
         "id": mask_citizen_id(case.applicant_id_number) if case.applicant_kind == "person" else
         case.applicant_id_number}
        if case else None
    )  # fmt: skip
    return render(request, "reconsideration/public_status.html", {"case": case, "masked": masked, "token": token})
