"""`fazhi import records`: bad rows by number, all or nothing, idempotent on 记录编号, CSV/XLSX."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.importing import MAX_LISTED_ERRORS
from fazhi.orgs.models import OrgUnit
from fazhi.supervision import selectors, services
from fazhi.supervision.models import (
    EnforcementRecord,
    OfficerRollup,
    PowerItemRollup,
    RecordImport,
    RollupBatch,
    UnitRollup,
)
from fazhi.supervision.tests.helpers import (
    RECORD_HEADERS,
    add_officers,
    add_power_items,
    import_records_json,
    increments_from_the_facts,
    small_district,
    write_csv,
    write_xlsx,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tmp_path):
    small_district(tmp_path)
    officers = add_officers(tmp_path, "SCJ1", 3, prefix="A")
    items = add_power_items(tmp_path, "SCJ1", 2, prefix="PA")
    return officers, items


def _good_rows(officers, items):
    return [
        ["R1", "行政检查", "SCJ1", items[0], f"{officers[0]}；{officers[1]}", "2024-03-01", "2024-03-02"],
        ["R2", "行政处罚", "SCJ1", items[1], f"{officers[1]};{officers[2]}", "2024-03-05", "2024-03-20"],
        ["R3", "教育改正", "SCJ1", "", officers[2], "2024/4/1", "2024年4月2日"],
    ]


def _figures(code="SCJ1"):
    return _figures_for(date(2024, 1, 1), date(2024, 12, 31), code)


def _figures_for(start, end, code="SCJ1"):
    services.rollups_merge_pending()  # as every reader of the figures does first
    report = selectors.indicator_report(unit=OrgUnit.objects.get(code=code), start=start, end=end)
    return {v.code: None if v.value is None else str(v.value) for v in report.total.values}


def test_a_good_file_imports_in_one_batch_that_the_rollups_count_once_merged(world, tmp_path):
    officers, items = world
    path = write_csv(tmp_path / "records.csv", RECORD_HEADERS, _good_rows(officers, items))

    report = import_records_json(path)

    # the records are written, and wait for the rollups in one batch naming them
    assert report["ok"] and report["created"] == 3
    assert EnforcementRecord.objects.count() == 3
    batch = RollupBatch.objects.get()
    assert (batch.records, batch.merged_at) == (3, None)
    assert set(EnforcementRecord.objects.values_list("rollup_batch", flat=True)) == {batch.pk}
    ids = EnforcementRecord.objects.values_list("pk", flat=True)
    assert (batch.first_id, batch.last_id) == (min(ids), max(ids))
    assert not UnitRollup.objects.exists()

    # merged once: the rollups hold them, the batch says when, and a second merge adds nothing
    assert services.rollups_merge_pending() == 3
    batch.refresh_from_db()
    assert batch.merged_at is not None
    assert services.rollups_merge_pending() == 0
    assert sorted(UnitRollup.objects.filter(grain="q").values_list("bucket", "n_total")) == [
        (date(2024, 1, 1), 2),
        (date(2024, 4, 1), 1),
    ]
    figures = _figures()
    assert figures["records_total"] == "3" and figures["records_education"] == "1"
    assert figures["officers_participating"] == "3" and figures["power_items_exercised"] == "2"
    assert figures["upload_timeliness"] == "66.67"  # R2 was entered 15 days late
    event = AuditEvent.objects.get(event_type=AuditEventType.SUPERVISION_RECORDS_IMPORTED)
    assert event.changes["created"] == [None, 3]
    assert event.changes["keys"] == [None, "R1…R3"] and "records.csv" in event.reason


def test_bad_rows_are_reported_by_number_and_nothing_is_imported(world, tmp_path):
    officers, items = world
    rows = [
        *_good_rows(officers, items),
        ["R4", "巡查", "SCJ1", items[0], officers[0], "2024-03-01", "2024-03-02"],  # row 5: bad type
        ["R5", "行政检查", "NOPE", items[0], officers[0], "2024-03-01", "2024-03-02"],  # row 6: unknown unit
        ["R6", "行政检查", "SCJ1", "PX999", "Z999", "2024-03-01", "2024-02-02"],  # row 7: three errors
        ["R1", "行政检查", "SCJ1", items[0], officers[0], "2024-03-01", "2099-03-02"],  # row 8: dup + future
        ["R8", "行政检查", "CG1", items[0], officers[0], "2024-03-01", "2024-03-02"],  # row 9: item of another unit
    ]
    path = write_csv(tmp_path / "bad.csv", RECORD_HEADERS, rows)

    report = import_records_json(path)

    assert not report["ok"]
    by_row = {}
    for error in report["errors"]:
        by_row.setdefault(error["row"], set()).add(error["column"])
    assert by_row == {
        5: {"记录类型"},
        6: {"单位编码"},
        7: {"权责事项编码", "执法证号", "录入日期"},
        8: {"记录编号", "录入日期"},
        9: {"权责事项编码"},
    }
    assert EnforcementRecord.objects.count() == 0
    assert UnitRollup.objects.count() == 0
    assert RecordImport.objects.count() == 0
    assert not AuditEvent.objects.filter(event_type=AuditEventType.SUPERVISION_RECORDS_IMPORTED).exists()


def test_importing_the_same_file_twice_changes_nothing(world, tmp_path):
    officers, items = world
    path = write_csv(tmp_path / "records.csv", RECORD_HEADERS, _good_rows(officers, items))
    import_records_json(path)
    before = list(UnitRollup.objects.order_by("pk").values())

    again = import_records_json(path)

    assert again["created"] == 0 and again["updated"] == 0 and again["unchanged"] == 3
    assert list(UnitRollup.objects.order_by("pk").values()) == before
    assert EnforcementRecord.objects.count() == 3


def test_a_changed_row_moves_the_rollups_by_the_difference(world, tmp_path):
    officers, items = world
    import_records_json(write_csv(tmp_path / "v1.csv", RECORD_HEADERS, _good_rows(officers, items)))
    rows = _good_rows(officers, items)
    rows[1] = ["R2", "行政检查", "SCJ1", items[0], officers[0], "2024-03-05", "2024-03-06"]  # type, officers, item

    report = import_records_json(write_csv(tmp_path / "v2.csv", RECORD_HEADERS, rows))

    assert report["updated"] == 1 and report["unchanged"] == 2
    figures = _figures()
    assert figures["records_inspection"] == "2" and figures["records_penalty"] == "0"
    assert figures["power_items_exercised"] == "1"
    assert figures["upload_timeliness"] == "100.00"
    assert OfficerRollup.objects.filter(grain="m", officer__certificates__number=officers[1]).get().n == 1


def test_xlsx_with_a_title_line_and_a_dry_run(world, tmp_path):
    officers, items = world
    path = write_xlsx(tmp_path / "records.xlsx", RECORD_HEADERS, _good_rows(officers, items), title="执法信息导入表")

    dry = import_records_json(path, "--dry-run")
    assert dry["ok"] and dry["created"] == 3
    assert EnforcementRecord.objects.count() == 0

    report = import_records_json(path)
    assert report["created"] == 3
    assert _figures()["records_total"] == "3"


def test_csv_without_bom_and_gb18030_csv(world, tmp_path):
    officers, items = world
    rows = _good_rows(officers, items)
    plain = write_csv(tmp_path / "plain.csv", RECORD_HEADERS, rows[:1], bom=False)
    gbk = tmp_path / "gbk.csv"
    text = "\r\n".join(",".join(r) for r in [RECORD_HEADERS, *rows[1:]]) + "\r\n"
    gbk.write_bytes(text.encode("gb18030"))

    assert import_records_json(plain)["created"] == 1
    assert import_records_json(gbk)["created"] == 2


def test_missing_columns_and_an_empty_file(world, tmp_path):
    missing = write_csv(
        tmp_path / "m.csv", RECORD_HEADERS[:-1], [["R1", "行政检查", "SCJ1", "", "A00000", "2024-01-01"]]
    )
    empty = write_csv(tmp_path / "e.csv", RECORD_HEADERS, [])

    assert "录入日期" in import_records_json(missing)["errors"][0]["message"]
    assert import_records_json(empty)["errors"][0]["message"] == "文件中没有数据行。"


def test_the_command_exits_non_zero_and_names_the_rows(world, tmp_path):
    officers, _items = world
    path = write_csv(tmp_path / "bad.csv", RECORD_HEADERS, [["", "行政检查", "SCJ1", "", officers[0], "x", "y"]])
    err = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import", "records", str(path), stdout=io.StringIO(), stderr=err)
    assert failure.value.returncode == 1
    assert "第2行" in err.getvalue()


def test_a_wholly_wrong_file_prints_its_first_thousand_errors_and_counts_them_all(world, tmp_path):
    officers, _items = world
    rows = [["", "行政检查", "SCJ1", "", officers[0], "2024-03-01", "2024-03-02"]] * (MAX_LISTED_ERRORS + 2)
    path = write_csv(tmp_path / "bad.csv", RECORD_HEADERS, rows)
    err = io.StringIO()

    with pytest.raises(CommandError) as failure:
        call_command("import", "records", str(path), stdout=io.StringIO(), stderr=err)

    printed = err.getvalue().splitlines()
    assert len([line for line in printed if line.startswith("第")]) == MAX_LISTED_ERRORS
    assert printed[-1] == f"……共{MAX_LISTED_ERRORS + 2}处错误，只列出前{MAX_LISTED_ERRORS}处。"
    assert str(failure.value) == f"{MAX_LISTED_ERRORS + 2}处错误，未导入任何数据。"
    report = import_records_json(path)
    assert report["error_total"] == MAX_LISTED_ERRORS + 2 and report["errors_truncated"] is True


def test_after_creates_and_a_change_across_quarters_every_rollup_row_equals_its_facts(world, tmp_path):
    officers, items = world
    import_records_json(write_csv(tmp_path / "v1.csv", RECORD_HEADERS, _good_rows(officers, items)))
    rows = _good_rows(officers, items)
    # R2 moves from March (Q1) to May (Q2), to another officer and item: every grain moves by the difference.
    rows[1] = ["R2", "行政检查", "SCJ1", items[0], officers[0], "2024-05-05", "2024-05-06"]
    rows.append(["R4", "其他", "SCJ1", items[1], officers[1], "2024-06-30", "2024-07-01"])
    assert import_records_json(write_csv(tmp_path / "v2.csv", RECORD_HEADERS, rows))["updated"] == 1
    # changing R2 merged the first file's batch first (so the change moves what the rollups hold);
    # R4 waits in the second file's batch
    first, second = RollupBatch.objects.order_by("pk")
    assert first.merged_at is not None and (second.records, second.merged_at) == (1, None)
    services.rollups_merge_pending()

    expected = increments_from_the_facts()
    officers_stored = {
        (o, u, g, b): n
        for o, u, g, b, n in OfficerRollup.objects.values_list("officer_id", "unit_id", "grain", "bucket", "n")
        if n
    }
    items_stored = {
        (i, g, b): n for i, g, b, n in PowerItemRollup.objects.values_list("power_item_id", "grain", "bucket", "n") if n
    }
    assert officers_stored == dict(expected.officers)
    assert items_stored == dict(expected.items)
    for (unit_id, grain, bucket), deltas in expected.units.items():
        row = UnitRollup.objects.get(unit_id=unit_id, grain=grain, bucket=bucket)
        assert {column: getattr(row, column) for column in deltas} == deltas
    q1 = _figures_for(date(2024, 1, 1), date(2024, 3, 31))
    assert q1["records_total"] == "1" and q1["officers_participating"] == "2"  # R1 (A0, A1)
    q2 = _figures_for(date(2024, 4, 1), date(2024, 6, 30))
    assert q2["records_total"] == "3" and q2["officers_participating"] == "3"  # R3 (A2), R2 (A0), R4 (A1)
    assert q2["power_items_exercised"] == "2"
