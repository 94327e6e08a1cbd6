"""Every shipped rule code across the 2024–2026 holidays and make-up days.

Expected dates are counted by hand from the published arrangements (RULES.md §11.10–11.12); the
comment on each case shows the count. They are not derived from the code under test.
"""

from datetime import date

import pytest

from fazhi.core.calendars.rules import CHINESE_CALENDAR_YEARS, CalendarDataMissing, WorkingDayCalendar
from fazhi.core.deadlines.choices import PeriodUnit
from fazhi.core.deadlines.rules import Pause, RuleParams, add_months, compute_deadline, versions_overlap
from fazhi.core.errors import DomainError

CAL = WorkingDayCalendar()
W, C = PeriodUnit.WORKING_DAY, PeriodUnit.CALENDAR_DAY

# The shipped parameters (migration 0002); the DB-backed test below checks they match.
SHIPPED = {
    "penalty.decision": (90, C, 0, C),
    "penalty.hearing_request": (5, W, 0, C),
    "penalty.service": (7, W, 0, C),
    "penalty.payment": (15, C, 0, C),
    "penalty.withdraw_publication": (3, W, 0, C),
    "publicity.penalty": (7, W, 0, C),
    "publicity.license": (7, W, 0, C),
    "publicity.other": (20, W, 0, C),
    "reconsideration.application": (60, C, 0, C),
    "reconsideration.acceptance": (5, W, 0, C),
    "reconsideration.correction_notice": (5, W, 0, C),
    "reconsideration.correction_reply": (10, W, 0, C),
    "reconsideration.reply": (10, W, 0, C),
    "reconsideration.reply.simplified": (5, W, 0, C),
    "reconsideration.decision": (60, C, 30, C),
    "reconsideration.decision.simplified": (30, C, 0, C),
    "disclosure.reply": (20, W, 20, W),
    "disclosure.correction_notice": (7, W, 0, C),
    "decision.public_comment": (30, C, 0, C),
    "normative.filing": (30, C, 0, C),
    "litigation.defence": (15, C, 0, C),
}


def params(code: str) -> RuleParams:
    count, unit, max_extension, extension_unit = SHIPPED[code]
    return RuleParams(
        code=code,
        name_zh=code,
        count=count,
        unit=unit,
        legal_basis="测试依据",
        max_extension=max_extension,
        extension_unit=extension_unit,
    )


