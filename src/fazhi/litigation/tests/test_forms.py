"""Date inputs of the litigation forms, and of another app's, through core.form_styles.IsoDateInput."""

from __future__ import annotations

from datetime import date

import pytest
from django import forms

from fazhi.litigation import forms as litigation_forms
from fazhi.reconsideration import forms as reconsideration_forms


@pytest.mark.parametrize(
    ("form_class", "field"),
    [
        (litigation_forms.DefenceForm, "submitted_on"),
        (litigation_forms.SuggestionForm, "received_on"),
        (reconsideration_forms.AcceptForm, "accepted_on"),
    ],
)
def test_an_initial_date_is_written_yyyy_mm_dd_so_the_date_input_shows_it(form_class: type[forms.Form], field: str):
    # Given a form whose date is prefilled with 2026年5月9日
    form = form_class(initial={field: date(2026, 5, 9)})

    # When its date input is rendered
    html = str(form[field])

    # Then it is a date input with the value in the one form a browser's date input accepts
    assert 'type="date"' in html and 'class="form-control"' in html
    assert 'value="2026-05-09"' in html and "2026/05/09" not in html
