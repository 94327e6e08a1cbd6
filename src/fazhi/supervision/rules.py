"""Pure rules of supervision: periods, rounding, indicator arithmetic, rollup increments, ranking,
case-file review checks, reproducible sampling and snapshot diffs.

No ORM, no clock, no settings: selectors gather facts, these functions decide.
"""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any, NamedTuple

from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.errors import DomainError
from fazhi.core.tabular import DateTextError, parse_date_text
from fazhi.enforcement.rules import fine_within_discretion
from fazhi.enforcement.rules.execution import PUBLISH_ACTION, actions_barred_by_change
from fazhi.orgs.choices import CertificateStatus
from fazhi.orgs.rules import certificate_counts_on, certificate_status_on
from fazhi.supervision.choices import LAG_THRESHOLDS, Grain, MissingIndicatorPolicy, RecordType

# --- periods --------------------------------------------------------------------------------------


def month_start(day: date) -> date:
    return day.replace(day=1)


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _next_quarter(day: date) -> date:
    return _next_month(_next_month(_next_month(quarter_start(day))))


def bucket_of(day: date, grain: str) -> date:
    """Return the first day of the day/month/quarter bucket holding `day`."""
    if grain == Grain.DAY:
        return day
    if grain == Grain.MONTH:
        return month_start(day)
    return quarter_start(day)


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """Return the first and last day of a calendar quarter (1–4)."""
    if quarter not in (1, 2, 3, 4):
        raise DomainError("季度应为1至4。", code="supervision.bad_quarter")
    if not PERIOD_EARLIEST.year <= year <= PERIOD_LATEST.year:
        raise DomainError(f"年度应在{PERIOD_EARLIEST.year}至{PERIOD_LATEST.year}之间。", code="supervision.bad_quarter")
    first = date(year, 3 * quarter - 2, 1)
    return first, _next_quarter(first) - timedelta(days=1)


QUARTER_NUMERALS = ("一", "二", "三", "四")


def quarter_zh(quarter: int) -> str:
    """ "第三季度": official 通报 titles write the quarter in Chinese numerals (公文 custom), not "第3季度"."""
    return f"第{QUARTER_NUMERALS[quarter - 1]}季度"


def require_quarter_ended(*, year: int, quarter: int, cut_off_day: date) -> None:
    """Refuse a quarter's bulletin whose data cut-off is not after the quarter's last day.

    Legal basis: none in statute — 通报 are issued on the figures of a finished quarter
    (《天津市行政执法监督平台管理办法》(津政令第21号) 第二章 collects the information they are built from).
    Interpretation: the cut-off must fall on a later day than the quarter's end, so that every record
    of the quarter's last day can have been entered; a future quarter would be published with all
    figures 0 and its 末位约谈 list drawn from nothing.
    """
    _first, last = quarter_bounds(year, quarter)
    if cut_off_day <= last:
        raise DomainError(
            f"{year}年{quarter_zh(quarter)}至{format_date_zh(last)}才结束，数据截止时间（{format_date_zh(cut_off_day)}）"
            "在季度结束之前，不能印发该季度通报；请在季度结束后印发。",
            code="supervision.quarter_not_ended",
            fields={"quarter": ["该季度尚未结束。"]},
        )


@dataclass(frozen=True, slots=True)
class PeriodPlan:
    """A period [start, end] cut into whole quarters, whole months and loose days (at the edges).

    Rollup reads take whole quarters and months from the coarse rows; loose days from day rows (or,
    for tables kept only by month and quarter, from the raw records of those few days).
    """

    quarters: tuple[date, ...]
    months: tuple[date, ...]
    day_ranges: tuple[tuple[date, date], ...]


# The dates a statistics period may cover. Enforcement information is collected from the platform's
# start; nothing before 2000 exists, and a year past 2100 is a typing error (9999-12-31 used to
# overflow the quarter arithmetic). The bulletin form and API take years in the same range.
PERIOD_EARLIEST = date(2000, 1, 1)
PERIOD_LATEST = date(2100, 12, 31)


# What a data cut-off (as_of) that cannot be read is answered with, on the pages and in the API: the
# form a person types (a space between day and time; the "T" of ISO 8601 is accepted too).
AS_OF_FORMAT_MESSAGE = "数据截止时间格式不正确，请按“年-月-日 时:分”填写，例如 2025-03-31 18:00。"


def require_period(
    start: date, end: date, *, what: str = "统计期间", today: date | None = None, as_of_day: date | None = None
) -> None:
    """Refuse a period that is reversed, outside PERIOD_EARLIEST–PERIOD_LATEST or (given `today`) ends
    after today (supervision.bad_period), or whose data cut-off day `as_of_day` comes before its start
    (supervision.bad_as_of).

    Legal basis: none — a bound of the system, not of the law. 《天津市行政执法监督平台管理办法》
    (津政令第21号) 第二章 provides for collecting enforcement information, which starts with the platform.
    Interpretation: figures of days still to come are not figures (执法人员总数 0 beside a year of
    records, a snapshot published of an unfinished year), and a cut-off before the period began holds
    none of its data; both are typing errors to refuse, not periods to compute.
    `what` names the period in the message (统计期间, 决定日期).
    """
    if end < start:
        raise DomainError(
            f"{what}有误：结束日期{format_date_zh(end)}早于开始日期{format_date_zh(start)}，请检查起止日期是否填反。",
            code="supervision.bad_period",
            fields={"end": ["不能早于开始日期。"]},
        )
    if start < PERIOD_EARLIEST or end > PERIOD_LATEST:
        raise DomainError(
            f"{what}应在{format_date_zh(PERIOD_EARLIEST)}至{format_date_zh(PERIOD_LATEST)}之间"
            f"（所填为{format_date_zh(start)}至{format_date_zh(end)}）。",
            code="supervision.bad_period",
            fields={"start" if start < PERIOD_EARLIEST else "end": ["超出可统计的日期范围。"]},
        )
    if today is not None and end > today:
        raise DomainError(
            f"{what}不能晚于今天：结束日期{format_date_zh(end)}在今天（{format_date_zh(today)}）之后，"
            "尚未发生的日子没有数据。请把结束日期改为今天或更早。",
            code="supervision.bad_period",
            fields={"end": ["不能晚于今天。"]},
        )
    if as_of_day is not None and as_of_day < start:
        raise DomainError(
            f"数据截止时间（{format_date_zh(as_of_day)}）早于{what}开始日期（{format_date_zh(start)}）：截止时本期尚无数据。",
            code="supervision.bad_as_of",
            fields={"as_of": ["不能早于统计期间开始日期。"]},
        )


