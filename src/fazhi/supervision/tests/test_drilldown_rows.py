"""Decisions, publications and reviews open the rows they count (QA #5); the months of a unit's chart;
the entity's name beside its code in the 综合查一次 list (QA #11). The Tianjin half is in
test_drilldown_figures (its district is loaded once per module, so it cannot share the module).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from fazhi.enforcement.tests.factories import build_world, decided_case, record_inspection
from fazhi.orgs.models import OrgUnit
from fazhi.supervision import selectors, services
from fazhi.supervision.choices import RecordSource, RecordType
from fazhi.supervision.models import EnforcementRecord
from fazhi.supervision.selectors.drilldowns import records_by_month
from fazhi.supervision.tests.helpers import small_district
from fazhi.supervision.tests.test_drilldown_figures import assert_every_measure_matches_its_rows

pytestmark = pytest.mark.django_db

# Up to the day of the review: a period may not end after today (QA #10), and the world's dates are fixed.
YEAR_2026 = {"start": date(2026, 1, 1), "end": date(2026, 11, 23)}


def test_decisions_publications_and_reviews_open_their_own_rows(cast):
    # given: two decided cases and an inspection of the platform, ingested; one case file reviewed
    world = build_world(cast)
    cases = [decided_case(world, decision_number=f"测市监罚〔2026〕{n}号") for n in (1, 2)]
    record_inspection(world)
    services.ingest_internal_records()
    today = date(2026, 11, 23)
    sample = services.review_sample_draw(
        actor=cast.supervisor, unit=cast.north, size=1, seed=7, today=today, **YEAR_2026
    )
    review = services.case_file_review_score(
        actor=cast.supervisor, review=sample.reviews.get(), reviewed_on=today, today=today
    )

    # then: every figure equals its rows, none of them empty
    counts = assert_every_measure_matches_its_rows(cast.north, YEAR_2026)
    assert counts["decisions_total"] == counts["decisions_in_time"] == 2
    assert counts["publications_due"] == 2 and counts["publications_by_due"] == 0
    assert counts["reviews_count"] == 1
    reviews = selectors.drilldown(unit=cast.north, kind="reviews", **YEAR_2026)
    assert reviews.rows[0][3] == review.score and reviews.targets == [("review", review.pk)]
    assert {c.number for c in cases} >= {reviews.rows[0][0].split("（")[0]}


def test_the_months_follow_the_period_and_the_cut_off(tmp_path):
    small_district(tmp_path)
    unit = OrgUnit.objects.get(code="SCJ1")
    EnforcementRecord.objects.bulk_create(
        EnforcementRecord(
            source=RecordSource.IMPORTED, key=f"K{n}", record_type=record_type, unit=unit,
            occurred_on=day, entered_on=day + timedelta(days=lag),
        )
        for n, (record_type, day, lag) in enumerate(
            [
                (RecordType.INSPECTION, date(2024, 1, 30), 0),
                (RecordType.INSPECTION, date(2024, 2, 1), 0),
                (RecordType.PENALTY, date(2024, 2, 14), 30),  # entered 15 March
                (RecordType.INSPECTION, date(2024, 3, 20), 0),  # after the period
            ]
        )
    )  # fmt: skip

    found = records_by_month(unit=unit, start=date(2024, 1, 15), end=date(2024, 3, 10))

    assert found.months == [
        (date(2024, 1, 15), date(2024, 1, 31)),
        (date(2024, 2, 1), date(2024, 2, 29)),
        (date(2024, 3, 1), date(2024, 3, 10)),
    ]
    assert found.counts == {"inspection": [1, 1, 0], "penalty": [0, 1, 0]}


def test_the_repeated_inspections_show_the_entity_name(cast):
    # given: one party inspected by two units on two days (the platform's inspections name it)
    world = build_world(cast)
    first = record_inspection(world)
    services.ingest_internal_records()
    EnforcementRecord.objects.create(
        source=RecordSource.IMPORTED, key="R-SOUTH", record_type=RecordType.INSPECTION, unit=cast.south,
        occurred_on=first.occurred_on + timedelta(days=1), entered_on=first.occurred_on + timedelta(days=1),
        party_code=first.party_code,
    )  # fmt: skip
    region = OrgUnit.objects.get(pk=cast.north.parent_id)

    found = selectors.drilldown(unit=region, kind="repeated_entities", start=first.occurred_on, end=YEAR_2026["end"])

    assert found.columns[:3] == ("对象代码", "对象名称", "上门次数")
    assert found.rows[0][:3] == (first.party_code, first.party_name, 2)
