"""Shared steps of the reconsideration services: the locked versioned write, audit, timeline, deadlines."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from functools import partial
from typing import Any

from django.utils import timezone

from fazhi.core import validation
from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.deadlines import services as deadline_services
from fazhi.core.deadlines.models import TrackedDeadline
from fazhi.core.deadlines.rules import Pause
from fazhi.core.errors import Conflict, DomainError
from fazhi.core.validation import full_clean as core_full_clean
from fazhi.reconsideration import events, locks, rules, selectors
from fazhi.reconsideration.models import ReconsiderationCase

# The database enforces the constraints; skipping their pre-check saves queries on every transition.
full_clean = partial(core_full_clean, validate_constraints=False)


def jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | str | int | bool) or value is None:
        return value
    return str(value)


def begin(*, case: ReconsiderationCase, action: str, check_version: bool = True) -> ReconsiderationCase:
    """Lock the case, check the caller's version and the state machine; return the locked row."""
    locked = locks.case_lock(case_id=case.pk, expected_version=case.version if check_version else None)
    rules.procedure.require_action(status=locked.status, action=action)
    return locked


def snapshot(case: ReconsiderationCase, fields: Sequence[str]) -> dict[str, Any]:
    return {name: getattr(case, name) for name in fields}


def commit(
    locked: ReconsiderationCase,
    *,
    actor: Any,
    fields: Sequence[str],
    old: dict[str, Any],
    audit: AuditEventType,
    timeline: str,
    on: date | None,
    message: str = "",
    reason: str = "",
    **parameters: Any,
) -> ReconsiderationCase:
    """Write `fields` with a conditional UPDATE on the version, then one audit row and one timeline entry.

    The conditional UPDATE is the second line of defence behind case_lock: even where row locks do
    nothing, a concurrent transition that committed first makes this UPDATE match no row.

    A transition dated after today is refused here for every step (the services check their own date
    field first, so the message names it): the register records what was done, not what is planned.
    """
    if on is not None:
        require_not_future(on, field="on", label="办理日期")
    previous = locked.version
    locked.version = previous + 1
    locked.updated_at = timezone.now()
    values = {name: getattr(locked, name) for name in fields}
    updated = ReconsiderationCase.objects.filter(pk=locked.pk, version=previous).update(
        version=locked.version, updated_at=locked.updated_at, **values
    )
    if updated != 1:
        raise Conflict("案件已被他人修改，请刷新后重试。", code="reconsideration.version_conflict")
    changes = {
        name: [jsonable(old.get(name)), jsonable(values[name])] for name in fields if old.get(name) != values[name]
    }
    changes["version"] = [previous, locked.version]
    record_audit(actor=actor, event_type=audit, target=locked, reason=reason, changes=changes)
    events.case_event(case=locked, type=timeline, actor=actor, on=on, message=message, **parameters)
    return locked


def track(
    *, actor: Any, case: ReconsiderationCase, rule_code: str, start: date, extension: int = 0,
    pauses: Sequence[Pause] = (),
) -> TrackedDeadline:  # fmt: skip
    """Track a statutory deadline for the case through core.deadlines (shown with its steps, recomputed)."""
    return deadline_services.deadline_track(
        actor=actor, target=case, rule_code=rule_code, start=start, extension=extension, pauses=pauses,
        reason=f"行政复议案件{case.number}",
    )  # fmt: skip


def close_deadline(*, actor: Any, case: ReconsiderationCase, rule_code: str, met: bool) -> None:
    """Close the open deadline of `rule_code` for the case, if any (met: the act was done in time)."""
    tracked = selectors.case_open_deadline(case=case, rule_code=rule_code)
    if tracked is not None:
        deadline_services.deadline_close(actor=actor, tracked=tracked, met=met, reason=f"行政复议案件{case.number}")


def close_all_deadlines(*, actor: Any, case: ReconsiderationCase, met_rule: str | None = None) -> None:
    for tracked in selectors.case_tracked_deadlines(case=case).filter(status="open"):
        deadline_services.deadline_close(
            actor=actor, tracked=tracked, met=tracked.rule_code == met_rule, reason=f"行政复议案件{case.number}结案"
        )


def require_text(value: str, *, field: str, label: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(f"请填写{label}。", code="reconsideration.field_required", fields={field: ["必填。"]})
    return value


def require_not_future(on: date, *, field: str, label: str) -> date:
    """Refuse a date after today: an act is registered once it was done, never in advance."""
    return validation.require_not_future(on, field=field, label=label, code="reconsideration.future_date")


def case_pauses(case: ReconsiderationCase) -> list[Pause]:
    """The 中止 periods of the case as deadline pauses (an open one runs to its start day only)."""
    pauses = []
    for suspension in case.suspensions.all().order_by("started_on"):
        # The clock stops on the day of 中止 and runs again on the day of 恢复.
        if suspension.resumed_on is not None and suspension.resumed_on > suspension.started_on:
            pauses.append(Pause(suspension.started_on, suspension.resumed_on - timedelta(days=1), "中止"))
    return pauses
