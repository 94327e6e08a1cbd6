"""The review after acceptance: procedure, reply, hearing, investigation, committee, extension, 中止 (Art. 39–62)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction

from fazhi.core.audit.models import AuditEventType
from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.calendars.selectors import working_calendar
from fazhi.core.errors import Conflict, DomainError
from fazhi.reconsideration import rules
from fazhi.reconsideration.choices import CaseStatus, EventType, Procedure, SuspensionGround
from fazhi.reconsideration.models import Hearing, Investigation, ReconsiderationCase, Suspension
from fazhi.reconsideration.rules.decision import RULE_DECISION, copy_rule, decision_rule, reply_rule
from fazhi.reconsideration.rules.procedure import RULE_SUSPENSION_LIMIT
from fazhi.reconsideration.services._common import (
    begin,
    case_pauses,
    close_deadline,
    commit,
    require_not_future,
    require_text,
    snapshot,
    track,
)

LAW = "《中华人民共和国行政复议法》"


def _retrack_decision(*, actor: Any, locked: ReconsiderationCase) -> None:
    """Recompute the decision deadline with the case's extension and 中止 periods (closing the old one)."""
    rule = decision_rule(locked.procedure)
    for code in {RULE_DECISION, rule, decision_rule(Procedure.SIMPLIFIED)}:
        close_deadline(actor=actor, case=locked, rule_code=code, met=False)
    tracked = track(
        actor=actor, case=locked, rule_code=rule, start=locked.accepted_on, extension=locked.extension_days,
        pauses=case_pauses(locked),
    )  # fmt: skip
    locked.decision_due = tracked.due


@transaction.atomic(durable=True)
def case_convert_to_general(
    *, actor: Any, case: ReconsiderationCase, converted_on: date, approved_by: str, reason: str
) -> ReconsiderationCase:
    """Convert a simplified case to the general procedure with the approval of the 复议机构负责人 (Art. 55).

    The decision period becomes the general 60 days from acceptance (Art. 62(1)).
    Writes: procedure/decision_due, TrackedDeadlines, AuditEvent, CaseEvent.
    """
    locked = begin(case=case, action="convert")
    require_not_future(converted_on, field="converted_on", label="转换日期")
    if locked.procedure != Procedure.SIMPLIFIED:
        raise Conflict("本案已适用普通程序。", code="reconsideration.already_general")
    approved_by = require_text(approved_by, field="approved_by", label="批准转换的行政复议机构负责人")
    reason = require_text(reason, field="reason", label="不宜适用简易程序的理由")
    fields = ["procedure", "decision_due"]
    old = snapshot(locked, fields)
    locked.procedure = Procedure.GENERAL
    _retrack_decision(actor=actor, locked=locked)
    return commit(
        locked, actor=actor, fields=fields, old=old, audit=AuditEventType.RECONSIDERATION_PROCEDURE_CONVERTED,
        timeline=EventType.CONVERTED, on=converted_on, reason=reason,
        message=f"经{approved_by}批准转为普通程序（{LAW}第五十五条）：{reason}；审理期限至{format_date_zh(locked.decision_due)}",
    )  # fmt: skip


