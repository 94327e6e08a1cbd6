"""Work lists: 我的案件与检查 (an officer's own work by urgency), the unit's case list, and the
cases routed to a legal reviewer (法制审核). Reads only, through the scoped selectors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from fazhi.core.calendars.selectors import working_calendar
from fazhi.enforcement import selectors
from fazhi.enforcement.choices import CaseProcedure, CaseStatus
from fazhi.enforcement.forms import CaseFilterForm, MyWorkFilterForm
from fazhi.enforcement.selectors import WorkItem
from fazhi.enforcement.views._common import URGENCY, Urgency, render_page, urgency_for, user_can_record

PAGE_SIZE = 30


@dataclass(frozen=True, slots=True)
class WorkRow:
    item: WorkItem
    urgency: Urgency


@login_required
@require_GET
def my_work_view(request: HttpRequest) -> HttpResponse:
    """我的案件与检查: open cases by their next statutory deadline, then recent inspections."""
    today = timezone.localdate()
    form = MyWorkFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    calendar = working_calendar()
    rows = [
        WorkRow(item, urgency_for(due=item.due, today=today, calendar=calendar))
        for item in selectors.my_work(user=request.user, today=today)
    ]
    if kind := filters.get("kind"):
        rows = [row for row in rows if row.item.kind == kind]
    if urgency := filters.get("urgency"):
        rows = [row for row in rows if row.urgency.code == urgency and row.item.kind == "case"]
    if query := (filters.get("q") or "").strip():
        rows = [row for row in rows if query in row.item.title]
    context = {
        "form": form,
        "today": today,
        "cases": [row for row in rows if row.item.kind == "case"],
        "inspections": [row for row in rows if row.item.kind == "inspection"],
        "legend": [URGENCY["overdue"], URGENCY["urgent"], URGENCY["normal"]],
        "counts": _counts(rows),
        "can_record": user_can_record(user=request.user),
    }
    return render_page(request, "enforcement/my_work.html", context, partial="work-list")


def _counts(rows: list[WorkRow]) -> dict[str, int]:
    counts = {"overdue": 0, "urgent": 0, "cases": 0, "inspections": 0}
    for row in rows:
        if row.item.kind == "case":
            counts["cases"] += 1
            if row.urgency.code in counts:
                counts[row.urgency.code] += 1
        else:
            counts["inspections"] += 1
    return counts


@login_required
@require_GET
def case_list_view(request: HttpRequest) -> HttpResponse:
    """行政处罚案件: every case the user may see (own unit and below), filterable."""
    form = CaseFilterForm(request.GET or None, statuses=CaseStatus.choices, procedures=CaseProcedure.choices)
    filters = form.cleaned_data if form.is_valid() else {}
    cases = selectors.penalty_case_list_visible_to(user=request.user)
    if query := (filters.get("q") or "").strip():
        cases = cases.filter(Q(number__icontains=query) | Q(party_name__icontains=query) | Q(cause__icontains=query))
    if status := filters.get("status"):
        cases = cases.filter(status=status)
    if procedure := filters.get("procedure"):
        cases = cases.filter(procedure=procedure)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": params.urlencode(),
        "can_record": user_can_record(user=request.user),
    }
    return render_page(request, "enforcement/case_list.html", context, partial="case-table")


@dataclass(frozen=True, slots=True)
class ReviewRow:
    case: object
    submitted_on: date | None
    urgency: Urgency


@login_required
@require_GET
def review_list_view(request: HttpRequest) -> HttpResponse:
    """法制审核: cases waiting for the reviewer's opinion (Art. 58), and the ones they reviewed lately."""
    today = timezone.localdate()
    calendar = working_calendar()
    pending = list(selectors.cases_awaiting_legal_review(user=request.user))
    rows = [
        ReviewRow(
            case, case.legal_review_submitted_on, urgency_for(due=case.decision_due, today=today, calendar=calendar)
        )
        for case in pending
    ]
    reviewed = selectors.cases_reviewed_by(user=request.user)
    context = {"rows": rows, "reviewed": reviewed, "today": today}
    return render_page(request, "enforcement/review_list.html", context, partial="review-table")
