"""Starts near the end of the representable calendar are refused with a code, never a 500; periods
the statute states in years read as years."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from rest_framework.test import APIClient

from fazhi.core.calendars.rules import WorkingDayCalendar
from fazhi.core.deadlines.choices import PeriodUnit
from fazhi.core.deadlines.rules import RuleParams, compute_deadline, period_label
from fazhi.core.deadlines.selectors import deadline_rule_list
from fazhi.core.errors import DomainError

FALLBACK = WorkingDayCalendar(weekday_fallback=True)
LAST_DAY = date.max


def _params(count: int, unit: str) -> RuleParams:
    return RuleParams(code="test.rule", name_zh="测试期限", count=count, unit=unit, legal_basis="测试依据")


@pytest.mark.parametrize(
    ("count", "unit"),
    [(7, PeriodUnit.WORKING_DAY), (15, PeriodUnit.CALENDAR_DAY), (60, PeriodUnit.MONTH), (6, PeriodUnit.MONTH)],
)
def test_a_period_running_past_the_last_day_is_refused(count: int, unit: str) -> None:
    with pytest.raises(DomainError) as refused:
        compute_deadline(params=_params(count, unit), start=LAST_DAY - timedelta(days=3), calendar=FALLBACK)
    assert refused.value.code == "date_out_of_range" and refused.value.status_code == 400
    assert "起算日" in refused.value.message


def test_a_late_but_computable_start_still_computes() -> None:
    start = LAST_DAY - timedelta(days=40)
    result = compute_deadline(params=_params(15, PeriodUnit.CALENDAR_DAY), start=start, calendar=FALLBACK)
    assert start < result.due <= LAST_DAY and result.provisional


@pytest.fixture
def weekday_fallback(settings):
    # The QA server runs with the fallback on: without it a far year stops at calendar_year_missing.
    settings.FAZHI_CALENDAR_WEEKDAY_FALLBACK = True


@pytest.mark.django_db
@pytest.mark.usefixtures("weekday_fallback")
@pytest.mark.parametrize("start", ["9999-12-31", "9999-12-25"])
def test_the_api_answers_400_with_a_code_for_a_start_too_late(start: str) -> None:
    response = APIClient().get("/api/v1/deadlines/", {"rule": "penalty.service", "start": start})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "date_out_of_range"


@pytest.mark.django_db
@pytest.mark.usefixtures("weekday_fallback")
def test_the_calculator_page_answers_400_with_the_chinese_message() -> None:
    response = Client().get("/deadlines/calculator/", {"rule": "penalty.service", "start": "9999-12-31"})
    assert response.status_code == 400
    assert "届满日超出可计算的日期范围" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("weekday_fallback")
def test_the_command_refuses_a_start_too_late_cleanly() -> None:
    with pytest.raises(CommandError) as refused:
        call_command("deadline", "penalty.service", "9999-12-31", stdout=StringIO())
    assert "date_out_of_range" in str(refused.value) and refused.value.returncode == 2


@pytest.mark.parametrize(
    ("count", "unit", "years"),
    [(12, PeriodUnit.MONTH, 1), (60, PeriodUnit.MONTH, 5), (240, PeriodUnit.MONTH, 20)],
)
def test_whole_years_read_as_years(count: int, unit: str, years: int) -> None:
    assert period_label(count, unit) == f"{years}年"


@pytest.mark.parametrize(
    ("count", "unit", "words"),
    [(6, PeriodUnit.MONTH, "6个月"), (15, PeriodUnit.CALENDAR_DAY, "15日"), (5, PeriodUnit.WORKING_DAY, "5个工作日")],
)
def test_other_periods_keep_their_unit(count: int, unit: str, words: str) -> None:
    assert period_label(count, unit) == words


def test_the_steps_state_a_period_in_years_as_years() -> None:
    result = compute_deadline(params=_params(60, PeriodUnit.MONTH), start=date(2025, 3, 3), calendar=FALLBACK)
    assert any("期间为5年" in step for step in result.steps)
    assert not any("60个月" in step for step in result.steps)


@pytest.mark.django_db
def test_the_rule_list_and_api_give_the_period_as_the_statute_words_it() -> None:
    # given: the shipped 行政复议法第二十一条 caps, stored as 60 and 240 months
    summaries = {rule.code: rule for rule in deadline_rule_list()}
    five, twenty = (summaries[f"reconsideration.application.absolute{s}"] for s in ("", ".real_estate"))
    assert (five.count, twenty.count) == (60, 240)
    # then: read as years, and so in the API and the command's listing
    assert (five.period_label, twenty.period_label) == ("5年", "20年")
    rows = {row["code"]: row for row in APIClient().get("/api/v1/deadlines/rules/").json()}
    assert rows[five.code]["period_label"] == "5年"
    listing = StringIO()
    call_command("deadline", stdout=listing)
    line = next(line for line in listing.getvalue().splitlines() if line.startswith(twenty.code + " "))
    assert "20年" in line and "240" not in line
