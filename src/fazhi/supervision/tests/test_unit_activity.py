"""The per-unit distinct counts the writer keeps (UnitActivityRollup: officers named, power items
cited, per unit and month/quarter) equal a recount from the facts after every kind of change, and
the quarterly figures read from them equal the general path and the drill-down rows — also when a
cited item is suspended, out of force, or has moved to another owner."""

from __future__ import annotations

import importlib
from datetime import date

import pytest
from django.db import connection

from fazhi.orgs.models import Certificate, OrgUnit
from fazhi.powers import services as power_services
from fazhi.powers.choices import ItemStatus
from fazhi.powers.models import PowerItem
from fazhi.supervision import selectors, services
from fazhi.supervision.choices import RecordSource
from fazhi.supervision.models import UnitActivityRollup
from fazhi.supervision.tests.helpers import (
    activity_recounted,
    activity_stored,
    add_officers,
    add_power_items,
    rollups_recounted,
    rollups_stored,
    small_district,
    take_the_general_path,
)

pytestmark = pytest.mark.django_db

Q1 = (date(2024, 1, 1), date(2024, 3, 31))
PERIODS = [Q1, (date(2024, 2, 1), date(2024, 2, 29)), (date(2024, 4, 1), date(2024, 6, 30))]


@pytest.fixture
def world(tmp_path):
    small_district(tmp_path)
    numbers = add_officers(tmp_path, "SCJ1", 4, prefix="A") + add_officers(tmp_path, "SCJ2", 2, prefix="B")
    codes = add_power_items(tmp_path, "SCJ1", 3, prefix="PA") + add_power_items(tmp_path, "SCJ2", 2, prefix="PB")
    people = [
        (c.officer_id, c.officer.unit_id)
        for c in Certificate.objects.select_related("officer").filter(number__in=numbers).order_by("number")
    ]
    items = list(PowerItem.objects.filter(code__in=codes).order_by("code").values_list("pk", flat=True))
    units = {code: OrgUnit.objects.get(code=code).pk for code in ("SCJ1", "SCJ2")}
    return units, people, items


def _row(key, unit, day, officers, item, record_type="inspection"):
    return services.RecordInput(
        key=key, record_type=record_type, unit_id=unit, occurred_on=day, entered_on=day,
        officers=tuple(officers), power_item_id=item,
    )  # fmt: skip


def _assert_counts_equal_the_facts() -> None:
    assert rollups_stored() == rollups_recounted()
    assert activity_stored() == activity_recounted()


def _rows(world):
    units, people, items = world
    scj1, scj2 = units["SCJ1"], units["SCJ2"]
    return [
        # A0 twice in January, A1 with A0 in February: one participant per officer, not per record
        _row("K1", scj1, date(2024, 1, 10), [people[0]], items[0]),
        _row("K2", scj1, date(2024, 1, 20), [people[0]], items[0]),
        _row("K3", scj1, date(2024, 2, 5), [people[0], people[1]], items[1]),
        # an SCJ2 officer on an SCJ1 record counts for SCJ2 (the link's unit); an SCJ2 item for SCJ2
        _row("K4", scj1, date(2024, 3, 1), [people[4]], items[3]),
        _row("K5", scj2, date(2024, 3, 30), [people[5]], items[4], "penalty"),
        _row("K6", scj2, date(2024, 4, 2), [people[5]], None, "education"),
    ]


