"""Hash scheme 2 (content hash, then a short link step) and the one-statement append.

An existing log written under scheme 1 keeps verifying after the upgrade; the link step computed by
PostgreSQL inside the append statement equals Python's; concurrent appends never fork the chain.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from fazhi.core.audit.checkpoints import parse_checkpoint
from fazhi.core.audit.hashing import content_hash, link_hash, row_hash_v1
from fazhi.core.audit.models import GENESIS_HASH, AuditChainHead, AuditEvent, AuditEventType
from fazhi.core.audit.selectors import audit_chain_verify
from fazhi.core.audit.services import record_audit
from fazhi.core.calendars.models import CalendarYear


def _append(target, index: int) -> AuditEvent:
    with transaction.atomic():
        return record_audit(
            actor=None,
            event_type=AuditEventType.CALENDAR_YEAR_MARKED,
            target=target,
            reason=f"第{index}次",
            changes={"n": [index - 1, index]},
        )


def _append_on_chain_1(target, index: int) -> AuditEvent:
    if connection.vendor == "postgresql":  # what a transaction already holding chain 1 has set
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('fazhi.audit_chain', '1', true)")
    return _append(target, index)


def _fields(event: AuditEvent) -> dict:
    return {
        "occurred_at": event.occurred_at,
        "event_type": event.event_type,
        "actor_id": event.actor_id,
        "actor_display": event.actor_display,
        "request_id": event.request_id,
        "target_type": "calendars.calendaryear",
        "target_id": event.target_id,
        "target_repr": event.target_repr,
        "reason": event.reason,
        "changes": event.changes,
        "backfilled": event.backfilled,
    }


def _rewrite_as_scheme_1() -> None:
    """Turn the log into what a version before migration 0005 would have written (all on chain 1)."""
    prev, sequence = GENESIS_HASH, 0
    for event in AuditEvent.objects.order_by("id"):
        sequence += 1
        digest = row_hash_v1(sequence=sequence, prev_hash=prev, **_fields(event))
        AuditEvent.objects.filter(pk=event.pk).update(
            chain=1, sequence=sequence, hash_scheme=1, prev_hash=prev, row_hash=digest
        )
        prev = digest
    AuditChainHead.objects.update(sequence=0, row_hash=GENESIS_HASH, prev_row_hash=GENESIS_HASH)
    AuditChainHead.objects.filter(pk=1).update(sequence=sequence, row_hash=prev)


@pytest.mark.django_db
def test_the_stored_hash_is_the_link_of_the_previous_hash_sequence_and_content():
    year = CalendarYear.objects.create(year=2032)
    first, second = _append(year, 1), _append(year, 2)

    stored = AuditEvent.objects.get(pk=second.pk)
    # On PostgreSQL the database computed this link inside the append statement.
    assert stored.row_hash == link_hash(prev_hash=first.row_hash, sequence=2, content=content_hash(**_fields(stored)))
    assert (stored.prev_hash, stored.hash_scheme) == (first.row_hash, 2)
    assert (second.sequence, second.prev_hash, second.row_hash) == (2, stored.prev_hash, stored.row_hash)
    head = AuditChainHead.objects.get(pk=second.chain)
    assert (head.sequence, head.row_hash, head.prev_row_hash) == (2, second.row_hash, first.row_hash)


@pytest.mark.django_db
def test_a_log_written_under_scheme_1_still_verifies_and_new_rows_chain_onto_it():
    year = CalendarYear.objects.create(year=2033)
    for index in range(1, 4):
        _append(year, index)
    _rewrite_as_scheme_1()
    assert audit_chain_verify().ok

    # Rows keep their scheme-1 hashes: a checkpoint published then still verifies.
    legacy_checkpoint = parse_checkpoint(f"{AuditEvent.objects.get(chain=1, sequence=3).row_hash}@3")
    with transaction.atomic():
        # Pin chain 1, as a transaction that already holds it would (on SQLite it is the only one).
        newer = _append_on_chain_1(year, 4)

    assert (newer.hash_scheme, newer.chain, newer.sequence) == (2, 1, 4)
    assert newer.prev_hash == AuditEvent.objects.get(chain=1, sequence=3).row_hash
    assert audit_chain_verify(checkpoint=legacy_checkpoint).ok


@pytest.mark.django_db
def test_relabelling_a_row_with_another_scheme_is_caught():
    year = CalendarYear.objects.create(year=2034)
    event = _append(year, 1)
    _append(year, 2)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {AuditEvent._meta.db_table} SET hash_scheme = 1 WHERE id = %s", [event.pk])

    report = audit_chain_verify()

    assert [(problem.sequence, problem.kind) for problem in report.problems] == [(1, "changed")]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_appends_form_one_gap_free_chain():
    year = CalendarYear.objects.create(year=2035)
    threads_count, per_thread = 4, 25
    barrier = threading.Barrier(threads_count)
    errors: list[BaseException] = []

    def append_many(offset: int) -> None:
        try:
            barrier.wait(timeout=10)
            for index in range(per_thread):
                _append(year, offset + index)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=append_many, args=(n * per_thread,)) for n in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    sequences = list(AuditEvent.objects.filter(target_id=str(year.pk)).values_list("sequence", flat=True))
    assert len(sequences) == threads_count * per_thread
    report = audit_chain_verify()
    assert report.ok, report.problems
    assert report.checked == sum(end.sequence for end in report.chains) == AuditEvent.objects.count()
