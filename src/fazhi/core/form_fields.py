"""Form fields the pages use instead of Django's where Django's message misleads."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from fazhi.core.tabular import DateTextError, parse_date_text


class DateField(forms.DateField):
    """Django's DateField, saying that 2026-02-30 does not exist instead of "enter a valid date", and
    reading the other ways people write a day (2025/3/31, 2025年3月31日: core.tabular.parse_date_text)."""

    def to_python(self, value: Any) -> date | None:
        try:
            return super().to_python(value)
        except ValidationError:
            try:
                return parse_date_text(str(value))
            except DateTextError as exc:
                if exc.nonexistent:
                    raise ValidationError(
                        f"日期“{str(value).strip()}”不存在，请检查月份和日。", code="nonexistent"
                    ) from exc
            raise
