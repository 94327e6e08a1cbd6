"""权责事项总数 and 履行事项数 of a whole quarter or month come from the powers in-force spans
(OwnerInForceSpan) and the partial indexes of the items not in force; they equal the scan of every
item (the path without spans), the general path and the drill-down rows — with cited items
suspended, cancelled, out of force, not yet in force — and the bulletin is the same either way."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.orgs.models import Certificate, OrgUnit
from fazhi.powers import services as power_services
from fazhi.powers.choices import ItemStatus
from fazhi.powers.models import OwnerInForceSpan, PowerItem
from fazhi.supervision import selectors, services
from fazhi.supervision.choices import RecordSource
from fazhi.supervision.tests.helpers import add_officers, add_power_items, small_district, take_the_general_path

pytestmark = pytest.mark.django_db

PERIODS = [
    (date(2024, 1, 1), date(2024, 3, 31)),  # a quarter
    (date(2024, 2, 1), date(2024, 2, 29)),  # a month
    (date(2024, 4, 1), date(2024, 6, 30)),  # a quarter with few records
    (date(2024, 1, 1), date(2024, 2, 15)),  # not a whole bucket: the general path
]


@pytest.fixture
def units(tmp_path):
    small_district(tmp_path)
    numbers = add_officers(tmp_path, "SCJ1", 3, prefix="A") + add_officers(tmp_path, "SCJ2", 2, prefix="B")
    codes = add_power_items(tmp_path, "SCJ1", 6, prefix="PA") + add_power_items(tmp_path, "SCJ2", 4, prefix="PB")
    officers = [
        (c.officer_id, c.officer.unit_id)
        for c in Certificate.objects.select_related("officer").filter(number__in=numbers).order_by("number")
    ]
    items = list(PowerItem.objects.filter(code__in=codes).order_by("code"))
    ids = {code: OrgUnit.objects.get(code=code).pk for code in ("SCJ1", "SCJ2")}
    rows = [
        services.RecordInput(
            key=f"K{i}", record_type="inspection", unit_id=ids["SCJ1"] if i % 2 else ids["SCJ2"],
            occurred_on=day, entered_on=day, officers=(officers[i % len(officers)],), power_item_id=items[i].pk,
        )
        for i, day in enumerate(
            [date(2024, 1, 5), date(2024, 1, 20), date(2024, 2, 10), date(2024, 2, 20), date(2024, 3, 3),
             date(2024, 5, 5), date(2024, 6, 1), date(2024, 3, 30), date(2024, 2, 2), date(2024, 4, 4)]
        )
    ]  # fmt: skip
    services.records_write(source=RecordSource.IMPORTED, rows=rows)

    def change(item: PowerItem, **values) -> None:
        power_services.power_item_update(actor=None, item=item, **values)

    change(items[0], status=ItemStatus.SUSPENDED)  # cited in Q1, suspended
    change(items[1], status=ItemStatus.CANCELLED)  # cited in Q1, cancelled
    change(items[2], effective_to=date(2024, 2, 20))  # cited in Q1, out of force by the end of Feb
    change(items[6], effective_from=date(2024, 7, 1))  # cited in Q2, not yet in force on 30 June
    change(items[7], effective_from=date(2024, 1, 1), effective_to=date(2024, 12, 31))  # in force all year
    change(items[9], effective_from=date(2024, 3, 1))  # cited in Q2, in force since March
    return list(OrgUnit.objects.values_list("pk", flat=True))


def _without_spans(monkeypatch, run):
    with monkeypatch.context() as patched:
        patched.setattr(OwnerInForceSpan.objects, "exists", lambda: False)
        return run()


def _general_path(monkeypatch, run):
    with monkeypatch.context() as patched:
        take_the_general_path(patched)
        return run()


@pytest.mark.parametrize("period", PERIODS)
def test_the_item_figures_from_the_spans_equal_the_scan_and_the_general_path(units, monkeypatch, period):
    assert OwnerInForceSpan.objects.exists()  # kept by the powers services (import, update)

    def run():
        return selectors.unit_measures(units=units, start=period[0], end=period[1])

    calls = []
    from_spans = selectors.item_counts._item_counts_from_spans
    monkeypatch.setattr(
        selectors.item_counts, "_item_counts_from_spans", lambda **kw: calls.append(1) or from_spans(**kw)
    )
    fast = run()
    assert len(calls) == (period != PERIODS[-1])  # the spans are read for a whole quarter or month
    assert fast == _without_spans(monkeypatch, run) == _general_path(monkeypatch, run)
    in_force = selectors.power_items_in_force(units=units, on=period[1])
    exercised = selectors.exercised_power_items(
        start=period[0], end=period[1], as_of_day=None, candidates=set(in_force)
    )
    for unit in units:
        assert fast[unit]["power_items_total"] == sum(1 for owner in in_force.values() if owner == unit)
        assert fast[unit]["power_items_exercised"] == sum(1 for item in exercised if in_force[item] == unit)


def test_the_figures_from_the_spans_are_those_counted_by_hand(units):
    scj1, scj2 = (OrgUnit.objects.get(code=code).pk for code in ("SCJ1", "SCJ2"))
    q1 = selectors.unit_measures(units=units, start=date(2024, 1, 1), end=date(2024, 3, 31))
    # SCJ1: PA0..PA5, two not 有效, PA2 out of force on 31 March; SCJ2: PB0 not yet in force
    assert (q1[scj1]["power_items_total"], q1[scj1]["power_items_exercised"]) == (3, 2)  # PA3, PA4 cited
    assert (q1[scj2]["power_items_total"], q1[scj2]["power_items_exercised"]) == (3, 2)  # PB1, PB2 cited
    q2 = selectors.unit_measures(units=units, start=date(2024, 4, 1), end=date(2024, 6, 30))
    assert (q2[scj2]["power_items_total"], q2[scj2]["power_items_exercised"]) == (3, 1)  # PB0 not yet; PB3


def test_the_bulletin_is_the_same_with_and_without_spans(units, monkeypatch):
    region = OrgUnit.objects.get(code="TJ")
    scheme = selectors.assessment_scheme_on(day=date(2024, 3, 31))

    def run():
        data = selectors.bulletin_data(
            unit=region, start=date(2024, 1, 1), end=date(2024, 3, 31), as_of=None, scheme=scheme, bottom_n=1,
            with_repeated=False,
        )  # fmt: skip
        return [(row["code"], row["indicators"]) for row in data.rows]

    assert run() == _without_spans(monkeypatch, run)


def test_a_rebuild_after_a_write_around_the_services_gives_the_same_figures(units, monkeypatch):
    OwnerInForceSpan.objects.all().delete()
    power_services.in_force_spans_rebuild()

    def run():
        return selectors.unit_measures(units=units, start=date(2024, 1, 1), end=date(2024, 3, 31))

    assert run() == _without_spans(monkeypatch, run)
