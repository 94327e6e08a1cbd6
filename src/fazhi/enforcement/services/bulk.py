"""Bulk imports of inspections and penalty cases (record-once intake from departmental systems).

All-or-nothing per file (per call): pass 1 validates EVERY row in memory with preloaded
certificates, units, officers and check items (a few queries per chunk, verdicts cached per
officer, unit and date) and collects every bad row (row number counted from 1, code, message).
If any row is bad, NOTHING is written and the result lists all errors. Otherwise pass 2 writes
the rows with bulk_create in batches of `batch_size` inside ONE durable transaction (a failure in
any batch rolls back the whole file), with ONE audit row per batch (…_IMPORTED) whose changes name
the batch's count and first and last id; the ids of a batch are contiguous in practice but the
audit row states the range, not a promise. Imported rows are marked `backfilled`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from itertools import islice
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, router, transaction
from django.utils import timezone

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.deadlines.models import TrackedDeadline
from fazhi.core.deadlines.selectors import deadline_compute
from fazhi.core.errors import DomainError
from fazhi.enforcement import rules, selectors
from fazhi.enforcement.choices import CaseEventType, CaseOutcome, CaseProcedure, CaseStatus
from fazhi.enforcement.models import CaseEvent, Inspection, PenaltyCase
from fazhi.enforcement.rules.common import (
    CHECK_ITEM_LISTED,
    OFFICER_IN_UNIT,
    VALID_CHOICE,
    refuse_check,
    require_act_dated,
)
from fazhi.enforcement.services.inspections import require_inspection_choices
from fazhi.orgs import rules as org_rules
from fazhi.orgs.models import Officer, OrgUnit
from fazhi.orgs.selectors import certificate_facts_by_officer
from fazhi.powers.models import CheckItem


@dataclass(frozen=True, slots=True)
class InspectionRow:
    unit_code: str
    party_kind: str
    party_name: str
    party_code: str
    occurred_on: date
    officer_ids: tuple[int, ...]
    outcome: str
    origin: str
    party_address: str = ""
    check_item_codes: tuple[str, ...] = ()
    findings: str = ""
    spot_check_task_id: int | None = None
    recorded_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class CaseRow:
    """A case as the source system holds it now (any status); closed rows carry their outcome."""

    unit_code: str
    procedure: str
    status: str
    cause: str
    party_kind: str
    party_name: str
    party_code: str
    violation_ended_on: date
    discovered_on: date
    filed_on: date
    officer_ids: tuple[int, ...]
    number: str = ""
    party_address: str = ""
    facts: str = ""
    outcome: str = ""
    life_health_or_finance_with_harm: bool = False
    decision_number: str = ""
    decided_on: date | None = None
    penalty_types: tuple[str, ...] = ()
    fine_amount: Decimal = Decimal(0)
    served_on: date | None = None
    closed_on: date | None = None


@dataclass(frozen=True, slots=True)
class RowError:
    row: int
    code: str
    message: str


@dataclass
class BulkResult:
    """created/batches are 0 whenever errors is not empty (nothing was written)."""

    created: int = 0
    batches: int = 0
    errors: list[RowError] = field(default_factory=list)
    first_id: int | None = None
    last_id: int | None = None


def _batches(rows: Iterable[Any], size: int) -> Iterator[list[tuple[int, Any]]]:
    iterator = iter(enumerate(rows, start=1))
    while batch := list(islice(iterator, size)):
        yield batch


class _Context:
    """Per-import caches: units the actor may act for, officers with their certificates, check items, verdicts."""

    def __init__(self, actor: Any) -> None:
        self.actor = actor
        self.today = timezone.localdate()
        self.units: dict[str, OrgUnit] = {}
        self.unit_domains: dict[int, frozenset[str]] = {}
        self.officers: dict[int, Officer] = {}
        self.certificates: dict[int, list[org_rules.CertificateFacts]] = {}
        self.check_items: dict[str, CheckItem | None] = {}
        self.rule_codes: dict[tuple[int, date], str] = {}
        self.decision_due: dict[tuple[str, date], tuple[date, str, list[str]]] = {}
        self.verdict_cache: dict[tuple[int, int, date], rules.OfficerVerdict] = {}

    def unit(self, code: str) -> OrgUnit:
        if code not in self.units:
            unit = selectors.unit_get_for_action(user=self.actor, code=code, action="edit")
            self.units[code] = unit
            self.unit_domains[unit.pk] = frozenset(unit.domains.values_list("code", flat=True))
        return self.units[code]

    def rule_code(self, unit: OrgUnit, on: date) -> str:
        key = (unit.pk, on)
        if key not in self.rule_codes:
            self.rule_codes[key] = selectors.decision_period_rule_code_for_unit(unit=unit, on=on)
        return self.rule_codes[key]

    def preload(self, officer_ids: Iterable[int], check_codes: Iterable[str]) -> None:
        missing = sorted(set(officer_ids) - set(self.officers))
        if missing:
            facts = certificate_facts_by_officer(officer_ids=missing)
            for officer in Officer.objects.filter(pk__in=missing).select_related("person", "unit"):
                self.officers[officer.pk] = officer
                self.certificates[officer.pk] = facts.get(officer.pk, [])
        codes = sorted(set(check_codes) - set(self.check_items))
        if codes:
            found = {c.code: c for c in CheckItem.objects.filter(code__in=codes).select_related("owner_unit")}
            self.check_items.update({code: found.get(code) for code in codes})

    def verdict(self, unit: OrgUnit, officer_id: int, on: date) -> rules.OfficerVerdict:
        key = (officer_id, unit.pk, on)
        cached = self.verdict_cache.get(key)
        if cached is not None:
            return cached
        officer = self.officers.get(officer_id)
        if officer is None or not officer.unit.path.startswith(unit.path):
            raise refuse_check(
                f"执法人员{officer_id}不存在或不属于{unit.name}",
                code="penalty.officer_not_in_unit",
                rule=OFFICER_IN_UNIT,
                article="第四十二条",
            )
        reasons = []
        ok = False
        for facts in self.certificates[officer_id]:
            verdict = org_rules.certificate_validity(facts=facts, on=on, unit_domain_codes=self.unit_domains[unit.pk])
            ok = ok or verdict.ok
            reasons.append(verdict.reason)
        reason = "" if ok else f"{officer.person.name}：" + ("；".join(reasons) or "未持有行政执法证。")
        result = rules.OfficerVerdict(officer_id, officer.person.name, ok, reason)
        self.verdict_cache[key] = result
        return result

    def verdicts(self, unit: OrgUnit, officer_ids: Sequence[int], on: date) -> list[rules.OfficerVerdict]:
        return [self.verdict(unit, officer_id, on) for officer_id in officer_ids]

    def items(self, unit: OrgUnit, codes: Sequence[str]) -> list[CheckItem]:
        items = []
        for code in codes:
            item = self.check_items.get(code)
            if item is None or not unit.path.startswith(item.owner_unit.path):
                raise refuse_check(
                    f"检查事项“{code}”不存在或不属于本单位检查清单",
                    code="inspection.check_item_unknown",
                    rule=CHECK_ITEM_LISTED,
                )
            items.append(item)
        return items


# --- the write path: one multi-row COPY (PostgreSQL) or executemany (SQLite) per table and batch ----------
#
# Django's bulk_create spends most of its time compiling each value (measured: ~90 % of the write on
# 30,000 inspections). The import already validated every row, so the writer sends plain tuples:
# ids are allocated up front (PostgreSQL: nextval of the table's identity sequence; SQLite: after
# MAX(id), safe because the IMMEDIATE write transaction is held), then COPY FROM STDIN or
# executemany. Model defaults come from one template instance per model.


class _Table:
    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.names = [f.attname for f in self.fields]
        template = model()
        now = timezone.now()
        self.defaults = {}
        for f in self.fields:
            value = getattr(template, f.attname)
            if isinstance(f, models.DateTimeField) and value is None and (f.auto_now or f.auto_now_add):
                value = now
            self.defaults[f.attname] = value
        self.json = {f.attname for f in self.fields if isinstance(f, models.JSONField)}
        self.datetimes = {f.attname for f in self.fields if isinstance(f, models.DateTimeField)}

    def tuples(self, rows: Iterable[dict[str, Any]]) -> list[tuple[Any, ...]]:
        names, defaults = self.names, self.defaults
        return [tuple(row.get(name, defaults[name]) for name in names) for row in rows]


def _insert(table: _Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert `rows` (attname → value; missing names take the model default) and return their new ids in order."""
    if not rows:
        return []
    connection = connections[router.db_for_write(table.model)]
    db_table = connection.ops.quote_name(table.model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(name) for name in ["id", *table.names])
    values = table.tuples(rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from psycopg.types.json import Jsonb

            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table.model._meta.db_table, len(values)],
            )
            ids = [row[0] for row in cursor.fetchall()]
            json_at = [i for i, name in enumerate(table.names) if name in table.json]
            with cursor.cursor.copy(f"COPY {db_table} ({columns}) FROM STDIN") as copy:
                for pk, row in zip(ids, values, strict=True):
                    if json_at:
                        row = tuple(Jsonb(v) if i in json_at else v for i, v in enumerate(row))
                    copy.write_row((pk, *row))
        else:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {db_table}")  # noqa: S608 — quoted names from model meta, values bound
            first = cursor.fetchone()[0] + 1
            ids = list(range(first, first + len(values)))
            adapt = [
                (i, json.dumps if name in table.json else connection.ops.adapt_datetimefield_value)
                for i, name in enumerate(table.names)
                if name in table.json or name in table.datetimes
            ]
            if adapt:
                converted = []
                for row in values:
                    row_list = list(row)
                    for i, function in adapt:
                        if row_list[i] is not None:
                            row_list[i] = function(row_list[i])
                    converted.append(tuple(row_list))
                values = converted
            marks = ", ".join(["%s"] * (len(table.names) + 1))
            cursor.executemany(
                f"INSERT INTO {db_table} ({columns}) VALUES ({marks})",  # noqa: S608 — quoted names from model meta, values bound
                [(pk, *row) for pk, row in zip(ids, values, strict=True)],
            )
    return ids


