"""Writes of the record fact table and its rollups: records_write (the one write path of the import and the
ingestion), records_import (`fazhi import records`) and unit_activity_rebuild.

The set-based SQL is in fazhi.supervision.record_writes, private to this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.errors import Conflict, DomainError
from fazhi.supervision import record_writes, selectors
from fazhi.supervision.choices import RecordSource
from fazhi.supervision.models import RecordImport, RollupBatch
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
    rows: Iterable[RecordInput],
    keys: Sequence[str] | None = None,
    remove_keys: Sequence[str] = (),
    dry_run: bool = False,
    ingested_at: datetime | None = None,
    defer_rollups: bool = False,
) -> WriteOutcome:
    """Create, update or remove fact rows by (source, key) and move the rollups by the difference.

    Idempotent: a row identical to the stored one (same columns, same officers) changes nothing.
    A changed row takes its stored contribution out of every rollup row and adds its new one; a
    removed row takes its contribution out. The rows are written set-based (record_writes), each
    rollup row once with the sum of its changes. Callers write the audit row.
    `ingested_at` (default now) is when the rows reach Fazhi; an as-of figure leaves out the records
    that reached it after its cut-off. Only a loader of past data (the demo) states an earlier time.
    `defer_rollups` (the import): the created rows go into one RollupBatch, added to the rollups by
    `rollups_merge_pending` before the figures are next read. A changed or removed row of a batch not
    merged yet has its batch merged first, so that its change moves what the rollups hold.
    `keys` (with defer_rollups): every key `rows` may hold, given ahead so that `rows` can be a
    generator — the new rows are then written while the caller is still producing them, and an
    exception it raises at the end (a file with a bad row) rolls everything back. The new rows' ids
    follow the order of `keys` (record_writes.stream_new_facts); without them, of 发生日期.
    Writes: EnforcementRecord, RecordOfficer, RollupBatch, UnitRollup, OfficerRollup, PowerItemRollup,
    UnitActivityRollup.
    """
    streamed = defer_rollups and not dry_run
    if keys is None or not streamed:
        rows = list(rows)
        keys = [row.key for row in sorted(rows, key=lambda row: row.occurred_on)]  # the ids' order
    outcome = WriteOutcome()
    stored = record_writes.stored_records(source=source, keys=[*keys, *remove_keys])
    updates: list[tuple[record_writes.StoredRecord, record_writes.NewRecord]] = []

    def new_records() -> Iterator[record_writes.NewRecord]:
        """The rows not stored yet; the changed ones go to `updates`, the unchanged are counted."""
        for row in rows:
            record = record_writes.NewRecord(key=row.key, values=row.values(), officers=tuple(sorted(row.officers)))
            current = stored.get(row.key) if stored else None
            if current is None:
                outcome.created += 1
                outcome.keys_changed.append(record.key)
                yield record
            elif current.values == record.values and current.officers == record.officers:
                outcome.unchanged += 1
            else:
                updates.append((current, record))

    removals = [stored[key] for key in remove_keys if key in stored]
    now = timezone.now()
    if ingested_at is not None and ingested_at > now and not dry_run:
        raise DomainError("归集时间不能晚于现在。", code="supervision.ingested_in_future")
    stamp = ingested_at or now
    if streamed:
        batch = RollupBatch.objects.create(source=source)
        span = record_writes.stream_new_facts(
            source=source,
            now=stamp,
            batch_id=batch.pk,
            creates=new_records(),
            keys=[key for key in keys if key not in stored],
        )
        if span is None:
            batch.delete()  # nothing new: no batch to merge
        else:
            RollupBatch.objects.filter(pk=batch.pk).update(records=outcome.created, first_id=span[0], last_id=span[1])
        creates: list[record_writes.NewRecord] = []
    else:
        creates = list(new_records())
    if (updates or removals) and not dry_run:
        updates, removals = _as_stored_now(
            source=source,
            updates=updates,
            removal_keys=[key for key in remove_keys if key in stored],
            locked_ids=[old.id for old, _record in updates] + [old.id for old in removals],
            outcome=outcome,
        )
    outcome.updated, outcome.removed = len(updates), len(removals)
    outcome.keys_changed += [record.key for _stored, record in updates]
    if dry_run:
        return outcome
    # A record still waiting in a batch is merged before its change moves the rollups.
    _merge_batches(ids={old.batch for old, _record in updates} | {old.batch for old in removals})
    record_writes.write(source=source, now=stamp, creates=creates, updates=updates, removals=removals)
    return outcome


def _as_stored_now(
    *,
    source: str,
    updates: list[tuple[record_writes.StoredRecord, record_writes.NewRecord]],
    removal_keys: list[str],
    locked_ids: list[int],
    outcome: WriteOutcome,
) -> tuple[list[tuple[record_writes.StoredRecord, record_writes.NewRecord]], list[record_writes.StoredRecord]]:
    """The rows to change and remove as they are stored now, locked until the transaction ends.

    They were read before this transaction held them: another one (the same file imported twice at
    once, two ingestion runs) may have changed them since and moved the rollups from the values read
    here. Locking the rows and reading them again makes the rollups move from what is stored, so no
    contribution is taken out twice. A row changed to the same values meanwhile is unchanged; one
    removed meanwhile refuses the write (409). SQLite: the transaction holds the database's write
    lock from its start, so nothing can have changed.
    """
    record_writes.lock_records(locked_ids)
    current = record_writes.stored_records(source=source, keys=[record.key for _old, record in updates] + removal_keys)
    updates_now: list[tuple[record_writes.StoredRecord, record_writes.NewRecord]] = []
    for _old, record in updates:
        stored = current.get(record.key)
        if stored is None:
            raise Conflict(
                f"记录“{record.key}”刚被另一次写入删除，本次未写入任何数据，请重试。",
                code="supervision.record_removed_meanwhile",
            )
        if stored.values == record.values and stored.officers == record.officers:
            outcome.unchanged += 1  # the other transaction wrote the same values
        else:
            updates_now.append((stored, record))
    return updates_now, [current[key] for key in removal_keys if key in current]


def rollups_merge_pending() -> int:
    """Add every imported record still waiting in a RollupBatch to the rollups; the number added.

    Called before the figures are read (the dashboard, the API, `fazhi indicators`, snapshots,
    bulletins) and by `fazhi tick`. Nothing waiting (the usual case) costs one indexed query and no
    transaction. Two callers at once: the second waits for the first's batches (row locks) and then
    finds them merged. No audit row: the import that wrote the records has one; this only brings the
    derived rollups up to date (the batch keeps when).
    Writes: RollupBatch, UnitRollup, OfficerRollup, PowerItemRollup, UnitActivityRollup.
    """
    if not selectors.rollup_batches_pending():
        return 0
    with transaction.atomic():
        return _merge_batches(ids=None)


def rollups_merge_periodic(now: datetime) -> int:
    """Periodic job for `fazhi tick` (registered in apps.py): the figures are ready before anyone asks."""
    return rollups_merge_pending()


def _merge_batches(*, ids: set[int | None] | None) -> int:
    """Merge the pending batches among `ids` (None: all) inside the caller's transaction."""
    pending = RollupBatch.objects.select_for_update().filter(merged_at__isnull=True)
    if ids is not None:
        ids = {pk for pk in ids if pk is not None}
        if not ids:
            return 0
        pending = pending.filter(pk__in=ids)
    # Locked in id order: two mergers cannot deadlock.
    batches = list(pending.order_by("pk").values_list("pk", "first_id", "last_id", "records"))
    if not batches:
        return 0
    record_writes.merge_batches([(pk, first_id, last_id) for pk, first_id, last_id, _records in batches])
    RollupBatch.objects.filter(pk__in=[batch[0] for batch in batches]).update(merged_at=timezone.now())
    return sum(batch[3] for batch in batches)


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
    rows: Iterable[RecordInput],
    filename: str,
    checksum: str,
    keys: Sequence[str] | None = None,
    dry_run: bool = False,
    ingested_at: datetime | None = None,
) -> ImportResult:
    """Import validated rows of a record-intake file, keyed on 记录编号; all or nothing.

    `rows` may be a generator checking the file as it goes, with `keys` the file's keys given ahead
    (records_write writes the new rows as they come; the generator raising rolls everything back).
    Writes: EnforcementRecord/RecordOfficer and a RollupBatch (records_write), RecordImport,
    AuditEvent SUPERVISION_RECORDS_IMPORTED (one per file, with the counts).
    """
    if keys is None:
        rows = list(rows)  # read twice: written, then its keys for the audit row
    outcome = records_write(
        source=RecordSource.IMPORTED,
        rows=rows,
        keys=keys,
        dry_run=dry_run,
        ingested_at=ingested_at,
        defer_rollups=True,
    )
    if dry_run:
        return ImportResult(outcome.created, outcome.updated, outcome.unchanged, None)
    log = RecordImport.objects.create(
        filename=filename[:255],
        checksum=checksum,
        rows=outcome.created + outcome.updated + outcome.unchanged,
        created=outcome.created,
        updated=outcome.updated,
        unchanged=outcome.unchanged,
        imported_by=actor,
    )
    # One audit row per imported file (one transaction), naming the file, its checksum and the range
    # of its record keys (记录编号, lowest…highest): the rows of the import are findable from it.
    file_keys = keys if keys is not None else [row.key for row in rows]
    key_range = f"{min(file_keys)}…{max(file_keys)}" if file_keys else ""
    record_audit(
        actor=actor,
        event_type=AuditEventType.SUPERVISION_RECORDS_IMPORTED,
        target=log,
        reason=f"导入执法信息：{filename}",
        changes={
            "rows": [None, log.rows],
            "keys": [None, key_range],
            "created": [None, outcome.created],
            "updated": [None, outcome.updated],
            "checksum": [None, checksum],
        },
    )
    return ImportResult(outcome.created, outcome.updated, outcome.unchanged, log)
