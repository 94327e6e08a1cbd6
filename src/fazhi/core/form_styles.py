"""Bootstrap classes on a form's widgets, for forms whose templates render `{{ field }}` as is, and the
one date input every app's forms use."""

from __future__ import annotations

from typing import Any

from django import forms

ISO_DATE = "%Y-%m-%d"


class IsoDateInput(forms.DateInput):
    """`<input type="date" class="form-control">` whose value is written yyyy-MM-dd.

    A browser's date input accepts only that form as its value; without an explicit format Django
    writes an initial or bound date in the zh-hans input format (2026/05/09) and the field shows empty.
    Attributes given here are added to (or replace) the defaults.
    """

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"class": "form-control", **(attrs or {})}, format=ISO_DATE)


def bootstrap_widgets(form: forms.BaseForm) -> None:
    """form-select on choices, form-check-input on checkboxes, form-control on the rest; a class the
    field already sets is kept. Hidden inputs are left alone."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput):
            continue
        if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs.setdefault("class", css)
