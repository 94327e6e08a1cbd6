"""The demo year has cases in every state and every ending, and its statistics are computable."""

from __future__ import annotations

import random

import pytest

from fazhi.litigation.models import LitigationCase
from fazhi.orgs import demo as orgs_demo
from fazhi.reconsideration import demo
from fazhi.reconsideration.choices import CaseStatus, Outcome
from fazhi.reconsideration.models import ReconsiderationCase, ReviewAlert
from fazhi.reconsideration.statistics import reconsideration_statistics


@pytest.mark.django_db
def test_demo_year_covers_every_state(settings):
    settings.FAZHI_CALENDAR_WEEKDAY_FALLBACK = True
    rng = random.Random(1)
    orgs = orgs_demo.load(actor=None, rng=rng)

    result = demo.load(actor=None, rng=rng, orgs=orgs)

    assert len(result.cases) == len(demo.PLAN)
    # 文号 open with the government's 机关代字, not its unit code QH-GOV
    assert all(number.startswith("青政复〔") for number in ReconsiderationCase.objects.values_list("number", flat=True))
    assert set(ReconsiderationCase.objects.values_list("status", flat=True)) == set(CaseStatus.values)
    assert set(ReconsiderationCase.objects.exclude(outcome="").values_list("outcome", flat=True)) == set(Outcome.values)
    assert ReviewAlert.objects.count() >= 6 and LitigationCase.objects.count() == result.lawsuits == 4
    received = ReconsiderationCase.objects.values_list("received_on", flat=True)
    report = reconsideration_statistics(start=min(received), end=max(received))
    assert report.totals.received == len(demo.PLAN) and report.totals.correction_rate is not None
