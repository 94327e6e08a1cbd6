"""Pages of supervision: the dashboard (region or unit) with a link behind every number, drill-downs,
snapshots with their diffs, bulletins (+ .docx), self-check, case-file review and the to-do list.

Thin: a form parses input, then one selector (reads) or one service (writes). Units are resolved
through selectors.unit_get_for_user, so an out-of-scope unit is the same 404 as a missing one.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from fazhi.core.errors import DomainError, NotFound
from fazhi.core.uploads import import_upload_handle
from fazhi.orgs.models import OrgUnit
from fazhi.supervision import bulletin_tables, importers, rules, selectors, services
from fazhi.supervision.documents import docx_response
from fazhi.supervision.forms import (
    BulletinForm,
    NoteForm,
    PeriodForm,
    RecheckForm,
    SampleForm,
    ScoreForm,
    SnapshotForm,
)
from fazhi.supervision.models import CaseFileReview


def _not_found(exc: NotFound) -> Http404:
    return Http404(exc.message)


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
    rules.require_period(start, end)
    code = data.get("unit")
    try:
        unit = (
            selectors.unit_get_for_user(user=request.user, code=code)
            if code
            else selectors.default_unit_for(user=request.user)
        )
    except NotFound as exc:
        raise _not_found(exc) from exc
    if unit is None:
        raise Http404("没有可查看的单位。")
    return unit, start, end, data.get("as_of"), form


def _period_refused(request: HttpRequest, exc: DomainError) -> HttpResponse:
    """The period could not be read: say why (400), with the form to correct it."""
    context = {"message": exc.message, "code": exc.code, "values": request.GET}
    return render(request, "supervision/period_error.html", context, status=400)


def _query(unit: OrgUnit, start: date, end: date, as_of: Any, **extra: str) -> str:
    params = {"unit": unit.code, "start": start.isoformat(), "end": end.isoformat(), **extra}
    if as_of:
        params["as_of"] = timezone.localtime(as_of).strftime("%Y-%m-%dT%H:%M")
    return urlencode(params)


def _link(kind: str | None, query: str, record_type: str | None = None) -> str:
    if not kind:
        return ""
    url = reverse("supervision:drilldown", kwargs={"kind": kind}) + "?" + query
    return url + f"&record_type={record_type}" if record_type else url


def _cells(
    values: list[rules.IndicatorValue], specs: dict[str, rules.DefinitionSpec], query: str
) -> list[dict[str, Any]]:
    """Each figure with the link to the rows behind it (value, numerator, denominator)."""
    cells = []
    for value in values:
        spec = specs[value.code]
        num_kind = selectors.MEASURE_DRILLDOWN.get(spec.numerator)
        den_kind = selectors.MEASURE_DRILLDOWN.get(spec.denominator) if spec.denominator else None
        value_kind = selectors.INDICATOR_DRILLDOWN.get(value.code, num_kind)
        record_type = selectors.MEASURE_RECORD_TYPE.get(spec.numerator)
        cells.append(
            {
                "code": value.code,
                "name": value.name,
                "value": value.value,
                "unit_label": value.unit_label,
                "numerator": value.numerator,
                "denominator": value.denominator,
                "is_ratio": bool(spec.denominator),
                "link": _link(value_kind, query, record_type if value_kind == "records" else None),
                "numerator_link": _link(num_kind, query, record_type),
                "denominator_link": _link(den_kind, query),
                "numerator_label": rules.MEASURES.get(spec.numerator, spec.numerator),
                "denominator_label": rules.MEASURES.get(spec.denominator, ""),
                "source": spec.source,
                "explanation": spec.explanation,
            }
        )
    return cells


@login_required
@require_GET
def dashboard_view(request: HttpRequest) -> HttpResponse:
    try:
        unit, start, end, as_of, form = _period(request)
        report = selectors.indicator_report(unit=unit, start=start, end=end, as_of=as_of)
    except DomainError as exc:
        return _period_refused(request, exc)
    query = _query(unit, start, end, as_of)
    chart_rows = [row for row in report.rows if row.unit.pk != unit.pk][:40]

    def _value(row: selectors.UnitIndicators, code: str) -> float | None:
        value = next((v.value for v in row.values if v.code == code), None)
        return None if value is None else float(value)

    chart = {
        "title": "各单位人员参与率与履责率（%）",
        "labels": [row.unit.short_name or row.unit.name for row in chart_rows],
        "series": [
            {"name": "人员参与率", "values": [_value(row, "participation_rate") for row in chart_rows]},
            {"name": "履责率", "values": [_value(row, "exercise_rate") for row in chart_rows]},
        ],
        "links": [reverse("supervision:dashboard") + "?" + _query(row.unit, start, end, as_of) for row in chart_rows],
    }
    units = [u for u in selectors.unit_list_visible_to(user=request.user) if u.is_enforcement_body or u.depth < 3]
    specs = {spec.code: spec for spec in report.definitions}
    # Acts recorded on this platform reach the figures through the ingestion run by `fazhi tick`:
    # the page says when that last happened, and that acts recorded since are not counted yet.
    caught_up_at = selectors.ingestion_caught_up_at()
    table = [
        {"unit": row.unit, "cells": _cells(row.values, specs, _query(row.unit, start, end, as_of))}
        for row in report.rows
        if row.unit.pk != unit.pk
    ]
    context = {
        "cards": _cells(report.total.values, specs, query),
        "table": table,
        "headline": (
            "officers_total",
            "participation_rate",
            "exercise_rate",
            "records_total",
            "records_per_officer",
            "upload_timeliness",
        ),
        "form": form,
        "unit": unit,
        "start": start,
        "end": end,
        "report": report,
        "query": query,
        "units": units,
        "chart": chart,
        "repeated": selectors.drilldown(unit=unit, kind="repeated_entities", start=start, end=end, limit=20),
        "can_supervise": selectors.user_can_supervise(user=request.user),
        "snapshot_form": SnapshotForm(initial={"unit": unit.code, "start": start, "end": end}),
        "caught_up_at": caught_up_at,
        "lagging": caught_up_at is None or caught_up_at < report.as_of,
    }
    return render(request, "supervision/dashboard.html", context)


@login_required
@require_GET
def drilldown_view(request: HttpRequest, kind: str) -> HttpResponse:
    try:
        unit, start, end, as_of, form = _period(request)
        record_type = form.cleaned_data.get("record_type") if form.is_bound else None
        result = selectors.drilldown(
            unit=unit, kind=kind, start=start, end=end, as_of=as_of, record_type=record_type or None
        )
    except NotFound as exc:
        raise _not_found(exc) from exc
    except DomainError as exc:
        return _period_refused(request, exc)
    back = reverse("supervision:dashboard") + "?" + _query(unit, start, end, as_of)
    links = [_record_url(target) for target in result.targets]
    rows = [(row, links[index] if index < len(links) else "") for index, row in enumerate(result.rows)]
    context = {"unit": unit, "start": start, "end": end, "result": result, "rows": rows, "back": back}
    return render(request, "supervision/drilldown.html", context)


# The pages of the platform records a drill-down row names (enforcement's own detail pages, which
# apply their own scope: supervisors and unit admins may view the records of their units).
RECORD_PAGES = {"inspection": "enforcement:inspection_detail", "penalty_case": "enforcement:case_detail"}


def _record_url(target: tuple[str, int] | None) -> str:
    if target is None:
        return ""
    kind, pk = target
    argument = "inspection_id" if kind == "inspection" else "case_id"
    return reverse(RECORD_PAGES[kind], kwargs={argument: pk})


@login_required
@require_http_methods(["GET", "POST"])
def snapshot_list_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = SnapshotForm(request.POST)
        if form.is_valid():
            try:
                unit = selectors.unit_get_for_user(
                    user=request.user, code=form.cleaned_data["unit"], roles=selectors.SUPERVISE_ROLES
                )
            except NotFound as exc:
                raise _not_found(exc) from exc
            try:
                snapshot = services.snapshot_publish(
                    actor=request.user,
                    unit=unit,
                    start=form.cleaned_data["start"],
                    end=form.cleaned_data["end"],
                    title=form.cleaned_data["title"],
                )
            except DomainError as exc:
                messages.error(request, exc.message)
                return redirect("supervision:snapshots")
            messages.success(request, "已发布指标快照，数字已冻结。")
            return redirect("supervision:snapshot", snapshot_id=snapshot.pk)
        messages.error(request, "快照参数无效。")
    snapshots = selectors.snapshot_list_visible_to(user=request.user)[:100]
    return render(request, "supervision/snapshot_list.html", {"snapshots": snapshots})


@login_required
@require_GET
def snapshot_detail_view(request: HttpRequest, snapshot_id: int) -> HttpResponse:
    try:
        snapshot = selectors.snapshot_get_for_user(user=request.user, snapshot_id=snapshot_id)
    except NotFound as exc:
        raise _not_found(exc) from exc
    diff = selectors.snapshot_diff(snapshot=snapshot) if request.GET.get("diff") else None
    figures = snapshot.payload.get("figures", {})
    names = {"*": f"{snapshot.unit.name}（合计）", **snapshot.payload.get("units", {})}
    rows = [(names.get(code, code), code, values) for code, values in figures.items()]
    return render(request, "supervision/snapshot_detail.html", {"snapshot": snapshot, "rows": rows, "diff": diff})


@login_required
@require_http_methods(["GET", "POST"])
def bulletin_list_view(request: HttpRequest) -> HttpResponse:
    can_supervise = selectors.user_can_supervise(user=request.user)
    today = timezone.localdate()
    previous = rules.quarter_start(today).replace(day=1)
    last_quarter_year = previous.year if previous.month > 1 else previous.year - 1
    last_quarter = (previous.month - 1) // 3 or 4
    form = BulletinForm(
        request.POST or None,
        initial={"year": last_quarter_year, "quarter": last_quarter, "issuer": "", "number": ""},
    )
    if request.method == "POST":
        if not can_supervise:
            raise Http404("无权印发通报。")
        region = selectors.default_unit_for(user=request.user)
        if form.is_valid() and region is not None:
            try:
                bulletin = services.bulletin_issue(
                    actor=request.user,
                    unit=region,
                    year=form.cleaned_data["year"],
                    quarter=form.cleaned_data["quarter"],
                    number=form.cleaned_data["number"],
                    issuer=form.cleaned_data["issuer"],
                    issued_on=today,
                    bottom_n=form.cleaned_data.get("bottom_n"),
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "通报已印发。")
                return redirect("supervision:bulletin", bulletin_id=bulletin.pk)
    bulletins = selectors.bulletin_list_visible_to(user=request.user)[:100]
    context = {"bulletins": bulletins, "form": form, "can_supervise": can_supervise}
    return render(request, "supervision/bulletin_list.html", context, status=422 if form.errors else 200)


@login_required
@require_GET
def bulletin_detail_view(request: HttpRequest, bulletin_id: int) -> HttpResponse:
    try:
        bulletin = selectors.bulletin_get_for_user(user=request.user, bulletin_id=bulletin_id)
    except NotFound as exc:
        raise _not_found(exc) from exc
    payload = bulletin.snapshot.payload
    ranking = payload["ranking"]
    chart = {
        "title": "各单位考核得分",
        "labels": [row["name"] for row in ranking],
        "series": [{"name": "得分", "values": [float(row["score"]) for row in ranking]}],
        "links": [],
    }
    context = {
        "bulletin": bulletin,
        "snapshot": bulletin.snapshot,
        "payload": payload,
        "total": payload["figures"].get("*", {}),
        "chart": chart,
        "columns": bulletin_tables.columns(payload),
        "ranking": bulletin_tables.rows(payload),
        "policy_note": bulletin_tables.policy_note(payload),
        "peer_max_sentence": bulletin_tables.peer_max_sentence(payload),
        "scheme_line": bulletin_tables.scheme_line(payload),
        "summoned": bulletin_tables.summoned(payload),
        "summoned_heading": bulletin_tables.summoned_heading(payload),
    }
    return render(request, "supervision/bulletin_detail.html", context)


@login_required
@require_GET
def bulletin_docx_view(request: HttpRequest, bulletin_id: int) -> HttpResponse:
    try:
        bulletin = selectors.bulletin_get_for_user(user=request.user, bulletin_id=bulletin_id)
    except NotFound as exc:
        raise _not_found(exc) from exc
    return docx_response(bulletin)


@login_required
@require_GET
def self_check_view(request: HttpRequest, case_id: int) -> HttpResponse:
    try:
        case = selectors.case_get_for_review(user=request.user, case_id=case_id)
    except NotFound as exc:
        raise _not_found(exc) from exc
    check = selectors.case_self_check(case=case, today=timezone.localdate())
    return render(request, "supervision/self_check.html", {"case": case, "check": check})


@login_required
@require_http_methods(["GET", "POST"])
def review_list_view(request: HttpRequest) -> HttpResponse:
    can_supervise = selectors.user_can_supervise(user=request.user)
    # The enforcement bodies under the user's supervising grants (drawing is checked again on them).
    scope = selectors.unit_list_visible_to(user=request.user, roles=selectors.SUPERVISE_ROLES)
    units = [(u.code, u.name) for u in scope if u.is_enforcement_body]
    seed = timezone.now().strftime("%Y%m%d%H%M")
    form = SampleForm(request.POST or None, units=units, initial={"seed": seed})
    if request.method == "POST":
        if not can_supervise:
            raise Http404("无权抽取案卷。")
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
    try:
        return selectors.review_get_for_user(user=request.user, review_id=review_id, roles=roles)
    except NotFound as exc:
        raise _not_found(exc) from exc


@login_required
@require_http_methods(["GET", "POST"])
def review_detail_view(request: HttpRequest, review_id: int) -> HttpResponse:
    review = _review_or_404(request, review_id)
    can_supervise = selectors.user_can_supervise(user=request.user)
    action = request.POST.get("action")
    forms = {"score": ScoreForm(), "rectify": NoteForm(), "recheck": RecheckForm()}
    if request.method == "POST":
        today = timezone.localdate()
        try:
            if action == "score":
                review = _review_or_404(request, review_id, selectors.SUPERVISE_ROLES)
                forms["score"] = form = ScoreForm(request.POST)
                if form.is_valid():
                    services.case_file_review_score(
                        actor=request.user, review=review, reviewed_on=today, today=today, **form.cleaned_data
                    )
                    return redirect("supervision:review", review_id=review.pk)
            elif action == "rectify":
                forms["rectify"] = form = NoteForm(request.POST)
                if form.is_valid():
                    services.review_rectification_submit(
                        actor=request.user, review=review, note=form.cleaned_data["note"], on=today
                    )
                    return redirect("supervision:review", review_id=review.pk)
            elif action == "recheck":
                review = _review_or_404(request, review_id, selectors.SUPERVISE_ROLES)
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
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("supervision:review", review_id=review.pk)
    context = {"review": review, "forms": forms, "can_supervise": can_supervise}
    return render(request, "supervision/review_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def todo_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        try:
            alert = selectors.alert_get_for_user(user=request.user, alert_id=int(request.POST.get("alert", "0")))
            services.alert_resolve(actor=request.user, alert=alert, reason=request.POST.get("reason", ""))
        except NotFound as exc:
            raise _not_found(exc) from exc
        except (DomainError, ValueError) as exc:
            messages.error(request, getattr(exc, "message", "参数无效。"))
        else:
            messages.success(request, "提醒已处理。")
        return redirect("supervision:todo")
    if not selectors.user_can_view(user=request.user):
        raise Http404("无权访问。")
    context = {
        "alerts": selectors.alert_list_visible_to(user=request.user)[:500],
        "reviews": selectors.reviews_open_for_unit(user=request.user)[:100],
    }
    return render(request, "supervision/todo.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def record_import_view(request: HttpRequest) -> HttpResponse:
    """执法信息导入: upload a file of records from a departmental system, for the units in the user's scope.

    The same checks and all-or-nothing write as `fazhi import records`; bad rows are listed by their
    spreadsheet number (HTTP 400), a concurrent import of the same keys is HTTP 409.
    """
    if not selectors.record_import_paths_for(user=request.user) and not request.user.is_superuser:
        raise Http404("无权访问。")
    outcome = import_upload_handle(request, run=importers.import_records_upload)
    context = {
        **outcome.context(),
        "headers": importers.RECORD_HEADERS,
        "optional_headers": importers.RECORD_OPTIONAL_HEADERS,
        "recent": selectors.record_import_list_by(user=request.user),
        "section": "imports",
    }
    return render(request, "supervision/record_import.html", context, status=outcome.status)


@login_required
@require_GET
def record_import_template_view(request: HttpRequest) -> HttpResponse:
    """The header row of a record-intake file as CSV (UTF-8 with BOM, so that Excel reads the Chinese)."""
    if not selectors.record_import_paths_for(user=request.user) and not request.user.is_superuser:
        raise Http404("无权访问。")
    header = ",".join((*importers.RECORD_HEADERS, *importers.RECORD_OPTIONAL_HEADERS))
    response = HttpResponse("\ufeff" + header + "\r\n", content_type="text/csv; charset=utf-8")
    name = quote("执法信息导入模板.csv")
    response["Content-Disposition"] = f"attachment; filename=\"records-template.csv\"; filename*=UTF-8''{name}"
    return response
