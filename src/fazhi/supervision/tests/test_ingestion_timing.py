"""When the platform's own acts reach the figures: the dashboard says how far the ingestion run by
`fazhi tick` has got (统计数据更新至 …) and that acts recorded since are counted at the next update;
and an act's 录入日期 is when it was entered in the platform, so acts entered on their day are timely."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fazhi.enforcement.tests.factories import open_case, record_inspection
from fazhi.supervision import rules, selectors, services
from fazhi.supervision.models import EnforcementRecord

pytestmark = pytest.mark.django_db

LATER = "此后在本平台录入的执法信息将在下次更新后计入"


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


# --- 录入日期 of the platform's own acts (issue: every demo record read as entered late) ------------------------


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def test_an_act_entered_on_its_day_is_timely_and_a_late_entry_still_late(world):
    # given: what the demo now does — acts of past days entered that day (their recorded time
    # backdated to the act) — and one inspection genuinely typed in 23 days after it happened
    on_time = record_inspection(world, occurred_on=date(2026, 3, 2), recorded_at=_at(date(2026, 3, 2), 17))
    late = record_inspection(world, occurred_on=date(2026, 3, 2), recorded_at=_at(date(2026, 3, 25), 9))
    case = open_case(world, recorded_at=_at(date(2026, 3, 3), 17))  # filed on 3 March

    services.ingest_internal_records()

    entered = dict(EnforcementRecord.objects.values_list("key", "entered_on"))
    assert entered[rules.internal_record_key("inspection", on_time.pk)] == date(2026, 3, 2)
    assert entered[rules.internal_record_key("inspection", late.pk)] == date(2026, 3, 25)
    assert entered[rules.internal_record_key("penalty_case", case.pk)] == date(2026, 3, 3)
    report = selectors.indicator_report(
        unit=world.cast.north, start=date(2026, 1, 1), end=date(2026, 3, 31), breakdown=False
    )
    timeliness = next(v for v in report.total.values if v.code == "upload_timeliness")
    assert (timeliness.numerator, timeliness.denominator, timeliness.value) == (2, 3, Decimal("66.67"))