@transaction.atomic(durable=True)
def case_send_copy(
    *, actor: Any, case: ReconsiderationCase, sent_on: date, respondent_received_on: date | None = None
) -> ReconsiderationCase:
    """Send the application copy to the respondent (提出答复通知书); its reply period starts on receipt.

    Legal basis: Art. 48 (7 + 10 working days) / Art. 54 (3 + 5 working days).
    Writes: copy_sent_on/reply_due, TrackedDeadlines, AuditEvent, CaseEvent.
    """
    locked = begin(case=case, action="send_copy")
    require_not_future(sent_on, field="sent_on", label="发送日期")
    if locked.copy_sent_on is not None:
        raise Conflict("已发送过申请书副本。", code="reconsideration.copy_already_sent")
    if sent_on < locked.accepted_on:  # type: ignore[operator]
        raise DomainError("发送日期不能早于受理日期。", code="reconsideration.dates_inconsistent",
                          fields={"sent_on": ["早于受理日期。"]})  # fmt: skip
    received = respondent_received_on or sent_on
    fields = ["copy_sent_on", "reply_due"]
    old = snapshot(locked, fields)
    late = locked.copy_due is not None and sent_on > locked.copy_due
    close_deadline(actor=actor, case=locked, rule_code=copy_rule(locked.procedure), met=not late)
    reply = track(actor=actor, case=locked, rule_code=reply_rule(locked.procedure), start=received)
    locked.copy_sent_on, locked.reply_due = sent_on, reply.due
    return commit(
        locked, actor=actor, fields=fields, old=old, audit=AuditEventType.RECONSIDERATION_COPY_SENT,
        timeline=EventType.COPY_SENT, on=sent_on, late=late,
        message=f"向被申请人发送申请书副本及提出答复通知书；答复期限至{format_date_zh(reply.due)}"
        + ("（发送已超过法定期限）" if late else ""),
    )  # fmt: skip


@transaction.atomic(durable=True)
def case_record_reply(*, actor: Any, case: ReconsiderationCase, received_on: date, summary: str) -> ReconsiderationCase:
    """Record the respondent's written reply with its evidence (Art. 48, 54); a late reply is flagged (Art. 70).

    Writes: reply_received_on/reply_late/reply_summary, TrackedDeadline closed, AuditEvent, CaseEvent.
    """
    locked = begin(case=case, action="record_reply")
    require_not_future(received_on, field="received_on", label="收到答复日期")
    if locked.copy_sent_on is None:
        raise Conflict("尚未向被申请人发送申请书副本。", code="reconsideration.copy_not_sent")
    if locked.reply_received_on is not None:
        raise Conflict("已登记过被申请人的答复。", code="reconsideration.reply_already_recorded")
    summary = require_text(summary, field="summary", label="答复要点")
    fields = ["reply_received_on", "reply_late", "reply_summary"]
    old = snapshot(locked, fields)
    late = locked.reply_due is not None and received_on > locked.reply_due
    close_deadline(actor=actor, case=locked, rule_code=reply_rule(locked.procedure), met=not late)
    locked.reply_received_on, locked.reply_late, locked.reply_summary = received_on, late, summary
    note = (
        f"；逾期答复：被申请人未按期提出书面答复、提交证据的，视为该行政行为没有证据、依据（{LAW}第七十条）"
        if late
        else ""
    )
    return commit(
        locked, actor=actor, fields=fields, old=old, audit=AuditEventType.RECONSIDERATION_REPLY_RECORDED,
        timeline=EventType.REPLY_RECEIVED, on=received_on, late=late, message=f"收到被申请人书面答复{note}",
    )  # fmt: skip


@transaction.atomic(durable=True)
def case_update_flags(
    *,
    actor: Any,
    case: ReconsiderationCase,
    major_or_complex: bool,
    technical: bool,
    provincial_own_act: bool,
    committee_deemed_necessary: bool,
    hearing_requested: bool,
    reason: str = "",
) -> ReconsiderationCase:
    """Set the flags that make a hearing (Art. 50) or a committee consultation (Art. 52) mandatory."""
    locked = begin(case=case, action="update_flags")
    fields = ["major_or_complex", "technical", "provincial_own_act", "committee_deemed_necessary", "hearing_requested"]
    old = snapshot(locked, fields)
    locked.major_or_complex, locked.technical, locked.provincial_own_act = (
        major_or_complex,
        technical,
        provincial_own_act,
    )
    locked.committee_deemed_necessary, locked.hearing_requested = committee_deemed_necessary, hearing_requested
    labels = [label for name, label in (
        ("major_or_complex", "重大、疑难、复杂"), ("technical", "专业性技术性较强"),
        ("provincial_own_act", "第二十四条第二款案件"), ("committee_deemed_necessary", "有必要提请委员会"),
        ("hearing_requested", "申请人请求听证"),
    ) if getattr(locked, name)]  # fmt: skip
    return commit(
        locked, actor=actor, fields=fields, old=old, audit=AuditEventType.RECONSIDERATION_FLAGS_UPDATED,
        timeline=EventType.FLAGS_UPDATED, on=None, reason=reason, message="审理标记：" + ("、".join(labels) or "无"),
    )  # fmt: skip


