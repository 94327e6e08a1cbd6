"""Chinese numbering and the date and 文号 formats of GB/T 9704-2012.

Pure functions: no Django, no clock.
"""

from __future__ import annotations

import re
from datetime import date

from fazhi.core.errors import DomainError

_DIGITS = "零一二三四五六七八九"
_UNITS = ("", "十", "百", "千")


def chinese_numeral(number: int) -> str:
    """Return ``number`` (1–9999) in Chinese numerals: 1 → 一, 10 → 十, 15 → 十五, 105 → 一百零五.

    Used for the first and second levels of headings (一、 and （一）). Ten to nineteen drop the
    leading 一 (十一, not 一十一), as in ordinary writing.
    """
    if not 1 <= number <= 9999:
        raise DomainError(f"序号 {number} 超出范围（1–9999）。", code="numeral_out_of_range")
    digits = [int(d) for d in str(number)]
    parts: list[str] = []
    pending_zero = False
    for position, digit in enumerate(digits):
        unit = _UNITS[len(digits) - position - 1]
        if digit == 0:
            pending_zero = True
            continue
        if pending_zero and parts:
            parts.append("零")
        pending_zero = False
        parts.append(_DIGITS[digit] + unit)
    text = "".join(parts)
    return text[1:] if 10 <= number <= 19 else text


def heading_label(level: int, number: int) -> str:
    """Return the ordinal of a heading at ``level`` 1–4: 一、 / （一） / 1. / （1）.

    GB/T 9704-2012 §7.3.3: 文中结构层次序数依次可以用"一、""（一）""1.""（1）"标注。
    """
    if level == 1:
        return f"{chinese_numeral(number)}、"
    if level == 2:
        return f"（{chinese_numeral(number)}）"
    if level == 3:
        return f"{number}."
    if level == 4:
        return f"（{number}）"
    raise DomainError(f"标题层级只能是 1–4，收到 {level}。", code="heading_level_invalid")


def format_date(day: date) -> str:
    """Return ``day`` as GB/T 9704 writes 成文日期 and 印发日期: ``2026年11月23日``.

    GB/T 9704-2012 §7.3.5.1: 成文日期中的数字……用阿拉伯数字将年、月、日标全，年份应标全称，
    月、日不编虚位（即 1 不编为 01）。
    """
    return f"{day.year}年{day.month}月{day.day}日"


_AGENCY_CODE = re.compile(r"^\S+$")


def format_doc_number(agency_code: str, year: int, serial: int) -> str:
    """Return a 发文字号: ``format_doc_number("某市监罚", 2026, 12)`` → ``某市监罚〔2026〕12号``.

    GB/T 9704-2012 §7.2.4: 发文字号由发文机关代字、年份、发文顺序号组成。年份、发文顺序号用阿拉伯数字
    标注；年份应标全称，用六角括号"〔〕"括入；发文顺序号不加"第"字，不编虚位（即 1 不编为 01），
    在阿拉伯数字后加"号"字。
    """
    if not _AGENCY_CODE.match(agency_code):
        raise DomainError("发文机关代字不能为空，也不能含空白。", code="doc_number_invalid")
    if not 1000 <= year <= 9999:
        raise DomainError(f"年份应标全称（四位数字），收到 {year}。", code="doc_number_invalid")
    if serial < 1:
        raise DomainError(f"发文顺序号应从 1 起，收到 {serial}。", code="doc_number_invalid")
    return f"{agency_code}〔{year}〕{serial}号"


def text_width_in_chars(text: str) -> float:
    """Return how many full-width characters ``text`` occupies: ASCII counts as half a character.

    The signature block is placed by character counts (右空四字, 首字右移二字), and the Arabic
    numerals of the date are half-width.
    """
    return sum(0.5 if ord(char) < 0x80 else 1.0 for char in text)
