"""Transitions of the ordinary procedure before the decision: 调查, 告知, 陈述申辩, 听证, 法制审核, 集体讨论.

Each service: lock + version check + state machine (begin), statutory guards (rules), a conditional
versioned UPDATE, one audit row and one timeline entry (commit), deadlines via core.deadlines.
The `case` argument is the copy the caller read: its `version` is the expected version.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from fazhi.core.audit.models import AuditEventType
from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.deadlines import services as deadline_services
from fazhi.core.deadlines.selectors import deadline_compute
from fazhi.core.errors import Conflict, DomainError
from fazhi.enforcement import rules, selectors
from fazhi.enforcement.choices import CaseEventType, CaseStatus
from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.rules import execution as execution_rules
from fazhi.enforcement.services._common import (
    begin,
    close_deadline,
    commit,
    require_act_date,
    require_reason_text,
    snapshot,
    track,
)
from fazhi.orgs.models import User


@transaction.atomic(durable=True)
def case_investigation_start(
    *, actor: Any, case: PenaltyCase, on: date, officer_ids: Sequence[int] = ()
) -> PenaltyCase:
    """调查取证: start the investigation; the investigators (default: the case officers) must be certified on `on`.

    Guards: Art. 42, 55 (two certified officers who show their certificates).
    Writes: status, officers, AuditEvent PENALTY_CASE_INVESTIGATION_STARTED, CaseEvent.
    """
    locked = begin(case=case, action="investigate")
    require_act_date(on, earliest=locked.filed_on, field="on", label="调查日期", article="第五十四条、第五十五条")
    ids = list(officer_ids) or list(locked.officers.values_list("pk", flat=True))
    officers = selectors.officers_for_unit(unit=locked.unit, officer_ids=ids)
    rules.require_certified_officers(
        verdicts=selectors.officer_verdicts(officers=officers, on=on, unit=locked.unit), act="调查取证"
    )
    execution_rules.require_no_recused_officers(
        officer_ids=[o.pk for o in officers], facts=selectors.case_recusal_facts(case=locked), act="调查取证"
    )
    old = snapshot(locked, ["status"])
    if officer_ids:
        locked.officers.set(officers)
    locked.status = CaseStatus.INVESTIGATING
    return commit(
        locked,
        actor=actor,
        fields=["status"],
        old=old,
        audit=AuditEventType.PENALTY_CASE_INVESTIGATION_STARTED,
        timeline=CaseEventType.INVESTIGATION_STARTED,
        on=on,
        message="开始调查取证，执法人员出示执法证件",
        officers=[o.person.name for o in officers],
    )


@transaction.atomic(durable=True)
def case_notify(
    *,
    actor: Any,
    case: PenaltyCase,
    notified_on: date,
    facts: str,
    grounds: str,
    legal_basis: str,
    penalty_types: Sequence[str],
    fine: Decimal = Decimal(0),
    confiscation_value: Decimal = Decimal(0),
    other_severe: bool = False,
    rights_statement_defence: bool = True,
    rights_hearing: bool = False,
) -> PenaltyCase:
    """告知: tell the party the proposed penalty with facts, grounds, basis and their rights.

    Guards: Art. 9 (types), Art. 44 (content), Art. 63 (the hearing right must be told when the
    proposed penalty is in its scope; 较大数额 per the unit's sector threshold).
    If the hearing right applies, the 5-working-day request period is tracked (penalty.hearing_request).
    A renewed notice (after a failed 法制审核) opens its own periods (Art. 44, 45, 62–64): it is dated on or
    after the previous one, sets back the party's waiver, statement, adoption and hearing of the previous
    notice (rules.answers_reset_by_notice; the audit row and the timeline keep them) and closes the previous
    hearing-request period; the statement period runs from the new notice date (selectors.case_statement_due).
    Writes: notice fields (and the reset answers), status notified, TrackedDeadline, AuditEvent
    PENALTY_CASE_NOTIFIED, CaseEvent.
    """
    locked = begin(case=case, action="notify")
    previous = locked.notified_on
    require_act_date(
        notified_on,
        earliest=max(d for d in (locked.filed_on, previous) if d is not None),
        field="notified_on",
        label="告知日期",
        article="第四十四条",
    )
    fine, confiscation_value = Decimal(fine), Decimal(confiscation_value)
    rules.require_penalty_types(penalty_types)
    rules.require_fine_consistent(types=penalty_types, fine=fine)
    threshold = selectors.hearing_threshold_for_unit(unit=locked.unit, on=notified_on, party_kind=locked.party_kind)
    right = rules.hearing_right(
        party_kind=locked.party_kind,
        types=penalty_types,
        fine=fine,
        confiscation_value=confiscation_value,
        threshold=threshold,
        other_severe=other_severe,
    )
    rules.require_complete_notice(
        facts=facts,
        grounds=grounds,
        legal_basis=legal_basis,
        rights_statement_defence=rights_statement_defence,
        hearing_applies=right.applies,
        rights_hearing=rights_hearing,
    )
    reset = rules.answers_reset_by_notice(previous_notified_on=previous)
    fields = [
        "status",
        "facts",
        "notice_grounds",
        "notice_legal_basis",
        "proposed_penalty_types",
        "proposed_fine",
        "proposed_confiscation_value",
        "other_severe",
        "hearing_right_applies",
        "hearing_request_due",
        "notified_on",
        *(name for name in reset if name != "hearing_request_due"),
    ]
    old = snapshot(locked, fields)
    for name, value in reset.items():
        setattr(locked, name, value)
    # The previous notice's request period ends with it (closed, not missed); the new one is tracked below.
    close_deadline(actor=actor, case=locked, rule_code="penalty.hearing_request", met=False)
    locked.status = CaseStatus.NOTIFIED
    locked.facts, locked.notice_grounds, locked.notice_legal_basis = facts.strip(), grounds.strip(), legal_basis.strip()
    locked.proposed_penalty_types = list(penalty_types)
    locked.proposed_fine, locked.proposed_confiscation_value = fine, confiscation_value
    locked.other_severe, locked.hearing_right_applies, locked.notified_on = other_severe, right.applies, notified_on
    if right.applies:
        locked.hearing_request_due = track(
            actor=actor, case=locked, rule_code="penalty.hearing_request", start=notified_on
        ).due
    return commit(
        locked,
        actor=actor,
        fields=fields,
        old=old,
        audit=AuditEventType.PENALTY_CASE_NOTIFIED,
        timeline=CaseEventType.NOTIFIED,
        on=notified_on,
        message=("重新告知" if previous else "告知")
        + "拟作出的行政处罚内容及事实、理由、依据和陈述、申辩"
        + ("、要求听证" if right.applies else "")
        + "的权利",
        previous_notified_on=previous,
        hearing_reasons=list(right.reasons),
        threshold_basis=right.threshold_basis,
        threshold_confirmed=right.threshold_confirmed,
    )


@transaction.atomic(durable=True)
def case_statement_record(
    *, actor: Any, case: PenaltyCase, on: date, summary: str = "", adopted: bool = False, waived: bool = False
) -> PenaltyCase:
    """陈述申辩: record what the party said (or that they expressly waived), and whether it was adopted.

    Legal basis: Art. 45 (must hear and review; adopt what is established), Art. 62 (waiver).
    Writes: defence fields, AuditEvent PENALTY_CASE_STATEMENT_RECORDED, CaseEvent.
    """
    locked = begin(case=case, action="record_statement")
    require_act_date(on, earliest=locked.notified_on, field="on", label="陈述申辩日期", article="第四十五条")
    if not waived:
        summary = require_reason_text(summary, field="summary", label="陈述申辩意见", article="第四十五条第一款")
    fields = ["defence_made", "defence_summary", "defence_adopted", "rights_waived"]
    old = snapshot(locked, fields)
    locked.defence_made = locked.defence_made or not waived
    locked.defence_summary = summary.strip() if summary else locked.defence_summary
    locked.defence_adopted = adopted
    locked.rights_waived = waived
    return commit(
        locked,
        actor=actor,
        fields=fields,
        old=old,
        audit=AuditEventType.PENALTY_CASE_STATEMENT_RECORDED,
        timeline=CaseEventType.STATEMENT_RECORDED,
        on=on,
        message="当事人明确放弃陈述、申辩" if waived else f"听取陈述申辩（{'采纳' if adopted else '未采纳'}）",
    )


@transaction.atomic(durable=True)
def case_hearing_request(*, actor: Any, case: PenaltyCase, requested_on: date) -> PenaltyCase:
    """申请听证: the party asks for a hearing within 5 working days of the notice (Art. 63, 64(一)).

    Writes: status hearing, hearing_requested_on, closes the request deadline (met),
    AuditEvent PENALTY_CASE_HEARING_REQUESTED, CaseEvent.
    """
    locked = begin(case=case, action="request_hearing")
    if not locked.hearing_right_applies:
        raise Conflict(
            "拟作出的行政处罚不属于听证范围（《中华人民共和国行政处罚法》第六十三条）。",
            code="penalty.hearing_not_applicable",
        )
    require_act_date(
        requested_on,
        earliest=locked.notified_on,
        field="requested_on",
        label="申请听证日期",
        article="第六十四条第一项",
    )
    tracked = selectors.case_open_deadline(case=locked, rule_code="penalty.hearing_request")
    due = tracked.due if tracked is not None else locked.hearing_request_due
    if due is not None:
        rules.require_hearing_request_in_time(requested_on=requested_on, request_due=due)
    old = snapshot(locked, ["status", "hearing_requested_on"])
    locked.status, locked.hearing_requested_on = CaseStatus.HEARING, requested_on
    close_deadline(actor=actor, case=locked, rule_code="penalty.hearing_request", met=True)
    return commit(
        locked,
        actor=actor,
        fields=["status", "hearing_requested_on"],
        old=old,
        audit=AuditEventType.PENALTY_CASE_HEARING_REQUESTED,
        timeline=CaseEventType.HEARING_REQUESTED,
        on=requested_on,
        message="当事人要求听证",
    )


def _hearing_earliest(notice_on: date) -> date:
    return deadline_compute(rule_code=execution_rules.HEARING_NOTICE_RULE, start=notice_on).due


@transaction.atomic(durable=True)
def case_hearing_schedule(
    *, actor: Any, case: PenaltyCase, notice_on: date, hearing_on: date, place: str
) -> PenaltyCase:
    """通知听证: tell the party the time and place at least 7 working days ahead (Art. 64(二), 85).

    May be repeated to reschedule; each notice must itself be 7 working days ahead.
    Writes: hearing_notice_on, hearing_scheduled_on, hearing_place, AuditEvent
    PENALTY_CASE_HEARING_SCHEDULED, CaseEvent HEARING_SCHEDULED.
    """
    locked = begin(case=case, action="schedule_hearing")
    require_act_date(
        notice_on,
        earliest=locked.hearing_requested_on,
        field="notice_on",
        label="听证通知日期",
        article="第六十四条第二项",
    )
    place = require_reason_text(place, field="place", label="听证地点", article="第六十四条第二项")
    earliest = _hearing_earliest(notice_on)
    execution_rules.require_hearing_notice_in_time(hearing_on=hearing_on, earliest=earliest)
    fields = ["hearing_notice_on", "hearing_scheduled_on", "hearing_place"]
    old = snapshot(locked, fields)
    locked.hearing_notice_on, locked.hearing_scheduled_on, locked.hearing_place = notice_on, hearing_on, place
    return commit(
        locked,
        actor=actor,
        fields=fields,
        old=old,
        audit=AuditEventType.PENALTY_CASE_HEARING_SCHEDULED,
        timeline=CaseEventType.HEARING_SCHEDULED,
        on=notice_on,
        message=f"通知当事人于{format_date_zh(hearing_on)}在{place}举行听证",
        earliest=earliest,
    )


@transaction.atomic(durable=True)
def case_hearing_hold(
    *,
    actor: Any,
    case: PenaltyCase,
    held_on: date,
    chair: str,
    record: str,
    chair_officer_id: int | None = None,
    notice_on: date | None = None,
) -> PenaltyCase:
    """举行听证: record the hearing, chaired by someone who did not investigate (Art. 64(四)), with its record (八).

    The party must have been told the time and place 7 working days before (Art. 64(二)): either
    through case_hearing_schedule, or by passing the notice date as `notice_on` (recorded here).
    Writes: hearing fields, AuditEvent PENALTY_CASE_HEARING_HELD, CaseEvent.
    """
    locked = begin(case=case, action="hold_hearing")
    require_act_date(
        held_on, earliest=locked.hearing_requested_on, field="held_on", label="听证日期", article="第六十四条"
    )
    notice = execution_rules.require_hearing_notified(notice_on=locked.hearing_notice_on or notice_on)
    execution_rules.require_hearing_notice_in_time(hearing_on=held_on, earliest=_hearing_earliest(notice))
    if chair_officer_id is not None:
        execution_rules.require_no_recused_officers(
            officer_ids=[chair_officer_id], facts=selectors.case_recusal_facts(case=locked), act="主持听证"
        )
    chair = require_reason_text(chair, field="chair", label="听证主持人", article="第六十四条第四项")
    record = require_reason_text(record, field="record", label="听证笔录摘要", article="第六十四条第八项")
    rules.require_hearing_chair_not_investigator(
        chair_officer_id=chair_officer_id, investigator_ids=set(locked.officers.values_list("pk", flat=True))
    )
    fields = ["hearing_held_on", "hearing_chair", "hearing_record", "hearing_notice_on"]
    old = snapshot(locked, fields)
    locked.hearing_held_on, locked.hearing_chair, locked.hearing_record = held_on, chair, record
    locked.hearing_notice_on = notice
    return commit(
        locked,
        actor=actor,
        fields=fields,
        old=old,
        audit=AuditEventType.PENALTY_CASE_HEARING_HELD,
        timeline=CaseEventType.HEARING_HELD,
        on=held_on,
        message=f"举行听证，主持人：{chair}",
    )


@transaction.atomic(durable=True)
def case_legal_review_submit(*, actor: Any, case: PenaltyCase, on: date) -> PenaltyCase:
    """提交法制审核 (mandatory in the Art. 58 cases, optional otherwise). A requested hearing must be held first.

    Writes: status legal_review, legal_review_submitted_on, AuditEvent, CaseEvent.
    """
    locked = begin(case=case, action="submit_legal_review")
    if locked.status == CaseStatus.HEARING and locked.hearing_held_on is None:
        raise DomainError(
            "当事人要求听证的，应当先组织听证（《中华人民共和国行政处罚法》第六十三条）。",
            code="penalty.hearing_not_held",
        )
    require_act_date(on, earliest=locked.notified_on, field="on", label="提交日期", article="第五十八条")
    fields = ["status", "legal_review_submitted_on", "legal_review_passed"]
    old = snapshot(locked, fields)
    locked.status, locked.legal_review_submitted_on, locked.legal_review_passed = CaseStatus.LEGAL_REVIEW, on, None
    return commit(
        locked,
        actor=actor,
        fields=fields,
        old=old,
        audit=AuditEventType.PENALTY_CASE_LEGAL_REVIEW_SUBMITTED,
        timeline=CaseEventType.LEGAL_REVIEW_SUBMITTED,
        on=on,
        message="提交法制审核",
    )


@transaction.atomic(durable=True)
def case_legal_review_record(
    *, actor: User, case: PenaltyCase, reviewed_on: date, passed: bool, opinion: str
) -> PenaltyCase:
    """法制审核意见: by a reviewer holding the legal qualification (Art. 58(2)); failing sends the case back.

    One opinion per submission: a second one is refused (409, penalty.legal_review_already_recorded).

    Writes: review fields (status → investigating when not passed), AuditEvent PENALTY_CASE_LEGAL_REVIEWED, CaseEvent
    whose message and parameters carry the opinion (the case keeps only the latest; the timeline keeps each one).
    """
    locked = begin(case=case, action="record_legal_review")
    rules.require_legal_review_awaits_opinion(passed=locked.legal_review_passed, reviewed_on=locked.legal_reviewed_on)
    person = getattr(actor, "person", None)
    rules.require_qualified_reviewer(
        has_legal_qualification=bool(person and person.has_legal_qualification), name=str(actor)
    )
    require_act_date(
        reviewed_on,
        earliest=locked.legal_review_submitted_on,
        field="reviewed_on",
        label="审核日期",
        article="第五十八条",
    )
    opinion = require_reason_text(opinion, field="opinion", label="审核意见", article="第五十八条")
    fields = ["status", "legal_reviewer", "legal_reviewed_on", "legal_review_passed", "legal_review_opinion"]
    old = snapshot(locked, fields)
    locked.legal_reviewer, locked.legal_reviewed_on = actor, reviewed_on
    locked.legal_review_passed, locked.legal_review_opinion = passed, opinion
    if not passed:
        locked.status = CaseStatus.INVESTIGATING
    return commit(
        locked,
        actor=actor,
        fields=fields,
        old=old,
        audit=AuditEventType.PENALTY_CASE_LEGAL_REVIEWED,
        timeline=CaseEventType.LEGAL_REVIEWED,
        on=reviewed_on,
        # Every opinion stays on the timeline: the case's legal_review_opinion holds only the latest one,
        # and a resubmission after a failed review is reviewed again (the message is cut at 500 characters,
        # the parameters keep the full text).
        message=(f"法制审核通过：{opinion}" if passed else f"法制审核未通过：{opinion}（退回补充调查）"),
        passed=passed,
        opinion=opinion,
    )


@transaction.atomic(durable=True)
def case_collective_discussion_record(
    *, actor: Any, case: PenaltyCase, discussed_on: date, summary: str
) -> PenaltyCase:
    """集体讨论: the heads' collective discussion of a complex or major case (Art. 57(2)).

    In an Art. 58 case the legal review must have passed first. Writes: status, discussion fields, audit, CaseEvent.
    """
    locked = begin(case=case, action="collective_discussion")
    after = max((d for d in (locked.notified_on, locked.legal_reviewed_on) if d is not None), default=None)
    require_act_date(
        discussed_on, earliest=after, field="discussed_on", label="集体讨论日期", article="第五十七条第二款"
    )
    reasons = rules.legal_review_reasons(
        major_public_interest=locked.major_public_interest,
        hearing_held=locked.hearing_held_on is not None,
        complex_case=locked.complex_case,
        other_legal_requirement=locked.other_legal_review_required,
    )
    rules.require_legal_review_passed(reasons=reasons, passed=bool(locked.legal_review_passed))
    summary = require_reason_text(summary, field="summary", label="集体讨论意见", article="第五十七条第二款")
    fields = ["status", "collective_discussed_on", "collective_discussion_summary"]
    old = snapshot(locked, fields)
    locked.status = CaseStatus.COLLECTIVE_DISCUSSION
    locked.collective_discussed_on, locked.collective_discussion_summary = discussed_on, summary
    return commit(
        locked,
        actor=actor,
        fields=fields,
        old=old,
        audit=AuditEventType.PENALTY_CASE_COLLECTIVE_DISCUSSED,
        timeline=CaseEventType.COLLECTIVE_DISCUSSED,
        on=discussed_on,
        message="行政机关负责人集体讨论",
    )


@transaction.atomic(durable=True)
def case_decision_deadline_extend(
    *, actor: Any, case: PenaltyCase, days: int, approved_on: date, reason: str
) -> PenaltyCase:
    """Extend the decision period where the sector rule allows it (the cap is the rule version's max_extension).

    行政处罚法 Art. 60 itself has no extension; penalty.decision refuses any. Sector rule codes
    (e.g. penalty.decision.market: +30 days with approval) carry the cap and its citation.
    Writes: decision_extension_days, decision_due, TrackedDeadline (old closed, new tracked), audit, CaseEvent.
    """
    locked = begin(case=case, action="extend_deadline")
    require_act_date(approved_on, earliest=locked.filed_on, field="approved_on", label="批准日期", article="第六十条")
    reason = require_reason_text(reason, field="reason", label="延长理由和批准情况", article="第六十条")
    tracked = selectors.case_open_deadline(case=locked, rule_code=locked.decision_rule_code)
    if tracked is not None and approved_on > tracked.due:
        raise DomainError(
            "办案期限已届满，不能再批准延长（《中华人民共和国行政处罚法》第六十条）。",
            code="penalty.extension_too_late",
        )
    total = locked.decision_extension_days + days
    new = track(actor=actor, case=locked, rule_code=locked.decision_rule_code, start=locked.filed_on, extension=total)
    if tracked is not None:
        deadline_services.deadline_close(actor=actor, tracked=tracked, met=False, reason="延长办案期限，重新计算")
    fields = ["decision_extension_days", "decision_due"]
    old = snapshot(locked, fields)
    locked.decision_extension_days, locked.decision_due = total, new.due
    return commit(
        locked,
        actor=actor,
        fields=fields,
        old=old,
        audit=AuditEventType.PENALTY_CASE_DEADLINE_EXTENDED,
        timeline=CaseEventType.DEADLINE_EXTENDED,
        on=approved_on,
        reason=reason,
        message=f"延长办案期限{days}日，至{format_date_zh(new.due)}",
        legal_basis=new.legal_basis,
    )
