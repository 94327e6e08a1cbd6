"""A case page's step form refused and shown again in place, for every app with step forms.

A step whose form does not validate, or whose service refuses with a DomainError, is not answered
with a redirect (a 200 that looks like success) but with the case page again: the refused step's form
as typed, open, with what was wrong above it (`StepRefusal`), under the status of the refusal. The
apps build their own page around it; the refusal itself is built here, once.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from fazhi.core.errors import DomainError
from fazhi.core.form_errors import error_sentence, labelled_errors, mark_fields


@dataclass(frozen=True, slots=True)
class StepRefusal:
    """A step the case page shows again, in place: the form as typed, what was wrong and its code."""

    step: str
    message: str
    code: str
    form: forms.Form


def input_refusal(*, step: str, label: str, form: forms.Form) -> StepRefusal:
    """The refusal of a bound form that did not validate: "{label}未完成：" and every input error in one
    sentence (the field fragments need the step's name); the code is the first error's."""
    return StepRefusal(step, f"{label}未完成：{error_sentence(form)}", labelled_errors(form)[0][1], form)


def domain_refusal(
    *,
    step: str,
    label: str,
    form: forms.Form,
    exc: DomainError,
    fresh: Callable[[], forms.Form],
    conflict_code: str,
    name_step: bool,
) -> StepRefusal:
    """The refusal of a step whose service raised `exc`.

    1. A stale form (`exc.code == conflict_code`, the app's version conflict) starts again from the
       case as it now is: `fresh()` builds that form; the typed values are not kept.
    2. Otherwise the typed form is kept and the fields `exc` names are marked on it.

    `name_step`: put "{label}未完成：" in front of the service's message. It depends on how the app's
    services word a refusal: reconsideration's are full sentences that name what could not be done
    ("尚不能作出决定：…"), so the step's name would say it twice (False); litigation's name only the
    obstacle ("已登记答辩。"), so the step is named (True).
    """
    message = f"{label}未完成：{exc.message}" if name_step else exc.message
    if exc.code == conflict_code:
        return StepRefusal(step, message, exc.code, fresh())
    mark_fields(form, exc)
    return StepRefusal(step, message, exc.code, form)


def shown_form(*, step: str, refusal: StepRefusal | None, new: Callable[[], forms.Form]) -> forms.Form:
    """The form the page shows for `step`: the refused one as typed, else `new()` (an empty one)."""
    return refusal.form if refusal is not None and refusal.step == step else new()


def say_if_not_shown(request: HttpRequest, refusal: StepRefusal | None, *, shown: Collection[str]) -> None:
    """Say the refusal above the steps when its step is not among the `shown` ones any more.

    A stale page can send a step the case no longer offers (it moved on meanwhile); the refusal would
    otherwise be lost with the step's form, under a 409 that looks like nothing happened.
    """
    if refusal is not None and refusal.step not in shown:
        messages.error(request, refusal.message)
