"""Small helpers shared by the enforcement pages: partial rendering, error messages, urgency colours."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from fazhi.core.calendars.rules import CalendarDataMissing, WorkingDayCalendar
from fazhi.core.errors import DomainError
from fazhi.enforcement import selectors
from fazhi.orgs.choices import Role
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.selectors import AnyUser, officer_list_visible_to, org_unit_list_visible_to

# The one message a stale form gets, whatever the service said (the API keeps its own wording).
STALE_VERSION_MESSAGE = "案件已被他人更新，请刷新后重试。"
URGENT_WORKING_DAYS = 3


def is_partial(request: HttpRequest) -> bool:
    """An HTMX request that wants a fragment (not a boosted navigation or a history restore)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def render_page(
    request: HttpRequest, template: str, context: dict[str, Any], *, partial: str, status: int = 200
) -> HttpResponse:
    """Render the whole page, or only `partial` of it for HTMX; the Vary header keeps caches apart."""
    name = f"{template}#{partial}" if is_partial(request) else template
    response = render(request, name, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


def error_message(exc: DomainError) -> str:
    """The Chinese message shown in place of a refused action (with its article, from the rules)."""
    if exc.code == "penalty.version_conflict":
        return STALE_VERSION_MESSAGE
    return exc.message


@dataclass(frozen=True, slots=True)
class Urgency:
    code: str  # overdue | urgent | normal | none
    label: str
    css: str  # the Bootstrap class of the badge / row


URGENCY = {
    "overdue": Urgency("overdue", "已逾期", "danger"),
    "urgent": Urgency("urgent", "3个工作日内到期", "warning"),
    "normal": Urgency("normal", "正常", "secondary"),
    "none": Urgency("none", "无法定期限", "light"),
}


def urgency_for(*, due: date | None, today: date, calendar: WorkingDayCalendar) -> Urgency:
    """Colour a statutory due date for the lists: overdue red, ≤3 working days orange, else normal.

    Working days as the deadline engine counts them (法定节假日与调休). A year the calendar has no
    data for falls back to calendar days, which can only make a deadline look more urgent.
    """
    if due is None:
        return URGENCY["none"]
    if due < today:
        return URGENCY["overdue"]
    try:
        remaining = calendar.working_days_between(today + timedelta(days=1), due) if due > today else 0
    except CalendarDataMissing:
        remaining = (due - today).days
    return URGENCY["urgent"] if remaining <= URGENT_WORKING_DAYS else URGENCY["normal"]


RECORDING_ROLES = frozenset({Role.OFFICER, Role.UNIT_ADMIN})


def units_for_action(*, user: AnyUser) -> list[OrgUnit]:
    """Units the user may record inspections and open cases for (执法人员 / 单位管理员 scope)."""
    return list(org_unit_list_visible_to(user=user, roles=set(RECORDING_ROLES)))


def user_can_record(*, user: AnyUser) -> bool:
    """Does the user record inspections or open cases for any unit? The work pages offer 登记检查 and
    立案 only then: a 法制审核 reviewer or a supervisor sees the case list but records nothing."""
    return org_unit_list_visible_to(user=user, roles=set(RECORDING_ROLES)).exists()


@dataclass(frozen=True, slots=True)
class Submitted:
    """What a record form's POST came to: the service's result, or the refusal to show in the form."""

    result: Any = None  # None when the form was invalid or the service refused
    error: str = ""  # the service's Chinese message ("" for an invalid form: its fields say why)
    status: int = 200


def submit_for_unit(
    request: HttpRequest, form: forms.Form, service: Callable[..., Any], *, drop: tuple[str, ...] = (), **extra: Any
) -> Submitted:
    """Validate a record form (登记检查, 立案, 当场处罚) and call `service` for the unit it names.

    The unit is read through the scoped selector, so one outside the user's units is refused as not
    found; `drop` names form fields the service does not take, `extra` adds arguments the view read
    itself (the inspection a case is opened from). An invalid form is 400 with its field errors.
    """
    if not form.is_valid():
        return Submitted(status=400)
    values = {name: value for name, value in form.cleaned_data.items() if name not in drop}
    try:
        unit = selectors.unit_get_for_action(user=request.user, code=values.pop("unit_code"))
        return Submitted(service(actor=request.user, unit=unit, **extra, **values))
    except DomainError as exc:
        return Submitted(error=error_message(exc), status=exc.status_code)


def default_unit(*, units: list[OrgUnit], user: AnyUser) -> OrgUnit | None:
    """The unit of the user's own officer post if it is in scope, else the first enforcement body."""
    person_id = getattr(user, "person_id", None)
    posts = set(officer_list_visible_to(user=user).filter(person_id=person_id).values_list("unit_id", flat=True))
    for unit in units:
        if person_id and unit.pk in posts:
            return unit
    return next((u for u in units if u.is_enforcement_body), units[0] if units else None)
