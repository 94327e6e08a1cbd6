"""A service's refusal put on the form it came from, and required fields whose own error names them."""

from __future__ import annotations

from django import forms

from fazhi.core.errors import Conflict, DomainError
from fazhi.core.form_errors import add_domain_error, mark_fields, name_required_fields


class _Form(forms.Form):
    filed_on = forms.DateField(label="立案日期")
    court = forms.CharField(label="受理法院")
    note = forms.CharField(required=False)


def test_required_fields_name_their_label_and_other_forms_keep_the_default():
    form = name_required_fields(_Form(data={}))

    assert not form.is_valid()
    assert form.errors["filed_on"] == ["请填写立案日期。"]
    assert form.errors["court"] == ["请填写受理法院。"]
    # The fields are the form's own copies: a form built afterwards still has Django's wording.
    assert _Form(data={}).errors["court"] != ["请填写受理法院。"]


def test_field_messages_go_on_the_named_fields_only_and_a_single_message_is_taken_as_one():
    form = _Form(data={"filed_on": "2026-03-02", "court": "某区人民法院"})
    assert form.is_valid()
    exc = DomainError(
        "起诉日期有误。",
        code="x.bad",
        fields={"filed_on": ["早于复议结案日期。", "在行政复议期间。"], "court": "无效。", "defendants": ["必填。"]},
    )

    mark_fields(form, exc)

    assert form.errors == {"filed_on": ["早于复议结案日期。", "在行政复议期间。"], "court": ["无效。"]}


def test_a_refusal_puts_its_message_with_its_code_above_the_fields():
    form = _Form(data={"filed_on": "2026-03-02", "court": "某区人民法院"})
    assert form.is_valid()

    add_domain_error(form, Conflict("已登记答辩。", code="x.already", fields={"court": ["重复。"]}))

    [error] = form.non_field_errors().as_data()
    assert (error.message, error.code) == ("已登记答辩。", "x.already")
    assert form.errors["court"] == ["重复。"]
