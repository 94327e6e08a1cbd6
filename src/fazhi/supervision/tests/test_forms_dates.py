"""The supervision forms' date inputs write their value as yyyy-MM-dd, the only form a browser's date
input shows (an initial date was written 2026/05/09 in the zh-hans format, and the field looked empty)."""

from __future__ import annotations

from datetime import date

from fazhi.supervision.forms import PeriodForm, SampleForm


def test_an_initial_period_is_written_as_the_browser_reads_it():
    period = PeriodForm(initial={"start": date(2026, 5, 9), "end": date(2026, 6, 30)})
    sample = SampleForm(initial={"period_from": date(2026, 5, 9)}, units=[])

    assert 'value="2026-05-09"' in str(period["start"]) and 'value="2026-06-30"' in str(period["end"])
    assert 'value="2026-05-09"' in str(sample["period_from"])
