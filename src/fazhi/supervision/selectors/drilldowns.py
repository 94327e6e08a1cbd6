"""The rows behind a figure (下钻): officers, power items, records, repeatedly inspected entities.

A drill-down counts with the same selectors as the indicator (officer_counts, item_counts, the
records' own dates), so its row count equals the figure on the dashboard. The module is named in
the plural so that `selectors.drilldown` stays the function.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection
from django.db.models import Count, F, Max, Min, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.errors import DomainError, NotFound
from fazhi.enforcement.models import Inspection
from fazhi.orgs.models import Certificate, Officer, OrgUnit
from fazhi.powers.models import PowerItem
from fazhi.spotchecks.models import Entity
from fazhi.supervision import rules
from fazhi.supervision.choices import RecordType
from fazhi.supervision.models import EnforcementRecord
from fazhi.supervision.selectors.buckets import reached_after_q
from fazhi.supervision.selectors.definitions import _lag_days, indicator_definitions_on
from fazhi.supervision.selectors.item_counts import exercised_power_items, power_items_in_force
from fazhi.supervision.selectors.measures import owed_cutoff
from fazhi.supervision.selectors.officer_counts import certified_officers, participating_officers
from fazhi.supervision.selectors.record_labels import record_labels
from fazhi.supervision.selectors.review import scored_reviews_once

DRILLDOWNS: dict[str, str] = {
    "officers_certified": "持证在岗的执法人员",
    "officers_not_participating": "未参与执法的持证人员",
    "officers_participating": "参与执法的人员",
    "power_items_in_force": "有效的权责事项",
    "power_items_not_exercised": "未履行的权责事项",
    "power_items_exercised": "已履行的权责事项",
    "records": "执法信息",
    "records_on_time": "按时录入的执法信息",
    "records_late": "逾期录入的执法信息",
    "decisions": "作出处罚决定的案件",
    "decisions_in_time": "按期作出决定的案件",
    "decisions_late": "超期作出决定的案件",
    "publications": "公示的处罚决定",
    "publications_in_time": "按期公示的处罚决定",
    "publications_due": "公示期限届满的处罚决定",
    "publications_by_due": "期限内已公示的处罚决定",
    "publications_late": "未在期限内公示的处罚决定",
    "reviews": "完成评查的案卷",
    "repeated_entities": "被多个部门重复检查的对象（综合查一次候选）",
    "party_inspections": "对象的检查记录",
}

# Which drill-down each measure opens (dashboard links).
# Each opens exactly the rows it counts (docs/supervision.md §5): a figure's link and its row count agree.
MEASURE_DRILLDOWN = {
    "officers_total": "officers_certified",
    "officers_participating": "officers_participating",
    "power_items_total": "power_items_in_force",
    "power_items_exercised": "power_items_exercised",
    "records_total": "records",
    "records_inspection": "records",
    "records_penalty": "records",
    "records_education": "records",
    "records_coercion": "records",
    "records_other": "records",
    "records_on_time": "records_on_time",
    "decisions_total": "decisions",
    "decisions_in_time": "decisions_in_time",
    "publications_total": "publications",
    "publications_in_time": "publications_in_time",
    "publications_due": "publications_due",
    "publications_by_due": "publications_by_due",
    "reviews_count": "reviews",
    "reviews_score_sum": "reviews",
}

# The rows behind an indicator's value: for a rate, the gap (who did not, what was late).
INDICATOR_DRILLDOWN = {
    "participation_rate": "officers_not_participating",
    "exercise_rate": "power_items_not_exercised",
    "upload_timeliness": "records_late",
    "decision_timeliness": "decisions_late",
    "publication_timeliness": "publications_late",
    "records_per_officer": "records",
    "review_average_score": "reviews",
}

MEASURE_RECORD_TYPE = {
    "records_inspection": RecordType.INSPECTION,
    "records_penalty": RecordType.PENALTY,
    "records_education": RecordType.EDUCATION,
    "records_coercion": RecordType.COERCION,
    "records_other": RecordType.OTHER,
}


@dataclass(frozen=True, slots=True)
class DrillDown:
    kind: str
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    count: int
    # Per row of a record list: the platform record its first cell names, (kind, pk), for a link;
    # None for an imported record. Empty for the other lists.
    targets: list[tuple[str, int] | None] = field(default_factory=list)


def _subtree_ids(unit: OrgUnit) -> list[int]:
    return list(OrgUnit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))


def drilldown(
    *,
    unit: OrgUnit,
    kind: str,
    start: date,
    end: date,
    as_of: datetime | None = None,
    record_type: str | None = None,
    lag_days: int | None = None,
    limit: int = 500,
    offset: int = 0,
    party: str | None = None,
) -> DrillDown:
    """The rows behind a number of `indicator_report` for the same unit, period and cut-off.

    The counts here are computed by the same selectors as the indicator, so the row count equals the
    figure on the dashboard (a test holds them together). The caller has scoped `unit`. `count` is
    always every row; `rows` are the `limit` rows from `offset` on (a page). `party` (a credit code)
    is the entity of "party_inspections": the inspections repeated_entities counted for it.
    """
    if kind not in DRILLDOWNS:
        raise NotFound(f"未知的明细类型：{kind}", code="supervision.unknown_drilldown")
    rules.require_period(start, end)
    rules.require_cut_off_not_future(as_of, now=timezone.now())
    units = _subtree_ids(unit)
    as_of_day = timezone.localtime(as_of).date() if as_of is not None else None
    on = min(end, as_of_day) if as_of_day else end
    if lag_days is None:
        lag_days = _lag_days(indicator_definitions_on(day=end))
    title = DRILLDOWNS[kind]
    page = slice(offset, offset + limit)
    if kind in ("officers_certified", "officers_not_participating", "officers_participating"):
        certified = certified_officers(units=units, on=on)
        if kind == "officers_certified":
            wanted = list(certified)
        else:
            active = participating_officers(units=units, start=start, end=end, as_of_day=None, as_of=as_of)
            wanted = [pk for pk in certified if (pk in active) == (kind == "officers_participating")]
        officers = list(
            Officer.objects.filter(pk__in=wanted)
            .select_related("person", "unit")
            .order_by("unit__path", "person__name", "pk")[page]
        )
        numbers = defaultdict(list)
        shown = [o.pk for o in officers]
        for officer_id, number in Certificate.objects.filter(officer_id__in=shown).values_list("officer_id", "number"):
            numbers[officer_id].append(number)
        rows = [(o.unit.name, o.person.name, "；".join(sorted(numbers[o.pk])), o.title) for o in officers]
        return DrillDown(kind, title, ("单位", "姓名", "执法证号", "职务"), rows, len(wanted))
    if kind in ("power_items_in_force", "power_items_not_exercised", "power_items_exercised"):
        items = power_items_in_force(units=units, on=on)
        if kind == "power_items_in_force":
            wanted = list(items)
        else:
            exercised = exercised_power_items(start=start, end=end, as_of_day=None, as_of=as_of, candidates=set(items))
            wanted = [pk for pk in items if (pk in exercised) == (kind == "power_items_exercised")]
        queryset = (
            PowerItem.objects.filter(pk__in=wanted)
            .select_related("owner_unit")
            .order_by("owner_unit__path", "code", "pk")
        )
        rows = [(i.owner_unit.name, i.code, i.name, i.get_category_display()) for i in queryset[page]]
        return DrillDown(kind, title, ("实施主体", "事项编码", "事项名称", "事项类别"), rows, len(wanted))
    if kind == "repeated_entities":
        found = repeated_inspections(units=units, start=start, end=end)
        listed = found[page]
        names = dict(OrgUnit.objects.filter(pk__in={u for e in listed for u in e.units}).values_list("pk", "name"))
        parties = entity_names([e.party_code for e in listed])
        rows = [
            (
                e.party_code,
                parties.get(e.party_code, ""),
                e.visits,
                e.inspections,
                len(e.units),
                "、".join(names[u] for u in e.units),
            )
            for e in listed
        ]
        columns = ("对象代码", "对象名称", "上门次数", "检查次数", "检查部门数", "检查部门")
        return DrillDown(kind, title, columns, rows, len(found))
    if kind == "party_inspections":
        return _party_inspections(units=units, start=start, end=end, party=party or "", page=page)
    if kind == "reviews":
        return _reviews(units=units, start=start, end=end, page=page)
    records = EnforcementRecord.objects.filter(unit_id__in=units)
    if as_of is not None:
        # The records known to Fazhi at the cut-off, as unit_measures subtracts the others (every
        # count of theirs: records, decisions, publications).
        records = records.exclude(reached_after_q(as_of))
    if kind in ("records", "records_late", "records_on_time"):
        records = records.filter(occurred_on__gte=start, occurred_on__lte=end)
        if record_type:
            records = records.filter(record_type=record_type)
        # rules.Increments counts a record on time when entered at most `lag_days` after it occurred.
        if kind == "records_late":
            records = records.filter(entered_on__gt=F("occurred_on") + timedelta(days=lag_days))
        elif kind == "records_on_time":
            records = records.filter(entered_on__lte=F("occurred_on") + timedelta(days=lag_days))
    elif kind in ("decisions", "decisions_in_time", "decisions_late"):
        # The rollups count a decision on its 决定日期, in time without a deadline or by it.
        records = records.filter(decided_on__gte=start, decided_on__lte=end)
        if kind == "decisions_in_time":
            records = records.filter(Q(decision_due__isnull=True) | Q(decided_on__lte=F("decision_due")))
        elif kind == "decisions_late":
            records = records.filter(decision_due__isnull=False, decided_on__gt=F("decision_due"))
        return _decisions(kind, title, records, page)
    elif kind in ("publications", "publications_in_time"):
        # 公示及时率 version 1: the decisions published in the period, in time unless marked 逾期公示.
        records = records.filter(published_on__gte=start, published_on__lte=end)
        if kind == "publications_in_time":
            records = records.exclude(published_late=True)
        return _publications(kind, title, records.order_by("published_on", "key"), page)
    else:  # publications owed in the period (up to the cut-off day); the late ones not published by the deadline
        cutoff = owed_cutoff(end=end, as_of_day=as_of_day)
        records = records.filter(publish_due__gte=start, publish_due__lte=cutoff)
        if kind == "publications_by_due":  # rules.published_by_due
            records = records.filter(published_on__isnull=False, published_on__lte=F("publish_due"))
        elif kind == "publications_late":
            records = records.filter(Q(published_on__isnull=True) | Q(published_on__gt=F("publish_due")))
        return _publications(kind, title, records.order_by("publish_due", "key"), page)
    return _record_list(
        kind,
        title,
        records.select_related("unit", "power_item").order_by("occurred_on", "key"),
        page,
        ("记录类型", "单位", "权责事项编码", "发生日期", "录入日期", "间隔天数", "来源"),
        lambda r: (
            r.get_record_type_display(),
            r.unit.name,
            r.power_item.code if r.power_item else "",
            format_date_zh(r.occurred_on),
            format_date_zh(r.entered_on),
            (r.entered_on - r.occurred_on).days,
            r.get_source_display(),
        ),
    )


def _record_list(
    kind: str,
    title: str,
    queryset: QuerySet[EnforcementRecord],
    page: slice,
    columns: tuple[str, ...],
    cells: Callable[[EnforcementRecord], tuple[Any, ...]],
) -> DrillDown:
    """A page of records, each named by record_labels (linked to its platform page) and then `cells`."""
    listed = list(queryset[page])
    labels = record_labels((r.source, r.key) for r in listed)
    rows = [(labels[r.key].text, *cells(r)) for r in listed]
    targets = [labels[r.key].target for r in listed]
    return DrillDown(kind, title, ("记录", *columns), rows, queryset.count(), targets)


def _decisions(kind: str, title: str, records: QuerySet[EnforcementRecord], page: slice) -> DrillDown:
    return _record_list(
        kind,
        title,
        records.select_related("unit").order_by("decided_on", "key"),
        page,
        ("单位", "决定日期", "决定期限"),
        lambda r: (
            r.unit.name,
            format_date_zh(r.decided_on) if r.decided_on else "",
            format_date_zh(r.decision_due) if r.decision_due else "无",
        ),
    )


def _publications(kind: str, title: str, records: QuerySet[EnforcementRecord], page: slice) -> DrillDown:
    return _record_list(
        kind,
        title,
        records.select_related("unit"),
        page,
        ("单位", "决定日期", "应公示期限", "公示日期"),
        lambda r: (
            r.unit.name,
            format_date_zh(r.decided_on) if r.decided_on else "",
            format_date_zh(r.publish_due) if r.publish_due else "",
            format_date_zh(r.published_on) if r.published_on else "未公示",
        ),
    )


def _party_inspections(*, units: Sequence[int], start: date, end: date, party: str, page: slice) -> DrillDown:
    """The inspections of one entity behind its row of repeated_entities: the same records
    (_inspections_of: the units' inspections of the period, without a cut-off, as that list counts
    them), each with its department and day."""
    party = party.strip()
    if not party:
        raise DomainError("请指定检查对象的代码（统一社会信用代码或公民身份号码）。", code="supervision.party_required")
    name = entity_names([party]).get(party, "")
    records = (
        _inspections_of(units=units, start=start, end=end)
        .filter(party_code=party)
        .select_related("unit", "power_item")
        .order_by("occurred_on", "unit__path", "key")
    )
    return _record_list(
        "party_inspections",
        f"{party}{f'（{name}）' if name else ''}的检查记录",
        records,
        page,
        ("检查部门", "检查日期", "权责事项编码", "来源"),
        lambda r: (
            r.unit.name,
            format_date_zh(r.occurred_on),
            r.power_item.code if r.power_item else "",
            r.get_source_display(),
        ),
    )


def _reviews(*, units: Sequence[int], start: date, end: date, page: slice) -> DrillDown:
    """The scored reviews behind 评查案卷数 and 评查得分合计 (the filter of measures._review_sums)."""
    queryset = (
        scored_reviews_once(units=units, start=start, end=end)
        .select_related("unit", "case")
        .order_by("reviewed_on", "pk")
    )
    listed = list(queryset[page])
    rows = [
        (
            f"{r.case.number or '未编号案件'}（{r.case.party_name}）",
            r.unit.name,
            format_date_zh(r.reviewed_on) if r.reviewed_on else "",
            r.score,
            r.get_status_display(),
        )
        for r in listed
    ]
    targets: list[tuple[str, int] | None] = [("review", r.pk) for r in listed]
    columns = ("案卷", "被评查单位", "评查日期", "得分", "状态")
    return DrillDown("reviews", DRILLDOWNS["reviews"], columns, rows, queryset.count(), targets)


def entity_names(codes: Sequence[str]) -> dict[str, str]:
    """credit code → the entity's name: the 双随机 directory's, else the latest inspection's party name."""
    names = dict(Entity.objects.filter(credit_code__in=codes).values_list("credit_code", "name"))
    missing = [code for code in codes if code not in names]
    if missing:
        for code, name in (
            Inspection.objects.filter(party_code__in=missing)
            .order_by("occurred_on", "pk")
            .values_list("party_code", "party_name")
        ):
            names[code] = name  # the latest wins
    return names


