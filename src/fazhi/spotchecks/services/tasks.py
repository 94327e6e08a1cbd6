"""Results of drawn tasks (recorded once, as enforcement inspections) and their publication."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.deadlines.selectors import tracked_deadlines_open
from fazhi.core.deadlines.services import deadline_close, deadline_track
from fazhi.core.errors import Conflict, NotFound
from fazhi.enforcement import services as enforcement_services
from fazhi.enforcement.choices import InspectionOrigin, PartyKind
from fazhi.enforcement.models import Inspection
from fazhi.spotchecks import selectors
from fazhi.spotchecks.choices import PlanStatus, TaskStatus
from fazhi.spotchecks.models import Plan, Task
from fazhi.spotchecks.rules.plans import PUBLICITY_RULE_CODE, require_task_date_in_period


def task_result_record(
    *,
    actor: Any,
    task: Task,
    occurred_on: date,
    outcome: str,
    findings: str = "",
    officer_ids: Sequence[int] | None = None,
    recorded_at: datetime | None = None,
) -> Task:
    """Record the result of a task as an enforcement inspection (origin 双随机) and link it to the task.

    `recorded_at`: when the result was entered (default now; a loader of past results gives theirs,
    checked by enforcement's inspection_record).

    The inspection is the one record of the check (no second entry): enforcement's inspection_record
    validates the officers' certificates, the date and the check items, in its own durable
    transaction; then the task is linked and the 20-working-day publicity deadline starts.
    Writes: (enforcement) Inspection + its audit row; Task.inspection/status/publicity_due,
    TrackedDeadline publicity.other, AuditEvent SPOTCHECK_TASK_RESULT_RECORDED.
    """
    if not selectors.user_may_record_task(user=actor, task=task):
        raise NotFound("抽查任务不存在或无权访问。", code="spotcheck.task_not_found")
    if task.plan.status != PlanStatus.DRAWN:
        raise Conflict("该计划尚未抽取。", code="spotcheck.plan_not_drawn")
    if task.inspection_id is not None or task.status != TaskStatus.ASSIGNED:
        raise Conflict("该抽查任务已登记检查结果。", code="spotcheck.task_already_recorded")
    require_task_date_in_period(
        occurred_on=occurred_on, period_start=task.plan.period_start, period_end=task.plan.period_end
    )
    if officer_ids is None:
        officer_ids = [inspector.officer_id for inspector in task.inspectors.all()]
    items = [
        item.code
        for item in selectors.plan_check_items(plan=task.plan)
        if selectors.check_item_usable_by(item=item, unit=task.unit)
    ]
    inspection = enforcement_services.inspection_record(
        actor=actor,
        unit=task.unit,
        party_kind=PartyKind.ORGANISATION,
        party_name=task.entity.name,
        party_code=task.entity.credit_code,
        party_address=task.entity.address,
        occurred_on=occurred_on,
        officer_ids=list(officer_ids),
        outcome=outcome,
        origin=InspectionOrigin.RANDOM,
        check_item_codes=items,
        findings=findings,
        spot_check_task_id=task.pk,
        recorded_at=recorded_at,
    )
    return _task_link(actor=actor, task=task, inspection=inspection)


@transaction.atomic
def _task_link(*, actor: Any, task: Task, inspection: Inspection) -> Task:
    tracked = deadline_track(
        actor=actor,
        target=task,
        rule_code=PUBLICITY_RULE_CODE,
        start=inspection.occurred_on,
        reason="双随机抽查结果公示期限",
    )
    updated = Task.objects.filter(pk=task.pk, inspection__isnull=True, status=TaskStatus.ASSIGNED).update(
        inspection=inspection, status=TaskStatus.INSPECTED, publicity_due=tracked.due, updated_at=timezone.now()
    )
    if updated != 1:
        raise Conflict("该抽查任务已登记检查结果。", code="spotcheck.task_already_recorded")
    task.refresh_from_db()
    record_audit(
        actor=actor,
        event_type=AuditEventType.SPOTCHECK_TASK_RESULT_RECORDED,
        target=task,
        changes={
            "status": [TaskStatus.ASSIGNED, TaskStatus.INSPECTED],
            "inspection": [None, inspection.pk],
            "outcome": [None, inspection.outcome],
            "publicity_due": [None, tracked.due.isoformat()],
        },
    )
    return task


@transaction.atomic
def plan_results_publish(*, actor: Any, plan: Plan) -> int:
    """Publish the recorded results of a plan on the portal (masked there), closing their publicity deadlines.

    Legal basis: RULES.md §8.6 — 抽查结果自结果形成之日起20个工作日内向社会公示 (publicity.other).
    Writes: Task.status/published_at, TrackedDeadline status (met or closed late), AuditEvent
    SPOTCHECK_RESULTS_PUBLISHED (one per publication, with the count and the late ones).
    """
    now = timezone.now()
    today = timezone.localdate()
    tasks = list(Task.objects.filter(plan=plan, status=TaskStatus.INSPECTED).order_by("pk"))
    if not tasks:
        raise Conflict("没有待公示的抽查结果。", code="spotcheck.nothing_to_publish")
    updated = Task.objects.filter(pk__in=[t.pk for t in tasks], status=TaskStatus.INSPECTED).update(
        status=TaskStatus.PUBLISHED, published_at=now, updated_at=now
    )
    if updated != len(tasks):
        raise Conflict("抽查结果已被他人公示，请刷新。", code="spotcheck.publish_conflict")
    content_type = ContentType.objects.get_for_model(Task)
    late = []
    for tracked in tracked_deadlines_open().filter(
        target_type=content_type,
        target_id__in=[str(t.pk) for t in tasks],
        rule_code=PUBLICITY_RULE_CODE,
    ):
        met = today <= tracked.due
        if not met:
            late.append(tracked.target_id)
        deadline_close(actor=actor, tracked=tracked, met=met, reason="抽查结果已公示")
    record_audit(
        actor=actor,
        event_type=AuditEventType.SPOTCHECK_RESULTS_PUBLISHED,
        target=plan,
        changes={"published": [None, len(tasks)], "late": [None, late]},
    )
    return len(tasks)
