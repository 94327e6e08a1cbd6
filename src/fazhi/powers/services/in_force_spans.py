"""The in-force spans of the owner units (OwnerInForceSpan): derived from the power items, read by supervision.

Holds the span arithmetic the power-item services and the import apply, and the full rebuild.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.db import transaction

from fazhi.core.span_counts import span_counts_add
from fazhi.powers import rules
from fazhi.powers.models import OwnerInForceSpan, PowerItem

SpanDeltas = Counter[tuple[int, date, date]]


def _span_delta(deltas: SpanDeltas, item: PowerItem, sign: int) -> None:
    """Add (sign +1) or remove (-1) the item's in-force span to/from `deltas`."""
    span = rules.in_force_span(status=item.status, effective_from=item.effective_from, effective_to=item.effective_to)
    if span is not None:
        deltas[(item.owner_unit_id, *span)] += sign


def in_force_spans_add(deltas: SpanDeltas) -> None:
    """Add item counts to OwnerInForceSpan rows (INSERT … ON CONFLICT DO UPDATE: concurrent writers
    of one row both count, on SQLite and PostgreSQL); rows that fall to zero are removed.

    Called explicitly by every service that creates an item or changes its owner, status or dates
    (the import once per file). Writes: OwnerInForceSpan (derived data, no audit).
    """
    span_counts_add(model=OwnerInForceSpan, count_field="items", deltas=deltas)


@transaction.atomic
def in_force_spans_rebuild() -> int:
    """Recompute every owner's in-force spans from the power items; return the number of span rows.

    For items written without the services (bulk set-up, a database from before the spans existed):
    `python manage.py in_force_spans_rebuild`. Writes: OwnerInForceSpan (derived data, no audit).
    """
    OwnerInForceSpan.objects.all().delete()
    spans = rules.owner_in_force_spans(
        PowerItem.objects.order_by()
        .values_list("owner_unit_id", "status", "effective_from", "effective_to")
        .iterator(chunk_size=10_000)
    )
    OwnerInForceSpan.objects.bulk_create(
        [OwnerInForceSpan(unit_id=u, starts_on=s, ends_on=e, items=n) for (u, s, e), n in spans.items()],
        batch_size=2000,
    )
    return len(spans)
