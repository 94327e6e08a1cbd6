"""The only way to write the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, router, transaction
from django.utils import timezone

from fazhi.core.audit.context import current_request_id
from fazhi.core.audit.hashing import normalize_changes, row_hash
from fazhi.core.audit.models import AuditChainHead, AuditEvent, AuditEventType


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
    # select_for_update serialises appends on PostgreSQL; SQLite's IMMEDIATE transactions already
    # hold the write lock.
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        # Normally created by migration 0002; a flushed test database or a restored dump may lack
        # it. get_or_create on the fixed pk is safe: a concurrent creator loses on the primary key.
        AuditChainHead.objects.get_or_create(pk=1)
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    content_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
    occurred_at = timezone.now()
    display = actor_display or (str(actor) if actor is not None else "系统")
    normalized = normalize_changes(changes or {})
    sequence = head.sequence + 1
    request_id = current_request_id()
    target_repr = str(target)[:200]
    digest = row_hash(
        sequence=sequence,
        occurred_at=occurred_at,
        event_type=int(event_type),
        actor_id=actor.pk if actor is not None else None,
        actor_display=display,
        request_id=request_id,
        target_type=f"{content_type.app_label}.{content_type.model}",
        target_id=str(target.pk),
        target_repr=target_repr,
        reason=reason,
        changes=normalized,
        backfilled=backfilled,
        prev_hash=head.row_hash,
    )
    event = AuditEvent.objects.create(
        sequence=sequence,
        occurred_at=occurred_at,
        event_type=int(event_type),
        actor=actor,
        actor_display=display,
        request_id=request_id,
        target_type=content_type,
        target_id=str(target.pk),
        target_repr=target_repr,
        reason=reason,
        changes=normalized,
        backfilled=backfilled,
        prev_hash=head.row_hash,
        row_hash=digest,
    )
    AuditChainHead.objects.filter(pk=1).update(sequence=sequence, row_hash=digest)
    return event
