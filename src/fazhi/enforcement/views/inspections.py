"""行政检查 pages: the new-inspection form (with each officer's certificate validity on the day) and
the inspection record. Writes go through services.inspection_record, the service the API calls."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.errors import NotFound
from fazhi.enforcement import selectors, services
from fazhi.enforcement.forms import InspectionForm
from fazhi.enforcement.views._common import default_unit, render_page, submit_for_unit, units_for_action
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.selectors import AnyUser
from fazhi.powers import selectors as powers_selectors
from fazhi.powers.choices import ItemStatus, PowerCategory


@dataclass(frozen=True, slots=True)
class OfficerOption:
    """One checkbox of the officer picker: is the certificate valid for this unit on the day?"""

    id: int
    name: str
    ok: bool
    reason: str
    checked: bool


def officer_options(*, user: AnyUser, unit: OrgUnit, on: date, checked: set[int]) -> list[OfficerOption]:
    officers = selectors.unit_officers_visible_to(user=user, unit=unit)
    verdicts = selectors.officer_verdicts(officers=officers, on=on, unit=unit)
    return [OfficerOption(v.officer_id, v.name, v.ok, v.reason, v.officer_id in checked) for v in verdicts]


def record_form_context(
    request: HttpRequest,
    *,
    form: Any,
    unit: OrgUnit,
    units: list[OrgUnit],
    error: str,
    date_field: str,
    checked: set[int] | None = None,
) -> dict[str, Any]:
    """What every record form (登记检查, 立案, 当场处罚) shows besides its fields: the unit switch, the
    service's refusal, and the officer picker with each certificate's validity on the form's date.

    `checked`: the officers ticked before any POST (立案 from an inspection: its officers).
    """
    on = picked_date(request.POST.get(date_field) or request.GET.get(date_field), timezone.localdate())
    ticked = {int(v) for v in request.POST.getlist("officer_ids") if v.isdigit()} or (checked or set())
    return {
        "form": form,
        "unit": unit,
        "units": units,
        "error": error,
        "on": on,
        "officer_options": officer_options(user=request.user, unit=unit, on=on, checked=ticked),
        "can_record": True,  # the nav's record tabs: picked_unit found a unit to record for
    }


def unit_check_items(*, user: AnyUser, unit: OrgUnit) -> list[Any]:
    return list(powers_selectors.check_item_list_visible_to(user=user, unit=unit, status=ItemStatus.ACTIVE))


def unit_penalty_items(*, user: AnyUser, unit: OrgUnit) -> list[Any]:
    return list(
        powers_selectors.power_item_list_visible_to(
            user=user, unit=unit, category=PowerCategory.PENALTY, status=ItemStatus.ACTIVE
        )
    )


def picked_unit(request: HttpRequest, units: list[OrgUnit]) -> OrgUnit:
    """The unit named by ?unit_code= / the form, if in the user's scope; the default unit otherwise."""
    code = request.POST.get("unit_code") or request.GET.get("unit_code")
    by_code = {u.code: u for u in units}
    unit = by_code.get(code or "") or default_unit(units=units, user=request.user)
    if unit is None:
        # Not "missing": the page exists, this user has no unit to record for (a reviewer, say).
        raise PermissionDenied("您没有可以登记执法记录的单位。")
    return unit


def picked_date(raw: str | None, fallback: date) -> date:
    try:
        return date.fromisoformat(raw or "")
    except ValueError:
        return fallback


@login_required
@require_http_methods(["GET", "POST"])
def inspection_create_view(request: HttpRequest) -> HttpResponse:
    units = units_for_action(user=request.user)
    unit = picked_unit(request, units)
    data = request.POST if request.method == "POST" else None
    form = InspectionForm(data, initial={"unit_code": unit.code})
    form.set_units(units)
    officers = selectors.unit_officers_visible_to(user=request.user, unit=unit)
    form.set_officers(officers)
    check_items = unit_check_items(user=request.user, unit=unit)
    form.set_check_items(check_items)
    error, status = "", 200
    if request.method == "POST":
        done = submit_for_unit(request, form, services.inspection_record)
        if (inspection := done.result) is not None:
            day = format_date_zh(inspection.occurred_on)
            messages.success(request, f"已登记行政检查：{inspection.party_name}（{day}）。")
            return redirect("enforcement:inspection_detail", inspection_id=inspection.pk)
        error, status = done.error, done.status
    context = record_form_context(request, form=form, unit=unit, units=units, error=error, date_field="occurred_on")
    context["has_check_items"] = bool(check_items)
    return render_page(request, "enforcement/inspection_form.html", context, partial="inspection-form", status=status)


@login_required
@require_GET
def officer_picker_view(request: HttpRequest) -> HttpResponse:
    """HTMX: the officer checkboxes with each certificate's validity for ?unit_code= on ?on=."""
    units = units_for_action(user=request.user)
    unit = picked_unit(request, units)
    raw = (
        request.GET.get("on")
        or request.GET.get("occurred_on")
        or request.GET.get("filed_on")
        or request.GET.get("decided_on")  # 当场处罚
    )
    on = picked_date(raw, timezone.localdate())
    checked = {int(v) for v in request.GET.getlist("officer_ids") if v.isdigit()}
    context = {"officer_options": officer_options(user=request.user, unit=unit, on=on, checked=checked), "on": on}
    return render_page(request, "enforcement/partials/officer_picker.html", context, partial="officer-picker")


@login_required
@require_GET
def inspection_detail_view(request: HttpRequest, inspection_id: int) -> HttpResponse:
    try:
        inspection = selectors.inspection_get_for_user(user=request.user, inspection_id=inspection_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    can_edit = selectors.inspection_list_visible_to(user=request.user, action="edit").filter(pk=inspection.pk).exists()
    context = {
        "inspection": inspection,
        "cases": selectors.penalty_case_list_visible_to(user=request.user).filter(inspection=inspection),
        "can_open_case": can_edit,
    }
    return render_page(request, "enforcement/inspection_detail.html", context, partial="inspection")
