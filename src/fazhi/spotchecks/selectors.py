"""All reads of the spot-check app, scoped by the user who asks; public reads are masked.

Scope: a plan is visible to users holding a role over its organizer or one of its departments (or
above). Planning (create, commit, draw, publish) needs 执法监督人员 or 单位管理员 over the organizer and
every department. A task is visible to its drawn inspectors and to users with a role over its
department. Single-object reads raise the same NotFound for "missing" and "not yours" (STYLE §8).
The public sees committed and drawn plans: the plan, the draw's commitment and counts, and only the
published results, masked (rules.plans.task_is_public says why).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from fazhi.core.actors import SYSTEM_USERNAME
from fazhi.core.errors import NotFound
from fazhi.core.masking import mask_person_name, mask_text
from fazhi.enforcement import selectors as enforcement_selectors
from fazhi.enforcement.choices import InspectionOutcome
from fazhi.orgs.choices import Role
from fazhi.orgs.models import Officer, OrgUnit
from fazhi.orgs.selectors import AnyUser, officer_certificate_validity, user_role_grants
from fazhi.powers.models import CheckItem
from fazhi.spotchecks.choices import PlanStatus, SeedSource, TaskStatus
from fazhi.spotchecks.models import Draw, Entity, InspectorConflict, Plan, PlanDepartment, Task, TaskInspector
from fazhi.spotchecks.rules import draw as draw_rules
from fazhi.spotchecks.rules import plans as plan_rules

PLANNER_ROLES = frozenset({Role.SUPERVISOR, Role.UNIT_ADMIN})
VIEW_ROLES = frozenset({Role.SUPERVISOR, Role.UNIT_ADMIN, Role.OFFICER, Role.LEGAL_REVIEWER})
PUBLIC_STATUSES = (PlanStatus.COMMITTED, PlanStatus.DRAWN)


def _paths(user: AnyUser, roles: frozenset[Role]) -> list[str]:
    return [grant.unit_path for grant in user_role_grants(user=user) if grant.role in roles]


def is_system_actor(user: Any) -> bool:
    """The inactive 'system' user (or None) that commands, jobs and the demo act as; it cannot log in."""
    return user is None or (getattr(user, "username", None) == SYSTEM_USERNAME and not user.is_active)


def user_can_plan_for(*, user: AnyUser, units: Iterable[OrgUnit]) -> bool:
    """True when one of the user's planner grants covers every unit (superusers and the system: always)."""
    if getattr(user, "is_superuser", False) or is_system_actor(user):
        return True
    paths = _paths(user, PLANNER_ROLES)
    return bool(paths) and all(any(unit.path.startswith(p) for p in paths) for unit in units)


def user_is_planner(*, user: AnyUser) -> bool:
    return getattr(user, "is_superuser", False) or bool(_paths(user, PLANNER_ROLES))


def planner_units(*, user: AnyUser) -> QuerySet[OrgUnit]:
    """Units the user may name as organizer or department of a plan."""
    if getattr(user, "is_superuser", False):
        return OrgUnit.objects.filter(is_active=True).order_by("path")
    query = Q(pk__in=[])
    for path in _paths(user, PLANNER_ROLES):
        query |= Q(path__startswith=path)
    return OrgUnit.objects.filter(query, is_active=True).order_by("path")


# --- plans ------------------------------------------------------------------------------------------


def _plan_queryset() -> QuerySet[Plan]:
    return Plan.objects.select_related("organizer").prefetch_related(
        Prefetch("departments", queryset=PlanDepartment.objects.select_related("unit").order_by("unit__code"))
    )


def plan_list_visible_to(*, user: AnyUser) -> QuerySet[Plan]:
    if getattr(user, "is_superuser", False):
        return _plan_queryset().order_by("-period_start", "-pk")
    query = Q(pk__in=[])
    for path in _paths(user, VIEW_ROLES):
        query |= Q(organizer__path__startswith=path) | Q(departments__unit__path__startswith=path)
    ids = Plan.objects.filter(query).values("pk")
    return _plan_queryset().filter(pk__in=ids).order_by("-period_start", "-pk")


