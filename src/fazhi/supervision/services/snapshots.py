"""Writes of frozen figures: indicator snapshots (snapshot_publish) and the quarterly bulletins (bulletin_issue)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.errors import Conflict, DomainError
from fazhi.orgs.models import OrgUnit
from fazhi.supervision import rules, selectors
from fazhi.supervision.choices import SnapshotKind
from fazhi.supervision.models import Bulletin, Snapshot
from fazhi.supervision.services._common import Actor
from fazhi.supervision.services.records import rollups_merge_pending

# --- snapshots and bulletins -------------------------------------------------------------------------------------


def _report_payload(report: selectors.IndicatorReport) -> dict[str, Any]:
    return {
        "figures": selectors.report_figures(report),
        "units": {row.unit.code: row.unit.name for row in report.rows},
        "measures": {
            "*": {k: str(v) for k, v in report.total.measures.items()},
            **{row.unit.code: {k: str(v) for k, v in row.measures.items()} for row in report.rows},
        },
        "definitions": [
            {"code": d.code, "version": d.version, "source": d.source, "explanation": d.explanation}
            for d in report.definitions
        ],
    }


@transaction.atomic
def snapshot_publish(
    *, actor: Actor, unit: OrgUnit, start: date, end: date, as_of: datetime | None = None, title: str = ""
) -> Snapshot:
    """Freeze the figures of `unit` for [start, end] as of the cut-off (default: now).

    The caller has scoped `unit` to a supervisor. Writes: Snapshot, AuditEvent SUPERVISION_SNAPSHOT_PUBLISHED.
    """
    # A period still running has no final figures to freeze (supervision.bad_period).
    rules.require_period(start, end, today=timezone.localdate())
    rollups_merge_pending()  # the frozen figures count every record imported before them
    report = selectors.indicator_report(unit=unit, start=start, end=end, as_of=as_of)
    snapshot = Snapshot.objects.create(
        kind=SnapshotKind.INDICATORS,
        unit=unit,
        title=title.strip() or f"{unit.name}行政执法监督指标（{format_date_zh(start)}至{format_date_zh(end)}）",
        period_from=start,
        period_to=end,
        as_of=report.as_of,
        payload=_report_payload(report),
        created_by=actor,
    )
    record_audit(
        actor=actor,
        event_type=AuditEventType.SUPERVISION_SNAPSHOT_PUBLISHED,
        target=snapshot,
        changes={"period": [None, f"{start}/{end}"], "as_of": [None, report.as_of.isoformat()]},
    )
    return snapshot


def _number_taken(number: str) -> Conflict:
    return Conflict(
        f"通报文号“{number}”已被另一期通报使用，请核对后填写新的文号。", code="supervision.bulletin_number_taken"
    )


def _require_number_free(number: str) -> None:
    """A 文号 names one document: refuse one another bulletin already bears (409)."""
    if Bulletin.objects.filter(number=number).exists():
        raise _number_taken(number)


@transaction.atomic
def bulletin_issue(
    *,
    actor: Actor,
    unit: OrgUnit,
    year: int,
    quarter: int,
    number: str,
    issuer: str,
    issued_on: date,
    as_of: datetime | None = None,
    bottom_n: int | None = None,
    scheme_code: str | None = None,
) -> Bulletin:
    """Compute and freeze the quarterly 行政执法情况通报 of the units under `unit`.

    A quarter whose data cut-off (`as_of`, default now) is not after its last day is refused
    (supervision.quarter_not_ended): its figures would not be final. A quarter already issued
    (supervision.bulletin_exists) or a 文号 another bulletin bears (supervision.bulletin_number_taken)
    is refused with 409; nothing is written.
    Writes: Snapshot (kind bulletin, with the ranking and the 约谈 list), Bulletin,
    AuditEvent SUPERVISION_BULLETIN_ISSUED.
    """
    number, issuer = number.strip(), issuer.strip()
    if not number or not issuer:
        raise DomainError("请填写通报期号和发文机关。", code="supervision.bulletin_fields")
    start, end = rules.quarter_bounds(year, quarter)
    rules.require_quarter_ended(
        year=year, quarter=quarter, cut_off_day=timezone.localtime(as_of or timezone.now()).date()
    )
    if Bulletin.objects.filter(snapshot__unit=unit, snapshot__period_from=start, snapshot__period_to=end).exists():
        raise Conflict(f"{year}年{rules.quarter_zh(quarter)}通报已印发。", code="supervision.bulletin_exists")
    _require_number_free(number)
    scheme = selectors.assessment_scheme_on(day=end, code=scheme_code)
    n = scheme.bottom_n if bottom_n is None else bottom_n
    if n < 0:
        raise DomainError("约谈单位数不能为负数。", code="supervision.bad_bottom_n")
    rollups_merge_pending()
    data = selectors.bulletin_data(unit=unit, start=start, end=end, as_of=as_of, scheme=scheme, bottom_n=n)
    snapshot = Snapshot.objects.create(
        kind=SnapshotKind.BULLETIN,
        unit=unit,
        title=f"{unit.name}{year}年{rules.quarter_zh(quarter)}行政执法情况通报",
        period_from=start,
        period_to=end,
        as_of=data.as_of,
        payload=data.as_payload(),
        created_by=actor,
    )
    try:
        with transaction.atomic():  # a savepoint: the constraint's refusal becomes the 409 below
            bulletin = Bulletin.objects.create(
                snapshot=snapshot,
                number=number,
                issuer=issuer,
                scheme_code=scheme.code,
                scheme_version=scheme.version,
                bottom_n=n,
                issued_on=issued_on,
            )
    except IntegrityError as exc:  # the same number issued at the same moment by another request
        raise _number_taken(number) from exc
    record_audit(
        actor=actor,
        event_type=AuditEventType.SUPERVISION_BULLETIN_ISSUED,
        target=bulletin,
        changes={
            "period": [None, f"{start}/{end}"],
            "scheme": [None, f"{scheme.code} v{scheme.version}"],
            "summoned": [None, [row["code"] for row in data.summoned]],
        },
    )
    return bulletin
