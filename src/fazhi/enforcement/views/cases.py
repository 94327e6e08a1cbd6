"""Penalty-case pages: 立案, the case page, and every transition as a small form.

The case page shows only the actions the state machine allows now (selectors.case_allowed_actions)
and the viewer's role permits. Each action form posts to /enforcement/cases/<id>/actions/<code>/,
which calls the same service as POST /api/v1/enforcement/cases/<id>/<action>/ — with the case read
through the same scoped selector (404 outside the user's scope) and the form's `version` as the
expected version (409 when stale). With HTMX the answer is the refreshed case body (the sections
below the title); without JavaScript a success redirects to the page and a refusal re-renders it.
A refusal is shown in place, in Chinese with its article, never as a 500.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.calendars.selectors import working_calendar
from fazhi.core.deadlines.selectors import deadline_rule_list
from fazhi.core.errors import DomainError, NotFound
from fazhi.enforcement import forms as f
from fazhi.enforcement import rules, selectors, services
from fazhi.enforcement.choices import CaseStatus, PenaltyType, PublicationStatus, case_source_for_inspection
from fazhi.enforcement.documents import DocumentKind, available_documents, document_title
from fazhi.enforcement.documents import legal_review_opinion as review_document
from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.rules import decision_change as change_rules
from fazhi.enforcement.rules.execution import instalments_from_json
from fazhi.enforcement.views._common import (
    error_message,
    is_partial,
    render_page,
    submit_for_unit,
    units_for_action,
    urgency_for,
)
from fazhi.enforcement.views.inspections import picked_unit, record_form_context, unit_penalty_items

TEMPLATE = "enforcement/case_detail.html"
PARTIAL = "case-body"
DEFAULT_PERFORMANCE = "自收到本决定书之日起十五日内，到指定银行或者通过电子支付系统缴纳罚款。"
DEFAULT_REMEDIES = (
    "如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议，或者六个月内依法向人民法院提起行政诉讼。"
)


# --- the action table -----------------------------------------------------------------------------


def _decide_initial(case: PenaltyCase) -> dict[str, Any]:
    return {
        "penalty_types": case.proposed_penalty_types,
        "fine_amount": case.proposed_fine,
        "confiscation_value": case.proposed_confiscation_value,
        "legal_basis": case.notice_legal_basis,
        "performance_terms": DEFAULT_PERFORMANCE if PenaltyType.FINE in case.proposed_penalty_types else "",
        "remedies": DEFAULT_REMEDIES,
    }


Choices = dict[str, list[tuple[Any, str]]]


def _officer_choices(case: PenaltyCase) -> Choices:
    return {"officer_id": [(o.pk, o.person.name) for o in case.officers.all()]}


def _assignable_officer_choices(case: PenaltyCase) -> Choices:
    current = {o.pk for o in case.officers.all()}
    officers = selectors.case_assignable_officers(case=case, on=timezone.localdate())
    return {"officer_ids": [(o.pk, o.person.name + ("（现承办）" if o.pk in current else "")) for o in officers]}


def _recusal_choices(case: PenaltyCase) -> Choices:
    return {
        "recusal_id": [
            (r.pk, f"{r.officer.person.name}：{r.get_source_display()}（{format_date_zh(r.declared_on)}提出）")
            for r in selectors.case_pending_recusals(case=case)
        ]
    }


def _preservation_choices(case: PenaltyCase) -> Choices:
    return {
        "preservation_id": [
            (
                p.pk,
                f"{format_date_zh(p.registered_on)}登记：{p.items[:40]}（应于{format_date_zh(p.decision_due)}前作出决定）",
            )
            for p in selectors.case_undecided_preservations(case=case)
        ]
    }


# The two decisions act on a side record (a Recusal, an EvidencePreservation) of the case: the record is
# read through its scoped selector, and the service checks that it is the case's and the page's version.


def _recusal_decide(*, actor: Any, case: PenaltyCase, recusal_id: int, **values: Any) -> Any:
    recusal = selectors.recusal_get_for_user(user=actor, recusal_id=recusal_id, action="edit")
    return services.case_recusal_decide(actor=actor, case=case, recusal=recusal, **values)


def _preservation_decide(*, actor: Any, case: PenaltyCase, preservation_id: int, **values: Any) -> Any:
    preservation = selectors.preservation_get_for_user(user=actor, preservation_id=preservation_id, action="edit")
    return services.evidence_preservation_decide(actor=actor, case=case, preservation=preservation, **values)


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """How one state-machine action is offered on the page: its form, its service, who may do it."""

    form: type[forms.Form]
    service: Callable[..., Any]
    permission: str = "edit"  # selectors.ROLES_BY_ACTION key: edit (officers, unit admins) | review (reviewers)
    initial: Callable[[PenaltyCase], dict[str, Any]] | None = None
    # The service checks the case version; when it does not (publication_publish), the view compares
    # the form's version with the case's and answers 409 when stale.
    versioned: bool = True
    button: str = "提交"
    style: str = "primary"
    choices: Callable[[PenaltyCase], Choices] | None = None  # choice fields filled from the case
    labels: dict[str, str] = field(default_factory=dict)  # a shared form's field labels for this action


ACTIONS: dict[str, ActionSpec] = {
    "investigate": ActionSpec(f.InvestigateForm, services.case_investigation_start, button="开始调查"),
    "notify": ActionSpec(f.NotifyForm, services.case_notify, initial=lambda c: {"facts": c.facts}, button="告知"),
    "record_statement": ActionSpec(f.StatementForm, services.case_statement_record, button="记录"),
    "request_hearing": ActionSpec(f.HearingRequestForm, services.case_hearing_request, button="登记听证申请"),
    "schedule_hearing": ActionSpec(f.HearingScheduleForm, services.case_hearing_schedule, button="登记听证通知"),
    "hold_hearing": ActionSpec(f.HearingHoldForm, services.case_hearing_hold, button="登记听证"),
    "submit_legal_review": ActionSpec(f.DatedForm, services.case_legal_review_submit, button="提交法制审核"),
    "record_legal_review": ActionSpec(
        f.LegalReviewForm, services.case_legal_review_record, permission="review", button="提交审核意见"
    ),
    "collective_discussion": ActionSpec(
        f.CollectiveDiscussionForm, services.case_collective_discussion_record, button="登记集体讨论"
    ),
    "extend_deadline": ActionSpec(
        f.ExtendForm, services.case_decision_deadline_extend, button="延长", style="outline-secondary"
    ),
    "decide": ActionSpec(f.DecideForm, services.case_decide, initial=_decide_initial, button="作出决定"),
    "serve": ActionSpec(f.ServeForm, services.case_serve, button="登记送达"),
    "pause_surcharge": ActionSpec(
        f.SurchargePauseForm, services.case_surcharge_pause, button="暂停", style="outline-secondary"
    ),
    "resume_surcharge": ActionSpec(
        f.SurchargeResumeForm, services.case_surcharge_resume, button="恢复", style="outline-secondary"
    ),
    "execute": ActionSpec(f.ExecuteForm, services.case_execution_record, button="登记履行"),
    "close": ActionSpec(f.CloseForm, services.case_close, button="结案"),
    "close_without_penalty": ActionSpec(
        f.CloseWithoutPenaltyForm, services.case_close_without_penalty, button="不予处罚结案", style="outline-primary"
    ),
    "transfer": ActionSpec(f.TransferForm, services.case_transfer, button="移送", style="outline-danger"),
    "withdraw": ActionSpec(f.WithdrawCaseForm, services.case_withdraw, button="撤销立案", style="outline-danger"),
    "end_execution": ActionSpec(
        f.ExecutionEndForm, services.case_execution_end, button="终结执行并结案", style="outline-danger"
    ),
    "revoke_decision": ActionSpec(
        f.DecisionChangeForm, services.case_decision_change_record, button="登记", style="outline-danger"
    ),
    "publish": ActionSpec(f.PublishForm, services.publication_publish, versioned=False, button="公示"),
    # 指派承办人员 (Art. 42; the replacement after a granted recusal), 回避 (Art. 43) and 先行登记保存 (Art. 56)
    "assign_officers": ActionSpec(
        f.OfficersAssignForm, services.case_officers_assign, choices=_assignable_officer_choices,
        initial=lambda c: {"officer_ids": [o.pk for o in c.officers.all()]}, button="指派",
        style="outline-secondary",
    ),
    "declare_recusal": ActionSpec(
        f.RecusalDeclareForm, services.case_recusal_declare, choices=_officer_choices, button="登记回避申请",
        style="outline-secondary",
    ),
    "decide_recusal": ActionSpec(
        f.RecusalDecideForm, _recusal_decide, choices=_recusal_choices, button="登记回避决定"
    ),
    "preserve_evidence": ActionSpec(
        f.PreservationRegisterForm, services.evidence_preservation_register, button="登记保存",
        style="outline-secondary",
    ),
    "decide_preservation": ActionSpec(
        f.PreservationDecideForm, _preservation_decide, choices=_preservation_choices, button="登记处理决定",
    ),
    # 缴纳与执行 (Art. 66, 68–72; 行政强制法 Art. 35, 46, 53, 54)
    "arrange_payment": ActionSpec(
        f.PaymentArrangeForm, services.case_payment_arrange, button="登记批准", style="outline-secondary"
    ),
    "pay_instalment": ActionSpec(
        f.DatedForm, services.case_instalment_pay, labels={"on": "缴款日期"}, button="登记缴款",
        style="outline-secondary",
    ),
    "collect_cash": ActionSpec(f.CashCollectForm, services.case_cash_collect, button="登记收缴"),
    "hand_over_cash": ActionSpec(f.CashHandoverForm, services.case_cash_handover_record, button="登记交款"),
    "deposit_cash": ActionSpec(f.CashDepositForm, services.case_cash_deposit_record, button="登记缴付"),
    "demand_enforcement": ActionSpec(
        f.EnforcementDemandForm, services.case_enforcement_demand, button="登记催告", style="outline-secondary"
    ),
    "apply_enforcement": ActionSpec(
        f.EnforcementApplyForm, services.case_enforcement_apply, button="登记强制执行", style="outline-danger"
    ),
}  # fmt: skip
# Offered elsewhere on the page (the evidence section) rather than as an action form. Every other
# action of the state machine has its form above (tests/test_views_officers.py checks it).
ACTIONS_SHOWN_ELSEWHERE = frozenset({"add_evidence"})


@dataclass
class ActionForm:
    code: str
    label: str
    article: str
    spec: ActionSpec
    form: forms.Form
    error: str = ""
    open: bool = False


@dataclass
class PageState:
    """What a POST leaves behind for the re-rendered page: the failing form, its error, a notice."""

    bound: dict[str, forms.Form] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    notice: str = ""


# --- reads ----------------------------------------------------------------------------------------


def _get_case(request: HttpRequest, case_id: int, action: str = "view") -> PenaltyCase:
    try:
        return selectors.penalty_case_get_for_user(user=request.user, case_id=case_id, action=action)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _may(request: HttpRequest, case: PenaltyCase, action: str) -> bool:
    return selectors.penalty_case_list_visible_to(user=request.user, action=action).filter(pk=case.pk).exists()


def _action_form(code: str, spec: ActionSpec, case: PenaltyCase, data: Any = None) -> forms.Form:
    """The form of one action: bound to the POST, or blank with the case's version and initial values."""
    if data is not None:
        form = spec.form(data, auto_id=f"id_{code}_%s")
    else:
        initial = {"version": case.version} | (spec.initial(case) if spec.initial else {})
        form = spec.form(initial=initial, auto_id=f"id_{code}_%s")
    for name, label in spec.labels.items():
        form.fields[name].label = label
    if spec.choices is not None:
        assert isinstance(form, f.VersionedForm)
        for name, options in spec.choices(case).items():
            form.set_choices(name, options)
    return form