# --- inspections -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _ValidInspection:
    row: InspectionRow
    unit: OrgUnit
    party_name: str
    party_code: str
    officer_ids: list[int]
    items: list[CheckItem]


def _validate_inspection_row(context: _Context, row: InspectionRow) -> _ValidInspection:
    unit = context.unit(row.unit_code)
    require_inspection_choices(outcome=row.outcome, origin=row.origin)
    # the same check as inspection_record (services._common.require_act_date), with the import's "today"
    require_act_dated(
        day=row.occurred_on, today=context.today, field="occurred_on", label="检查日期", code_prefix="inspection"
    )
    code = rules.normalized_party_code(kind=row.party_kind, code=row.party_code, today=context.today)
    rules.require_certified_officers(verdicts=context.verdicts(unit, row.officer_ids, row.occurred_on), act="行政检查")
    items = context.items(unit, row.check_item_codes)
    name = rules.require_party_name(row.party_name)
    return _ValidInspection(row, unit, name, code, sorted(set(row.officer_ids)), items)


def inspection_bulk_import(*, actor: Any, rows: Iterable[InspectionRow], batch_size: int = 2000) -> BulkResult:
    """Create many inspections with the same statutory checks as inspection_record; all or nothing.

    Checked per row: scope (the actor may edit the unit), outcome/origin, date not in the future,
    the party identifier (GB 32100 / GB 11643), two officers certified on the day (Art. 42, 55),
    check items from the unit's lists. Any bad row: nothing is written, every error is returned.
    Writes (one transaction): Inspection rows, officer and check-item links, one AuditEvent
    INSPECTIONS_IMPORTED per batch (count, first_id, last_id).
    """
    context = _Context(actor)
    result = BulkResult()
    valid: list[_ValidInspection] = []
    for chunk in _batches(rows, batch_size):
        context.preload((i for _, r in chunk for i in r.officer_ids), (c for _, r in chunk for c in r.check_item_codes))
        for index, row in chunk:
            try:
                valid.append(_validate_inspection_row(context, row))
            except DomainError as error:
                result.errors.append(RowError(index, error.code, error.message))
    if result.errors or not valid:
        return result
    _write_inspections(actor, valid, batch_size, result)
    return result


