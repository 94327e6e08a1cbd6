"""The deadline engine: statutory periods computed with their explanation.

Pure: no ORM, no clock, no settings. The parameters of each rule (days, unit, extension cap,
citation) are versioned data passed in as RuleParams; the counting conventions are this code.

Legal basis (counting conventions):
- 《中华人民共和国民事诉讼法》(2023) 第八十五条第二款："期间开始的时和日，不计算在期间内。"
  and 《中华人民共和国民法典》第二百零一条 — the start day is excluded.
- 民事诉讼法第八十五条第三款："期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期。"
  and 民法典第二百零三条第一款 — a calendar period ending on a rest day rolls to the next working day.
- 民法典第二百零二条："按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，为月末日。"
- 《中华人民共和国行政处罚法》第八十五条, 《中华人民共和国行政复议法》第八十八条,
  《中华人民共和国行政许可法》第八十二条,
  《中华人民共和国行政强制法》第六十九条 — which periods are working days (RULES.md §11.7).
Interpretation: ordinary Saturdays and Sundays count as 法定休假日 for the roll-over (mainstream
practice, RULES.md §11.13, unconfirmed) — configurable per rule version (`roll_over_weekends`);
a 调休 working Saturday is a working day and never causes a roll-over.
"""

from __future__ import annotations

import calendar as month_calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import MAXYEAR, MINYEAR, date, timedelta
from typing import Any

from fazhi.core.calendars.rules import WorkingDayCalendar, format_date_zh, weekday_zh
from fazhi.core.deadlines.choices import PeriodUnit
from fazhi.core.errors import DomainError


@dataclass(frozen=True, slots=True)
class RuleParams:
    """One version of a rule's parameters, as stored in DeadlineRuleVersion."""

    code: str
    name_zh: str
    count: int
    unit: str
    legal_basis: str
    quoted_text: str = ""
    confirmed: bool = True
    start_excluded: bool = True
    roll_over: bool = True
    roll_over_weekends: bool = True
    max_extension: int = 0
    extension_unit: str = PeriodUnit.CALENDAR_DAY
    extension_basis: str = ""


@dataclass(frozen=True, slots=True)
class Pause:
    """A period during which the clock stops (中止, 补正, 第三方征求意见), both ends inclusive."""

    first: date
    last: date
    reason: str = "中止"


@dataclass(frozen=True, slots=True)
class DeadlineResult:
    """A computed due date with the basis and the steps that explain it (shown to users, printed)."""

    rule: str
    name_zh: str
    start: date
    due: date
    legal_basis: str
    steps: tuple[str, ...]
    confirmed: bool
    extension: int = 0
    quoted_text: str = ""
    paused_days: int = 0
    details: dict[str, Any] = field(default_factory=dict)
    # Counted over a year without holiday data, on the configured Mon–Fri fallback: a guess until
    # an admin enters that year (the open tracked deadlines are then recomputed).
    provisional: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name_zh,
            "start": self.start.isoformat(),
            "due": self.due.isoformat(),
            "legal_basis": self.legal_basis,
            "quoted_text": self.quoted_text,
            "steps": list(self.steps),
            "confirmed": self.confirmed,
            "extension": self.extension,
            "paused_days": self.paused_days,
            "provisional": self.provisional,
        }


def add_months(start: date, months: int) -> date:
    """The corresponding day `months` later, or the month's last day if there is none.

    Legal basis: 《中华人民共和国民法典》第二百零二条："按照年、月计算期间的，到期月的对应日为期间的最后一日；
    没有对应日的，为月末日。"
    """
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    if not MINYEAR <= year <= MAXYEAR:
        # The same error as date + timedelta past the calendar's end, so callers handle one kind.
        raise OverflowError("date value out of range")
    last_day = month_calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last_day))


def period_label(count: int, unit: str) -> str:
    """How a period reads in Chinese: "15日", "5个工作日", "6个月", and whole years as "5年".

    Legal basis: 《中华人民共和国民法典》第二百零二条："按照年、月计算期间的，到期月的对应日为期间的最后一日；
    没有对应日的，为月末日。"
    Interpretation: the statutes state these periods in years (行政复议法第二十条第三款"一年"、第二十一条
    "五年""二十年"); they are stored as 12, 60 and 240 months, which end on exactly the same day under
    第二百零二条. A whole number of years is therefore shown as years, as the statute words it.
    """
    if unit == PeriodUnit.MONTH and count % 12 == 0:
        return f"{count // 12}年"
    return {
        PeriodUnit.CALENDAR_DAY: f"{count}日",
        PeriodUnit.WORKING_DAY: f"{count}个工作日",
        PeriodUnit.MONTH: f"{count}个月",
    }[unit]


