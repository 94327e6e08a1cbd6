"""先行登记保存 (行政处罚法 Art. 56): register evidence under preservation, then the 处理决定 within 7 working days.

The 7-working-day period (penalty.preservation_decision) is tracked by core.deadlines on the
EvidencePreservation row, so a calendar change moves it (and the due-date refresh hook updates
`decision_due`). A late decision is recorded and flagged, like a late service.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from fazhi.core.audit.models import AuditEventType
from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.deadlines import services as deadline_services
from fazhi.core.deadlines.choices import TrackedDeadlineStatus
from fazhi.core.errors import NotFound
from fazhi.enforcement import selectors
from fazhi.enforcement.choices import CaseEventType, PreservationDecision
from fazhi.enforcement.models import EvidencePreservation, PenaltyCase
from fazhi.enforcement.rules import execution as execution_rules
from fazhi.enforcement.rules.common import DATE_ORDER, VALID_CHOICE, refuse_check
from fazhi.enforcement.services._common import begin, commit, require_reason_text


@transaction.atomic(durable=True)
def evidence_preservation_register(
    *,
    actor: Any,
    case: PenaltyCase,
    registered_on: date,
    items: str,
    reason: str,
    approved_by: str,
    approved_on: date,
) -> EvidencePreservation:
    """先行登记保存 with the head's approval (Art. 56); tracks the 7-working-day decision period.

    Writes: EvidencePreservation, TrackedDeadline penalty.preservation_decision, case version,
    AuditEvent EVIDENCE_PRESERVED, CaseEvent EVIDENCE_PRESERVED.
    """
    locked = begin(case=case, action="preserve_evidence")
    items = require_reason_text(items, field="items", label="登记保存物品", article="第五十六条")
    reason = require_reason_text(
        reason, field="reason", label="证据可能灭失或者以后难以取得的情况", article="第五十六条"
    )
    execution_rules.require_preservation_approved(
        approved_by=approved_by, approved_on=approved_on, registered_on=registered_on
    )
    if registered_on < locked.filed_on:
        raise refuse_check(
            "登记保存日期不能早于立案日期",
            code="penalty.date_out_of_order",
            rule=DATE_ORDER,
            article="第五十六条",
            fields={"registered_on": ["日期错误。"]},
        )
    preservation = EvidencePreservation(
        case=locked,
        items=items,
        reason=reason,
        approved_by=approved_by.strip(),
        approved_on=approved_on,
        registered_on=registered_on,
        decision_due=registered_on,
        recorded_by=actor,
    )
    preservation.save()
    tracked = deadline_services.deadline_track(
        actor=actor,
        target=preservation,
        rule_code=execution_rules.PRESERVATION_RULE,
        start=registered_on,
        reason=f"案件{locked.pk}先行登记保存",
    )
    preservation.decision_due = tracked.due
    EvidencePreservation.objects.filter(pk=preservation.pk).update(decision_due=tracked.due)
    commit(
        locked,
        actor=actor,
        fields=[],
        old={},
        audit=AuditEventType.EVIDENCE_PRESERVED,
        timeline=CaseEventType.EVIDENCE_PRESERVED,
        on=registered_on,
        reason=reason,
        extra_changes={"preservation": [None, preservation.pk], "decision_due": [None, tracked.due.isoformat()]},
        message=f"经{preservation.approved_by}批准先行登记保存：{items[:100]}；应于{format_date_zh(tracked.due)}前作出处理决定",
        preservation_id=preservation.pk,
    )
    return preservation


@transaction.atomic(durable=True)
def evidence_preservation_decide(
    *,
    actor: Any,
    case: PenaltyCase,
    preservation: EvidencePreservation,
    decided_on: date,
    decision: str,
    note: str = "",
) -> EvidencePreservation:
    """The 处理决定 on preserved items (Art. 56); late decisions are flagged `decided_late`.

    `case` is the caller's copy: its `version` is the expected version, so two decisions taken on
    the same page state cannot both pass (the second gets 409 penalty.version_conflict), exactly
    as with the case's other steps; `preservation` must be one of the case's.
    Writes: EvidencePreservation decision fields, the tracked deadline closed (met or not),
    case version, AuditEvent EVIDENCE_PRESERVATION_DECIDED, CaseEvent PRESERVATION_DECIDED.
    """
    locked = begin(case=case, action="decide_preservation")
    current = EvidencePreservation.objects.filter(pk=preservation.pk, case=locked).first()
    if current is None:
        raise NotFound("先行登记保存记录不存在或无权访问。", code="preservation.not_found")
    if decision not in PreservationDecision.values:
        raise refuse_check(
            "处理决定无效",
            code="penalty.preservation_bad_decision",
            rule=VALID_CHOICE,
            article="第五十六条",
            fields={"decision": ["无效。"]},
        )
    execution_rules.require_preservation_undecided(decided=current.decided_on is not None)
    if decided_on < current.registered_on:
        raise refuse_check(
            "处理决定日期不能早于登记保存日期",
            code="penalty.date_out_of_order",
            rule=DATE_ORDER,
            article="第五十六条",
            fields={"decided_on": ["日期错误。"]},
        )
    tracked = (
        selectors.tracked_deadlines_for(target=current)
        .filter(rule_code=execution_rules.PRESERVATION_RULE, status=TrackedDeadlineStatus.OPEN)
        .first()
    )
    due = tracked.due if tracked is not None else current.decision_due
    late = execution_rules.preservation_decided_late(decided_on=decided_on, due=due)
    # Second line of defence behind the case lock and version (as in commit): only an undecided row is decided.
    updated = EvidencePreservation.objects.filter(pk=current.pk, decided_on__isnull=True).update(
        decided_on=decided_on, decision=decision, decision_note=(note or "").strip(), decided_late=late
    )
    if updated != 1:
        execution_rules.require_preservation_undecided(decided=True)
    current.refresh_from_db()
    if tracked is not None:
        deadline_services.deadline_close(actor=actor, tracked=tracked, met=not late, reason=f"案件{locked.pk}")
    commit(
        locked,
        actor=actor,
        fields=[],
        old={},
        audit=AuditEventType.EVIDENCE_PRESERVATION_DECIDED,
        timeline=CaseEventType.PRESERVATION_DECIDED,
        on=decided_on,
        reason=note,
        extra_changes={
            "preservation": [current.pk, current.pk],
            "decision": [None, decision],
            "decided_late": [None, late],
        },
        message=f"登记保存处理决定：{PreservationDecision(decision).label}" + ("（逾期）" if late else ""),
        preservation_id=current.pk,
    )
    return current
