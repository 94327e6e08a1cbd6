"""Power items: which are in force on a day (权责事项总数) and which were cited in a period (履行事项数).

power_items_in_force and exercised_power_items list the items (the drill-downs read them);
_item_counts counts them per owner unit for unit_measures — from the powers in-force spans or the
kept activity counts for a whole quarter or month, from the items otherwise. Tests keep the paths
equal. Reads powers models read-only (see the package docstring).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime

from django.db.models import BigIntegerField, Case, Count, F, Q, Sum, Value, When

from fazhi.powers import selectors as powers_selectors
from fazhi.powers.choices import ItemStatus
from fazhi.powers.models import OwnerInForceSpan, PowerItem
from fazhi.supervision import rules
from fazhi.supervision.models import EnforcementRecord, PowerItemRollup, UnitActivityRollup
from fazhi.supervision.selectors.buckets import (
    UnitIds,
    _bucket_q,
    _count_joined_with_rollup,
    _days_q,
    _late_only,
    _single_bucket,
)


def power_items_in_force(*, units: Sequence[int], on: date) -> dict[int, int]:
    """Active power items (id → owner unit id) of `units` in force on `on` (权责事项总数).

    The same filter as powers.selectors.power_item_counts_per_unit (a test keeps the two equal).
    """
    in_force = (Q(effective_from__isnull=True) | Q(effective_from__lte=on)) & (
        Q(effective_to__isnull=True) | Q(effective_to__gte=on)
    )
    return dict(
        PowerItem.objects.filter(owner_unit_id__in=units, status=ItemStatus.ACTIVE)
        .filter(in_force)
        .values_list("pk", "owner_unit_id")
    )


def exercised_power_items(
    *, start: date, end: date, as_of_day: date | None, candidates: set[int], as_of: datetime | None = None
) -> set[int]:
    """The candidate power items cited by at least one record of [start, end] known by the cut-off (`as_of`,
    or the older day cut-off `as_of_day` on the 录入日期)."""
    plan = rules.split_period(start, end)
    ids = set(
        PowerItemRollup.objects.filter(_bucket_q(plan, with_days=False), n__gt=0)
        .values_list("power_item_id", flat=True)
        .distinct()
    )
    if plan.day_ranges:
        ids |= set(
            EnforcementRecord.objects.filter(_days_q(plan, "occurred_on"), power_item__isnull=False)
            .values_list("power_item_id", flat=True)
            .distinct()
        )
    ids &= candidates
    ids -= _late_only(
        model=EnforcementRecord, column="power_item_id", ids_filter={"power_item_id__in": ids},
        start=start, end=end, as_of=as_of, as_of_day=as_of_day,
    )  # fmt: skip
    return ids


def _used_items_q(*, plan: rules.PeriodPlan) -> Q:
    """Q on a power item's pk: cited by a record of the period."""
    query = Q(
        pk__in=PowerItemRollup.objects.filter(_bucket_q(plan, with_days=False), n__gt=0)
        .order_by()
        .values("power_item_id")
    )
    if plan.day_ranges:
        query |= Q(
            pk__in=EnforcementRecord.objects.filter(_days_q(plan, "occurred_on"), power_item__isnull=False)
            .order_by()
            .values("power_item_id")
        )
    return query


def _item_counts(*, units: UnitIds, on: date, plan: rules.PeriodPlan, late_only: set[int]) -> dict:
    """Per owner unit: power items in force, and those of them cited in the period (two grouped queries).

    A whole quarter or month without late records (the quarterly bulletin) reads the powers in-force
    spans (_item_counts_from_spans), or, for a database whose spans were never built, one scan of the
    items (_item_counts_from_activity); the general path below stays for the other periods.
    """
    in_force = (Q(effective_from__isnull=True) | Q(effective_from__lte=on)) & (
        Q(effective_to__isnull=True) | Q(effective_to__gte=on)
    )
    items = PowerItem.objects.filter(in_force, owner_unit_id__in=units, status=ItemStatus.ACTIVE)

    used = _used_items_q(plan=plan) & ~Q(pk__in=late_only) if late_only else _used_items_q(plan=plan)
    bucket = _single_bucket(plan)
    # UnitActivityRollup counts a cited item for the unit that owned it when its rollup row crossed
    # zero, the figures for its owner now: the two agree unless an item ever moved (rare), and once
    # one has, the item family reads the detailed rows (exact).
    if bucket is not None and not late_only and not powers_selectors.power_item_owner_ever_changed():
        if OwnerInForceSpan.objects.exists():
            return _item_counts_from_spans(units=units, on=on, bucket=bucket)
        return _item_counts_from_activity(units=units, in_force=in_force, bucket=bucket)
    if bucket is not None and not late_only:
        rows = _count_joined_with_rollup(items.values_list("pk", "owner_unit_id"), PowerItemRollup, bucket)
    else:
        rows = items.order_by().values_list("owner_unit_id").annotate(n=Count("pk"), used=Count("pk", filter=used))
    total: dict[int, int] = defaultdict(int)
    exercised: dict[int, int] = defaultdict(int)
    for unit_id, n, n_used in rows:
        total[unit_id] = n
        exercised[unit_id] = n_used
    return {"power_items_total": total, "power_items_exercised": exercised}