def plan_get_for_user(*, user: AnyUser, plan_id: int) -> Plan:
    plan = plan_list_visible_to(user=user).filter(pk=plan_id).first()
    if plan is None:
        raise NotFound("抽查计划不存在或无权访问。", code="spotcheck.plan_not_found")
    return plan


def plan_get_for_planner(*, user: AnyUser, plan_id: int) -> Plan:
    """The plan when the user may commit, draw or publish it; the same NotFound otherwise."""
    plan = plan_list_visible_to(user=user).filter(pk=plan_id).first()
    if plan is None or not user_can_plan_for(user=user, units=[plan.organizer, *plan_department_units(plan=plan)]):
        raise NotFound("抽查计划不存在或无权访问。", code="spotcheck.plan_not_found")
    return plan


def plan_department_units(*, plan: Plan) -> list[OrgUnit]:
    return [department.unit for department in plan.departments.all()]


def plan_list_public() -> QuerySet[Plan]:
    return _plan_queryset().filter(status__in=PUBLIC_STATUSES).order_by("-period_start", "-pk")


def plan_get_public(*, plan_id: int) -> Plan:
    plan = plan_list_public().filter(pk=plan_id).first()
    if plan is None:
        raise NotFound("抽查计划不存在或尚未公布。", code="spotcheck.plan_not_found")
    return plan


def plan_draw(*, plan: Plan) -> Draw | None:
    return Draw.objects.filter(plan=plan).first()


def plan_check_items(*, plan: Plan) -> list[CheckItem]:
    return list(plan.check_items.select_related("owner_unit").order_by("code"))


def samplable_check_items(*, units: Iterable[OrgUnit]) -> list[CheckItem]:
    """Check items a plan for these departments may choose: active, with a legal basis, from each
    department's own list or a list above it (what enforcement accepts when the result is recorded)."""
    query = Q(pk__in=[])
    for unit in units:
        ancestors = [p for p in _ancestor_paths(unit.path)]
        query |= Q(owner_unit__path__in=ancestors)
    return list(
        CheckItem.objects.filter(query, status="active", has_legal_basis=True)
        .select_related("owner_unit")
        .order_by("owner_unit__path", "code")
    )


def _ancestor_paths(path: str) -> list[str]:
    codes = [code for code in path.strip("/").split("/") if code]
    return ["/" + "/".join(codes[: i + 1]) + "/" for i in range(len(codes))]


def check_item_usable_by(*, item: CheckItem, unit: OrgUnit) -> bool:
    return unit.path.startswith(item.owner_unit.path)


# --- the inspector pool (执法检查人员名录库) ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PoolMember:
    officer: Officer
    ok: bool
    reason: str


def inspector_pool(*, unit: OrgUnit, start: date, end: date) -> list[PoolMember]:
    """Active officers of the department (and its sub-units) with a certificate valid for the whole
    period and the department's domains, checked on both ends of the period."""
    officers = Officer.objects.filter(unit__path__startswith=unit.path, is_active=True).select_related("person", "unit")
    members = []
    for officer in officers.order_by("pk"):
        verdict = officer_certificate_validity(officer=officer, on=start, unit=unit)
        if verdict.ok:
            verdict = officer_certificate_validity(officer=officer, on=end, unit=unit)
        members.append(PoolMember(officer, verdict.ok, verdict.reason))
    return members


def conflict_list_for_officers(*, officer_ids: Iterable[int]) -> QuerySet[InspectorConflict]:
    return InspectorConflict.objects.filter(officer_id__in=list(officer_ids)).select_related("entity")


def conflict_list_visible_to(*, user: AnyUser) -> QuerySet[InspectorConflict]:
    query = Q(pk__in=[])
    if getattr(user, "is_superuser", False):
        query = Q()
    for path in _paths(user, VIEW_ROLES):
        query |= Q(officer__unit__path__startswith=path)
    if getattr(user, "person_id", None):
        query |= Q(officer__person_id=user.person_id)
    return InspectorConflict.objects.filter(query).select_related("officer__person", "entity").order_by("-pk")


def user_officer_posts(*, user: AnyUser) -> QuerySet[Officer]:
    """The officer posts of the logged-in person (an officer sees their own tasks through them)."""
    person_id = getattr(user, "person_id", None)
    if not person_id:
        return Officer.objects.none()
    return Officer.objects.filter(person_id=person_id).select_related("unit")


