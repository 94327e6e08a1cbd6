"""Recording an inspection costs the same number of queries however many officers take part.

The create-inspection API is the busiest write (its latency is a target of the issue): the
certificate check and the officer links must not grow a query per officer.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.enforcement.tests.factories import record_inspection

pytestmark = pytest.mark.django_db


def _queries_for(world, officers) -> int:
    with CaptureQueriesContext(connection) as captured:
        record_inspection(world, officer_ids=[o.pk for o in officers])
    return len(captured)


def test_three_officers_cost_no_more_queries_than_two(world):
    record_inspection(world)  # fills the per-process caches (content types) both measurements share
    two = _queries_for(world, [world.officer_a, world.officer_b])
    three = _queries_for(world, [world.officer_a, world.officer_b, world.officer_c])

    assert three == two


def test_the_stored_inspection_names_every_officer(world):
    inspection = record_inspection(world, officer_ids=[world.officer_a.pk, world.officer_b.pk, world.officer_c.pk])

    assert set(inspection.officers.values_list("pk", flat=True)) == {
        world.officer_a.pk,
        world.officer_b.pk,
        world.officer_c.pk,
    }
