"""Pages of 双随机、一公开: public plans and draws with server-side verification (no login),
supervisors' plan pages (create, commit, draw, publish, statistics) and officers' tasks.

Thin: forms validate, one service per POST, selectors for reads. DomainErrors are shown in place
with their code (HTTP 400/409), never a 500.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from fazhi.core.errors import DomainError, NotFound
from fazhi.powers.selectors import check_items_by_code
from fazhi.spotchecks import forms, selectors, services
from fazhi.spotchecks.choices import PlanStatus, SeedSource
from fazhi.spotchecks.rules.plans import parse_quota, quota_label, quotas_from_json


def _error(exc: DomainError) -> dict[str, str]:
    return {"message": exc.message, "code": exc.code}


def _quota_rows(plan: Any) -> list[tuple[str, str]]:
    return [(c, quota_label(q)) for c, q in sorted(quotas_from_json(plan.quotas).items())]


# --- public ---------------------------------------------------------------------------------------


@require_safe
def public_plan_list_view(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.plan_list_public(), 30).get_page(request.GET.get("page"))
    return render(request, "spotchecks/public_plan_list.html", {"page": page})


def _public_context(plan: Any) -> dict[str, Any]:
    """The public page of a plan: the plan, the draw's commitment and counts, the published results only."""
    draw = selectors.plan_draw(plan=plan)
    return {
        "plan": plan,
        "draw": draw,
        "summary": selectors.plan_public_summary(plan=plan, draw=draw),
        "results": selectors.plan_public_results(plan=plan),
        "quotas": _quota_rows(plan),
        "items": selectors.plan_check_items(plan=plan),
        "public": True,
    }


