"""Snapshots and bulletins the user may see, and a snapshot compared with its figures recomputed.

A snapshot freezes published figures; snapshot_diff recomputes them through indicator_report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from fazhi.core.errors import Forbidden, NotFound
from fazhi.orgs.selectors import AnyUser
from fazhi.supervision import rules
from fazhi.supervision.choices import SnapshotKind
from fazhi.supervision.models import Bulletin, EnforcementRecord, Snapshot
from fazhi.supervision.selectors.buckets import reached_after_q
from fazhi.supervision.selectors.indicators import indicator_report, report_figures
from fazhi.supervision.selectors.scope import (
    VIEW_ROLES,
    _grant_paths,
    _path_q,
    bulletin_region_q,
    require_view,
    user_can_supervise,
)


def snapshot_list_visible_to(*, user: AnyUser, kind: str | None = None) -> QuerySet[Snapshot]:
    rows = Snapshot.objects.filter(_path_q(_grant_paths(user, VIEW_ROLES), "unit__path")).select_related("unit")
    return rows.filter(kind=kind) if kind else rows


def require_snapshot_list_reader(*, user: AnyUser) -> None:
    """Refuse (403) the 指标快照 page to all but supervisors: snapshots are what supervisors publish of
    their region, so a unit admin would always find it empty (QA); their unit's figures are on 监督指标,
    the published results in 执法情况通报. No supervision role at all: supervision.no_access."""
    require_view(user=user)
    if not user_can_supervise(user=user):
        raise Forbidden(
            "指标快照由执法监督人员发布和使用；单位管理员可在“监督指标”中查看本单位的指标，"
            "在“执法情况通报”中查看印发的通报。",
            code="supervision.snapshot_supervisors_only",
        )


def snapshot_get_for_user(*, user: AnyUser, snapshot_id: int) -> Snapshot:
    snapshot = snapshot_list_visible_to(user=user).filter(pk=snapshot_id).first()
    if snapshot is None:
        raise NotFound("指标快照不存在或无权访问。", code="supervision.snapshot_not_found")
    return snapshot


@dataclass(frozen=True, slots=True)
class SnapshotDiff:
    snapshot: Snapshot
    recomputed_at: datetime
    differences: list[rules.Difference]
    # Records of the snapshot's units that reached Fazhi by the cut-off and were changed after it
    # (only with `as_of`): they count as they are now — the old values are not kept — so each may
    # move a figure; the diff lists those figures, and this says why.
    changed_after_cut_off: int = 0


def snapshot_unit_label(*, snapshot: Snapshot, code: str) -> str:
    """How a snapshot names one of its figure groups: "青禾区（合计）", "青禾区（本级）", a unit's name."""
    if code == "*":
        return f"{snapshot.unit.name}（合计）"
    name = snapshot.payload.get("units", {}).get(code, code)
    return f"{name}（本级）" if code == snapshot.unit.code else name


def snapshot_diff(*, snapshot: Snapshot, as_of: datetime | None = None) -> SnapshotDiff:
    """Recompute the snapshot's figures (now, or at `as_of`) and list every figure that changed.

    At the snapshot's own cut-off the published figures come back, except where records were
    changed after it (changed_after_cut_off; docs/supervision.md §6).
    """
    report = indicator_report(unit=snapshot.unit, start=snapshot.period_from, end=snapshot.period_to, as_of=as_of)
    figures = report_figures(report)
    if report.own is not None and snapshot.unit.code not in figures:
        # the unit's own figures, left out of the report's rows when it has none (published before)
        figures[snapshot.unit.code] = {v.code: v.as_dict() for v in report.own.values}
    published = snapshot.payload.get("figures", {})
    # Compare only the units the snapshot published, plus the total.
    recomputed = {code: figures.get(code, {}) for code in published}
    changed = 0
    if as_of is not None:
        changed = (
            EnforcementRecord.objects.filter(unit__path__startswith=snapshot.unit.path, ingested_at__gt=as_of)
            .exclude(reached_after_q(as_of))
            .count()
        )
    return SnapshotDiff(snapshot, report.as_of, rules.diff_figures(published, recomputed), changed)


def bulletin_list_visible_to(*, user: AnyUser) -> QuerySet[Bulletin]:
    """The bulletins of the regions in the user's scope; for a unit admin also of the regions that
    contain their unit (scope.bulletin_region_q), so list, page and .docx agree."""
    return (
        Bulletin.objects.filter(snapshot__kind=SnapshotKind.BULLETIN)
        .filter(bulletin_region_q(user=user, field_name="snapshot__unit__path"))
        .select_related("snapshot__unit")
    )


def bulletin_get_for_user(*, user: AnyUser, bulletin_id: int) -> Bulletin:
    bulletin = bulletin_list_visible_to(user=user).filter(pk=bulletin_id).first()
    if bulletin is None:
        raise NotFound("通报不存在或无权访问。", code="supervision.bulletin_not_found")
    return bulletin