def user_can_manage_officer(*, user: AnyUser, officer: Officer) -> bool:
    """Officers declare their own 回避; unit admins and supervisors over the officer's unit may too."""
    if getattr(user, "is_superuser", False):
        return True
    if getattr(user, "person_id", None) and officer.person_id == user.person_id:
        return True
    return any(officer.unit.path.startswith(p) for p in _paths(user, PLANNER_ROLES))


def officer_get_for_conflict(*, user: AnyUser, officer_id: int) -> Officer:
    officer = Officer.objects.select_related("unit", "person").filter(pk=officer_id).first()
    if officer is None or not user_can_manage_officer(user=user, officer=officer):
        raise NotFound("执法人员不存在或无权访问。", code="officer_not_found")
    return officer


# --- the directory ----------------------------------------------------------------------------------


def entity_get_by_code(*, credit_code: str) -> Entity:
    entity = Entity.objects.filter(credit_code=credit_code.strip().upper()).first()
    if entity is None:
        raise NotFound(f"检查对象“{credit_code}”不在名录库中。", code="spotcheck.entity_not_found")
    return entity


def entity_list(*, query: str = "", risk_class: str = "") -> QuerySet[Entity]:
    entities = Entity.objects.filter(is_active=True)
    if query.strip():
        entities = entities.filter(Q(name__contains=query.strip()) | Q(credit_code__startswith=query.strip().upper()))
    if risk_class:
        entities = entities.filter(risk_class=risk_class)
    return entities.order_by("credit_code")


def entity_count() -> int:
    return Entity.objects.filter(is_active=True).count()


def _scoped_entities(plan: Plan) -> QuerySet[Entity]:
    entities = Entity.objects.filter(is_active=True)
    if plan.scope_area:
        entities = entities.filter(area__startswith=plan.scope_area)
    prefixes = plan_rules.parse_industry_prefixes(plan.scope_industry)
    if prefixes:
        query = Q(pk__in=[])
        for prefix in prefixes:
            query |= Q(industry_code__startswith=prefix)
        entities = entities.filter(query)
    if plan.scope_tag:
        entities = entities.filter(tags__contains=f",{plan.scope_tag},")
    return entities


# --- building the draw input ----------------------------------------------------------------------


@dataclass
class DrawInputBuild:
    draw_input: draw_rules.DrawInput
    pool_problems: dict[str, list[str]] = field(default_factory=dict)  # department code -> reasons


def _recently_inspected(*, actor: AnyUser, units: list[OrgUnit], since: date) -> dict[str, date]:
    """Last inspection day per organisation code by these departments (any origin), as the actor sees them."""
    query = Q(pk__in=[])
    for unit in units:
        query |= Q(unit__path__startswith=unit.path)
    rows = (
        enforcement_selectors.inspection_list_visible_to(user=actor)
        .filter(query, occurred_on__gte=since)
        .values_list("party_code", "occurred_on")
    )
    # Spot-check results are inspections too; read through the task link as well, because the
    # system actor (commands, demo) sees no inspection through enforcement's role-scoped selector.
    own = Task.objects.filter(unit__in=units, inspection__occurred_on__gte=since).values_list(
        "entity__credit_code", "inspection__occurred_on"
    )
    last: dict[str, date] = {}
    for code, occurred_on in [*rows.iterator(chunk_size=10_000), *own.iterator(chunk_size=10_000)]:
        if code not in last or occurred_on > last[code]:
            last[code] = occurred_on
    return last


def _checks_this_year(*, plan: Plan, units: list[OrgUnit]) -> dict[str, int]:
    """Spot-check tasks per entity code and department in the plan's year (other plans), the max over departments."""
    year = plan.period_start.year
    rows = (
        Task.objects.filter(unit__in=units, plan__period_start__year=year)
        .exclude(plan=plan)
        .values_list("entity__credit_code", "unit_id")
        .annotate(n=Count("pk"))
    )
    counts: dict[str, int] = {}
    for code, _unit_id, n in rows.iterator(chunk_size=10_000):
        counts[code] = max(counts.get(code, 0), n)
    return counts


