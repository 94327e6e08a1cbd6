"""A wrong statistics period or review seed gets a Chinese message with a code and HTTP 400 on every
interface (page, API, command) — never a 500, never the default period shown instead, never a write."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.enforcement.tests.factories import decided_case
from fazhi.supervision.models import CaseFileReview, ReviewSample

pytestmark = pytest.mark.django_db

ABSURD = {"start": "0001-01-01", "end": "9999-12-31"}
REVERSED = {"start": "2026-12-01", "end": "2026-01-01"}


@pytest.mark.parametrize("path", ["/supervision/", "/supervision/drill/records/"])
@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        (ABSURD, "统计期间应在"),
        ({"end": "9999-12-31"}, "统计期间应在"),
        (REVERSED, "早于开始日期"),
        ({"start": "abc"}, "日期格式不正确"),
        ({"start": "2026-13-01"}, "日期格式不正确"),
    ],
)
def test_a_wrong_period_on_the_pages_is_a_400_that_says_so(supervisor, path, params, fragment):
    response = supervisor.get(path, {"unit": "R", **params})
    assert response.status_code == 400
    html = response.content.decode()
    assert fragment in html and "supervision.bad_period" in html
    assert 'data-testid="indicator-cards"' not in html and 'data-testid="drilldown-table"' not in html


def test_a_bad_cut_off_on_the_dashboard_is_a_400_with_its_own_code(supervisor):
    response = supervisor.get("/supervision/", {"unit": "R", "as_of": "abc"})
    assert response.status_code == 400 and "supervision.bad_as_of" in response.content.decode()


@pytest.mark.parametrize("path", ["/supervision/", "/supervision/drill/records/"])
def test_a_cut_off_in_the_future_is_a_400(world, supervisor, path):
    # "数据截至 2099年3月1日" would label today's figures with a moment that has not come.
    response = supervisor.get(path, {"unit": "R", "as_of": "2099-03-01T00:00"})
    assert response.status_code == 400 and "supervision.future_as_of" in response.content.decode()
    api = APIClient()
    api.force_authenticate(world.cast.supervisor)
    refused = api.get("/api/v1/supervision/indicators/", {"unit": "R", "as_of": "2099-03-01T00:00"})
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "supervision.future_as_of"


def test_a_good_period_still_shows_the_figures(supervisor):
    response = supervisor.get("/supervision/", {"unit": "R", "start": "2026-01-01", "end": "2026-03-31"})
    assert response.status_code == 200 and 'data-testid="indicator-cards"' in response.content.decode()


@pytest.mark.parametrize("path", ["/api/v1/supervision/indicators/", "/api/v1/supervision/drilldown/records/"])
@pytest.mark.parametrize(
    "params", [{"from": "0001-01-01", "to": "9999-12-31"}, {"from": "2026-12-01", "to": "2026-01-01"}]
)
def test_a_wrong_period_in_the_api_is_a_400_with_the_code(world, path, params):
    api = APIClient()
    api.force_authenticate(world.cast.supervisor)
    response = api.get(path, {"unit": "R", **params})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "supervision.bad_period"


def test_publishing_a_snapshot_of_a_wrong_period_writes_nothing(world):
    api = APIClient()
    api.force_authenticate(world.cast.supervisor)
    response = api.post("/api/v1/supervision/snapshots/", {"unit": "R", "from": "2026-12-01", "to": "2026-01-01"})
    assert response.status_code == 400 and response.json()["error"]["code"] == "supervision.bad_period"
    assert not AuditEvent.objects.filter(event_type=AuditEventType.SUPERVISION_SNAPSHOT_PUBLISHED).exists()


@pytest.mark.parametrize(("start", "end"), [("0001-01-01", "9999-12-31"), ("2026-12-01", "2026-01-01")])
def test_the_indicators_command_refuses_a_wrong_period(world, start, end):
    with pytest.raises(CommandError) as refused:
        call_command("indicators", "--unit", "R", "--from", start, "--to", end, stdout=io.StringIO())
    assert "supervision.bad_period" in str(refused.value) and refused.value.returncode == 2


def _draw(client, **overrides):
    data = {"unit": "NORTH", "period_from": "2026-01-01", "period_to": "2026-12-31", "size": 1, "seed": 7}
    return client.post("/supervision/reviews/", {**data, **overrides})


@pytest.mark.parametrize("seed", ["99999999999999999999999999", "-5"])
def test_an_out_of_range_seed_is_refused_on_the_page(world, supervisor, seed):
    decided_case(world)
    response = _draw(supervisor, seed=seed)
    assert response.status_code == 422  # the form again, as every refused form of the app
    assert "随机种子应为0至" in response.content.decode()
    assert not ReviewSample.objects.exists() and not CaseFileReview.objects.exists()


@pytest.mark.parametrize("seed", [10**26, -5])
def test_an_out_of_range_seed_is_refused_by_the_api(world, seed):
    decided_case(world)
    api = APIClient()
    api.force_authenticate(world.cast.supervisor)
    data = {"unit": "NORTH", "period_from": "2026-01-01", "period_to": "2026-12-31", "size": 1, "seed": seed}
    response = api.post("/api/v1/supervision/review-samples/", data, format="json")
    assert response.status_code == 400 and "随机种子" in response.json()["error"]["message"]
    assert not ReviewSample.objects.exists()


def test_a_reversed_review_period_says_it_is_reversed(world, supervisor):
    decided_case(world)
    response = _draw(supervisor, period_from="2026-12-31", period_to="2026-01-01")
    html = response.content.decode()
    assert response.status_code == 422 and "早于开始日期" in html
    assert "没有可供抽取的案卷" not in html
    assert not ReviewSample.objects.exists()


def test_the_proposed_seed_is_the_local_minute(world, supervisor):
    # 17:30 UTC on 24 November is 01:30 on 25 November in Beijing: the seed a supervisor sees and writes
    # down is the minute on their own clock
    with time_machine.travel(datetime(2026, 11, 24, 17, 30, tzinfo=UTC), tick=False):
        page = supervisor.get("/supervision/reviews/").content.decode()
    assert 'value="202611250130"' in page


def test_the_api_names_a_period_day_that_does_not_exist(world):
    api = APIClient()
    api.force_authenticate(world.cast.supervisor)
    data = {"unit": "NORTH", "period_from": "2026-02-30", "period_to": "2026-12-31", "size": 1, "seed": 7}

    response = api.post("/api/v1/supervision/review-samples/", data, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["fields"]["period_from"] == ["日期“2026-02-30”不存在，请检查月份和日。"]