def _action_forms(
    request: HttpRequest, case: PenaltyCase, allowed: list[rules.Action], state: PageState, has_live: bool
) -> list[ActionForm]:
    permissions = {perm: _may(request, case, perm) for perm in ("edit", "review")}
    result = []
    for action in allowed:
        spec = ACTIONS.get(action.code)
        if spec is None or not permissions[spec.permission]:
            continue
        if action.code == "publish" and has_live:
            continue
        form = state.bound.get(action.code)
        if form is None:
            form = _action_form(action.code, spec, case)
        error = state.errors.get(action.code, "")
        result.append(
            ActionForm(action.code, action.label, action.citation, spec, form, error, bool(error or form.is_bound))
        )
    return result


@dataclass(frozen=True, slots=True)
class DeadlineRow:
    tracked: Any
    name: str
    urgency: Any
    extended_to: Any = None  # the deadline that replaced this one after 延长办案期限 (shown as 已延长)


def _deadline_rows(case: PenaltyCase, today: date) -> list[DeadlineRow]:
    """The case's deadlines, a period replaced by an extension after the others (its successor carries on)."""
    calendar = working_calendar()
    names = {rule.code: rule.name_zh for rule in deadline_rule_list()}
    tracked = list(selectors.case_tracked_deadlines(case=case))
    extended = selectors.deadlines_extended_by(tracked=tracked)
    rows = [
        DeadlineRow(
            t,
            names.get(t.rule_code, t.rule_code),
            urgency_for(due=t.due, today=today, calendar=calendar),
            extended.get(t.pk),
        )
        for t in tracked
    ]
    return sorted(rows, key=lambda row: row.extended_to is not None)  # stable: otherwise by due date


