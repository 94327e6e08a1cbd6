"""完整性自查, 案卷评查 (sample, score, 整改, 复核) and the to-do list of alerts.

Thin: a form parses input, then one selector (reads) or one service (writes).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from fazhi.core.errors import DomainError, Forbidden, NotFound
from fazhi.supervision import selectors, services
from fazhi.supervision.forms import (
    RecheckForm,
    RectificationForm,
    SampleForm,
    ScoreForm,
)
from fazhi.supervision.models import CaseFileReview
from fazhi.supervision.selectors.review import review_steps_for
from fazhi.supervision.selectors.scope import require_supervise
from fazhi.supervision.views._common import forbidden_as_page, supervision_page


@login_required
@require_GET
@forbidden_as_page  # not supervision_page: the case page links here under the case's own permission
def self_check_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.case_get_for_review(user=request.user, case_id=case_id)
    check = selectors.case_self_check(case=case, today=timezone.localdate())
    return render(request, "supervision/self_check.html", {"case": case, "check": check})


@login_required
@require_http_methods(["GET", "POST"])
@supervision_page
def review_list_view(request: HttpRequest) -> HttpResponse:
    can_supervise = selectors.user_can_supervise(user=request.user)
    # The enforcement bodies under the user's supervising grants (drawing is checked again on them).
    scope = selectors.unit_list_visible_to(user=request.user, roles=selectors.SUPERVISE_ROLES)
    units = [(u.code, u.name) for u in scope if u.is_enforcement_body]
    seed = timezone.localtime().strftime("%Y%m%d%H%M")  # the minute as the supervisor reads it (Beijing time)
    form = SampleForm(request.POST or None, units=units, initial={"seed": seed})
    if request.method == "POST":
        require_supervise(user=request.user, action="抽取评查案卷")
        if form.is_valid():
            try:
                unit = selectors.unit_get_for_user(
                    user=request.user, code=form.cleaned_data["unit"], roles=selectors.SUPERVISE_ROLES
                )
                sample = services.review_sample_draw(
                    actor=request.user,
                    unit=unit,
                    start=form.cleaned_data["period_from"],
                    end=form.cleaned_data["period_to"],
                    size=form.cleaned_data["size"],
                    seed=form.cleaned_data["seed"],
                    today=timezone.localdate(),
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"已抽取{sample.reviews.count()}份案卷（种子{sample.seed}）。")
                return redirect("supervision:reviews")
    samples = selectors.review_sample_list_visible_to(user=request.user).prefetch_related("reviews__case")[:50]
    context = {"samples": samples, "form": form, "can_supervise": can_supervise}
    return render(request, "supervision/review_list.html", context, status=422 if form.errors else 200)


def _review_or_404(request: HttpRequest, review_id: int, roles: Any = selectors.VIEW_ROLES) -> CaseFileReview:
    return selectors.review_get_for_user(user=request.user, review_id=review_id, roles=roles)


@login_required
@require_http_methods(["GET", "POST"])
@supervision_page
def review_detail_view(request: HttpRequest, review_id: int) -> HttpResponse:
    """The review, and the form of the step the user may take now: 评查 and 复核 for the supervisor,
    整改 for the reviewed unit's 单位管理员 (the services refuse the others: 403 on a visible review)."""
    review = _review_or_404(request, review_id)
    action = request.POST.get("action")
    forms = {"score": ScoreForm(), "rectify": RectificationForm(), "recheck": RecheckForm()}
    if request.method == "POST":
        today = timezone.localdate()
        try:
            if action == "score":
                forms["score"] = form = ScoreForm(request.POST)
                if form.is_valid():
                    services.case_file_review_score(
                        actor=request.user, review=review, reviewed_on=today, today=today, **form.cleaned_data
                    )
                    return redirect("supervision:review", review_id=review.pk)
            elif action == "rectify":
                forms["rectify"] = form = RectificationForm(request.POST)
                if form.is_valid():
                    services.review_rectification_submit(
                        actor=request.user, review=review, note=form.cleaned_data["note"], on=today
                    )
                    return redirect("supervision:review", review_id=review.pk)
            elif action == "recheck":
                forms["recheck"] = form = RecheckForm(request.POST)
                if form.is_valid():
                    services.review_recheck(
                        actor=request.user,
                        review=review,
                        passed=form.cleaned_data["passed"],
                        note=form.cleaned_data["note"],
                        on=today,
                    )
                    return redirect("supervision:review", review_id=review.pk)
        except (NotFound, Forbidden):
            raise  # answered as the 404/403 page by supervision_page, not as a message
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("supervision:review", review_id=review.pk)
    steps = review_steps_for(user=request.user, review=review)
    context = {"review": review, "forms": forms, "steps": steps}
    return render(request, "supervision/review_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@supervision_page
def todo_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        try:
            alert = selectors.alert_get_for_user(user=request.user, alert_id=int(request.POST.get("alert", "0")))
            services.alert_resolve(actor=request.user, alert=alert, reason=request.POST.get("reason", ""))
        except NotFound:
            raise  # the 404 page (supervision_page), not a message
        except (DomainError, ValueError) as exc:
            messages.error(request, getattr(exc, "message", "参数无效。"))
        else:
            messages.success(request, "提醒已处理。")
        return redirect("supervision:todo")
    context = {
        "alerts": selectors.alert_list_visible_to(user=request.user)[:500],
        "reviews": selectors.reviews_open_for_unit(user=request.user)[:100],
    }
    return render(request, "supervision/todo.html", context)
