"""Helpers of the supervision pages: reading the period and unit asked for, and refusing a bad one.

Thin: a form parses input, then one selector (reads) or one service (writes).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from fazhi.core.errors import DomainError, Forbidden, NotFound
from fazhi.orgs.models import OrgUnit
from fazhi.supervision import rules, selectors
from fazhi.supervision.forms import (
    PeriodForm,
)
from fazhi.supervision.selectors.scope import require_view


def forbidden_page(request: HttpRequest, exc: Forbidden) -> HttpResponse:
    """The site's 403 page with the refusal's Chinese message and its code.

    Raising PermissionDenied(exc.message) would show the message under the generic code
    permission_denied; the page names the refusal's own (supervision.no_access …).
    """
    context = {"status": 403, "code": exc.code, "message": exc.message}
    return render(request, "web/errors/403.html", context, status=403)


def forbidden_as_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer a Forbidden the view raises as the 403 page, with its message and code, and a NotFound (a
    row missing or outside the user's scope) as the 404 page: the views call the scoped selectors and
    need not translate their refusals one by one."""

    @wraps(view)
    def page(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Forbidden as exc:
            return forbidden_page(request, exc)
        except NotFound as exc:
            raise Http404(exc.message) from exc

    return page


def supervision_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page of supervision data: 403 (supervision.no_access) for a user without a supervision role,
    and any Forbidden the view raises (a unit admin's POST of a supervisor's step) answered as 403 with
    its message and code. Below login_required, so the anonymous are sent to log in first."""

    @wraps(view)
    def page(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        require_view(user=request.user)
        return view(request, *args, **kwargs)

    return forbidden_as_page(page)


def _period(request: HttpRequest) -> tuple[OrgUnit, date, date, Any, PeriodForm]:
    """The unit and period asked for; DomainError (400 page) for a bad date or a wrong period.

    Without dates: the current quarter to today; with only an end: that end's quarter to the end.
    """
    form = PeriodForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        message, code = form.first_error()
        raise DomainError(message, code=code)
    data = form.cleaned_data if form.is_bound else {}
    end = data.get("end") or timezone.localdate()
    start = data.get("start") or rules.quarter_start(end)
    as_of = data.get("as_of")
    as_of_day = timezone.localtime(as_of).date() if as_of else None
    rules.require_period(start, end, today=timezone.localdate(), as_of_day=as_of_day)
    code = data.get("unit")
    try:
        unit = (
            selectors.unit_get_for_user(user=request.user, code=code)
            if code
            else selectors.default_unit_for(user=request.user)
        )
    except NotFound as exc:  # a 404 here, not a DomainError the callers would show as a bad period
        raise Http404(exc.message) from exc
    if unit is None:
        raise Http404("没有可查看的单位。")
    return unit, start, end, data.get("as_of"), form


def _period_refused(request: HttpRequest, exc: DomainError) -> HttpResponse:
    """The period could not be read: say why (400), with the form to correct it."""
    context = {"message": exc.message, "code": exc.code, "values": request.GET}
    return render(request, "supervision/period_error.html", context, status=400)
