"""Writes of plans and their verifiable draws: create → commit (publish hashes) → draw (reveal seed)."""

from __future__ import annotations

import secrets
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.errors import Conflict, DomainError, NotFound
from fazhi.orgs.models import OrgUnit
from fazhi.powers.models import CheckItem
from fazhi.powers.rules import require_check_item_samplable
from fazhi.spotchecks import selectors
from fazhi.spotchecks.choices import PlanStatus, SeedSource
from fazhi.spotchecks.models import Draw, Entity, Plan, PlanDepartment, Task, TaskInspector
from fazhi.spotchecks.rules import draw as draw_rules
from fazhi.spotchecks.rules import plans as rules


@dataclass(frozen=True, slots=True)
class DepartmentSpec:
    unit: OrgUnit
    team_size: int = 2


def default_quotas() -> dict[str, draw_rules.Quota]:
    """The shipped defaults (higher class, higher ratio) or the district's FAZHI_SPOTCHECK_DEFAULT_QUOTAS."""
    return rules.parse_default_quotas(getattr(settings, "FAZHI_SPOTCHECK_DEFAULT_QUOTAS", ""))


def _as_domain_error(exc: draw_rules.DrawInputError) -> DomainError:
    return DomainError(exc.message, code=exc.code, fields=exc.details)


@transaction.atomic
def plan_create(
    *,
    actor: Any,
    name: str,
    organizer: OrgUnit,
    departments: Sequence[DepartmentSpec],
    check_items: Sequence[CheckItem],
    period_start: date,
    period_end: date,
    quotas: dict[str, draw_rules.Quota] | None = None,
    scope_area: str = "",
    scope_industry: str = "",
    scope_tag: str = "",
    max_checks_per_year: int = 1,
    exclude_inspected_days: int = 0,
    avoid_repeat_inspector: bool = True,
    abnormal_as_highest: bool = True,
) -> Plan:
    """Define a plan (several departments make a joint plan, 联合抽查 / 综合查一次).

    Checks: the actor plans for the organizer and every department; period; quotas within 0–100%;
    team sizes ≥ 2; every chosen item has a legal basis, is in force and belongs to a department's
    list (or one above it); every department has at least one item.
    Writes: Plan, PlanDepartment rows, its check items, AuditEvent SPOTCHECK_PLAN_CREATED.
    """
    name = (name or "").strip()
    if not name:
        raise DomainError("计划名称不能为空。", code="spotcheck.name_required", fields={"name": ["必填。"]})
    units = [spec.unit for spec in departments]
    if not selectors.user_can_plan_for(user=actor, units=[organizer, *units]):
        raise NotFound("单位不存在或无权访问。", code="org_unit_not_found")
    rules.require_plan_period(start=period_start, end=period_end)
    if len({unit.pk for unit in units}) != len(units):
        raise DomainError("参与部门重复。", code="spotcheck.department_repeated", fields={"departments": ["重复。"]})
    for spec in departments:
        if error := rules.team_size_error(spec.team_size):
            raise DomainError(
                f"{spec.unit.name}{error}", code="spotcheck.team_too_small", fields={"team_size": [error]}
            )
    quotas = dict(quotas) if quotas is not None else default_quotas()
    rules.require_quotas(quotas)
    for item in check_items:
        try:
            require_check_item_samplable(has_legal_basis=item.has_legal_basis, status=item.status, code=item.code)
        except DomainError as exc:
            raise DomainError(exc.message, code=exc.code, fields={"check_items": [exc.message]}) from exc
    per_department = {
        unit.code: sum(1 for item in check_items if selectors.check_item_usable_by(item=item, unit=unit))
        for unit in units
    }
    stray = [
        item.code for item in check_items if not any(selectors.check_item_usable_by(item=item, unit=u) for u in units)
    ]
    if stray:
        raise DomainError(
            f"检查事项不属于参与部门的检查清单：{'、'.join(stray)}",
            code="spotcheck.check_item_not_in_departments",
            fields={"check_items": stray},
        )
    rules.require_check_items(departments=[u.code for u in units], items_by_department=per_department)
    plan = Plan.objects.create(
        name=name[:200],
        organizer=organizer,
        period_start=period_start,
        period_end=period_end,
        scope_area=scope_area.strip(),
        scope_industry=",".join(rules.parse_industry_prefixes(scope_industry)),
        scope_tag=scope_tag.strip(),
        quotas=rules.quotas_to_json(quotas),
        abnormal_as_highest=abnormal_as_highest,
        max_checks_per_year=max_checks_per_year,
        exclude_inspected_days=exclude_inspected_days,
        avoid_repeat_inspector=avoid_repeat_inspector,
        created_by=actor,
    )
    PlanDepartment.objects.bulk_create(
        [PlanDepartment(plan=plan, unit=spec.unit, team_size=spec.team_size) for spec in departments]
    )
    plan.check_items.set(check_items)
    record_audit(
        actor=actor,
        event_type=AuditEventType.SPOTCHECK_PLAN_CREATED,
        target=plan,
        changes={
            "name": [None, plan.name],
            "organizer": [None, organizer.code],
            "departments": [None, [u.code for u in units]],
            "check_items": [None, sorted(item.code for item in check_items)],
            "period": [None, f"{period_start.isoformat()}/{period_end.isoformat()}"],
            "quotas": [None, plan.quotas],
        },
    )
    return plan


