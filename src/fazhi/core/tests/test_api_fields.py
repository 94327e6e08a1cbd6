"""core.api.fields.DateTimeField: times at the ends of the calendar are a 400, not an OverflowError."""

from __future__ import annotations

from rest_framework import serializers

from fazhi.core.api.fields import DateTimeField


class _Input(serializers.Serializer):
    at = DateTimeField()


def test_a_time_the_time_zone_cannot_hold_is_refused():
    # Asia/Shanghai is UTC+8: midnight of 1 January of year 1 there is still in year 0 in UTC.
    data = _Input(data={"at": "0001-01-01T00:00:00"})

    assert not data.is_valid()
    assert data.errors["at"][0].code == "overflow"


def test_an_ordinary_time_is_made_aware_in_the_current_zone():
    data = _Input(data={"at": "2026-03-01T09:30:00"})

    assert data.is_valid(), data.errors
    assert data.validated_data["at"].utcoffset() is not None
    assert data.validated_data["at"].hour == 9
