"""Bulk imports of inspections and penalty cases (record-once intake from departmental systems).

Designed for millions of rows: rows are validated in memory with preloaded certificates, units,
officers and check items (a few queries per batch, not per row), written with bulk_create in
batches of `batch_size`, each batch in its own transaction with ONE audit row (…_IMPORTED) naming
the first and last id. Invalid rows are skipped and reported (row index, code, message); the valid
rows of the same batch are still written. Imported rows are marked `backfilled`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from itertools import islice
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.deadlines.models import TrackedDeadline
from fazhi.core.deadlines.selectors import deadline_compute
from fazhi.core.errors import DomainError
from fazhi.enforcement import rules, selectors
from fazhi.enforcement.choices import CaseEventType, CaseOutcome, CaseProcedure, CaseStatus
from fazhi.enforcement.models import CaseEvent, Inspection, PenaltyCase
from fazhi.enforcement.services.inspections import require_inspection_choices
from fazhi.orgs import rules as org_rules
from fazhi.orgs.models import Officer, OrgUnit
from fazhi.orgs.selectors import certificate_facts
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
    created: int = 0
    batches: int = 0
    errors: list[RowError] = field(default_factory=list)


def _batches(rows: Iterable[Any], size: int) -> Iterator[list[tuple[int, Any]]]:
    iterator = iter(enumerate(rows, start=1))
    while batch := list(islice(iterator, size)):
        yield batch


class _Context:
    """Per-import caches: units the actor may act for, officers with their certificates, check items."""

    def __init__(self, actor: Any) -> None:
        self.actor = actor
        self.today = timezone.localdate()
        self.units: dict[str, OrgUnit] = {}
        self.unit_domains: dict[int, frozenset[str]] = {}
        self.officers: dict[int, Officer] = {}
        self.certificates: dict[int, list[org_rules.CertificateFacts]] = {}
        self.check_items: dict[str, CheckItem | None] = {}
        self.rule_codes: dict[int, str] = {}
        self.decision_due: dict[tuple[str, date], tuple[date, str, list[str]]] = {}

    def unit(self, code: str) -> OrgUnit:
        if code not in self.units:
            unit = selectors.unit_get_for_action(user=self.actor, code=code, action="edit")
            self.units[code] = unit
            self.unit_domains[unit.pk] = frozenset(unit.domains.values_list("code", flat=True))
        return self.units[code]

    def rule_code(self, unit: OrgUnit) -> str:
        if unit.pk not in self.rule_codes:
            self.rule_codes[unit.pk] = selectors.decision_period_rule_code_for_unit(unit=unit)
        return self.rule_codes[unit.pk]

    def preload(self, officer_ids: Iterable[int], check_codes: Iterable[str]) -> None:
        missing = sorted(set(officer_ids) - set(self.officers))
        for officer in (
            Officer.objects.filter(pk__in=missing)
            .select_related("person", "unit")
            .prefetch_related("certificates__domains", "certificates__events")
        ):
            self.officers[officer.pk] = officer
            self.certificates[officer.pk] = [certificate_facts(certificate=c) for c in officer.certificates.all()]
        codes = sorted(set(check_codes) - set(self.check_items))
        found = {c.code: c for c in CheckItem.objects.filter(code__in=codes).select_related("owner_unit")}
        self.check_items.update({code: found.get(code) for code in codes})

    def verdicts(self, unit: OrgUnit, officer_ids: Sequence[int], on: date) -> list[rules.OfficerVerdict]:
        result = []
        for officer_id in officer_ids:
            officer = self.officers.get(officer_id)
            if officer is None or not officer.unit.path.startswith(unit.path):
                raise DomainError(
                    f"执法人员{officer_id}不存在或不属于{unit.name}。", code="penalty.officer_not_in_unit"
                )
            reasons = []
            ok = False
            for facts in self.certificates[officer_id]:
                verdict = org_rules.certificate_validity(
                    facts=facts, on=on, unit_domain_codes=self.unit_domains[unit.pk]
                )
                ok = ok or verdict.ok
                reasons.append(verdict.reason)
            reason = "" if ok else f"{officer.person.name}：" + ("；".join(reasons) or "未持有行政执法证。")
            result.append(rules.OfficerVerdict(officer_id, officer.person.name, ok, reason))
        return result

    def items(self, unit: OrgUnit, codes: Sequence[str]) -> list[CheckItem]:
        items = []
        for code in codes:
            item = self.check_items.get(code)
            if item is None or not unit.path.startswith(item.owner_unit.path):
                raise DomainError(
                    f"检查事项“{code}”不存在或不属于本单位检查清单。", code="inspection.check_item_unknown"
                )
            items.append(item)
        return items


def inspection_bulk_import(*, actor: Any, rows: Iterable[InspectionRow], batch_size: int = 2000) -> BulkResult:
    """Create many inspections with the same statutory checks as inspection_record (see module docstring).

    Writes per batch: Inspection rows, officer and check-item links, one AuditEvent INSPECTIONS_IMPORTED.
    """
    context = _Context(actor)
    result = BulkResult()
    for batch in _batches(rows, batch_size):
        context.preload((i for _, r in batch for i in r.officer_ids), (c for _, r in batch for c in r.check_item_codes))
        valid: list[tuple[Inspection, list[int], list[CheckItem]]] = []
        for index, row in batch:
            try:
                unit = context.unit(row.unit_code)
                require_inspection_choices(outcome=row.outcome, origin=row.origin)
                if row.occurred_on > context.today:
                    raise DomainError("检查日期不能晚于今天。", code="inspection.future_date")
                code = rules.normalized_party_code(kind=row.party_kind, code=row.party_code, today=context.today)
                rules.require_certified_officers(
                    verdicts=context.verdicts(unit, row.officer_ids, row.occurred_on), act="行政检查"
                )
                items = context.items(unit, row.check_item_codes)
                inspection = Inspection(
                    unit=unit,
                    party_kind=row.party_kind,
                    party_name=rules.require_party_name(row.party_name),
                    party_code=code,
                    party_address=row.party_address,
                    occurred_on=row.occurred_on,
                    recorded_at=row.recorded_at or timezone.now(),
                    findings=row.findings,
                    outcome=row.outcome,
                    origin=row.origin,
                    spot_check_task_id=row.spot_check_task_id,
                    recorded_by=actor,
                    backfilled=True,
                )
                valid.append((inspection, sorted(set(row.officer_ids)), items))
            except DomainError as error:
                result.errors.append(RowError(index, error.code, error.message))
        if valid:
            _write_inspections(actor, valid)
            result.created += len(valid)
            result.batches += 1
    return result


@transaction.atomic(durable=True)
def _write_inspections(actor: Any, valid: list[tuple[Inspection, list[int], list[CheckItem]]]) -> None:
    created = Inspection.objects.bulk_create([inspection for inspection, _, _ in valid])
    officer_link = Inspection.officers.through
    item_link = Inspection.check_items.through
    officer_link.objects.bulk_create(
        [
            officer_link(inspection_id=i.pk, officer_id=o)
            for i, (_, ids, _) in zip(created, valid, strict=True)
            for o in ids
        ]
    )
    item_link.objects.bulk_create(
        [
            item_link(inspection_id=i.pk, checkitem_id=c.pk)
            for i, (_, _, items) in zip(created, valid, strict=True)
            for c in items
        ]
    )
    record_audit(
        actor=actor,
        event_type=AuditEventType.INSPECTIONS_IMPORTED,
        target=created[0],
        reason="批量导入",
        changes={"count": [None, len(created)], "first_id": [None, created[0].pk], "last_id": [None, created[-1].pk]},
    )


def _validate_case_row(context: _Context, row: CaseRow) -> tuple[PenaltyCase, list[int]]:
    unit = context.unit(row.unit_code)
    if row.procedure not in CaseProcedure.values or row.status not in CaseStatus.values:
        raise DomainError("程序或状态无效。", code="penalty.invalid_status")
    if (row.status == CaseStatus.CLOSED) != bool(row.outcome) or (
        row.outcome and row.outcome not in CaseOutcome.values
    ):
        raise DomainError("已结案的案件应当填写结案方式，未结案的不填。", code="penalty.invalid_outcome")
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
    rule_code = context.rule_code(unit)
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
        served_on=row.served_on,
        closed_on=row.closed_on,
        created_by=context.actor,
        backfilled=True,
    )
    return case, sorted(set(row.officer_ids))


PRE_DECISION = {CaseStatus.FILED, *rules.state_machine.PRE_DECISION}


def penalty_case_bulk_import(*, actor: Any, rows: Iterable[CaseRow], batch_size: int = 2000) -> BulkResult:
    """Create many cases (historic or in progress) with the checks that can be made on a record.

    Checked per row: scope, party id, Art. 36 limitation, Art. 9 types, Art. 51 for 简易程序,
    Art. 42 officers certified on 立案, status/outcome consistency. Open ordinary cases before the
    decision get a tracked decision deadline (bulk-created, computed once per filing date).
    Writes per batch: PenaltyCase rows, officer links, CaseEvent IMPORTED rows, TrackedDeadline
    rows, one AuditEvent PENALTY_CASES_IMPORTED.
    """
    context = _Context(actor)
    result = BulkResult()
    for batch in _batches(rows, batch_size):
        context.preload((i for _, r in batch for i in r.officer_ids), ())
        valid = []
        for index, row in batch:
            try:
                valid.append(_validate_case_row(context, row))
            except DomainError as error:
                result.errors.append(RowError(index, error.code, error.message))
        if valid:
            _write_cases(context, valid)
            result.created += len(valid)
            result.batches += 1
    return result


@transaction.atomic(durable=True)
def _write_cases(context: _Context, valid: list[tuple[PenaltyCase, list[int]]]) -> None:
    created = PenaltyCase.objects.bulk_create([case for case, _ in valid])
    link = PenaltyCase.officers.through
    link.objects.bulk_create(
        [link(penaltycase_id=c.pk, officer_id=o) for c, (_, ids) in zip(created, valid, strict=True) for o in ids]
    )
    display = str(context.actor) if context.actor is not None else "系统"
    CaseEvent.objects.bulk_create(
        [
            CaseEvent(
                case=c,
                type=CaseEventType.IMPORTED,
                stage=c.status,
                on=c.filed_on,
                actor=context.actor,
                actor_display=display,
                message="批量导入",
            )
            for c in created
        ]
    )
    content_type = ContentType.objects.get_for_model(PenaltyCase)
    TrackedDeadline.objects.bulk_create(
        [
            TrackedDeadline(
                target_type=content_type,
                target_id=str(c.pk),
                rule_code=c.decision_rule_code,
                start=c.filed_on,
                due=c.decision_due,
                legal_basis=context.decision_due[(c.decision_rule_code, c.filed_on)][1],
                steps=context.decision_due[(c.decision_rule_code, c.filed_on)][2],
            )
            for c in created
            if c.procedure == CaseProcedure.ORDINARY and c.status in PRE_DECISION and c.decision_due
        ]
    )
    record_audit(
        actor=context.actor,
        event_type=AuditEventType.PENALTY_CASES_IMPORTED,
        target=created[0],
        reason="批量导入",
        changes={"count": [None, len(created)], "first_id": [None, created[0].pk], "last_id": [None, created[-1].pk]},
    )
