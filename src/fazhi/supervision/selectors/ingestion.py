"""What the ingestion task reads from enforcement and orgs (the internal tables, read-only).

Unscoped reads in (updated_at, pk) watermark order, paged by services.ingest_internal_records.
Separate because they serve the writer that fills the fact table, not a user.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Q

from fazhi.enforcement.models import Inspection, PenaltyCase, Publication
from fazhi.orgs.models import Officer


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


def officer_units(*, officer_ids: Iterable[int]) -> dict[int, int]:
    return dict(Officer.objects.filter(pk__in=list(officer_ids)).values_list("pk", "unit_id"))