@transaction.atomic(durable=True)
def _write_inspections(actor: Any, valid: list[_ValidInspection], batch_size: int, result: BulkResult) -> None:
    inspections = _Table(Inspection)
    officer_links = _Table(Inspection.officers.through)
    item_links = _Table(Inspection.check_items.through)
    now = timezone.now()
    actor_id = getattr(actor, "pk", None)
    for offset in range(0, len(valid), batch_size):
        batch = valid[offset : offset + batch_size]
        ids = _insert(
            inspections,
            [
                {
                    "unit_id": v.unit.pk, "party_kind": v.row.party_kind, "party_name": v.party_name,
                    "party_code": v.party_code, "party_address": v.row.party_address, "occurred_on": v.row.occurred_on,
                    "recorded_at": v.row.recorded_at or now, "findings": v.row.findings, "outcome": v.row.outcome,
                    "origin": v.row.origin, "spot_check_task_id": v.row.spot_check_task_id,
                    "recorded_by_id": actor_id, "backfilled": True, "created_at": now, "updated_at": now,
                }
                for v in batch
            ],
        )  # fmt: skip
        _insert(
            officer_links,
            [{"inspection_id": pk, "officer_id": o} for pk, v in zip(ids, batch, strict=True) for o in v.officer_ids],
        )
        _insert(
            item_links,
            [{"inspection_id": pk, "checkitem_id": c.pk} for pk, v in zip(ids, batch, strict=True) for c in v.items],
        )
        first = Inspection.objects.get(pk=ids[0])
        _audit_batch(actor, AuditEventType.INSPECTIONS_IMPORTED, first, ids, result)