def repeated_inspections(
    *, units: Sequence[int], start: date, end: date, limit: int | None = None
) -> list[rules.RepeatedEntity]:
    """Entities that two or more units of `units` visited on two or more days in [start, end]
    (综合查一次 candidates, rules.repeated_entities), most units first.

    The database picks the parties (_repeated_parties), so a province's quarter of inspections is
    never shipped to Python; `limit` keeps the first ones. Their rows per unit and day then go
    through rules.repeated_entities, which states the definition.
    """
    inspections = _inspections_of(units=units, start=start, end=end)
    wanted = [party for party, _units_n, _n in _repeated_parties(inspections, limit=limit)]
    rows = (
        inspections.filter(party_code__in=wanted)
        .values("party_code", "unit_id", "occurred_on")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return rules.repeated_entities((row["party_code"], row["unit_id"], row["occurred_on"], row["n"]) for row in rows)


def repeated_inspection_count(*, units: Sequence[int], start: date, end: date) -> int:
    """How many entities `repeated_inspections` would list without a limit (one COUNT in the database)."""
    # Two or more units and two or more days are "first ≠ last" of each: one grouping, no ranking.
    inspections = _inspections_of(units=units, start=start, end=end).values("party_code")
    parties = inspections.annotate(
        first_unit=Min("unit_id"), last_unit=Max("unit_id"), first_day=Min("occurred_on"), last_day=Max("occurred_on")
    )
    return parties.exclude(first_unit=F("last_unit")).exclude(first_day=F("last_day")).order_by().count()


def _inspections_of(*, units: Sequence[int], start: date, end: date) -> QuerySet[EnforcementRecord]:
    return EnforcementRecord.objects.filter(
        record_type=RecordType.INSPECTION, occurred_on__gte=start, occurred_on__lte=end, unit_id__in=units
    ).exclude(party_code="")


def _repeated_parties(inspections: QuerySet[EnforcementRecord], *, limit: int | None) -> list[tuple[str, int, int]]:
    """(party, units, inspections) of the parties rules.repeated_entities keeps, most units first.

    Two groupings and no COUNT(DISTINCT): per (party, unit) the inspections and first and last day,
    then per party the units (one row each), the inspections, and "two or more days" as the first
    day before the last. COUNT(DISTINCT unit), COUNT(DISTINCT day) sorted a quarter's inspections by
    party code (docs/supervision.md §10).
    """
    per_unit = (
        inspections.values("party_code", "unit_id")
        .annotate(n=Count("pk"), first=Min("occurred_on"), last=Max("occurred_on"))
        .order_by()
    )
    inner, params = per_unit.query.sql_with_params()
    party, first, last = (connection.ops.quote_name(name) for name in ("party_code", "first", "last"))
    sql = (
        f"SELECT {party}, COUNT(*) AS units_n, SUM(n) AS n FROM ({inner}) AS per_unit "  # noqa: S608 — composed
        f"GROUP BY {party} HAVING COUNT(*) >= 2 AND MIN({first}) < MAX({last}) ORDER BY units_n DESC, n DESC, {party}"
    )
    if limit:
        sql, params = f"{sql} LIMIT %s", (*params, limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@dataclass(frozen=True, slots=True)
class MonthCounts:
    """A unit's records per month of a period, by record type (the chart of a unit without sub-units)."""

    months: list[tuple[date, date]]  # each month of the period, cut to the period: (first day, last day)
    counts: dict[str, list[int]]  # record type → one count per month; only the types with records


def records_by_month(*, unit: OrgUnit, start: date, end: date, as_of: datetime | None = None) -> MonthCounts:
    """The records of `unit` (and its subtree) per month of [start, end] and record type, as of the
    cut-off: the rows of the `records` drill-down, counted (a month's bar opens that month's rows).

    One GROUP BY over the records of the unit's own index (unit, occurred_on); a unit's year is a few
    thousand rows at most, so the raw records are read rather than the rollups' edge-day split.
    """
    rules.require_period(start, end)
    rules.require_cut_off_not_future(as_of, now=timezone.now())
    months: list[tuple[date, date]] = []
    first = start
    while first <= end:
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        months.append((first, min(end, following - timedelta(days=1))))
        first = following
    records = EnforcementRecord.objects.filter(
        unit_id__in=_subtree_ids(unit), occurred_on__gte=start, occurred_on__lte=end
    )
    if as_of is not None:
        records = records.exclude(reached_after_q(as_of))
    index = {(month.year, month.month): position for position, (month, _last) in enumerate(months)}
    counts: dict[str, list[int]] = {}
    rows = records.annotate(month=TruncMonth("occurred_on")).values("month", "record_type").annotate(n=Count("pk"))
    for row in rows.order_by():
        month = row["month"]
        counts.setdefault(row["record_type"], [0] * len(months))[index[(month.year, month.month)]] += row["n"]
    ordered = {choice: counts[choice] for choice in RecordType.values if choice in counts}
    return MonthCounts(months, ordered)