@require_safe
def public_plan_detail_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    try:
        plan = selectors.plan_get_public(plan_id=plan_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return render(request, "spotchecks/public_plan_detail.html", _public_context(plan))


@require_POST
def public_plan_verify_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Replay the draw on the server; the HTMX button swaps in the verdict, a plain POST gets the page.

    The verdict names no entity (VerifyReport.as_public_dict): only whether the replay matches.
    """
    try:
        plan = selectors.plan_get_public(plan_id=plan_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    report = selectors.plan_verify(plan=plan)
    if request.htmx:
        return render(request, "spotchecks/partials/verify_result.html", {"report": report, "public": True})
    return render(request, "spotchecks/public_plan_detail.html", {**_public_context(plan), "report": report})


# --- supervisors ----------------------------------------------------------------------------------


def _require_planner(request: HttpRequest) -> None:
    if not selectors.user_is_planner(user=request.user):
        raise PermissionDenied("只有执法监督人员或单位管理员可以管理抽查计划。")


@login_required
@require_safe
def plan_list_view(request: HttpRequest) -> HttpResponse:
    plans = selectors.plan_list_visible_to(user=request.user)
    context = {
        "plans": plans,
        "can_plan": selectors.user_is_planner(user=request.user),
        "entity_count": selectors.entity_count(),
    }
    return render(request, "spotchecks/plan_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_create_view(request: HttpRequest) -> HttpResponse:
    _require_planner(request)
    units = list(selectors.planner_units(user=request.user))
    items = selectors.samplable_check_items(units=[u for u in units if u.is_enforcement_body or u.kind == "department"])
    unit_choices = [(u.code, f"{u.name}（{u.code}）") for u in units]
    item_choices = [(i.code, f"{i.code} {i.name}（{i.owner_unit.name}）") for i in items]
    # Bound on every POST, even an empty one (request.POST or None left an empty POST unbound and silent).
    form = forms.PlanForm(request.POST if request.method == "POST" else None, units=unit_choices, items=item_choices)
    errors: list[dict[str, str]] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        by_code = {u.code: u for u in units}
        try:
            quotas = {c: parse_quota(text, risk_class=c) for c, text in form.quota_texts().items()}
            found = check_items_by_code(codes=data["check_items"])
            plan = services.plan_create(
                actor=request.user,
                name=data["name"],
                organizer=by_code[data["organizer"]],
                departments=[services.DepartmentSpec(by_code[c], data["team_size"]) for c in data["departments"]],
                check_items=[found[c] for c in data["check_items"] if c in found],
                period_start=data["period_start"],
                period_end=data["period_end"],
                quotas=quotas,
                scope_area=data["scope_area"],
                scope_industry=data["scope_industry"],
                max_checks_per_year=data["max_checks_per_year"],
                exclude_inspected_days=data["exclude_inspected_days"],
                avoid_repeat_inspector=data["avoid_repeat_inspector"],
            )
        except DomainError as exc:
            errors.append(_error(exc))
        else:
            messages.success(request, f"已制定抽查计划“{plan.name}”。")
            return redirect("spotchecks:plan_detail", plan_id=plan.pk)
    if request.method == "POST" and not form.is_valid():
        errors.extend(forms.error_list(form))
    status = 400 if request.method == "POST" else 200
    return render(request, "spotchecks/plan_form.html", {"form": form, "errors": errors}, status=status)


def _plan_page(
    request: HttpRequest, plan: Any, *, errors: list[dict[str, str]] | None = None, status: int = 200
) -> HttpResponse:
    draw = selectors.plan_draw(plan=plan)
    can_plan = selectors.user_can_plan_for(
        user=request.user, units=[plan.organizer, *selectors.plan_department_units(plan=plan)]
    )
    context = {
        "plan": plan,
        "draw": draw,
        "quotas": _quota_rows(plan),
        "items": selectors.plan_check_items(plan=plan),
        "tasks": selectors.plan_tasks(plan=plan),
        "stats": selectors.plan_stats(plan=plan),
        "can_plan": can_plan,
        "commit_form": forms.CommitForm(),
        "draw_form": forms.DrawForm(),
        "errors": errors or [],
        "witnessed": draw is not None and draw.seed_source == SeedSource.WITNESSED,
    }
    return render(request, "spotchecks/plan_detail.html", context, status=status)


@login_required
@require_safe
def plan_detail_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    try:
        plan = selectors.plan_get_for_user(user=request.user, plan_id=plan_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return _plan_page(request, plan)


def _planner_plan(request: HttpRequest, plan_id: int) -> Any:
    try:
        return selectors.plan_get_for_planner(user=request.user, plan_id=plan_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@login_required
@require_POST
def plan_commit_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _planner_plan(request, plan_id)
    form = forms.CommitForm(request.POST)
    source = form.cleaned_data["seed_source"] if form.is_valid() else SeedSource.COMMIT_REVEAL
    try:
        services.plan_commit(actor=request.user, plan=plan, seed_source=source)
    except DomainError as exc:
        return _plan_page(request, plan, errors=[_error(exc)], status=exc.status_code)
    messages.success(request, "已公布抽取承诺（抽取输入哈希与种子哈希）。")
    return redirect("spotchecks:plan_detail", plan_id=plan.pk)


@login_required
@require_POST
def plan_draw_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _planner_plan(request, plan_id)
    form = forms.DrawForm(request.POST)
    form.is_valid()
    try:
        draw = services.plan_draw(
            actor=request.user,
            plan=plan,
            seed_text=form.cleaned_data.get("seed", ""),
            witnesses=form.cleaned_data.get("witnesses", ""),
        )
    except DomainError as exc:
        return _plan_page(request, plan, errors=[_error(exc)], status=exc.status_code)
    messages.success(request, f"抽取完成：{len(draw.result['assignments'])}户检查对象，任务已下达。")
    return redirect("spotchecks:plan_detail", plan_id=plan.pk)


@login_required
@require_POST
def plan_publish_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _planner_plan(request, plan_id)
    try:
        count = services.plan_results_publish(actor=request.user, plan=plan)
    except DomainError as exc:
        return _plan_page(request, plan, errors=[_error(exc)], status=exc.status_code)
    messages.success(request, f"已公示{count}条抽查结果。")
    return redirect("spotchecks:plan_detail", plan_id=plan.pk)


# --- officers -------------------------------------------------------------------------------------


@login_required
@require_safe
def my_task_list_view(request: HttpRequest) -> HttpResponse:
    return render(request, "spotchecks/my_tasks.html", {"tasks": selectors.task_list_for_officer(user=request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def task_detail_view(request: HttpRequest, task_id: int) -> HttpResponse:
    try:
        task = selectors.task_get_for_user(user=request.user, task_id=task_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    form = forms.ResultForm(
        request.POST if request.method == "POST" else None, initial={"occurred_on": timezone.localdate()}
    )
    errors: list[dict[str, str]] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.task_result_record(actor=request.user, task=task, **form.cleaned_data)
            except DomainError as exc:
                errors.append(_error(exc))
                status = exc.status_code
            else:
                messages.success(request, "检查结果已登记为行政检查记录。")
                return redirect("spotchecks:task_detail", task_id=task.pk)
        else:
            errors.extend(forms.error_list(form))
            status = 400
    context = {
        "task": task,
        "form": form,
        "errors": errors,
        "can_record": task.status == "assigned" and selectors.user_may_record_task(user=request.user, task=task),
        "plan_drawn": task.plan.status == PlanStatus.DRAWN,
    }
    return render(request, "spotchecks/task_detail.html", context, status=status)
