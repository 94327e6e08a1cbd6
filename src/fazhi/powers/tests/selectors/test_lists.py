from datetime import date

import pytest

from fazhi.core.errors import NotFound
from fazhi.powers import selectors
from fazhi.powers.tests.factories import CheckItemFactory, DiscretionStandardFactory, PowerItemFactory

pytestmark = pytest.mark.django_db


def test_lists_are_scoped_to_the_users_subtree(cast, north_items) -> None:
    def codes(user) -> set[str]:
        return {item.code for item in selectors.power_item_list_visible_to(user=user)}

    assert codes(cast.inspector_north) == {"N-CF-001", "N-QZ-001"}
    assert codes(cast.unit_admin_north) == {"N-CF-001", "N-QZ-001"}
    assert codes(cast.inspector_south) == {"S-CF-001"}
    assert codes(cast.supervisor) == {"N-CF-001", "N-QZ-001", "S-CF-001"}
    assert codes(cast.outsider) == set()


def test_search_by_name_or_code_and_filters(cast, north_items) -> None:
    found = selectors.power_item_list_visible_to(user=cast.supervisor, query="查封")
    assert [item.code for item in found] == ["N-QZ-001"]
    found = selectors.power_item_list_visible_to(user=cast.supervisor, query="s-cf")
    assert [item.code for item in found] == ["S-CF-001"]
    found = selectors.power_item_list_visible_to(user=cast.supervisor, category="penalty", unit=cast.north)
    assert [item.code for item in found] == ["N-CF-001"]


def test_missing_and_foreign_items_look_the_same(cast, north_items) -> None:
    with pytest.raises(NotFound) as missing:
        selectors.power_item_get_for_user(user=cast.inspector_north, code="NOPE")
    with pytest.raises(NotFound) as foreign:
        selectors.power_item_get_for_user(user=cast.inspector_north, code="S-CF-001")
    assert missing.value.code == foreign.value.code == "power_item_not_found"
    assert selectors.power_item_get_for_user(user=cast.inspector_north, code="N-CF-001").code == "N-CF-001"


def test_counts_per_unit_count_items_in_force(cast, north_items) -> None:
    PowerItemFactory(owner_unit=cast.north, status="cancelled")
    PowerItemFactory(owner_unit=cast.north, category="licensing", effective_to=date(2024, 12, 31))
    PowerItemFactory(owner_unit=cast.north, category="licensing", effective_from=date(2025, 1, 1))
    counts = {row.unit_code: row for row in selectors.power_item_counts_per_unit(
        units=[cast.north, cast.south, cast.government], on=date(2025, 6, 1)
    )}  # fmt: skip
    assert counts["NORTH"].total == 3
    assert counts["NORTH"].by_category["penalty"] == 1
    assert counts["NORTH"].by_category["licensing"] == 1
    assert counts["SOUTH"].total == 1
    assert counts["G"].total == 0
    in_2024 = selectors.power_item_counts_per_unit(units=[cast.north], on=date(2024, 6, 1))
    assert in_2024[0].by_category["licensing"] == 1


def test_counts_visible_to_are_scoped(cast, north_items) -> None:
    rows = selectors.power_item_counts_visible_to(user=cast.inspector_south, on=date(2025, 1, 1))
    assert [(row.unit_code, row.total) for row in rows] == [("SOUTH", 1)]


def test_samplable_check_items_need_a_basis(cast, north_items) -> None:
    CheckItemFactory(code="JC-OK", owner_unit=cast.north, power_items=[north_items[0]])
    CheckItemFactory(code="JC-NOBASIS", owner_unit=cast.north, basis_text="", has_legal_basis=False)
    CheckItemFactory(code="JC-STOPPED", owner_unit=cast.north, status="suspended")
    assert [item.code for item in selectors.check_items_samplable(unit=cast.north)] == ["JC-OK"]
    counts = selectors.check_item_counts_per_unit(units=[cast.north, cast.south])
    assert counts[cast.north.pk] == {"total": 2, "with_basis": 1}
    assert counts[cast.south.pk] == {"total": 0, "with_basis": 0}
    assert [i.code for i in selectors.check_item_list_visible_to(user=cast.inspector_south)] == []


def test_discretion_bands_and_item_in_force_on_a_day(cast, north_items) -> None:
    item = north_items[0]
    high = DiscretionStandardFactory(power_item=item, fine_min=4000, fine_max=10000)
    low = DiscretionStandardFactory(power_item=item, fine_min=1000, fine_max=3000)
    DiscretionStandardFactory(power_item=item, effective_from=date(2026, 1, 1))
    assert selectors.discretion_standards_for(power_item=item, on=date(2025, 1, 1)) == [low, high]
    assert selectors.power_item_in_force_on(item=item, on=date(2025, 1, 1))
    item.status = "cancelled"
    assert not selectors.power_item_in_force_on(item=item, on=date(2025, 1, 1))


def test_who_manages_lists(cast) -> None:
    assert selectors.user_manages_any_unit(user=cast.unit_admin_north)
    assert selectors.user_manages_any_unit(user=cast.system_admin)
    assert not selectors.user_manages_any_unit(user=cast.inspector_north)
    assert not selectors.user_manages_any_unit(user=cast.supervisor)
    assert selectors.user_can_manage_lists(user=cast.unit_admin_north, unit=cast.north)
    assert not selectors.user_can_manage_lists(user=cast.unit_admin_north, unit=cast.south)