def _item_counts_from_activity(*, units: UnitIds, in_force: Q, bucket: tuple[str, date]) -> dict:
    """Per owner unit: power items in force, and those of them cited in one rollup bucket.

    The quarterly bulletin's path. One scan of the units' items, grouped by (owner, 0 for an item
    counted on the day — active and in force — else its id): the totals, and the few items not
    counted, by id. 履行事项数 = the owner's cited items (UnitActivityRollup, kept by the writer:
    one row per unit) minus the cited ones among those not counted, looked up by the rollup's key.
    Same figures as the LEFT JOIN of every item with its rollup row (tests keep the two equal).
    """
    counted = Q(status=ItemStatus.ACTIVE) & in_force
    total: dict[int, int] = defaultdict(int)
    not_counted: dict[int, int] = {}
    for unit_id, item_id, n in (
        PowerItem.objects.filter(owner_unit_id__in=units)
        .annotate(other=Case(When(counted, then=Value(0)), default=F("pk"), output_field=BigIntegerField()))
        .order_by()
        .values_list("owner_unit_id", "other")
        .annotate(n=Count("pk"))
    ):
        if item_id:
            not_counted[item_id] = unit_id
        else:
            total[unit_id] = n
    return {"power_items_total": total, "power_items_exercised": _exercised_from_activity(units, bucket, not_counted)}


def _not_in_force_on(on: date) -> list[Q]:
    """The power items NOT counted on `on` (not 有效, not yet in force, no longer in force): one arm per
    reason, each matching one partial index of PowerItem, so none of them scans the list."""
    return [~Q(status=ItemStatus.ACTIVE), Q(effective_from__gt=on), Q(effective_to__lt=on)]


def _item_counts_from_spans(*, units: UnitIds, on: date, bucket: tuple[str, date]) -> dict:
    """Per owner unit: power items in force on `on`, and those of them cited in one rollup bucket.

    The quarterly bulletin's path, from the spans powers maintains (OwnerInForceSpan):
    - 权责事项总数: the spans containing `on`, summed per owner (a row or a few per unit);
    - 履行事项数: as in _item_counts_from_activity — the owner's cited items (UnitActivityRollup)
      minus the cited ones among the items not counted on `on`, which are found through the partial
      indexes of _not_in_force_on (usually a handful: the suspended, the expired, the not yet in force).
    No power item of the province is scanned. The definition is powers.rules.power_item_in_force,
    the same as power_items_in_force (tests keep this path equal to the scan and the general path).
    """
    total: dict[int, int] = defaultdict(int)
    for unit_id, n in (
        OwnerInForceSpan.objects.filter(starts_on__lte=on, ends_on__gte=on, unit_id__in=units)
        .order_by()
        .values_list("unit_id")
        .annotate(n=Sum("items"))
    ):
        total[unit_id] = n
    return {
        "power_items_total": total,
        "power_items_exercised": _exercised_from_activity(units, bucket, _not_in_force_items(units=units, on=on)),
    }


def _not_in_force_items(*, units: UnitIds, on: date) -> dict[int, int]:
    """The power items of `units` not counted on `on` (item id → owner id): one statement, a UNION of
    the arms of _not_in_force_on (each an index scan)."""
    arms = [
        PowerItem.objects.filter(arm, owner_unit_id__in=units).order_by().values_list("pk", "owner_unit_id")
        for arm in _not_in_force_on(on)
    ]
    return dict(arms[0].union(*arms[1:]))


def _exercised_from_activity(units: UnitIds, bucket: tuple[str, date], not_counted: dict[int, int]) -> dict[int, int]:
    """履行事项数 per owner: its cited items in `bucket` (UnitActivityRollup) minus the cited ones among
    `not_counted` (item id → owner id), looked up by the rollup's unique key."""
    grain, first_day = bucket
    exercised: dict[int, int] = defaultdict(int)
    for unit_id, n in UnitActivityRollup.objects.filter(
        grain=grain, bucket=first_day, unit_id__in=units, power_items__gt=0
    ).values_list("unit_id", "power_items"):
        exercised[unit_id] = n
    for unit_id, n in _cited_among(bucket, not_counted).items():
        exercised[unit_id] -= n
    return exercised


def _cited_among(bucket: tuple[str, date], items: dict[int, int]) -> dict[int, int]:
    """Per owner: how many of `items` (item id → owner id) are cited in `bucket`, by the rollup's key."""
    grain, first_day = bucket
    cited: dict[int, int] = defaultdict(int)
    ids = sorted(items)
    for offset in range(0, len(ids), 5000):
        for item_id in PowerItemRollup.objects.filter(
            grain=grain, bucket=first_day, n__gt=0, power_item_id__in=ids[offset : offset + 5000]
        ).values_list("power_item_id", flat=True):
            cited[items[item_id]] += 1
    return cited