def _original_penalty(case: PenaltyCase) -> str:
    """The penalty as first decided when a 变更 changed it ("罚款5000元"); "" otherwise."""
    as_made = selectors.case_decision_as_made(case=case)
    return "" if as_made == selectors.case_decision_content(case=case) else change_rules.content_text(as_made)


def _review(case: PenaltyCase, today: date) -> review_document.ReviewSubject | None:
    """What the 法制审核 reviews, once the case was submitted: the penalty as notified, its basis, the
    discretion band (as of the review once given, else today). The reviewer decides on this, not the facts alone."""
    if case.legal_review_submitted_on is None:
        return None
    on = case.legal_reviewed_on if case.legal_review_passed is not None and case.legal_reviewed_on else today
    return review_document.review_subject(case, on=on)


def case_context(request: HttpRequest, case: PenaltyCase, state: PageState | None = None) -> dict[str, Any]:
    """Everything the case page shows, for the full page and the HTMX case body alike."""
    state = state or PageState()
    today = timezone.localdate()
    deadlines = _deadline_rows(case, today)
    publications = list(selectors.publication_list_visible_to(user=request.user).filter(case=case))
    has_live = any(p.status == PublicationStatus.PUBLISHED for p in publications)
    can_edit = _may(request, case, "edit")
    allowed = selectors.case_allowed_actions(case=case, on=today)
    allowed_codes = {a.code for a in allowed}
    surcharge = None
    if case.status in (CaseStatus.SERVED, CaseStatus.ENFORCING) and case.paid_on is None:
        surcharge = selectors.surcharge_now(case=case, on=today)
    evidence_form = state.bound.get("evidence") or f.EvidenceForm(auto_id="id_evidence_%s")
    withdraw_forms = {
        p.pk: state.bound.get(f"withdraw-{p.pk}")
        or f.PublicationWithdrawForm(initial={"version": case.version}, auto_id=f"id_withdraw_{p.pk}_%s")
        for p in publications
        if p.status == PublicationStatus.PUBLISHED
    }
    actions = _action_forms(request, case, allowed, state, has_live)
    return {
        "case": case,
        "today": today,
        "penalty_labels": [PenaltyType(t).label for t in case.penalty_types if t in PenaltyType.values],
        # a 变更 replaced the content: the header shows the content in force and, beside it, the original
        "original_penalty": _original_penalty(case),
        "officers": list(case.officers.all()),
        "events": list(selectors.case_events(case=case)),
        "deadlines": deadlines,
        "evidence": list(selectors.case_evidence(case=case)),
        "evidence_form": evidence_form if can_edit and "add_evidence" in allowed_codes else None,
        "evidence_error": state.errors.get("evidence", ""),
        "recusals": list(selectors.case_recusals(case=case)),
        "preservations": list(selectors.case_preservations(case=case)),
        "instalments": instalments_from_json(case.payment_instalments),  # dated, to show as 2026年5月15日
        # the fine in force, paid by instalment, still owed; a plan a 变更 ended (rules.instalments)
        "payment": selectors.case_payment_status(case=case, on=today) if case.decided_on else None,
        "suggestions": selectors.case_flexible_suggestions(case=case, on=today),
        "surcharge": surcharge,
        "actions": actions,
        # a refusal of an action that is no longer offered (a stale page) is shown above the actions
        "general_error": next(
            (msg for code, msg in state.errors.items() if code in ACTIONS and code not in {a.code for a in actions}), ""
        ),
        "publications": publications,
        "has_live": has_live,
        # a decision revoked or confirmed void: the header says so instead of the procedural status
        "set_aside_label": rules.set_aside_label(case.decision_change_kind)
        if case.status != CaseStatus.CLOSED
        else "",
        # the party's 陈述、申辩 period, while the decision waits for it (services.case_decide)
        "statement_due": selectors.case_statement_due(case=case) if case.decided_on is None else None,
        "withdraw_forms": withdraw_forms if can_edit else {},
        "withdraw_errors": {k: v for k, v in state.errors.items() if k.startswith("withdraw-")},
        "can_edit": can_edit,
        # the link to supervision's 案卷完整性自查, for those its page admits (run before archiving)
        "can_self_check": _may(request, case, "self_check"),
        "notice": state.notice,
        "documents": case_documents(case),
        "review": _review(case, today),
        # the 法制审核意见书 of the latest opinion, linked from the review section
        "review_document": DocumentKind.LEGAL_REVIEW_OPINION.value if review_document.available(case) else "",
    }  # fmt: skip


