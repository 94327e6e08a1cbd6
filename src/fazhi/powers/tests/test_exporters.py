"""Exports use the import headers, so an exported file imports again unchanged."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from fazhi.core.errors import DomainError
from fazhi.powers.exporters import list_export
from fazhi.powers.importers import check_list_import_file, power_list_import_file
from fazhi.powers.tests.factories import CheckItemFactory, PowerItemFactory

pytestmark = pytest.mark.django_db


def test_csv_export_has_bom_headers_and_only_visible_rows(cast, north_items) -> None:
    exported = list_export(user=cast.inspector_north, kind="powers", file_format="csv", today=date(2025, 3, 1))
    assert exported.filename == "权责清单-20250301.csv"
    assert exported.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0] == ["事项编码", "事项名称", "事项类别", "实施主体编码", "设定依据", "状态"]
    assert [row[0] for row in rows[1:]] == ["N-CF-001", "N-QZ-001"]
    assert rows[2][2] == "行政强制" and rows[2][5] == "有效"


def test_exported_files_reimport_without_changes(cast, north_items) -> None:
    CheckItemFactory(code="N-JC-1", owner_unit=cast.north, power_items=[north_items[0], north_items[1]])
    for kind, importer in (("powers", power_list_import_file), ("checkitems", check_list_import_file)):
        for file_format in ("csv", "xlsx"):
            exported = list_export(user=cast.supervisor, kind=kind, file_format=file_format, today=date(2025, 3, 1))
            report = importer(actor=None, data=exported.content, filename=exported.filename, dry_run=True)
            assert report.ok, (kind, file_format, report.errors)
            assert report.created == report.updated == 0
            assert report.unchanged > 0


def test_xlsx_cells_are_never_formulas(cast) -> None:
    PowerItemFactory(code="F-1", name="=1+1", owner_unit=cast.north)
    exported = list_export(user=cast.supervisor, kind="powers", file_format="xlsx", today=date(2025, 3, 1))
    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert sheet["B2"].value == "=1+1"
    assert sheet["B2"].data_type == "s"
    csv_export = list_export(user=cast.supervisor, kind="powers", file_format="csv", today=date(2025, 3, 1))
    assert "'=1+1" in csv_export.content.decode("utf-8-sig")


def test_unknown_kind_or_format_is_refused(cast) -> None:
    with pytest.raises(DomainError):
        list_export(user=cast.supervisor, kind="cases", file_format="csv", today=date(2025, 3, 1))
    with pytest.raises(DomainError):
        list_export(user=cast.supervisor, kind="powers", file_format="pdf", today=date(2025, 3, 1))
