"""Recording an inspection costs the same number of queries however many officers take part.

The create-inspection API is the busiest write (its latency is a target of the issue): the
certificate check and the officer links must not grow a query per officer.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.enforcement.tests.factories import USCC, record_inspection

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


def test_the_create_answer_equals_a_fresh_read_of_the_record(world):
    """The API answers from the rows the service linked; they must be what a later read returns."""
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(world.cast.inspector_north)
    payload = {
        "unit_code": "NORTH", "party_kind": "organisation", "party_name": "甲公司", "party_code": USCC,
        "occurred_on": "2026-03-02", "officer_ids": [world.officer_c.pk, world.officer_a.pk, world.officer_b.pk],
        "outcome": "compliant", "origin": "complaint",
    }  # fmt: skip

    created = client.post("/api/v1/enforcement/inspections/", payload, format="json")
    read = client.get(f"/api/v1/enforcement/inspections/{created.json()['id']}/")

    assert created.status_code == 201 and read.status_code == 200
    assert created.json() == read.json()
    assert len(created.json()["officers"]) == 3