CASES = [
    # working days ---------------------------------------------------------------------------
    # 9/30 → 10/9(1) 10/10(2) 10/11 Sat make-up(3) 10/13(4) 10/14(5) 10/15(6) 10/16(7); 10/1–8 off
    ("penalty.service", date(2025, 9, 30), 0, date(2025, 10, 16)),
    # 9/27 Fri → 9/29 Sun make-up(1) 9/30(2), 10/1–7 off, 10/8(3) 10/9(4) 10/10(5)
    ("penalty.hearing_request", date(2024, 9, 27), 0, date(2024, 10, 10)),
    # 5/30 Fri → 5/31–6/2 端午 off → 6/3(1) 6/4(2) 6/5(3)
    ("penalty.withdraw_publication", date(2025, 5, 30), 0, date(2025, 6, 5)),
    # 2/8 Thu → 2/9(1), 2/10–17 off, 2/18 Sun make-up(2), 2/19–23 (3..7)
    ("publicity.penalty", date(2024, 2, 8), 0, date(2024, 2, 23)),
    # 2/12 Thu → 2/13(1) 2/14 Sat make-up(2), 2/15–23 off, 2/24–27 (3..6), 2/28 Sat make-up(7)
    ("publicity.license", date(2026, 2, 12), 0, date(2026, 2, 28)),
    # 9/18 Fri → 9/20 Sun make-up(1) 9/21–24(2..5) 9/25–27 中秋 off 9/28–30(6..8) 10/1–7 off
    # 10/8–9(9,10) 10/10 Sat make-up(11) 10/12–16(12..16) 10/19–22(17..20)
    ("publicity.other", date(2026, 9, 18), 0, date(2026, 10, 22)),
    # 4/30 Wed → 5/1–5 off → 5/6–9(1..4) 5/12 Mon(5)
    ("reconsideration.acceptance", date(2025, 4, 30), 0, date(2025, 5, 12)),
    # 9/13 Fri → 9/14 Sat make-up(1), 9/15–17 off, 9/18–20(2..4), 9/23 Mon(5)
    ("reconsideration.correction_notice", date(2024, 9, 13), 0, date(2024, 9, 23)),
    # 4/30 Thu → 5/1–5 off → 5/6–8(1..3) 5/9 Sat make-up(4) 5/11–15(5..9) 5/18(10)
    ("reconsideration.correction_reply", date(2026, 4, 30), 0, date(2026, 5, 18)),
    # 4/3 Wed → 4/4–6 off, 4/7 Sun make-up(1), 4/8–12(2..6), 4/15–18(7..10)
    ("reconsideration.reply", date(2024, 4, 3), 0, date(2024, 4, 18)),
    # 1/1 Thu (元旦) → 1/2–3 off, 1/4 Sun make-up(1), 1/5–8(2..5)
    ("reconsideration.reply.simplified", date(2026, 1, 1), 0, date(2026, 1, 8)),
    # 1/20 Mon → 1/21–24(1..4) 1/26 Sun make-up(5) 1/27(6) 1/28–2/4 off 2/5–7(7..9) 2/8 Sat make-up(10)
    # 2/10–14(11..15) 2/17–21(16..20)
    ("disclosure.reply", date(2025, 1, 20), 0, date(2025, 2, 21)),
    # + 20 working days extension after 2/21: 2/24–3/21 (four plain weeks)
    ("disclosure.reply", date(2025, 1, 20), 20, date(2025, 3, 21)),
    # 6/7 Fri → 6/10 端午 off → 6/11–14(1..4) 6/17–19(5..7)
    ("disclosure.correction_notice", date(2024, 6, 7), 0, date(2024, 6, 19)),
    # calendar days ----------------------------------------------------------------------------
    # 7/5 + 90 = 10/3 (国庆 2024 10/1–7) → rolls to 10/8
    ("penalty.decision", date(2024, 7, 5), 0, date(2024, 10, 8)),
    # 10/10 + 90 = 2026-01-08 (Thursday, a working day) — across the year end
    ("penalty.decision", date(2025, 10, 10), 0, date(2026, 1, 8)),
    # 1/13 + 15 = 1/28 (春节 2025 1/28–2/4) → 2/5
    ("penalty.payment", date(2025, 1, 13), 0, date(2025, 2, 5)),
    # 9/21 + 15 = 10/6 (国庆 2025 10/1–8) → 10/9
    ("penalty.payment", date(2025, 9, 21), 0, date(2025, 10, 9)),
    # 3/5 + 60 = 5/4 (劳动节 2026 5/1–5) → 5/6
    ("reconsideration.application", date(2026, 3, 5), 0, date(2026, 5, 6)),
    # 8/2 + 60 = 10/1 (国庆 2024) → 10/8
    ("reconsideration.decision", date(2024, 8, 2), 0, date(2024, 10, 8)),
    # 8/2 + 60 + 30 = 10/31 (Thursday)
    ("reconsideration.decision", date(2024, 8, 2), 30, date(2024, 10, 31)),
    # 6/19 + 30 = 7/19 Sunday → next working day 7/20
    ("reconsideration.decision.simplified", date(2026, 6, 19), 0, date(2026, 7, 20)),
    # 12/2 + 30 = 2026-01-01 (元旦 1/1–3) → the first day after is Sunday 1/4, a make-up working day
    ("decision.public_comment", date(2025, 12, 2), 0, date(2026, 1, 4)),
    # 1/15 + 30 = 2/14 (春节 2024 2/10–17) → 2/18, a make-up Sunday
    ("normative.filing", date(2024, 1, 15), 0, date(2024, 2, 18)),
    # 4/16 + 15 = 5/1 (劳动节 2024 5/1–5) → 5/6
    ("litigation.defence", date(2024, 4, 16), 0, date(2024, 5, 6)),
]


@pytest.mark.parametrize(("code", "start", "extension", "expected"), CASES)
def test_shipped_rule_across_holidays(code: str, start: date, extension: int, expected: date) -> None:
    result = compute_deadline(params=params(code), start=start, calendar=CAL, extension=extension)
    assert result.due == expected


def test_every_shipped_code_has_a_table_case() -> None:
    assert {case[0] for case in CASES} == set(SHIPPED)


def test_steps_explain_exclusion_and_roll_over() -> None:
    result = compute_deadline(params=params("penalty.payment"), start=date(2025, 9, 21), calendar=CAL)
    text = "\n".join(result.steps)
    assert "起算日2025年9月21日（星期日）不计入期间" in text
    # chinesecalendar names 2025-10-06 after 中秋节, which fell on that day inside the 10/1–8 break
    assert "届满日2025年10月6日（星期一）为法定休假日（中秋节假期）" in text
    assert "顺延至休假日后的第一日2025年10月9日（星期四）" in text


def test_steps_name_the_holidays_skipped_and_make_up_days() -> None:
    result = compute_deadline(params=params("penalty.service"), start=date(2025, 9, 30), calendar=CAL)
    text = "\n".join(result.steps)
    assert "国庆节" in text and "中秋节" in text
    assert "2025年10月11日（星期六）" in text  # the make-up Saturday counted as a working day