def _previous_inspectors(*, unit: OrgUnit, officer_ids: set[int], plan: Plan) -> dict[int, set[str]]:
    """For each officer: the entities whose latest earlier spot check by this department they took part in."""
    latest: dict[int, tuple[date, int]] = {}  # entity id -> (plan start, task id)
    for entity_id, start, task_id in (
        Task.objects.filter(unit=unit).exclude(plan=plan).values_list("entity_id", "plan__period_start", "pk")
    ).iterator(chunk_size=10_000):
        if entity_id not in latest or (start, task_id) > latest[entity_id]:
            latest[entity_id] = (start, task_id)
    task_ids = [task_id for _start, task_id in latest.values()]
    result: dict[int, set[str]] = {}
    for chunk in _chunks(task_ids, 5000):
        for officer_id, code in TaskInspector.objects.filter(task_id__in=chunk, officer_id__in=officer_ids).values_list(
            "officer_id", "task__entity__credit_code"
        ):
            result.setdefault(officer_id, set()).add(code)
    return result


def _chunks(values: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def plan_draw_input_build(
    *, plan: Plan, actor: AnyUser, today: date, quotas: dict[str, draw_rules.Quota]
) -> DrawInputBuild:
    """Freeze what the draw depends on: the scoped candidates with their exclusions, the inspector
    pools with their 回避 and previous assignments, the quotas and the algorithm version."""
    departments = list(plan.departments.select_related("unit").order_by("unit__code"))
    units = [d.unit for d in departments]
    last = (
        _recently_inspected(actor=actor, units=units, since=today - timedelta(days=plan.exclude_inspected_days))
        if plan.exclude_inspected_days
        else {}
    )
    yearly = _checks_this_year(plan=plan, units=units) if plan.max_checks_per_year else {}
    candidates = []
    rows = _scoped_entities(plan).order_by("credit_code").values_list("credit_code", "risk_class", "abnormal")
    for code, risk_class, abnormal in rows.iterator(chunk_size=20_000):
        candidates.append(
            draw_rules.Candidate(
                key=code,
                risk_class=plan_rules.effective_risk_class(
                    risk_class=risk_class, abnormal=abnormal, abnormal_as_highest=plan.abnormal_as_highest
                ),
                excluded=plan_rules.exclusion_reason(
                    last_inspected_on=last.get(code),
                    checks_this_year=yearly.get(code, 0),
                    today=today,
                    exclude_inspected_days=plan.exclude_inspected_days,
                    max_checks_per_year=plan.max_checks_per_year,
                ),
            )
        )
    # Python's str ordering is the code-point order the specification uses (the database collation may differ).
    candidates.sort(key=lambda c: c.key)
    draw_departments = []
    problems: dict[str, list[str]] = {}
    for department in departments:
        pool = inspector_pool(unit=department.unit, start=plan.period_start, end=plan.period_end)
        eligible = [m.officer.pk for m in pool if m.ok]
        problems[department.unit.code] = [m.reason for m in pool if not m.ok]
        conflicts: dict[int, set[str]] = {}
        for officer_id, code in conflict_list_for_officers(officer_ids=eligible).values_list(
            "officer_id", "entity__credit_code"
        ):
            conflicts.setdefault(officer_id, set()).add(code)
        previous = (
            _previous_inspectors(unit=department.unit, officer_ids=set(eligible), plan=plan)
            if plan.avoid_repeat_inspector
            else {}
        )
        draw_departments.append(
            draw_rules.Department(
                code=department.unit.code,
                team_size=department.team_size,
                inspectors=tuple(
                    draw_rules.Inspector(
                        officer_id,
                        frozenset(conflicts.get(officer_id, ())),
                        frozenset(previous.get(officer_id, ())),
                    )
                    for officer_id in sorted(eligible)
                ),
            )
        )
    draw_input = draw_rules.DrawInput(
        candidates=tuple(candidates),
        quotas=quotas,
        departments=tuple(draw_departments),
        avoid_repeat=plan.avoid_repeat_inspector,
    )
    return DrawInputBuild(draw_input=draw_input, pool_problems=problems)


def draw_input_load(*, draw: Draw) -> tuple[bytes, draw_rules.DrawInput]:
    """The stored canonical input (as published) and its parsed form."""
    raw = zlib.decompress(bytes(draw.input_blob))
    return raw, draw_rules.input_from_data(json.loads(raw))


# --- verification ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VerifyCheck:
    label: str
    ok: bool
    detail: str = ""


@dataclass
class VerifyReport:
    plan_id: int
    ok: bool
    checks: list[VerifyCheck]
    differences: list[draw_rules.Difference]
    entities: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "plan": self.plan_id,
            "ok": self.ok,
            "entities": self.entities,
            "checks": [{"label": c.label, "ok": c.ok, "detail": c.detail} for c in self.checks],
            "differences": [{"entity": d.entity, "expected": d.expected, "actual": d.actual} for d in self.differences],
            "difference_count": len(self.differences),
        }

    def as_public_dict(self) -> dict[str, Any]:
        """The verdict for the public: a difference names an entity, its risk class and inspectors, so
        only their number is given (rules.plans.task_is_public); `fazhi spotcheck verify` lists them."""
        return {**self.as_dict(), "differences": []}