def require_cut_off_not_future(as_of: datetime | None, *, now: datetime) -> None:
    """Refuse a data cut-off (数据截止) after now (supervision.future_as_of).

    Legal basis: none — figures "as of" a moment that has not come would be labelled with a time
    their data does not have (a published figure states its cut-off, RULES.md §10).
    """
    if as_of is not None and as_of > now:
        raise DomainError(
            "数据截止时间不能晚于现在：尚未发生的时点没有数据。",
            code="supervision.future_as_of",
            fields={"as_of": ["不能晚于现在。"]},
        )


def split_period(start: date, end: date) -> PeriodPlan:
    """Cut [start, end] (inclusive) into whole quarters, then whole months, then day ranges."""
    require_period(start, end)
    quarters: list[date] = []
    months: list[date] = []
    days: list[tuple[date, date]] = []
    cursor = start
    loose_from: date | None = None
    while cursor <= end:
        if cursor == quarter_start(cursor) and _next_quarter(cursor) - timedelta(days=1) <= end:
            if loose_from is not None:
                days.append((loose_from, cursor - timedelta(days=1)))
                loose_from = None
            quarters.append(cursor)
            cursor = _next_quarter(cursor)
        elif cursor.day == 1 and _next_month(cursor) - timedelta(days=1) <= end:
            if loose_from is not None:
                days.append((loose_from, cursor - timedelta(days=1)))
                loose_from = None
            months.append(cursor)
            cursor = _next_month(cursor)
        else:
            loose_from = loose_from or cursor
            # jump to the next month start (or the end) in one step
            stop = min(_next_month(cursor) - timedelta(days=1), end)
            cursor = stop + timedelta(days=1)
            if cursor > end or cursor.day == 1:
                days.append((loose_from, stop))
                loose_from = None
    return PeriodPlan(tuple(quarters), tuple(months), tuple(days))


# --- indicator arithmetic -------------------------------------------------------------------------

# The counts the selectors produce for a unit and a period; indicator definitions name them.
MEASURES: dict[str, str] = {
    "officers_total": "行政执法人员（持证）总数",
    "officers_participating": "参与执法人数",
    "power_items_total": "权责事项总数",
    "power_items_exercised": "履行权责事项数",
    "records_total": "归集执法信息条数",
    "records_inspection": "行政检查记录",
    "records_penalty": "行政处罚记录",
    "records_education": "教育改正记录",
    "records_coercion": "行政强制记录",
    "records_other": "其他执法记录",
    "records_on_time": "按时录入的执法信息",
    "decisions_total": "作出处罚决定的案件",
    "decisions_in_time": "按期作出决定的案件",
    "publications_total": "公示的处罚决定",
    "publications_in_time": "按期公示的处罚决定",
    "publications_due": "公示期限届满的处罚决定",
    "publications_by_due": "期限内已公示的处罚决定",
    "reviews_count": "评查案卷数",
    "reviews_score_sum": "评查得分合计",
}

RECORD_TYPE_MEASURE = {
    RecordType.INSPECTION: "records_inspection",
    RecordType.PENALTY: "records_penalty",
    RecordType.EDUCATION: "records_education",
    RecordType.COERCION: "records_coercion",
    RecordType.OTHER: "records_other",
}


_QUANTUM: dict[int, Decimal] = {}


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    """Round half away from zero for positive figures (四舍五入), as every published figure is."""
    quantum = _QUANTUM.get(decimals)
    if quantum is None:
        quantum = _QUANTUM[decimals] = Decimal(1).scaleb(-decimals)
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def indicator_value(
    *, numerator: Decimal | int, denominator: Decimal | int | None, multiplier: int, decimals: int
) -> Decimal | None:
    """Return numerator / denominator × multiplier rounded half-up to `decimals`; None if undefined.

    Legal basis: 《天津市行政执法监督平台管理办法》(津政令第21号) 第二章 信息归集 — the platform
    collects and uses enforcement information; no formula is published.
    Interpretation: RULES.md §10 — ratios of raw counts, ROUND_HALF_UP, 2 decimals; this reproduces
    every published Tianjin figure (253/284 → 89.08; 633/884 → 71.61; 1273/253 → 5.03). A zero
    denominator gives no value (shown as "—"), never 0 % or 100 %.
    """
    if denominator is None:
        return round_half_up(Decimal(numerator) * multiplier, decimals)
    if not denominator:
        return None
    if type(numerator) is int and type(denominator) is int and numerator >= 0 and denominator > 0:
        # Counts (nearly every figure): exact integer half-up rounding, the same digits as the
        # Decimal path below (tests compare the two) at a fraction of the cost for thousands of units.
        scaled, remainder = divmod(numerator * multiplier * 10**decimals, denominator)
        if 2 * remainder >= denominator:
            scaled += 1
        return Decimal(scaled).scaleb(-decimals)
    return round_half_up(Decimal(numerator) * multiplier / Decimal(denominator), decimals)


@dataclass(frozen=True, slots=True)
class DefinitionSpec:
    """What `compute_indicators` needs of an IndicatorDefinition row."""

    code: str
    version: int
    name: str
    numerator: str
    denominator: str
    multiplier: int
    decimals: int
    unit_label: str
    parameters: Mapping[str, Any]
    source: str
    explanation: str = ""  # the 口径 printed in a bulletin; the source where empty


class IndicatorValue(NamedTuple):
    """One indicator of one unit. A named tuple rather than a frozen dataclass: a bulletin builds one
    per indicator and unit (~34,000 for a province), and a frozen dataclass sets each field through
    object.__setattr__ (measured: the tuple halves the cost of building them)."""

    code: str
    version: int
    name: str
    value: Decimal | None
    numerator: int | Decimal
    denominator: int | Decimal | None
    unit_label: str
    decimals: int

    def as_dict(self) -> dict[str, Any]:
        numerator, denominator = self.numerator, self.denominator
        return {
            "code": self.code,
            "version": self.version,
            "name": self.name,
            "value": None if self.value is None else str(self.value),
            "numerator": str(numerator) if type(numerator) is Decimal else numerator,
            "denominator": str(denominator) if type(denominator) is Decimal else denominator,
            "unit_label": self.unit_label,
        }


