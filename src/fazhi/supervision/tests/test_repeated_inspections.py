"""The database's choice of 综合查一次 candidates equals rules.repeated_entities over every row."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from fazhi.orgs.models import OrgUnit
from fazhi.supervision import rules
from fazhi.supervision.choices import RecordSource, RecordType
from fazhi.supervision.models import EnforcementRecord
from fazhi.supervision.selectors.drilldowns import repeated_inspection_count, repeated_inspections
from fazhi.supervision.tests.helpers import small_district

pytestmark = pytest.mark.django_db

START, END = date(2024, 1, 1), date(2024, 3, 31)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_selected_parties_are_the_rules_choice(tmp_path, seed: int) -> None:
    # Fact rows written directly (the selectors only read them): a few parties, each inspected by a
    # random mix of units on a random mix of days — joint visits, repeat visits by one unit, and
    # separate visits by several units all occur; one inspection falls outside the quarter.
    small_district(tmp_path)
    units = list(OrgUnit.objects.filter(code__in=["SCJ1", "SCJ2", "CG1"]).values_list("pk", flat=True))
    rng = random.Random(seed)
    facts = []
    for index in range(60):
        party = f"9112011600000000{rng.randrange(12):02d}"
        day = START + timedelta(days=rng.choice([0, 0, 5, 40, 95]))
        facts.append(
            EnforcementRecord(
                source=RecordSource.IMPORTED, key=f"K{index}", record_type=RecordType.INSPECTION,
                unit_id=rng.choice(units), occurred_on=day, entered_on=day, party_code=party,
            )
        )  # fmt: skip
    EnforcementRecord.objects.bulk_create(facts)
    in_period = [f for f in facts if START <= f.occurred_on <= END]
    expected = rules.repeated_entities((f.party_code, f.unit_id, f.occurred_on, 1) for f in in_period)

    assert len(expected) >= 2 and len(expected) < len({f.party_code for f in in_period})  # some kept, some not

    found = repeated_inspections(units=units, start=START, end=END)

    assert found == expected
    assert repeated_inspection_count(units=units, start=START, end=END) == len(expected)
    assert repeated_inspections(units=units, start=START, end=END, limit=2) == expected[:2]
