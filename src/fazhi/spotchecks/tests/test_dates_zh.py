"""Dates shown to people read 2026年12月1日 (and times 2026年11月24日 21:19:52), never ISO."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import Client

from fazhi.core.errors import DomainError
from fazhi.enforcement.choices import InspectionOutcome
from fazhi.spotchecks import services
from fazhi.spotchecks.models import Task
from fazhi.spotchecks.rules.plans import require_task_date_in_period
from fazhi.spotchecks.tests.services.test_plans import joint_plan

pytestmark = pytest.mark.django_db
ISO = re.compile(r"\b20\d\d-\d\d-\d\d\b")


def _text(html: str) -> str:
    """The page without its tags and attribute values (a date input's value is ISO on purpose)."""
    return re.sub(r"<[^>]*>", " ", html)


@pytest.fixture
def drawn(spot):
    with time_machine.travel("2026-11-25 09:00:00+08:00", tick=False):
        plan = joint_plan(spot)
        at = datetime(2026, 11, 24, 13, 19, 52, tzinfo=UTC)  # 21:19:52 in Beijing
        services.plan_commit(actor=spot.cast.supervisor, plan=plan, today=date(2026, 11, 24), at=at)
        services.plan_draw(actor=spot.cast.supervisor, plan=plan, at=at.replace(minute=20))
    return plan


def test_public_pages_give_the_period_and_the_draw_times_in_chinese(drawn):
    listing = _text(Client().get("/spotchecks/").content.decode())
    detail = _text(Client().get(f"/spotchecks/public/{drawn.pk}/").content.decode())

    assert "2026年9月1日 至 2026年12月31日" in listing
    assert "2026年9月1日 至 2026年12月31日" in detail
    assert "2026年11月24日 21:19:52" in detail and "2026年11月24日 21:20:52" in detail
    assert not ISO.search(listing) and not ISO.search(detail)


def test_staff_pages_give_dates_in_chinese(spot, drawn):
    task = Task.objects.filter(plan=drawn, unit=spot.cast.north).order_by("pk").first()
    with time_machine.travel("2026-11-25 09:00:00+08:00", tick=False):
        services.task_result_record(
            actor=spot.cast.unit_admin_north, task=task, occurred_on=date(2026, 11, 20),
            outcome=InspectionOutcome.COMPLIANT,
        )  # fmt: skip
    supervisor = Client()
    supervisor.force_login(spot.cast.supervisor)
    admin = Client()
    admin.force_login(spot.cast.unit_admin_north)

    pages = {
        "plans": supervisor.get("/spotchecks/plans/"),
        "plan": supervisor.get(f"/spotchecks/plans/{drawn.pk}/"),
        "task": admin.get(f"/spotchecks/tasks/{task.pk}/"),
    }

    for name, page in pages.items():
        assert page.status_code == 200, name
        assert not ISO.search(_text(page.content.decode())), name
    assert "2026年9月1日 至 2026年12月31日" in pages["plans"].content.decode()
    assert "2026年11月20日" in _text(pages["task"].content.decode())  # the check, and its publicity due later


def test_a_check_date_outside_the_period_is_refused_with_chinese_dates():
    with pytest.raises(DomainError) as error:
        require_task_date_in_period(
            occurred_on=date(2026, 8, 31), period_start=date(2026, 9, 1), period_end=date(2026, 12, 31)
        )

    assert error.value.message == "检查日期2026年8月31日不在抽查计划的检查期间内（2026年9月1日至2026年12月31日）。"
