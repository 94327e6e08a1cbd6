"""`fazhi import units` and `fazhi import officers`: parents first, bad rows by number, all or nothing,
idempotent, officers without a citizen ID."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.orgs.choices import OrgUnitKind
from fazhi.orgs.models import Certificate, Officer, OrgUnit, Person
from fazhi.orgs.tests.files import csv_bytes

pytestmark = pytest.mark.django_db

UNIT_HEADERS = ["单位编码", "单位名称", "上级单位编码", "执法领域", "是否执法主体"]
OFFICER_HEADERS = ["执法证号", "姓名", "所属单位编码", "执法领域", "证件有效期起", "证件有效期止"]


def _csv(path: Path, headers: list[str], rows: list[list[str]]) -> Path:
    path.write_bytes(csv_bytes(headers, rows))
    return path


def _import(kind: str, path: Path) -> dict:
    out = io.StringIO()
    try:
        call_command("import", kind, str(path), "--json", stdout=out, stderr=io.StringIO())
    except CommandError:
        pass
    return json.loads(out.getvalue())


UNITS = [
    ["D1", "区市场监督管理局", "G", "市场监管", "是"],
    ["B1", "市场监管执法大队", "D1", "市场监管", "是"],
    ["R", "测试区", "", "", "否"],
    ["G", "测试区人民政府", "R", "", "否"],
    ["T1", "东湖街道办事处", "G", "城市管理；市场监管", "否"],
]


def test_units_import_parents_first_and_infers_kinds(tmp_path):
    report = _import("units", _csv(tmp_path / "u.csv", UNIT_HEADERS, UNITS))

    assert report["ok"] and report["created"] == 5
    kinds = dict(OrgUnit.objects.values_list("code", "kind"))
    assert kinds == {
        "R": OrgUnitKind.REGION,
        "G": OrgUnitKind.GOVERNMENT,
        "D1": OrgUnitKind.DEPARTMENT,
        "B1": OrgUnitKind.ENFORCEMENT_BODY,
        "T1": OrgUnitKind.DEPARTMENT,
    }
    assert OrgUnit.objects.get(code="B1").path == "/R/G/D1/B1/"
    assert sorted(OrgUnit.objects.get(code="T1").domains.values_list("name", flat=True)) == ["城市管理", "市场监管"]
    assert AuditEvent.objects.filter(event_type=AuditEventType.ORG_UNIT_CREATED).count() == 5


def test_units_import_is_idempotent_and_updates_names(tmp_path):
    path = _csv(tmp_path / "u.csv", UNIT_HEADERS, UNITS)
    _import("units", path)
    assert _import("units", path)["unchanged"] == 5

    rows = [list(row) for row in UNITS]
    rows[0][1] = "区市场监管局（更名）"
    report = _import("units", _csv(tmp_path / "u2.csv", UNIT_HEADERS, rows))

    assert report["updated"] == 1 and report["unchanged"] == 4
    assert OrgUnit.objects.get(code="D1").name == "区市场监管局（更名）"


def test_units_bad_rows_and_cycles_import_nothing(tmp_path):
    rows = [
        *UNITS,
        ["bad code", "x", "G", "", "是"],  # row 7
        ["X1", "甲", "X2", "", "否"],  # row 8: cycle X1 → X2 → X1
        ["X2", "乙", "X1", "", "否"],  # row 9
        ["X3", "丙", "NOPE", "", "也许"],  # row 10: unknown parent + bad flag
    ]
    report = _import("units", _csv(tmp_path / "u.csv", UNIT_HEADERS, rows))

    rows_with_errors = sorted({e["row"] for e in report["errors"]})
    assert rows_with_errors == [7, 8, 9, 10]
    assert OrgUnit.objects.count() == 0


def test_officers_import_without_citizen_id_and_then_updates(tmp_path):
    _import("units", _csv(tmp_path / "u.csv", UNIT_HEADERS, UNITS))
    rows = [
        ["12000100001", "王一", "D1", "市场监管", "2024-01-01", "2028-12-31"],
        ["12000100002", "李二", "B1", "", "2024/1/1", "2028/12/31"],  # domain from the unit
    ]

    report = _import("officers", _csv(tmp_path / "o.csv", OFFICER_HEADERS, rows))

    assert report["ok"] and report["created"] == 2
    assert Person.objects.filter(citizen_id__isnull=True).count() == 2
    certificate = Certificate.objects.get(number="12000100002")
    assert certificate.officer.unit.code == "B1"
    assert list(certificate.domains.values_list("name", flat=True)) == ["市场监管"]
    assert certificate.issuer == "测试区人民政府"
    assert _import("officers", _csv(tmp_path / "o.csv", OFFICER_HEADERS, rows))["unchanged"] == 2

    rows[0][5] = "2029-06-30"
    again = _import("officers", _csv(tmp_path / "o2.csv", OFFICER_HEADERS, rows))
    assert again["updated"] == 1
    assert str(Certificate.objects.get(number="12000100001").valid_to) == "2029-06-30"
    assert Officer.objects.count() == 2


def test_officers_bad_rows_import_nothing(tmp_path):
    _import("units", _csv(tmp_path / "u.csv", UNIT_HEADERS, UNITS))
    _import(
        "officers", _csv(tmp_path / "o.csv", OFFICER_HEADERS, [["N1", "王一", "D1", "", "2024-01-01", "2028-12-31"]])
    )
    rows = [
        ["N2", "赵三", "D1", "市场监管", "2024-01-01", "2028-12-31"],  # row 2 is fine
        ["N1", "别人", "B1", "", "2024-01-01", "2028-12-31"],  # row 3: another holder, another unit
        ["N3", "孙四", "NOPE", "", "2024-13-01", "2023-01-01"],  # row 4
        ["N4", "周五", "G", "", "2024-01-01", "2028-12-31"],  # row 5: no domain anywhere
    ]

    report = _import("officers", _csv(tmp_path / "o2.csv", OFFICER_HEADERS, rows))

    assert sorted({e["row"] for e in report["errors"]}) == [3, 4, 5]
    assert not Certificate.objects.filter(number="N2").exists()
    assert Certificate.objects.count() == 1


def test_units_import_records_the_optional_document_prefix(tmp_path):
    headers = [*UNIT_HEADERS, "机关代字"]
    rows = [["R", "测试区", "", "", "否", ""], ["G", "测试区人民政府", "R", "", "否", "测政"]]
    assert _import("units", _csv(tmp_path / "u.csv", headers, rows))["created"] == 2
    assert OrgUnit.objects.get(code="G").document_prefix == "测政"

    # An empty cell keeps the recorded 代字; a bad one refuses the file, naming the row and column
    again = _import("units", _csv(tmp_path / "u2.csv", headers, [["G", "测试区人民政府", "R", "", "否", ""]]))
    bad = _import("units", _csv(tmp_path / "u3.csv", headers, [["G", "测试区人民政府", "R", "", "否", "测 政"]]))

    assert again["unchanged"] == 1 and OrgUnit.objects.get(code="G").document_prefix == "测政"
    assert not bad["ok"] and bad["errors"][0]["column"] == "机关代字"
