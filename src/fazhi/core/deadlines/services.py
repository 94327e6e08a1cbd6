"""Writes of the deadline engine: rule versions and tracked deadlines."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.calendars.selectors import working_calendar
from fazhi.core.deadlines import rules
from fazhi.core.deadlines.choices import PeriodUnit, TrackedDeadlineStatus
from fazhi.core.deadlines.models import DeadlineRule, DeadlineRuleVersion, TrackedDeadline
from fazhi.core.deadlines.rules import Pause
from fazhi.core.deadlines.selectors import deadline_compute, deadline_params_on
from fazhi.core.errors import Conflict, DomainError

# How far around a changed calendar date an open deadline can be affected: the longest shipped
# working-day period (20 + 20 working days) spans well under 120 calendar days; months periods
# are calendar-based and only their final day can move.
RECOMPUTE_WINDOW_DAYS = 400


@transaction.atomic
def deadline_rule_version_save(
    *,
    actor: Any,
    rule_code: str,
    name_zh: str,
    count: int,
    unit: str,
    effective_from: date,
    legal_basis: str,
    effective_to: date | None = None,
    quoted_text: str = "",
    confirmed: bool = True,
    max_extension: int = 0,
    extension_unit: str = PeriodUnit.CALENDAR_DAY,
    extension_basis: str = "",
    note: str = "",
    reason: str = "",
) -> DeadlineRuleVersion:
    """Add a version of a rule (creating the rule if new); versions of one rule may not overlap.

    Writes: DeadlineRule (if new), DeadlineRuleVersion, AuditEvent DEADLINE_RULE_VERSION_SAVED.
    """
    if unit not in PeriodUnit.values:
        raise DomainError(f"未知的计算单位：{unit}", code="deadline_bad_unit")
    if count < 1:
        raise DomainError("期间长度应为正整数。", code="deadline_bad_count", fields={"count": ["应大于0。"]})
    if not legal_basis.strip():
        raise DomainError("必须填写法律依据。", code="deadline_basis_required", fields={"legal_basis": ["必填。"]})
    if effective_to is not None and effective_to < effective_from:
        raise DomainError("失效日期不能早于生效日期。", code="deadline_bad_range")
    rule, _created = DeadlineRule.objects.get_or_create(code=rule_code, defaults={"name_zh": name_zh})
    for other in rule.versions.all():
        if rules.versions_overlap(other.effective_from, other.effective_to, effective_from, effective_to):
            raise Conflict(
                f"与已有版本（自{other.effective_from}起）的生效期间重叠；请先为旧版本设置失效日期。",
                code="deadline_version_overlap",
            )
    version = DeadlineRuleVersion.objects.create(
        rule=rule,
        count=count,
        unit=unit,
        effective_from=effective_from,
        effective_to=effective_to,
        legal_basis=legal_basis.strip(),
        quoted_text=quoted_text,
        confirmed=confirmed,
        max_extension=max_extension,
        extension_unit=extension_unit,
        extension_basis=extension_basis,
        note=note,
    )
    record_audit(
        actor=actor,
        event_type=AuditEventType.DEADLINE_RULE_VERSION_SAVED,
        target=version,
        reason=reason,
        changes={
            "rule": [None, rule_code],
            "count": [None, count],
            "unit": [None, unit],
            "effective_from": [None, effective_from.isoformat()],
            "legal_basis": [None, legal_basis],
        },
    )
    return version


def _pauses_from_json(raw: list[dict[str, str]]) -> list[Pause]:
    return [Pause(date.fromisoformat(p["first"]), date.fromisoformat(p["last"]), p.get("reason", "")) for p in raw]


@transaction.atomic
def deadline_track(
    *,
    actor: Any,
    target: models.Model,
    rule_code: str,
    start: date,
    extension: int = 0,
    pauses: Sequence[Pause] = (),
    reason: str = "",
) -> TrackedDeadline:
    """Start tracking a deadline for `target`; it will be recomputed if the calendar changes.

    Writes: TrackedDeadline (provisional when counted on the weekday fallback), AuditEvent DEADLINE_TRACKED.
    """
    result = deadline_compute(rule_code=rule_code, start=start, extension=extension, pauses=pauses)
    tracked = TrackedDeadline.objects.create(
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_id=str(target.pk),
        rule_code=rule_code,
        start=start,
        extension=extension,
        pauses=[{"first": p.first.isoformat(), "last": p.last.isoformat(), "reason": p.reason} for p in pauses],
        due=result.due,
        legal_basis=result.legal_basis,
        steps=list(result.steps),
        provisional=result.provisional,
    )
    record_audit(
        actor=actor,
        event_type=AuditEventType.DEADLINE_TRACKED,
        target=tracked,
        reason=reason,
        changes={"rule": [None, rule_code], "start": [None, start.isoformat()], "due": [None, result.due.isoformat()]},
    )
    return tracked


@transaction.atomic
def deadline_close(*, actor: Any, tracked: TrackedDeadline, met: bool, reason: str = "") -> TrackedDeadline:
    """Stop tracking (the act was done, or the record ended). Writes: status, AuditEvent DEADLINE_CLOSED."""
    new_status = TrackedDeadlineStatus.MET if met else TrackedDeadlineStatus.CLOSED
    updated = TrackedDeadline.objects.filter(pk=tracked.pk, status=TrackedDeadlineStatus.OPEN).update(status=new_status)
    if updated != 1:
        raise Conflict("该期限已关闭。", code="deadline_already_closed")
    tracked.refresh_from_db()
    record_audit(
        actor=actor,
        event_type=AuditEventType.DEADLINE_CLOSED,
        target=tracked,
        reason=reason,
        changes={"status": [TrackedDeadlineStatus.OPEN, new_status]},
    )
    return tracked


def deadline_recompute_open(changed_dates: list[date]) -> int:
    """Calendar hook: recompute open deadlines that may be affected by the changed dates.

    Each moved due date is saved with its new steps and an audit row, one transaction per deadline
    so a single failure does not block the others. Returns how many moved. Idempotent.
    """
    if not changed_dates:
        return 0
    earliest, latest = min(changed_dates), max(changed_dates)
    window_start = date.fromordinal(max(1, earliest.toordinal() - RECOMPUTE_WINDOW_DAYS))
    candidates = TrackedDeadline.objects.filter(
        status=TrackedDeadlineStatus.OPEN, start__lte=latest, start__gte=window_start
    )
    calendar = working_calendar()
    moved = 0
    for tracked in candidates.iterator():
        with transaction.atomic():
            result = rules.compute_deadline(
                params=deadline_params_on(rule_code=tracked.rule_code, on=tracked.start),
                start=tracked.start,
                calendar=calendar,
                extension=tracked.extension,
                pauses=_pauses_from_json(tracked.pauses),
            )
            if result.due == tracked.due and list(result.steps) == tracked.steps:
                continue
            # The steps change alone when a provisional deadline (counted on the weekday fallback)
            # gets its year's holidays and keeps its date: the "暂定" note must go all the same.
            old_due = tracked.due
            TrackedDeadline.objects.filter(pk=tracked.pk).update(
                due=result.due, steps=list(result.steps), provisional=result.provisional
            )
            record_audit(
                actor=None,
                event_type=AuditEventType.DEADLINE_RECOMPUTED,
                target=tracked,
                reason="工作日历变更，重新计算期限"
                if result.due != old_due
                else "工作日历变更，期限计算过程已更新（届满日不变）",
                changes={"due": [old_due.isoformat(), result.due.isoformat()]},
            )
            moved += result.due != old_due
    return moved
