"""Masking of personal data in anything published (执法公示, 双随机 results, public API).

Conventions (common practice in Chinese government publicity, e.g. 市场监督管理行政处罚信息公示规定
Art. 14 on not publishing personal data beyond what is needed):
- 公民身份号码: keep the first 6 (address) and the last 4 characters: 110105********002X.
- mobile phones: keep the first 3 and last 4 digits: 138****5678; landlines keep the area code.
- names of natural persons: keep the surname (the first character; two for compound surnames).
- addresses: keep the administrative part up to the street/township, mask the rest.
All functions are idempotent: masking a masked value changes nothing.
"""

from __future__ import annotations

import re

MASK = "*"

_COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 端木 南宫 西门 独孤 百里 呼延".split()
)
_CITIZEN_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{5})(\d{8}|\*{8})(\d{3}[\dXx])(?![0-9A-Za-z])")
_MOBILE_IN_TEXT = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4}|\*{4})(\d{4})(?!\d)")
_LANDLINE_IN_TEXT = re.compile(r"(?<!\d)(0\d{2,3})-?(\d{7,8})(?!\d)")
_ADDRESS_KEEP = re.compile(r"^(.*?(?:省|自治区|市|自治州|地区|盟)?.*?(?:区|县|市|旗)?.*?(?:街道|镇|乡|苏木))")


def mask_citizen_id(value: str) -> str:
    """110105194912310021 → 110105********0021 (any length ≥ 10 keeps 6 + 4)."""
    text = (value or "").strip()
    if len(text) < 10:
        return MASK * len(text)
    return text[:6] + MASK * (len(text) - 10) + text[-4:]


def mask_phone(value: str) -> str:
    """13812345678 → 138****5678; 022-23456789 → 022-****6789; short numbers fully masked."""
    text = (value or "").strip()
    digits = re.sub(r"\D", "", text)
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    landline = re.fullmatch(r"(0\d{2,3})-?(\d{7,8})", text)
    if landline:
        number = landline.group(2)
        return f"{landline.group(1)}-{MASK * (len(number) - 4)}{number[-4:]}"
    if len(text) <= 4:
        return MASK * len(text)
    return MASK * (len(text) - 4) + text[-4:]


def mask_person_name(value: str) -> str:
    """张三 → 张*; 张三丰 → 张**; 欧阳修 → 欧阳*; keeps the surname only."""
    text = (value or "").strip()
    if not text:
        return ""
    keep = 2 if text[:2] in _COMPOUND_SURNAMES and len(text) > 2 else 1
    return text[:keep] + MASK * (len(text) - keep)


def mask_address(value: str) -> str:
    """Keep the address up to the street/township; mask the rest (house numbers, rooms)."""
    text = (value or "").strip()
    match = _ADDRESS_KEEP.match(text)
    if match and len(match.group(1)) < len(text):
        kept = match.group(1)
        return kept + MASK * min(8, len(text) - len(kept))
    if len(text) <= 6:
        return text[:2] + MASK * max(0, len(text) - 2)
    return text[:6] + MASK * min(8, len(text) - 6)


def mask_text(text: str) -> str:
    """Mask ID numbers and phone numbers found inside free text (facts of a published decision)."""
    masked = _CITIZEN_ID_IN_TEXT.sub(lambda m: m.group(1) + MASK * 8 + m.group(3)[-4:], text or "")
    masked = _MOBILE_IN_TEXT.sub(lambda m: m.group(1) + MASK * 4 + m.group(3), masked)
    return _LANDLINE_IN_TEXT.sub(lambda m: f"{m.group(1)}-{MASK * (len(m.group(2)) - 4)}{m.group(2)[-4:]}", masked)
