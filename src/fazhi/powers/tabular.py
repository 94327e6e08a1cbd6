"""Reading and writing the CSV/XLSX files of the power and check lists.

No ORM here: a file becomes a header map plus numbered rows of strings, and rows of strings become a
file. Row numbers are the ones a spreadsheet shows (the header is usually row 1), so an error
message can say "第5行" and the user finds the line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from fazhi.core.errors import DomainError

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 100_000
# Government spreadsheets often carry a title line ("××局权责清单") above the header.
HEADER_SEARCH_ROWS = 5
# Cells a spreadsheet would run as a formula (CSV injection); exports quote them, imports unquote.
_FORMULA_PREFIXES = ("=", "+", "@")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True, slots=True)
class Table:
    """The rows of a file below its header: (spreadsheet row number, {header: cell text})."""

    headers: tuple[str, ...]
    header_row: int
    rows: tuple[tuple[int, dict[str, str]], ...]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a numeric code typed into Excel: 330100.0 → "330100"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).replace("\ufeff", "").strip()
    if text[:1] == "'" and text[1:2] in _FORMULA_PREFIXES:
        text = text[1:]
    return text


def _decode(data: bytes) -> str:
    # UTF-8 with or without BOM; Excel on Chinese Windows saves "CSV" as GBK, so try GB18030 after.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DomainError("CSV文件的编码无法识别，请另存为UTF-8。", code="file_encoding")  # pragma: no cover


def _csv_rows(data: bytes) -> list[list[str]]:
    text = _decode(data)
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as exc:
        raise DomainError(f"CSV文件格式错误：{exc}", code="file_unreadable") from exc


def _xlsx_rows(data: bytes) -> list[list[object]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError) as exc:
        raise DomainError(
            "无法读取XLSX文件，请确认文件是Excel 2007及以上格式（.xlsx）。", code="file_unreadable"
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def file_format(filename: str) -> str:
    """Return "csv" or "xlsx" from the file name; refuse anything else."""
    lowered = filename.lower()
    if lowered.endswith(".csv"):
        return "csv"
    if lowered.endswith(".xlsx"):
        return "xlsx"
    raise DomainError(f"不支持的文件类型：“{filename}”。请上传 .xlsx 或 .csv 文件。", code="file_type")


def read_table(data: bytes, *, filename: str, required: Sequence[str], optional: Sequence[str] = ()) -> Table:
    """Read a CSV or XLSX file into a Table; refuse a file without the required headers.

    The header row is the first of the top rows that holds every required header. Rows whose
    cells are all empty are skipped. Unknown columns are ignored.
    """
    if len(data) > MAX_FILE_BYTES:
        raise DomainError(f"文件过大（超过{MAX_FILE_BYTES // 1024 // 1024}MB）。", code="file_too_large")
    raw = _csv_rows(data) if file_format(filename) == "csv" else _xlsx_rows(data)
    if len(raw) > MAX_ROWS + HEADER_SEARCH_ROWS:
        raise DomainError(f"文件行数过多（超过{MAX_ROWS}行），请分批导入。", code="file_too_large")
    header_index = None
    for index, row in enumerate(raw[:HEADER_SEARCH_ROWS]):
        cells = [_cell_text(value) for value in row]
        if all(name in cells for name in required):
            header_index = index
            break
    if header_index is None:
        first = [_cell_text(value) for value in raw[0]] if raw else []
        missing = [name for name in required if name not in first]
        raise DomainError(
            f"文件缺少必需的列：{'、'.join(missing)}。表头应为：{'、'.join([*required, *optional])}。",
            code="missing_columns",
            fields={"columns": missing},
        )
    headers = [_cell_text(value) for value in raw[header_index]]
    wanted = {name: headers.index(name) for name in (*required, *optional) if name in headers}
    rows = []
    for offset, row in enumerate(raw[header_index + 1 :], start=header_index + 2):
        cells = [_cell_text(value) for value in row]
        if not any(cells):
            continue
        rows.append((offset, {name: cells[col] if col < len(cells) else "" for name, col in wanted.items()}))
    return Table(headers=tuple(wanted), header_row=header_index + 1, rows=tuple(rows))


def _safe(value: str) -> str:
    return f"'{value}" if value[:1] in _FORMULA_PREFIXES else value


def write_csv(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """Return UTF-8 CSV with a BOM, so that Excel shows the Chinese headers correctly."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_safe(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_xlsx(headers: Sequence[str], rows: Iterable[Sequence[str]], *, title: str) -> bytes:
    """Return an XLSX workbook with one sheet; every cell is text (never a formula)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # openpyxl would otherwise store it as a formula
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(12, len(header) * 3)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
