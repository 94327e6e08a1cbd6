"""Web pages: the public draw page with its verify button, the supervisor's plan page, commands."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from fazhi.spotchecks import services
from fazhi.spotchecks.models import TaskInspector
from fazhi.spotchecks.tests.services.test_plans import joint_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def drawn(spot):
    plan = joint_plan(spot)
    services.plan_commit(actor=spot.cast.supervisor, plan=plan, today=date(2026, 9, 1))
    services.plan_draw(actor=spot.cast.supervisor, plan=plan)
    return plan


def test_public_page_shows_seed_hash_and_verify_replays(drawn):
    client = Client()
    page = client.get(f"/spotchecks/public/{drawn.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert drawn.draw.seed_hash in body and drawn.draw.seed in body and "v1" in body
    verdict = client.post(f"/spotchecks/public/{drawn.pk}/verify/", HTTP_HX_REQUEST="true")
    assert verdict.status_code == 200 and "复核一致" in verdict.content.decode()


def test_verify_shows_differences_after_tampering(spot, drawn):
    task = TaskInspector.objects.filter(task__plan=drawn).order_by("pk").first().task
    first, second = TaskInspector.objects.filter(task=task).order_by("position")
    # swap the pick order of the team (the record no longer matches the replay)
    TaskInspector.objects.filter(pk=first.pk).update(position=99)
    TaskInspector.objects.filter(pk=second.pk).update(position=first.position)
    TaskInspector.objects.filter(pk=first.pk).update(position=second.position)
    body = Client().post(f"/spotchecks/public/{drawn.pk}/verify/").content.decode()
    assert "复核不一致" in body


def test_supervisor_plan_pages(spot, drawn):
    client = Client()
    client.force_login(spot.cast.supervisor)
    assert client.get("/spotchecks/plans/").status_code == 200
    assert client.get("/spotchecks/plans/new/").status_code == 200
    page = client.get(f"/spotchecks/plans/{drawn.pk}/")
    assert page.status_code == 200 and "联合抽查" in page.content.decode()


def test_outsider_gets_404_on_a_plan_page(spot, drawn):
    client = Client()
    client.force_login(spot.cast.outsider)
    assert client.get(f"/spotchecks/plans/{drawn.pk}/").status_code == 404
    assert client.post(f"/spotchecks/plans/{drawn.pk}/publish/").status_code == 404


def test_commands_verify_and_stats(drawn):
    out = StringIO()
    call_command("spotcheck", "verify", str(drawn.pk), "--json", stdout=out)
    assert json.loads(out.getvalue())["ok"] is True
    out = StringIO()
    call_command("spotcheck", "stats", str(drawn.pk), "--json", stdout=out)
    assert json.loads(out.getvalue())["is_joint"] is True


def test_empty_forms_name_fields_in_chinese_and_show_no_codes(spot, drawn):
    client = Client()
    client.force_login(spot.cast.supervisor)

    plan_page = client.post("/spotchecks/plans/new/", {}).content.decode()

    assert "请填写计划名称。" in plan_page and "请填写A类。" in plan_page
    for raw in ("period_start", "quota_A", "该字段是必填项"):
        assert raw not in plan_page.split('data-testid="spotcheck-errors"')[1].split("</div>")[0]

    absurd = client.post(
        "/spotchecks/plans/new/",
        {"name": "测试", "organizer": "NORTH", "departments": ["NORTH"], "team_size": 2,
         "period_start": "2026-12-01", "period_end": "2026-12-31", "quota_A": "500%", "quota_B": "5%",
         "quota_C": "10%", "quota_D": "20%", "max_checks_per_year": 1, "exclude_inspected_days": 0},
    ).content.decode()  # fmt: skip
    box = absurd.split('data-testid="spotcheck-errors"')[1].split("</div>")[0]
    assert "A类抽查比例" in box and 'data-code="spotcheck.ratio_out_of_range"' in box
    assert ">spotcheck.ratio_out_of_range<" not in box


def test_task_page_prefills_the_check_date_in_the_iso_form_a_date_input_accepts(spot, drawn):
    # Given a drawn task of NORTH, opened by NORTH's unit admin (who may record it) on 2026-11-24
    task = TaskInspector.objects.filter(task__plan=drawn, task__unit=spot.cast.north).order_by("pk").first().task
    client = Client()
    client.force_login(spot.cast.unit_admin_north)

    with time_machine.travel("2026-11-24 10:00:00+08:00", tick=False):
        page = client.get(f"/spotchecks/tasks/{task.pk}/")

    # Then 检查日期 is filled as yyyy-MM-dd, not 2026/11/24 (which <input type=date> drops)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'value="2026-11-24"' in html and "2026/11/24" not in html