@transaction.atomic(durable=True)
def hearing_schedule(
    *,
    actor: Any,
    case: ReconsiderationCase,
    notified_on: date,
    scheduled_on: date,
    place: str,
    matters: str,
    chair: str,
    hearers: Sequence[str],
    recorder: str,
) -> Hearing:
    """Schedule a hearing: a full panel (Art. 50(3)) notified five working days ahead (Art. 51(1)).

    Writes: Hearing, case version, AuditEvent RECONSIDERATION_HEARING_SCHEDULED, CaseEvent.
    """
    locked = begin(case=case, action="hearing")
    # The hearing itself may lie ahead; the written notice must already have been given.
    require_not_future(notified_on, field="notified_on", label="书面通知日期")
    rules.procedure.require_hearing_panel(chair=chair, hearers=hearers, recorder=recorder)
    rules.procedure.require_hearing_notice(
        notified_on=notified_on, hearing_on=scheduled_on, calendar=working_calendar()
    )
    place = require_text(place, field="place", label="听证地点")
    matters = require_text(matters, field="matters", label="拟听证事项")
    hearing = Hearing.objects.create(
        case=locked, notified_on=notified_on, scheduled_on=scheduled_on, place=place, matters=matters,
        chair=chair.strip(), hearers=[h.strip() for h in hearers if h.strip()], recorder=recorder.strip(),
    )  # fmt: skip
    commit(
        locked, actor=actor, fields=[], old={}, audit=AuditEventType.RECONSIDERATION_HEARING_SCHEDULED,
        timeline=EventType.HEARING_SCHEDULED, on=notified_on, hearing_id=hearing.pk,
        message=f"{format_date_zh(notified_on)}书面通知当事人，定于{format_date_zh(scheduled_on)}在{place}举行听证",
    )  # fmt: skip
    return hearing


@transaction.atomic(durable=True)
def hearing_record_held(
    *,
    actor: Any,
    case: ReconsiderationCase,
    hearing: Hearing,
    respondent_head_attended: bool,
    absence_reason: str = "",
    transcript_summary: str = "",
) -> Hearing:
    """Record that the hearing took place; the respondent's head attends or explains and delegates (Art. 51(3))."""
    locked = begin(case=case, action="hearing")
    if hearing.case_id != locked.pk or hearing.held:
        raise Conflict("该听证不存在或已登记举行。", code="reconsideration.hearing_not_open")
    require_not_future(hearing.scheduled_on, field="hearing_id", label="听证日期")
    if not respondent_head_attended and not absence_reason.strip():
        raise DomainError(
            f"被申请人的负责人应当参加听证；不能参加的，应当说明理由并委托相应的工作人员参加（{LAW}第五十一条第三款）。",
            code="reconsideration.head_absence_unexplained", fields={"absence_reason": ["请说明理由及委托人员。"]},
        )  # fmt: skip
    Hearing.objects.filter(pk=hearing.pk).update(
        held=True, respondent_head_attended=respondent_head_attended,
        respondent_head_absence_reason=absence_reason.strip(), transcript_summary=transcript_summary.strip(),
    )  # fmt: skip
    hearing.refresh_from_db()
    commit(
        locked, actor=actor, fields=[], old={}, audit=AuditEventType.RECONSIDERATION_HEARING_HELD,
        timeline=EventType.HEARING_HELD, on=hearing.scheduled_on, hearing_id=hearing.pk,
        head_attended=respondent_head_attended,
        message="举行听证；被申请人负责人"
        + ("参加" if respondent_head_attended else f"未参加（{absence_reason.strip()}）"),
    )  # fmt: skip
    return hearing


