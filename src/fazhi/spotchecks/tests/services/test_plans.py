"""Plan services: create → commit → draw, with the audit rows; refusals write nothing."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import DomainError, NotFound
from fazhi.spotchecks import selectors, services
from fazhi.spotchecks.choices import PlanStatus, SeedSource
from fazhi.spotchecks.models import Draw, Plan, Task, TaskInspector
from fazhi.spotchecks.rules import draw as draw_rules
from fazhi.spotchecks.tests.conftest import PERIOD
from fazhi.spotchecks.tests.factories import certified_officer

pytestmark = pytest.mark.django_db
QUOTAS = {
    "A": draw_rules.Quota("ratio", 2500),
    "B": draw_rules.Quota("ratio", 2500),
    "C": draw_rules.Quota("count", 2),
    "D": draw_rules.Quota("ratio", 5000),
}


def _audits(event_type: AuditEventType) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type=event_type))


def joint_plan(spot, **overrides):
    cast = spot.cast
    values = {
        "actor": cast.supervisor,
        "name": "2026年第四季度市场主体联合抽查",
        "organizer": cast.government,
        "departments": [services.DepartmentSpec(cast.north), services.DepartmentSpec(cast.south)],
        "check_items": [spot.north_item, spot.south_item],
        "period_start": PERIOD[0],
        "period_end": PERIOD[1],
        "quotas": QUOTAS,
    }
    values.update(overrides)
    return services.plan_create(**values)


def test_create_joint_plan_writes_plan_departments_items_and_one_audit_row(spot):
    plan = joint_plan(spot)

    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    assert [d.unit.code for d in plan.departments.all()] == ["NORTH", "SOUTH"]
    assert set(plan.check_items.values_list("code", flat=True)) == {"JC-N-001", "JC-S-001"}
    audits = _audits(AuditEventType.SPOTCHECK_PLAN_CREATED)
    assert len(audits) == 1 and audits[0].actor == spot.cast.supervisor
    assert audits[0].changes["departments"] == [None, ["NORTH", "SOUTH"]]


def test_plan_with_an_item_without_legal_basis_is_refused_and_nothing_written(spot):
    with pytest.raises(DomainError) as error:
        joint_plan(spot, check_items=[spot.north_item, spot.unfounded_item, spot.south_item])
    assert error.value.code == "check_item_without_basis"
    assert "法无授权不可为" in error.value.message
    assert not Plan.objects.exists() and not _audits(AuditEventType.SPOTCHECK_PLAN_CREATED)


def test_plan_with_no_item_for_a_department_is_refused(spot):
    with pytest.raises(DomainError) as error:
        joint_plan(spot, check_items=[spot.north_item])
    assert error.value.code == "spotcheck.no_legal_basis_items"
    assert "SOUTH" in error.value.message
    assert not Plan.objects.exists()


@pytest.mark.parametrize("value", [-100, 10_001])
def test_ratio_outside_0_100_is_refused(spot, value):
    with pytest.raises(DomainError) as error:
        joint_plan(spot, quotas={**QUOTAS, "A": draw_rules.Quota("ratio", value)})
    assert error.value.code == "spotcheck.ratio_out_of_range"
    assert not Plan.objects.exists()


def test_planner_outside_a_department_gets_not_found(spot):
    with pytest.raises(NotFound):
        joint_plan(spot, actor=spot.cast.unit_admin_north)  # administers NORTH only
    assert not Plan.objects.exists()


def test_commit_then_draw_creates_tasks_and_replays(spot):
    plan = joint_plan(spot)
    draw = services.plan_commit(actor=spot.cast.supervisor, plan=plan, today=date(2026, 9, 1))

    assert draw.seed == "" and len(draw.sealed_seed) == 64
    assert draw.seed_hash == draw_rules.seed_hash(draw.sealed_seed.encode())
    assert draw.candidate_count == 40 and draw.algorithm_version == "v1"
    assert len(_audits(AuditEventType.SPOTCHECK_PLAN_COMMITTED)) == 1
    assert not Task.objects.exists()

    draw = services.plan_draw(actor=spot.cast.supervisor, plan=plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAWN
    assert draw.seed and draw.sealed_seed == ""
    drawn = len(draw.result["assignments"])
    assert drawn == 3 + 3 + 2 + 5  # ceil(25% of 10), ceil(25% of 10), 2, ceil(50% of 10)
    assert Task.objects.filter(plan=plan).count() == drawn * 2
    assert TaskInspector.objects.filter(task__plan=plan).count() == drawn * 2 * 2
    assert len(_audits(AuditEventType.SPOTCHECK_PLAN_DRAWN)) == 1

    report = selectors.plan_verify(plan=plan)
    assert report.ok, report.as_dict()
    assert report.entities == drawn


def test_verify_detects_a_changed_task(spot):
    plan = joint_plan(spot)
    services.plan_commit(actor=spot.cast.supervisor, plan=plan, today=date(2026, 9, 1))
    services.plan_draw(actor=spot.cast.supervisor, plan=plan)
    inspector = TaskInspector.objects.filter(task__plan=plan).order_by("pk").first()
    other = next(
        o
        for o in spot.north_officers + spot.south_officers
        if o.unit_id == inspector.task.unit_id
        and not TaskInspector.objects.filter(task=inspector.task, officer=o).exists()
    )
    TaskInspector.objects.filter(pk=inspector.pk).update(officer=other)

    report = selectors.plan_verify(plan=plan)
    assert not report.ok
    assert report.differences


def test_too_few_inspectors_is_refused_with_the_missing_count_and_nothing_committed(spot):
    cast = spot.cast
    plan = joint_plan(spot, departments=[services.DepartmentSpec(cast.north, 6), services.DepartmentSpec(cast.south)])

    with pytest.raises(DomainError) as error:
        services.plan_commit(actor=cast.supervisor, plan=plan, today=date(2026, 9, 1))
    assert error.value.code == "spotcheck.not_enough_inspectors"
    assert "还差2名" in error.value.message  # 4 certified officers in NORTH, 6 needed
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    assert not Draw.objects.exists() and not _audits(AuditEventType.SPOTCHECK_PLAN_COMMITTED)


def test_officer_with_certificate_expiring_inside_the_period_is_not_in_the_pool(spot):
    expiring = certified_officer(unit=spot.cast.north, valid_to=date(2026, 10, 31))
    pool = selectors.inspector_pool(unit=spot.cast.north, start=PERIOD[0], end=PERIOD[1])
    verdicts = {m.officer.pk: m.ok for m in pool}
    assert verdicts[expiring.pk] is False
    assert sum(verdicts.values()) == 4


def test_conflict_keeps_the_officer_away_from_the_entity(spot):
    cast = spot.cast
    # NORTH keeps 4 inspectors; two declare conflicts with every entity except none – teams still form.
    for entity in spot.entities:
        services.conflict_declare(
            actor=cast.inspector_north, officer=spot.north_officers[0], entity=entity, reason="近亲属在该企业任职"
        )
    plan = joint_plan(spot)
    services.plan_commit(actor=cast.supervisor, plan=plan, today=date(2026, 9, 1))
    services.plan_draw(actor=cast.supervisor, plan=plan)
    assert not TaskInspector.objects.filter(task__plan=plan, officer=spot.north_officers[0]).exists()
    assert len(_audits(AuditEventType.SPOTCHECK_CONFLICT_DECLARED)) == 40


def test_witnessed_seed_needs_two_witnesses_and_is_recorded(spot):
    plan = joint_plan(spot)
    services.plan_commit(
        actor=spot.cast.supervisor, plan=plan, seed_source=SeedSource.WITNESSED, today=date(2026, 9, 1)
    )
    with pytest.raises(DomainError) as error:
        services.plan_draw(actor=spot.cast.supervisor, plan=plan, seed_text="3 6 1 5", witnesses="张见证")
    assert error.value.code == "spotcheck.witnesses_required"
    assert not Task.objects.exists()

    draw = services.plan_draw(actor=spot.cast.supervisor, plan=plan, seed_text="3 6 1 5", witnesses="张见证，李公证")
    assert draw.seed == "3 6 1 5" and draw.witnesses == "张见证、李公证"
    assert draw.seed_hash == draw_rules.seed_hash(b"3 6 1 5")
    assert selectors.plan_verify(plan=plan).ok


def test_second_plan_excludes_entities_at_the_yearly_cap_and_repeats_no_inspector(spot):
    cast = spot.cast
    first = joint_plan(spot, quotas={c: draw_rules.Quota("ratio", 5000) for c in "ABCD"})
    services.plan_commit(actor=cast.supervisor, plan=first, today=date(2026, 9, 1))
    drawn_first = {a["entity"] for a in services.plan_draw(actor=cast.supervisor, plan=first).result["assignments"]}

    second = joint_plan(spot, name="第二轮", quotas={c: draw_rules.Quota("ratio", 10_000) for c in "ABCD"})
    draw = services.plan_commit(actor=cast.supervisor, plan=second, today=date(2026, 9, 2))
    _raw, draw_input = selectors.draw_input_load(draw=draw)
    excluded = {c.key for c in draw_input.candidates if c.excluded}
    assert excluded == drawn_first  # max 1 check per department per year
    result = services.plan_draw(actor=cast.supervisor, plan=second).result
    assert result["assignments"] and not {a["entity"] for a in result["assignments"]} & drawn_first
