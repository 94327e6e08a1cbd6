"""Timeline (全过程记录) builders: one function per CaseEventType so payloads keep a stable shape.

Called only from services, inside their transaction. Money in parameters is stored as strings.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.enforcement.choices import CaseEventType
from fazhi.enforcement.models import CaseEvent, PenaltyCase


def _record(
    *, case: PenaltyCase, type: str, actor: Any, on: date | None, message: str = "", **parameters: Any
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        type=type,
        stage=case.status,
        on=on,
        actor=actor,
        actor_display=str(actor) if actor is not None else "系统",
        message=message[:500],
        parameters={
            key: (str(value) if not isinstance(value, bool | int | list | dict | None) else value)
            for key, value in parameters.items()
        },
    )


def case_opened(*, case: PenaltyCase, actor: Any, officer_names: list[str]) -> CaseEvent:
    return _record(
        case=case,
        type=CaseEventType.OPENED,
        actor=actor,
        on=case.filed_on,
        message=f"立案：{case.cause}",
        officers=officer_names,
        decision_due=case.decision_due,
    )


def case_decided_on_the_spot(*, case: PenaltyCase, actor: Any, officer_names: list[str]) -> CaseEvent:
    return _record(
        case=case,
        type=CaseEventType.DECIDED_ON_THE_SPOT,
        actor=actor,
        on=case.decided_on,
        message=f"当场作出行政处罚决定并交付当事人（{case.place}）",
        officers=officer_names,
        penalty_types=list(case.penalty_types),
        fine=case.fine_amount,
    )


def case_transition(
    *, case: PenaltyCase, type: str, actor: Any, on: date | None, message: str = "", **parameters: Any
) -> CaseEvent:
    """Any stage step whose payload is just what changed (告知, 听证, 审核, 决定, 送达, 执行, 结案 …)."""
    if type not in CaseEventType.values:
        raise ValueError(f"unknown case event type {type!r}")
    return _record(case=case, type=type, actor=actor, on=on, message=message, **parameters)


def evidence_added(*, case: PenaltyCase, actor: Any, evidence_id: int, title: str, sha256: str, on: date) -> CaseEvent:
    return _record(
        case=case,
        type=CaseEventType.EVIDENCE_ADDED,
        actor=actor,
        on=on,
        message=f"登记证据：{title}",
        evidence_id=evidence_id,
        sha256=sha256,
    )


def case_imported(*, case: PenaltyCase, actor: Any) -> CaseEvent:
    return _record(case=case, type=CaseEventType.IMPORTED, actor=actor, on=case.filed_on, message="批量导入")