def _audit_batch(actor: Any, event_type: AuditEventType, first: Any, ids: Sequence[int], result: BulkResult) -> None:
    low, high = min(ids), max(ids)
    record_audit(
        actor=actor,
        event_type=event_type,
        target=first,
        reason=f"批量导入（第{result.batches + 1}批）",
        changes={"count": [None, len(ids)], "first_id": [None, low], "last_id": [None, high]},
    )
    result.created += len(ids)
    result.batches += 1
    result.first_id = low if result.first_id is None else min(result.first_id, low)
    result.last_id = high if result.last_id is None else max(result.last_id, high)


# --- penalty cases -----------------------------------------------------------------------------------


def _require_case_dates(row: CaseRow, *, today: date) -> None:
    """The case's dates as the services check them one step at a time (services._common.require_act_date),
    with the import's "today": none in the future, each step not before the one it follows
    (发现 → 立案 → 决定 → 送达; 结案 not before 立案)."""
    steps = (
        (row.discovered_on, "discovered_on", "发现日期", None),
        (row.filed_on, "filed_on", "立案日期", row.discovered_on),
        (row.decided_on, "decided_on", "决定日期", row.filed_on),
        (row.served_on, "served_on", "送达日期", row.decided_on or row.filed_on),
        (row.closed_on, "closed_on", "结案日期", row.filed_on),
    )
    for day, name, label, earliest in steps:
        if day is not None:
            require_act_dated(day=day, today=today, field=name, label=label, earliest=earliest)


def _validate_case_row(context: _Context, row: CaseRow) -> tuple[PenaltyCase, list[int]]:
    unit = context.unit(row.unit_code)
    if row.procedure not in CaseProcedure.values or row.status not in CaseStatus.values:
        raise refuse_check("程序或状态无效", code="penalty.invalid_status", rule=VALID_CHOICE)
    if (row.status == CaseStatus.CLOSED) != bool(row.outcome) or (
        row.outcome and row.outcome not in CaseOutcome.values
    ):
        raise refuse_check(
            "已结案的案件应当填写结案方式，未结案的不填",
            code="penalty.invalid_outcome",
            rule="结案方式与案件状态一致",
            article="第四十七条",
        )
    _require_case_dates(row, today=context.today)
    code = rules.normalized_party_code(kind=row.party_kind, code=row.party_code, today=context.today)
    rules.require_within_limitation(
        violation_ended_on=row.violation_ended_on,
        discovered_on=row.discovered_on,
        life_health_or_finance_with_harm=row.life_health_or_finance_with_harm,
    )
    fine = Decimal(row.fine_amount)
    if row.penalty_types:
        rules.require_penalty_types(row.penalty_types)
        rules.require_fine_consistent(types=row.penalty_types, fine=fine)
    if row.procedure == CaseProcedure.SIMPLIFIED:
        rules.require_simplified_procedure_allowed(party_kind=row.party_kind, types=row.penalty_types, fine=fine)
    rules.require_certified_officers(verdicts=context.verdicts(unit, row.officer_ids, row.filed_on), act="立案调查")
    rule_code = context.rule_code(unit, row.filed_on)
    decision_due = None
    if row.procedure == CaseProcedure.ORDINARY:
        key = (rule_code, row.filed_on)
        if key not in context.decision_due:
            computed = deadline_compute(rule_code=rule_code, start=row.filed_on)
            context.decision_due[key] = (computed.due, computed.legal_basis, list(computed.steps))
        decision_due = context.decision_due[key][0]
    case = PenaltyCase(
        number=row.number,
        unit=unit,
        procedure=row.procedure,
        status=row.status,
        outcome=row.outcome,
        cause=row.cause,
        party_kind=row.party_kind,
        party_name=rules.require_party_name(row.party_name),
        party_code=code,
        party_address=row.party_address,
        violation_ended_on=row.violation_ended_on,
        discovered_on=row.discovered_on,
        filed_on=row.filed_on,
        life_health_or_finance_with_harm=row.life_health_or_finance_with_harm,
        facts=row.facts,
        decision_rule_code=rule_code,
        decision_due=decision_due,
        decision_number=row.decision_number,
        decided_on=row.decided_on,
        penalty_types=list(row.penalty_types),
        fine_amount=fine,
        decided_penalty_types=list(row.penalty_types),
        decided_fine_amount=fine,
        served_on=row.served_on,
        closed_on=row.closed_on,
        created_by=context.actor,
        backfilled=True,
    )
    return case, sorted(set(row.officer_ids))


