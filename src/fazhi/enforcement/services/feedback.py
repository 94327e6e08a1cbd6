"""以案促改: the outcome of a reconsideration or a lawsuit about a penalty case, written onto the case.

Called by the reconsideration and litigation services when a decision or judgment corrects the act
(撤销, 变更, 确认违法, 确认无效, 责令履行; 败诉). It only records the outcome on the case's timeline
(全过程记录) with an audit row; the unit then records the legal consequence itself through
case_decision_change_record (which tracks the Art. 48(2) withdrawal of a live publication).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.enforcement import events
from fazhi.enforcement.choices import CaseEventType, PublicationStatus
from fazhi.enforcement.models import CaseEvent, PenaltyCase
from fazhi.enforcement.rules.common import DATE_ORDER, VALID_CHOICE, refuse_check

REVIEW_SOURCES = {"reconsideration": "行政复议", "litigation": "行政诉讼"}


@transaction.atomic(savepoint=False)
def penalty_case_record_review_outcome(
    *, actor: Any, case: PenaltyCase, source: str, outcome: str, decided_on: date, reference: str
) -> CaseEvent:
    """Put a reconsideration decision or court judgment about the case on its timeline.

    Runs inside the caller's transaction (the decision that produced the outcome). The case's own
    fields and version are not touched, so officers working on the case are not interrupted.
    Writes: CaseEvent DECISION_REVOKED (parameters source/outcome/reference), AuditEvent
    PENALTY_CASE_REVIEW_OUTCOME_RECORDED.
    """
    if source not in REVIEW_SOURCES:
        raise refuse_check(
            "结果来源应当为行政复议或者行政诉讼",
            code="penalty.invalid_review_source",
            rule=VALID_CHOICE,
            fields={"source": ["无效。"]},
        )
    if case.decided_on is None or decided_on < case.decided_on:
        # A reconsideration decision or judgment corrects a decision that already exists.
        made = f"作出于{case.decided_on.isoformat()}" if case.decided_on else "尚未作出"
        raise refuse_check(
            f"该案行政处罚决定{made}，不能记入{decided_on.isoformat()}的{REVIEW_SOURCES[source]}结果",
            code="penalty.review_outcome_before_decision",
            rule=DATE_ORDER,
            fields={"decided_on": ["早于行政处罚决定。"]},
        )
    label = REVIEW_SOURCES[source]
    live = case.publications.filter(status=PublicationStatus.PUBLISHED).exists()
    message = f"{label}结果：{outcome}（{reference}，{decided_on.isoformat()}）"
    if live:
        message += "；该决定已公示，应在三日内撤回并说明理由（行政处罚法第四十八条第二款）"
    event = events.case_transition(
        case=case, type=CaseEventType.DECISION_REVOKED, actor=actor, on=decided_on, message=message,
        source=source, outcome=outcome, reference=reference, publication_live=live,
    )  # fmt: skip
    record_audit(
        actor=actor,
        event_type=AuditEventType.PENALTY_CASE_REVIEW_OUTCOME_RECORDED,
        target=case,
        reason=message,
        changes={"review_outcome": [None, {"source": source, "outcome": outcome, "reference": reference}]},
    )
    return event
