"""What the ingestion task reads from enforcement and orgs (the internal tables, read-only).

Unscoped reads in (updated_at, pk) watermark order, paged by services.ingest_internal_records.
Separate because they serve the writer that fills the fact table, not a user; and how far that
writer has got (ingestion_caught_up_at, the dashboard's 统计数据更新至).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from fazhi.core.deadlines.models import TrackedDeadline
from fazhi.enforcement.models import Inspection, PenaltyCase, Publication
from fazhi.enforcement.rules.execution import PUBLICATION_RULE
from fazhi.orgs.models import Officer
from fazhi.supervision.models import IngestionCursor

# The internal tables the ingestion reads, in the order it reads them (one cursor each).
INGESTION_SOURCES = ("inspection", "penalty_case", "publication")


def inspections_changed_since(*, updated_at: datetime | None, last_pk: int, limit: int) -> list[Inspection]:
    rows = Inspection.objects.all()
    if updated_at is not None:
        rows = rows.filter(Q(updated_at__gt=updated_at) | Q(updated_at=updated_at, pk__gt=last_pk))
    return list(rows.prefetch_related("officers", "check_items__power_items").order_by("updated_at", "pk")[:limit])


def penalty_cases_changed_since(*, updated_at: datetime | None, last_pk: int, limit: int) -> list[PenaltyCase]:
    rows = PenaltyCase.objects.all()
    if updated_at is not None:
        rows = rows.filter(Q(updated_at__gt=updated_at) | Q(updated_at=updated_at, pk__gt=last_pk))
    return list(rows.prefetch_related("officers").order_by("updated_at", "pk")[:limit])


def publications_changed_since(*, updated_at: datetime | None, last_pk: int, limit: int) -> list[Publication]:
    rows = Publication.objects.all()
    if updated_at is not None:
        rows = rows.filter(Q(updated_at__gt=updated_at) | Q(updated_at=updated_at, pk__gt=last_pk))
    return list(rows.order_by("updated_at", "pk")[:limit])


def first_live_publication(*, case_id: int) -> Publication | None:
    """The first publication of a case (timeliness is judged on the first one)."""
    return Publication.objects.filter(case_id=case_id).order_by("published_on", "pk").first()


def publication_deadlines(*, case_ids: Iterable[int]) -> dict[int, date]:
    """The day each case's decision had to be published by: its tracked publicity.penalty period
    (enforcement tracks one when it decides; the latest one if it was tracked again)."""
    ids = [str(pk) for pk in case_ids]
    if not ids:
        return {}
    rows = TrackedDeadline.objects.filter(
        target_type=ContentType.objects.get_for_model(PenaltyCase), target_id__in=ids, rule_code=PUBLICATION_RULE
    ).order_by("pk")
    return {int(target_id): due for target_id, due in rows.values_list("target_id", "due")}


def officer_units(*, officer_ids: Iterable[int]) -> dict[int, int]:
    return dict(Officer.objects.filter(pk__in=list(officer_ids)).values_list("pk", "unit_id"))


def ingestion_caught_up_at() -> datetime | None:
    """When the platform's own acts were last brought into the figures: the start of the latest run
    that read every source to its end (acts saved since then are counted at the next run). None if
    some source has never been read to its end."""
    times = dict(IngestionCursor.objects.filter(name__in=INGESTION_SOURCES).values_list("name", "caught_up_at"))
    if any(times.get(name) is None for name in INGESTION_SOURCES):
        return None
    return min(times[name] for name in INGESTION_SOURCES)
