"""The rows behind a figure (下钻): officers, power items, records, repeatedly inspected entities.

A drill-down counts with the same selectors as the indicator (officer_counts, item_counts, the
records' own dates), so its row count equals the figure on the dashboard. The module is named in
the plural so that `selectors.drilldown` stays the function.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection
from django.db.models import Count, F, Max, Min, Q, QuerySet
from django.utils import timezone

from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.errors import NotFound
from fazhi.orgs.models import Certificate, Officer, OrgUnit
from fazhi.powers.models import PowerItem
from fazhi.supervision import rules
from fazhi.supervision.choices import RecordType
from fazhi.supervision.models import EnforcementRecord
from fazhi.supervision.selectors.definitions import _lag_days, indicator_definitions_on
from fazhi.supervision.selectors.item_counts import exercised_power_items, power_items_in_force
from fazhi.supervision.selectors.measures import owed_cutoff
from fazhi.supervision.selectors.officer_counts import certified_officers, participating_officers
from fazhi.supervision.selectors.record_labels import record_labels

DRILLDOWNS: dict[str, str] = {
    "officers_not_participating": "未参与执法的持证人员",
    "officers_participating": "参与执法的人员",
    "power_items_not_exercised": "未履行的权责事项",
    "power_items_exercised": "已履行的权责事项",
    "records": "执法信息",
    "records_late": "逾期录入的执法信息",
    "decisions_late": "超期作出决定的案件",
    "publications_late": "未在期限内公示的处罚决定",
    "repeated_entities": "被多个部门重复检查的对象（综合查一次候选）",
}

# Which drill-down each measure opens (dashboard links).
MEASURE_DRILLDOWN = {
    "officers_total": "officers_not_participating",
    "officers_participating": "officers_participating",
    "power_items_total": "power_items_not_exercised",
    "power_items_exercised": "power_items_exercised",
    "records_total": "records",
    "records_inspection": "records",
    "records_penalty": "records",
    "records_education": "records",
    "records_coercion": "records",
    "records_other": "records",
    "records_on_time": "records_late",
    "decisions_total": "decisions_late",
    "decisions_in_time": "decisions_late",
    "publications_total": "publications_late",
    "publications_in_time": "publications_late",
    "publications_due": "publications_late",
    "publications_by_due": "publications_late",
}

# The rows behind an indicator's value: for a rate, the gap (who did not, what was late).
INDICATOR_DRILLDOWN = {
    "participation_rate": "officers_not_participating",
    "exercise_rate": "power_items_not_exercised",
    "upload_timeliness": "records_late",
    "decision_timeliness": "decisions_late",
    "publication_timeliness": "publications_late",
    "records_per_officer": "records",
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
) -> DrillDown:
    """The rows behind a number of `indicator_report` for the same unit, period and cut-off.

    The counts here are computed by the same selectors as the indicator, so the row count equals the
    figure on the dashboard (a test holds them together). The caller has scoped `unit`.
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
    if kind in ("officers_not_participating", "officers_participating"):
        certified = certified_officers(units=units, on=on)
        active = participating_officers(units=units, start=start, end=end, as_of_day=as_of_day)
        wanted = [pk for pk in certified if (pk in active) == (kind == "officers_participating")]
        officers = (
            Officer.objects.filter(pk__in=wanted)
            .select_related("person", "unit")
            .order_by("unit__path", "person__name")
        )
        numbers = defaultdict(list)
        for officer_id, number in Certificate.objects.filter(officer_id__in=wanted).values_list("officer_id", "number"):
            numbers[officer_id].append(number)
        rows = [(o.unit.name, o.person.name, "；".join(sorted(numbers[o.pk])), o.title) for o in officers[:limit]]
        return DrillDown(kind, title, ("单位", "姓名", "执法证号", "职务"), rows, len(wanted))
    if kind in ("power_items_not_exercised", "power_items_exercised"):
        items = power_items_in_force(units=units, on=on)
        exercised = exercised_power_items(start=start, end=end, as_of_day=as_of_day, candidates=set(items))
        wanted = [pk for pk in items if (pk in exercised) == (kind == "power_items_exercised")]
        queryset = (
            PowerItem.objects.filter(pk__in=wanted).select_related("owner_unit").order_by("owner_unit__path", "code")
        )
        rows = [(i.owner_unit.name, i.code, i.name, i.get_category_display()) for i in queryset[:limit]]
        return DrillDown(kind, title, ("实施主体", "事项编码", "事项名称", "事项类别"), rows, len(wanted))
    if kind == "repeated_entities":
        found = repeated_inspections(units=units, start=start, end=end)
        names = dict(OrgUnit.objects.filter(pk__in={u for e in found for u in e.units}).values_list("pk", "name"))
        rows = [
            (e.party_code, e.visits, e.inspections, len(e.units), "、".join(names[u] for u in e.units))
            for e in found[:limit]
        ]
        columns = ("对象代码", "上门次数", "检查次数", "检查部门数", "检查部门")
        return DrillDown(kind, title, columns, rows, len(found))
    records = EnforcementRecord.objects.filter(unit_id__in=units)
    if kind in ("records", "records_late"):
        records = records.filter(occurred_on__gte=start, occurred_on__lte=end)
        if as_of_day is not None:
            records = records.filter(entered_on__lte=as_of_day)
        if record_type:
            records = records.filter(record_type=record_type)
        if kind == "records_late":
            records = records.filter(entered_on__gt=F("occurred_on") + timedelta(days=lag_days))
    elif kind == "decisions_late":
        records = records.filter(
            decided_on__gte=start, decided_on__lte=end, decision_due__isnull=False, decided_on__gt=F("decision_due")
        )
    else:  # publications_late: owed in the period (up to the cut-off day) and not published by the deadline
        cutoff = owed_cutoff(end=end, as_of_day=as_of_day)
        records = records.filter(publish_due__gte=start, publish_due__lte=cutoff).filter(
            Q(published_on__isnull=True) | Q(published_on__gt=F("publish_due"))
        )
        queryset = records.select_related("unit").order_by("publish_due", "key")
        listed = list(queryset[:limit])
        labels = record_labels((r.source, r.key) for r in listed)
        rows = [
            (
                labels[r.key].text,
                r.unit.name,
                format_date_zh(r.decided_on) if r.decided_on else "",
                format_date_zh(r.publish_due),
                format_date_zh(r.published_on) if r.published_on else "未公示",
            )
            for r in listed
        ]
        columns = ("记录", "单位", "决定日期", "应公示期限", "公示日期")
        return DrillDown(kind, title, columns, rows, queryset.count(), [labels[r.key].target for r in listed])
    queryset = records.select_related("unit", "power_item").order_by("occurred_on", "key")
    listed = list(queryset[:limit])
    labels = record_labels((r.source, r.key) for r in listed)
    rows = [
        (
            labels[r.key].text,
            r.get_record_type_display(),
            r.unit.name,
            r.power_item.code if r.power_item else "",
            format_date_zh(r.occurred_on),
            format_date_zh(r.entered_on),
            (r.entered_on - r.occurred_on).days,
            r.get_source_display(),
        )
        for r in listed
    ]
    columns = ("记录", "记录类型", "单位", "权责事项编码", "发生日期", "录入日期", "间隔天数", "来源")
    return DrillDown(kind, title, columns, rows, queryset.count(), [labels[r.key].target for r in listed])


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
