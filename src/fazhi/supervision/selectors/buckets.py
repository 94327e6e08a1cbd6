"""How a period maps onto the rollup rows: helpers shared by the officer, power-item and unit counts.

rules.split_period cuts a period into whole quarters, whole months and edge days. These helpers
turn that plan into filters on the rollups (_bucket_q, _days_q), tell whether a period is one
bucket (_single_bucket: the quarterly bulletin's fast paths), find the ids whose every record of a
period was entered after a cut-off (_late_only), and count members against one bucket with
a LEFT JOIN (_count_joined_with_rollup). Separate so that officer_counts, item_counts and measures
share them without importing each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from fazhi.supervision import rules
from fazhi.supervision.choices import Grain
from fazhi.supervision.models import OfficerRollup, PowerItemRollup

# Units to measure: a list of ids, or (for a whole subtree) a values("pk") subquery — thousands of
# bound ids cost more to send and to plan than the subquery costs to run.
UnitIds = Sequence[int] | QuerySet[Any]


def _bucket_q(plan: rules.PeriodPlan, *, with_days: bool) -> Q:
    """Rows of the plan's whole quarters and months (every rollup has quarter and month rows); unit
    rollups (`with_days`) also have day rows for the edge days."""
    query = Q(pk__in=[])
    if plan.quarters:
        query |= Q(grain=Grain.QUARTER, bucket__in=plan.quarters)
    if plan.months:
        query |= Q(grain=Grain.MONTH, bucket__in=plan.months)
    if with_days:
        for first, last in plan.day_ranges:
            query |= Q(grain=Grain.DAY, bucket__gte=first, bucket__lte=last)
    return query


def _days_q(plan: rules.PeriodPlan, field_name: str) -> Q:
    query = Q(pk__in=[])
    for first, last in plan.day_ranges:
        query |= Q(**{f"{field_name}__gte": first, f"{field_name}__lte": last})
    return query


def _late_only(
    *, model: type, column: str, ids_filter: dict[str, Any], start: date, end: date, as_of_day: date | None
) -> set[int]:
    """Ids whose every record of the period was entered after the cut-off (they leave an as-of figure)."""
    if as_of_day is None:
        return set()
    period = {"occurred_on__gte": start, "occurred_on__lte": end}
    late = set(model.objects.filter(entered_on__gt=as_of_day, **period, **ids_filter).values_list(column, flat=True))
    if not late:
        return set()
    kept = set(
        model.objects.filter(**{f"{column}__in": late}, entered_on__lte=as_of_day, **period).values_list(
            column, flat=True
        )
    )
    return late - kept


def _single_bucket(plan: rules.PeriodPlan) -> tuple[str, date] | None:
    """The one rollup bucket a period is made of (a whole quarter or a whole month), if it is."""
    if plan.day_ranges or len(plan.quarters) + len(plan.months) != 1:
        return None
    return (Grain.QUARTER, plan.quarters[0]) if plan.quarters else (Grain.MONTH, plan.months[0])


def _count_joined_with_rollup(
    members: QuerySet[Any], rollup: type[OfficerRollup] | type[PowerItemRollup], bucket: tuple[str, date]
) -> list[tuple[int, int, int]]:
    """(unit id, members, members with a rollup row in `bucket`) per unit, for `members` = (id, unit id) rows.

    The quarterly bulletin's path: a LEFT JOIN on the rollup's unique key (one row per member and
    bucket), which PostgreSQL runs as one hash join — measured about twice as fast as the same count
    written as a FILTER (… IN (sub-query)) over every officer or power item of a province.
    """
    sql, params = members.order_by().query.sql_with_params()
    member_column, unit_column = members.query.values_select  # the sub-query's output names
    key = rollup._meta.get_field("officer" if rollup is OfficerRollup else "power_item").column
    quote = connection.ops.quote_name
    grain, first_day = bucket
    query = (
        f"SELECT m.{quote(unit_column)}, COUNT(*), COUNT(r.{quote(key)}) FROM ({sql}) m "  # noqa: S608 — identifiers
        f"LEFT JOIN {quote(rollup._meta.db_table)} r ON r.{quote(key)} = m.{quote(member_column)} "
        "AND r.grain = %s AND r.bucket = %s AND r.n > 0 "
        f"GROUP BY m.{quote(unit_column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [*params, str(grain), connection.ops.adapt_datefield_value(first_day)])
        return cursor.fetchall()
