"""How a period maps onto the rollup rows: helpers shared by the officer, power-item and unit counts.

rules.split_period cuts a period into whole quarters, whole months and edge days. These helpers
turn that plan into filters on the rollups (_bucket_q, _days_q), tell whether a period is one
bucket (_single_bucket: the quarterly bulletin's fast paths), find the ids whose every record of a
period reached Fazhi after a cut-off (_late_only), and count members against one bucket with
a LEFT JOIN (_count_joined_with_rollup). Separate so that officer_counts, item_counts and measures
share them without importing each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone

from fazhi.supervision import rules
from fazhi.supervision.choices import Grain, RecordSource
from fazhi.supervision.models import EnforcementRecord, OfficerRollup, PowerItemRollup

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


def reached_after_q(as_of: datetime, *, prefix: str = "") -> Q:
    """Q on EnforcementRecord (or, with prefix "record__", on its links): reached Fazhi after `as_of`.

    An imported record reached Fazhi when it was first imported (first_ingested_at), whatever the
    录入日期 its source states. A record of this platform was known to Fazhi when it was recorded
    here (its 录入日期 is the local day of that) and its fact row is written by the next ingestion:
    it is late when its row was first written after the cut-off and it was recorded on the cut-off
    day or later — so a row ingested minutes after a cut-off is left out exactly, and history loaded
    later (the demo) still counts on the days it was recorded.
    """
    day = timezone.localtime(as_of).date()
    return Q(**{f"{prefix}first_ingested_at__gt": as_of}) & (
        Q(**{f"{prefix}source": RecordSource.IMPORTED}) | Q(**{f"{prefix}entered_on__gte": day})
    )


def _late_only(
    *,
    model: type,
    column: str,
    ids_filter: dict[str, Any],
    start: date,
    end: date,
    as_of: datetime | None = None,
    as_of_day: date | None = None,
) -> set[int]:
    """Ids whose every record of the period reached Fazhi after the cut-off (they leave an as-of figure).

    `as_of` (a moment) applies reached_after_q; `as_of_day` is the older day cut-off on the 录入日期,
    kept for callers that pass only a day.
    """
    if as_of is not None:
        after = reached_after_q(as_of, prefix="" if model is EnforcementRecord else "record__")
    elif as_of_day is not None:
        after = Q(entered_on__gt=as_of_day)
    else:
        return set()
    period = {"occurred_on__gte": start, "occurred_on__lte": end}
    late = set(model.objects.filter(after, **period, **ids_filter).values_list(column, flat=True))
    if not late:
        return set()
    kept = set(model.objects.filter(~after, **{f"{column}__in": late}, **period).values_list(column, flat=True))
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
