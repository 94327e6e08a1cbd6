"""The only way to write the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from fazhi.core.audit.context import current_request_id
from fazhi.core.audit.hashing import content_hash, link_hash, normalize_changes
from fazhi.core.audit.models import AUDIT_CHAIN_COUNT, CURRENT_HASH_SCHEME, AuditChainHead, AuditEvent, AuditEventType

_FIELDS = {field.attname: field for field in AuditEvent._meta.concrete_fields}
# Filled by the append itself (from the chain head), never by the caller.
_CHAIN_COLUMNS = ("chain", "sequence", "prev_hash", "row_hash")
# The transaction-local setting that remembers which head this transaction already holds.
_HELD_CHAIN_SETTING = "fazhi.audit_chain"


@dataclass(frozen=True, slots=True)
class _AppendStatements:
    value_columns: tuple[str, ...]
    # PostgreSQL: one statement that advances a head and inserts the row; it takes a free head
    # (SKIP LOCKED) and inserts nothing when every head is busy, then `append_waiting` queues.
    append: str | None
    append_waiting: str | None
    # Other databases (SQLite holds its write lock for the whole transaction anyway).
    lock_head: str
    insert_event: str
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
    value_columns = tuple(name for name in _FIELDS if name != "id" and name not in _CHAIN_COLUMNS)
    all_columns = value_columns + _CHAIN_COLUMNS
    column_list = ", ".join(quote(_FIELDS[name].column) for name in all_columns)
    append = append_waiting = None
    if connection.vendor == "postgresql":
        casts = ", ".join(f"CAST(%s AS {_FIELDS[name].cast_db_type(connection)})" for name in value_columns)
        append = _postgresql_append(head, events, column_list, casts, wait=False)
        append_waiting = _postgresql_append(head, events, column_list, casts, wait=True)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    return _AppendStatements(
        value_columns=value_columns,
        append=append,
        append_waiting=append_waiting,
        lock_head=f"SELECT sequence, row_hash FROM {head} WHERE id = 1{lock}",  # noqa: S608
        insert_event=(
            f"INSERT INTO {events} ({column_list}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(all_columns))}) RETURNING id"
        ),
        advance_head=f"UPDATE {head} SET sequence = %s, prev_row_hash = row_hash, row_hash = %s WHERE id = 1",  # noqa: S608
    )


def _postgresql_append(head: str, events: str, column_list: str, casts: str, *, wait: bool) -> str:
    """One statement: choose a head, advance it, insert the row linked to it.

    Why one statement: a head stays locked from this UPDATE to the commit; one round trip instead
    of three shortens that time. Which head: the one this transaction already holds (remembered in
    a transaction-local setting, so one transaction's rows stay on one chain and it never holds
    two heads); otherwise the first free head in an order that differs per connection (SKIP
    LOCKED: never wait while another head is free). `wait` is the fallback when all are busy: wait
    for this connection's own head — safe from deadlock between heads, since the transaction holds
    none. Why the link is always made to the true previous row: under READ COMMITTED an UPDATE that
    meets a newer committed version re-reads it before evaluating SET (EvalPlanQual), and SET sees
    the old values, so prev_row_hash receives the previous hash.
    """
    held = f"NULLIF(current_setting('{_HELD_CHAIN_SETTING}', true), '')::int"
    if wait:
        chosen = f"COALESCE({held}, (pg_backend_pid() %% {AUDIT_CHAIN_COUNT}) + 1)"
    else:
        free = (
            f"SELECT id FROM {head} ORDER BY (id + pg_backend_pid()) %% {AUDIT_CHAIN_COUNT} "  # noqa: S608
            "FOR UPDATE SKIP LOCKED LIMIT 1"
        )
        chosen = f"COALESCE({held}, ({free}))"
    return (
        f"WITH advanced AS (UPDATE {head} SET sequence = sequence + 1, prev_row_hash = row_hash, "  # noqa: S608
        "row_hash = encode(sha256(convert_to("
        "row_hash || ':' || (sequence + 1)::text || ':' || %s, 'UTF8')), 'hex') "
        f"WHERE id = {chosen} "
        f"RETURNING id, sequence, prev_row_hash, row_hash, set_config('{_HELD_CHAIN_SETTING}', id::text, true)) "
        f"INSERT INTO {events} ({column_list}) "
        f"SELECT {casts}, advanced.id, advanced.sequence, advanced.prev_row_hash, advanced.row_hash "
        "FROM advanced RETURNING id, chain, sequence, prev_hash, row_hash"
    )


def _ensure_heads() -> None:
    # Normally created by migrations; a flushed test database or a restored dump may lack them.
    # get_or_create on a fixed pk is safe: a concurrent creator loses on the key.
    for chain in range(1, AUDIT_CHAIN_COUNT + 1):
        AuditChainHead.objects.get_or_create(pk=chain)


def _append_in_one_statement(cursor, sql: _AppendStatements, content: str, params: list) -> tuple:
    cursor.execute(sql.append, [content, *params])
    row = cursor.fetchone()
    if row is None:  # every head busy (or none exists yet): nothing was inserted
        _ensure_heads()
        cursor.execute(sql.append_waiting, [content, *params])
        row = cursor.fetchone()
    return row


def _append_in_three_statements(cursor, sql: _AppendStatements, content: str, params: list) -> tuple:
    # Chain 1 only: SQLite locks the whole database for a write transaction, so there is nothing
    # to gain from other heads.
    cursor.execute(sql.lock_head)
    head = cursor.fetchone()
    if head is None:
        _ensure_heads()
        cursor.execute(sql.lock_head)
        head = cursor.fetchone()
    sequence, prev_hash = head[0] + 1, head[1]
    digest = link_hash(prev_hash=prev_hash, sequence=sequence, content=content)
    cursor.execute(sql.insert_event, [*params, 1, sequence, prev_hash, digest])
    pk = cursor.fetchone()[0]
    cursor.execute(sql.advance_head, [sequence, digest])
    return pk, 1, sequence, prev_hash, digest


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
    Writes: AuditEvent, one AuditChainHead (row-locked for the rest of the transaction).
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
        "hash_scheme": CURRENT_HASH_SCHEME,
    }
    # Everything above, including hashing the row's own content, happens before the chain head is
    # locked: from the lock to the commit every other audited write in the system waits.
    content = content_hash(
        target_type=f"{content_type.app_label}.{content_type.model}",
        **{k: v for k, v in values.items() if k not in ("target_type_id", "hash_scheme")},
    )
    sql = _append_statements(connection)
    params = [_FIELDS[name].get_db_prep_save(values[name], connection) for name in sql.value_columns]
    with connection.cursor() as cursor:
        append = _append_in_one_statement if sql.append else _append_in_three_statements
        pk, chain, sequence, prev_hash, digest = append(cursor, sql, content, params)
    values.update(chain=chain, sequence=sequence, prev_hash=prev_hash, row_hash=digest)
    event = AuditEvent(pk=pk, **values)
    event._state.adding = False
    event._state.db = connection.alias
    return event