def _unit_label(unit: str, count: int) -> str:
    return period_label(count, unit)


def _d(day: date) -> str:
    return f"{format_date_zh(day)}（{weekday_zh(day)}）"


def _validate_extension(params: RuleParams, extension: int) -> None:
    if extension < 0:
        raise DomainError("延长期限不能为负数。", code="extension_negative", fields={"extend": ["应为非负整数。"]})
    if extension == 0:
        return
    if params.max_extension <= 0:
        raise DomainError(
            f"“{params.name_zh}”依法不得延长（{params.legal_basis}）。",
            code="extension_not_allowed",
            fields={"extend": ["该期限不能延长。"]},
        )
    if extension > params.max_extension:
        cap = _unit_label(params.extension_unit, params.max_extension)
        raise DomainError(
            f"延长期限不得超过{cap}（{params.extension_basis or params.legal_basis}）。",
            code="extension_exceeds_cap",
            fields={"extend": [f"最多延长{cap}。"]},
        )


def _paused_amount(pauses: Sequence[Pause], unit: str, calendar: WorkingDayCalendar, start: date) -> int:
    total = 0
    for pause in pauses:
        first = max(pause.first, start + timedelta(days=1))
        if pause.last < first:
            continue
        if unit == PeriodUnit.WORKING_DAY:
            total += calendar.working_days_between(first, pause.last)
        else:
            total += (pause.last - first).days + 1
    return total


def _count_working(calendar: WorkingDayCalendar, start: date, count: int, steps: list[str], label: str) -> date:
    due = calendar.add_working_days(start, count)
    skipped = calendar.rest_days_between(start + timedelta(days=1), due)
    holiday_names = sorted({calendar.holiday_name(day) for day in skipped if calendar.holiday_name(day)})
    makeup = [day for day in _days(start + timedelta(days=1), due) if calendar.is_makeup_working_day(day)]
    note = f"，期间内{'、'.join(holiday_names)}假期不计入" if holiday_names else ""
    steps.append(f"{label}按工作日计算，不含法定节假日和休息日{note}；共跳过{len(skipped)}个非工作日")
    if makeup:
        steps.append("调休上班日计为工作日：" + "、".join(_d(day) for day in makeup))
    steps.append(f"第{count}个工作日为{_d(due)}")
    return due


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def _roll_over(params: RuleParams, calendar: WorkingDayCalendar, end: date, steps: list[str]) -> date:
    """Calendar periods: an end on a rest day moves to the next working day."""
    if not params.roll_over or calendar.is_working_day(end):
        return end
    is_holiday = bool(calendar.holiday_name(end))
    if not is_holiday and not params.roll_over_weekends:
        steps.append(f"届满日{_d(end)}为休息日，本规则不因休息日顺延")
        return end
    rolled = calendar.next_working_day_on_or_after(end)
    steps.append(
        f"届满日{_d(end)}为法定休假日（{calendar.rest_day_label(end)}），"
        f"依法顺延至休假日后的第一日{_d(rolled)}（民事诉讼法第八十五条第三款）"
    )
    return rolled


def compute_deadline(
    *,
    params: RuleParams,
    start: date,
    calendar: WorkingDayCalendar,
    extension: int = 0,
    pauses: Sequence[Pause] = (),
) -> DeadlineResult:
    """Return the last day of the period `params` describes, starting from the event on `start`.

    Legal basis: the rule's own citation (params.legal_basis) for the length; the module
    docstring for the counting conventions (start day excluded; roll-over; months).
    Raises DomainError `date_out_of_range` when the counting would pass the last representable
    day (9999-12-31): a start that late is a typing error, never a real event.
    """
    _validate_extension(params, extension)
    try:
        return _compute(params=params, start=start, calendar=calendar, extension=extension, pauses=pauses)
    except OverflowError as exc:
        raise DomainError(
            f"起算日{format_date_zh(start)}过晚，届满日超出可计算的日期范围（至9999年12月31日），请检查起算日。",
            code="date_out_of_range",
            fields={"start": ["起算日过晚，无法计算届满日。"]},
        ) from exc


