"""`fazhi import records`: XLSX date-time cells and Excel serials read as days, a missing day told
apart from a bad format, and a row refused when its certificate was not valid on the 发生日期."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import Workbook

from fazhi.orgs.choices import CertificateEventKind
from fazhi.orgs.models import Certificate, CertificateEvent
from fazhi.supervision.models import EnforcementRecord
from fazhi.supervision.tests.helpers import RECORD_HEADERS, add_officers, import_records_json, small_district, write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def officers(tmp_path):
    small_district(tmp_path)
    return add_officers(tmp_path, "SCJ1", 2, prefix="A")  # valid 2020-01-01 .. 2027-12-31


def test_xlsx_date_time_cells_and_general_format_serials_are_days(officers, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(RECORD_HEADERS)
    sheet.append(["X1", "行政检查", "SCJ1", "", officers[0], date(2026, 11, 9), datetime(2026, 11, 10, 15, 30)])
    sheet.append(["X2", "行政检查", "SCJ1", "", officers[0], "2026-11-09 08:00:00", 46337])  # General cell
    sheet.append(["X3", "行政检查", "SCJ1", "", officers[1], "2026/11/9 8:00", 46337.5])  # with a time
    workbook.save(tmp_path / "records.xlsx")

    report = import_records_json(tmp_path / "records.xlsx")

    assert report["ok"], report["errors"]
    assert dict(EnforcementRecord.objects.values_list("key", "entered_on")) == {
        "X1": date(2026, 11, 10),
        "X2": date(2026, 11, 11),  # 1899-12-30 + 46337 days
        "X3": date(2026, 11, 11),
    }
    assert set(EnforcementRecord.objects.values_list("occurred_on", flat=True)) == {date(2026, 11, 9)}


def test_a_missing_day_says_it_does_not_exist_and_a_stray_number_is_no_date(officers, tmp_path):
    rows = [
        ["X1", "行政检查", "SCJ1", "", officers[0], "2026-02-30", "2026-03-02"],
        ["X2", "行政检查", "SCJ1", "", officers[0], "2026-03-01", "123"],
    ]
    report = import_records_json(write_csv(tmp_path / "r.csv", RECORD_HEADERS, rows))

    messages = {(e["row"], e["column"]): e["message"] for e in report["errors"]}
    assert "日期不存在" in messages[(2, "发生日期")]
    assert "不是有效日期" in messages[(3, "录入日期")]
    assert EnforcementRecord.objects.count() == 0


def test_a_row_is_refused_when_the_certificate_was_not_valid_on_the_day_of_the_act(officers, tmp_path):
    suspended = Certificate.objects.get(number=officers[1])
    CertificateEvent.objects.create(
        certificate=suspended,
        kind=CertificateEventKind.SUSPENDED,
        effective_on=date(2024, 6, 1),
        recorded_at=datetime(2024, 6, 1, 9, 0).astimezone(),
    )
    rows = [
        ["X1", "行政检查", "SCJ1", "", officers[0], "2019-12-31", "2020-01-02"],  # before 有效期起
        ["X2", "行政检查", "SCJ1", "", f"{officers[0]}；{officers[1]}", "2024-06-03", "2024-06-04"],  # 暂扣
        ["X3", "行政检查", "SCJ1", "", officers[1], "2024-05-31", "2024-06-04"],  # the day before: valid
    ]
    report = import_records_json(write_csv(tmp_path / "r.csv", RECORD_HEADERS, rows))

    errors = [(e["row"], e["column"], e["message"]) for e in report["errors"]]
    assert [(row, column) for row, column, _m in errors] == [(2, "执法证号"), (3, "执法证号")]
    assert f"执法证“{officers[0]}”尚未生效" in errors[0][2]
    assert "有效期2020年1月1日至2027年12月31日" in errors[0][2] and "第四十二条" in errors[0][2]
    assert f"执法证“{officers[1]}”已被暂扣" in errors[1][2]
    assert EnforcementRecord.objects.count() == 0  # all or nothing


def test_a_certificate_past_its_validity_is_refused(officers, tmp_path):
    Certificate.objects.filter(number=officers[0]).update(valid_to=date(2024, 12, 31))
    rows = [["X1", "行政检查", "SCJ1", "", officers[0], "2025-01-01", "2025-01-02"]]
    report = import_records_json(write_csv(tmp_path / "r.csv", RECORD_HEADERS, rows))

    assert [e["column"] for e in report["errors"]] == ["执法证号"]
    assert "已过有效期" in report["errors"][0]["message"]
