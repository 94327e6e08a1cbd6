"""Pages of the power and check lists: lists, details with their legal basis, import, export, the
three flexible-enforcement lists. Thin: selectors for reads, the importers (services) for writes."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from fazhi.core.errors import DomainError, NotFound
from fazhi.powers import selectors
from fazhi.powers.choices import FileFormat, FlexibleMeasureKind, ListKind
from fazhi.powers.exporters import list_export
from fazhi.powers.forms import ListImportForm, PowerItemFilterForm
from fazhi.powers.importers import check_list_import_file, power_list_import_file

PAGE_SIZE = 30


def _page(request: HttpRequest, rows: QuerySet[Any]) -> Page:
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def _query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@login_required
@require_GET
def power_item_list_view(request: HttpRequest) -> HttpResponse:
    form = PowerItemFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    items = selectors.power_item_list_visible_to(
        user=request.user,
        query=filters.get("q", ""),
        category=filters.get("category") or None,
        status=filters.get("status") or None,
    )
    context = {
        "form": form,
        "page": _page(request, items),
        "query": _query_without_page(request),
        "can_import": selectors.user_manages_any_unit(user=request.user),
        "section": "items",
    }
    return render(request, "powers/power_item_list.html", context)


@login_required
@require_GET
def power_item_detail_view(request: HttpRequest, code: str) -> HttpResponse:
    try:
        item = selectors.power_item_get_for_user(user=request.user, code=code)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    context = {
        "item": item,
        "check_items": selectors.check_item_list_visible_to(user=request.user, power_item=item),
        "standards": selectors.discretion_standard_list_visible_to(user=request.user, power_item=item),
        "measures": selectors.flexible_measure_list_visible_to(user=request.user, power_item=item),
        "section": "items",
    }
    return render(request, "powers/power_item_detail.html", context)


@login_required
@require_GET
def check_item_list_view(request: HttpRequest) -> HttpResponse:
    basis = request.GET.get("basis")
    items = selectors.check_item_list_visible_to(
        user=request.user,
        query=request.GET.get("q", ""),
        has_legal_basis={"yes": True, "no": False}.get(basis or ""),
    )
    context = {
        "page": _page(request, items),
        "q": request.GET.get("q", ""),
        "basis": basis or "",
        "query": _query_without_page(request),
        "can_import": selectors.user_manages_any_unit(user=request.user),
        "section": "checks",
    }
    return render(request, "powers/check_item_list.html", context)


@login_required
@require_GET
def check_item_detail_view(request: HttpRequest, code: str) -> HttpResponse:
    try:
        item = selectors.check_item_get_for_user(user=request.user, code=code)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return render(request, "powers/check_item_detail.html", {"item": item, "section": "checks"})


@login_required
@require_GET
def flexible_measure_list_view(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind") or FlexibleMeasureKind.NO_PENALTY
    if kind not in FlexibleMeasureKind.values:
        kind = FlexibleMeasureKind.NO_PENALTY
    measures = selectors.flexible_measure_list_visible_to(user=request.user, kind=kind, query=request.GET.get("q", ""))
    context = {
        "kinds": FlexibleMeasureKind.choices,
        "kind": kind,
        "kind_label": FlexibleMeasureKind(kind).label,
        "q": request.GET.get("q", ""),
        "page": _page(request, measures),
        "query": _query_without_page(request),
        "section": "flexible",
    }
    return render(request, "powers/flexible_measure_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def list_import_view(request: HttpRequest) -> HttpResponse:
    """Upload a list file; bad rows are listed with their numbers (HTTP 422) and nothing is imported."""
    if not selectors.user_manages_any_unit(user=request.user):
        raise PermissionDenied("只有单位管理员可以导入清单。")
    form = ListImportForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            run = power_list_import_file if form.cleaned_data["kind"] == ListKind.POWERS else check_list_import_file
            report = run(
                actor=request.user,
                data=upload.read(),
                filename=upload.name,
                dry_run=form.cleaned_data["dry_run"],
                restrict_to=request.user,
            )
            if report.ok and not form.cleaned_data["dry_run"]:
                messages.success(
                    request,
                    f"导入完成：新增{report.created}，更新{report.updated}，未变{report.unchanged}。",
                )
            status = 200 if report.ok else 422
        else:
            status = 422
    context = {
        "form": form,
        "report": report,
        "recent": selectors.list_import_list_by(user=request.user),
        "section": "import",
    }
    return render(request, "powers/list_import.html", context, status=status)


@login_required
@require_GET
def list_export_view(request: HttpRequest, kind: str, file_format: str) -> HttpResponse:
    if kind not in ListKind.values or file_format not in FileFormat.values:
        raise Http404("没有这种导出文件。")
    try:
        exported = list_export(
            user=request.user,
            kind=kind,
            file_format=file_format,
            today=timezone.localdate(),
            query=request.GET.get("q", ""),
        )
    except DomainError as exc:  # pragma: no cover — kind and format are checked above
        raise Http404(exc.message) from exc
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = (
        f"attachment; filename=\"export.{file_format}\"; filename*=UTF-8''{quote(exported.filename)}"
    )
    return response
