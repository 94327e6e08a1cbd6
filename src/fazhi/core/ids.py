"""Validation of the two national identifiers every record carries.

- 公民身份号码 (citizen ID number), GB 11643-1999: 6-digit address code, 8-digit birth date,
  3-digit sequence (odd = male), 1 check character (ISO 7064 MOD 11-2).
- 统一社会信用代码 (unified social credit code, USCC), GB 32100-2015: 18 characters from a
  31-character set without I, O, S, V, Z; the last is a MOD 31 check character.

The pure functions return a reason (Chinese) or None, so forms, serializers, importers and model
fields share one implementation; `validate_*` wrap them as Django validators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError

_CITIZEN_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CITIZEN_CHECK = "10X98765432"
_CITIZEN_SHAPE = re.compile(r"^[1-9]\d{5}\d{8}\d{3}[\dX]$")

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_SHAPE = re.compile(rf"^[{USCC_CHARSET}]{{18}}$")

# The earliest plausible birth year; codes before it are typing errors, not people.
_EARLIEST_BIRTH_YEAR = 1900


@dataclass(frozen=True, slots=True)
class CitizenIdInfo:
    """What a valid 公民身份号码 tells us (used e.g. for age at the time of an act, 行政处罚法 Art. 30)."""

    number: str
    region_code: str
    birth_date: date
    is_male: bool


def normalize_id(value: str) -> str:
    """Strip blanks and upper-case a trailing x: people type both."""
    return re.sub(r"\s+", "", value or "").upper()


def citizen_id_check_char(first17: str) -> str:
    """Return the GB 11643 check character for the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _CITIZEN_WEIGHTS, strict=True))
    return _CITIZEN_CHECK[total % 11]


def citizen_id_error(value: str, *, today: date | None = None) -> str | None:
    """Return why `value` is not a valid 公民身份号码, or None when it is valid."""
    number = normalize_id(value)
    if len(number) != 18:
        return f"公民身份号码应为18位，当前为{len(number)}位。"
    if not _CITIZEN_SHAPE.match(number):
        return "公民身份号码格式错误：前17位应为数字，末位为数字或X。"
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return f"公民身份号码中的出生日期{number[6:14]}不是有效日期。"
    if birth.year < _EARLIEST_BIRTH_YEAR or (today is not None and birth > today):
        return f"公民身份号码中的出生日期{birth.isoformat()}不合理。"
    expected = citizen_id_check_char(number[:17])
    if number[17] != expected:
        return "公民身份号码校验码错误（GB 11643）。"
    return None


def parse_citizen_id(value: str) -> CitizenIdInfo:
    """Return the facts in a valid number; raise ValidationError if it is not valid."""
    validate_citizen_id(value)
    number = normalize_id(value)
    return CitizenIdInfo(
        number=number,
        region_code=number[:6],
        birth_date=date(int(number[6:10]), int(number[10:12]), int(number[12:14])),
        is_male=int(number[16]) % 2 == 1,
    )


def uscc_check_char(first17: str) -> str:
    """Return the GB 32100 check character for the first 17 characters."""
    total = sum(USCC_CHARSET.index(char) * weight for char, weight in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def uscc_error(value: str) -> str | None:
    """Return why `value` is not a valid 统一社会信用代码, or None when it is valid."""
    code = normalize_id(value)
    if len(code) != 18:
        return f"统一社会信用代码应为18位，当前为{len(code)}位。"
    if not _USCC_SHAPE.match(code):
        bad = sorted({char for char in code if char not in USCC_CHARSET})
        return f"统一社会信用代码含有不允许的字符：{'、'.join(bad)}（不使用I、O、S、V、Z）。"
    if code[17] != uscc_check_char(code[:17]):
        return "统一社会信用代码校验码错误（GB 32100）。"
    return None


def validate_citizen_id(value: str) -> None:
    """Django validator for 公民身份号码."""
    error = citizen_id_error(value, today=date.today())  # noqa: DTZ011 — a birth date is a local calendar date
    if error:
        raise ValidationError(error, code="invalid_citizen_id")


def validate_uscc(value: str) -> None:
    """Django validator for 统一社会信用代码."""
    error = uscc_error(value)
    if error:
        raise ValidationError(error, code="invalid_uscc")
