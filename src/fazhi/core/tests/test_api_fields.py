"""core.api.fields: times at the ends of the calendar are a 400, not an OverflowError; a day that does not exist is
named as such."""

from __future__ import annotations

import pytest
from rest_framework import serializers
from rest_framework.test import APIClient

from fazhi.core.api.fields import DateField, DateTimeField


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


class _Day(serializers.Serializer):
    on = DateField()


def test_a_day_that_does_not_exist_is_named_as_such_and_a_wrong_format_as_a_format():
    nonexistent = _Day(data={"on": "2026-02-30"})
    garbled = _Day(data={"on": "30/02/2026"})
    fine = _Day(data={"on": "2026-02-28"})

    assert not nonexistent.is_valid() and nonexistent.errors["on"][0].code == "nonexistent"
    assert str(nonexistent.errors["on"][0]) == "日期“2026-02-30”不存在，请检查月份和日。"
    assert not garbled.is_valid() and garbled.errors["on"][0].code == "invalid"
    assert fine.is_valid() and fine.validated_data["on"].isoformat() == "2026-02-28"


@pytest.mark.django_db
def test_the_api_answers_400_naming_a_day_that_does_not_exist():
    response = APIClient().get("/api/v1/deadlines/", {"rule": "penalty.service", "start": "2026-02-30"})

    assert response.status_code == 400
    assert response.json()["error"]["fields"]["start"] == ["日期“2026-02-30”不存在，请检查月份和日。"]
