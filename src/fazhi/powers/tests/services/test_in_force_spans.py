"""The owner in-force spans (OwnerInForceSpan) the power-item services keep equal a recount from the
items after every kind of change: create, status, owner, dates, import, rebuild."""

from __future__ import annotations

import importlib
from datetime import date

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command

from fazhi.powers import rules, services
from fazhi.powers.choices import ItemStatus
from fazhi.powers.importers import power_list_import_file
from fazhi.powers.models import OwnerInForceSpan, PowerItem
from fazhi.powers.services import list_imports, power_items
from fazhi.powers.tests.factories import PowerItemFactory
from fazhi.powers.tests.test_importers import GOOD_POWERS, csv_bytes

pytestmark = pytest.mark.django_db

BASIS = "《中华人民共和国示范处罚法》第三条"


def _stored() -> dict[tuple[int, date, date], int]:
    return {
        (u, s, e): n for u, s, e, n in OwnerInForceSpan.objects.values_list("unit_id", "starts_on", "ends_on", "items")
    }


def _recounted() -> dict[tuple[int, date, date], int]:
    return dict(
        rules.owner_in_force_spans(
            PowerItem.objects.values_list("owner_unit_id", "status", "effective_from", "effective_to")
        )
    )


def _create(cast, code: str, **kwargs) -> PowerItem:
    values = {"owner_unit": cast.north, **kwargs}
    return services.power_item_create(
        actor=None, code=code, name=f"事项{code}", category="行政处罚", basis_text=BASIS, **values
    )


def test_create_adds_the_item_to_its_owners_span(cast, law) -> None:
    _create(cast, "A1")
    _create(cast, "A2")
    _create(cast, "A3", effective_from=date(2024, 1, 1), effective_to=date(2024, 6, 30))
    _create(cast, "A4", owner_unit=cast.south, status=ItemStatus.SUSPENDED)

    assert (
        _stored()
        == _recounted()
        == {
            (cast.north.pk, date.min, date.max): 2,
            (cast.north.pk, date(2024, 1, 1), date(2024, 6, 30)): 1,
        }
    )


def test_every_change_of_status_owner_or_dates_keeps_the_spans_equal_to_a_recount(cast, law) -> None:
    items = [_create(cast, f"B{i}") for i in range(4)]

    def update(item: PowerItem, **changes) -> None:
        services.power_item_update(actor=None, item=item, **changes)
        assert _stored() == _recounted(), changes

    update(items[0], status=ItemStatus.SUSPENDED)
    update(items[0], status=ItemStatus.ACTIVE)
    update(items[1], owner_unit=cast.south)
    update(items[2], effective_from=date(2024, 4, 1))
    update(items[2], effective_to=date(2024, 9, 30))
    update(items[2], effective_from=None, status=ItemStatus.CANCELLED)
    update(items[3], name="只改名称")  # no change to the span
    update(items[3], owner_unit=cast.south, effective_to=date(2025, 1, 1))
    update(items[1], owner_unit=cast.north, status=ItemStatus.SUSPENDED)
    assert OwnerInForceSpan.objects.filter(items__lte=0).count() == 0  # rows that fall to zero are removed


def test_an_import_updates_the_spans_once_for_the_file(cast, law, monkeypatch) -> None:
    calls = []
    apply = services.in_force_spans_add
    # Patch every module that calls it (the import, and the item services it composes), not the re-export:
    # a per-row application from power_item_create/update would also show up as an extra call.
    for module in (list_imports, power_items):
        monkeypatch.setattr(module, "in_force_spans_add", lambda deltas: (calls.append(dict(deltas)), apply(deltas)))

    assert power_list_import_file(actor=None, data=csv_bytes(GOOD_POWERS), filename="v1.csv").ok
    assert len(calls) == 1
    assert _stored() == _recounted() == {(cast.north.pk, date.min, date.max): 2}  # the third row is 暂停

    changed = [row[:] for row in GOOD_POWERS]
    changed[1][5] = "暂停"
    changed[3][5] = "有效"
    changed[2][3] = "SOUTH"
    assert power_list_import_file(actor=None, data=csv_bytes(changed), filename="v2.csv").ok
    assert len(calls) == 2
    assert _stored() == _recounted() == {(cast.south.pk, date.min, date.max): 2}


def test_a_dry_run_import_writes_no_span(cast, law) -> None:
    assert power_list_import_file(actor=None, data=csv_bytes(GOOD_POWERS), filename="v1.csv", dry_run=True).ok
    assert not OwnerInForceSpan.objects.exists()


def test_rebuild_recounts_items_written_around_the_services(cast, law) -> None:
    _create(cast, "C1")
    PowerItemFactory(owner_unit=cast.south)  # bypasses the services: the spans do not know it
    PowerItemFactory(owner_unit=cast.south, effective_from=date(2024, 1, 1))
    PowerItemFactory(owner_unit=cast.south, status=ItemStatus.SUSPENDED)
    assert _stored() != _recounted()

    call_command("in_force_spans_rebuild", stdout=None)

    assert _stored() == _recounted()
    assert sum(_stored().values()) == 3
    services.in_force_spans_rebuild()  # idempotent
    assert _stored() == _recounted()


def test_the_migration_builds_what_the_rebuild_builds(cast) -> None:
    PowerItemFactory(owner_unit=cast.north)
    PowerItemFactory(owner_unit=cast.north)
    PowerItemFactory(owner_unit=cast.north, effective_to=date(2024, 6, 30))
    PowerItemFactory(owner_unit=cast.south, effective_from=date(2024, 1, 1), status=ItemStatus.CANCELLED)
    migration = importlib.import_module("fazhi.powers.migrations.0002_owner_in_force_spans")

    migration.build_spans(django_apps, None)

    assert (
        _stored()
        == _recounted()
        == {
            (cast.north.pk, date.min, date.max): 2,
            (cast.north.pk, date.min, date(2024, 6, 30)): 1,
        }
    )
