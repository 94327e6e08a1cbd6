"""`fazhi import entities FILE`: the entity directory (检查对象名录库) from CSV or XLSX.

Headers (exactly, in any order): 统一社会信用代码, 名称, 地址, 行业代码, 所属区域, 信用风险分类,
经营异常名录, 标签 (docs/spotchecks.md). The file is read twice, streaming: the first pass checks every
row (row numbers as a spreadsheet shows them, the header being row 1) and writes nothing if any row
is bad; the second pass writes in batches inside one transaction (services.entity_directory_write),
so a million-row file needs neither a million objects in memory nor a half-written directory.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from fazhi.core.errors import DomainError
from fazhi.core.ids import normalize_id, uscc_error
from fazhi.core.importing import ImportReport, RowError
from fazhi.spotchecks import services
from fazhi.spotchecks.choices import RiskClass
from fazhi.spotchecks.services import EntityRow

HEADERS = ("统一社会信用代码", "名称", "地址", "行业代码", "所属区域", "信用风险分类", "经营异常名录", "标签")
_INDUSTRY = re.compile(r"^(?:[A-T](?:\d{2,4})?|\d{2,4})$")  # GB/T 4754: 门类 letter and/or 2–4 digits
_YES = {"是", "Y", "YES", "TRUE", "1", "列入"}
_NO = {"", "否", "N", "NO", "FALSE", "0", "未列入"}
_TAG_SPLIT = re.compile(r"[;；,，、|\s]+")
LIMITS = {"名称": 200, "地址": 300, "所属区域": 100, "标签": 280}


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_rows(path: Path) -> Iterator[list[str]]:
    raw = path.read_bytes()[:4]
    encoding = "utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8"
    with path.open(encoding=encoding, newline="") as handle:
        yield from csv.reader(handle)


def _xlsx_rows(path: Path) -> Iterator[list[str]]:
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        for values in workbook.worksheets[0].iter_rows(values_only=True):
            yield [_cell(v) for v in values]
    finally:
        workbook.close()


def _rows(path: Path) -> Iterator[list[str]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv_rows(path)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_rows(path)
    raise DomainError(f"不支持的文件类型：{path.suffix or '（无扩展名）'}（应为CSV或XLSX）。", code="import.bad_format")


def _header_index(header: list[str]) -> dict[str, int]:
    names = [h.strip().lstrip("\ufeff") for h in header]
    missing = [h for h in HEADERS if h not in names]
    if missing:
        raise DomainError(
            f"缺少列：{'、'.join(missing)}（表头应为：{'、'.join(HEADERS)}）。", code="import.missing_columns"
        )
    return {h: names.index(h) for h in HEADERS}


def parse_row(number: int, cells: list[str], index: dict[str, int], errors: list[RowError]) -> EntityRow | None:
    """Check one row; append its errors and return None when it is bad."""

    def get(column: str) -> str:
        position = index[column]
        return cells[position].strip() if position < len(cells) and cells[position] else ""

    before = len(errors)
    code = normalize_id(get("统一社会信用代码"))
    reason = uscc_error(code) if code else "统一社会信用代码不能为空。"
    if reason:
        errors.append(RowError(row=number, column="统一社会信用代码", message=reason))
    name = get("名称")
    if not name:
        errors.append(RowError(row=number, column="名称", message="名称不能为空。"))
    for column, limit in LIMITS.items():
        if len(get(column)) > limit:
            errors.append(RowError(row=number, column=column, message=f"{column}过长（不超过{limit}字）。"))
    industry = get("行业代码").upper()
    if industry and not _INDUSTRY.match(industry):
        errors.append(
            RowError(row=number, column="行业代码", message=f"行业代码“{industry}”不符合GB/T 4754（如C13、F5211）。")
        )
    risk = get("信用风险分类").upper().removesuffix("类")
    if risk not in RiskClass.values:
        errors.append(
            RowError(row=number, column="信用风险分类", message=f"信用风险分类应为A、B、C、D之一，当前为“{risk}”。")
        )
    flag = get("经营异常名录").upper()
    if flag not in _YES and flag not in _NO:
        errors.append(
            RowError(row=number, column="经营异常名录", message=f"经营异常名录应填“是”或“否”，当前为“{flag}”。")
        )
    if len(errors) > before:
        return None
    tags = sorted({t for t in _TAG_SPLIT.split(get("标签")) if t})
    return EntityRow(
        row=number,
        credit_code=code,
        name=name,
        address=get("地址"),
        industry_code=industry,
        area=get("所属区域"),
        risk_class=risk,
        abnormal=flag in _YES,
        tags=f",{','.join(tags)}," if tags else "",
    )


def _good_rows(path: Path, errors: list[RowError]) -> Iterator[EntityRow]:
    rows = _rows(path)
    header = next(rows, None)
    if header is None:
        raise DomainError("文件为空。", code="import.empty")
    index = _header_index(header)
    seen: dict[str, int] = {}
    for number, cells in enumerate(rows, start=2):
        if not any(c.strip() for c in cells if c):
            continue  # blank lines at the end of exported sheets
        entity = parse_row(number, cells, index, errors)
        if entity is None:
            continue
        first = seen.setdefault(entity.credit_code, number)
        if first != number:
            errors.append(
                RowError(
                    row=number,
                    column="统一社会信用代码",
                    message=f"{entity.credit_code}在文件中重复（与第{first}行重复）。",
                )
            )
            continue
        yield entity


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def entity_directory_import_path(path: Path, *, actor: Any, dry_run: bool = False) -> ImportReport:
    """Import the directory file at `path`: all rows or none; idempotent on the credit code."""
    report = ImportReport(kind="entities", source=str(path))
    errors: list[RowError] = []
    total = sum(1 for _ in _good_rows(path, errors))
    if errors:
        report.add_errors(errors)
        report.details = {"bad_rows": len({e.row for e in errors})}
        return report
    rows_factory: Callable[[], Iterator[EntityRow]] = lambda: _good_rows(path, [])  # noqa: E731
    result = services.entity_directory_write(
        actor=actor, rows=rows_factory, source=path.name, sha256=_sha256(path), dry_run=dry_run
    )
    report.created, report.updated, report.unchanged = result.created, result.updated, result.unchanged
    report.details = {"rows": total}
    return report


def entity_directory_import_bytes(data: bytes, *, filename: str, actor: Any, dry_run: bool = False) -> ImportReport:
    """The same for an upload (web/API): the bytes go through a temporary file, read twice."""
    suffix = Path(filename).suffix.lower() or ".csv"
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        handle.write(data)
        handle.flush()
        report = entity_directory_import_path(Path(handle.name), actor=actor, dry_run=dry_run)
    report.source = filename
    return report


def entity_rows_to_csv(rows: list[list[str]]) -> bytes:
    """A directory CSV (UTF-8 with BOM, as spreadsheet programs like) — used by the demo and tests."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")
