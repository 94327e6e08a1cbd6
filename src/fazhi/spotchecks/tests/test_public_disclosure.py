"""What a visitor learns of a 双随机 plan (rules.plans.task_is_public, RULES.md §8.1, §8.6, §8.7).

Before results are published: the plan, the draw's commitment and the counts, and no drawn entity,
no inspector. After: each published entity by name with its department, date and outcome. Never an
inspector's name, an address or an entity's 信用风险分类.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import Client

from fazhi.enforcement.choices import InspectionOutcome
from fazhi.spotchecks import services
from fazhi.spotchecks.models import Task, TaskInspector
from fazhi.spotchecks.rules.plans import task_is_public
from fazhi.spotchecks.tests.services.test_plans import joint_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def drawn(spot):
    plan = joint_plan(spot)
    services.plan_commit(actor=spot.cast.supervisor, plan=plan, today=date(2026, 9, 1))
    services.plan_draw(actor=spot.cast.supervisor, plan=plan)
    return plan


def _inspector_names(plan) -> set[str]:
    return set(TaskInspector.objects.filter(task__plan=plan).values_list("officer__person__name", flat=True))


def _publish_one(spot, plan) -> Task:
    """Record and publish the result of one NORTH task (as NORTH's unit admin, who may record it)."""
    task = Task.objects.filter(plan=plan, unit=spot.cast.north).order_by("position").first()
    services.task_result_record(
        actor=spot.cast.unit_admin_north, task=task, occurred_on=date(2026, 11, 20),
        outcome=InspectionOutcome.ORDER_CORRECTION, findings="未公示营业执照",
    )  # fmt: skip
    services.plan_results_publish(actor=spot.cast.supervisor, plan=plan)
    return task


def test_after_the_draw_a_visitor_sees_the_plan_and_the_commitment_but_no_target(spot, drawn):
    drawn_codes = set(Task.objects.filter(plan=drawn).values_list("entity__credit_code", flat=True))

    page = Client().get(f"/spotchecks/public/{drawn.pk}/").content.decode()
    api = Client().get(f"/api/v1/spotchecks/public/plans/{drawn.pk}/").json()

    # the plan and everything needed to check the draw later are public
    draw = drawn.draw
    for fact in (draw.input_hash, draw.seed_hash, draw.seed, draw.result_hash, draw.algorithm_version):
        assert fact in page
    assert f"随机抽取{len(drawn_codes)}户" in page and "检查对象名录库全部在册对象" in page
    assert api["summary"] == {
        "candidates": draw.candidate_count, "eligible": draw.eligible_count, "drawn": len(drawn_codes),
        "published": 0, "pending": len(drawn_codes),
    }  # fmt: skip
    # nobody drawn, nor who inspects them, before the results
    assert api["results"] == []
    for code in drawn_codes:
        assert code not in page and code not in json.dumps(api)
    assert "示范路" not in page
    for name in _inspector_names(drawn):
        assert name not in page and name not in json.dumps(api, ensure_ascii=False)
    assert 'data-testid="public-results"' not in page


def test_a_published_result_names_the_entity_with_its_outcome_and_nothing_more(spot, drawn):
    task = _publish_one(spot, drawn)
    others = set(
        Task.objects.filter(plan=drawn).exclude(entity=task.entity).values_list("entity__credit_code", flat=True)
    )

    page = Client().get(f"/spotchecks/public/{drawn.pk}/").content.decode()
    api = Client().get(f"/api/v1/spotchecks/public/plans/{drawn.pk}/").json()

    table = page.split('data-testid="public-results"')[1].split("</table>")[0]
    assert task.entity.credit_code in table and task.entity.name in table
    assert "2026年11月20日" in table and "责令改正" in table and "未公示营业执照" in table
    assert "分类" not in table and "地址" not in table and task.entity.address not in page
    for code in others:
        assert code not in page and code not in json.dumps(api)
    [row] = api["results"]
    assert row["credit_code"] == task.entity.credit_code and row["name"] == task.entity.name
    assert "risk_class" not in row and "address" not in row
    assert all(set(team) == {"department", "occurred_on", "outcome", "findings"} for team in row["teams"])
    assert api["summary"]["published"] == 1 and api["summary"]["pending"] == len(others)
    for name in _inspector_names(drawn):
        assert name not in page and name not in json.dumps(api, ensure_ascii=False)


def test_a_failed_public_verification_counts_the_differences_without_naming_anyone(spot, drawn):
    task = Task.objects.filter(plan=drawn).order_by("pk").first()
    first, second = TaskInspector.objects.filter(task=task).order_by("position")
    TaskInspector.objects.filter(pk=first.pk).update(position=99)
    TaskInspector.objects.filter(pk=second.pk).update(position=first.position)
    TaskInspector.objects.filter(pk=first.pk).update(position=second.position)

    html = Client().post(f"/spotchecks/public/{drawn.pk}/verify/", HTTP_HX_REQUEST="true").content.decode()
    api = Client().post(f"/api/v1/spotchecks/public/plans/{drawn.pk}/verify/").json()

    assert "复核不一致" in html and "差异1处" in html
    assert task.entity.credit_code not in html and "类）" not in html
    assert api["ok"] is False and api["differences"] == [] and api["difference_count"] == 1
    assert task.entity.credit_code not in json.dumps(api)


@pytest.mark.parametrize(("status", "public"), [("assigned", False), ("inspected", False), ("published", True)])
def test_only_a_published_result_is_public(status, public):
    assert task_is_public(status=status) is public
