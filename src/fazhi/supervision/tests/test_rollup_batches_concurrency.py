"""Concurrent merges and id draws never count a record twice nor give two records one id.

PostgreSQL only (real concurrent transactions with real threads; deselected on SQLite by conftest.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from fazhi.core.tests.threads import run_at_once
from fazhi.supervision import record_writes, services
from fazhi.supervision.models import RollupBatch
from fazhi.supervision.tests.helpers import (
    RECORD_HEADERS,
    add_officers,
    add_power_items,
    import_records_json,
    rollups_recounted,
    rollups_stored,
    small_district,
    write_csv,
)

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _race(*calls: Callable[[], Any]) -> list[Any]:
    """What each call returned (any exception fails the test)."""
    results = run_at_once(*calls)
    for result in results:
        if isinstance(result, Exception):
            raise result
    return results


def test_two_merges_at_once_add_each_record_once(tmp_path):
    small_district(tmp_path)
    officers = add_officers(tmp_path, "SCJ1", 4, prefix="M")
    items = add_power_items(tmp_path, "SCJ1", 3, prefix="PM")
    for part in range(2):  # two imports: two batches waiting
        day = f"2024-0{part + 3}-01"
        rows = [[f"M{part}-{i}", "行政检查", "SCJ1", items[i % 3], officers[i % 4], day, day] for i in range(40)]
        assert import_records_json(write_csv(tmp_path / f"m{part}.csv", RECORD_HEADERS, rows))["created"] == 40

    merged = _race(services.rollups_merge_pending, services.rollups_merge_pending)

    # one merged both batches; the other waited on their row locks and then found nothing waiting
    assert sorted(merged) == [0, 80]
    assert not RollupBatch.objects.filter(merged_at__isnull=True).exists()
    assert rollups_stored() == rollups_recounted()


def test_id_blocks_drawn_at_once_do_not_overlap():
    def draw() -> list[int]:
        with transaction.atomic(), connection.cursor() as cursor:
            return record_writes._new_ids(cursor, 5000)

    blocks = _race(draw, draw, draw)

    drawn = [record_id for block in blocks for record_id in block]
    assert len(set(drawn)) == 15000
    for block in blocks:
        assert block == list(range(block[0], block[0] + 5000))  # each block consecutive


def test_a_failed_id_draw_releases_its_lock():
    # A draw whose statement fails (here: a block below the sequence's minimum) must not leave the
    # session lock held: every later import on any connection would wait for it.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        record_writes._new_ids(cursor, -(10**6))

    def lock_free() -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [record_writes.ID_BLOCK_LOCK])
            taken = cursor.fetchone()[0]
            cursor.execute("SELECT pg_advisory_unlock(%s)", [record_writes.ID_BLOCK_LOCK])
        return taken

    assert _race(lock_free) == [True]  # another connection takes it at once


def test_two_imports_changing_one_record_at_once_move_the_rollups_once_each(tmp_path, monkeypatch):
    small_district(tmp_path)
    officers = add_officers(tmp_path, "SCJ1", 2, prefix="R")
    items = add_power_items(tmp_path, "SCJ1", 1, prefix="PR")

    def row(day: str) -> list[str]:
        return ["R1", "行政检查", "SCJ1", items[0], officers[0], day, day]

    import_records_json(write_csv(tmp_path / "v0.csv", RECORD_HEADERS, [row("2024-03-03")]))
    services.rollups_merge_pending()
    # Both imports read R1 as stored (March) before either writes: the race that took March's
    # contribution out twice when the rows were not locked and read again.
    both_read = threading.Barrier(2)
    first_read = threading.local()
    stored_records = record_writes.stored_records

    def read_then_wait(**kwargs: Any) -> Any:
        found = stored_records(**kwargs)
        if not getattr(first_read, "done", False):
            first_read.done = True
            both_read.wait(timeout=10)
        return found

    monkeypatch.setattr(record_writes, "stored_records", read_then_wait)
    files = [
        write_csv(tmp_path / f"v{n}.csv", RECORD_HEADERS, [row(day)])
        for n, day in ((1, "2024-05-05"), (2, "2024-06-06"))
    ]

    reports = _race(*(lambda path=path: import_records_json(path) for path in files))

    assert sorted(report["updated"] for report in reports) == [1, 1]
    services.rollups_merge_pending()
    assert rollups_stored() == rollups_recounted()
