"""Task results: recorded once, as an enforcement inspection (origin 双随机); published within the deadline."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import Conflict, DomainError, NotFound
from fazhi.enforcement.choices import InspectionOrigin, InspectionOutcome
from fazhi.enforcement.selectors import inspection_list_visible_to
from fazhi.spotchecks import selectors, services
from fazhi.spotchecks.choices import TaskStatus
from fazhi.spotchecks.models import Task
from fazhi.spotchecks.tests.services.test_plans import joint_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def drawn(spot):
    plan = joint_plan(spot)
    services.plan_commit(actor=spot.cast.supervisor, plan=plan, today=date(2026, 9, 1))
    services.plan_draw(actor=spot.cast.supervisor, plan=plan)
    return plan


def _north_task_of(spot, plan):
    officer = spot.north_officers[0]  # inspector_north's post
    task = Task.objects.filter(plan=plan, unit=spot.cast.north, inspectors__officer=officer).first()
    if task is None:
        pytest.skip("inspector_north was not drawn with this seed")  # pragma: no cover
    return selectors.task_get_for_user(user=spot.cast.inspector_north, task_id=task.pk)


def test_drawn_inspector_records_the_result_as_one_enforcement_inspection(spot, drawn):
    task = _north_task_of(spot, drawn)
    before = AuditEvent.objects.count()

    task = services.task_result_record(
        actor=spot.cast.inspector_north,
        task=task,
        occurred_on=date(2026, 11, 20),
        outcome=InspectionOutcome.ORDER_CORRECTION,
        findings="未在醒目位置公示营业执照，联系电话13812345678",
    )

    assert task.status == TaskStatus.INSPECTED
    inspection = inspection_list_visible_to(user=spot.cast.supervisor).get(spot_check_task_id=task.pk)
    assert task.inspection_id == inspection.pk
    assert inspection.origin == InspectionOrigin.RANDOM and inspection.party_code == task.entity.credit_code
    assert set(inspection.officers.values_list("pk", flat=True)) == {i.officer_id for i in task.inspectors.all()}
    assert inspection_list_visible_to(user=spot.cast.supervisor).filter(spot_check_task_id=task.pk).count() == 1
    assert task.publicity_due is not None and task.publicity_due > date(2026, 11, 20)
    types = list(AuditEvent.objects.order_by("id").values_list("event_type", flat=True)[before:])
    assert types.count(AuditEventType.SPOTCHECK_TASK_RESULT_RECORDED) == 1
    assert types.count(AuditEventType.INSPECTION_RECORDED) == 1


def test_recording_twice_is_refused_and_no_second_inspection(spot, drawn):
    task = _north_task_of(spot, drawn)
    services.task_result_record(
        actor=spot.cast.inspector_north, task=task, occurred_on=date(2026, 11, 20), outcome=InspectionOutcome.COMPLIANT
    )
    task = selectors.task_get_for_user(user=spot.cast.inspector_north, task_id=task.pk)
    with pytest.raises(Conflict):
        services.task_result_record(
            actor=spot.cast.inspector_north,
            task=task,
            occurred_on=date(2026, 11, 21),
            outcome=InspectionOutcome.COMPLIANT,
        )
    assert inspection_list_visible_to(user=spot.cast.supervisor).filter(spot_check_task_id=task.pk).count() == 1


def test_someone_not_drawn_cannot_record(spot, drawn):
    task = _north_task_of(spot, drawn)
    with pytest.raises(NotFound):
        services.task_result_record(
            actor=spot.cast.inspector_south,
            task=task,
            occurred_on=date(2026, 11, 20),
            outcome=InspectionOutcome.COMPLIANT,
        )
    assert not AuditEvent.objects.filter(event_type=AuditEventType.SPOTCHECK_TASK_RESULT_RECORDED).exists()


def test_future_date_is_refused_by_enforcement_and_the_task_stays_open(spot, drawn):
    task = _north_task_of(spot, drawn)
    with pytest.raises(DomainError):
        services.task_result_record(
            actor=spot.cast.inspector_north,
            task=task,
            occurred_on=date(2099, 1, 1),
            outcome=InspectionOutcome.COMPLIANT,
        )
    task.refresh_from_db()
    assert task.status == TaskStatus.ASSIGNED and task.inspection_id is None


def test_publish_masks_personal_data_and_counts_in_statistics(spot, drawn):
    task = _north_task_of(spot, drawn)
    services.task_result_record(
        actor=spot.cast.inspector_north,
        task=task,
        occurred_on=date(2026, 11, 20),
        outcome=InspectionOutcome.ORDER_CORRECTION,
        findings="负责人电话13812345678",
    )
    stats = selectors.plan_stats(plan=drawn)
    assert (stats.inspected, stats.problems, stats.published) == (1, 1, 0)
    assert str(stats.problem_rate) == "100.00"

    assert services.plan_results_publish(actor=spot.cast.supervisor, plan=drawn) == 1
    results = selectors.plan_public_results(plan=drawn)
    row = next(r for r in results if r.credit_code == task.entity.credit_code)
    team = next(t for t in row.teams if t.department == spot.cast.north.name)
    assert team.outcome == "责令改正" and "138****5678" in team.findings
    assert not hasattr(team, "inspectors") and not hasattr(row, "risk_class")  # never published
    assert AuditEvent.objects.filter(event_type=AuditEventType.SPOTCHECK_RESULTS_PUBLISHED).count() == 1
    with pytest.raises(Conflict):
        services.plan_results_publish(actor=spot.cast.supervisor, plan=drawn)
    departments = selectors.department_stats(
        units=[spot.cast.north, spot.cast.south], start=date(2026, 1, 1), end=date(2026, 12, 31)
    )
    assert departments[0].inspected == 1 and str(departments[0].joint_share) == "100.00"


def test_a_check_dated_before_the_plans_period_is_refused_and_nothing_is_written(spot, drawn):
    task = _north_task_of(spot, drawn)
    before = (AuditEvent.objects.count(), inspection_list_visible_to(user=spot.cast.supervisor).count())

    with pytest.raises(DomainError) as error:
        services.task_result_record(
            actor=spot.cast.inspector_north, task=task,
            occurred_on=drawn.period_start - timedelta(days=1), outcome=InspectionOutcome.ORDER_CORRECTION,
        )  # fmt: skip

    assert error.value.code == "spotcheck.task_date_outside_period" and "occurred_on" in error.value.fields
    assert (AuditEvent.objects.count(), inspection_list_visible_to(user=spot.cast.supervisor).count()) == before
    task.refresh_from_db()
    assert task.status == TaskStatus.ASSIGNED
