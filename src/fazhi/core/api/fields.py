"""Serializer fields the API uses instead of DRF's where DRF's fail with a 500."""

from __future__ import annotations

from datetime import datetime

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
