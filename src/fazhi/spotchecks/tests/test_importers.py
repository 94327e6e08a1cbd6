"""`fazhi import entities FILE`: every row checked first, all-or-nothing, idempotent on the credit code."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.spotchecks.importers import HEADERS, entity_directory_import_path, entity_rows_to_csv
from fazhi.spotchecks.models import Entity
from fazhi.spotchecks.tests.factories import uscc

pytestmark = pytest.mark.django_db


def _row(n: int, **overrides: str) -> list[str]:
    row = {
        "统一社会信用代码": uscc(n),
        "名称": f"示范公司{n}",
        "地址": f"测试区和平街道{n}号",
        "行业代码": "F5211",
        "所属区域": "和平街道/一网格",
        "信用风险分类": "A",
        "经营异常名录": "否",
        "标签": "食品；重点",
    }
    row.update(overrides)
    return [row[h] for h in HEADERS]


def _write(tmp_path, rows, name="entities.csv"):
    path = tmp_path / name
    path.write_bytes(entity_rows_to_csv(rows))
    return path


def test_good_file_imports_every_row_with_one_audit_row(tmp_path):
    path = _write(tmp_path, [_row(i) for i in range(5)] + [_row(9, 经营异常名录="是", 信用风险分类="D类")])
    report = entity_directory_import_path(path, actor=None)
    assert report.ok and report.created == 6
    entity = Entity.objects.get(credit_code=uscc(9))
    assert entity.abnormal and entity.risk_class == "D" and entity.tag_list == ["重点", "食品"]
    assert AuditEvent.objects.filter(event_type=AuditEventType.SPOTCHECK_ENTITIES_IMPORTED).count() == 1


def test_bad_rows_are_reported_by_number_and_nothing_is_imported(tmp_path):
    bad_code = uscc(2)[:-1] + ("0" if uscc(2)[-1] != "0" else "1")
    path = _write(tmp_path, [_row(1), _row(2, 统一社会信用代码=bad_code), _row(3, 信用风险分类="E"), _row(1)])
    report = entity_directory_import_path(path, actor=None)
    assert not report.ok
    rows = {(e.row, e.column) for e in report.errors}
    assert (3, "统一社会信用代码") in rows and (4, "信用风险分类") in rows and (5, "统一社会信用代码") in rows
    assert "校验码" in next(e.message for e in report.errors if e.row == 3)
    assert not Entity.objects.exists()
    assert not AuditEvent.objects.filter(event_type=AuditEventType.SPOTCHECK_ENTITIES_IMPORTED).exists()


def test_reimport_is_idempotent_and_updates_changed_rows(tmp_path):
    entity_directory_import_path(_write(tmp_path, [_row(1), _row(2)]), actor=None)
    report = entity_directory_import_path(_write(tmp_path, [_row(1), _row(2, 信用风险分类="C")]), actor=None)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert Entity.objects.get(credit_code=uscc(2)).risk_class == "C"


def test_xlsx_and_the_command(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(HEADERS))
    sheet.append(_row(7))
    path = tmp_path / "entities.xlsx"
    workbook.save(path)
    out = StringIO()
    call_command("import", "entities", str(path), "--json", stdout=out)
    assert json.loads(out.getvalue())["created"] == 1


def test_command_fails_on_a_bad_file(tmp_path):
    path = _write(tmp_path, [_row(1, 统一社会信用代码="123")])
    with pytest.raises(CommandError):
        call_command("import", "entities", str(path), stdout=StringIO(), stderr=StringIO())
    assert not Entity.objects.exists()


def test_missing_column_is_refused(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("统一社会信用代码,名称\n", encoding="utf-8")
    with pytest.raises(Exception, match="缺少列"):
        entity_directory_import_path(path, actor=None)
