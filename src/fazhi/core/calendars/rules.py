"""The working-day calendar: pure, built from chinesecalendar data plus the holiday table.

No ORM, no clock, no settings: selectors.working_calendar() builds it from the database rows and
the configured fallback; tests build it directly.

Legal basis: 《全国年节及纪念日放假办法》(2024年修订) 第二条、第六条、第七条 — the statutory holidays, and
the yearly 国务院办公厅 notice that fixes the actual days off and the weekend make-up working days
(调休上班). A date is a working day when it is not a Saturday or Sunday (unless listed as a make-up
working day) and not a listed holiday (RULES.md §11.14).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar
from chinese_calendar.constants import holidays as chinese_calendar_holidays

from fazhi.core.errors import DomainError

CHINESE_CALENDAR_YEARS = frozenset(day.year for day in chinese_calendar_holidays)

# chinesecalendar names its holidays in English; the UI and the steps are Chinese.
HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}
WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


class CalendarDataMissing(DomainError):
    """A date in a year for which nobody has entered the holiday arrangement."""

    default_code = "calendar_year_missing"


@dataclass(frozen=True, slots=True)
class DayOverride:
    """An admin-entered day: a holiday (is_working False) or a make-up working day (True)."""

    is_working: bool
    name: str


def format_date_zh(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def weekday_zh(day: date) -> str:
    return WEEKDAYS_ZH[day.weekday()]


class WorkingDayCalendar:
    """Answers "is this a working day?" and counts working days, for any year with data."""

    def __init__(
        self,
        *,
        overrides: Mapping[date, DayOverride] | None = None,
        maintained_years: frozenset[int] = frozenset(),
        weekday_fallback: bool = False,
        use_chinese_calendar: bool = True,
    ) -> None:
        self._overrides = dict(overrides or {})
        self._maintained_years = maintained_years
        self._weekday_fallback = weekday_fallback
        self._cc_years = CHINESE_CALENDAR_YEARS if use_chinese_calendar else frozenset()

    def has_data_for(self, year: int) -> bool:
        return year in self._cc_years or year in self._maintained_years

    def _require_data(self, day: date) -> None:
        if not self.has_data_for(day.year) and not self._weekday_fallback:
            raise CalendarDataMissing(
                f"{day.year}年缺少节假日数据，请系统管理员在工作日历中维护该年度的节假日和调休安排。",
                fields={"date": [day.isoformat()]},
            )

    def is_working_day(self, day: date) -> bool:
        """Overrides first, then chinesecalendar, then plain weekdays for maintained/fallback years."""
        override = self._overrides.get(day)
        if override is not None:
            return override.is_working
        self._require_data(day)
        if day.year in self._cc_years:
            return chinese_calendar.is_workday(day)
        return day.weekday() < 5

    def is_rest_day(self, day: date) -> bool:
        return not self.is_working_day(day)

    def holiday_name(self, day: date) -> str:
        """The Chinese name of the holiday on `day`, "" for ordinary days and weekends."""
        override = self._overrides.get(day)
        if override is not None:
            return "" if override.is_working else override.name
        if day.year in self._cc_years:
            on_holiday, name = chinese_calendar.get_holiday_detail(day)
            if on_holiday and name:
                return HOLIDAY_NAMES_ZH.get(name, name)
        return ""

    def is_makeup_working_day(self, day: date) -> bool:
        """A weekend day on which people work (调休上班)."""
        return day.weekday() >= 5 and self.is_working_day(day)

    def rest_day_label(self, day: date) -> str:
        """Why `day` is not a working day, in Chinese (for the explanation steps)."""
        name = self.holiday_name(day)
        if name:
            return f"{name}假期"
        return f"休息日（{weekday_zh(day)}）"

    def add_working_days(self, start: date, count: int) -> date:
        """The `count`-th working day after `start`; `start` itself is never counted (count ≥ 1)."""
        if count < 1:
            raise ValueError("count must be at least 1")
        day = start
        remaining = count
        while remaining:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def next_working_day_on_or_after(self, day: date) -> date:
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def working_days_between(self, first: date, last: date) -> int:
        """Count working days in the closed interval [first, last]."""
        count = 0
        day = first
        while day <= last:
            if self.is_working_day(day):
                count += 1
            day += timedelta(days=1)
        return count

    def rest_days_between(self, first: date, last: date) -> list[date]:
        """The non-working days in [first, last], for explaining a count."""
        days = []
        day = first
        while day <= last:
            if not self.is_working_day(day):
                days.append(day)
            day += timedelta(days=1)
        return days
