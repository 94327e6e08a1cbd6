"""Writes of the ingestion of this platform's own inspections and penalty cases into the fact table
(ingest_internal_records, the periodic job ingest_periodic), through records.records_write.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.enforcement.choices import EDUCATION_OUTCOMES, CaseOutcome
from fazhi.enforcement.models import Inspection, PenaltyCase, Publication
from fazhi.powers.choices import PowerCategory
from fazhi.supervision import rules, selectors
from fazhi.supervision.choices import RecordSource, RecordType
from fazhi.supervision.models import IngestionCursor
from fazhi.supervision.services._common import Actor
from fazhi.supervision.services.records import RecordInput, records_write

# --- ingestion of this platform's inspections and cases -------------------------------------------------------


def _local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _inspection_power_item(inspection: Inspection) -> int | None:
    """The power item an inspection exercises: of its check items' power items, an inspection-category
    item first, then the lowest code (stable)."""
    items = {item.pk: item for check in inspection.check_items.all() for item in check.power_items.all()}
    if not items:
        return None
    chosen = min(items.values(), key=lambda i: (i.category != PowerCategory.INSPECTION, i.code))
    return chosen.pk


def inspection_input(inspection: Inspection, officer_units: dict[int, int]) -> RecordInput:
    return RecordInput(
        key=rules.internal_record_key("inspection", inspection.pk),
        record_type=RecordType.INSPECTION,
        unit_id=inspection.unit_id,
        occurred_on=inspection.occurred_on,
        entered_on=max(_local_day(inspection.recorded_at), inspection.occurred_on),
        officers=tuple(sorted((o.pk, officer_units[o.pk]) for o in inspection.officers.all())),
        power_item_id=_inspection_power_item(inspection),
        party_code=inspection.party_code,
    )


def case_input(
    case: PenaltyCase,
    officer_units: dict[int, int],
    publication: Publication | None,
    publication_deadline: date | None = None,
) -> RecordInput:
    """A penalty case as a record: 教育改正 when closed as 首违不罚/轻微不罚, else 行政处罚; dated on 立案.

    `publication_deadline` is the case's tracked publicity.penalty period; what of it is owed is
    rules.publication_owed_by.
    """
    record_type = RecordType.EDUCATION if case.outcome in EDUCATION_OUTCOMES else RecordType.PENALTY
    return RecordInput(
        key=rules.internal_record_key("penalty_case", case.pk),
        record_type=record_type,
        unit_id=case.unit_id,
        occurred_on=case.filed_on,
        entered_on=max(_local_day(case.created_at), case.filed_on),
        officers=tuple(sorted((o.pk, officer_units[o.pk]) for o in case.officers.all())),
        power_item_id=case.power_item_id,
        party_code=case.party_code,
        decided_on=case.decided_on,
        decision_due=case.decision_due if case.procedure == "ordinary" else None,
        published_on=publication.published_on if publication else None,
        published_late=publication.published_late if publication else None,
        publish_due=rules.publication_owed_by(
            deadline=publication_deadline, published=publication is not None, change_kind=case.decision_change_kind
        ),
    )


def _cursor(name: str) -> IngestionCursor:
    cursor, _created = IngestionCursor.objects.select_for_update().get_or_create(name=name)
    return cursor


def ingest_internal_records(*, batch_size: int = 1000, actor: Actor = None) -> int:
    """Bring the platform's own inspections and penalty cases into the fact table; return rows changed.

    Incremental by a watermark (updated_at, pk) per source table, each batch in its own transaction
    with the cursor move, so a crash loses nothing and a re-run changes nothing (idempotent).
    A withdrawn case (撤销立案) leaves the fact table. Publications re-derive their case.
    A source read to its end records when this run started as its `caught_up_at`: every act saved
    before then is in the figures (selectors.ingestion_caught_up_at, the dashboard's 统计数据更新至).
    Writes: EnforcementRecord/RecordOfficer and rollups, IngestionCursor, AuditEvent
    SUPERVISION_RECORDS_INGESTED for a batch that changed something.
    """
    # The clock, not the tick's `now`: what was saved before this moment is what the run can read.
    started = timezone.now()
    changed = 0
    for name in selectors.INGESTION_SOURCES:
        while True:
            with transaction.atomic():
                cursor = _cursor(name)
                count, done = _ingest_batch(name=name, cursor=cursor, batch_size=batch_size, actor=actor)
                changed += count
                if done:
                    cursor.caught_up_at = started
                    cursor.save(update_fields=["caught_up_at"])
            if done:
                break
    return changed


def _ingest_batch(*, name: str, cursor: IngestionCursor, batch_size: int, actor: Actor) -> tuple[int, bool]:
    fetch = {
        "inspection": selectors.inspections_changed_since,
        "penalty_case": selectors.penalty_cases_changed_since,
        "publication": selectors.publications_changed_since,
    }[name]
    rows = fetch(updated_at=cursor.updated_at, last_pk=cursor.last_pk, limit=batch_size)
    if not rows:
        return 0, True
    inputs: list[RecordInput] = []
    remove: list[str] = []
    if name == "inspection":
        units = selectors.officer_units(officer_ids={o.pk for i in rows for o in i.officers.all()})
        inputs = [inspection_input(i, units) for i in rows]
    else:
        cases = rows if name == "penalty_case" else _cases_of(rows)
        units = selectors.officer_units(officer_ids={o.pk for c in cases for o in c.officers.all()})
        deadlines = selectors.publication_deadlines(case_ids=[c.pk for c in cases])
        for case in cases:
            if case.outcome == CaseOutcome.WITHDRAWN:
                remove.append(rules.internal_record_key("penalty_case", case.pk))
            else:
                publication = selectors.first_live_publication(case_id=case.pk)
                inputs.append(case_input(case, units, publication, deadlines.get(case.pk)))
    outcome = records_write(source=RecordSource.INTERNAL, rows=inputs, remove_keys=remove)
    last = rows[-1]
    cursor.updated_at, cursor.last_pk = last.updated_at, last.pk
    cursor.save(update_fields=["updated_at", "last_pk"])
    count = outcome.created + outcome.updated + outcome.removed
    if count:
        record_audit(
            actor=actor,
            event_type=AuditEventType.SUPERVISION_RECORDS_INGESTED,
            target=cursor,
            reason=f"归集本平台执法信息（{name}）",
            changes={
                "created": [None, outcome.created],
                "updated": [None, outcome.updated],
                "removed": [None, outcome.removed],
            },
        )
    return count, len(rows) < batch_size


def _cases_of(publications: Sequence[Publication]) -> list[PenaltyCase]:
    ids = sorted({p.case_id for p in publications})
    return list(PenaltyCase.objects.filter(pk__in=ids).prefetch_related("officers").order_by("pk"))


def ingest_periodic(now: datetime) -> int:
    """Periodic job for `fazhi tick` (registered in apps.py)."""
    return ingest_internal_records()
