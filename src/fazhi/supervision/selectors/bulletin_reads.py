"""The quarterly bulletin's read of a region: every unit's measures for one rollup bucket, few statements.

Called by bulletin_data (selectors/bulletin.py) only, hence its place in the selectors package. For a
whole quarter or month without a cut-off (the bulletin as issued), every measure of a unit is one
row of a kept table — its UnitRollup and UnitActivityRollup rows, its UnitDutySpan and
OwnerInForceSpan sums — so one statement reads them all, LEFT JOINed to the units of the region,
together with each unit's peer group. Before this, the same figures took sixteen statements through
the ORM and per-unit dicts assembled in Python; the round trips, query compilation and row
conversion cost as much as the reads.

The small corrections stay in selectors/bulletin.py, as separate statements (their row estimates
are poor, and inside this statement the planner would reach for JIT): the officers named in the
bucket who do not count on the day, the cited power items not in force on the day, and the review
scores (a Decimal sum the ORM converts per vendor). The definitions are those of the general path
(measures.unit_measures): tests compare the two unit by unit, and the whole bulletin with a
reference computed unit by unit.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.orgs.models import EnforcementDomain, OfficerDutySpan, OrgUnit, UnitDutySpan
from fazhi.powers.models import OwnerInForceSpan
from fazhi.supervision import rules
from fazhi.supervision.models import UnitActivityRollup, UnitRollup

# The measures the statement returns, in its column order (after the unit's own columns; three
# flags follow them).
ROW_MEASURES = (
    "officers_total",
    "officers_participating",
    "power_items_total",
    "power_items_exercised",
    "records_total",
    "records_inspection",
    "records_penalty",
    "records_education",
    "records_coercion",
    "records_other",
    "records_on_time",
    "decisions_total",
    "decisions_in_time",
    "publications_total",
    "publications_in_time",
    "publications_due",
    "publications_by_due",
)
_UNIT_ROLLUP_COLUMNS = (
    "n_total",
    "n_inspection",
    "n_penalty",
    "n_education",
    "n_coercion",
    "n_other",
    "{lag}",
    "decided",
    "decided_in_time",
    "published",
    "published_in_time",
    "publications_due",
    "published_by_due",
)

# (id, code, name, path, is it an enforcement body, name of its first 执法领域 by code or None)
UnitRow = tuple[int, str, str, str, bool, str | None]


def _table(model: type) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _exists(queryset: QuerySet[Any]) -> tuple[str, tuple[Any, ...]]:
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    return f"EXISTS ({sql})", params


def region_rows(
    *, scope: QuerySet[OrgUnit], on: date, bucket: tuple[str, date], lag_days: int
) -> list[tuple[Any, ...]] | None:
    """One row per unit of `scope`: UnitRow followed by ROW_MEASURES (before the corrections);
    None when the kept counts are incomplete.

    participating = the unit's officers named in the bucket (UnitActivityRollup), exercised = its
    cited items (ditto); the caller subtracts those not counted on `on`. The kept counts are
    complete when orgs and powers have built their spans and no power item ever changed owner —
    the three checks of the general path (officer_counts._officer_counts, item_counts._item_counts),
    asked in the same statement (each evaluated once); otherwise the caller reads the detailed rows.
    """
    lag_column = rules.on_time_column(lag_days)  # one of the stored columns (an identifier below)
    units = scope.order_by().values_list("pk", "code", "name", "path", "is_enforcement_body")
    units_sql, units_params = units.query.sql_with_params()
    duty_sql, duty_params = _exists(OfficerDutySpan.objects.all())
    spans_sql, spans_params = _exists(OwnerInForceSpan.objects.all())
    moved_sql, moved_params = _exists(
        AuditEvent.objects.filter(event_type=AuditEventType.POWER_ITEM_UPDATED, changes__has_key="owner_unit")
    )
    grain, first_day = bucket
    first = connection.ops.adapt_datefield_value(first_day)
    day = connection.ops.adapt_datefield_value(on)
    rollup = ", ".join(f"COALESCE(r.{c.format(lag=lag_column)}, 0)" for c in _UNIT_ROLLUP_COLUMNS)
    through = OrgUnit.domains.through
    sql = (
        f"SELECT u.pk, u.code, u.name, u.path, u.is_enforcement_body, gd.name, "  # noqa: S608 — identifiers
        "COALESCE(s.n, 0), COALESCE(a.officers, 0), COALESCE(i.n, 0), COALESCE(a.power_items, 0), "
        f"{rollup}, {duty_sql}, {spans_sql}, {moved_sql} "
        f"FROM ({units_sql}) u "
        f"LEFT JOIN {_table(UnitRollup)} r ON r.unit_id = u.pk AND r.grain = %s AND r.bucket = %s "
        f"LEFT JOIN {_table(UnitActivityRollup)} a ON a.unit_id = u.pk AND a.grain = %s AND a.bucket = %s "
        f"LEFT JOIN (SELECT unit_id, SUM(officers) AS n FROM {_table(UnitDutySpan)} "
        "WHERE starts_on <= %s AND ends_on >= %s GROUP BY unit_id) s ON s.unit_id = u.pk "
        f"LEFT JOIN (SELECT unit_id, SUM(items) AS n FROM {_table(OwnerInForceSpan)} "
        "WHERE starts_on <= %s AND ends_on >= %s GROUP BY unit_id) i ON i.unit_id = u.pk "
        # peer group: the unit's first 执法领域 by code (codes are unique)
        f"LEFT JOIN (SELECT t.orgunit_id, MIN(d.code) AS code FROM {_table(through)} t "
        f"JOIN {_table(EnforcementDomain)} d ON d.id = t.enforcementdomain_id GROUP BY t.orgunit_id) g "
        "ON g.orgunit_id = u.pk "
        f"LEFT JOIN {_table(EnforcementDomain)} gd ON gd.code = g.code"
    )
    params = [
        *duty_params, *spans_params, *moved_params, *units_params,
        str(grain), first, str(grain), first, day, day, day, day,
    ]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows or not rows[0][-3] or not rows[0][-2] or rows[0][-1]:
        return None
    return rows
