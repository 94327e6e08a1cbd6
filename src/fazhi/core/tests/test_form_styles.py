"""Bootstrap classes on widgets of forms rendered with `{{ field }}`."""

from __future__ import annotations

from django import forms

from fazhi.core.form_styles import bootstrap_widgets


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
