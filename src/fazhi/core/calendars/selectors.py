"""Build the working-day calendar from the holiday table and the configured fallback."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from fazhi.core.calendars.choices import DayKind
from fazhi.core.calendars.models import CalendarDay, CalendarYear
from fazhi.core.calendars.rules import DayOverride, WorkingDayCalendar


def working_calendar() -> WorkingDayCalendar:
    """The calendar as the database says now (two small queries; the table holds a few rows a year).

    Not cached across calls on purpose: an admin's edit must apply to the very next computation in
    every process, and correctness of a statutory date beats the saved millisecond.
    """
    overrides = {
        row.day: DayOverride(is_working=row.kind == DayKind.WORKDAY, name=row.name) for row in CalendarDay.objects.all()
    }
    maintained = frozenset(CalendarYear.objects.filter(is_complete=True).values_list("year", flat=True))
    return WorkingDayCalendar(
        overrides=overrides, maintained_years=maintained, weekday_fallback=settings.FAZHI_CALENDAR_WEEKDAY_FALLBACK
    )


def calendar_day_list(*, year: int | None = None) -> QuerySet[CalendarDay]:
    days = CalendarDay.objects.order_by("day")
    return days.filter(day__year=year) if year else days


def calendar_year_list() -> QuerySet[CalendarYear]:
    return CalendarYear.objects.order_by("year")
