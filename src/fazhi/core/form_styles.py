"""Bootstrap classes on a form's widgets, for forms whose templates render `{{ field }}` as is."""

from __future__ import annotations

from django import forms


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
