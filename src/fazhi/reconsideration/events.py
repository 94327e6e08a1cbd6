"""Timeline builders: one entry per step, called only from services inside their transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.reconsideration.choices import EventType
from fazhi.reconsideration.models import CaseEvent, ReconsiderationCase


def _jsonable(value: Any) -> Any:
    if isinstance(value, bool | int | list | dict) or value is None:
        return value
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def case_event(
    *, case: ReconsiderationCase, type: str, actor: Any, on: date | None, message: str = "", **parameters: Any
) -> CaseEvent:
    """Append one timeline entry; `type` must be an EventType (payloads keep a stable, JSON shape).

    `message` is the entry's whole text, a sentence that says what was done ("受理，适用普通程序；…"):
    the case page shows it alone, and the event's name only for an entry without one, so that no
    entry reads its step twice ("受理 受理，适用…").
    """
    if type not in EventType.values:
        raise ValueError(f"unknown reconsideration event type {type!r}")
    return CaseEvent.objects.create(
        case=case,
        type=type,
        on=on,
        actor=actor,
        actor_display=str(actor) if actor is not None else "系统",
        message=message[:500],
        parameters={key: _jsonable(value) for key, value in parameters.items()},
    )