def compute_indicators(*, definitions: Sequence[DefinitionSpec], measures: Mapping[str, Any]) -> list[IndicatorValue]:
    """Apply each definition to the measures of one unit; a missing measure is a configuration error."""
    values = []
    for spec in definitions:
        try:
            numerator = measures[spec.numerator]
            denominator = measures[spec.denominator] if spec.denominator else None
        except KeyError as exc:
            raise DomainError(
                f"指标“{spec.name}”引用了未知的计数“{exc.args[0]}”。", code="supervision.unknown_measure"
            ) from exc
        values.append(
            IndicatorValue(
                spec.code,
                spec.version,
                spec.name,
                indicator_value(
                    numerator=numerator, denominator=denominator, multiplier=spec.multiplier, decimals=spec.decimals
                ),
                numerator,
                denominator,
                spec.unit_label,
                spec.decimals,
            )
        )
    return values


def on_time_column(days: int) -> str:
    """The rollup column answering "entered within `days` days"; only the stored thresholds exist.

    Interpretation: 上传及时率 compares 录入日期 with 发生日期 in calendar days. The Tianjin platform's
    own time limit (天津市行政执法监督平台管理办法 第二章) was not retrievable (RULES.md §14 item 4), so
    the number of days is a parameter of the indicator definition, default 7.
    """
    if days not in LAG_THRESHOLDS:
        raise DomainError(
            f"上传及时率的天数只能取{'、'.join(map(str, LAG_THRESHOLDS))}之一。", code="supervision.bad_lag_days"
        )
    return f"lag_le_{days}"


# --- rollup increments ----------------------------------------------------------------------------

UNIT_GRAINS = (Grain.DAY, Grain.MONTH, Grain.QUARTER)
# Officer and power-item rollups are kept by month and by quarter (no day rows: edge days read the
# raw links). The quarter rows let a quarterly bulletin test "active in the quarter" against one row
# per officer / item instead of three (distinct counts cannot be added across months).
PEOPLE_GRAINS = (Grain.MONTH, Grain.QUARTER)


@dataclass(frozen=True, slots=True)
class RecordFact:
    """The facts of one record that the rollups count (no ids of rollup rows, no ORM)."""

    record_type: str
    unit_id: int
    occurred_on: date
    entered_on: date
    officers: tuple[tuple[int, int], ...]  # (officer id, officer's unit id)
    power_item_id: int | None = None
    decided_on: date | None = None
    decision_due: date | None = None
    published_on: date | None = None
    published_late: bool | None = None
    publish_due: date | None = None


def publication_owed_by(*, deadline: date | None, published: bool, change_kind: str) -> date | None:
    """The day a decision had to be published by (EnforcementRecord.publish_due), or None if nothing is owed.

    Legal basis: 《中华人民共和国行政处罚法》第四十八条第二款 (a decision 变更、撤销、确认违法或者确认无效 is
    withdrawn, so one not yet published is no longer owed; enforcement.rules.actions_barred_by_change).
    Interpretation: `deadline` is the case's tracked publicity.penalty period; a decision published
    before the change still counts, on time or late.
    """
    if deadline is None or (not published and PUBLISH_ACTION in actions_barred_by_change(change_kind)):
        return None
    return deadline


def published_by_due(*, published_on: date | None, publish_due: date) -> bool:
    """Was the decision published within its publication period (counted on the period's last day)?

    Legal basis: 国办发〔2018〕118号 第二部分："行政许可、行政处罚的执法决定信息要在执法决定作出之日起7个工作日内
    公开"; 《中华人民共和国行政处罚法》第四十八条第一款 (RULES.md §2.3).
    Interpretation: 公示及时率 (version 2) divides the decisions published by their deadline by every
    decision whose deadline fell in the period, published or not: a decision never published counts
    as not in time, so never publishing cannot score better than publishing late.
    """
    return published_on is not None and published_on <= publish_due


# Imports add hundreds of thousands of records at a time: the buckets of a day and the columns of a
# (type, lag) pair are computed once (pure functions of their arguments, so caching cannot change a count).
@cache
def _unit_buckets(day: date) -> tuple[tuple[str, date], ...]:
    return tuple((grain, bucket_of(day, grain)) for grain in UNIT_GRAINS)


@cache
def _people_buckets(day: date) -> tuple[tuple[str, date], ...]:
    return tuple((grain, bucket_of(day, grain)) for grain in PEOPLE_GRAINS)


@cache
def _record_columns(record_type: str, lag: int) -> tuple[str, ...]:
    return ("n_total", f"n_{record_type}", *(f"lag_le_{days}" for days in LAG_THRESHOLDS if lag <= days))


