"""The dashboard (region or unit) with a link behind every number, and the drill-downs it opens.

Thin: a form parses input, then one selector (reads) or one service (writes).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from fazhi.core.errors import DomainError, NotFound
from fazhi.orgs.models import OrgUnit
from fazhi.supervision import rules, selectors, services
from fazhi.supervision.choices import RecordType
from fazhi.supervision.forms import (
    SnapshotForm,
)
from fazhi.supervision.selectors.drilldowns import records_by_month
from fazhi.supervision.views._common import _period, _period_refused, supervision_page


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


def _party_links(rows: list[tuple[Any, ...]], unit: OrgUnit, start: date, end: date, as_of: Any) -> list[str]:
    """Each row of repeated_entities (its first cell the party code) → the inspections behind it."""
    return [_link("party_inspections", _query(unit, start, end, as_of, party=str(row[0]))) for row in rows]


def _units_chart(rows: list[selectors.UnitIndicators], start: date, end: date, as_of: Any) -> dict[str, Any]:
    """The region's chart: each sub-unit's 人员参与率 and 履责率; a bar opens the unit's dashboard."""

    def _value(row: selectors.UnitIndicators, code: str) -> float | None:
        value = next((v.value for v in row.values if v.code == code), None)
        return None if value is None else float(value)

    return {
        "title": "各单位人员参与率与履责率（%）",
        "labels": [row.unit.short_name or row.unit.name for row in rows],
        "series": [
            {"name": "人员参与率", "values": [_value(row, "participation_rate") for row in rows]},
            {"name": "履责率", "values": [_value(row, "exercise_rate") for row in rows]},
        ],
        "links": [reverse("supervision:dashboard") + "?" + _query(row.unit, start, end, as_of) for row in rows],
    }


def _months_chart(unit: OrgUnit, start: date, end: date, as_of: Any) -> dict[str, Any]:
    """A unit without sub-units: its records per month by record type (stacked); a bar opens the
    month's records. Empty labels (no chart) when the period holds no record."""
    found = records_by_month(unit=unit, start=start, end=end, as_of=as_of)
    if not found.counts:
        return {"labels": []}
    return {
        "title": "每月执法信息条数（按记录类型）",
        "stacked": True,
        "labels": [f"{first.year}年{first.month}月" for first, _last in found.months],
        "series": [
            {"name": RecordType(record_type).label, "values": values} for record_type, values in found.counts.items()
        ],
        "links": [_link("records", _query(unit, first, last, as_of)) for first, last in found.months],
    }


@login_required
@require_GET
@supervision_page
def dashboard_view(request: HttpRequest) -> HttpResponse:
    try:
        unit, start, end, as_of, form = _period(request)
        services.rollups_merge_pending()  # an import's records count from the first read after it
        report = selectors.indicator_report(unit=unit, start=start, end=end, as_of=as_of)
    except DomainError as exc:
        return _period_refused(request, exc)
    query = _query(unit, start, end, as_of)
    chart_rows = [row for row in report.rows if row.unit.pk != unit.pk][:40]
    chart = _units_chart(chart_rows, start, end, as_of) if chart_rows else _months_chart(unit, start, end, as_of)
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
    repeated = selectors.drilldown(unit=unit, kind="repeated_entities", start=start, end=end, limit=20)
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
        "repeated": repeated,
        "repeated_rows": list(zip(repeated.rows, _party_links(repeated.rows, unit, start, end, as_of), strict=True)),
        "can_supervise": selectors.user_can_supervise(user=request.user),
        "snapshot_form": SnapshotForm(initial={"unit": unit.code, "start": start, "end": end}),
        "caught_up_at": caught_up_at,
        "lagging": caught_up_at is None or caught_up_at < report.as_of,
    }
    return render(request, "supervision/dashboard.html", context)


# Rows per page of a drill-down: every row is reachable page by page, the count stays exact.
PAGE_SIZE = 500


def _page_rows(
    fetch: Callable[..., selectors.DrillDown], raw: str | None
) -> tuple[Paginator, int, selectors.DrillDown]:
    """The page `raw` names and its rows, read as every list of the site reads a page (Django's
    Paginator.get_page): not a number → the first page, past the end → the last one, never a 404.

    The count comes with the rows, so the page asked for is read first (past the end it reads none;
    a number of more than 9 digits is not tried: its offset would overflow the database's integers),
    then, if that is not a page of these rows, the one get_page settles on.
    """
    asked = int(raw) if raw and raw.isdigit() and 0 < int(raw) < 10**9 else 1
    result = fetch(offset=(asked - 1) * PAGE_SIZE)
    paginator = Paginator(range(result.count), PAGE_SIZE)
    page = paginator.get_page(raw).number
    if page != asked:
        result = fetch(offset=(page - 1) * PAGE_SIZE)
    return paginator, page, result


@login_required
@require_GET
@supervision_page
def drilldown_view(request: HttpRequest, kind: str) -> HttpResponse:
    try:
        unit, start, end, as_of, form = _period(request)
        record_type = form.cleaned_data.get("record_type") if form.is_bound else None
        party = form.cleaned_data.get("party") if form.is_bound else None
        services.rollups_merge_pending()  # the participation and item lists read the rollups
        fetch = partial(
            selectors.drilldown,
            unit=unit,
            kind=kind,
            start=start,
            end=end,
            as_of=as_of,
            record_type=record_type or None,
            limit=PAGE_SIZE,
            party=party or None,
        )
        paginator, page, result = _page_rows(fetch, request.GET.get("page"))
        pages = paginator.num_pages
    except NotFound:
        raise  # the 404 page (supervision_page), not the period error
    except DomainError as exc:
        return _period_refused(request, exc)
    narrowed = {name: value for name, value in (("record_type", record_type), ("party", party)) if value}
    query = _query(unit, start, end, as_of, **narrowed)
    back = reverse("supervision:dashboard") + "?" + _query(unit, start, end, as_of)
    if kind == "party_inspections":  # back to the 综合查一次 list the entity was opened from
        back = _link("repeated_entities", _query(unit, start, end, as_of))
    links = [_record_url(target) for target in result.targets]
    if kind == "repeated_entities":
        links = _party_links(result.rows, unit, start, end, as_of)
    rows = [(row, links[index] if index < len(links) else "") for index, row in enumerate(result.rows)]
    here = reverse("supervision:drilldown", kwargs={"kind": kind}) + "?" + query
    context = {
        "unit": unit,
        "start": start,
        "end": end,
        "result": result,
        "rows": rows,
        "back": back,
        "page": page,
        "pages": [(number, f"{here}&page={number}") for number in range(1, pages + 1)] if pages > 1 else [],
        "first_row": (page - 1) * PAGE_SIZE + 1,
        "last_row": (page - 1) * PAGE_SIZE + len(result.rows),
    }
    return render(request, "supervision/drilldown.html", context)


# The pages of the platform records a drill-down row names (enforcement's own detail pages, which
# apply their own scope: supervisors and unit admins may view the records of their units).
# A review row opens the review's page (its own scope check).
RECORD_PAGES = {
    "inspection": ("enforcement:inspection_detail", "inspection_id"),
    "penalty_case": ("enforcement:case_detail", "case_id"),
    "review": ("supervision:review", "review_id"),
}


def _record_url(target: tuple[str, int] | None) -> str:
    if target is None:
        return ""
    kind, pk = target
    name, argument = RECORD_PAGES[kind]
    return reverse(name, kwargs={argument: pk})