def _compute(
    *,
    params: RuleParams,
    start: date,
    calendar: WorkingDayCalendar,
    extension: int,
    pauses: Sequence[Pause],
) -> DeadlineResult:
    steps: list[str] = [
        f"起算日{_d(start)}不计入期间，自次日开始计算（民事诉讼法第八十五条第二款）"
        if params.start_excluded
        else f"起算日{_d(start)}计入期间"
    ]
    origin = start if params.start_excluded else start - timedelta(days=1)
    period = _unit_label(params.unit, params.count)
    paused = _paused_amount(pauses, params.unit, calendar, start)

    if params.unit == PeriodUnit.WORKING_DAY:
        due = _count_working(calendar, origin, params.count, steps, f"期间为{period}，")
        if paused:
            due = calendar.add_working_days(due, paused)
            steps.append(f"中止、补正等期间共{paused}个工作日不计入，期限相应顺延至{_d(due)}")
        if extension:
            due = _extend(params, calendar, due, extension, steps)
        return _result(params, calendar, start, due, steps, extension, paused)

    end = add_months(origin, params.count) if params.unit == PeriodUnit.MONTH else origin + timedelta(days=params.count)
    kind = (
        "按月计算，到期月的对应日为届满日（民法典第二百零二条）" if params.unit == PeriodUnit.MONTH else "按自然日计算"
    )
    steps.append(f"期间为{period}，{kind}，届满日为{_d(end)}")
    if paused:
        end += timedelta(days=paused)
        steps.append(f"中止、补正等期间共{paused}日不计入，届满日相应顺延至{_d(end)}")
    if extension and params.extension_unit != PeriodUnit.WORKING_DAY:
        end += timedelta(days=extension)
        steps.append(f"依法延长{extension}日（{params.extension_basis or params.legal_basis}），届满日为{_d(end)}")
        due = _roll_over(params, calendar, end, steps)
    else:
        due = _roll_over(params, calendar, end, steps)
        if extension:
            due = _extend(params, calendar, due, extension, steps)
    return _result(params, calendar, start, due, steps, extension, paused)


def _extend(params: RuleParams, calendar: WorkingDayCalendar, due: date, extension: int, steps: list[str]) -> date:
    basis = params.extension_basis or params.legal_basis
    if params.extension_unit == PeriodUnit.WORKING_DAY:
        extended = calendar.add_working_days(due, extension)
        steps.append(f"依法延长{extension}个工作日（{basis}），届满日为{_d(extended)}")
        return extended
    extended = due + timedelta(days=extension)
    steps.append(f"依法延长{extension}日（{basis}），届满日为{_d(extended)}")
    return _roll_over(params, calendar, extended, steps)


def _result(
    params: RuleParams,
    calendar: WorkingDayCalendar,
    start: date,
    due: date,
    steps: list[str],
    extension: int,
    paused: int,
) -> DeadlineResult:
    steps.append(f"届满日：{_d(due)}。法律依据：{params.legal_basis}")
    if not params.confirmed:
        steps.append("注意：本期限为可配置的默认值，尚未核实法律依据，请以当地规定为准")
    # Only a calendar with the weekday fallback gets this far over a year without data.
    guessed = [year for year in range(start.year, due.year + 1) if not calendar.has_data_for(year)]
    if guessed:
        years = "、".join(f"{year}年" for year in guessed)
        steps.append(
            f"注意：{years}尚无节假日和调休数据，暂按周一至周五为工作日推算，届满日为暂定；"
            "系统管理员维护该年度工作日历后自动重新计算"
        )
    return DeadlineResult(
        rule=params.code,
        name_zh=params.name_zh,
        start=start,
        due=due,
        legal_basis=params.legal_basis,
        steps=tuple(steps),
        confirmed=params.confirmed,
        extension=extension,
        quoted_text=params.quoted_text,
        paused_days=paused,
        provisional=bool(guessed),
    )


def versions_overlap(first_from: date, first_to: date | None, second_from: date, second_to: date | None) -> bool:
    """Two effective ranges [from, to] (to None = open) overlap — one rule has one version per day."""
    first_end = first_to or date.max
    second_end = second_to or date.max
    return first_from <= second_end and second_from <= first_end
