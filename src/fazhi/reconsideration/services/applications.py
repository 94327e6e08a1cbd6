"""From receipt to acceptance: register, 补正, accept (or 视为受理), refuse, 案前调解和解 (Art. 20–33)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.deadlines.choices import PeriodUnit
from fazhi.core.deadlines.rules import Pause, add_months
from fazhi.core.deadlines.selectors import deadline_compute, deadline_params_on
from fazhi.core.errors import Conflict, DomainError
from fazhi.core.ids import normalize_id
from fazhi.core.masking import mask_person_name
from fazhi.enforcement.models import Inspection, PenaltyCase
from fazhi.orgs.models import OrgUnit
from fazhi.reconsideration import events, rules
from fazhi.reconsideration.choices import (
    ApplicantKind,
    CaseStatus,
    Category,
    Channel,
    EventType,
    PreAcceptanceEnding,
    Procedure,
)
from fazhi.reconsideration.models import ReconsiderationCase
from fazhi.reconsideration.rules.application import WindowCheck, case_number
from fazhi.reconsideration.rules.decision import copy_rule, decision_rule
from fazhi.reconsideration.rules.procedure import RULE_ACCEPTANCE, RULE_CORRECTION_NOTICE, RULE_CORRECTION_REPLY
from fazhi.reconsideration.selectors import authority_document_prefix, case_simplified_eligibility
from fazhi.reconsideration.services._common import (
    begin,
    close_all_deadlines,
    close_deadline,
    commit,
    full_clean,
    require_not_future,
    require_text,
    snapshot,
    track,
)

LAW = "《中华人民共和国行政复议法》"


@dataclass
class ApplicationData:
    """What an application says (Art. 22) and the facts the clock and the procedure need."""

    channel: str
    received_on: date
    applicant_kind: str
    applicant_name: str
    applicant_id_number: str
    request: str
    category: str
    contested_act: str
    known_on: date
    posted_on: date | None = None
    applicant_address: str = ""
    applicant_phone: str = ""
    applicant_representative: str = ""
    agent_name: str = ""
    third_party: str = ""
    facts: str = ""
    reasons: str = ""
    enterprise_related: bool = False
    act_document_number: str = ""
    act_on: date | None = None
    informed_of_rights: bool = True
    rights_known_on: date | None = None
    real_estate: bool = False
    obstacle_from: date | None = None
    obstacle_to: date | None = None
    disclosure_reference: str = ""
    on_the_spot: bool = False
    warning_or_criticism: bool = False
    amount_involved: Decimal | None = None
    disclosure_refused: bool = False
    facts_clear: bool = False
    parties_consent_simplified: bool = False
    major_or_complex: bool = False
    technical: bool = False
    hearing_requested: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def _validate(data: ApplicationData, *, authority: OrgUnit, respondent: OrgUnit, today: date) -> None:
    if not respondent.path.startswith(authority.path):
        raise DomainError(
            f"“{respondent.name}”不属于“{authority.name}”管辖的被申请人（{LAW}第二十四条）。",
            code="reconsideration.respondent_out_of_jurisdiction", fields={"respondent": ["不属于本复议机关管辖。"]},
        )  # fmt: skip
    for name, enum in (("channel", Channel), ("applicant_kind", ApplicantKind), ("category", Category)):
        if getattr(data, name) not in enum.values:
            raise DomainError(f"{name} 取值无效。", code="reconsideration.invalid_choice", fields={name: ["无效。"]})
    if error := rules.application.applicant_id_error(kind=data.applicant_kind, id_number=data.applicant_id_number):
        raise DomainError(error, code="reconsideration.invalid_applicant_id", fields={"applicant_id_number": [error]})
    if data.received_on > today:
        raise DomainError("收到申请日期不能晚于今天。", code="reconsideration.future_date",
                          fields={"received_on": ["晚于今天。"]})  # fmt: skip
    if data.channel == Channel.ORAL:
        missing = rules.application.oral_record_missing(
            {"applicant_name": data.applicant_name, "request": data.request, "facts": data.facts,
             "reasons": data.reasons, "received_on": data.received_on}
        )  # fmt: skip
        if missing:
            raise DomainError(
                f"口头申请应当当场记录：{'、'.join(missing)}（{LAW}第二十二条第三款）。",
                code="reconsideration.oral_record_incomplete", fields={"facts": missing},
            )  # fmt: skip
    require_text(data.request, field="request", label="行政复议请求")
    require_text(data.contested_act, field="contested_act", label="被申请的行政行为")
    if data.obstacle_from and data.obstacle_to and data.obstacle_to < data.obstacle_from:
        raise DomainError("障碍消除日不能早于障碍发生日。", code="reconsideration.dates_inconsistent",
                          fields={"obstacle_to": ["早于障碍发生日。"]})  # fmt: skip


def _window(data: ApplicationData, filed_on: date) -> tuple[date | None, list[str], list[str]]:
    """Compute every Art. 20/21 period with the deadline engine; return (60-day due, late reasons, steps)."""
    checks = rules.application.application_window_checks(
        known_on=data.known_on, informed_of_rights=data.informed_of_rights, rights_known_on=data.rights_known_on,
        act_on=data.act_on, real_estate=data.real_estate,
    )  # fmt: skip
    obstacle = (
        [Pause(data.obstacle_from, data.obstacle_to, "不可抗力或者其他正当理由（第二十条第二款）")]
        if data.obstacle_from and data.obstacle_to
        else []
    )
    dues: list[tuple[WindowCheck, date]] = []
    steps: list[str] = []
    for check in checks:
        try:
            params = deadline_params_on(rule_code=check.rule_code, on=check.start)
        except DomainError as exc:
            if exc.code != "no_rule_version":
                raise
            # Every application period has a version since the 1999 law took effect (1999-10-01):
            # a start before it lies decades back, past every period the law ever set.
            dues.append((check, check.start))
            continue
        if params.unit == PeriodUnit.MONTH and not check.pausable:
            # The 1-, 5- and 20-year caps end years ahead, often beyond the maintained holiday
            # calendar; a filing weeks before the raw end date is in time whatever the roll-over.
            if filed_on < add_months(check.start, params.count) - timedelta(days=15):
                continue
        result = deadline_compute(
            rule_code=check.rule_code, start=check.start, pauses=obstacle if check.pausable else ()
        )
        dues.append((check, result.due))
        steps.extend(result.steps)
    return dues[0][1], rules.application.late_reasons(filed_on=filed_on, dues=dues), steps


@transaction.atomic(durable=True)
def application_register(
    *,
    actor: Any,
    authority: OrgUnit,
    respondent: OrgUnit,
    data: ApplicationData,
    penalty_case: PenaltyCase | None = None,
    inspection: Inspection | None = None,
    record_late: bool = False,
    public: bool = False,
) -> ReconsiderationCase:
    """Register an application received by any channel and start the 5-day acceptance review.

    An application past the Art. 20/21 window is refused with the article, unless `record_late`
    (it is then registered to be 不予受理, and counted as received).
    Writes: ReconsiderationCase, TrackedDeadline (reconsideration.acceptance), AuditEvent
    RECONSIDERATION_REGISTERED, CaseEvent REGISTERED.
    """
    today = timezone.localdate()
    _validate(data, authority=authority, respondent=respondent, today=today)
    filed_on = rules.application.filing_date(
        channel=data.channel, received_on=data.received_on, posted_on=data.posted_on
    )
    rules.application.require_dates_consistent(known_on=data.known_on, filed_on=filed_on, act_on=data.act_on)
    for linked, label in ((penalty_case, "行政处罚案件"), (inspection, "行政检查")):
        if linked is not None and not linked.unit.path.startswith(respondent.path):
            raise DomainError(f"所关联的{label}不是被申请人作出的。", code="reconsideration.link_mismatch",
                              fields={"penalty_case": ["不属于被申请人。"]})  # fmt: skip
    if penalty_case is not None:
        rules.application.require_linked_decision_before_filing(decided_on=penalty_case.decided_on, filed_on=filed_on)
    window_due, late, window_steps = _window(data, filed_on)
    if late and not record_late:
        raise DomainError(
            "；".join(late) + "。超过申请期限的申请，应当不予受理。",
            code="reconsideration.application_late", fields={"received_on": late},
        )  # fmt: skip
    prerequisite = rules.application.prerequisite(
        category=data.category, on_the_spot=data.on_the_spot, disclosure_refused=data.disclosure_refused
    )
    values = {k: v for k, v in vars(data).items() if k != "extra"}
    values["applicant_id_number"] = normalize_id(data.applicant_id_number)
    case = ReconsiderationCase(
        **values,
        authority=authority,
        respondent=respondent,
        filed_on=filed_on,
        year=data.received_on.year,
        serial=0,
        number="",
        penalty_case=penalty_case,
        inspection=inspection,
        prerequisite=prerequisite.required,
        prerequisite_basis=prerequisite.legal_basis if prerequisite.required else "",
        window_due=window_due,
        window_late=bool(late),
        oral_recorded_by=actor if data.channel == Channel.ORAL else None,
        public_token=secrets.token_hex(8),
        created_by=actor,
    )
    full_clean(case, code="reconsideration.invalid_application", exclude=["number", "serial", "year"])
    _save_with_serial(case)
    acceptance = track(actor=actor, case=case, rule_code=RULE_ACCEPTANCE, start=data.received_on)
    ReconsiderationCase.objects.filter(pk=case.pk).update(acceptance_due=acceptance.due)
    case.acceptance_due = acceptance.due
    display = f"网上申请：{mask_person_name(data.applicant_name)}" if public and actor is None else None
    record_audit(
        actor=actor,
        actor_display=display,
        event_type=AuditEventType.RECONSIDERATION_REGISTERED,
        target=case,
        changes={
            "number": [None, case.number], "channel": [None, data.channel], "respondent": [None, respondent.code],
            "received_on": [None, data.received_on.isoformat()], "window_late": [None, bool(late)],
        },
    )  # fmt: skip
    events.case_event(
        case=case, type=EventType.REGISTERED, actor=actor, on=data.received_on,
        message=f"收到{Channel(data.channel).label}的行政复议申请，受理审查期限至{format_date_zh(acceptance.due)}",
        window_due=window_due, late=late, window_steps=window_steps, prerequisite=prerequisite.reason,
    )  # fmt: skip
    return case


def _save_with_serial(case: ReconsiderationCase) -> None:
    """Give the case the next serial of its authority and year; a concurrent registration retries."""
    for _attempt in range(5):
        current = ReconsiderationCase.objects.filter(authority=case.authority, year=case.year).aggregate(
            top=Max("serial")
        )["top"]
        case.serial = (current or 0) + 1
        case.number = case_number(
            prefix=authority_document_prefix(authority=case.authority), year=case.year, serial=case.serial
        )
        try:
            with transaction.atomic():
                case.save()
            return
        except IntegrityError:
            continue
    raise Conflict("案号分配冲突，请重试。", code="reconsideration.number_conflict")


@transaction.atomic(durable=True)
def case_request_correction(
    *, actor: Any, case: ReconsiderationCase, requested_on: date, items: str
) -> ReconsiderationCase:
    """Send the one-time 补正通知 (within 5 working days of receipt); the applicant has 10 working days.

    Writes: status/correction_*, TrackedDeadline (correction_reply), AuditEvent, CaseEvent.
    """
    locked = begin(case=case, action="request_correction")
    items = require_text(items, field="items", label="需要补正的事项（一次性告知）")
    require_not_future(requested_on, field="requested_on", label="通知补正日期")
    notice_due = deadline_compute(rule_code=RULE_CORRECTION_NOTICE, start=locked.received_on).due
    if requested_on > notice_due or requested_on < locked.received_on:
        raise DomainError(
            f"补正通知应当自收到申请之日起五日内发出（期限至{format_date_zh(notice_due)}，{LAW}第三十一条第一款）。",
            code="reconsideration.correction_notice_late",
            fields={"requested_on": [f"应在{format_date_zh(notice_due)}前。"]},
        )  # fmt: skip
    fields = ["status", "correction_requested_on", "correction_items", "correction_due"]
    old = snapshot(locked, fields)
    reply = track(actor=actor, case=locked, rule_code=RULE_CORRECTION_REPLY, start=requested_on)
    close_deadline(actor=actor, case=locked, rule_code=RULE_ACCEPTANCE, met=False)
    locked.status, locked.correction_requested_on = CaseStatus.AWAITING_CORRECTION, requested_on
    locked.correction_items, locked.correction_due = items, reply.due
    return commit(
        locked, actor=actor, fields=fields, old=old, audit=AuditEventType.RECONSIDERATION_CORRECTION_REQUESTED,
        timeline=EventType.CORRECTION_REQUESTED, on=requested_on,
        message=f"一次性通知补正，补正期限至{format_date_zh(reply.due)}：{items}", correction_due=reply.due,
    )  # fmt: skip


@transaction.atomic(durable=True)
def case_receive_correction(
    *, actor: Any, case: ReconsiderationCase, received_on: date, late_reason: str = ""
) -> ReconsiderationCase:
    """Record the corrected materials; the 5-day acceptance review starts again from their receipt.

    Writes: status/correction_received_on/acceptance_due, TrackedDeadline, AuditEvent, CaseEvent.
    """
    locked = begin(case=case, action="receive_correction")
    require_not_future(received_on, field="received_on", label="收到补正材料日期")
    if locked.correction_due and received_on > locked.correction_due and not late_reason.strip():
        raise DomainError(
            f"补正期限已于{format_date_zh(locked.correction_due)}届满；无正当理由逾期不补正的，视为申请人放弃行政复议申请"
            f"（{LAW}第三十一条第二款）。如有正当理由，请填写。",
            code="reconsideration.correction_late", fields={"late_reason": ["逾期补正须说明正当理由。"]},
        )  # fmt: skip
    fields = ["status", "correction_received_on", "acceptance_due"]
    old = snapshot(locked, fields)
    close_deadline(actor=actor, case=locked, rule_code=RULE_CORRECTION_REPLY, met=True)
    acceptance = track(actor=actor, case=locked, rule_code=RULE_ACCEPTANCE, start=received_on)
    locked.status, locked.correction_received_on, locked.acceptance_due = (
        CaseStatus.RECEIVED,
        received_on,
        acceptance.due,
    )
    return commit(
        locked, actor=actor, fields=fields, old=old, audit=AuditEventType.RECONSIDERATION_CORRECTION_RECEIVED,
        timeline=EventType.CORRECTION_RECEIVED, on=received_on, reason=late_reason,
        message=f"收到补正材料，受理审查期限重新计算至{format_date_zh(acceptance.due)}（{LAW}第三十一条第三款）",
    )  # fmt: skip


@transaction.atomic(durable=True)
def case_abandon(*, actor: Any, case: ReconsiderationCase, on: date) -> ReconsiderationCase:
    """The applicant did not correct in time: the application is deemed abandoned (Art. 31(2))."""
    locked = begin(case=case, action="abandon")
    require_not_future(on, field="on", label="认定日期")
    if locked.correction_due is None or on <= locked.correction_due:
        raise DomainError(
            f"补正期限尚未届满（{format_date_zh(locked.correction_due)}），不能视为放弃申请（{LAW}第三十一条第二款）。",
            code="reconsideration.correction_not_expired",
        )
    fields = ["status", "concluded_on"]
    old = snapshot(locked, fields)
    close_all_deadlines(actor=actor, case=locked)
    locked.status, locked.concluded_on = CaseStatus.ABANDONED, on
    return commit(
        locked, actor=actor, fields=fields, old=old, audit=AuditEventType.RECONSIDERATION_ABANDONED,
        timeline=EventType.ABANDONED, on=on, message=f"逾期未补正，视为放弃行政复议申请（{LAW}第三十一条第二款）",
    )  # fmt: skip


def _start_review(*, actor: Any, locked: ReconsiderationCase, accepted_on: date) -> None:
    """Track the copy and decision periods that run from acceptance (Art. 48/54, 62)."""
    close_deadline(actor=actor, case=locked, rule_code=RULE_ACCEPTANCE, met=True)
    copy = track(actor=actor, case=locked, rule_code=copy_rule(locked.procedure), start=accepted_on)
    decision = track(actor=actor, case=locked, rule_code=decision_rule(locked.procedure), start=accepted_on)
    locked.copy_due, locked.decision_due = copy.due, decision.due


@transaction.atomic(durable=True)
def case_accept(
    *, actor: Any, case: ReconsiderationCase, accepted_on: date, procedure: str = Procedure.GENERAL
) -> ReconsiderationCase:
    """Accept the application (Art. 30) under the general or, if eligible, the simplified procedure (Art. 53).

    Accepting after the review period is recorded as 视为受理 on its last day (Art. 30(3)).
    Writes: status/procedure/accepted_on/copy_due/decision_due, TrackedDeadlines, AuditEvent, CaseEvent.
    """
    locked = begin(case=case, action="accept")
    if locked.window_late:
        raise DomainError(
            f"申请超过法定申请期限，应当作出不予受理决定（{LAW}第二十条、第三十条第一款）。",
            code="reconsideration.application_late",
        )
    if procedure not in Procedure.values:
        raise DomainError("审理程序无效。", code="reconsideration.invalid_choice", fields={"procedure": ["无效。"]})
    # Checked before 视为受理 replaces the date: a future 受理日期 must not become a deemed acceptance.
    require_not_future(accepted_on, field="accepted_on", label="受理日期")
    start = locked.correction_received_on or locked.received_on
    if accepted_on < start:
        raise DomainError("受理日期不能早于收到申请（补正材料）的日期。", code="reconsideration.dates_inconsistent",
                          fields={"accepted_on": ["过早。"]})  # fmt: skip
    eligibility = case_simplified_eligibility(case=locked)
    rules.procedure.require_procedure_allowed(procedure=procedure, eligibility=eligibility)
    deemed = locked.acceptance_due is not None and accepted_on > locked.acceptance_due
    if deemed:
        accepted_on = locked.acceptance_due  # type: ignore[assignment]
    fields = ["status", "procedure", "accepted_on", "accepted_deemed", "copy_due", "decision_due"]
    old = snapshot(locked, fields)
    locked.status, locked.procedure, locked.accepted_on, locked.accepted_deemed = (
        CaseStatus.ACCEPTED, procedure, accepted_on, deemed,
    )  # fmt: skip
    _start_review(actor=actor, locked=locked, accepted_on=accepted_on)
    note = (
        f"，审查期限届满未作不予受理决定，依法视为于{format_date_zh(accepted_on)}受理（第三十条第三款）"
        if deemed
        else ""
    )
    return commit(
        locked, actor=actor, fields=fields, old=old, audit=AuditEventType.RECONSIDERATION_ACCEPTED,
        timeline=EventType.ACCEPTED, on=accepted_on,
        message=f"受理，适用{Procedure(procedure).label}{note}；审理期限至{format_date_zh(locked.decision_due)}",  # type: ignore[union-attr]
        simplified_suggestion=eligibility.reason, decision_due=locked.decision_due, copy_due=locked.copy_due,
    )  # fmt: skip


@transaction.atomic(durable=True)
def case_deem_accepted(*, actor: Any, case: ReconsiderationCase, today: date) -> ReconsiderationCase:
    """The review period ran out without a refusal: the case is accepted from its last day (Art. 30(3)).

    Called by `fazhi reconsideration deem-accepted`; acts on the current state (no version check).
    Writes: as case_accept, AuditEvent RECONSIDERATION_DEEMED_ACCEPTED.
    """
    locked = begin(case=case, action="accept", check_version=False)
    if locked.acceptance_due is None or today <= locked.acceptance_due:
        raise Conflict("受理审查期限尚未届满。", code="reconsideration.review_not_expired")
    fields = ["status", "procedure", "accepted_on", "accepted_deemed", "copy_due", "decision_due"]
    old = snapshot(locked, fields)
    locked.status, locked.procedure = CaseStatus.ACCEPTED, Procedure.GENERAL
    locked.accepted_on, locked.accepted_deemed = locked.acceptance_due, True
    _start_review(actor=actor, locked=locked, accepted_on=locked.acceptance_due)
    return commit(
        locked, actor=actor, fields=fields, old=old, audit=AuditEventType.RECONSIDERATION_DEEMED_ACCEPTED,
        timeline=EventType.DEEMED_ACCEPTED, on=locked.accepted_on,
        message=f"审查期限届满未作出不予受理决定，自{format_date_zh(locked.accepted_on)}起视为受理（{LAW}第三十条第三款）",
    )  # fmt: skip


@transaction.atomic(durable=True)
def case_refuse(*, actor: Any, case: ReconsiderationCase, refused_on: date, reason: str) -> ReconsiderationCase:
    """不予受理 within the 5-day review, with reasons (Art. 30(2)).

    Writes: status/refused_on/refusal_reason/concluded_on, AuditEvent, CaseEvent.
    """
    locked = begin(case=case, action="refuse")
    reason = require_text(reason, field="reason", label="不予受理的理由")
    require_not_future(refused_on, field="refused_on", label="不予受理决定日期")
    if locked.acceptance_due is not None and refused_on > locked.acceptance_due:
        raise DomainError(
            f"受理审查期限已于{format_date_zh(locked.acceptance_due)}届满，依法视为受理，不能再作出不予受理决定"
            f"（{LAW}第三十条第三款）；不符合受理条件的，受理后驳回申请（第三十三条）。",
            code="reconsideration.refusal_late", fields={"refused_on": ["审查期限已届满。"]},
        )  # fmt: skip
    fields = ["status", "refused_on", "refusal_reason", "concluded_on"]
    old = snapshot(locked, fields)
    close_all_deadlines(actor=actor, case=locked, met_rule=RULE_ACCEPTANCE)
    locked.status, locked.refused_on, locked.refusal_reason, locked.concluded_on = (
        CaseStatus.NOT_ACCEPTED, refused_on, reason, refused_on,
    )  # fmt: skip
    return commit(
        locked, actor=actor, fields=fields, old=old, audit=AuditEventType.RECONSIDERATION_REFUSED,
        timeline=EventType.NOT_ACCEPTED, on=refused_on, reason=reason, message=f"不予受理：{reason}",
    )  # fmt: skip


@transaction.atomic(durable=True)
def case_close_before_acceptance(
    *, actor: Any, case: ReconsiderationCase, closed_on: date, ending: str, summary: str
) -> ReconsiderationCase:
    """案前调解/和解: the dispute was resolved before acceptance and the applicant withdrew (Art. 5, 74).

    Writes: status/pre_acceptance_ending/concluded_on/decision_summary, AuditEvent, CaseEvent.
    """
    locked = begin(case=case, action="close_before_acceptance")
    if ending not in PreAcceptanceEnding.values:
        raise DomainError("案前结案方式无效。", code="reconsideration.invalid_choice", fields={"ending": ["无效。"]})
    summary = require_text(summary, field="summary", label="调解、和解情况及撤回申请的意思表示")
    require_not_future(closed_on, field="closed_on", label="结案日期")
    fields = ["status", "pre_acceptance_ending", "concluded_on", "decision_summary"]
    old = snapshot(locked, fields)
    close_all_deadlines(actor=actor, case=locked)
    locked.status, locked.pre_acceptance_ending = CaseStatus.CLOSED_BEFORE_ACCEPTANCE, ending
    locked.concluded_on, locked.decision_summary = closed_on, summary
    return commit(
        locked, actor=actor, fields=fields, old=old, audit=AuditEventType.RECONSIDERATION_CLOSED_BEFORE_ACCEPTANCE,
        timeline=EventType.CLOSED_BEFORE_ACCEPTANCE, on=closed_on,
        message=f"{PreAcceptanceEnding(ending).label}：{summary}",
    )  # fmt: skip
