"""Form input errors in Chinese sentences that name each field by its label.

Django's default messages ("该字段是必填项。") do not say which field they belong to, and a message
shown above a page (or in a flash message) must. One wording for every app's forms.
"""

from __future__ import annotations

from django import forms


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
