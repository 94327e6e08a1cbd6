"""Streaming reader for the CSV/XLSX files of `fazhi import <kind> FILE` (domain-neutral, no ORM).

A file becomes numbered rows of strings keyed by header, read lazily so that a file of a million
records is never held as text in memory. Row numbers are the ones a spreadsheet shows (the header is
usually row 1), so an error can say "第5行". CSV may be UTF-8 with or without BOM or GB18030 (what
Excel on Chinese Windows writes); XLSX is read with openpyxl in read-only mode.

(fazhi.powers.tabular reads whole small files for the list pages; this reader is for bulk intake.)
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from fazhi.core.errors import DomainError

HEADER_SEARCH_ROWS = 5
_FORMULA_PREFIXES = ("=", "+", "@")
_SNIFF_BYTES = 1 << 20
ENCODING_MESSAGE = "无法识别文件编码，请另存为 UTF-8 或 GB18030 编码的 CSV，或使用 .xlsx。"
EMPTY_MESSAGE = "文件是空的：没有表头，也没有数据行。"


def cell_text(value: object) -> str:
    """Return a cell as trimmed text: numeric codes without ".0", dates as ISO, booleans as 是/否."""
    # Text first: every CSV cell and most XLSX ones are str, and a bulk import reads millions of cells.
    if type(value) is not str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, datetime):
            return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        if isinstance(value, date):
            return value.isoformat()
        value = str(value)
    text = (value.replace("\ufeff", "") if "\ufeff" in value else value).strip()
    if text[:1] == "'" and text[1:2] in _FORMULA_PREFIXES:
        text = text[1:]
    return text


# A date cell as people type it or as cell_text gives it: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日,
# optionally followed by a time of day (2024-03-05 15:30, 2024-03-05T15:30:00 from an XLSX date-time
# cell), which a date column ignores.
_DATE_TEXT = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:(?:[T ]|\s+)\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?)?"
)
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_SERIAL = re.compile(r"(\d{5})(?:\.\d+)?")
# Excel's day numbers count from 1899-12-30 (day 1 is 1900-01-01 in Excel, which counts a
# non-existent 1900-02-29; every serial after February 1900 is days since 1899-12-30).
EXCEL_EPOCH = date(1899, 12, 30)
# A bare number in a date column is taken as an Excel serial (a date typed into a General-format
# cell, or a date cell whose format was cleared) only when it falls in 1990-01-01 .. 2100-12-31
# (serials 32874 .. 73415); any other number is a typing error, not a date.
SERIAL_EARLIEST = date(1990, 1, 1)
SERIAL_LATEST = date(2100, 12, 31)


class DateTextError(ValueError):
    """A date cell that is not a date: `nonexistent` when it has a date's shape but no such day
    exists (2026-02-30), else it is not written as a date at all."""

    def __init__(self, text: str, *, nonexistent: bool) -> None:
        super().__init__(text)
        self.text = text
        self.nonexistent = nonexistent


def parse_date_text(text: str, *, serials: bool = False) -> date:
    """Read a date cell: 2024-03-05, 2024/3/5, 2024.3.5, 20240305 or 2024年3月5日, with an optional time
    of day that is dropped (2024-03-05 15:30, 2024-03-05T15:30:00 — what cell_text gives for an XLSX
    date-time cell). With `serials`, a bare number is read as an Excel serial date (days since
    EXCEL_EPOCH 1899-12-30, a fraction being the time of day), accepted only for days in
    SERIAL_EARLIEST..SERIAL_LATEST (1990-01-01..2100-12-31).

    Raises DateTextError (nonexistent=True for a well-formed date that does not exist, 2026-02-30).
    """
    value = text.strip()
    match = _DATE_TEXT.fullmatch(value) or _COMPACT_DATE.fullmatch(value)
    if match is None:
        serial = _SERIAL.fullmatch(value) if serials else None
        if serial is not None:
            day = EXCEL_EPOCH + timedelta(days=int(serial.group(1)))
            if SERIAL_EARLIEST <= day <= SERIAL_LATEST:
                return day
        raise DateTextError(text, nonexistent=False)
    year, month, day_number = (int(part) for part in match.groups())
    try:
        return date(year, month, day_number)
    except ValueError as exc:
        # 2026-02-30 has a date's every part and names no day; 2026-13-01 is simply not a date.
        raise DateTextError(text, nonexistent=1 <= month <= 12 and 1 <= day_number <= 31) from exc


def file_format(filename: str) -> str:
    """Return "csv" or "xlsx" from the file name; refuse anything else."""
    lowered = filename.lower()
    if lowered.endswith(".csv"):
        return "csv"
    if lowered.endswith(".xlsx"):
        return "xlsx"
    raise DomainError(f"不支持的文件类型：“{filename}”。请使用 .xlsx 或 .csv 文件。", code="file_type")


def _csv_encoding(head: bytes) -> str:
    # Cut at the last newline so a multi-byte character split by the sniff window does not count.
    cut = head.rfind(b"\n")
    sample = head[: cut + 1] if cut > 0 else head
    try:
        sample.decode("utf-8-sig")
        return "utf-8-sig"
    except UnicodeDecodeError:
        return "gb18030"


def _csv_raw(path: Path) -> Iterator[list[object]]:
    with path.open("rb") as binary:
        encoding = _csv_encoding(binary.read(_SNIFF_BYTES))
        binary.seek(0)
        text = io.TextIOWrapper(binary, encoding=encoding, newline="")
        try:
            yield from csv.reader(text)
        except UnicodeDecodeError as exc:
            # Neither UTF-8 nor GB18030 (Python's own text names a codec and a byte offset: no help to a clerk)
            raise DomainError(ENCODING_MESSAGE, code="file_encoding") from exc
        except csv.Error as exc:
            raise DomainError(f"CSV文件格式错误：{exc}", code="file_unreadable") from exc


def _xlsx_raw(path: Path) -> Iterator[list[object]]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError) as exc:
        raise DomainError(
            "无法读取XLSX文件，请确认文件是Excel 2007及以上格式（.xlsx）。", code="file_unreadable"
        ) from exc
    try:
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            yield list(row)
    finally:
        workbook.close()


@dataclass(frozen=True, slots=True)
class TableHeader:
    headers: tuple[str, ...]  # the wanted headers present in the file
    row: int  # spreadsheet row number of the header


class TableReader:
    """Iterate over (row number, {header: text}) of a CSV/XLSX file below its header row.

    The header row is the first of the top rows that holds every required header (government
    spreadsheets often carry a title line above it). Empty rows are skipped; unknown columns ignored.
    """

    def __init__(self, path: Path, *, required: Sequence[str], optional: Sequence[str] = ()) -> None:
        self.path = path
        self.required = tuple(required)
        self.optional = tuple(optional)
        self._kind = file_format(path.name)
        self._rows = _csv_raw(path) if self._kind == "csv" else _xlsx_raw(path)
        self.header = self._find_header()

    def _find_header(self) -> TableHeader:
        first: list[str] | None = None
        for index in range(HEADER_SEARCH_ROWS):
            try:
                raw = next(self._rows)
            except StopIteration:
                break
            cells = [cell_text(value) for value in raw]
            first = cells if first is None and any(cells) else first
            if all(name in cells for name in self.required):
                self._columns = {name: cells.index(name) for name in (*self.required, *self.optional) if name in cells}
                self._next_row = index + 2
                return TableHeader(headers=tuple(self._columns), row=index + 1)
        if first is None:
            # Nothing at all in the top rows: no header to be short of columns.
            raise DomainError(EMPTY_MESSAGE, code="file_empty")
        missing = [name for name in self.required if name not in first]
        raise DomainError(
            f"文件缺少必需的列：{'、'.join(missing)}。表头应为：{'、'.join([*self.required, *self.optional])}。",
            code="missing_columns",
            fields={"columns": missing},
        )

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        columns = self._columns
        number = self._next_row
        for raw in self._rows:
            cells = [cell_text(value) for value in raw]
            row_number = number
            number += 1
            if not any(cells):
                continue
            yield row_number, {name: cells[col] if col < len(cells) else "" for name, col in columns.items()}


def utf8_sig(text: str) -> bytes:
    """Encode CSV text as Excel likes it (UTF-8 with BOM)."""
    return codecs.BOM_UTF8 + text.encode("utf-8")
