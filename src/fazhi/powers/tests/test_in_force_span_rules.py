"""rules.in_force_span / owner_in_force_spans: the days an item counts as in force, grouped per owner.

The spans must give, for every day, exactly the count of power_item_in_force (权责事项总数)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from fazhi.powers import rules
from fazhi.powers.choices import ItemStatus

D = date


def test_an_active_item_without_dates_is_in_force_on_every_day() -> None:
    span = rules.in_force_span(status=ItemStatus.ACTIVE, effective_from=None, effective_to=None)
    assert span == (rules.OPEN_START, rules.OPEN_END) == (date.min, date.max)


def test_the_dates_are_inclusive_and_an_open_end_stays_open() -> None:
    assert rules.in_force_span(status=ItemStatus.ACTIVE, effective_from=D(2024, 1, 1), effective_to=None) == (
        D(2024, 1, 1),
        date.max,
    )
    assert rules.in_force_span(status=ItemStatus.ACTIVE, effective_from=None, effective_to=D(2024, 3, 15)) == (
        date.min,
        D(2024, 3, 15),
    )
    one_day = rules.in_force_span(status=ItemStatus.ACTIVE, effective_from=D(2024, 2, 29), effective_to=D(2024, 2, 29))
    assert one_day == (D(2024, 2, 29), D(2024, 2, 29))


def test_an_item_not_listed_as_active_has_no_span_whatever_its_dates() -> None:
    for status in ItemStatus:
        if status != ItemStatus.ACTIVE:
            assert rules.in_force_span(status=status, effective_from=None, effective_to=None) is None
            assert rules.in_force_span(status=status, effective_from=D(2020, 1, 1), effective_to=D(2030, 1, 1)) is None


def test_items_with_the_same_owner_and_dates_share_one_span() -> None:
    spans = rules.owner_in_force_spans(
        [
            (1, ItemStatus.ACTIVE, None, None),
            (1, ItemStatus.ACTIVE, None, None),
            (1, ItemStatus.ACTIVE, D(2024, 1, 1), None),
            (2, ItemStatus.ACTIVE, None, None),
            (2, ItemStatus.SUSPENDED, None, None),
        ]
    )
    assert spans == {
        (1, date.min, date.max): 2,
        (1, D(2024, 1, 1), date.max): 1,
        (2, date.min, date.max): 1,
    }


def _random_items(rng: random.Random, n: int) -> list[tuple[int, str, date | None, date | None]]:
    statuses = list(ItemStatus)
    items = []
    for _ in range(n):
        start = D(2021, 1, 1) + timedelta(days=rng.randrange(4 * 366)) if rng.random() < 0.5 else None
        end = (start or D(2021, 1, 1)) + timedelta(days=rng.randrange(3 * 366)) if rng.random() < 0.4 else None
        status = ItemStatus.ACTIVE if rng.random() < 0.8 else rng.choice(statuses)
        items.append((rng.randrange(4), status, start, end))
    return items


def test_the_spans_give_the_in_force_count_of_every_owner_on_every_day() -> None:
    """Day by day over five years (and the open ends beyond), against power_item_in_force itself."""
    items = _random_items(random.Random(20240101), 300)
    spans = rules.owner_in_force_spans(items)
    day = D(2020, 6, 1)
    while day <= D(2025, 12, 31):
        for owner in range(4):
            direct = sum(
                1
                for unit, status, start, end in items
                if unit == owner
                and rules.power_item_in_force(status=status, effective_from=start, effective_to=end, on=day)
            )
            from_spans = sum(n for (unit, first, last), n in spans.items() if unit == owner and first <= day <= last)
            assert from_spans == direct, (owner, day)
        day += timedelta(days=1)