def _normalise_seed(text: str) -> str:
    return unicodedata.normalize("NFC", (text or "").strip())


def _moment(at: datetime | None) -> datetime:
    """The time of a commitment or draw: now, or an earlier moment for a record entered afterwards."""
    now = timezone.now()
    if at is None:
        return now
    if at > now:
        raise DomainError("承诺或抽取时间不能晚于现在。", code="spotcheck.future_time")
    return at


@transaction.atomic
def plan_commit(
    *,
    actor: Any,
    plan: Plan,
    seed_source: str = SeedSource.COMMIT_REVEAL,
    today: date | None = None,
    at: datetime | None = None,
) -> Draw:
    """Freeze the draw input and publish its hash (and, for a system seed, the seed's hash) before the draw.

    `at`: when the commitment was made, for a record entered afterwards (default now; never later).

    Refuses — and writes nothing — when the scope has no eligible entity or a department has too
    few eligible inspectors (the message says how many are missing).
    Writes: Draw, Plan.status committed, AuditEvent SPOTCHECK_PLAN_COMMITTED.
    """
    if seed_source not in SeedSource.values:
        raise DomainError("随机源无效。", code="spotcheck.seed_source_invalid", fields={"seed_source": ["无效。"]})
    if plan.status != PlanStatus.DRAFT:
        raise Conflict("该计划已公布抽取承诺，不能重复。", code="spotcheck.plan_not_draft")
    today = today or timezone.localdate()
    build = selectors.plan_draw_input_build(
        plan=plan, actor=actor, today=today, quotas=rules.quotas_from_json(plan.quotas)
    )
    draw_input = build.draw_input
    try:
        draw_rules.require_drawable(draw_input)
    except draw_rules.DrawInputError as exc:
        error = _as_domain_error(exc)
        if exc.code == "spotcheck.not_enough_inspectors":
            problems = [r for reasons in build.pool_problems.values() for r in reasons][:5]
            if problems:
                error.message += "（未纳入名录的人员：" + "；".join(problems) + "）"
        raise error from exc
    eligible = sum(1 for c in draw_input.candidates if not c.excluded)
    if not eligible:
        raise DomainError(
            "抽查范围内没有可抽取的检查对象（名录库为空、范围过窄或全部被排除）。", code="spotcheck.no_candidates"
        )
    canonical = draw_rules.canonical_input(draw_input)
    seed_text = secrets.token_hex(32) if seed_source == SeedSource.COMMIT_REVEAL else ""
    updated = Plan.objects.filter(pk=plan.pk, status=PlanStatus.DRAFT).update(status=PlanStatus.COMMITTED)
    if updated != 1:
        raise Conflict("该计划已公布抽取承诺，不能重复。", code="spotcheck.plan_not_draft")
    plan.status = PlanStatus.COMMITTED
    draw = Draw.objects.create(
        plan=plan,
        algorithm_version=draw_input.version,
        seed_source=seed_source,
        input_blob=zlib.compress(canonical, 6),
        input_hash=draw_rules.digest(canonical),
        candidate_count=len(draw_input.candidates),
        eligible_count=eligible,
        seed_hash=draw_rules.seed_hash(seed_text.encode("utf-8")) if seed_text else "",
        sealed_seed=seed_text,
        committed_at=_moment(at),
    )
    record_audit(
        actor=actor,
        event_type=AuditEventType.SPOTCHECK_PLAN_COMMITTED,
        target=plan,
        changes={
            "status": [PlanStatus.DRAFT, PlanStatus.COMMITTED],
            "input_hash": [None, draw.input_hash],
            "seed_hash": [None, draw.seed_hash],
            "seed_source": [None, seed_source],
            "algorithm_version": [None, draw.algorithm_version],
        },
    )
    return draw