@dataclass(frozen=True, slots=True)
class DocumentLink:
    kind: str  # the URL slug of enforcement_documents:case_document_docx / _pdf
    title: str


def case_documents(case: PenaltyCase) -> list[DocumentLink]:
    """The 文书 that fit the case's current state (fazhi.enforcement.documents decides which)."""
    return [DocumentLink(str(kind.value), document_title(kind, case)) for kind in available_documents(case)]


# --- pages ----------------------------------------------------------------------------------------


@login_required
@require_GET
def case_detail_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _get_case(request, case_id)
    return render_page(request, TEMPLATE, case_context(request, case), partial=PARTIAL)


def _answer(request: HttpRequest, case_id: int, state: PageState, status: int) -> HttpResponse:
    """After a POST: redirect on success without JS; otherwise re-render (the case body for HTMX)."""
    if status < 300 and not is_partial(request):
        messages.success(request, state.notice)
        return redirect("enforcement:case_detail", case_id=case_id)
    case = _get_case(request, case_id)  # fresh: the new state, version, timeline and deadlines
    return render_page(request, TEMPLATE, case_context(request, case, state), partial=PARTIAL, status=status)


@login_required
@require_POST
def case_action_view(request: HttpRequest, case_id: int, action: str) -> HttpResponse:
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404("没有这项操作。")
    case = _get_case(request, case_id, action=spec.permission)
    form = _action_form(action, spec, case, request.POST)
    state = PageState()
    if not form.is_valid():
        state.bound[action], state.errors[action] = form, "请检查填写的内容。"
        return _answer(request, case_id, state, 400)
    values = dict(form.cleaned_data)
    version = values.pop("version")
    if spec.versioned:
        case.version = version  # the copy the user saw: a stale one is refused by the service (409)
    elif version != case.version:
        state.errors[action] = error_message(DomainError("", code="penalty.version_conflict"))
        return _answer(request, case_id, state, 409)
    try:
        spec.service(actor=request.user, case=case, **values)
    except DomainError as exc:
        state.errors[action] = error_message(exc)
        if exc.code != "penalty.version_conflict":
            state.bound[action] = form  # keep what was typed; a stale form starts again from the fresh case
        return _answer(request, case_id, state, exc.status_code)
    state.notice = f"已办理：{rules.ACTIONS[action].label}。"
    return _answer(request, case_id, state, 200)