@dataclass
class Increments:
    """Accumulated rollup deltas: {(unit_id, grain, bucket): {column: delta}} and the like."""

    units: dict[tuple[int, str, date], dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    officers: dict[tuple[int, int, str, date], int] = field(default_factory=lambda: defaultdict(int))
    items: dict[tuple[int, str, date], int] = field(default_factory=lambda: defaultdict(int))

    def _unit(self, unit_id: int, day: date, columns: Sequence[str], sign: int) -> None:
        units = self.units
        for grain, bucket in _unit_buckets(day):
            row = units[(unit_id, grain, bucket)]
            for column in columns:
                row[column] = row.get(column, 0) + sign

    def add(self, fact: RecordFact, sign: int = 1) -> None:
        """Add (sign=1) or remove (sign=-1) the contribution of one record."""
        occurred_on = fact.occurred_on
        self._unit(
            fact.unit_id, occurred_on, _record_columns(fact.record_type, (fact.entered_on - occurred_on).days), sign
        )
        if fact.decided_on is not None:
            in_time = fact.decision_due is None or fact.decided_on <= fact.decision_due
            self._unit(fact.unit_id, fact.decided_on, ("decided", "decided_in_time") if in_time else ("decided",), sign)
        if fact.published_on is not None:
            columns = ("published",) if fact.published_late else ("published", "published_in_time")
            self._unit(fact.unit_id, fact.published_on, columns, sign)
        if fact.publish_due is not None:
            in_time = published_by_due(published_on=fact.published_on, publish_due=fact.publish_due)
            columns = ("publications_due", "published_by_due") if in_time else ("publications_due",)
            self._unit(fact.unit_id, fact.publish_due, columns, sign)
        officers, items = self.officers, self.items
        for grain, bucket in _people_buckets(occurred_on):
            for officer_id, officer_unit_id in fact.officers:
                officers[(officer_id, officer_unit_id, grain, bucket)] += sign
            if fact.power_item_id is not None:
                items[(fact.power_item_id, grain, bucket)] += sign

    def compact(self) -> None:
        """Drop zero deltas (a record removed and re-added unchanged)."""
        for key in list(self.units):
            row = {column: delta for column, delta in self.units[key].items() if delta}
            if row:
                self.units[key] = row
            else:
                del self.units[key]
        for mapping in (self.officers, self.items):
            for key in [k for k, v in mapping.items() if not v]:
                del mapping[key]


# --- intake parsing -------------------------------------------------------------------------------

RECORD_TYPE_LABELS = {str(choice.label): choice.value for choice in RecordType}


def parse_record_type(text: str) -> str:
    """Accept the Chinese label of the import file (行政检查 …) or the stored value."""
    value = text.strip()
    if value in RECORD_TYPE_LABELS:
        return RECORD_TYPE_LABELS[value]
    if value in RecordType.values:
        return value
    raise DomainError(
        f"记录类型“{value}”无效，应为：{'、'.join(RECORD_TYPE_LABELS)}。", code="supervision.bad_record_type"
    )


# The keys of the records of this platform in the fact table: "<kind>:<primary key>" (services.ingestion).
INTERNAL_KINDS = ("inspection", "penalty_case")


def internal_record_key(kind: str, pk: int) -> str:
    """The fact-table key of an inspection or penalty case of this platform, e.g. "penalty_case:15"."""
    return f"{kind}:{pk}"


def parse_internal_record_key(key: str) -> tuple[str, int] | None:
    """(kind, primary key) of a key written by internal_record_key; None for any other key.

    Used to show a supervisor the case number or the inspection instead of the internal key.
    """
    kind, _sep, number = key.partition(":")
    if kind not in INTERNAL_KINDS or not number.isdigit():
        return None
    return kind, int(number)


def parse_day(text: str, *, label: str, serials: bool = False) -> date:
    """Parse 2024-03-05, 2024/3/5, 20240305 or 2024年3月5日; a time of day after it is ignored
    (an XLSX date-time cell, "2024-03-05 15:30"). `serials`: a spreadsheet column, where a bare
    number may be an Excel serial date (core.tabular.parse_date_text: 1899-12-30 origin, days
    1990-01-01..2100-12-31 only).

    A date that does not exist (2026-02-30) is told apart from one that is not written as a date.
    """
    if not text.strip():
        raise DomainError(f"{label}不能为空。", code="supervision.date_required")
    try:
        return parse_date_text(text, serials=serials)
    except DateTextError as exc:
        if exc.nonexistent:
            raise DomainError(f"{label}“{text}”：日期不存在，请检查月份和日。", code="supervision.bad_date") from exc
        raise DomainError(
            f"{label}“{text}”不是有效日期，请按“年-月-日”填写，例如 2025-03-31。", code="supervision.bad_date"
        ) from exc


def split_numbers(text: str) -> list[str]:
    """Split "A；B;C" (full- or half-width semicolons, also 、 and commas) into distinct trimmed values."""
    cleaned = text
    for separator in ("；", "、", "，", ","):
        cleaned = cleaned.replace(separator, ";")
    result: list[str] = []
    for part in cleaned.split(";"):
        value = part.strip()
        if value and value not in result:
            result.append(value)
    return result


def parse_yes_no(text: str, *, label: str) -> bool:
    value = text.strip().lower()
    if value in {"是", "y", "yes", "true", "1"}:
        return True
    if value in {"否", "n", "no", "false", "0", ""}:
        return False
    raise DomainError(f"{label}应填“是”或“否”。", code="supervision.bad_flag")


def certificate_fault_on(
    *, number: str, valid_from: date, valid_to: date, events: Sequence[tuple[date, str]], on: date
) -> str:
    """ "" when certificate `number` let its holder act on `on` (the record's 发生日期), else why not.

    Legal basis: 《中华人民共和国行政处罚法》第四十二条第一款 "行政处罚应当由具有行政执法资格的执法人员实施"
    (RULES.md §9.1; 《天津市持证执法管理办法》 持证执法, §9.7): an officer named on an enforcement act must
    hold a valid certificate on the day of the act.
    Interpretation: valid as orgs.rules.certificate_counts_on decides for the officer figures — `on`
    inside 有效期, and neither 暂扣 nor 注销 at that date when the registry holds the certificate's
    dated history (`events`, (effective_on, CertificateEventKind value)); a 恢复 restores it.
    """
    if certificate_counts_on(valid_from=valid_from, valid_to=valid_to, events=events, on=on):
        return ""
    period = f"有效期{format_date_zh(valid_from)}至{format_date_zh(valid_to)}"
    if on < valid_from:
        fault = f"发生日期{format_date_zh(on)}执法证“{number}”尚未生效（{period}）"
    elif on > valid_to:
        fault = f"发生日期{format_date_zh(on)}执法证“{number}”已过有效期（{period}）"
    else:
        state = certificate_status_on(events=events, on=on)
        done = "已被暂扣" if state == CertificateStatus.SUSPENDED else "已被注销"
        fault = f"发生日期{format_date_zh(on)}执法证“{number}”{done}（{period}）"
    return f"{fault}；执法人员应持有效执法证件实施执法（《行政处罚法》第四十二条）。"


def require_entry_not_before_occurrence(*, occurred_on: date, entered_on: date) -> None:
    if entered_on < occurred_on:
        raise DomainError("录入日期不能早于发生日期。", code="supervision.entered_before_occurred")


# --- repeated inspections (综合查一次 candidates) --------------------------------------------------


@dataclass(frozen=True, slots=True)
class RepeatedEntity:
    party_code: str
    inspections: int
    units: tuple[int, ...]
    visits: int  # days on which the entity was inspected (上门次数)


def repeated_entities(
    rows: Iterable[tuple[str, int, date, int]], *, min_units: int = 2, min_visits: int = 2
) -> list[RepeatedEntity]:
    """Entities visited on at least `min_visits` days by at least `min_units` different units in all.

    Rows are (party, unit id, day, inspections). Basis: 国务院办公厅《关于严格规范涉企行政检查的意见》
    (国办发〔2024〕54号) asks that inspections of the same entity by several departments be merged
    (综合查一次 / 联合检查) (S; wording unconfirmed).
    Interpretation: the inspections of one entity on one day are one visit (上门): departments that
    inspect together — a joint check, the very thing asked for — are not a repeat. An entity is a
    candidate when departments came separately: on two or more days, two or more departments in all.
    Such entities are listed next to the count indicators so that a high 人均执法量 is not earned by
    inspecting the same businesses again and again.
    """
    units_of: dict[str, dict[int, int]] = defaultdict(dict)
    days_of: dict[str, set[date]] = defaultdict(set)
    for party, unit_id, day, count in rows:
        if party:
            units_of[party][unit_id] = units_of[party].get(unit_id, 0) + count
            days_of[party].add(day)
    found = [
        RepeatedEntity(party, sum(units.values()), tuple(sorted(units)), len(days_of[party]))
        for party, units in units_of.items()
        if len(units) >= min_units and len(days_of[party]) >= min_visits
    ]
    return sorted(found, key=lambda e: (-len(e.units), -e.inspections, e.party_code))


# --- alerts -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AlertCondition:
    """A condition that should have an open alert; `key` identifies it (raised once per key)."""

    kind: str
    key: str
    unit_id: int
    title: str
    due_on: date | None


# --- ranking ----------------------------------------------------------------------------------------

SCALE_PERCENT = "percent"  # value / 100
SCALE_PEER_MAX = "peer_max"  # value / best value in the peer group
SCALE_SCORE = "score100"  # value / 100 (a 100-point score such as 案卷评查平均分)


@dataclass(frozen=True, slots=True)
class RankedUnit:
    unit_id: int
    peer_group: str
    score: Decimal
    rank: int  # inside the peer group, 1 = best
    group_size: int
    parts: dict[str, Decimal | None]  # weighted points per indicator; None = 不适用 (not scored)
    applicable_weight: Decimal = Decimal(100)  # the weights the score is computed over
    points: Decimal = Decimal(0)  # Σ parts: the score before it is prorated to the full score


NOT_RANKED_REASON = "本期各项考核指标均无数值（分母为零），无从评分，不参与排名"


def _scheme_plan(weights: Mapping[str, Any]) -> list[tuple[str, Decimal, str]]:
    return [(code, Decimal(str(spec["weight"])), spec.get("scale", SCALE_PERCENT)) for code, spec in weights.items()]


def _nothing_to_score(values: Mapping[str, Decimal | None], codes: Iterable[str]) -> bool:
    return all(values.get(code) is None for code in codes)


def not_ranked_units(*, rows: Mapping[int, Mapping[str, Decimal | None]], weights: Mapping[str, Any]) -> dict[int, str]:
    """unit id → why it is not ranked: no indicator of the scheme has a value for it.

    Interpretation: a 考核 scores performance shown by figures; a unit with no figure at all (no
    certified officer, no power item, no record, no decision, no reviewed file in the period) has
    nothing to score under either missing-indicator policy. Ranking it last with 0 would propose it
    for 约谈 for having no data, so it is listed as 不参与排名 with this reason instead.
    """
    return {unit_id: NOT_RANKED_REASON for unit_id, values in rows.items() if _nothing_to_score(values, weights)}


def rank_units(
    *,
    rows: Mapping[int, Mapping[str, Decimal | None]],
    groups: Mapping[int, str],
    weights: Mapping[str, Any],
    missing: str = MissingIndicatorPolicy.PRORATE,
) -> list[RankedUnit]:
    """Score each unit with the weights of the 考核指标体系 and rank it inside its peer group.

    Legal basis: none — the weights, the scaling and `missing` are the district's 考核指标体系 (data,
    AssessmentScheme), not a statute. 《天津市行政执法监督平台管理办法》 has the platform used for
    考核 without fixing a formula.
    Interpretation: units are compared only with units of the same 执法领域 (DESIGN §7). Each
    indicator earns weight × scaled value (at most its weight), 2 decimals half-up. An indicator
    with no value for a unit (a zero denominator, e.g. 按期办结率 without a decision) is, by the
    scheme's `missing_indicator_policy`:
    - 折算 (prorate, the default): 不适用 — not scored, and the score is computed over the
      applicable weights: score = Σ points ÷ Σ applicable weights × full score (the sum of all the
      weights, 100), as 考核 schemes treat 不适用 items (按其余指标得分折算);
    - 计零 (zero): 0 points, the score = Σ points (what the ranking did before issue 4).
    A unit without any value is not ranked (not_ranked_units). Ties share the better rank,
    ordered by unit id for a stable listing.
    """
    best: dict[tuple[str, str], Decimal] = {}
    for unit_id, values in rows.items():
        for code, spec in weights.items():
            value = values.get(code)
            if spec.get("scale") == SCALE_PEER_MAX and value is not None:
                key = (groups[unit_id], code)
                best[key] = max(best.get(key, Decimal(0)), value)
    # the weights and scales once, not once per unit
    plan = _scheme_plan(weights)
    full_score = sum((weight for _code, weight, _scale in plan), Decimal(0))
    prorate = missing != MissingIndicatorPolicy.ZERO
    scored: list[tuple[int, str, Decimal, dict[str, Decimal | None], Decimal, Decimal]] = []
    for unit_id, values in rows.items():
        parts: dict[str, Decimal | None] = {}
        applicable = Decimal(0)
        for code, weight, scale in plan:
            value = values.get(code)
            if value is None:
                parts[code] = None if prorate else Decimal("0.00")
                if not prorate:
                    applicable += weight
                continue
            if scale == SCALE_PEER_MAX:
                top = best.get((groups[unit_id], code), Decimal(0))
                scaled = value / top if top else Decimal(0)
            else:
                scaled = value / 100
            parts[code] = round_half_up(weight * min(scaled, Decimal(1)), 2)
            applicable += weight
        if _nothing_to_score(values, weights):
            continue  # nothing to score: not_ranked_units lists it
        points = sum((p for p in parts.values() if p is not None), Decimal(0))
        # Prorated on the rounded points the bulletin prints, so a reader can redo the sum.
        score = points if applicable == full_score else points * full_score / applicable
        scored.append((unit_id, groups[unit_id], round_half_up(score, 2), parts, applicable, points))
    result: list[RankedUnit] = []
    by_group: dict[str, list[tuple[int, str, Decimal, dict[str, Decimal | None], Decimal, Decimal]]] = defaultdict(list)
    for entry in scored:
        by_group[entry[1]].append(entry)
    for group, entries in sorted(by_group.items()):
        entries.sort(key=lambda e: (-e[2], e[0]))
        rank = 0
        previous: Decimal | None = None
        for position, (unit_id, _group, score, parts, applicable, points) in enumerate(entries, start=1):
            if score != previous:
                rank = position
                previous = score
            result.append(RankedUnit(unit_id, group, score, rank, len(entries), parts, applicable, points))
    return result


def bottom_units(ranked: Sequence[RankedUnit], n: int) -> list[RankedUnit]:
    """The N lowest-scoring units across all peer groups (末位约谈), lowest first; N=0 gives none.

    Legal basis: none — the 末位约谈 is a 考核 scheme's choice (TEDA report: 对考核成绩靠后单位约谈;
    RULES.md 考核/约谈), N is the scheme's `bottom_n`.
    Interpretation: units tied with the N-th lowest score are all listed, so the list may be longer
    than N (the bulletin says so: 末位3名（含并列共14个单位）). Cutting a tie at N would pick some of
    the equally scored units by their id, which nothing in their performance justifies.
    """
    if n <= 0:
        return []
    ordered = sorted(ranked, key=lambda r: (r.score, -r.rank, r.unit_id))
    if len(ordered) <= n:
        return ordered
    last = ordered[n - 1].score
    return [r for r in ordered if r.score <= last]


def overall_ranks(ranked: Sequence[RankedUnit]) -> dict[int, int]:
    """unit id → position by score among all the ranked units, best first; ties share the better one.

    Interpretation: the 约谈 list is drawn across peer groups by score (bottom_units, as the TEDA
    report describes: 对考核成绩靠后单位约谈), so it states each unit's place in that same order; a
    place inside its peer group would call the only unit of a group "1/1" while proposing it.
    """
    positions: dict[int, int] = {}
    previous: Decimal | None = None
    place = 0
    for index, unit in enumerate(sorted(ranked, key=lambda r: (-r.score, r.unit_id)), start=1):
        if unit.score != previous:
            place, previous = index, unit.score
        positions[unit.unit_id] = place
    return positions


# --- snapshot diffs -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Difference:
    unit_code: str
    indicator: str
    name: str
    published: str | None
    recomputed: str | None


def diff_figures(
    published: Mapping[str, Mapping[str, Mapping[str, Any]]], recomputed: Mapping[str, Mapping[str, Mapping[str, Any]]]
) -> list[Difference]:
    """Compare {unit code: {indicator: {"value", "name"}}} maps; list every figure that differs."""
    differences = []
    for unit_code in sorted(set(published) | set(recomputed)):
        old_unit, new_unit = published.get(unit_code, {}), recomputed.get(unit_code, {})
        for code in sorted(set(old_unit) | set(new_unit)):
            old = old_unit.get(code, {}).get("value")
            new = new_unit.get(code, {}).get("value")
            if old != new:
                name = (old_unit.get(code) or new_unit.get(code) or {}).get("name", code)
                differences.append(Difference(unit_code, code, name, old, new))
    return differences


# --- reproducible sampling ----------------------------------------------------------------------------


def candidates_digest(candidate_ids: Sequence[int]) -> str:
    """SHA-256 of the sorted candidate list, so anyone can check the draw was made from it."""
    text = ",".join(str(pk) for pk in sorted(candidate_ids))
    return hashlib.sha256(text.encode()).hexdigest()


# The seed is stored (ReviewSample.seed, a signed 64-bit column) so anyone can redo the draw: at most
# 18 digits fits it. Negative seeds are refused: Random(-n) draws exactly as Random(n), so two
# different published seeds would silently give the same files.
SEED_MAX = 10**18 - 1
SEED_MESSAGE = "随机种子应为0至999999999999999999之间的整数（不超过18位）。"


def draw_sample(*, candidate_ids: Sequence[int], size: int, seed: int) -> list[int]:
    """Draw `size` case ids from the candidates, reproducibly from `seed` (0 ≤ seed ≤ SEED_MAX).

    Interpretation: the candidates are sorted first, so the same seed over the same set always gives
    the same files (Python's Mersenne Twister is stable across versions for `Random.sample`).
    """
    if not 0 <= seed <= SEED_MAX:
        raise DomainError(SEED_MESSAGE, code="supervision.bad_seed", fields={"seed": [SEED_MESSAGE]})
    if size <= 0:
        raise DomainError("抽取数量应大于0。", code="supervision.bad_sample_size")
    ordered = sorted(set(candidate_ids))
    if not ordered:
        raise DomainError("该期间内没有可供抽取的案卷。", code="supervision.no_candidates")
    return sorted(random.Random(seed).sample(ordered, min(size, len(ordered))))


# --- case-file review (案卷评查) -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CaseFileFacts:
    """What the review checks need about one penalty case file; built by the selectors."""

    procedure: str  # "simplified" | "ordinary"
    status: str
    filed_on: date | None
    certified_officers_at_filing: int
    notified_on: date | None
    rights_waived: bool
    legal_review_required: bool
    legal_review_passed: bool | None
    legal_reviewed_on: date | None
    decided_on: date | None
    decision_due: date | None
    decision_number: str
    decision_legal_basis: str
    penalty_types: tuple[str, ...]
    performance_terms: str
    remedies: str
    party_name: str
    party_address: str
    facts: str
    served_on: date | None
    service_due: date | None
    served_late: bool
    has_publication: bool
    publication_late: bool | None
    publication_due: date | None
    evidence_count: int
    fine_amount: Decimal
    discretion_bands: tuple[tuple[Decimal | None, Decimal | None], ...]
    discretion_reason: str  # why the fine lies outside every band, as recorded at the decision ("" if none)
    today: date
    # The 结案方式 of a case closed without a penalty decision (不予处罚/首违不罚/轻微不罚, 撤销立案, 移送),
    # "" otherwise: the rules of a penalty decision do not apply to it (run_rule_set).
    ended_without_penalty: str = ""


PASS, FAIL, NOT_APPLICABLE = "pass", "fail", "na"
NOT_REACHED = "pending"  # a finding of a step the case has not reached: 未到该环节, deducts nothing


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    status: str  # pass | fail | na
    detail: str


def _ok(detail: str = "") -> CheckOutcome:
    return CheckOutcome(PASS, detail)


def _fail(detail: str) -> CheckOutcome:
    return CheckOutcome(FAIL, detail)


def _na(detail: str) -> CheckOutcome:
    return CheckOutcome(NOT_APPLICABLE, detail)


def check_two_certified_officers(facts: CaseFileFacts) -> CheckOutcome:
    """At least two officers holding a valid certificate on the filing date.

    Legal basis: 《行政处罚法》第四十二条第一款 "执法人员不得少于两人"; 第五十五条 "主动出示执法证件".
    """
    if facts.certified_officers_at_filing >= 2:
        return _ok(f"{facts.certified_officers_at_filing}名持证执法人员。")
    return _fail(f"持有有效执法证的承办人员只有{facts.certified_officers_at_filing}名，应不少于两名。")


def check_notice_before_decision(facts: CaseFileFacts) -> CheckOutcome:
    """告知 (facts, grounds, basis, rights) before the decision.

    Legal basis: 《行政处罚法》第四十四条; 第六十二条 "未向当事人告知…不得作出行政处罚决定".
    """
    if facts.procedure == "simplified":
        return _na("简易程序当场告知，不单独制作告知书。")
    if facts.decided_on is None:
        return _ok("尚未作出决定。") if facts.notified_on else _na("尚未到告知阶段。")
    if facts.notified_on is None:
        return _fail("未见行政处罚事先告知。")
    if facts.notified_on > facts.decided_on:
        return _fail(
            f"告知日期（{format_date_zh(facts.notified_on)}）晚于决定日期（{format_date_zh(facts.decided_on)}）。"
        )
    return _ok(f"{format_date_zh(facts.notified_on)}告知。")


def check_legal_review(facts: CaseFileFacts) -> CheckOutcome:
    """法制审核 passed before the decision where Art. 58 requires it.

    Legal basis: 《行政处罚法》第五十八条第一款 "未经法制审核或者审核未通过的，不得作出决定".
    """
    if not facts.legal_review_required:
        return _na("本案不属于应当法制审核的情形。")
    if facts.legal_review_passed is not True or facts.legal_reviewed_on is None:
        return _fail("应当法制审核，但未见审核通过的记录。")
    if facts.decided_on is not None and facts.legal_reviewed_on > facts.decided_on:
        return _fail("法制审核晚于决定日期。")
    return _ok(f"{format_date_zh(facts.legal_reviewed_on)}法制审核通过。")


def check_decision_within_deadline(facts: CaseFileFacts) -> CheckOutcome:
    """Decision within the period from filing (90 days unless a sector rule says otherwise).

    Legal basis: 《行政处罚法》第六十条 "自行政处罚案件立案之日起九十日内作出行政处罚决定".
    """
    if facts.procedure == "simplified":
        return _na("简易程序当场作出决定。")
    if facts.decision_due is None:
        return _na("未登记决定期限。")
    if facts.decided_on is None:
        if facts.today > facts.decision_due:
            return _fail(f"决定期限{format_date_zh(facts.decision_due)}已过，尚未作出决定。")
        return _na("尚未作出决定。")
    if facts.decided_on > facts.decision_due:
        return _fail(f"决定日期{format_date_zh(facts.decided_on)}超过期限{format_date_zh(facts.decision_due)}。")
    return _ok(f"{format_date_zh(facts.decided_on)}作出决定（期限{format_date_zh(facts.decision_due)}）。")


def check_service_in_time(facts: CaseFileFacts) -> CheckOutcome:
    """Service of the decision on the spot or within 7 working days.

    Legal basis: 《行政处罚法》第六十一条第一款 "当事人不在场的，行政机关应当在七日内…送达"; 第八十五条 (工作日).
    """
    if facts.decided_on is None:
        return _na("尚未作出决定。")
    if facts.served_on is None:
        if facts.service_due is not None and facts.today > facts.service_due:
            return _fail(f"送达期限{format_date_zh(facts.service_due)}已过，未见送达回证。")
        return _fail("未见送达记录。") if facts.status in ("executed", "closed") else _na("尚未送达。")
    if facts.served_late:
        return _fail(f"{format_date_zh(facts.served_on)}送达，超过七个工作日。")
    return _ok(f"{format_date_zh(facts.served_on)}送达。")


def check_publication_in_time(facts: CaseFileFacts) -> CheckOutcome:
    """Publication of the decision within 7 working days.

    Legal basis: 《行政处罚法》第四十八条; 国办发〔2018〕118号 "自执法决定作出之日起7个工作日内公开" (S).
    """
    if facts.decided_on is None or facts.procedure == "simplified":
        return _na("简易程序或尚未作出决定。")
    if not facts.has_publication:
        if facts.publication_due is not None and facts.today <= facts.publication_due:
            return _na(f"公示期限{format_date_zh(facts.publication_due)}未到。")
        return _fail("处罚决定未公示。")
    if facts.publication_late:
        return _fail("处罚决定逾期公示。")
    return _ok("按期公示。")


def check_evidence_attached(facts: CaseFileFacts) -> CheckOutcome:
    """Evidence on file for the facts found.

    Legal basis: 《行政处罚法》第四十六条 (证据); 第四十七条 (全过程记录，归档保存).
    """
    if facts.evidence_count:
        return _ok(f"{facts.evidence_count}份证据。")
    return _fail("案卷中没有证据材料。")


def check_legal_basis_cited(facts: CaseFileFacts) -> CheckOutcome:
    """The decision states the kind of penalty and its legal basis.

    Legal basis: 《行政处罚法》第五十九条第一款第（三）项 "行政处罚的种类和依据".
    """
    if facts.decided_on is None:
        return _na("尚未作出决定。")
    if not facts.decision_legal_basis.strip():
        return _fail("处罚决定未载明法律依据。")
    return _ok("已载明处罚依据。")


def check_decision_fields(facts: CaseFileFacts) -> CheckOutcome:
    """The decision carries the fields Art. 59 lists.

    Legal basis: 《行政处罚法》第五十九条 (当事人姓名或者名称、地址; 违法事实和证据; 种类和依据; 履行方式和期限;
    复议诉讼途径和期限; 机关名称和日期).
    """
    if facts.decided_on is None or facts.procedure == "simplified":
        return _na("简易程序或尚未作出决定。")
    missing = [
        label
        for label, present in (
            ("决定书文号", facts.decision_number),
            ("当事人名称", facts.party_name),
            ("当事人地址", facts.party_address),
            ("违法事实", facts.facts),
            ("处罚种类", facts.penalty_types),
            ("履行方式和期限", facts.performance_terms),
            ("复议、诉讼途径和期限", facts.remedies),
        )
        if not present
    ]
    return _fail("决定书缺少：" + "、".join(missing) + "。") if missing else _ok("决定书要素齐全。")


def check_fine_within_discretion(facts: CaseFileFacts) -> CheckOutcome:
    """The fine lies inside a band of the published discretion standard, or its departure is reasoned.

    Legal basis: 《行政处罚法》第三十四条 "行政机关可以依法制定行政处罚裁量基准…并向社会公布".
    Interpretation: the band test is enforcement's own (enforcement.rules.fine_within_discretion), so the
    review judges a file by the rule its decision was held to. Since enforcement decides a fine outside
    every band only with its reason on file (require_discretion_reason), such a file passes here when the
    reason is recorded; whether the reason suffices is the reviewer's judgement (酌情扣分), not a check.
    """
    if facts.fine_amount <= 0:
        return _na("未处罚款。")
    if not any(low is not None or high is not None for low, high in facts.discretion_bands):
        return _na("该事项未制定罚款裁量基准。")
    if fine_within_discretion(fine=facts.fine_amount, bands=facts.discretion_bands):
        return _ok(f"罚款{facts.fine_amount}元在裁量基准范围内。")
    reason = facts.discretion_reason.strip()
    if reason:
        return _ok(
            f"罚款{facts.fine_amount}元不在任何裁量阶次的范围内，决定时记录的理由：“{reason}”；"
            "理由是否充分由评查人员判断，不充分的可酌情扣分。"
        )
    return _fail(f"罚款{facts.fine_amount}元不在任何裁量阶次的范围内，且未记录阶次外处罚的理由。")


CHECKS: dict[str, Callable[[CaseFileFacts], CheckOutcome]] = {
    "two_certified_officers": check_two_certified_officers,
    "notice_before_decision": check_notice_before_decision,
    "legal_review_when_required": check_legal_review,
    "decision_within_deadline": check_decision_within_deadline,
    "service_within_7_working_days": check_service_in_time,
    "publication_in_time": check_publication_in_time,
    "evidence_attached": check_evidence_attached,
    "legal_basis_cited": check_legal_basis_cited,
    "decision_fields_complete": check_decision_fields,
    "fine_within_discretion": check_fine_within_discretion,
}


# Where a rule applies is data of the rule set (keys of each [[rules]] entry):
#   applies = "decision"  a step of the decision stage: before a decision it is 未到该环节 (NOT_REACHED);
#   penalty_only = true   a requirement of a penalty decision: 不适用 to a case closed without one.
APPLIES_VALUES = ("always", "decision")


@dataclass(frozen=True, slots=True)
class ReviewRule:
    code: str
    title: str
    check: str
    deduction: Decimal
    article: str
    from_decision: bool = False  # applies = "decision"
    penalty_only: bool = False


@dataclass(frozen=True, slots=True)
class RuleSet:
    code: str
    version: int
    name: str
    full_score: Decimal
    rules: tuple[ReviewRule, ...]


def parse_rule_set(data: Mapping[str, Any]) -> RuleSet:
    """Validate a rule-set file (already parsed from TOML): every check must be a known function."""
    head = data.get("ruleset") or {}
    rules = []
    for entry in data.get("rules") or []:
        check = entry.get("check", "")
        if check not in CHECKS:
            raise DomainError(f"评查规则“{entry.get('code')}”引用了未知的检查“{check}”。", code="supervision.bad_rule")
        applies = entry.get("applies", "always")
        if applies not in APPLIES_VALUES:
            raise DomainError(
                f"评查规则“{entry.get('code')}”的适用环节“{applies}”无效（应为 always 或 decision）。",
                code="supervision.bad_rule",
            )
        rules.append(
            ReviewRule(
                code=str(entry["code"]),
                title=str(entry["title"]),
                check=check,
                deduction=Decimal(str(entry["deduction"])),
                article=str(entry["article"]),
                from_decision=applies == "decision",
                penalty_only=bool(entry.get("penalty_only", False)),
            )
        )
    if not head.get("code") or not rules:
        raise DomainError("评查规则集缺少代码或规则。", code="supervision.bad_rule_set")
    return RuleSet(
        code=str(head["code"]),
        version=int(head.get("version", 1)),
        name=str(head.get("name", head["code"])),
        full_score=Decimal(str(head.get("full_score", 100))),
        rules=tuple(rules),
    )


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    title: str
    status: str
    detail: str
    deduction: Decimal
    article: str

    def as_dict(self) -> dict[str, str]:
        return {
            "rule": self.rule,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "deduction": str(self.deduction),
            "article": self.article,
        }


def rule_not_applicable(rule: ReviewRule, facts: CaseFileFacts) -> CheckOutcome | None:
    """Why `rule` is not checked on this case file yet or at all (None: it is checked).

    行政处罚法 Art. 57(1): after the investigation the authority decides a penalty (一), no penalty
    (二、三: 不予处罚 — among them Art. 33's 首违不罚/轻微不罚) or a transfer (四). A case closed
    without a penalty decision never reaches the steps of one (its 决定书 contents, Art. 59; service,
    Art. 61; publication, Art. 48), so a `penalty_only` rule is 不适用 to it. A `from_decision` rule
    belongs to the decision stage: before the decision it is 未到该环节, not a defect of the file.
    Neither deducts.
    """
    if facts.ended_without_penalty and rule.penalty_only:
        ended = facts.ended_without_penalty
        return CheckOutcome(NOT_APPLICABLE, f"本案以“{ended}”结案，未作出行政处罚决定，本项不适用。")
    if not facts.ended_without_penalty and rule.from_decision and facts.decided_on is None:
        return CheckOutcome(NOT_REACHED, "未到该环节：尚未作出处罚决定，作出决定后再检查，不扣分。")
    return None


def run_rule_set(rule_set: RuleSet, facts: CaseFileFacts) -> list[Finding]:
    """Run every rule that applies to one case file (rule_not_applicable); a failed rule carries its
    deduction."""
    findings = []
    for rule in rule_set.rules:
        outcome = rule_not_applicable(rule, facts) or CHECKS[rule.check](facts)
        deduction = rule.deduction if outcome.status == FAIL else Decimal(0)
        findings.append(Finding(rule.code, rule.title, outcome.status, outcome.detail, deduction, rule.article))
    return findings


def review_score(*, full_score: Decimal, findings: Iterable[Finding], judgement_deduction: Decimal) -> Decimal:
    """Full score minus the rule deductions and the reviewer's judgement deduction, never below 0.

    The judgement deduction lies between 0 and the full score: more cannot be taken from a file
    (a data check; the rule set states the full score)."""
    if judgement_deduction < 0:
        raise DomainError(
            "酌情扣分不能为负数。", code="supervision.bad_deduction", fields={"judgement_deduction": ["不能为负数。"]}
        )
    if judgement_deduction > full_score:
        raise DomainError(
            f"酌情扣分（{judgement_deduction}分）不能超过满分{full_score}分。",
            code="supervision.bad_deduction",
            fields={"judgement_deduction": [f"不能超过{full_score}分。"]},
        )
    total = sum((f.deduction for f in findings), Decimal(0)) + judgement_deduction
    return max(round_half_up(full_score - total, 1), Decimal(0))
