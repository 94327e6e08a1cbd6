"""Serializer fields the API uses instead of DRF's where DRF's fail with a 500 or a misleading message."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from rest_framework import serializers


class DateTimeField(serializers.DateTimeField):
    """DRF's DateTimeField, refusing (400) a naive time too close to year 1 or 9999 for the time zone.

    DRF 3.18 places a naive input in the current time zone and then checks it by converting to UTC,
    outside its own OverflowError guard: "0001-01-01T00:00:00" in Asia/Shanghai falls before year 1
    and raised a 500 (found by src/fazhi/demo/tests/test_demo_api_fuzz.py).
    """

    def enforce_timezone(self, value: datetime) -> datetime:
        try:
            return super().enforce_timezone(value)
        except OverflowError:
            self.fail("overflow")


# A date written the ISO way (what DRF's DateField reads): a failure to parse it means the day does not exist.
ISO_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


class DateField(serializers.DateField):
    """DRF's DateField, saying that 2026-02-30 does not exist instead of asking for the YYYY-MM-DD format
    it is already written in (DRF reports every failed parse as a wrong format)."""

    default_error_messages = {"nonexistent": "日期“{value}”不存在，请检查月份和日。"}

    def to_internal_value(self, value: Any) -> date:
        try:
            return super().to_internal_value(value)
        except serializers.ValidationError:
            if isinstance(value, str) and ISO_DAY.fullmatch(value.strip()):
                self.fail("nonexistent", value=value.strip())
            raise
