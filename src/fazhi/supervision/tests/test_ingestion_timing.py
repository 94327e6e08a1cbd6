"""When the platform's own acts reach the figures: the dashboard says how far the ingestion run by
`fazhi tick` has got (统计数据更新至 …) and that acts recorded since are counted at the next update."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fazhi.enforcement.tests.factories import build_world, record_inspection
from fazhi.supervision import selectors, services

pytestmark = pytest.mark.django_db

LATER = "此后在本平台录入的执法信息将在下次更新后计入"


@pytest.fixture
def world(cast):
    return build_world(cast)


def _dashboard(user, **query) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("supervision:dashboard"), query)
    assert response.status_code == 200
    return response.content.decode()


def _note(page: str) -> str:
    return page[page.index('data-testid="ingestion-note"') :].split("</p>")[0]


def test_before_any_ingestion_the_dashboard_says_acts_are_not_counted_yet(world):
    record_inspection(world)

    note = _note(_dashboard(world.cast.supervisor, unit="R"))

    assert "本平台录入的执法信息尚未归集到统计数据中，将在下次更新后计入" in note
    assert selectors.ingestion_caught_up_at() is None


def test_after_a_run_region_and_unit_dashboards_say_when_and_what_is_not_counted(world):
    record_inspection(world)
    before = timezone.now()
    services.ingest_internal_records()
    caught_up = selectors.ingestion_caught_up_at()
    assert caught_up is not None and before <= caught_up <= timezone.now()

    shown = timezone.localtime(caught_up).strftime("%Y年%-m月%-d日 %H:%M")
    for user, unit in ((world.cast.supervisor, "R"), (world.cast.unit_admin_north, "NORTH")):
        note = _note(_dashboard(user, unit=unit))
        assert f"统计数据更新至 {shown}；{LATER}" in note
        assert "外部系统导入的执法信息导入后即计入" in note


def test_a_run_that_finds_nothing_new_still_moves_the_time(world):
    services.ingest_internal_records()
    first = selectors.ingestion_caught_up_at()

    assert services.ingest_internal_records() == 0
    assert selectors.ingestion_caught_up_at() > first


def test_a_cut_off_before_the_last_run_is_fully_counted(world):
    services.ingest_internal_records()
    cut_off = timezone.localtime(selectors.ingestion_caught_up_at() - timedelta(minutes=5))
    end = cut_off.date()

    query = {"unit": "R", "start": end.replace(day=1).isoformat(), "end": end.isoformat()}

    note = _note(_dashboard(world.cast.supervisor, **query, as_of=cut_off.strftime("%Y-%m-%dT%H:%M")))

    assert "统计数据更新至" in note and LATER not in note
