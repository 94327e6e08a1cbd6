"""Importers: good files, bad rows by number (nothing written), idempotent re-import, XLSX and CSV+BOM."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.powers.choices import ItemStatus
from fazhi.powers.importers import check_list_import_file, power_list_import_file
from fazhi.powers.models import CheckItem, ListImport, PowerItem

pytestmark = pytest.mark.django_db

POWER_HEADER = ["事项编码", "事项名称", "事项类别", "实施主体编码", "设定依据", "状态"]
GOOD_POWERS = [
    POWER_HEADER,
    ["N-XK-01", "示范经营许可", "行政许可", "NORTH", "《中华人民共和国示范处罚法》第二条", "有效"],
    [
        "N-CF-01",
        "对未办理示范登记的处罚",
        "行政处罚",
        "NORTH",
        "《中华人民共和国示范处罚法》第三条；《青禾市示范办法》第五条",
        "",
    ],
    ["S-JC-01", "对占道经营的检查", "行政检查", "SOUTH", "《某市市容条例》第十条", "暂停"],
]


def csv_bytes(rows: list[list[str]], *, bom: bool = True) -> bytes:
    text = "\r\n".join(",".join(f'"{cell}"' for cell in row) for row in rows) + "\r\n"
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def xlsx_bytes(rows: list[list[object]], *, title_row: str | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if title_row:
        sheet.append([title_row])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_good_csv_with_bom_imports_every_row(cast, law) -> None:
    report = power_list_import_file(actor=cast.system_admin, data=csv_bytes(GOOD_POWERS), filename="权责清单.csv")
    assert report.ok, report.errors
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    assert report.details["unresolved_citations"] == ["《青禾市示范办法》第五条", "《某市市容条例》第十条"]
    item = PowerItem.objects.get(code="N-CF-01")
    assert item.basis_text == "《中华人民共和国示范处罚法》第三条；《青禾市示范办法》第五条"
    assert [a.number for a in item.legal_articles.all()] == [3]
    assert PowerItem.objects.get(code="S-JC-01").status == ItemStatus.SUSPENDED
    assert AuditEvent.objects.filter(event_type=AuditEventType.POWER_ITEM_CREATED).count() == 3
    log = ListImport.objects.get()
    assert (log.kind, log.created, log.imported_by) == ("powers", 3, cast.system_admin)
    assert AuditEvent.objects.filter(event_type=AuditEventType.POWER_LIST_IMPORTED).count() == 1


def test_csv_without_bom_and_gbk_csv_read_the_same(cast) -> None:
    plain = power_list_import_file(actor=None, data=csv_bytes(GOOD_POWERS, bom=False), filename="a.csv", dry_run=True)
    text = "\r\n".join(",".join(row) for row in GOOD_POWERS)
    gbk = power_list_import_file(actor=None, data=text.encode("gbk"), filename="b.CSV", dry_run=True)
    assert plain.ok and gbk.ok
    assert plain.created == gbk.created == 3
    assert not PowerItem.objects.exists()  # dry run writes nothing
    assert not ListImport.objects.exists()


def test_xlsx_with_a_title_row_and_numeric_codes(cast) -> None:
    rows = [POWER_HEADER[:5], [330100, "数字编码事项", "行政确认", "NORTH", "《某法》第一条"]]
    report = power_list_import_file(
        actor=None, data=xlsx_bytes(rows, title_row="北区市场监管局权责清单"), filename="清单.xlsx"
    )
    assert report.ok, report.errors
    item = PowerItem.objects.get(code="330100")
    assert item.category == "confirmation"
    assert item.status == ItemStatus.ACTIVE  # no 状态 column: 有效


def test_bad_rows_are_reported_by_number_and_nothing_is_written(cast) -> None:
    rows = [
        POWER_HEADER,
        ["N-01", "正常事项", "行政处罚", "NORTH", "《某法》第一条", ""],  # row 2: fine
        ["N-02", "未知单位", "行政处罚", "NOPE", "《某法》第一条", ""],  # row 3
        ["N-03", "未知类别", "行政处分", "NORTH", "《某法》第一条", ""],  # row 4
        ["N-01", "重复编码", "行政处罚", "NORTH", "《某法》第一条", ""],  # row 5
        ["N-05", "", "行政处罚", "NORTH", "《某法》第一条", ""],  # row 6
        ["N-06", "没有依据", "行政处罚", "NORTH", "", ""],  # row 7
        ["N-07", "错误状态", "行政处罚", "NORTH", "《某法》第一条", "作废"],  # row 8
        ["", "", "", "", "", ""],  # blank line: skipped, not an error
        ["N 08", "编码含空格", "行政处罚", "NORTH", "《某法》第一条", ""],  # row 10
    ]
    before = AuditEvent.objects.count()
    report = power_list_import_file(actor=None, data=csv_bytes(rows), filename="bad.csv")
    assert not report.ok
    by_row = {(e.row, e.column): e.message for e in report.errors}
    assert by_row[(3, "实施主体编码")] == "未知的实施主体编码“NOPE”，或无权管理该单位。"
    assert by_row[(4, "事项类别")].startswith("未知的事项类别“行政处分”")
    assert by_row[(5, "事项编码")] == "事项编码“N-01”在文件中重复（与第2行重复）。"
    assert by_row[(6, "事项名称")] == "事项名称不能为空。"
    assert "设定依据不能为空" in by_row[(7, "设定依据")]
    assert by_row[(8, "状态")].startswith("未知的状态“作废”")
    assert "无效" in by_row[(10, "事项编码")]
    assert {e.row for e in report.errors} == {3, 4, 5, 6, 7, 8, 10}
    assert not PowerItem.objects.exists()
    assert not ListImport.objects.exists()
    assert AuditEvent.objects.count() == before


def test_missing_header_is_reported_on_row_1(cast) -> None:
    report = power_list_import_file(actor=None, data=csv_bytes([["编码", "名称"], ["a", "b"]]), filename="x.csv")
    assert [(e.row, e.column) for e in report.errors] == [(1, "文件")]
    assert "缺少必需的列：事项编码、事项名称、事项类别、实施主体编码、设定依据" in report.errors[0].message


def test_unreadable_and_unsupported_files_are_refused(cast) -> None:
    assert "XLSX" in power_list_import_file(actor=None, data=b"not a zip", filename="x.xlsx").errors[0].message
    assert "不支持的文件类型" in power_list_import_file(actor=None, data=b"", filename="x.xls").errors[0].message
    empty = power_list_import_file(actor=None, data=csv_bytes([POWER_HEADER]), filename="x.csv")
    assert empty.errors[0].message == "文件中没有数据行。"


def test_reimport_is_idempotent_and_updates_changed_rows(cast, law) -> None:
    power_list_import_file(actor=None, data=csv_bytes(GOOD_POWERS), filename="v1.csv")
    again = power_list_import_file(actor=None, data=csv_bytes(GOOD_POWERS), filename="v1.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert PowerItem.objects.count() == 3
    assert AuditEvent.objects.filter(event_type=AuditEventType.POWER_ITEM_UPDATED).count() == 0

    changed = [row[:] for row in GOOD_POWERS]
    changed[1][1] = "示范经营许可（含变更）"
    changed[2][4] = "《中华人民共和国示范处罚法》第四条"
    third = power_list_import_file(actor=None, data=csv_bytes(changed), filename="v2.csv")
    assert (third.created, third.updated, third.unchanged) == (0, 2, 1)
    assert PowerItem.objects.count() == 3
    item = PowerItem.objects.get(code="N-CF-01")
    assert [a.number for a in item.legal_articles.all()] == [4]
    assert AuditEvent.objects.filter(event_type=AuditEventType.POWER_ITEM_UPDATED).count() == 2
    assert ListImport.objects.count() == 3


def test_a_unit_admin_can_only_import_for_own_units(cast) -> None:
    report = power_list_import_file(
        actor=cast.unit_admin_north, data=csv_bytes(GOOD_POWERS), filename="x.csv", restrict_to=cast.unit_admin_north
    )
    assert [(e.row, e.column) for e in report.errors] == [(4, "实施主体编码")]  # the SOUTH row
    assert not PowerItem.objects.exists()
    own = [GOOD_POWERS[0], GOOD_POWERS[1]]
    assert power_list_import_file(
        actor=cast.unit_admin_north, data=csv_bytes(own), filename="y.csv", restrict_to=cast.unit_admin_north
    ).ok


def test_a_unit_admin_cannot_take_over_another_units_code(cast, north_items) -> None:
    rows = [POWER_HEADER[:5], ["S-CF-001", "改成北区的", "行政处罚", "NORTH", "《某法》第一条"]]
    report = power_list_import_file(
        actor=cast.unit_admin_north, data=csv_bytes(rows), filename="x.csv", restrict_to=cast.unit_admin_north
    )
    assert report.errors[0].message == "事项编码“S-CF-001”已被其他单位使用。"
    assert PowerItem.objects.get(code="S-CF-001").owner_unit == cast.south


CHECK_HEADER = ["检查事项编码", "检查事项名称", "实施主体编码", "权责事项编码", "检查依据", "检查方式"]


def test_check_list_import_links_power_items_and_flags_missing_basis(cast, law, north_items) -> None:
    rows = [
        CHECK_HEADER,
        ["N-JC-01", "示范登记检查", "NORTH", "N-CF-001；N-QZ-001", "《中华人民共和国示范处罚法》第二条", "现场检查"],
        ["N-JC-02", "无依据的检查", "NORTH", "N-CF-001", "", "书面检查"],
    ]
    report = check_list_import_file(actor=None, data=xlsx_bytes(rows), filename="检查清单.xlsx")
    assert report.ok, report.errors
    assert report.created == 2
    assert report.details["without_basis"] == 1
    first = CheckItem.objects.get(code="N-JC-01")
    assert sorted(first.power_items.values_list("code", flat=True)) == ["N-CF-001", "N-QZ-001"]
    assert first.has_legal_basis and [a.number for a in first.legal_articles.all()] == [2]
    assert CheckItem.objects.get(code="N-JC-02").has_legal_basis is False
    again = check_list_import_file(actor=None, data=xlsx_bytes(rows), filename="检查清单.xlsx")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert CheckItem.objects.count() == 2


def test_check_list_bad_rows(cast, north_items) -> None:
    rows = [
        CHECK_HEADER,
        ["N-JC-01", "未知权责事项", "NORTH", "NOPE-1", "《某法》第一条", "现场检查"],  # row 2
        ["N-JC-02", "跨单位权责事项", "NORTH", "S-CF-001", "《某法》第一条", "现场检查"],  # row 3
        ["N-JC-03", "未知方式", "NORTH", "N-CF-001", "《某法》第一条", "飞行检查"],  # row 4
        ["N-JC-04", "没有权责事项", "NORTH", "", "《某法》第一条", "现场检查"],  # row 5
    ]
    report = check_list_import_file(actor=None, data=csv_bytes(rows), filename="bad.csv")
    by_row = {e.row: e.message for e in report.errors}
    assert by_row[2] == "未知的权责事项编码“NOPE-1”。"
    assert "不属于本单位或上级单位" in by_row[3]
    assert by_row[4].startswith("未知的检查方式“飞行检查”")
    assert "权责事项编码不能为空" in by_row[5]
    assert not CheckItem.objects.exists()


def test_fazhi_import_command_for_both_kinds(cast, north_items, tmp_path: Path) -> None:
    powers = tmp_path / "powers.csv"
    powers.write_bytes(csv_bytes(GOOD_POWERS))
    out = io.StringIO()
    call_command("import", "powers", str(powers), "--json", stdout=out)
    assert json.loads(out.getvalue())["created"] == 3
    checks = tmp_path / "checks.csv"
    checks.write_bytes(csv_bytes([CHECK_HEADER, ["N-JC-9", "检查", "NORTH", "N-XK-01", "《某法》第一条", "现场检查"]]))
    out = io.StringIO()
    call_command("import", "checkitems", str(checks), stdout=out)
    assert "检查清单导入完成：新增1" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([POWER_HEADER, ["X-1", "坏行", "行政处分", "NORTH", "《某法》第一条", ""]]))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", "powers", str(bad), stderr=err)
    assert "第2行［事项类别］" in err.getvalue()
