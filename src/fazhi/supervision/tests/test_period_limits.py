"""A period ending after today, a cut-off before the period began and a day that does not exist are
refused on every interface (page, API, command) with a Chinese message and a code; the error page's
heading names the fault. The default period (this quarter to today) still shows the figures."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from rest_framework.test import APIClient

from fazhi.core.audit.models import AuditEvent, AuditEventType

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(world):
    client = APIClient()
    client.force_authenticate(world.cast.supervisor)
    return client


def _today():
    return timezone.localdate()


def _heading(response) -> str:
    html = response.content.decode()
    start = html.index('data-testid="period-error-heading">') + len('data-testid="period-error-heading">')
    return html[start : html.index("</h1>", start)]


@pytest.mark.parametrize("path", ["/supervision/", "/supervision/drill/records/"])
def test_a_period_ending_after_today_is_refused_on_the_pages(supervisor, path):
    tomorrow = _today() + timedelta(days=1)
    response = supervisor.get(path, {"unit": "R", "start": _today().replace(day=1).isoformat(), "end": tomorrow})

    assert response.status_code == 400
    html = response.content.decode()
    assert "统计期间不能晚于今天" in html and "supervision.bad_period" in html
    assert _heading(response) == "无法查询：统计期间有误"
    assert 'data-testid="indicator-cards"' not in html


@pytest.mark.parametrize("path", ["/api/v1/supervision/indicators/", "/api/v1/supervision/drilldown/records/"])
def test_a_period_ending_after_today_is_refused_by_the_api(api, path):
    response = api.get(path, {"unit": "R", "from": "2026-07-01", "to": "2099-07-01"})

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "supervision.bad_period"
    assert "不能晚于今天" in response.json()["error"]["message"]


def test_a_snapshot_of_an_unfinished_period_is_not_published(api):
    end = _today() + timedelta(days=200)
    response = api.post("/api/v1/supervision/snapshots/", {"unit": "R", "from": _today().isoformat(), "to": end})

    assert response.status_code == 400 and response.json()["error"]["code"] == "supervision.bad_period"
    assert not AuditEvent.objects.filter(event_type=AuditEventType.SUPERVISION_SNAPSHOT_PUBLISHED).exists()


def test_the_indicators_command_refuses_a_period_ending_after_today(world):
    end = (_today() + timedelta(days=1)).isoformat()
    with pytest.raises(CommandError) as refused:
        call_command("indicators", "--unit", "R", "--from", "2026-01-01", "--to", end, stdout=io.StringIO())
    assert "不能晚于今天" in str(refused.value) and "supervision.bad_period" in str(refused.value)


def test_the_default_period_and_a_period_ending_today_show_the_figures(supervisor, api):
    assert supervisor.get("/supervision/", {"unit": "R"}).status_code == 200
    today = _today().isoformat()
    assert supervisor.get("/supervision/", {"unit": "R", "end": today}).status_code == 200
    assert api.get("/api/v1/supervision/indicators/", {"unit": "R", "to": today}).status_code == 200


def test_a_cut_off_before_the_period_began_is_refused(supervisor, api):
    params = {"unit": "R", "start": "2026-07-01", "end": "2026-09-30", "as_of": "2026-06-30T18:00"}
    page = supervisor.get("/supervision/", params)
    assert page.status_code == 400 and "supervision.bad_as_of" in page.content.decode()
    assert "早于统计期间开始日期" in page.content.decode()
    assert _heading(page) == "无法查询：数据截止时间有误"

    response = api.get(
        "/api/v1/supervision/indicators/",
        {"unit": "R", "from": "2026-07-01", "to": "2026-09-30", "as_of": "2026-06-30T18:00"},
    )
    assert response.status_code == 400 and response.json()["error"]["code"] == "supervision.bad_as_of"

    with pytest.raises(CommandError) as refused:
        call_command(
            "indicators", "--unit", "R", "--from", "2026-07-01", "--to", "2026-09-30", "--as-of", "2026-06-30T18:00",
            stdout=io.StringIO(),
        )  # fmt: skip
    assert "supervision.bad_as_of" in str(refused.value)


def test_a_cut_off_on_the_first_day_of_the_period_is_accepted(supervisor):
    params = {"unit": "R", "start": "2026-07-01", "end": "2026-09-30", "as_of": "2026-07-01T08:00"}
    assert supervisor.get("/supervision/", params).status_code == 200


def test_a_day_that_does_not_exist_is_called_so(supervisor, world):
    page = supervisor.get("/supervision/", {"unit": "R", "start": "2026-02-30", "end": "2026-03-31"})
    assert page.status_code == 400
    html = page.content.decode()
    assert "日期“2026-02-30”不存在" in html and "格式不正确" not in html
    assert _heading(page) == "无法查询：统计期间有误"

    with pytest.raises(CommandError) as refused:
        call_command("indicators", "--unit", "R", "--from", "2026-02-30", "--to", "2026-03-31", stdout=io.StringIO())
    assert "日期不存在" in str(refused.value)


def test_the_error_heading_names_a_bad_record_type(supervisor):
    response = supervisor.get("/supervision/drill/records/", {"unit": "R", "record_type": "nonsense"})
    assert response.status_code == 400
    assert _heading(response) == "无法查询：记录类型有误"
