"""The spot-check API: error shape, permission matrix, public endpoints and verification."""

from __future__ import annotations

from datetime import date

import pytest
from rest_framework.test import APIClient

from fazhi.spotchecks import services
from fazhi.spotchecks.models import Plan
from fazhi.spotchecks.tests.services.test_plans import joint_plan

pytestmark = pytest.mark.django_db


def _client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _payload(spot, **overrides):
    payload = {
        "name": "联合抽查（接口）",
        "organizer": "G",
        "departments": [{"unit": "NORTH", "team_size": 2}, {"unit": "SOUTH", "team_size": 2}],
        "check_items": ["JC-N-001", "JC-S-001"],
        "period_start": "2026-09-01",
        "period_end": "2026-12-31",
        "quotas": {"A": "10%", "B": "10%", "C": "20%", "D": "3"},
    }
    payload.update(overrides)
    return payload


def test_supervisor_creates_commits_draws_and_the_public_verifies(spot):
    client = _client(spot.cast.supervisor)
    created = client.post("/api/v1/spotchecks/plans/", _payload(spot), format="json")
    assert created.status_code == 201, created.json()
    plan_id = created.json()["id"]
    assert created.json()["is_joint"] is True
    commit = client.post(f"/api/v1/spotchecks/plans/{plan_id}/commit/", {}, format="json")
    assert commit.status_code == 201 and commit.json()["seed"] == "" and len(commit.json()["seed_hash"]) == 64
    public = _client().get(f"/api/v1/spotchecks/public/plans/{plan_id}/").json()
    assert public["draw"]["seed"] == "" and public["results"] == []  # committed, not yet revealed
    drawn = client.post(f"/api/v1/spotchecks/plans/{plan_id}/draw/", {}, format="json")
    assert drawn.status_code == 200 and drawn.json()["seed"]
    verify = _client().post(f"/api/v1/spotchecks/public/plans/{plan_id}/verify/")
    assert verify.status_code == 200 and verify.json()["ok"] is True
    stats = client.get(f"/api/v1/spotchecks/plans/{plan_id}/stats/").json()
    assert stats["drawn"] == stats["planned"] > 0


def test_ratio_over_100_percent_gives_the_error_shape(spot):
    response = _client(spot.cast.supervisor).post(
        "/api/v1/spotchecks/plans/", _payload(spot, quotas={"A": "120%"}), format="json"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "spotcheck.ratio_out_of_range" and "0%至100%" in error["message"]
    assert not Plan.objects.exists()


def test_plan_without_legal_basis_items_gives_the_error_shape(spot):
    response = _client(spot.cast.supervisor).post(
        "/api/v1/spotchecks/plans/", _payload(spot, check_items=["JC-N-999"]), format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "check_item_without_basis"


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 401), ("outsider", 404), ("inspector_north", 404), ("unit_admin_north", 404), ("supervisor", 201)],
)
def test_commit_permission_matrix(spot, who, expected):
    plan = joint_plan(spot)
    user = None if who == "anonymous" else getattr(spot.cast, who)
    response = _client(user).post(f"/api/v1/spotchecks/plans/{plan.pk}/commit/", {}, format="json")
    assert response.status_code in ((401, 403) if expected == 401 else (expected,)), response.content
    plan.refresh_from_db()
    assert (plan.status == "committed") == (expected == 201)


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 401), ("outsider", 404), ("inspector_south", 200), ("supervisor", 200)],
)
def test_plan_detail_permission_matrix(spot, who, expected):
    plan = joint_plan(spot)
    user = None if who == "anonymous" else getattr(spot.cast, who)
    response = _client(user).get(f"/api/v1/spotchecks/plans/{plan.pk}/")
    assert response.status_code in ((401, 403) if expected == 401 else (expected,))


def test_draft_plan_is_not_public(spot):
    plan = joint_plan(spot)
    assert _client().get(f"/api/v1/spotchecks/public/plans/{plan.pk}/").status_code == 404
    assert _client().get("/api/v1/spotchecks/public/plans/").json() == []


def test_officer_sees_own_tasks_and_records_a_result(spot):
    plan = joint_plan(spot)
    services.plan_commit(actor=spot.cast.supervisor, plan=plan, today=date(2026, 9, 1))
    services.plan_draw(actor=spot.cast.supervisor, plan=plan)
    client = _client(spot.cast.inspector_north)
    tasks = client.get("/api/v1/spotchecks/tasks/mine/").json()
    assert tasks and all(t["unit"] == "NORTH" for t in tasks)
    response = client.post(
        f"/api/v1/spotchecks/tasks/{tasks[0]['id']}/result/",
        {"occurred_on": "2026-11-20", "outcome": "compliant"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "inspected" and response.json()["inspection"]
    # someone else's task: the same 404 as a missing one
    other = _client(spot.cast.outsider).post(
        f"/api/v1/spotchecks/tasks/{tasks[0]['id']}/result/",
        {"occurred_on": "2026-11-20", "outcome": "compliant"},
        format="json",
    )
    assert other.status_code == 404


def test_conflict_declared_by_the_officer(spot):
    response = _client(spot.cast.inspector_north).post(
        "/api/v1/spotchecks/conflicts/",
        {"officer_id": spot.north_officers[0].pk, "credit_code": spot.entities[0].credit_code, "reason": "配偶持股"},
        format="json",
    )
    assert response.status_code == 201
    denied = _client(spot.cast.inspector_south).post(
        "/api/v1/spotchecks/conflicts/",
        {"officer_id": spot.north_officers[1].pk, "credit_code": spot.entities[0].credit_code, "reason": "x"},
        format="json",
    )
    assert denied.status_code == 404
