"""Bootstrap classes on widgets of forms rendered with `{{ field }}`, and the shared date input."""

from __future__ import annotations

from datetime import date

from django import forms

from fazhi.core.form_styles import IsoDateInput, bootstrap_widgets


class _Form(forms.Form):
    year = forms.IntegerField()
    quarter = forms.ChoiceField(choices=[(1, "一")])
    agreed = forms.BooleanField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput)
    styled = forms.CharField(widget=forms.TextInput(attrs={"class": "form-control-sm"}))


def test_each_widget_gets_the_class_of_its_kind_and_keeps_its_own():
    form = _Form()

    bootstrap_widgets(form)

    classes = {name: field.widget.attrs.get("class") for name, field in form.fields.items()}
    assert classes == {
        "year": "form-control",
        "quarter": "form-select",
        "agreed": "form-check-input",
        "hidden": None,
        "styled": "form-control-sm",
    }
    assert 'class="form-select"' in str(form["quarter"])


def test_the_date_input_writes_yyyy_mm_dd_and_keeps_attributes_given_to_it():
    class _Dated(forms.Form):
        on = forms.DateField(widget=IsoDateInput)
        since = forms.DateField(widget=IsoDateInput(attrs={"class": "form-control-sm", "max": "2026-12-31"}))

    form = _Dated(initial={"on": date(2026, 5, 9), "since": date(2026, 1, 2)})

    assert (
        str(form["on"]) == '<input type="date" name="on" value="2026-05-09" class="form-control" required id="id_on">'
    )
    since = str(form["since"])
    assert 'value="2026-01-02"' in since and 'class="form-control-sm"' in since and 'max="2026-12-31"' in since
