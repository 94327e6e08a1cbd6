"""The zh_date filter writes dates in the one wording of core.calendars (format_date_zh)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template

from fazhi.core.calendars.rules import format_date_zh
from fazhi.web.templatetags.fazhi_web import zh_date, zh_datetime


@pytest.mark.parametrize("day", [date(2026, 7, 1), date(2025, 10, 16), date(2024, 12, 31)])
def test_zh_date_reads_as_the_calendar_rules_write_it(day) -> None:
    assert zh_date(day) == format_date_zh(day)
    assert Template("{% load fazhi_web %}{{ d|zh_date }}").render(Context({"d": day})) == format_date_zh(day)


@pytest.mark.parametrize("empty", [None, ""])
def test_zh_date_of_nothing_is_empty(empty) -> None:
    assert zh_date(empty) == ""


def test_zh_datetime_writes_a_moment_in_shanghai_time_and_nothing_as_empty() -> None:
    assert zh_datetime(datetime(2024, 4, 1, 16, 30, tzinfo=UTC)) == "2024年4月2日 00:30"  # the next day there
    assert zh_datetime(datetime(2024, 4, 2, 9, 5)) == "2024年4月2日 09:05"  # naive: taken as local
    assert zh_datetime(None) == "" and zh_datetime("") == ""
