"""Snapshots with their diffs, and the quarterly bulletins (page and .docx).

Thin: a form parses input, then one selector (reads) or one service (writes). Every page answers 403
to a user without a supervision role (supervision_page); publishing a snapshot and issuing a bulletin
are the supervisors' (403 for a unit admin, who reads them).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from fazhi.core.errors import DomainError
from fazhi.supervision import bulletin_tables, rules, selectors, services
from fazhi.supervision.documents import docx_response
from fazhi.supervision.forms import (
    BulletinForm,
    PeriodForm,
    SnapshotForm,
)
from fazhi.supervision.selectors.scope import require_supervise
from fazhi.supervision.selectors.snapshots import require_snapshot_list_reader
from fazhi.supervision.views._common import supervision_page


@login_required
@require_http_methods(["GET", "POST"])
@supervision_page
def snapshot_list_view(request: HttpRequest) -> HttpResponse:
    """The snapshots of the supervisor's region (GET) and publishing one (POST): supervisors' only (403
    supervision.snapshot_supervisors_only for a unit admin, whose menu has no such tab)."""
    require_snapshot_list_reader(user=request.user)
    if request.method == "POST":
        form = SnapshotForm(request.POST)
        if form.is_valid():
            unit = selectors.unit_get_for_user(
                user=request.user, code=form.cleaned_data["unit"], roles=selectors.SUPERVISE_ROLES
            )
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
@supervision_page
def snapshot_detail_view(request: HttpRequest, snapshot_id: int) -> HttpResponse:
    """The frozen figures; with ?diff=1 recomputed now, or at ?as_of= (as the API), and compared."""
    snapshot = selectors.snapshot_get_for_user(user=request.user, snapshot_id=snapshot_id)
    diff, refused = None, None
    if request.GET.get("diff"):
        form = PeriodForm({"as_of": request.GET.get("as_of", "")})
        try:
            if not form.is_valid():
                message, code = form.first_error()
                raise DomainError(message, code=code)
            services.rollups_merge_pending()
            diff = selectors.snapshot_diff(snapshot=snapshot, as_of=form.cleaned_data.get("as_of"))
        except DomainError as exc:
            refused = exc
    figures = snapshot.payload.get("figures", {})
    rows = [
        (selectors.snapshot_unit_label(snapshot=snapshot, code=code), code, values) for code, values in figures.items()
    ]
    differences = [
        (selectors.snapshot_unit_label(snapshot=snapshot, code=d.unit_code), d)
        for d in (diff.differences if diff else [])
    ]
    context = {
        "snapshot": snapshot,
        "rows": rows,
        "diff": diff,
        "differences": differences,
        "refused": refused,
        "cut_off": timezone.localtime(snapshot.as_of).strftime("%Y-%m-%dT%H:%M:%S.%f"),
    }
    return render(request, "supervision/snapshot_detail.html", context, status=400 if refused else 200)


@login_required
@require_http_methods(["GET", "POST"])
@supervision_page
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
        require_supervise(user=request.user, action="印发通报")
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
@supervision_page
def bulletin_detail_view(request: HttpRequest, bulletin_id: int) -> HttpResponse:
    bulletin = selectors.bulletin_get_for_user(user=request.user, bulletin_id=bulletin_id)
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
        # 与当前数据比对 opens the bulletin's snapshot, which is the region's: a unit admin of a unit in
        # the region reads the bulletin but not the region's snapshot (the link is for who can open it).
        "can_compare": selectors.snapshot_list_visible_to(user=request.user).filter(pk=bulletin.snapshot_id).exists(),
    }
    return render(request, "supervision/bulletin_detail.html", context)


@login_required
@require_GET
@supervision_page
def bulletin_docx_view(request: HttpRequest, bulletin_id: int) -> HttpResponse:
    bulletin = selectors.bulletin_get_for_user(user=request.user, bulletin_id=bulletin_id)
    return docx_response(bulletin)
