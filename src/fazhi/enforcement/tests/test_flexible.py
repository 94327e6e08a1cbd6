"""柔性执法: the officer sees the 三张清单 entry that fits the case, with its basis (Art. 33)."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from fazhi.core.errors import DomainError
from fazhi.enforcement import selectors
from fazhi.enforcement.tests.factories import open_case, record_inspection
from fazhi.powers.tests.factories import CheckItemFactory, FlexibleMeasureFactory, PowerItemFactory

pytestmark = pytest.mark.django_db


def test_art33_first_offence_entry_is_suggested_with_its_basis(world) -> None:
    item = PowerItemFactory(owner_unit=world.cast.north)
    FlexibleMeasureFactory(power_item=item, code="RX-1")
    fitting = open_case(world, power_item_code=item.code, first_violation=True, harm="minor", corrected_in_time=True)
    other = open_case(world, power_item_code=item.code)
    suggestions = selectors.case_flexible_suggestions(case=fitting, on=date(2026, 3, 10))
    assert [s.measure.code for s in suggestions] == ["RX-1"]
    assert "第三十三条" in suggestions[0].rule_basis and suggestions[0].legal_basis
    assert selectors.case_flexible_suggestions(case=other, on=date(2026, 3, 10)) == []
    client = APIClient()
    client.force_authenticate(world.cast.inspector_north)
    body = client.get(f"/api/v1/enforcement/cases/{fitting.pk}/flexible-suggestions/").json()
    assert body[0]["measure_code"] == "RX-1" and body[0]["handling"]


def test_power_item_of_another_unit_is_refused(world) -> None:
    foreign = PowerItemFactory(owner_unit=world.cast.south)
    with pytest.raises(DomainError) as error:
        open_case(world, power_item_code=foreign.code)
    assert error.value.code == "penalty.power_item_unknown"


def test_inspection_links_check_items_of_the_unit_or_above(world) -> None:
    own = CheckItemFactory(owner_unit=world.cast.north)
    district = CheckItemFactory(owner_unit=world.cast.government)
    inspection = record_inspection(world, check_item_codes=[own.code, district.code])
    assert {c.code for c in inspection.check_items.all()} == {own.code, district.code}
