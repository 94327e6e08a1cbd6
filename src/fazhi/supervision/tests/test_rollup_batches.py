"""An import leaves its new records in a RollupBatch; every reader of the figures adds them first.

The import writes the fact rows and links while it checks the file (record_writes.stream_new_facts)
and leaves the rollup upserts to services.rollups_merge_pending, which the dashboard, the API,
`fazhi indicators`, snapshots, bulletins and `fazhi tick` call before reading.
"""

from __future__ import annotations

import gc
import io
import json
import re
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from fazhi.orgs.choices import Role
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.tests.factories import UserFactory
from fazhi.supervision import services
from fazhi.supervision.models import EnforcementRecord, RecordOfficer, RollupBatch, UnitRollup
from fazhi.supervision.tests.helpers import (
    RECORD_HEADERS,
    add_officers,
    add_power_items,
    import_records_json,
    role_client,
    rollups_recounted,
    rollups_stored,
    small_district,
    write_csv,
)

pytestmark = pytest.mark.django_db

PERIOD = {"start": "2024-01-01", "end": "2024-12-31"}


@pytest.fixture
def imported(tmp_path):
    """Three records of SCJ1 imported and not merged yet (nothing has read the figures since)."""
    small_district(tmp_path)
    officers = add_officers(tmp_path, "SCJ1", 3, prefix="B")
    items = add_power_items(tmp_path, "SCJ1", 2, prefix="PB")
    rows = [
        ["B1", "行政检查", "SCJ1", items[0], officers[0], "2024-05-01", "2024-05-02"],
        ["B2", "行政处罚", "SCJ1", items[1], f"{officers[1]}；{officers[2]}", "2024-02-01", "2024-02-03"],
        ["B3", "行政检查", "SCJ1", "", officers[2], "2024-03-15", "2024-03-15"],
    ]
    assert import_records_json(write_csv(tmp_path / "records.csv", RECORD_HEADERS, rows))["created"] == 3
    assert RollupBatch.objects.get().merged_at is None and not UnitRollup.objects.exists()
    return officers, items


def _records_total(report: dict) -> str:
    return next(v["value"] for v in report["total"]["indicators"] if v["code"] == "records_total")


def _command_total() -> str:
    out = io.StringIO()
    call_command("indicators", "--unit", "SCJ1", "--from", PERIOD["start"], "--to", PERIOD["end"], "--json", stdout=out)
    return _records_total(json.loads(out.getvalue()))


def _api_total() -> str:
    client = role_client(Role.SUPERVISOR, "TJ")
    body = client.get("/api/v1/supervision/indicators/", {"unit": "SCJ1", "from": PERIOD["start"], "to": PERIOD["end"]})
    return _records_total(body.json())


def _dashboard_total() -> str:
    client = role_client(Role.SUPERVISOR, "TJ")
    html = client.get(reverse("supervision:dashboard"), {"unit": "SCJ1", **PERIOD}).content.decode()
    found = re.search(r'data-testid="figure-records_total"[^>]*>([^<]+)<', html)
    assert found is not None
    return found.group(1).strip().removesuffix("条")


@pytest.mark.parametrize("read", [_command_total, _api_total, _dashboard_total], ids=["command", "api", "dashboard"])
def test_every_reader_of_the_figures_counts_an_import_not_merged_yet(imported, read):
    assert read() == "3"
    assert RollupBatch.objects.get().merged_at is not None
    assert rollups_stored() == rollups_recounted()


def test_a_snapshot_published_right_after_an_import_counts_it(imported):
    snapshot = services.snapshot_publish(
        actor=UserFactory(), unit=OrgUnit.objects.get(code="SCJ1"), start=date(2024, 1, 1), end=date(2024, 12, 31)
    )

    assert snapshot.payload["figures"]["*"]["records_total"]["value"] == "3"


def test_tick_merges_what_is_waiting(imported):
    call_command("tick", stdout=io.StringIO())

    assert RollupBatch.objects.get().merged_at is not None
    assert rollups_stored() == rollups_recounted()


def test_a_bad_row_after_good_ones_leaves_nothing_written(tmp_path):
    small_district(tmp_path)
    officers = add_officers(tmp_path, "SCJ1", 2, prefix="C")
    good = [[f"C{i}", "行政检查", "SCJ1", "", officers[i % 2], "2024-03-01", "2024-03-02"] for i in range(50)]
    bad = ["C-BAD", "行政检查", "NO-SUCH-UNIT", "", officers[0], "2024-03-01", "2024-03-02"]

    report = import_records_json(write_csv(tmp_path / "records.csv", RECORD_HEADERS, [*good, bad]))

    # the 50 good rows were being written while the file was checked: all of it is rolled back
    assert not report["ok"] and report["error_total"] == 1 and report["errors"][0]["row"] == 52
    assert not EnforcementRecord.objects.exists() and not RecordOfficer.objects.exists()
    assert not RollupBatch.objects.exists()


def test_new_ids_follow_the_occurrence_date_whatever_the_file_order(imported):
    by_id = list(EnforcementRecord.objects.order_by("pk").values_list("key", "occurred_on"))

    assert [key for key, _day in by_id] == ["B2", "B3", "B1"]  # February, March, May
    batch = RollupBatch.objects.get()
    ids = list(EnforcementRecord.objects.values_list("pk", flat=True))
    assert (batch.first_id, batch.last_id, batch.records) == (min(ids), max(ids), 3)


def test_a_file_with_nothing_new_leaves_no_batch(imported, tmp_path):
    officers, items = imported
    services.rollups_merge_pending()
    again = [["B1", "行政检查", "SCJ1", items[0], officers[0], "2024-05-01", "2024-05-02"]]

    report = import_records_json(write_csv(tmp_path / "again.csv", RECORD_HEADERS, again))

    assert report["unchanged"] == 1 and RollupBatch.objects.count() == 1


def test_the_cyclic_collector_runs_again_after_an_import(imported, tmp_path):
    assert gc.isenabled()  # imported: the fixture's import has restored it
    gc.disable()
    try:
        import_records_json(write_csv(tmp_path / "none.csv", RECORD_HEADERS, []))
        assert not gc.isenabled()  # it was off before: left off
    finally:
        gc.enable()