@transaction.atomic
def plan_draw(*, actor: Any, plan: Plan, seed_text: str = "", witnesses: str = "", at: datetime | None = None) -> Draw:
    """Reveal the seed and draw: the entities and their inspector teams become tasks.

    `at`: when the draw was made, for a record entered afterwards (default now; not before the commitment).

    A system seed (commit–reveal) is the one committed; a witnessed seed (dice, lottery numbers) is
    typed in with the witnesses' names and recorded with the draw.
    Writes: Draw (seed, result), Task and TaskInspector rows, Plan.status drawn, AuditEvent SPOTCHECK_PLAN_DRAWN.
    """
    draw = Draw.objects.filter(plan=plan).first()
    if plan.status != PlanStatus.COMMITTED or draw is None:
        raise Conflict("该计划尚未公布抽取承诺或已抽取。", code="spotcheck.plan_not_committed")
    if draw.seed_source == SeedSource.COMMIT_REVEAL:
        seed = draw.sealed_seed
    else:
        seed = _normalise_seed(seed_text)
        names = [n for n in (witnesses or "").replace("，", ",").replace("、", ",").split(",") if n.strip()]
        if not seed:
            raise DomainError(
                "请填写现场产生的随机源（如骰子点数）。", code="spotcheck.seed_required", fields={"seed": ["必填。"]}
            )
        if len(names) < 2:
            raise DomainError(
                "现场随机源至少需要两名见证人。",
                code="spotcheck.witnesses_required",
                fields={"witnesses": ["至少两名。"]},
            )
        witnesses = "、".join(n.strip() for n in names)
    _raw, draw_input = selectors.draw_input_load(draw=draw)
    try:
        result = draw_rules.draw(draw_input, seed=seed.encode("utf-8"))
    except draw_rules.DrawInputError as exc:
        raise _as_domain_error(exc) from exc
    updated = Plan.objects.filter(pk=plan.pk, status=PlanStatus.COMMITTED).update(status=PlanStatus.DRAWN)
    if updated != 1:
        raise Conflict("该计划已抽取。", code="spotcheck.plan_not_committed")
    plan.status = PlanStatus.DRAWN
    _create_tasks(plan=plan, result=result)
    draw.seed = seed
    draw.sealed_seed = ""
    draw.witnesses = witnesses if draw.seed_source == SeedSource.WITNESSED else ""
    if draw.seed_source == SeedSource.WITNESSED:
        draw.seed_hash = draw_rules.seed_hash(seed.encode("utf-8"))
    draw.result = result.as_dict()
    draw.result_hash = draw_rules.digest(draw_rules.canonical_result(result))
    draw.revealed_at = _moment(at)
    if draw.committed_at is not None and draw.revealed_at < draw.committed_at:
        raise DomainError("抽取时间不能早于公布承诺的时间。", code="spotcheck.draw_before_commit")
    draw.save(
        update_fields=[
            "seed",
            "sealed_seed",
            "witnesses",
            "seed_hash",
            "result",
            "result_hash",
            "revealed_at",
            "updated_at",
        ]
    )
    record_audit(
        actor=actor,
        event_type=AuditEventType.SPOTCHECK_PLAN_DRAWN,
        target=plan,
        changes={
            "status": [PlanStatus.COMMITTED, PlanStatus.DRAWN],
            "seed": [None, seed],
            "witnesses": [None, draw.witnesses],
            "drawn": [None, len(result.assignments)],
            "result_hash": [None, draw.result_hash],
        },
    )
    return draw


def _create_tasks(*, plan: Plan, result: draw_rules.DrawResult) -> None:
    units = {d.unit.code: d.unit for d in plan.departments.select_related("unit")}
    keys = [a.entity for a in result.assignments]
    entities: dict[str, int] = {}
    for start in range(0, len(keys), 5000):
        entities.update(
            Entity.objects.filter(credit_code__in=keys[start : start + 5000]).values_list("credit_code", "pk")
        )
    tasks = [
        Task(plan=plan, entity_id=entities[a.entity], unit=units[code], position=index + 1, risk_class=a.risk_class)
        for index, a in enumerate(result.assignments)
        for code, _ids in a.teams
    ]
    Task.objects.bulk_create(tasks, batch_size=1000)
    # bulk_create does not return primary keys on every backend: read them back by (position, unit).
    task_ids = {
        (position, unit_id): pk
        for pk, position, unit_id in Task.objects.filter(plan=plan).values_list("pk", "position", "unit_id")
    }
    TaskInspector.objects.bulk_create(
        [
            TaskInspector(task_id=task_ids[(index + 1, units[code].pk)], officer_id=officer_id, position=order + 1)
            for index, a in enumerate(result.assignments)
            for code, ids in a.teams
            for order, officer_id in enumerate(ids)
        ],
        batch_size=1000,
    )
