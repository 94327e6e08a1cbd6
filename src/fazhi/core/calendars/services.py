"""Writes to the holiday table; every change triggers recomputation of open deadlines."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.calendars.choices import DayKind
from fazhi.core.calendars.hooks import run_recompute_hooks
from fazhi.core.calendars.models import CalendarDay, CalendarYear
from fazhi.core.errors import DomainError, NotFound
from fazhi.core.outbox.services import enqueue

RECOMPUTE_KIND = "calendars.recompute"


def _queue_recompute(changed: list[date]) -> None:
    # Through the outbox: the recomputation runs after commit, in `fazhi tick`, and is retried if
    # it fails; it can touch many deadlines, which should not lengthen the admin's transaction.
    enqueue(kind=RECOMPUTE_KIND, payload={"dates": [d.isoformat() for d in changed]})


def recompute_handler(message_id: int, payload: dict[str, Any]) -> None:
    """Outbox handler: run the registered hooks (idempotent: recomputing twice gives the same dates)."""
    run_recompute_hooks([date.fromisoformat(value) for value in payload.get("dates", [])])


@transaction.atomic
def calendar_day_set(
    *, actor: Any, day: date, kind: str, name: str = "", citation: str = "", reason: str = ""
) -> CalendarDay:
    """Mark `day` as a holiday or a make-up working day.

    Writes: CalendarDay, AuditEvent CALENDAR_DAY_SET, outbox calendars.recompute.
    """
    if kind not in DayKind.values:
        raise DomainError(
            f"未知的日期类型：{kind}", code="calendar_bad_kind", fields={"kind": ["只能是放假或调休上班。"]}
        )
    if kind == DayKind.HOLIDAY and not name.strip():
        raise DomainError("放假日期应填写节日名称。", code="calendar_name_required", fields={"name": ["必填。"]})
    existing = CalendarDay.objects.filter(day=day).first()
    old = (existing.kind, existing.name) if existing else (None, None)
    row, _created = CalendarDay.objects.update_or_create(
        day=day, defaults={"kind": kind, "name": name.strip(), "citation": citation.strip()}
    )
    if old == (kind, name.strip()):
        return row
    record_audit(
        actor=actor,
        event_type=AuditEventType.CALENDAR_DAY_SET,
        target=row,
        reason=reason,
        changes={"kind": [old[0], kind], "name": [old[1], name.strip()]},
    )
    _queue_recompute([day])
    return row


@transaction.atomic
def calendar_day_delete(*, actor: Any, day: date, reason: str = "") -> None:
    """Remove an override so chinesecalendar (or the weekday rule) applies again.

    Writes: deletes CalendarDay, AuditEvent CALENDAR_DAY_DELETED (target: the year row), outbox.
    """
    row = CalendarDay.objects.filter(day=day).first()
    if row is None:
        raise NotFound(f"{day.isoformat()}没有维护节假日或调休记录。", code="calendar_day_not_found")
    year_row, _ = CalendarYear.objects.get_or_create(year=day.year, defaults={"citation": "", "is_complete": False})
    record_audit(
        actor=actor,
        event_type=AuditEventType.CALENDAR_DAY_DELETED,
        target=year_row,
        reason=reason,
        changes={"day": [day.isoformat(), None], "kind": [row.kind, None], "name": [row.name, None]},
    )
    row.delete()
    _queue_recompute([day])


@transaction.atomic
def calendar_year_mark(*, actor: Any, year: int, citation: str, is_complete: bool, reason: str = "") -> CalendarYear:
    """Declare a year's arrangement complete (or not); only complete years are used.

    Writes: CalendarYear, AuditEvent CALENDAR_YEAR_MARKED, outbox recompute for the whole year.
    """
    if not 2000 <= year <= 2100:
        raise DomainError(f"年度{year}超出范围。", code="calendar_bad_year", fields={"year": ["年度无效。"]})
    if is_complete and not citation.strip():
        raise DomainError("请填写放假安排的依据（国务院办公厅通知）。", code="calendar_citation_required")
    row, created = CalendarYear.objects.get_or_create(
        year=year, defaults={"citation": citation, "is_complete": is_complete}
    )
    old = (None, None) if created else (row.citation, row.is_complete)
    row.citation, row.is_complete = citation, is_complete
    row.save()
    record_audit(
        actor=actor,
        event_type=AuditEventType.CALENDAR_YEAR_MARKED,
        target=row,
        reason=reason,
        changes={"citation": [old[0], citation], "is_complete": [old[1], is_complete]},
    )
    _queue_recompute([date(year, 1, 1), date(year, 12, 31)])
    return row
