"""待办提醒 writes its dates as people read them (QA): 2026年8月13日 in the alert texts, and the 提醒时间
column as 2026年11月25日 11:33 in local time, not "2026-08-13" and "2026-11-25 03:33".

Alert texts are stored (Alert.title); an open alert still worded with an ISO date is reworded by the
next alerts_refresh (the periodic job), so the to-do list and the API never show the old text.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.deadlines.models import TrackedDeadline
from fazhi.supervision import selectors, services
from fazhi.supervision.choices import AlertKind, AlertStatus
from fazhi.supervision.models import Alert, EnforcementRecord

pytestmark = pytest.mark.django_db
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
RAISED = datetime(2026, 5, 6, 16, 5, tzinfo=UTC)  # 2026年5月7日 00:05 in Shanghai: the UTC day is the day before


@pytest.fixture
def world(recorded_world):
    return recorded_world


def _publicity_due(world) -> date:
    return TrackedDeadline.objects.get(target_id=str(world.case.pk), rule_code="publicity.penalty").due


def test_deadline_alerts_write_the_due_day_in_chinese(world):
    due = _publicity_due(world)
    case = f"{world.case.number}（{world.case.party_name}）"

    near = {c.kind: c.title for c in selectors.alert_conditions(today=due - timedelta(days=1))}
    passed = {c.kind: c.title for c in selectors.alert_conditions(today=due + timedelta(days=1))}

    assert near[AlertKind.CASE_DEADLINE_NEAR] == f"{case}的行政处罚决定公示期限即将届满（{format_date_zh(due)}）"
    assert passed[AlertKind.PUBLICATION_OVERDUE] == f"{case}处罚决定未按期公示（应于{format_date_zh(due)}前）"
    assert not ISO_DATE.search(str(near) + str(passed))


def test_certificate_and_late_entry_alerts_write_their_dates_in_chinese(world):
    expiring = selectors.alert_conditions(today=date(2028, 12, 15))  # the certificates end on 2028-12-31
    late = selectors.alert_conditions(today=timezone.localdate())

    certificates = [c.title for c in expiring if c.kind == AlertKind.CERTIFICATE_EXPIRING]
    assert certificates and all(t.endswith("将于2028年12月31日到期") for t in certificates)
    record = EnforcementRecord.objects.get(key=f"penalty_case:{world.case.pk}")
    entered = [c.title for c in late if c.kind == AlertKind.RECORD_ENTERED_LATE and c.key == f"late:{record.pk}"]
    assert len(entered) == 1
    assert f"于{format_date_zh(record.occurred_on)}发生，{format_date_zh(record.entered_on)}才录入" in entered[0]
    assert not any(ISO_DATE.search(c.title) for c in expiring + late)


def test_an_open_alert_stored_with_an_iso_date_is_reworded(world):
    services.alerts_refresh(today=timezone.localdate(), now=timezone.now())
    alert = Alert.objects.filter(kind=AlertKind.RECORD_ENTERED_LATE).first()
    Alert.objects.filter(pk=alert.pk).update(
        title="执法信息“X”于2026-03-30发生，2026-11-25才录入（相隔240日，应在7日内）"
    )

    services.alerts_refresh(today=timezone.localdate(), now=timezone.now())

    alert.refresh_from_db()
    assert alert.status == AlertStatus.OPEN and not ISO_DATE.search(alert.title) and "年" in alert.title


def test_the_todo_page_and_the_api_write_dates_in_chinese(world, client):
    due = _publicity_due(world)
    services.alerts_refresh(today=due + timedelta(days=1), now=RAISED)
    client.force_login(world.cast.supervisor)

    text = client.get("/supervision/todo/").content.decode()
    api = APIClient()
    api.force_authenticate(world.cast.supervisor)
    titles = [row["title"] for row in api.get("/api/v1/supervision/alerts/").json()["results"]]

    assert "<td>2026年5月7日 00:05</td>" in text and "2026-05-06" not in text and "2026-05-07" not in text
    assert f"（应于{format_date_zh(due)}前）</td><td>{format_date_zh(due)}</td>" in text
    assert titles and not any(ISO_DATE.search(title) for title in titles)
