"""Writes of the record fact table and its rollups: records_write (the one write path of the import and the
ingestion), records_import (`fazhi import records`) and unit_activity_rebuild.

The set-based SQL is in fazhi.supervision.record_writes, private to this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.errors import DomainError
from fazhi.supervision import record_writes
from fazhi.supervision.choices import RecordSource
from fazhi.supervision.models import RecordImport
from fazhi.supervision.services._common import Actor

# --- the record fact table and its rollups -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecordInput:
    """One record as a source states it now (import row or internal inspection/case)."""

    key: str
    record_type: str
    unit_id: int
    occurred_on: date
    entered_on: date
    officers: tuple[tuple[int, int], ...]  # (officer id, officer's unit id)
    power_item_id: int | None = None
    party_code: str = ""
    decided_on: date | None = None
    decision_due: date | None = None
    published_on: date | None = None
    published_late: bool | None = None
    publish_due: date | None = None

    def values(self) -> tuple[Any, ...]:
        """The stored columns, in the order of record_writes.RECORD_FIELDS."""
        return (
            self.record_type, self.unit_id, self.power_item_id, self.occurred_on, self.entered_on,
            self.party_code, self.decided_on, self.decision_due, self.published_on, self.published_late,
            self.publish_due,
        )  # fmt: skip


@dataclass
class WriteOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    keys_changed: list[str] = field(default_factory=list)


@transaction.atomic(savepoint=False)
def records_write(
    *,
    source: str,
    rows: Sequence[RecordInput],
    remove_keys: Sequence[str] = (),
    dry_run: bool = False,
    ingested_at: datetime | None = None,
) -> WriteOutcome:
    """Create, update or remove fact rows by (source, key) and move the rollups by the difference.

    Idempotent: a row identical to the stored one (same columns, same officers) changes nothing.
    A changed row takes its stored contribution out of every rollup row and adds its new one; a
    removed row takes its contribution out. The rows are written set-based (record_writes), each
    rollup row once with the sum of its changes. Callers write the audit row.
    `ingested_at` (default now) is when the rows reach Fazhi; an as-of figure leaves out the records
    that reached it after its cut-off. Only a loader of past data (the demo) states an earlier time.
    Writes: EnforcementRecord, RecordOfficer, UnitRollup, OfficerRollup, PowerItemRollup,
    UnitActivityRollup.
    """
    outcome = WriteOutcome()
    stored = record_writes.stored_records(source=source, keys=[row.key for row in rows] + list(remove_keys))
    creates: list[record_writes.NewRecord] = []
    updates: list[tuple[record_writes.StoredRecord, record_writes.NewRecord]] = []
    for row in rows:
        record = record_writes.NewRecord(key=row.key, values=row.values(), officers=tuple(sorted(row.officers)))
        current = stored.get(row.key) if stored else None
        if current is None:
            creates.append(record)
        elif current.values == record.values and current.officers == record.officers:
            outcome.unchanged += 1
        else:
            updates.append((current, record))
    removals = [stored[key] for key in remove_keys if key in stored]
    outcome.created, outcome.updated, outcome.removed = len(creates), len(updates), len(removals)
    outcome.keys_changed = [record.key for record in creates] + [record.key for _stored, record in updates]
    if not dry_run:
        now = timezone.now()
        if ingested_at is not None and ingested_at > now:
            raise DomainError("归集时间不能晚于现在。", code="supervision.ingested_in_future")
        record_writes.write(source=source, now=ingested_at or now, creates=creates, updates=updates, removals=removals)
    return outcome


@transaction.atomic
def unit_activity_rebuild() -> None:
    """Recount the per-unit distinct counts (UnitActivityRollup) from the officer and item rollups.

    records_write keeps them in step; this is for rollups written around it (the bench's set-up).
    Writes: UnitActivityRollup.
    """
    record_writes.unit_activity_rebuild()


@dataclass
class ImportResult:
    created: int
    updated: int
    unchanged: int
    record_import: RecordImport | None


@transaction.atomic
def records_import(
    *,
    actor: Actor,
    rows: Sequence[RecordInput],
    filename: str,
    checksum: str,
    dry_run: bool = False,
    ingested_at: datetime | None = None,
) -> ImportResult:
    """Import validated rows of a record-intake file, keyed on 记录编号; all or nothing.

    Writes: EnforcementRecord/RecordOfficer and the rollups (records_write), RecordImport,
    AuditEvent SUPERVISION_RECORDS_IMPORTED (one per file, with the counts).
    """
    outcome = records_write(source=RecordSource.IMPORTED, rows=rows, dry_run=dry_run, ingested_at=ingested_at)
    if dry_run:
        return ImportResult(outcome.created, outcome.updated, outcome.unchanged, None)
    log = RecordImport.objects.create(
        filename=filename[:255],
        checksum=checksum,
        rows=len(rows),
        created=outcome.created,
        updated=outcome.updated,
        unchanged=outcome.unchanged,
        imported_by=actor,
    )
    # One audit row per imported file (one transaction), naming the file, its checksum and the range
    # of its record keys (记录编号, lowest…highest): the rows of the import are findable from it.
    keys = [row.key for row in rows]
    key_range = f"{min(keys)}…{max(keys)}" if keys else ""
    record_audit(
        actor=actor,
        event_type=AuditEventType.SUPERVISION_RECORDS_IMPORTED,
        target=log,
        reason=f"导入执法信息：{filename}",
        changes={
            "rows": [None, len(rows)],
            "keys": [None, key_range],
            "created": [None, outcome.created],
            "updated": [None, outcome.updated],
            "checksum": [None, checksum],
        },
    )
    return ImportResult(outcome.created, outcome.updated, outcome.unchanged, log)