def _tasks_as_result(plan: Plan) -> dict[str, Any]:
    rows: dict[int, dict[str, Any]] = {}
    tasks = (
        Task.objects.filter(plan=plan)
        .select_related("entity", "unit")
        .prefetch_related(Prefetch("inspectors", queryset=TaskInspector.objects.order_by("position")))
        .order_by("position", "unit__code")
    )
    for task in tasks:
        row = rows.setdefault(task.position, {"entity": task.entity.credit_code, "class": task.risk_class, "teams": {}})
        row["teams"][task.unit.code] = [inspector.officer_id for inspector in task.inspectors.all()]
    return {"assignments": [rows[position] for position in sorted(rows)]}


def plan_verify(*, plan: Plan) -> VerifyReport:
    """Replay the draw from the published input and seed; compare with the stored result and the tasks."""
    draw = plan_draw(plan=plan)
    if draw is None or plan.status != PlanStatus.DRAWN:
        return VerifyReport(plan.pk, False, [VerifyCheck("抽取", False, "该计划尚未抽取。")], [])
    checks: list[VerifyCheck] = []
    raw, draw_input = draw_input_load(draw=draw)
    input_ok = draw_rules.digest(raw) == draw.input_hash
    checks.append(VerifyCheck("抽取输入哈希与抽取前公布的一致", input_ok, draw.input_hash))
    seed = draw.seed.encode("utf-8")
    if draw.seed_source == SeedSource.COMMIT_REVEAL:
        seed_ok = draw_rules.seed_hash(seed) == draw.seed_hash
        checks.append(VerifyCheck("公开种子的哈希与抽取前公布的承诺一致", seed_ok, draw.seed_hash))
    else:
        checks.append(VerifyCheck("现场随机源已在抽取前登记", bool(draw.seed and draw.witnesses), draw.witnesses))
    try:
        replay = draw_rules.draw(draw_input, seed=seed)
    except draw_rules.DrawInputError as exc:
        checks.append(VerifyCheck("重放抽取", False, exc.message))
        return VerifyReport(plan.pk, False, checks, [])
    stored = draw_rules.compare(draw.result, replay)
    checks.append(VerifyCheck("重放结果与公布的抽取结果一致", not stored, f"{len(replay.assignments)}户"))
    tasks = draw_rules.compare({"version": replay.version, **_tasks_as_result(plan)}, replay)
    checks.append(VerifyCheck("重放结果与下达的检查任务一致", not tasks, ""))
    ok = all(c.ok for c in checks)
    return VerifyReport(plan.pk, ok, checks, stored or tasks, entities=len(replay.assignments))


# --- tasks ----------------------------------------------------------------------------------------


def _task_queryset() -> QuerySet[Task]:
    return Task.objects.select_related("plan", "entity", "unit", "inspection").prefetch_related(
        Prefetch("inspectors", queryset=TaskInspector.objects.select_related("officer__person").order_by("position"))
    )


def task_list_for_officer(*, user: AnyUser) -> QuerySet[Task]:
    """The tasks the user was drawn for (through their officer posts)."""
    officers = user_officer_posts(user=user).values("pk")
    ids = TaskInspector.objects.filter(officer__in=officers).values("task_id")
    return _task_queryset().filter(pk__in=ids).order_by("status", "plan__period_end", "position")