@transaction.atomic(durable=True)
def hearing_decline(*, actor: Any, case: ReconsiderationCase, reason: str) -> ReconsiderationCase:
    """Record why a requested hearing is not held; refused for cases where a hearing is mandatory (Art. 50(1))."""
    locked = begin(case=case, action="hearing")
    if locked.major_or_complex:
        raise DomainError(
            f"重大、疑难、复杂的案件应当组织听证（{LAW}第五十条第一款）。", code="reconsideration.hearing_mandatory"
        )
    reason = require_text(reason, field="reason", label="不组织听证的理由")
    fields = ["hearing_declined_reason"]
    old = snapshot(locked, fields)
    locked.hearing_declined_reason = reason
    return commit(
        locked, actor=actor, fields=fields, old=old, audit=AuditEventType.RECONSIDERATION_HEARING_DECLINED,
        timeline=EventType.HEARING_DECLINED, on=None, reason=reason, message=f"不组织听证：{reason}",
    )  # fmt: skip


@transaction.atomic(durable=True)
def investigation_record(
    *, actor: Any, case: ReconsiderationCase, on: date, investigators: Sequence[str], subject: str, findings: str = ""
) -> Investigation:
    """Record an investigation by at least two reconsideration staff (Art. 45)."""
    locked = begin(case=case, action="investigate")
    require_not_future(on, field="on", label="调查日期")
    names = rules.procedure.require_investigators(names=investigators)
    subject = require_text(subject, field="subject", label="调查对象或事项")
    investigation = Investigation.objects.create(case=locked, on=on, investigators=names, subject=subject,
                                                 findings=findings.strip())  # fmt: skip
    commit(
        locked, actor=actor, fields=[], old={}, audit=AuditEventType.RECONSIDERATION_INVESTIGATED,
        timeline=EventType.INVESTIGATED, on=on, investigation_id=investigation.pk, investigators=names,
        message=f"{'、'.join(names)}调查取证：{subject}",
    )  # fmt: skip
    return investigation


@transaction.atomic(durable=True)
def committee_consultation_record(
    *, actor: Any, case: ReconsiderationCase, consulted_on: date, opinion: str
) -> ReconsiderationCase:
    """Record the 行政复议委员会's advisory opinion (Art. 52(3), 61(3))."""
    locked = begin(case=case, action="consult_committee")
    require_not_future(consulted_on, field="consulted_on", label="咨询日期")
    opinion = require_text(opinion, field="opinion", label="委员会咨询意见")
    fields = ["committee_consulted_on", "committee_opinion"]
    old = snapshot(locked, fields)
    locked.committee_consulted_on, locked.committee_opinion = consulted_on, opinion
    return commit(
        locked, actor=actor, fields=fields, old=old, audit=AuditEventType.RECONSIDERATION_COMMITTEE_CONSULTED,
        timeline=EventType.COMMITTEE_CONSULTED, on=consulted_on, message=f"行政复议委员会咨询意见：{opinion}",
    )  # fmt: skip


@transaction.atomic(durable=True)
def case_extend(
    *, actor: Any, case: ReconsiderationCase, days: int, extended_on: date, approved_by: str, reason: str
) -> ReconsiderationCase:
    """Extend the decision period once, by at most 30 days, with the 复议机构负责人's approval (Art. 62(1)).

    Writes: extension_*/decision_due, TrackedDeadlines, AuditEvent RECONSIDERATION_EXTENDED, CaseEvent.
    """
    locked = begin(case=case, action="extend")
    require_not_future(extended_on, field="extended_on", label="批准延长日期")
    rules.decision.require_extension_allowed(
        procedure=locked.procedure, days=days, already_extended=locked.extension_days
    )
    approved_by = require_text(approved_by, field="approved_by", label="批准延长的行政复议机构负责人")
    reason = require_text(reason, field="reason", label="情况复杂不能按期作出决定的理由")
    if locked.decision_due is not None and extended_on > locked.decision_due:
        raise DomainError(
            f"审理期限已于{format_date_zh(locked.decision_due)}届满，不能再批准延长（{LAW}第六十二条第一款）。",
            code="reconsideration.extension_after_deadline", fields={"extended_on": ["审理期限已届满。"]},
        )  # fmt: skip
    fields = ["extension_days", "extension_reason", "extension_approved_by", "decision_due"]
    old = snapshot(locked, fields)
    locked.extension_days, locked.extension_reason, locked.extension_approved_by = days, reason, approved_by
    _retrack_decision(actor=actor, locked=locked)
    return commit(
        locked, actor=actor, fields=fields, old=old, audit=AuditEventType.RECONSIDERATION_EXTENDED,
        timeline=EventType.EXTENDED, on=extended_on, reason=reason,
        message=f"经{approved_by}批准延长审理期限{days}日，至{format_date_zh(locked.decision_due)}，并书面告知当事人（{LAW}第六十二条）",
    )  # fmt: skip


