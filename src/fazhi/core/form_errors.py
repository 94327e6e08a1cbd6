"""Form input errors in Chinese sentences that name each field by its label.

Django's default messages ("该字段是必填项。") do not say which field they belong to, and a message
shown above a page (or in a flash message) must. One wording for every app's forms, and one way to
put a service's refusal (DomainError) on the form it came from.
"""

from __future__ import annotations

from django import forms

from fazhi.core.errors import DomainError


def labelled_errors(form: forms.Form) -> list[tuple[str, str]]:
    """(message, error code) for every input error of a bound form, each naming its field's label."""
    found = []
    for name, errors in form.errors.as_data().items():
        field = form.fields.get(name)
        label = str(field.label) if field is not None and field.label else ""
        for error in errors:
            if error.code == "required" and label:
                message = f"请填写{label}"
            elif error.code == "invalid" and isinstance(field, forms.DateField):
                message = f"{label}格式不正确，请按“年-月-日”填写"
            else:
                text = "".join(error.messages).rstrip("。")
                message = f"{label}：{text}" if label else text
            found.append((message, error.code or "invalid"))
    return found


def error_sentence(form: forms.Form) -> str:
    """Every input error of a bound form as one sentence: 请填写受理日期；答辩日期格式不正确…。"""
    return "；".join(message for message, _code in labelled_errors(form)) + "。"


def name_required_fields(form: forms.Form) -> forms.Form:
    """Make each required field's own error name it (请填写受理日期。), as `labelled_errors` words the
    sentence: a step form shown again must not say a bare 该字段是必填项。 under a field. Returns `form`.

    The fields are the form's own copies (Django deep-copies them per form), so no other form changes.
    """
    for field in form.fields.values():
        if field.label:
            field.error_messages["required"] = f"请填写{field.label}。"
    return form


def mark_fields(form: forms.Form, exc: DomainError) -> None:
    """Put the refusal's field messages on the form's fields it names (others are not on this form)."""
    for name, errors in exc.fields.items():
        if name in form.fields:
            for error in errors if isinstance(errors, list) else [errors]:
                form.add_error(name, str(error))


def add_domain_error(form: forms.Form, exc: DomainError) -> None:
    """Show a service's refusal on the form: its message above the fields, its field messages under them.

    The machine code goes on the error (a page shows it as data-code), not into the sentence people read.
    """
    form.add_error(None, forms.ValidationError(exc.message, code=exc.code))
    mark_fields(form, exc)