@login_required
@require_POST
def case_evidence_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """Upload one evidence file (Art. 46 type, stage, audio-video flag) through services.evidence_add."""
    case = _get_case(request, case_id, action="edit")
    form = f.EvidenceForm(request.POST, request.FILES, auto_id="id_evidence_%s")
    state = PageState()
    if not form.is_valid():
        state.bound["evidence"], state.errors["evidence"] = form, "请检查填写的内容。"
        return _answer(request, case_id, state, 400)
    values = dict(form.cleaned_data)
    upload = values.pop("file")
    try:
        evidence = services.evidence_add(
            actor=request.user, case=case, stream=upload, original_name=upload.name,
            content_type=upload.content_type or "application/octet-stream", **values,
        )  # fmt: skip
    except DomainError as exc:
        state.bound["evidence"], state.errors["evidence"] = form, error_message(exc)
        return _answer(request, case_id, state, exc.status_code)
    state.notice = f"已登记证据：{evidence.title}。"
    return _answer(request, case_id, state, 200)


@login_required
@require_POST
def publication_withdraw_view(request: HttpRequest, case_id: int, publication_id: int) -> HttpResponse:
    """撤回公示 (Art. 48(2)) through services.publication_withdraw."""
    case = _get_case(request, case_id, action="edit")
    try:
        publication = selectors.publication_get_for_user(
            user=request.user, publication_id=publication_id, action="edit"
        )
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if publication.case_id != case.pk:
        raise Http404("公示记录不存在或无权访问。")
    key = f"withdraw-{publication.pk}"
    form = f.PublicationWithdrawForm(request.POST, auto_id=f"id_withdraw_{publication.pk}_%s")
    state = PageState()
    if not form.is_valid():
        state.bound[key], state.errors[key] = form, "请检查填写的内容。"
        return _answer(request, case_id, state, 400)
    values = dict(form.cleaned_data)
    values.pop("version")
    try:
        services.publication_withdraw(actor=request.user, publication=publication, **values)
    except DomainError as exc:
        state.bound[key], state.errors[key] = form, error_message(exc)
        return _answer(request, case_id, state, exc.status_code)
    state.notice = "已撤回公示。"
    return _answer(request, case_id, state, 200)


