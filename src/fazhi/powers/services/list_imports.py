"""Writes of the list imports: a validated 权责清单 or 检查清单 file, all or nothing, and its ListImport log row.

The rows are written through the power-item and check-item services; the in-force spans once per file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.errors import DomainError
from fazhi.orgs.models import OrgUnit
from fazhi.powers import rules
from fazhi.powers.choices import ItemStatus, ListKind
from fazhi.powers.models import CheckItem, ListImport, PowerItem
from fazhi.powers.selectors import check_items_by_code, power_items_by_code
from fazhi.powers.services._common import Actor, BasisResolver
from fazhi.powers.services.check_items import check_item_create, check_item_update
from fazhi.powers.services.in_force_spans import SpanDeltas, in_force_spans_add
from fazhi.powers.services.power_items import power_item_create, power_item_update


class ImportRowRefused(DomainError):
    """A row that passed the importer's checks but was refused while writing; rolls back the file."""

    def __init__(self, row: int, error: DomainError) -> None:
        super().__init__(error.message, code=error.code, fields=error.fields)
        self.row = row


@dataclass(frozen=True, slots=True)
class PowerItemRow:
    """One validated row of a 权责清单 file. `status` None: the file has no 状态 column."""

    row: int
    code: str
    name: str
    category: str
    owner_unit: OrgUnit
    basis_text: str
    status: str | None = None


@dataclass(frozen=True, slots=True)
class CheckItemRow:
    """One validated row of a 检查清单 file."""

    row: int
    code: str
    name: str
    owner_unit: OrgUnit
    power_items: tuple[PowerItem, ...]
    basis_text: str
    check_method: str


@dataclass
class ImportOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    unresolved_citations: list[str] = field(default_factory=list)
    without_basis: int = 0
    list_import: ListImport | None = None


def _power_row_differs(item: PowerItem, row: PowerItemRow) -> bool:
    return (
        item.name != row.name
        or item.category != row.category
        or item.owner_unit_id != row.owner_unit.pk
        or item.basis_text != row.basis_text
        or (row.status is not None and item.status != row.status)
    )


def _check_row_differs(item: CheckItem, row: CheckItemRow) -> bool:
    return (
        item.name != row.name
        or item.owner_unit_id != row.owner_unit.pk
        or item.basis_text != row.basis_text
        or item.check_method != row.check_method
        or {p.pk for p in item.power_items.all()} != {p.pk for p in row.power_items}
    )


def _record_import(
    *, actor: Actor, kind: str, filename: str, checksum: str, rows: int, outcome: ImportOutcome, reason: str
) -> ListImport:
    list_import = ListImport.objects.create(
        kind=kind,
        filename=filename[:255],
        checksum=checksum,
        row_count=rows,
        created=outcome.created,
        updated=outcome.updated,
        unchanged=outcome.unchanged,
        imported_at=timezone.now(),
        imported_by=actor,
    )
    record_audit(
        actor=actor,
        event_type=AuditEventType.POWER_LIST_IMPORTED,
        target=list_import,
        reason=reason,
        changes={
            "kind": [None, kind],
            "filename": [None, list_import.filename],
            "checksum": [None, checksum],
            "created": [None, outcome.created],
            "updated": [None, outcome.updated],
            "unchanged": [None, outcome.unchanged],
        },
    )
    return list_import


