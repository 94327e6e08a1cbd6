from datetime import date

import pytest

from fazhi.orgs.tests.factories import OrgUnitFactory
from fazhi.powers import selectors
from fazhi.powers.choices import FlexibleMeasureKind, HarmLevel, MitigatingGround
from fazhi.powers.rules import ViolationFacts
from fazhi.powers.tests.factories import FlexibleMeasureFactory

pytestmark = pytest.mark.django_db

FIRST_MINOR = ViolationFacts(first_violation=True, harm=HarmLevel.MINOR, corrected_in_time=True)


def test_first_violation_entry_is_suggested_with_its_legal_basis(cast, law, north_items) -> None:
    item = north_items[0]
    waiver = FlexibleMeasureFactory(code="BYCF-1", power_item=item, owner_unit=cast.north)
    waiver.legal_articles.set([law[3]])
    FlexibleMeasureFactory(
        code="CQJQ-1", power_item=item, kind=FlexibleMeasureKind.LIGHTER_PENALTY, is_first_violation=False
    )
    suggestions = selectors.flexible_measure_suggestions(
        unit=cast.north, power_item=item, on=date(2025, 5, 1), facts=FIRST_MINOR
    )
    assert [s.measure.code for s in suggestions] == ["BYCF-1"]
    suggestion = suggestions[0]
    assert suggestion.mandatory is False
    assert "第三十三条第一款" in suggestion.rule_basis
    assert suggestion.legal_basis == [
        "《中华人民共和国示范处罚法》第三条",
        "《中华人民共和国行政处罚法》第三十三条第一款",
    ]


def test_nothing_is_suggested_when_the_conditions_fail_or_the_entry_is_not_in_force(cast, north_items) -> None:
    item = north_items[0]
    FlexibleMeasureFactory(code="OLD", power_item=item, effective_to=date(2024, 12, 31))
    FlexibleMeasureFactory(code="LATER", power_item=item, effective_from=date(2026, 1, 1))
    assert (
        selectors.flexible_measure_suggestions(unit=cast.north, power_item=item, on=date(2025, 5, 1), facts=FIRST_MINOR)
        == []
    )
    FlexibleMeasureFactory(code="NOW", power_item=item)
    not_corrected = ViolationFacts(first_violation=True, harm=HarmLevel.MINOR)
    assert (
        selectors.flexible_measure_suggestions(
            unit=cast.north, power_item=item, on=date(2025, 5, 1), facts=not_corrected
        )
        == []
    )


def test_entries_of_a_unit_above_apply_below_but_not_sideways(cast, north_items) -> None:
    item = north_items[0]
    brigade = OrgUnitFactory(code="NB", parent=cast.north)
    FlexibleMeasureFactory(code="N-LIST", power_item=item, owner_unit=cast.north)
    on = date(2025, 5, 1)
    below = selectors.flexible_measure_suggestions(unit=brigade, power_item=item, on=on, facts=FIRST_MINOR)
    assert [s.measure.code for s in below] == ["N-LIST"]
    assert selectors.flexible_measure_suggestions(unit=cast.south, power_item=item, on=on, facts=FIRST_MINOR) == []


def test_mandatory_lighter_penalty_comes_before_discretionary_waiver(cast, north_items) -> None:
    item = north_items[0]
    FlexibleMeasureFactory(code="A-WAIVER", power_item=item)
    FlexibleMeasureFactory(
        code="B-LIGHTER", power_item=item, kind=FlexibleMeasureKind.LIGHTER_PENALTY, is_first_violation=False
    )
    facts = ViolationFacts(
        first_violation=True,
        harm=HarmLevel.MINOR,
        corrected_in_time=True,
        mitigating_grounds=frozenset({MitigatingGround.REDUCED_HARM}),
    )
    suggestions = selectors.flexible_measure_suggestions(
        unit=cast.north, power_item=item, on=date(2025, 5, 1), facts=facts
    )
    assert [(s.measure.code, s.mandatory) for s in suggestions] == [("B-LIGHTER", True), ("A-WAIVER", False)]