# --- 立案 -------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def case_open_view(request: HttpRequest) -> HttpResponse:
    """立案 (普通程序). ?inspection=<id> prefills the party from an inspection of the user's unit."""
    units = units_for_action(user=request.user)
    unit = picked_unit(request, units)
    initial: dict[str, Any] = {"unit_code": unit.code}
    inspection_id = request.GET.get("inspection") or request.POST.get("inspection_id")
    inspection = None
    if inspection_id and str(inspection_id).isdigit():
        try:
            inspection = selectors.inspection_get_for_user(
                user=request.user, inspection_id=int(inspection_id), action="edit"
            )
        except NotFound as exc:
            raise Http404(exc.message) from exc
        unit = inspection.unit
        initial |= {
            "unit_code": unit.code, "party_kind": inspection.party_kind, "party_name": inspection.party_name,
            "party_code": inspection.party_code, "party_address": inspection.party_address,
            "discovered_on": inspection.occurred_on, "violation_ended_on": inspection.occurred_on,
            "facts": inspection.findings, "inspection_id": inspection.pk,
            "officer_ids": [o.pk for o in inspection.officers.all()],
            "case_source": case_source_for_inspection(inspection.origin),
        }  # fmt: skip
    data = request.POST if request.method == "POST" else None
    form = f.CaseOpenForm(data, initial=initial)
    form.set_units(units)
    form.set_officers(selectors.unit_officers_visible_to(user=request.user, unit=unit))
    form.set_power_items(unit_penalty_items(user=request.user, unit=unit))
    error, status = "", 200
    if request.method == "POST":
        done = submit_for_unit(request, form, services.case_open, drop=("inspection_id",), inspection=inspection)
        if (case := done.result) is not None:
            messages.success(request, f"已立案：{case.number}。")
            return redirect("enforcement:case_detail", case_id=case.pk)
        error, status = done.error, done.status
    context = record_form_context(
        request, form=form, unit=unit, units=units, error=error, date_field="filed_on",
        checked=set(initial.get("officer_ids", [])),
    )  # fmt: skip
    context["inspection"] = inspection
    return render_page(request, "enforcement/case_open.html", context, partial="case-open-form", status=status)
