"""Queue side effects in the caller's transaction and process them idempotently."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, connections, router, transaction
from django.db.models import F
from django.utils import timezone

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.outbox.models import OutboxMessage, OutboxStatus
from fazhi.core.outbox.registry import handler_for, periodic_jobs

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# A message stuck in "processing" this long belongs to a worker that died; it is retried.
STALE_CLAIM = timedelta(minutes=10)


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(3600, 30 * 2 ** (attempts - 1)))


@transaction.atomic(savepoint=False)
def enqueue(
    *, kind: str, payload: dict[str, Any], idempotency_key: str | None = None, available_at: datetime | None = None
) -> OutboxMessage:
    """Queue a side effect; it exists only if the surrounding transaction commits.

    A repeated idempotency_key returns the message already queued instead of a second one.
    Writes: OutboxMessage.
    """
    connection = connections[router.db_for_write(OutboxMessage)]
    own_blocks = [block for block in connection.atomic_blocks if not getattr(block, "_from_testcase", False)]
    if len(own_blocks) < 2:
        raise RuntimeError("enqueue() must run inside the transaction of the change that causes it")
    if idempotency_key:
        existing = OutboxMessage.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            return OutboxMessage.objects.create(
                kind=kind, payload=payload, idempotency_key=idempotency_key, available_at=available_at or timezone.now()
            )
    except IntegrityError:
        # A concurrent transaction queued the same key first.
        return OutboxMessage.objects.get(idempotency_key=idempotency_key)


def _claim(message_id: int, now: datetime) -> bool:
    """Conditional UPDATE: exactly one worker moves a message from pending to processing."""
    claimed = OutboxMessage.objects.filter(pk=message_id, status=OutboxStatus.PENDING, available_at__lte=now).update(
        status=OutboxStatus.PROCESSING, claimed_at=now, attempts=F("attempts") + 1
    )
    return claimed == 1


@dataclass
class TickSummary:
    processed: int = 0
    failed: int = 0
    retried: int = 0
    periodic: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"processed": self.processed, "failed": self.failed, "retried": self.retried, "periodic": self.periodic}


def _release_stale_claims(now: datetime) -> None:
    OutboxMessage.objects.filter(status=OutboxStatus.PROCESSING, claimed_at__lt=now - STALE_CLAIM).update(
        status=OutboxStatus.PENDING
    )


def _fail(message: OutboxMessage, error: str, now: datetime, summary: TickSummary, *, permanent: bool = False) -> None:
    """Retry later with backoff, or give up (audited) after MAX_ATTEMPTS or a permanent error."""
    with transaction.atomic():
        if permanent or message.attempts >= MAX_ATTEMPTS:
            OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxStatus.FAILED, last_error=error)
            record_audit(
                actor=None,
                event_type=AuditEventType.OUTBOX_MESSAGE_FAILED,
                target=message,
                reason=error[:500],
                changes={"status": [OutboxStatus.PROCESSING, OutboxStatus.FAILED]},
            )
            summary.failed += 1
        else:
            OutboxMessage.objects.filter(pk=message.pk).update(
                status=OutboxStatus.PENDING, last_error=error, available_at=now + _backoff(message.attempts)
            )
            summary.retried += 1


def process_pending(*, limit: int = 100, now: datetime | None = None) -> TickSummary:
    """Run the handlers of due messages, each at most once per claim; retry with backoff, then fail."""
    now = now or timezone.now()
    summary = TickSummary()
    _release_stale_claims(now)
    due = list(
        OutboxMessage.objects.filter(status=OutboxStatus.PENDING, available_at__lte=now)
        .order_by("available_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    for message_id in due:
        if not _claim(message_id, now):
            continue  # another worker took it
        message = OutboxMessage.objects.get(pk=message_id)
        handler = handler_for(message.kind)
        if handler is None:
            _fail(message, f"未知的消息类型：{message.kind}", now, summary, permanent=True)
            continue
        try:
            # The handler runs outside the claim so a slow side effect holds no database lock.
            handler(message.pk, message.payload)
        except Exception as exc:  # any handler failure is recorded and retried
            logger.warning("outbox message %s failed: %s", message.pk, exc)
            _fail(message, f"{type(exc).__name__}: {exc}", now, summary)
            continue
        OutboxMessage.objects.filter(pk=message.pk, status=OutboxStatus.PROCESSING).update(
            status=OutboxStatus.DONE, processed_at=timezone.now(), last_error=""
        )
        summary.processed += 1
    return summary


def run_periodic(*, now: datetime | None = None) -> dict[str, int]:
    """Run every registered periodic job once (deadline alerts and the like)."""
    now = now or timezone.now()
    return {name: job(now) for name, job in sorted(periodic_jobs().items())}
