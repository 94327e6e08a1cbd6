"""The only way to write the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from fazhi.core.audit.context import current_request_id
from fazhi.core.audit.hashing import normalize_changes, row_hash
from fazhi.core.audit.models import AuditChainHead, AuditEvent, AuditEventType

_FIELDS = {field.attname: field for field in AuditEvent._meta.concrete_fields}


@dataclass(frozen=True, slots=True)
class _AppendStatements:
    lock_head: str
    insert_event: str
    insert_columns: tuple[str, ...]
    advance_head: str


_STATEMENTS: dict[str, _AppendStatements] = {}


def _append_statements(connection: BaseDatabaseWrapper) -> _AppendStatements:
    """The SQL of one append, built once per database vendor (the ORM would rebuild it per write)."""
    cached = _STATEMENTS.get(connection.vendor)
    if cached is None:
        cached = _STATEMENTS[connection.vendor] = _build_statements(connection)
    return cached


def _build_statements(connection: BaseDatabaseWrapper) -> _AppendStatements:
    # Only our own table and column names (quoted) are interpolated; every value is a parameter.
    quote = connection.ops.quote_name
    head, events = quote(AuditChainHead._meta.db_table), quote(AuditEvent._meta.db_table)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    columns = tuple(name for name in _FIELDS if name != "id")
    placeholders = ", ".join(["%s"] * len(columns))
    return _AppendStatements(
        lock_head=f"SELECT sequence, row_hash FROM {head} WHERE id = 1{lock}",  # noqa: S608
        insert_event=(
            f"INSERT INTO {events} ({', '.join(quote(_FIELDS[name].column) for name in columns)}) "  # noqa: S608
            f"VALUES ({placeholders}) RETURNING id"
        ),
        insert_columns=columns,
        advance_head=f"UPDATE {head} SET sequence = %s, row_hash = %s WHERE id = 1",  # noqa: S608
    )


@transaction.atomic(savepoint=False)
def record_audit(
    *,
    actor: Any,
    event_type: AuditEventType,
    target: models.Model,
    reason: str = "",
    changes: dict[str, Any] | None = None,
    actor_display: str | None = None,
    backfilled: bool = False,
) -> AuditEvent:
    """Append one audit row in the caller's transaction.

    `actor` None means the system. The caller must already be inside `transaction.atomic`: an
    audit row committed separately from the change it describes could survive a rolled-back
    change, or go missing for a committed one.
    Writes: AuditEvent, AuditChainHead (locked for the rest of the transaction).
    """
    # savepoint=False joins an outer block; when there is none, this decorator itself opened the
    # only block, which is exactly the misuse to refuse. Blocks opened by the test framework
    # (marked _from_testcase) do not count: they stand in for no real transaction.
    connection = connections[router.db_for_write(AuditEvent)]
    own_blocks = [block for block in connection.atomic_blocks if not getattr(block, "_from_testcase", False)]
    if len(own_blocks) < 2:
        raise RuntimeError("record_audit() must run inside the transaction of the change it records")
    content_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
    occurred_at = timezone.now()
    display = actor_display or (str(actor) if actor is not None else "系统")
    normalized = normalize_changes(changes or {})
    request_id = current_request_id()
    target_repr = str(target)[:200]
    values: dict[str, Any] = {
        "occurred_at": occurred_at,
        "event_type": int(event_type),
        "actor_id": actor.pk if actor is not None else None,
        "actor_display": display,
        "request_id": request_id,
        "target_type_id": content_type.pk,
        "target_id": str(target.pk),
        "target_repr": target_repr,
        "reason": reason,
        "changes": normalized,
        "backfilled": backfilled,
    }
    # Everything above happens before the chain head is locked: from the lock to the commit every
    # other audited write in the system waits, so that section is three prepared statements.
    sql = _append_statements(connection)
    with connection.cursor() as cursor:
        # Locks the head row on PostgreSQL; SQLite's IMMEDIATE transaction already holds the write lock.
        cursor.execute(sql.lock_head)
        head = cursor.fetchone()
        if head is None:
            # Normally created by migration 0002; a flushed test database or a restored dump may
            # lack it. get_or_create on the fixed pk is safe: a concurrent creator loses on the key.
            AuditChainHead.objects.get_or_create(pk=1)
            cursor.execute(sql.lock_head)
            head = cursor.fetchone()
        sequence, prev_hash = head[0] + 1, head[1]
        digest = row_hash(
            sequence=sequence,
            target_type=f"{content_type.app_label}.{content_type.model}",
            prev_hash=prev_hash,
            **{k: v for k, v in values.items() if k != "target_type_id"},
        )
        values.update(sequence=sequence, prev_hash=prev_hash, row_hash=digest)
        params = [_FIELDS[name].get_db_prep_save(values[name], connection) for name in sql.insert_columns]
        cursor.execute(sql.insert_event, params)
        pk = cursor.fetchone()[0]
        cursor.execute(sql.advance_head, [sequence, digest])
    event = AuditEvent(pk=pk, **values)
    event._state.adding = False
    event._state.db = connection.alias
    return event
