"""core.tabular: date cells (time of day dropped, Excel serials in range, missing days told apart) and
unreadable or empty files refused in Chinese with a code."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from fazhi.core.errors import DomainError
from fazhi.core.tabular import DateTextError, TableReader, cell_text, parse_date_text


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-10",
        "2026/11/10",
        "2026.11.10",
        "20261110",
        "2026年11月10日",
        "2026-11-10 15:30",
        "2026-11-10 15:30:00",
        "2026/11/10 9:05",
        cell_text(datetime(2026, 11, 10, 15, 30)),  # an XLSX date-time cell: "2026-11-10T15:30:00"
    ],
)
def test_a_date_with_or_without_a_time_of_day_reads_as_the_day(text):
    assert parse_date_text(text) == date(2026, 11, 10)


def test_an_excel_serial_is_a_date_only_where_asked_and_only_in_range():
    assert parse_date_text("46337", serials=True) == date(2026, 11, 11)  # 1899-12-30 + 46337 days
    assert parse_date_text("46337.6458333", serials=True) == date(2026, 11, 11)  # with a time of day
    assert parse_date_text("32874", serials=True) == date(1990, 1, 1)
    assert parse_date_text("73415", serials=True) == date(2100, 12, 31)
    for text in ("32873", "73416", "123", "99999"):
        with pytest.raises(DateTextError) as caught:
            parse_date_text(text, serials=True)
        assert not caught.value.nonexistent
    with pytest.raises(DateTextError):
        parse_date_text("46337")  # a period typed on a page is not a spreadsheet serial


@pytest.mark.parametrize("text", ["2026-02-30", "2026年2月29日", "20260431", "2026-11-31 10:00"])
def test_a_day_that_does_not_exist_is_told_apart_from_a_bad_format(text):
    with pytest.raises(DateTextError) as caught:
        parse_date_text(text)
    assert caught.value.nonexistent


@pytest.mark.parametrize("text", ["2026-11", "明天", "2026-11-10 下午", "11/10/2026", "2026-13-01", "2026-01-00"])
def test_text_that_is_not_a_date(text):
    with pytest.raises(DateTextError) as caught:
        parse_date_text(text)
    assert not caught.value.nonexistent


def test_an_undecodable_csv_says_so_in_chinese_with_a_code(tmp_path):
    path = tmp_path / "bad.csv"
    # valid UTF-8 in the sniffed head, then bytes that are neither UTF-8 nor GB18030 further on
    path.write_bytes("记录编号,记录类型\n".encode() + b"R1,\xff\xff\xff\n" * 3)
    with pytest.raises(DomainError) as caught:
        list(TableReader(path, required=["记录编号", "记录类型"]))
    assert caught.value.code == "file_encoding"
    assert "无法识别文件编码" in caught.value.message and "GB18030" in caught.value.message
    assert "codec" not in caught.value.message


def test_an_empty_file_is_called_empty_not_short_of_columns(tmp_path):
    for name, content in (("empty.csv", b""), ("bom.csv", b"\xef\xbb\xbf"), ("blank.csv", b"\r\n\r\n")):
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(DomainError) as caught:
            TableReader(path, required=["记录编号"])
        assert caught.value.code == "file_empty", name
        assert "文件是空的" in caught.value.message