def task_list_visible_to(*, user: AnyUser) -> QuerySet[Task]:
    if getattr(user, "is_superuser", False):
        return _task_queryset()
    query = Q(
        pk__in=TaskInspector.objects.filter(officer__in=user_officer_posts(user=user).values("pk")).values("task_id")
    )
    for path in _paths(user, PLANNER_ROLES | {Role.OFFICER}):
        query |= Q(unit__path__startswith=path)
    return _task_queryset().filter(query)


def task_get_for_user(*, user: AnyUser, task_id: int) -> Task:
    task = task_list_visible_to(user=user).filter(pk=task_id).first()
    if task is None:
        raise NotFound("抽查任务不存在或无权访问。", code="spotcheck.task_not_found")
    return task


def user_may_record_task(*, user: AnyUser, task: Task) -> bool:
    """Drawn inspectors record the result; so may a unit admin of the department (谁检查、谁录入)."""
    if is_system_actor(user):
        return True
    person_id = getattr(user, "person_id", None)
    if person_id and any(i.officer.person_id == person_id for i in task.inspectors.all()):
        return True
    if getattr(user, "is_superuser", False):
        return True
    return any(task.unit.path.startswith(p) for p in _paths(user, frozenset({Role.UNIT_ADMIN})))


def plan_tasks(*, plan: Plan) -> QuerySet[Task]:
    return _task_queryset().filter(plan=plan).order_by("position", "unit__code")


# --- public results (masked) ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PublicTeam:
    """One department's published check of an entity: no inspectors' names (rules.task_is_public)."""

    department: str
    occurred_on: date
    outcome: str
    findings: str  # masked


@dataclass(frozen=True, slots=True)
class PublicResult:
    """A published entity: its name (a 个体工商户's masked), code and results; no address, no risk class."""

    position: int
    credit_code: str
    name: str
    teams: list[PublicTeam]


@dataclass(frozen=True, slots=True)
class PublicSummary:
    """What the public learns of a plan's draw before and besides the results: counts only."""

    candidates: int  # in the plan's scope of the directory when the input was frozen
    eligible: int  # of those, not excluded (yearly cap, recently inspected)
    drawn: int  # entities drawn (0 before the draw)
    published: int  # entities with at least one published result
    pending: int  # drawn entities without a published result yet (not named)


def _public_statuses() -> list[str]:
    return [status for status in TaskStatus.values if plan_rules.task_is_public(status=status)]


def plan_public_results(*, plan: Plan) -> list[PublicResult]:
    """The published results of a plan, one row per entity (rules.task_is_public: nothing else is shown).

    Personal data masked: a 个体工商户's name when it is a person's, phone and ID numbers in findings.
    """
    grouped: dict[int, PublicResult] = {}
    tasks = Task.objects.filter(plan=plan, status__in=_public_statuses(), inspection__isnull=False).select_related(
        "entity", "unit", "inspection"
    )
    for task in tasks.order_by("position", "unit__code"):
        inspection = task.inspection
        if inspection is None:  # pragma: no cover — filtered out by the query
            continue
        entity = task.entity
        individual = plan_rules.is_individual_business(entity.credit_code)
        result = grouped.get(task.position)
        if result is None:
            name = mask_person_name(entity.name) if individual and len(entity.name) <= 4 else entity.name
            result = PublicResult(position=task.position, credit_code=entity.credit_code, name=name, teams=[])
            grouped[task.position] = result
        result.teams.append(
            PublicTeam(
                department=task.unit.name,
                occurred_on=inspection.occurred_on,
                outcome=InspectionOutcome(inspection.outcome).label,
                findings=mask_text(inspection.findings),
            )
        )
    return [grouped[position] for position in sorted(grouped)]


def plan_public_summary(*, plan: Plan, draw: Draw | None) -> PublicSummary:
    """The counts of `plan`'s public page; `draw` is plan_draw(plan=plan), which the page shows too."""
    rows = list(Task.objects.filter(plan=plan).values_list("position", "status"))
    drawn = {position for position, _status in rows}
    published = {position for position, status in rows if plan_rules.task_is_public(status=status)}
    return PublicSummary(
        candidates=draw.candidate_count if draw else 0,
        eligible=draw.eligible_count if draw else 0,
        drawn=len(drawn),
        published=len(published),
        pending=len(drawn - published),
    )


