"""Counts kept per (unit, starts_on, ends_on) span: derived tables the read side sums by day.

orgs.UnitDutySpan (officers counted as on duty) and powers.OwnerInForceSpan (power items in force)
have the same shape and the same write: add signed deltas with one upsert per 1,000 rows.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.db import connection, models

BATCH = 1000


def span_counts_add(*, model: type[models.Model], count_field: str, deltas: Counter[tuple[int, date, date]]) -> None:
    """Add signed counts to `model` rows keyed (unit_id, starts_on, ends_on); drop rows that reach zero.

    INSERT … ON CONFLICT DO UPDATE, so two writers of one row both count, on SQLite and PostgreSQL.
    Derived data: the caller's service is what gets audited.
    """
    rows = [(unit_id, start, end, n) for (unit_id, start, end), n in sorted(deltas.items()) if n]
    if not rows:
        return
    # Only the model's own table and column names are interpolated; every value is a parameter.
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.get_field(count_field).column)
    adapt = connection.ops.adapt_datefield_value
    tail = f" ON CONFLICT (unit_id, starts_on, ends_on) DO UPDATE SET {column} = {table}.{column} + excluded.{column}"
    with connection.cursor() as cursor:
        for offset in range(0, len(rows), BATCH):
            part = rows[offset : offset + BATCH]
            cursor.execute(
                f"INSERT INTO {table} (unit_id, starts_on, ends_on, {column}) VALUES "  # noqa: S608
                + ", ".join(["(%s, %s, %s, %s)"] * len(part))
                + tail,
                [value for unit_id, start, end, n in part for value in (unit_id, adapt(start), adapt(end), n)],
            )
    if any(n < 0 for *_key, n in rows):
        model.objects.filter(**{f"{count_field}__lte": 0}).delete()
