"""The working-day calendar against the published holiday arrangements (RULES.md §11.10–11.12)."""

from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.core.calendars.rules import CalendarDataMissing, DayOverride, WorkingDayCalendar

CALENDAR = WorkingDayCalendar()
DATES_WITH_DATA = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 10, 31))


@given(day=DATES_WITH_DATA, count=st.integers(min_value=1, max_value=40))
@settings(max_examples=300, deadline=None)
def test_nth_working_day_is_a_working_day_after_the_start(day: date, count: int) -> None:
    result = CALENDAR.add_working_days(day, count)
    assert result > day
    assert CALENDAR.is_working_day(result)
    assert CALENDAR.working_days_between(day + timedelta(days=1), result) == count


@given(day=DATES_WITH_DATA, count=st.integers(min_value=1, max_value=39))
@settings(max_examples=300, deadline=None)
def test_results_are_strictly_monotonic_in_count(day: date, count: int) -> None:
    assert CALENDAR.add_working_days(day, count) < CALENDAR.add_working_days(day, count + 1)


@given(day=DATES_WITH_DATA, count=st.integers(min_value=1, max_value=40))
@settings(max_examples=300, deadline=None)
def test_agrees_with_chinese_calendar_find_workday(day: date, count: int) -> None:
    # find_workday(n, d) first moves to the first workday on or after d, then counts n more.
    if chinese_calendar.is_workday(day):
        assert CALENDAR.add_working_days(day, count) == chinese_calendar.find_workday(count, day)
    else:
        assert CALENDAR.add_working_days(day, count + 1) == chinese_calendar.find_workday(count, day)


@pytest.mark.parametrize(
    ("_case", "day", "working"),
    [
        ("2024 春节 holiday", date(2024, 2, 12), False),
        ("2024 春节 make-up Sunday 2/4", date(2024, 2, 4), True),
        ("2024 国庆 make-up Saturday 10/12", date(2024, 10, 12), True),
        ("2025 国庆+中秋 8th day", date(2025, 10, 8), False),
        ("2025 make-up Saturday 10/11", date(2025, 10, 11), True),
        ("2026 元旦 make-up Sunday 1/4", date(2026, 1, 4), True),
        ("2026 春节 make-up Saturday 2/28", date(2026, 2, 28), True),
        ("2026 劳动节 make-up Saturday 5/9", date(2026, 5, 9), True),
        ("ordinary Saturday", date(2026, 3, 7), False),
        ("ordinary Wednesday", date(2026, 3, 11), True),
    ],
)
def test_published_arrangements(_case: str, day: date, working: bool) -> None:
    assert CALENDAR.is_working_day(day) is working


def test_holiday_names_are_chinese() -> None:
    assert CALENDAR.holiday_name(date(2025, 10, 3)) == "国庆节"
    assert CALENDAR.holiday_name(date(2026, 2, 17)) == "春节"
    assert CALENDAR.holiday_name(date(2026, 3, 7)) == ""
    assert CALENDAR.rest_day_label(date(2026, 3, 7)) == "休息日（星期六）"


def test_year_without_data_is_an_explicit_error() -> None:
    with pytest.raises(CalendarDataMissing) as error:
        CALENDAR.is_working_day(date(2027, 3, 1))
    assert error.value.code == "calendar_year_missing"
    assert "2027年缺少节假日数据" in error.value.message


def test_weekday_fallback_only_when_configured() -> None:
    fallback = WorkingDayCalendar(weekday_fallback=True)
    assert fallback.is_working_day(date(2027, 3, 1))  # Monday
    assert not fallback.is_working_day(date(2027, 3, 6))  # Saturday


def test_maintained_year_uses_overrides_then_weekdays() -> None:
    calendar = WorkingDayCalendar(
        overrides={date(2027, 1, 1): DayOverride(False, "元旦"), date(2027, 2, 6): DayOverride(True, "")},
        maintained_years=frozenset({2027}),
    )
    assert not calendar.is_working_day(date(2027, 1, 1))
    assert calendar.holiday_name(date(2027, 1, 1)) == "元旦"
    assert calendar.is_working_day(date(2027, 2, 6))  # a Saturday made a working day
    assert calendar.is_makeup_working_day(date(2027, 2, 6))
    assert calendar.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)


def test_override_beats_chinese_calendar() -> None:
    calendar = WorkingDayCalendar(overrides={date(2026, 3, 11): DayOverride(False, "临时放假")})
    assert not calendar.is_working_day(date(2026, 3, 11))