@transaction.atomic
def power_items_import(
    *,
    actor: Actor,
    rows: Sequence[PowerItemRow],
    filename: str,
    checksum: str,
    dry_run: bool = False,
    reason: str = "",
) -> ImportOutcome:
    """Create or update the power items of validated rows, keyed on the code; all or nothing.

    Identical rows are left alone, so importing the same file twice changes nothing but the import log.
    With `dry_run` nothing is written. A row refused while writing raises ImportRowRefused, and
    the whole file rolls back.
    Writes: PowerItem (+ POWER_ITEM_CREATED/UPDATED per changed row), OwnerInForceSpan (once for the
    file), ListImport + POWER_LIST_IMPORTED.
    """
    outcome = ImportOutcome()
    resolver = BasisResolver()
    existing = power_items_by_code(codes=[row.code for row in rows])
    reason = reason or f"导入权责清单：{filename}"
    deltas: SpanDeltas = Counter()  # the in-force spans, applied once for the file
    for row in rows:
        current = existing.get(row.code)
        if current is not None and not _power_row_differs(current, row):
            outcome.unchanged += 1
            continue
        articles, unresolved = resolver.resolve(row.basis_text)
        outcome.unresolved_citations.extend(c for c in unresolved if c not in outcome.unresolved_citations)
        if current is None:
            outcome.created += 1
        else:
            outcome.updated += 1
        if dry_run:
            continue
        try:
            if current is None:
                power_item_create(
                    actor=actor,
                    code=row.code,
                    name=row.name,
                    category=row.category,
                    owner_unit=row.owner_unit,
                    basis_text=row.basis_text,
                    legal_articles=articles,
                    status=row.status or ItemStatus.ACTIVE,
                    reason=reason,
                    span_deltas=deltas,
                )
            else:
                power_item_update(
                    actor=actor,
                    item=current,
                    name=row.name,
                    category=row.category,
                    owner_unit=row.owner_unit,
                    basis_text=row.basis_text,
                    legal_articles=articles if row.basis_text != current.basis_text else None,
                    status=row.status,
                    reason=reason,
                    span_deltas=deltas,
                )
        except DomainError as exc:
            raise ImportRowRefused(row.row, exc) from exc
    if not dry_run:
        in_force_spans_add(deltas)
        outcome.list_import = _record_import(
            actor=actor,
            kind=ListKind.POWERS,
            filename=filename,
            checksum=checksum,
            rows=len(rows),
            outcome=outcome,
            reason=reason,
        )
    return outcome


@transaction.atomic
def check_items_import(
    *,
    actor: Actor,
    rows: Sequence[CheckItemRow],
    filename: str,
    checksum: str,
    dry_run: bool = False,
    reason: str = "",
) -> ImportOutcome:
    """Create or update the check items of validated rows, keyed on the code; all or nothing.

    Items without a 检查依据 are imported and flagged (has_legal_basis False); they cannot be sampled.
    Writes: CheckItem (+ CHECK_ITEM_CREATED/UPDATED per changed row), ListImport + POWER_LIST_IMPORTED.
    """
    outcome = ImportOutcome()
    resolver = BasisResolver()
    existing = check_items_by_code(codes=[row.code for row in rows])
    reason = reason or f"导入检查清单：{filename}"
    for row in rows:
        if not rules.basis_is_stated(row.basis_text):
            outcome.without_basis += 1
        current = existing.get(row.code)
        if current is not None and not _check_row_differs(current, row):
            outcome.unchanged += 1
            continue
        articles, unresolved = resolver.resolve(row.basis_text)
        outcome.unresolved_citations.extend(c for c in unresolved if c not in outcome.unresolved_citations)
        if current is None:
            outcome.created += 1
        else:
            outcome.updated += 1
        if dry_run:
            continue
        try:
            if current is None:
                check_item_create(
                    actor=actor,
                    code=row.code,
                    name=row.name,
                    owner_unit=row.owner_unit,
                    power_items=row.power_items,
                    check_method=row.check_method,
                    basis_text=row.basis_text,
                    legal_articles=articles,
                    reason=reason,
                )
            else:
                check_item_update(
                    actor=actor,
                    item=current,
                    name=row.name,
                    owner_unit=row.owner_unit,
                    power_items=row.power_items,
                    check_method=row.check_method,
                    basis_text=row.basis_text,
                    legal_articles=articles if row.basis_text != current.basis_text else None,
                    reason=reason,
                )
        except DomainError as exc:
            raise ImportRowRefused(row.row, exc) from exc
    if not dry_run:
        outcome.list_import = _record_import(
            actor=actor,
            kind=ListKind.CHECK_ITEMS,
            filename=filename,
            checksum=checksum,
            rows=len(rows),
            outcome=outcome,
            reason=reason,
        )
    return outcome