@transaction.atomic(durable=True)
def case_suspend(
    *, actor: Any, case: ReconsiderationCase, ground: str, started_on: date, reason: str = ""
) -> ReconsiderationCase:
    """中止 on an Art. 39 ground; the decision clock stops. Grounds (一)(二)(四) run a 60-day limit (Art. 41(5)).

    Writes: Suspension, status, TrackedDeadline (suspension_limit), AuditEvent, CaseEvent.
    """
    locked = begin(case=case, action="suspend")
    require_not_future(started_on, field="started_on", label="中止日期")
    if ground not in SuspensionGround.values:
        raise DomainError("中止情形无效。", code="reconsideration.invalid_choice", fields={"ground": ["无效。"]})
    if started_on < locked.accepted_on:  # type: ignore[operator]
        raise DomainError("中止日期不能早于受理日期。", code="reconsideration.dates_inconsistent",
                          fields={"started_on": ["过早。"]})  # fmt: skip
    limit_due = None
    if ground in rules.procedure.TERMINABLE_SUSPENSION_GROUNDS:
        limit_due = track(actor=actor, case=locked, rule_code=RULE_SUSPENSION_LIMIT, start=started_on).due
    Suspension.objects.create(case=locked, ground=ground, started_on=started_on, limit_due=limit_due,
                              reason=reason.strip())  # fmt: skip
    fields = ["status"]
    old = snapshot(locked, fields)
    locked.status = CaseStatus.SUSPENDED
    return commit(
        locked, actor=actor, fields=fields, old=old, audit=AuditEventType.RECONSIDERATION_SUSPENDED,
        timeline=EventType.SUSPENDED, on=started_on, reason=reason, ground=ground, limit_due=limit_due,
        message=f"中止行政复议：{SuspensionGround(ground).label}，书面告知当事人（{LAW}第三十九条）",
    )  # fmt: skip


@transaction.atomic(durable=True)
def case_resume(*, actor: Any, case: ReconsiderationCase, resumed_on: date) -> ReconsiderationCase:
    """恢复审理: the 中止 period is excluded and the decision deadline recomputed (Art. 39(2), 62)."""
    locked = begin(case=case, action="resume")
    require_not_future(resumed_on, field="resumed_on", label="恢复日期")
    suspension = locked.suspensions.filter(resumed_on__isnull=True).first()
    if suspension is None or resumed_on < suspension.started_on:
        raise DomainError("恢复日期不能早于中止日期。", code="reconsideration.dates_inconsistent",
                          fields={"resumed_on": ["过早。"]})  # fmt: skip
    Suspension.objects.filter(pk=suspension.pk).update(resumed_on=resumed_on)
    close_deadline(actor=actor, case=locked, rule_code=RULE_SUSPENSION_LIMIT, met=True)
    fields = ["status", "decision_due"]
    old = snapshot(locked, fields)
    locked.status = CaseStatus.ACCEPTED
    _retrack_decision(actor=actor, locked=locked)
    return commit(
        locked, actor=actor, fields=fields, old=old, audit=AuditEventType.RECONSIDERATION_RESUMED,
        timeline=EventType.RESUMED, on=resumed_on,
        message=f"恢复审理，中止期间不计入审理期限，审理期限至{format_date_zh(locked.decision_due)}",
    )  # fmt: skip