PRE_DECISION = {CaseStatus.FILED, *rules.state_machine.PRE_DECISION}


def penalty_case_bulk_import(*, actor: Any, rows: Iterable[CaseRow], batch_size: int = 2000) -> BulkResult:
    """Create many cases (historic or in progress) with the checks that can be made on a record; all or nothing.

    Checked per row: scope, party id, Art. 36 limitation, Art. 9 types, Art. 51 for 简易程序,
    Art. 42 officers certified on 立案, status/outcome consistency. Open ordinary cases before the
    decision get a tracked decision deadline (the sector's rule in force on the filing date,
    computed once per rule and date). Any bad row: nothing is written, every error is returned.
    Writes (one transaction): PenaltyCase rows, officer links, CaseEvent IMPORTED rows,
    TrackedDeadline rows, one AuditEvent PENALTY_CASES_IMPORTED per batch (count, first_id, last_id).
    """
    context = _Context(actor)
    result = BulkResult()
    valid: list[tuple[PenaltyCase, list[int]]] = []
    for chunk in _batches(rows, batch_size):
        context.preload((i for _, r in chunk for i in r.officer_ids), ())
        for index, row in chunk:
            try:
                valid.append(_validate_case_row(context, row))
            except DomainError as error:
                result.errors.append(RowError(index, error.code, error.message))
    if result.errors or not valid:
        return result
    _write_cases(context, valid, batch_size, result)
    return result


@transaction.atomic(durable=True)
def _write_cases(
    context: _Context, valid: list[tuple[PenaltyCase, list[int]]], batch_size: int, result: BulkResult
) -> None:
    cases, links, events, deadlines = (
        _Table(PenaltyCase), _Table(PenaltyCase.officers.through), _Table(CaseEvent), _Table(TrackedDeadline),
    )  # fmt: skip
    display = str(context.actor) if context.actor is not None else "系统"
    actor_id = getattr(context.actor, "pk", None)
    content_type_id = ContentType.objects.get_for_model(PenaltyCase).pk
    now = timezone.now()
    names = cases.names
    for offset in range(0, len(valid), batch_size):
        batch = valid[offset : offset + batch_size]
        rows = []
        for case, _ in batch:
            row = {name: getattr(case, name) for name in names}
            row["created_at"] = row["updated_at"] = now
            rows.append(row)
        ids = _insert(cases, rows)
        _insert(links, [{"penaltycase_id": pk, "officer_id": o} for pk, (_, o_ids) in zip(ids, batch, strict=True)
                        for o in o_ids])  # fmt: skip
        _insert(
            events,
            [
                {"case_id": pk, "type": CaseEventType.IMPORTED, "stage": case.status, "occurred_at": now,
                 "on": case.filed_on, "actor_id": actor_id, "actor_display": display, "message": "批量导入",
                 "parameters": {}}
                for pk, (case, _) in zip(ids, batch, strict=True)
            ],
        )  # fmt: skip
        _insert(
            deadlines,
            [
                {
                    "target_type_id": content_type_id, "target_id": str(pk), "rule_code": case.decision_rule_code,
                    "start": case.filed_on, "due": case.decision_due,
                    "legal_basis": context.decision_due[(case.decision_rule_code, case.filed_on)][1],
                    "steps": context.decision_due[(case.decision_rule_code, case.filed_on)][2],
                    "created_at": now, "updated_at": now,
                }
                for pk, (case, _) in zip(ids, batch, strict=True)
                if case.procedure == CaseProcedure.ORDINARY and case.status in PRE_DECISION and case.decision_due
            ],
        )  # fmt: skip
        _audit_batch(
            context.actor, AuditEventType.PENALTY_CASES_IMPORTED, PenaltyCase.objects.get(pk=ids[0]), ids, result
        )