# --- statistics -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlanStats:
    """Figures of one plan. planned = the quota total at the draw; drawn = entities drawn; tasks =
    entity × department; inspected / problems count tasks; joint share = inspected entities checked by
    two or more departments of the plan / inspected entities."""

    plan_id: int
    name: str
    is_joint: bool
    planned: int
    drawn: int
    tasks: int
    inspected: int
    problems: int
    published: int
    problem_rate: Decimal | None
    joint_share: Decimal | None

    def as_dict(self) -> dict[str, Any]:
        return {name: _plain(getattr(self, name)) for name in self.__slots__}


@dataclass(frozen=True, slots=True)
class DepartmentStats:
    unit_code: str
    unit_name: str
    plans: int
    tasks: int
    inspected: int
    problems: int
    problem_rate: Decimal | None
    joint_share: Decimal | None  # tasks of joint plans / tasks

    def as_dict(self) -> dict[str, Any]:
        return {name: _plain(getattr(self, name)) for name in self.__slots__}


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


PROBLEM_OUTCOMES = frozenset(InspectionOutcome.values) - {InspectionOutcome.COMPLIANT}


def plan_stats(*, plan: Plan) -> PlanStats:
    draw = plan_draw(plan=plan)
    planned = sum((draw.result or {}).get("planned", {}).values()) if draw else 0
    rows = list(Task.objects.filter(plan=plan).values_list("position", "unit_id", "status", "inspection__outcome"))
    inspected_rows = [r for r in rows if r[3] is not None]
    problems = sum(1 for r in inspected_rows if r[3] in PROBLEM_OUTCOMES)
    per_entity: dict[int, int] = {}
    for position, _unit, _status, _outcome in inspected_rows:
        per_entity[position] = per_entity.get(position, 0) + 1
    joint_entities = sum(1 for n in per_entity.values() if n >= 2)
    return PlanStats(
        plan_id=plan.pk,
        name=plan.name,
        is_joint=plan.departments.count() > 1,
        planned=planned,
        drawn=len({r[0] for r in rows}),
        tasks=len(rows),
        inspected=len(inspected_rows),
        problems=problems,
        published=sum(1 for r in rows if r[2] == TaskStatus.PUBLISHED),
        problem_rate=plan_rules.ratio_percent(problems, len(inspected_rows)),
        joint_share=plan_rules.ratio_percent(joint_entities, len(per_entity)),
    )


def department_stats(*, units: Iterable[OrgUnit], start: date, end: date) -> list[DepartmentStats]:
    """Per department, over the plans whose period starts in [start, end] — for the supervision indicators."""
    result = []
    for unit in units:
        tasks = Task.objects.filter(unit=unit, plan__period_start__gte=start, plan__period_start__lte=end)
        joint_plans = set(
            PlanDepartment.objects.values("plan_id")
            .annotate(n=Count("pk"))
            .filter(n__gte=2)
            .values_list("plan_id", flat=True)
        )
        rows = list(tasks.values_list("plan_id", "inspection__outcome"))
        inspected = [r for r in rows if r[1] is not None]
        problems = sum(1 for r in inspected if r[1] in PROBLEM_OUTCOMES)
        result.append(
            DepartmentStats(
                unit_code=unit.code,
                unit_name=unit.name,
                plans=len({r[0] for r in rows}),
                tasks=len(rows),
                inspected=len(inspected),
                problems=problems,
                problem_rate=plan_rules.ratio_percent(problems, len(inspected)),
                joint_share=plan_rules.ratio_percent(sum(1 for r in rows if r[0] in joint_plans), len(rows)),
            )
        )
    return result


def department_stats_visible_to(*, user: AnyUser, start: date, end: date) -> list[DepartmentStats]:
    units = OrgUnit.objects.filter(
        pk__in=PlanDepartment.objects.filter(plan__in=plan_list_visible_to(user=user).values("pk")).values("unit_id")
    ).order_by("code")
    return department_stats(units=units, start=start, end=end)
