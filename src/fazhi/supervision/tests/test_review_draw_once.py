"""A case file is drawn and scored once; 案卷评查平均分 counts each file once (QA #3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.core.errors import DomainError
from fazhi.enforcement.tests.factories import decided_case
from fazhi.supervision import rules, selectors, services
from fazhi.supervision.models import CaseFileReview, ReviewSample
from fazhi.supervision.selectors.review import scored_reviews_once

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)
PERIOD = {"start": date(2026, 1, 1), "end": date(2026, 11, 25)}


def _draw(world, size=3, seed=42):
    return services.review_sample_draw(
        actor=world.cast.supervisor, unit=world.cast.north, size=size, seed=seed, today=TODAY, **PERIOD
    )


def test_a_second_identical_draw_does_not_take_the_same_files_again(world):
    cases = [decided_case(world, decision_number=f"测市监罚〔2026〕{n}号") for n in range(1, 5)]
    first = _draw(world)

    second = _draw(world)

    taken = set(first.reviews.values_list("case_id", flat=True))
    assert len(taken) == 3
    assert list(second.reviews.values_list("case_id", flat=True)) == sorted({c.pk for c in cases} - taken)
    assert second.candidates == sorted({c.pk for c in cases} - taken)  # what the draw was made from
    assert second.candidates_digest == rules.candidates_digest(second.candidates)
    with pytest.raises(DomainError) as nothing_left:
        _draw(world)
    assert nothing_left.value.code == "supervision.no_candidates"
    assert "只抽取评查一次" in nothing_left.value.message
    assert ReviewSample.objects.count() == 2 and CaseFileReview.objects.count() == 4


def test_the_average_counts_a_file_drawn_twice_once_with_its_latest_score(world):
    # given: data from before draws left reviewed files out: case a drawn twice (scored 82, then 85)
    case_a = decided_case(world, decision_number="测市监罚〔2026〕1号")
    case_b = decided_case(world, decision_number="测市监罚〔2026〕2号")
    sample = ReviewSample.objects.create(
        unit=world.cast.north, period_from=PERIOD["start"], period_to=PERIOD["end"], seed=42, size=2,
        rule_set="penalty_case_file", rule_set_version=1, candidates=[case_a.pk, case_b.pk],
        candidates_digest=rules.candidates_digest([case_a.pk, case_b.pk]),
    )  # fmt: skip
    again = ReviewSample.objects.create(
        unit=world.cast.north, period_from=PERIOD["start"], period_to=PERIOD["end"], seed=42, size=1,
        rule_set="penalty_case_file", rule_set_version=1, candidates=[case_a.pk],
        candidates_digest=rules.candidates_digest([case_a.pk]),
    )  # fmt: skip
    scores = [
        (sample, case_a, Decimal("82"), date(2026, 11, 20)),
        (sample, case_b, Decimal("90"), date(2026, 11, 20)),
        (again, case_a, Decimal("85"), date(2026, 11, 21)),
    ]
    for batch, case, score, on in scores:
        CaseFileReview.objects.create(
            sample=batch, case=case, unit=world.cast.north, score=score, reviewed_on=on, status="scored"
        )

    average = selectors.review_average(unit=world.cast.region, start=date(2026, 11, 1), end=TODAY)
    once = scored_reviews_once(units=[world.cast.north.pk], start=date(2026, 11, 1), end=TODAY)

    assert average == Decimal("87.50")  # (85 + 90) / 2 files, not (82 + 85 + 90) / 3
    assert sorted(once.values_list("score", flat=True)) == [Decimal("85.0"), Decimal("90.0")]
    # the dashboard's measures and the drill-down behind them count the file once too
    measures = selectors.unit_measures(units=[world.cast.north.pk], start=date(2026, 11, 1), end=TODAY)
    north = measures[world.cast.north.pk]
    assert (north["reviews_count"], north["reviews_score_sum"]) == (2, Decimal("175"))
    rows = selectors.drilldown(kind="reviews", unit=world.cast.north, start=date(2026, 11, 1), end=TODAY)
    assert rows.count == 2 and sorted(row[3] for row in rows.rows) == [Decimal("85"), Decimal("90")]