def test_every_kind_of_change_keeps_the_counts_equal_to_a_recount(world):
    units, people, items = world
    rows = _rows(world)
    services.records_write(source=RecordSource.IMPORTED, rows=rows)
    _assert_counts_equal_the_facts()
    stored = activity_stored()
    assert stored[(units["SCJ1"], "q", date(2024, 1, 1))] == {"officers": 2, "power_items": 2}
    assert stored[(units["SCJ2"], "q", date(2024, 1, 1))] == {"officers": 2, "power_items": 2}

    # a change across buckets (K3 to May, other officer and item), one that moves nothing, a removal
    changed = [
        _row("K3", units["SCJ1"], date(2024, 5, 5), [people[2]], items[2]),
        rows[0],
        _row("K2", units["SCJ1"], date(2024, 1, 20), [people[0]], items[0], "penalty"),
    ]
    services.records_write(source=RecordSource.IMPORTED, rows=changed, remove_keys=["K4"])
    _assert_counts_equal_the_facts()
    assert activity_stored()[(units["SCJ1"], "q", date(2024, 1, 1))] == {"officers": 1, "power_items": 1}

    # the last record of a bucket goes: its counts go back to zero; re-importing it brings them back
    services.records_write(source=RecordSource.IMPORTED, rows=[], remove_keys=["K1", "K2"])
    _assert_counts_equal_the_facts()
    assert (units["SCJ1"], "m", date(2024, 1, 1)) not in activity_stored()
    services.records_write(source=RecordSource.IMPORTED, rows=rows)
    _assert_counts_equal_the_facts()
    services.records_write(source=RecordSource.IMPORTED, rows=rows)  # unchanged: nothing moves
    _assert_counts_equal_the_facts()

    # records of another source naming the same officers and items add no participant twice
    services.records_write(source=RecordSource.INTERNAL, rows=rows[:3])
    _assert_counts_equal_the_facts()

    # everything removed: nothing left
    services.records_write(source=RecordSource.IMPORTED, rows=[], remove_keys=[r.key for r in rows])
    services.records_write(source=RecordSource.INTERNAL, rows=[], remove_keys=[r.key for r in rows[:3]])
    assert activity_stored() == {}


def test_the_rebuild_and_the_migration_give_what_the_writer_kept(world):
    services.records_write(source=RecordSource.IMPORTED, rows=_rows(world))
    kept = activity_stored()
    UnitActivityRollup.objects.all().delete()

    services.unit_activity_rebuild()

    assert activity_stored() == kept == activity_recounted()
    # migration 0007's statement, on a database whose rollups predate the counts
    UnitActivityRollup.objects.all().delete()
    migration = importlib.import_module("fazhi.supervision.migrations.0007_unit_activity_counts")
    with connection.cursor() as cursor:
        cursor.execute(migration.BUILD)
    assert activity_stored() == kept


def _measures(units, start, end):
    return selectors.unit_measures(units=units, start=start, end=end)


def _previous_path(monkeypatch, units, start, end):
    """The figures without the kept counts: every officer and item row read (the general path)."""
    with monkeypatch.context() as patched:
        take_the_general_path(patched)
        return _measures(units, start, end)


def _drill_down(units, start, end):
    in_force = selectors.power_items_in_force(units=units, on=end)
    exercised = selectors.exercised_power_items(start=start, end=end, as_of_day=None, candidates=set(in_force))
    return {unit: sum(1 for item in exercised if in_force[item] == unit) for unit in units}


@pytest.mark.parametrize("period", PERIODS)
def test_figures_from_the_counts_equal_the_previous_path_and_the_drill_down(world, monkeypatch, period):
    units, _people, items = world
    services.records_write(source=RecordSource.IMPORTED, rows=_rows(world))
    ids = list(OrgUnit.objects.values_list("pk", flat=True))
    # a cited item suspended and one out of force by the quarter's end: cited, but not counted
    power_services.power_item_update(actor=None, item=PowerItem.objects.get(pk=items[0]), status=ItemStatus.SUSPENDED)
    power_services.power_item_update(
        actor=None, item=PowerItem.objects.get(pk=items[3]), effective_to=date(2024, 3, 15)
    )

    fast = _measures(ids, *period)

    assert fast == _previous_path(monkeypatch, ids, *period)
    assert {unit: fast[unit]["power_items_exercised"] for unit in ids} == _drill_down(ids, *period)
    if period == Q1:
        assert fast[units["SCJ1"]]["power_items_exercised"] == 1  # items[1]; items[0] suspended
        assert fast[units["SCJ2"]]["power_items_exercised"] == 1  # items[4]; items[3] out of force
        assert fast[units["SCJ2"]]["officers_participating"] == 2


def test_an_item_that_changes_owner_is_counted_for_its_owner_now(world, monkeypatch):
    units, _people, items = world
    services.records_write(source=RecordSource.IMPORTED, rows=_rows(world))
    ids = list(OrgUnit.objects.values_list("pk", flat=True))
    scj2 = OrgUnit.objects.get(pk=units["SCJ2"])

    power_services.power_item_update(actor=None, item=PowerItem.objects.get(pk=items[1]), owner_unit=scj2)

    fast = _measures(ids, *Q1)
    assert fast == _previous_path(monkeypatch, ids, *Q1)
    assert fast[units["SCJ1"]]["power_items_exercised"] == 1
    assert fast[units["SCJ2"]]["power_items_exercised"] == 3
