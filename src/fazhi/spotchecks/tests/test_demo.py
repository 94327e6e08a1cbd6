"""The spot-check demo step: a directory, a completed joint plan that verifies, an open plan."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from fazhi.core.actors import system_actor
from fazhi.orgs import demo as orgs_demo
from fazhi.powers import demo as powers_demo
from fazhi.spotchecks import demo, selectors
from fazhi.spotchecks.choices import PlanStatus, TaskStatus

pytestmark = pytest.mark.django_db


def test_demo_loads_a_verifiable_joint_plan_and_an_open_one():
    rng = random.Random(1)
    actor = system_actor()  # as `fazhi demo` runs it
    orgs = orgs_demo.load(actor=actor, rng=rng)
    powers_demo.load(actor=actor, rng=rng, orgs=orgs)

    result = demo.load(actor=actor, rng=rng, departments=orgs.departments)

    assert result.entities == demo.ENTITY_COUNT
    done, upcoming = result.plans
    assert done.status == upcoming.status == PlanStatus.DRAWN
    stats = selectors.plan_stats(plan=done)
    assert stats.is_joint and stats.inspected == stats.tasks == stats.published > 0
    assert selectors.plan_verify(plan=done).ok and selectors.plan_verify(plan=upcoming).ok
    assert all(t.status == TaskStatus.ASSIGNED for t in selectors.plan_tasks(plan=upcoming))
    done_entities = set(selectors.plan_tasks(plan=done).values_list("entity_id", flat=True))
    assert not done_entities & set(selectors.plan_tasks(plan=upcoming).values_list("entity_id", flat=True))

    # The completed plan was committed and drawn before its check period, so before every result
    done.draw.refresh_from_db()
    assert done.draw.committed_at <= done.draw.revealed_at
    assert timezone.localtime(done.draw.revealed_at).date() < done.period_start
    # 综合查一次: the joint plan's departments visit each entity together, on one day
    days: dict[int, set] = {}
    for task in selectors.plan_tasks(plan=done).select_related("inspection"):
        days.setdefault(task.entity_id, set()).add(task.inspection.occurred_on)
    assert days and all(len(visit) == 1 for visit in days.values())


def test_demo_publishes_the_seed_hash_a_day_before_the_draw_and_names_individual_businesses_as_shops():
    rng = random.Random(1)
    actor = system_actor()
    orgs = orgs_demo.load(actor=actor, rng=rng)
    powers_demo.load(actor=actor, rng=rng, orgs=orgs)

    result = demo.load(actor=actor, rng=rng, departments=orgs.departments)

    # 承诺时间 a day before 抽取时间 on both plans (种子哈希先于抽取公布), not the same second
    for plan in result.plans:
        plan.draw.refresh_from_db()
        assert plan.draw.revealed_at - plan.draw.committed_at >= timedelta(days=1), plan.name
    # A 个体工商户 (92…) is not named like a company; a company (91…) may be
    entities = list(selectors.entity_list().values_list("credit_code", "name"))
    individuals = [name for code, name in entities if code.startswith("92")]
    assert individuals and not [name for name in individuals if "公司" in name]
    assert any("有限公司" in name for code, name in entities if code.startswith("91"))
