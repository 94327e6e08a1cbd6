"""Side effects are queued in the transaction and processed idempotently by `fazhi tick`."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.outbox.models import OutboxMessage, OutboxStatus
from fazhi.core.outbox.registry import register_handler
from fazhi.core.outbox.services import MAX_ATTEMPTS, enqueue, process_pending

pytestmark = pytest.mark.django_db

DELIVERED: list[tuple[int, dict]] = []
FAILURES = {"remaining": 0}


def _deliver(message_id: int, payload: dict) -> None:
    DELIVERED.append((message_id, payload))


def _flaky(message_id: int, payload: dict) -> None:
    if FAILURES["remaining"] > 0:
        FAILURES["remaining"] -= 1
        raise ConnectionError("短信网关不可用")
    DELIVERED.append((message_id, payload))


register_handler("test.deliver", _deliver)
register_handler("test.flaky", _flaky)


@pytest.fixture(autouse=True)
def _reset():
    DELIVERED.clear()
    FAILURES["remaining"] = 0


def test_a_message_exists_only_if_its_transaction_commits():
    with pytest.raises(ValueError), transaction.atomic():
        enqueue(kind="test.deliver", payload={"n": 1})
        raise ValueError("业务失败")
    assert not OutboxMessage.objects.exists()

    with transaction.atomic():
        enqueue(kind="test.deliver", payload={"n": 2})
    assert OutboxMessage.objects.get().payload == {"n": 2}


def test_enqueue_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError, match="inside the transaction"):
        enqueue(kind="test.deliver", payload={})


def test_the_same_idempotency_key_queues_one_message():
    with transaction.atomic():
        first = enqueue(kind="test.deliver", payload={"n": 1}, idempotency_key="case-7-notice")
        second = enqueue(kind="test.deliver", payload={"n": 1}, idempotency_key="case-7-notice")

    assert first.pk == second.pk
    assert OutboxMessage.objects.count() == 1


def test_a_processed_message_is_never_run_again():
    with transaction.atomic():
        message = enqueue(kind="test.deliver", payload={"to": "张三"})

    first = process_pending()
    second = process_pending()

    assert (first.processed, second.processed) == (1, 0)
    assert DELIVERED == [(message.pk, {"to": "张三"})]
    message.refresh_from_db()
    assert message.status == OutboxStatus.DONE and message.processed_at is not None


def test_a_failing_handler_is_retried_with_backoff_then_succeeds():
    FAILURES["remaining"] = 1
    with transaction.atomic():
        message = enqueue(kind="test.flaky", payload={})
    now = timezone.now()

    summary = process_pending(now=now)
    message.refresh_from_db()
    assert (summary.retried, message.status, message.attempts) == (1, OutboxStatus.PENDING, 1)
    assert message.available_at > now  # backed off, not retried in the same second
    assert process_pending(now=now).processed == 0

    later = process_pending(now=message.available_at + timedelta(seconds=1))
    assert later.processed == 1
    assert len(DELIVERED) == 1


def test_a_message_that_keeps_failing_is_given_up_and_audited():
    FAILURES["remaining"] = MAX_ATTEMPTS + 1
    with transaction.atomic():
        message = enqueue(kind="test.flaky", payload={})
    moment = timezone.now()
    for _ in range(MAX_ATTEMPTS):
        process_pending(now=moment)
        moment += timedelta(hours=2)

    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    assert "短信网关不可用" in message.last_error
    audit = AuditEvent.objects.get(event_type=AuditEventType.OUTBOX_MESSAGE_FAILED)
    assert audit.target_id == str(message.pk)


def test_an_unknown_kind_fails_at_once():
    with transaction.atomic():
        message = enqueue(kind="test.nobody-handles-this", payload={})

    summary = process_pending()

    message.refresh_from_db()
    assert (summary.failed, message.status) == (1, OutboxStatus.FAILED)
    assert "未知的消息类型" in message.last_error


def test_a_stale_claim_of_a_dead_worker_is_released():
    with transaction.atomic():
        message = enqueue(kind="test.deliver", payload={})
    long_ago = timezone.now() - timedelta(hours=1)
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxStatus.PROCESSING, claimed_at=long_ago)

    assert process_pending().processed == 1
    assert len(DELIVERED) == 1


def test_tick_command_prints_a_json_summary():
    with transaction.atomic():
        enqueue(kind="test.deliver", payload={})
    out = StringIO()

    call_command("tick", "--json", stdout=out)

    summary = json.loads(out.getvalue())
    assert summary["processed"] == 1
    assert "periodic" in summary
