"""The zh_date filter writes dates in the one wording of core.calendars (format_date_zh)."""

from __future__ import annotations

from datetime import date

import pytest
from django.template import Context, Template

from fazhi.core.calendars.rules import format_date_zh
from fazhi.web.templatetags.fazhi_web import zh_date


@pytest.mark.parametrize("day", [date(2026, 7, 1), date(2025, 10, 16), date(2024, 12, 31)])
def test_zh_date_reads_as_the_calendar_rules_write_it(day) -> None:
    assert zh_date(day) == format_date_zh(day)
    assert Template("{% load fazhi_web %}{{ d|zh_date }}").render(Context({"d": day})) == format_date_zh(day)


@pytest.mark.parametrize("empty", [None, ""])
def test_zh_date_of_nothing_is_empty(empty) -> None:
    assert zh_date(empty) == ""
