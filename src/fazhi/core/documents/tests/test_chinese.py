from datetime import date

import pytest

from fazhi.core.documents.chinese import (
    chinese_numeral,
    format_date,
    format_doc_number,
    heading_label,
    text_width_in_chars,
)
from fazhi.core.errors import DomainError


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (21, "二十一"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (1005, "一千零五"),
        (2026, "二千零二十六"),
        (9999, "九千九百九十九"),
    ],
)
def test_chinese_numerals(number, expected):
    assert chinese_numeral(number) == expected


@pytest.mark.parametrize("number", [0, -1, 10000])
def test_numerals_out_of_range_are_refused(number):
    with pytest.raises(DomainError) as error:
        chinese_numeral(number)
    assert error.value.code == "numeral_out_of_range"


@pytest.mark.parametrize(
    ("level", "number", "expected"),
    [(1, 1, "一、"), (1, 12, "十二、"), (2, 3, "（三）"), (3, 4, "4."), (4, 10, "（10）")],
)
def test_heading_labels_follow_gb_9704(level, number, expected):
    assert heading_label(level, number) == expected


def test_heading_level_five_is_refused():
    with pytest.raises(DomainError) as error:
        heading_label(5, 1)
    assert error.value.code == "heading_level_invalid"


def test_dates_have_no_leading_zeros():
    # GB/T 9704 §7.3.5.1: 月、日不编虚位（即 1 不编为 01）.
    assert format_date(date(2026, 1, 5)) == "2026年1月5日"
    assert format_date(date(2026, 11, 23)) == "2026年11月23日"


def test_doc_number_uses_hexagonal_brackets_and_no_padding():
    assert format_doc_number("某市监罚", 2026, 12) == "某市监罚〔2026〕12号"
    assert format_doc_number("某府办发", 2026, 1) == "某府办发〔2026〕1号"


@pytest.mark.parametrize(
    ("code", "year", "serial"), [("", 2026, 1), ("某 局", 2026, 1), ("某局", 26, 1), ("某局", 2026, 0)]
)
def test_invalid_doc_numbers_are_refused(code, year, serial):
    with pytest.raises(DomainError) as error:
        format_doc_number(code, year, serial)
    assert error.value.code == "doc_number_invalid"


def test_ascii_counts_as_half_a_character():
    assert text_width_in_chars("2026年11月23日") == 7
    assert text_width_in_chars("某某区市场监督管理局") == 10
