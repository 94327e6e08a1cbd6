"""A refused step form shown again in place: from invalid input, from a service's refusal, stale."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import RequestFactory

from fazhi.core.errors import Conflict, DomainError
from fazhi.core.form_errors import name_required_fields
from fazhi.core.step_refusals import StepRefusal, domain_refusal, input_refusal, say_if_not_shown, shown_form


class _StepForm(forms.Form):
    submitted_on = forms.DateField(label="提交日期")
    note = forms.CharField(label="说明", required=False)


def _typed() -> _StepForm:
    form = _StepForm(data={"defence-submitted_on": "2026-03-02", "defence-note": "已提交"}, prefix="defence")
    assert form.is_valid()
    return form


def _fresh() -> _StepForm:
    return _StepForm(prefix="defence")


def test_invalid_input_names_the_step_and_every_error_with_the_first_errors_code():
    form = name_required_fields(_StepForm(data={"defence-submitted_on": ""}, prefix="defence"))
    assert not form.is_valid()

    refusal = input_refusal(step="defence", label="提交答辩状", form=form)

    assert refusal == StepRefusal("defence", "提交答辩状未完成：请填写提交日期。", "required", form)


def test_a_refusal_keeps_the_typed_form_with_its_fields_marked():
    form = _typed()
    exc = DomainError("提交日期早于收到起诉状副本日期。", code="x.order", fields={"submitted_on": ["过早。"]})

    refusal = domain_refusal(step="defence", label="提交答辩状", form=form, exc=exc, fresh=_fresh,
                             conflict_code="x.version_conflict", name_step=False)  # fmt: skip

    assert refusal == StepRefusal("defence", "提交日期早于收到起诉状副本日期。", "x.order", form)
    assert form.errors == {"submitted_on": ["过早。"]}


def test_the_step_is_named_in_front_of_the_message_only_when_asked():
    exc = Conflict("已登记答辩。", code="x.already")

    named = domain_refusal(step="defence", label="提交答辩状", form=_typed(), exc=exc, fresh=_fresh,
                           conflict_code="x.version_conflict", name_step=True)  # fmt: skip
    unnamed = domain_refusal(step="defence", label="提交答辩状", form=_typed(), exc=exc, fresh=_fresh,
                             conflict_code="x.version_conflict", name_step=False)  # fmt: skip

    assert named.message == "提交答辩状未完成：已登记答辩。"
    assert unnamed.message == "已登记答辩。"


def test_a_stale_form_starts_again_from_a_fresh_one_without_marks():
    form = _typed()
    exc = Conflict("案件已被他人修改，请刷新后重试。", code="x.version_conflict", fields={"submitted_on": ["旧。"]})

    refusal = domain_refusal(step="defence", label="提交答辩状", form=form, exc=exc, fresh=_fresh,
                             conflict_code="x.version_conflict", name_step=False)  # fmt: skip

    assert refusal.form is not form and not refusal.form.is_bound
    assert refusal.code == "x.version_conflict" and not form.errors


def test_the_refused_step_shows_its_typed_form_and_the_others_a_new_one():
    typed = _typed()
    refusal = StepRefusal("defence", "…", "x", typed)

    assert shown_form(step="defence", refusal=refusal, new=_fresh) is typed
    assert shown_form(step="hearing", refusal=refusal, new=_fresh) is not typed
    assert not shown_form(step="defence", refusal=None, new=_fresh).is_bound


def test_a_refusal_whose_step_is_not_shown_any_more_is_said_above_the_steps():
    request = RequestFactory().post("/")
    request._messages = CookieStorage(request)  # type: ignore[attr-defined]
    refusal = StepRefusal("conclude", "登记裁判结果未完成：案件已审结。", "x.already", _typed())

    say_if_not_shown(request, refusal, shown={"conclude", "suggestion"})
    say_if_not_shown(request, None, shown=set())
    assert not list(messages.get_messages(request))

    say_if_not_shown(request, refusal, shown={"suggestion"})
    assert [m.message for m in messages.get_messages(request)] == ["登记裁判结果未完成：案件已审结。"]
