"""Writes of the entity directory (检查对象名录库) and of 回避 declarations."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.db import transaction

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.errors import Conflict, DomainError
from fazhi.orgs.models import Officer
from fazhi.spotchecks.models import DirectoryImport, Entity, InspectorConflict

BATCH = 2000
FIELDS = ("name", "address", "industry_code", "area", "risk_class", "abnormal", "tags")


@dataclass(frozen=True, slots=True)
class EntityRow:
    """One checked directory row (see importers.parse_row)."""

    row: int
    credit_code: str
    name: str
    address: str
    industry_code: str
    area: str
    risk_class: str
    abnormal: bool
    tags: str  # ",a,b," or ""


@dataclass(frozen=True, slots=True)
class DirectoryWriteResult:
    created: int
    updated: int
    unchanged: int
    record: DirectoryImport | None


def _batches(rows: Iterable[EntityRow]) -> Iterator[list[EntityRow]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, BATCH)):
        yield batch


@transaction.atomic(durable=True)
def entity_directory_write(
    *, actor: Any, rows: Callable[[], Iterable[EntityRow]], source: str, sha256: str, dry_run: bool = False
) -> DirectoryWriteResult:
    """Create or update directory entities by credit code, in batches, all in one transaction.

    The rows were checked by the importer. Re-importing the same file changes nothing (idempotent).
    Writes: Entity (bulk), DirectoryImport, AuditEvent SPOTCHECK_ENTITIES_IMPORTED (one per file).
    """
    created = updated = unchanged = 0
    for batch in _batches(rows()):
        existing = {
            e.credit_code: e
            for e in Entity.objects.filter(credit_code__in=[r.credit_code for r in batch]).only(
                "pk", "credit_code", *FIELDS
            )
        }
        new: list[Entity] = []
        changed: list[Entity] = []
        for row in batch:
            entity = existing.get(row.credit_code)
            values = {name: getattr(row, name) for name in FIELDS}
            if entity is None:
                new.append(Entity(credit_code=row.credit_code, **values))
            elif any(getattr(entity, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(entity, name, value)
                changed.append(entity)
            else:
                unchanged += 1
        created += len(new)
        updated += len(changed)
        if not dry_run:
            Entity.objects.bulk_create(new, batch_size=500)
            if changed:
                Entity.objects.bulk_update(changed, [*FIELDS, "updated_at"], batch_size=500)
    if dry_run:
        return DirectoryWriteResult(created, updated, unchanged, None)
    record = DirectoryImport.objects.create(
        source=source[:255], sha256=sha256, created=created, updated=updated, unchanged=unchanged, imported_by=actor
    )
    record_audit(
        actor=actor,
        event_type=AuditEventType.SPOTCHECK_ENTITIES_IMPORTED,
        target=record,
        reason=f"导入检查对象名录：{source}",
        changes={
            "created": [None, created],
            "updated": [None, updated],
            "unchanged": [None, unchanged],
            "sha256": [None, sha256],
        },
    )
    return DirectoryWriteResult(created, updated, unchanged, record)


@transaction.atomic
def conflict_declare(*, actor: Any, officer: Officer, entity: Entity, reason: str) -> InspectorConflict:
    """Record an officer's conflict of interest (回避) with an entity; later draws never pair them.

    Legal basis: 《中华人民共和国行政处罚法》第四十三条："执法人员与案件有直接利害关系或者有其他关系可能影响公正
    执法的，应当回避。"
    Writes: InspectorConflict, AuditEvent SPOTCHECK_CONFLICT_DECLARED.
    """
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请填写回避事由。", code="spotcheck.conflict_reason_required", fields={"reason": ["必填。"]})
    if InspectorConflict.objects.filter(officer=officer, entity=entity).exists():
        raise Conflict("该回避声明已登记。", code="spotcheck.conflict_exists")
    conflict = InspectorConflict.objects.create(officer=officer, entity=entity, reason=reason[:200], declared_by=actor)
    record_audit(
        actor=actor,
        event_type=AuditEventType.SPOTCHECK_CONFLICT_DECLARED,
        target=conflict,
        reason=reason,
        changes={"officer": [None, officer.pk], "entity": [None, entity.credit_code]},
    )
    return conflict