@pytest.mark.parametrize(
    ("code", "extension", "error_code"),
    [
        ("penalty.decision", 10, "extension_not_allowed"),
        ("reconsideration.decision", 31, "extension_exceeds_cap"),
        ("disclosure.reply", 21, "extension_exceeds_cap"),
        ("disclosure.reply", -1, "extension_negative"),
    ],
)
def test_extension_limits(code: str, extension: int, error_code: str) -> None:
    with pytest.raises(DomainError) as error:
        compute_deadline(params=params(code), start=date(2025, 3, 3), calendar=CAL, extension=extension)
    assert error.value.code == error_code


def test_pause_extends_a_calendar_period_by_the_paused_days() -> None:
    # 60 days from 2025-03-03 = 5/2 (holiday) ; 10 paused days → 5/12 (Monday)
    result = compute_deadline(
        params=params("reconsideration.decision"),
        start=date(2025, 3, 3),
        calendar=CAL,
        pauses=[Pause(date(2025, 3, 10), date(2025, 3, 19), "中止")],
    )
    assert result.paused_days == 10
    assert result.due == date(2025, 5, 12)
    assert any("不计入" in step for step in result.steps)


def test_pause_in_working_days_counts_only_working_days() -> None:
    # 3/10–3/16 2025 holds 5 working days; 20 + 5 working days after 2025-03-03
    result = compute_deadline(
        params=params("disclosure.reply"),
        start=date(2025, 3, 3),
        calendar=CAL,
        pauses=[Pause(date(2025, 3, 10), date(2025, 3, 16))],
    )
    assert result.paused_days == 5
    assert result.due == CAL.add_working_days(date(2025, 3, 3), 25)


def test_weekend_roll_over_can_be_switched_off_but_holidays_still_roll() -> None:
    no_weekends = RuleParams(code="x", name_zh="x", count=30, unit=C, legal_basis="b", roll_over_weekends=False)
    # 6/19 + 30 = 7/19 Sunday: no roll-over for an ordinary Sunday
    assert compute_deadline(params=no_weekends, start=date(2026, 6, 19), calendar=CAL).due == date(2026, 7, 19)
    # 7/5 + 90 = 10/3 国庆: still rolls
    long = RuleParams(code="x", name_zh="x", count=90, unit=C, legal_basis="b", roll_over_weekends=False)
    assert compute_deadline(params=long, start=date(2024, 7, 5), calendar=CAL).due == date(2024, 10, 8)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 3, 31), 1, date(2024, 4, 30)),
        (date(2025, 11, 15), 3, date(2026, 2, 15)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
    ],
)
def test_month_arithmetic_civil_code_art_202(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_month_period_rolls_over_too() -> None:
    six_months = RuleParams(code="x", name_zh="x", count=6, unit=PeriodUnit.MONTH, legal_basis="b")
    # 2025-04-01 + 6 months = 10/1 (国庆) → 10/9
    assert compute_deadline(params=six_months, start=date(2025, 4, 1), calendar=CAL).due == date(2025, 10, 9)


def test_unconfirmed_rule_says_so() -> None:
    unconfirmed = RuleParams(code="x", name_zh="x", count=30, unit=C, legal_basis="b", confirmed=False)
    result = compute_deadline(params=unconfirmed, start=date(2025, 3, 3), calendar=CAL)
    assert not result.confirmed
    assert "默认值" in result.steps[-1]


def test_a_period_over_a_year_without_holiday_data_is_provisional_on_the_fallback_and_says_so() -> None:
    ninety = RuleParams(code="x", name_zh="x", count=90, unit=C, legal_basis="b")
    guessing = WorkingDayCalendar(weekday_fallback=True)
    last_year = max(CHINESE_CALENDAR_YEARS)

    over = compute_deadline(params=ninety, start=date(last_year, 11, 24), calendar=guessing)
    within = compute_deadline(params=ninety, start=date(last_year, 3, 2), calendar=guessing)

    assert over.provisional and over.due.year == last_year + 1
    assert f"{last_year + 1}年尚无节假日和调休数据" in over.steps[-1] and "暂定" in over.steps[-1]
    assert over.as_dict()["provisional"] is True
    assert not within.provisional and not any("暂定" in step for step in within.steps)
    with pytest.raises(CalendarDataMissing):  # without the fallback: refused, as before
        compute_deadline(params=ninety, start=date(last_year, 11, 24), calendar=CAL)


@pytest.mark.parametrize(
    ("first", "second", "overlap"),
    [
        ((date(2020, 1, 1), date(2023, 12, 31)), (date(2024, 1, 1), None), False),
        ((date(2020, 1, 1), None), (date(2024, 1, 1), None), True),
        ((date(2020, 1, 1), date(2024, 1, 1)), (date(2024, 1, 1), None), True),
    ],
)
def test_version_overlap(first, second, overlap) -> None:
    assert versions_overlap(*first, *second) is overlap
