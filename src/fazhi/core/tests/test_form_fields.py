"""core.form_fields.DateField: a day that does not exist is named as such; other spellings of a day are read."""

from __future__ import annotations

from datetime import date

import pytest
from django import forms

from fazhi.core.form_fields import DateField


class _DayForm(forms.Form):
    on = DateField(label="日期")


@pytest.mark.parametrize("text", ["2026-02-28", "2026/2/28", "2026年2月28日"])
def test_the_ways_people_write_a_day_are_read(text):
    form = _DayForm({"on": text})
    assert form.is_valid() and form.cleaned_data["on"] == date(2026, 2, 28)


def test_a_day_that_does_not_exist_is_named_and_a_garbled_one_is_invalid():
    nonexistent, garbled = _DayForm({"on": "2026-02-30"}), _DayForm({"on": "30.2.x"})

    assert not nonexistent.is_valid() and nonexistent.errors.as_data()["on"][0].code == "nonexistent"
    assert nonexistent.errors["on"] == ["日期“2026-02-30”不存在，请检查月份和日。"]
    assert not garbled.is_valid() and garbled.errors.as_data()["on"][0].code == "invalid"
