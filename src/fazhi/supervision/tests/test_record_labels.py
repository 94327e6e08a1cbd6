"""Drill-downs and 待办提醒 name records as a supervisor knows them (案件编号, the inspected party, a
link), never by the fact table's internal key ("penalty_case:15") or a deadline's rule code."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from fazhi.core.deadlines.services import deadline_track
from fazhi.supervision import rules, selectors, services
from fazhi.supervision.choices import AlertKind, AlertStatus
from fazhi.supervision.models import Alert, EnforcementRecord

pytestmark = pytest.mark.django_db
INTERNAL_KEY = re.compile(r"(inspection|penalty_case):\d+")
RULE_CODE = re.compile(r"\b[a-z]+\.[a-z_.]+\b")


@pytest.fixture
def world(recorded_world):
    return recorded_world


def test_the_record_drilldown_names_the_case_number_and_the_inspected_party(world):
    result = selectors.drilldown(unit=world.cast.north, kind="records", start=date(2026, 1, 1), end=date(2026, 12, 31))

    first_cells = [row[0] for row in result.rows]
    assert len(first_cells) == EnforcementRecord.objects.count() == 2
    assert not any(INTERNAL_KEY.search(cell) for cell in first_cells)
    assert any(world.case.number in cell for cell in first_cells)
    assert any(world.inspection.party_name in cell for cell in first_cells)
    assert set(result.targets) == {("penalty_case", world.case.pk), ("inspection", world.inspection.pk)}


def test_the_drilldown_page_links_each_record_to_its_page(world, client):
    client.force_login(world.cast.supervisor)
    # to today: a period ending after today is refused (rules.require_period)
    html = client.get("/supervision/drill/records/", {"unit": "R", "start": "2026-01-01", "end": timezone.localdate()})
    text = html.content.decode()
    assert html.status_code == 200 and not INTERNAL_KEY.search(text)
    assert f'href="/enforcement/cases/{world.case.pk}/"' in text
    assert f'href="/enforcement/inspections/{world.inspection.pk}/"' in text
    # the linked pages open for the supervisor who followed the link
    assert client.get(f"/enforcement/cases/{world.case.pk}/").status_code == 200


def test_the_drilldown_api_rows_carry_no_internal_key(world):
    api = APIClient()
    api.force_authenticate(world.cast.supervisor)
    query = {"unit": "R", "from": "2026-01-01", "to": timezone.localdate()}
    body = api.get("/api/v1/supervision/drilldown/records/", query)
    assert body.status_code == 200 and body.json()["rows"]
    assert not INTERNAL_KEY.search(str(body.json()["rows"]))


def test_an_imported_record_keeps_its_own_number(world):
    assert rules.parse_internal_record_key("SCJ-2026-0001") is None
    assert rules.parse_internal_record_key("penalty_case:abc") is None
    assert rules.parse_internal_record_key(rules.internal_record_key("inspection", 4)) == ("inspection", 4)


def test_alert_titles_name_the_record_and_the_deadline_in_chinese(world):
    # given: a 罚款缴纳 deadline of the case that has passed
    today = timezone.localdate()
    deadline_track(actor=None, target=world.case, rule_code="penalty.payment", start=today - timedelta(days=40))

    services.alerts_refresh(today=today, now=timezone.now())

    titles = list(Alert.objects.filter(status=AlertStatus.OPEN).values_list("kind", "title"))
    late = [title for kind, title in titles if kind == AlertKind.RECORD_ENTERED_LATE]
    assert late, "the demo records are entered months after they happened"
    assert any(world.case.number in title for title in late)
    assert any(world.inspection.party_name in title for title in late)
    passed = [title for kind, title in titles if kind == AlertKind.CASE_DEADLINE_PASSED]
    assert any("罚款缴纳期限" in title and world.case.number in title for title in passed)
    assert not any(INTERNAL_KEY.search(title) or RULE_CODE.search(title) for _kind, title in titles)


def test_an_open_alert_with_the_old_wording_is_reworded(world):
    services.alerts_refresh(today=timezone.localdate(), now=timezone.now())
    alert = Alert.objects.filter(kind=AlertKind.RECORD_ENTERED_LATE).first()
    Alert.objects.filter(pk=alert.pk).update(title="执法信息penalty_case:15于发生后301日才录入（应在7日内）")

    services.alerts_refresh(today=timezone.localdate(), now=timezone.now())

    alert.refresh_from_db()
    assert alert.status == AlertStatus.OPEN and not INTERNAL_KEY.search(alert.title)


def test_the_todo_page_shows_no_internal_key(world, client):
    services.alerts_refresh(today=timezone.localdate(), now=timezone.now())
    client.force_login(world.cast.supervisor)
    text = client.get("/supervision/todo/").content.decode()
    assert "执法信息逾期录入" in text and not INTERNAL_KEY.search(text)
