"""The measures (rules.MEASURES) of each unit for a period, as of a cut-off: unit_measures.

Puts together the unit rollup sums (records, decisions, publications) less what the records that
reached Fazhi after the cut-off added; the officer counts (officer_counts) and the power-item counts
(item_counts); and the review scores. sum_measures adds units up. The indicator report and the
bulletin build on these; this module only gathers, the counting itself lives in its neighbours.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from operator import itemgetter
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from fazhi.orgs.models import OrgUnit
from fazhi.supervision import rules
from fazhi.supervision.choices import Grain
from fazhi.supervision.models import EnforcementRecord, RecordOfficer, UnitRollup
from fazhi.supervision.selectors.buckets import UnitIds, _bucket_q, _late_only, reached_after_q
from fazhi.supervision.selectors.item_counts import _item_counts
from fazhi.supervision.selectors.officer_counts import _officer_counts
from fazhi.supervision.selectors.review import scored_reviews_once

UNIT_COLUMNS = (
    "n_total",
    "n_inspection",
    "n_penalty",
    "n_education",
    "n_coercion",
    "n_other",
    "decided",
    "decided_in_time",
    "published",
    "published_in_time",
    "publications_due",
    "published_by_due",
)


def _unit_sums(*, units: UnitIds, start: date, end: date, lag_column: str) -> dict[int, dict[str, int]]:
    plan = rules.split_period(start, end)
    columns = (*UNIT_COLUMNS, lag_column)
    rows = (
        UnitRollup.objects.filter(_bucket_q(plan, with_days=True), unit_id__in=units)
        .values("unit_id")
        .annotate(**{f"s_{c}": Sum(c) for c in columns})
        .order_by()
    )
    return {row["unit_id"]: {c: row[f"s_{c}"] or 0 for c in columns} for row in rows}


def _late_sums(*, units: UnitIds, start: date, end: date, as_of: datetime) -> dict[int, dict[str, int]]:
    """What the records that reached Fazhi after the cut-off added to the unit rollups of [start, end]
    (subtracted for an as-of figure), whatever their 录入日期.

    "Reached" is buckets.reached_after_q (first_ingested_at, index sup_rec_first_ingested): usually
    a handful of rows, none when the cut-off is now. Each record's contribution is stated by
    rules.Increments, as the writer adds it, so the subtraction is exact — its record count on the
    发生日期, its decision, publication and publication deadline on their own days, each counted if
    its day is inside the period (the rollup rows a period reads cover exactly its days). A record
    created before the cut-off and changed after it is not subtracted: it counts as it is now (the
    rollups keep no history), which a snapshot's diff then shows.
    """
    records = EnforcementRecord.objects.filter(reached_after_q(as_of), unit_id__in=units).values_list(
        "record_type", "unit_id", "occurred_on", "entered_on", "decided_on", "decision_due",
        "published_on", "published_late", "publish_due",
    )  # fmt: skip
    increments = rules.Increments()
    for record_type, unit_id, occurred_on, entered_on, *case_dates in records:
        decided_on, decision_due, published_on, published_late, publish_due = case_dates
        increments.add(
            rules.RecordFact(
                record_type=record_type, unit_id=unit_id, occurred_on=occurred_on, entered_on=entered_on,
                officers=(), decided_on=decided_on, decision_due=decision_due, published_on=published_on,
                published_late=published_late, publish_due=publish_due,
            )
        )  # fmt: skip
    result: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (unit_id, grain, day), columns in increments.units.items():
        if grain == Grain.DAY and start <= day <= end:
            row = result[unit_id]
            for column, value in columns.items():
                row[column] += value
    return result


def owed_cutoff(*, end: date, as_of_day: date | None) -> date:
    """The last day on which a passed publication deadline counts (公示及时率 v2): the period's end, or
    the cut-off day or today if earlier; a deadline after it is not owed yet (not_yet_due)."""
    return min(end, as_of_day or timezone.localdate())


def not_yet_due(
    *, units: UnitIds, start: date, end: date, cutoff: date, as_of: datetime | None = None
) -> dict[int, tuple[int, int]]:
    """Per unit, (decisions, of them published) whose publication period ends inside [start, end] but
    after the cut-off day: not owed yet, so not counted by 公示及时率 (subtracted from the rollups).

    Only a period still running (or cut off early) has any; its rows are few (decisions of the last
    seven working days), read through the partial index on publish_due. With `as_of`, the records
    that reached Fazhi after it are left out: _late_sums has already taken them out of the rollups.
    """
    if cutoff >= end:
        return {}
    rows = EnforcementRecord.objects.filter(
        unit_id__in=units, publish_due__gt=max(cutoff, start - timedelta(days=1)), publish_due__lte=end
    )
    if as_of is not None:
        rows = rows.exclude(reached_after_q(as_of))
    rows = rows.values_list("unit_id", "published_on", "publish_due")
    result: dict[int, tuple[int, int]] = {}
    for unit_id, published_on, due in rows:
        owed, published = result.get(unit_id, (0, 0))
        in_time = rules.published_by_due(published_on=published_on, publish_due=due)
        result[unit_id] = (owed + 1, published + int(in_time))
    return result


def _review_sums(*, units: UnitIds, start: date, end: date) -> dict[int, tuple[int, Decimal]]:
    # Each case file once (its latest score): 案卷评查平均分 is an average over case files.
    rows = (
        scored_reviews_once(units=units, start=start, end=end)
        .values("unit_id")
        .annotate(n=Count("pk"), total=Sum("score"))
        .order_by()
    )
    return {row["unit_id"]: (row["n"], row["total"] or Decimal(0)) for row in rows}


def unit_measures(
    *,
    units: Sequence[int],
    start: date,
    end: date,
    as_of: datetime | None = None,
    lag_days: int = 7,
    scope: QuerySet[OrgUnit] | None = None,
) -> dict[int, dict[str, Any]]:
    """The measures (rules.MEASURES) of each unit's own records for [start, end] as of the cut-off.

    Officers count for the unit they belong to; power items for the unit that owns them; records,
    decisions and publications for the unit that acted. Everything is read from the rollups except
    the edge days of a period not made of whole months and the records that reached Fazhi after `as_of`
    (first_ingested_at; whatever their 录入日期).
    The denominators are taken on the last day of the period (or the cut-off day, if earlier).
    `scope`, when given, is the same set of units as a queryset (a subtree): the queries then filter
    on it as a subquery instead of binding every id.
    """
    unit_ids = list(units)
    unit_filter: UnitIds = scope.values("pk") if scope is not None else unit_ids
    as_of_day = timezone.localtime(as_of).date() if as_of is not None else None
    on = min(end, as_of_day) if as_of_day else end
    lag_column = rules.on_time_column(lag_days)
    sums = _unit_sums(units=unit_filter, start=start, end=end, lag_column=lag_column)
    if as_of is not None:
        for unit_id, late in _late_sums(units=unit_filter, start=start, end=end, as_of=as_of).items():
            row = sums.setdefault(unit_id, {c: 0 for c in (*UNIT_COLUMNS, lag_column)})
            for column, value in late.items():
                row[column] = row.get(column, 0) - value
    cutoff = owed_cutoff(end=end, as_of_day=as_of_day)
    owed_later = not_yet_due(units=unit_filter, start=start, end=end, cutoff=cutoff, as_of=as_of)
    for unit_id, (owed, published) in owed_later.items():
        row = sums.setdefault(unit_id, {c: 0 for c in (*UNIT_COLUMNS, lag_column)})
        row["publications_due"] -= owed
        row["published_by_due"] -= published
    plan = rules.split_period(start, end)
    late_officers = _late_only(
        model=RecordOfficer, column="officer_id", ids_filter={"officer_unit_id__in": unit_filter},
        start=start, end=end, as_of=as_of,
    )  # fmt: skip
    late_items = _late_only(
        model=EnforcementRecord, column="power_item_id", ids_filter={"unit_id__in": unit_filter},
        start=start, end=end, as_of=as_of,
    )  # fmt: skip
    counts = {
        **_officer_counts(units=unit_filter, on=on, plan=plan, late_only=late_officers),
        **_item_counts(units=unit_filter, on=on, plan=plan, late_only=late_items),
    }
    reviews = _review_sums(units=unit_filter, start=start, end=end)
    result: dict[int, dict[str, Any]] = {}
    for unit_id in unit_ids:
        row = sums.get(unit_id, {})
        review_count, review_total = reviews.get(unit_id, (0, Decimal(0)))
        result[unit_id] = {
            **{name: values.get(unit_id, 0) for name, values in counts.items()},
            "records_total": row.get("n_total", 0),
            "records_inspection": row.get("n_inspection", 0),
            "records_penalty": row.get("n_penalty", 0),
            "records_education": row.get("n_education", 0),
            "records_coercion": row.get("n_coercion", 0),
            "records_other": row.get("n_other", 0),
            "records_on_time": row.get(lag_column, 0),
            "decisions_total": row.get("decided", 0),
            "decisions_in_time": row.get("decided_in_time", 0),
            "publications_total": row.get("published", 0),
            "publications_in_time": row.get("published_in_time", 0),
            "publications_due": row.get("publications_due", 0),
            "publications_by_due": row.get("published_by_due", 0),
            "reviews_count": review_count,
            "reviews_score_sum": review_total,
        }
    return result


def sum_measures(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Add the measures of several units (all are additive: each officer/item belongs to one unit).

    A measure missing from a row counts 0. Summed one measure at a time over the rows (C loops):
    the bulletin adds up a province's 2,000 units this way.
    """
    rows = list(rows)
    total: dict[str, Any] = {}
    for name in rules.MEASURES:
        try:
            total[name] = sum(map(itemgetter(name), rows))
        except KeyError:
            total[name] = sum(row.get(name, 0) for row in rows)
    return total
