"""Shared steps of the enforcement services: the versioned write, the audit row, the timeline, deadlines."""

from __future__ import annotations

from datetime import date, datetime
from functools import partial
from typing import Any

from django.utils import timezone

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.deadlines import services as deadline_services
from fazhi.core.deadlines.models import TrackedDeadline
from fazhi.core.validation import full_clean as core_full_clean
from fazhi.enforcement import events, locks, rules, selectors
from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.rules import execution as execution_rules
from fazhi.enforcement.rules.common import (
    DATE_ORDER,
    LAW,
    NOT_FUTURE,
    REQUIRED,
    refuse,
    refuse_check,
    refuse_stale,
    require_act_dated,
)

# The database enforces the constraints; skipping their pre-check saves queries on every transition.
full_clean = partial(core_full_clean, validate_constraints=False)


def money_str(value: Any) -> Any:
    return str(value) if value is not None else None


def begin(*, case: PenaltyCase, action: str) -> PenaltyCase:
    """Lock the case, check the caller's version and the state machine; return the locked row."""
    locked = locks.case_lock(case_id=case.pk, expected_version=case.version)
    spec = rules.require_action(status=locked.status, procedure=locked.procedure, action=action)
    # A decision changed or set aside (by the unit, a reconsideration or a court) is not served,
    # published or executed any more, whoever recorded the change.
    execution_rules.require_not_barred_by_change(
        change_kind=locked.decision_change_kind, action=action, action_label=spec.label
    )
    return locked


def require_act_date(day: date, **check: Any) -> None:
    """rules.common.require_act_dated with today's local date (the rule is pure; the service knows today).

    `check`: the rule's field, label and optional earliest, article and code_prefix.
    """
    require_act_dated(day=day, today=timezone.localdate(), **check)


def recorded_moment(recorded_at: datetime | None, *, act_day: date, label: str) -> datetime:
    """When an act is entered in the platform: now, or an earlier moment given by a loader that enters
    acts after they were recorded elsewhere (the demo's year of records). Never in the future nor
    before the act's own day: supervision counts 录入日期 − 发生日期 from it (上传及时率)."""
    now = timezone.now()
    if recorded_at is None:
        return now
    if recorded_at > now:
        raise refuse_check(
            "录入时间不能晚于现在", code="enforcement.future_recorded_at", rule=NOT_FUTURE,
            fields={"recorded_at": ["时间错误。"]},
        )  # fmt: skip
    if timezone.localtime(recorded_at).date() < act_day:
        raise refuse_check(
            f"录入时间不能早于{label}", code="enforcement.recorded_before_act", rule=DATE_ORDER,
            fields={"recorded_at": ["时间错误。"]},
        )  # fmt: skip
    return recorded_at


def commit(
    locked: PenaltyCase,
    *,
    actor: Any,
    fields: list[str],
    old: dict[str, Any],
    audit: AuditEventType,
    timeline: str,
    on: date | None,
    message: str = "",
    reason: str = "",
    extra_changes: dict[str, list[Any]] | None = None,
    **parameters: Any,
) -> PenaltyCase:
    """Write `fields` with a conditional UPDATE on the version, then the audit row and the timeline entry.

    The conditional UPDATE is the second line of defence behind case_lock: even where row locks do
    nothing, a concurrent transition that committed first makes this UPDATE match no row.
    `on`, the date of the act, may not be after today: the services check it with the field's own
    label first (require_act_date); this is the net for any act that does not, before anything is written
    to the case (the surrounding transaction rolls back what the service did before).
    """
    if on is not None:
        require_act_date(on, field="on", label="办理日期")
    previous = locked.version
    locked.version = previous + 1
    locked.updated_at = timezone.now()
    values = {name: getattr(locked, name) for name in fields}
    updated = PenaltyCase.objects.filter(pk=locked.pk, version=previous).update(
        version=locked.version, updated_at=locked.updated_at, **values
    )
    if updated != 1:
        current = PenaltyCase.objects.filter(pk=locked.pk).values_list("version", flat=True).first()
        raise refuse_stale(current=current if current is not None else previous, expected=previous)
    changes = {
        name: [jsonable(old.get(name)), jsonable(values[name])] for name in fields if old.get(name) != values[name]
    }
    changes["version"] = [previous, locked.version]
    changes.update(extra_changes or {})
    record_audit(actor=actor, event_type=audit, target=locked, reason=reason, changes=changes)
    events.case_transition(case=locked, type=timeline, actor=actor, on=on, message=message, **parameters)
    return locked


def snapshot(case: PenaltyCase, fields: list[str]) -> dict[str, Any]:
    return {name: getattr(case, name) for name in fields}


def jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | str | int | bool) or value is None:
        return value
    return str(value)


def track(*, actor: Any, case: PenaltyCase, rule_code: str, start: date, extension: int = 0) -> TrackedDeadline:
    """Track a statutory deadline for the case through core.deadlines (shown on the case, recomputed)."""
    return deadline_services.deadline_track(
        actor=actor, target=case, rule_code=rule_code, start=start, extension=extension, reason=f"案件{case.pk}"
    )


def close_deadline(*, actor: Any, case: PenaltyCase, rule_code: str, met: bool) -> None:
    """Close the open deadline of `rule_code` for the case, if any (met: the act was done in time)."""
    tracked = selectors.case_open_deadline(case=case, rule_code=rule_code)
    if tracked is not None:
        deadline_services.deadline_close(actor=actor, tracked=tracked, met=met, reason=f"案件{case.pk}")


def close_all_deadlines(*, actor: Any, case: PenaltyCase) -> None:
    for tracked in selectors.case_tracked_deadlines(case=case).filter(status="open"):
        deadline_services.deadline_close(actor=actor, tracked=tracked, met=False, reason=f"案件{case.pk}结案")


def require_reason_text(value: str, *, field: str, label: str, article: str = "", law: str = LAW) -> str:
    """Return the stripped text, or refuse an empty one citing `article` (the rule that asks for it), if any.

    Without an article the field is required by the record, not by a statute, and the message says so.
    """
    value = (value or "").strip()
    if not value:
        fields = {field: ["必填。"]}
        if article:
            raise refuse(f"请填写{label}", code="penalty.field_required", article=article, law=law, fields=fields)
        raise refuse_check(f"请填写{label}", code="penalty.field_required", rule=REQUIRED, fields=fields)
    return value
