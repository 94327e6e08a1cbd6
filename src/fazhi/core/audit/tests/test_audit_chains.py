"""Several chains: concurrent writers take different heads, one transaction keeps one chain.

The behaviour that matters on PostgreSQL (SQLite writes one transaction at a time and uses chain 1):
a second audited write does not wait for the first one's commit; when every head is taken it
waits, and the chains stay gap-free and verifiable.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction

from fazhi.core.audit.models import AUDIT_CHAIN_COUNT, AuditChainHead, AuditEvent, AuditEventType
from fazhi.core.audit.selectors import audit_chain_heads, audit_chain_verify
from fazhi.core.audit.services import record_audit
from fazhi.core.calendars.models import CalendarYear


def _record(target, reason: str) -> AuditEvent:
    return record_audit(actor=None, event_type=AuditEventType.CALENDAR_YEAR_MARKED, target=target, reason=reason)


@pytest.mark.django_db
def test_one_transaction_keeps_its_rows_on_one_chain_in_order():
    year = CalendarYear.objects.create(year=2036)
    with transaction.atomic():
        rows = [_record(year, f"第{n}条") for n in range(3)]

    assert len({row.chain for row in rows}) == 1
    assert [row.sequence for row in rows] == [1, 2, 3]
    assert rows[1].prev_hash == rows[0].row_hash and rows[2].prev_hash == rows[1].row_hash
    assert len(audit_chain_heads()) == AUDIT_CHAIN_COUNT
    assert audit_chain_verify().ok


@pytest.mark.django_db
def test_verify_finds_a_row_moved_to_another_chain():
    year = CalendarYear.objects.create(year=2037)
    with transaction.atomic():
        first, second = _record(year, "甲"), _record(year, "乙")
    other_chain = first.chain % AUDIT_CHAIN_COUNT + 1
    AuditEvent.objects.filter(pk=second.pk).update(chain=other_chain, sequence=1)

    kinds = {(problem.chain, problem.kind) for problem in audit_chain_verify().problems}

    assert (first.chain, "head_mismatch") in kinds  # its chain lost its last row
    assert (other_chain, "broken_link") in kinds  # the moved row does not start from genesis
    assert (other_chain, "head_mismatch") in kinds  # and that chain's head never saw it


def _in_thread(function) -> threading.Thread:  # type: ignore[no-untyped-def]
    def run() -> None:
        try:
            function()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_second_writer_does_not_wait_for_the_first_ones_commit():
    year = CalendarYear.objects.create(year=2038)
    first_holds_its_head, second_done, release = threading.Event(), threading.Event(), threading.Event()
    chains: dict[str, int] = {}

    def first() -> None:
        with transaction.atomic():
            chains["first"] = _record(year, "先开始、后提交").chain
            first_holds_its_head.set()
            release.wait(timeout=20)

    def second() -> None:
        first_holds_its_head.wait(timeout=20)
        with transaction.atomic():
            chains["second"] = _record(year, "后开始、先提交").chain
        second_done.set()

    threads = [_in_thread(first), _in_thread(second)]
    finished_while_first_open = second_done.wait(timeout=10)
    release.set()
    for thread in threads:
        thread.join(timeout=30)

    assert finished_while_first_open
    assert chains["first"] != chains["second"]
    assert audit_chain_verify().ok


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_when_every_head_is_taken_a_writer_waits_and_the_chains_stay_whole():
    year = CalendarYear.objects.create(year=2039)
    all_locked, writer_done, release = threading.Event(), threading.Event(), threading.Event()
    written: list[AuditEvent] = []

    def hold_every_head() -> None:
        with transaction.atomic():
            list(AuditChainHead.objects.select_for_update())
            all_locked.set()
            release.wait(timeout=20)

    def writer() -> None:
        all_locked.wait(timeout=20)
        with transaction.atomic():
            written.append(_record(year, "所有链头都被占用时写入"))
        writer_done.set()

    threads = [_in_thread(hold_every_head), _in_thread(writer)]
    waited = not writer_done.wait(timeout=1.0)
    release.set()
    for thread in threads:
        thread.join(timeout=30)

    assert waited  # no head was free, so the writer queued instead of failing or forking a chain
    assert len(written) == 1 and written[0].sequence == 1
    assert audit_chain_verify().ok


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_many_concurrent_transactions_of_several_rows_each_verify():
    year = CalendarYear.objects.create(year=2040)
    barrier = threading.Barrier(6)
    errors: list[BaseException] = []

    def transactions() -> None:
        try:
            barrier.wait(timeout=10)
            for n in range(10):
                with transaction.atomic():
                    rows = [_record(year, f"第{n}批{k}") for k in range(3)]
                    time.sleep(0.001)  # hold the head a little, as a real service does
                assert len({row.chain for row in rows}) == 1
        except BaseException as error:
            errors.append(error)

    threads = [_in_thread(transactions) for _ in range(6)]
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    report = audit_chain_verify()
    assert report.ok, report.problems
    assert report.checked == AuditEvent.objects.count() == 6 * 10 * 3
    assert sum(1 for end in report.chains if end.sequence) > 1  # the load did spread over chains
