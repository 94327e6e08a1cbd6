"""All reads of supervision: indicator measures from the rollups, drill-downs, snapshots, reviews, alerts.

Scope rule: a 执法监督人员 (supervisor) sees every unit of the subtree their role covers; a 单位管理员
(unit admin) sees their own unit's subtree; nobody else sees supervision data. Single-object reads
raise the same NotFound for "missing" and "not yours" (STYLE §8).

Cross-app reads: supervision reads orgs (officers, certificates), powers (power items, discretion
standards) and enforcement (cases, publications, evidence) read-only. Their selectors have no
unscoped bulk readers for a whole province, so the queries that must run over every unit at once
(certified officers, power items in force, the ingestion scan) read those models here, read-only.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Avg, BigIntegerField, Case, Count, Exists, F, OuterRef, Q, QuerySet, Sum, Value, When
from django.utils import timezone

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.deadlines.choices import TrackedDeadlineStatus
from fazhi.core.deadlines.models import TrackedDeadline
from fazhi.core.errors import NotFound
from fazhi.enforcement.choices import CaseProcedure
from fazhi.enforcement.models import Evidence, Inspection, PenaltyCase, Publication
from fazhi.enforcement.selectors import case_tracked_deadlines
from fazhi.orgs.choices import CertificateEventKind, CertificateStatus, Role
from fazhi.orgs.models import Certificate, CertificateEvent, Officer, OfficerDutySpan, OrgUnit, UnitDutySpan
from fazhi.orgs.rules import certificate_status_on
from fazhi.orgs.selectors import AnyUser, officer_certificate_validity, user_role_grants
from fazhi.powers.choices import ItemStatus
from fazhi.powers.models import DiscretionStandard, OwnerInForceSpan, PowerItem
from fazhi.supervision import bulletin_reads, rules
from fazhi.supervision.choices import AlertKind, AlertStatus, Grain, RecordType, ReviewStatus, SnapshotKind
from fazhi.supervision.models import (
    Alert,
    AssessmentScheme,
    Bulletin,
    CaseFileReview,
    EnforcementRecord,
    IndicatorDefinition,
    OfficerRollup,
    PowerItemRollup,
    RecordOfficer,
    ReviewSample,
    Snapshot,
    UnitActivityRollup,
    UnitRollup,
)

VIEW_ROLES = frozenset({Role.SUPERVISOR, Role.UNIT_ADMIN})
SUPERVISE_ROLES = frozenset({Role.SUPERVISOR})
RULE_SET_DIR = Path(__file__).resolve().parent / "data" / "review_rules"
DEFAULT_RULE_SET = "penalty_case_file"

# --- scope ------------------------------------------------------------------------------------------


def _grant_paths(user: AnyUser, roles: frozenset[Role]) -> list[str] | None:
    """Paths of the subtrees the user covers with one of `roles`; None means everything (superuser)."""
    if getattr(user, "is_superuser", False):
        return None
    return [grant.unit_path for grant in user_role_grants(user=user) if grant.role in roles]


def _path_q(paths: list[str] | None, field_name: str) -> Q:
    if paths is None:
        return Q()
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(**{f"{field_name}__startswith": path})
    return query


def user_can_supervise(*, user: AnyUser) -> bool:
    """True for supervisors (and superusers): ranking, bulletins, 案卷抽取 and 评查."""
    paths = _grant_paths(user, SUPERVISE_ROLES)
    return paths is None or bool(paths)


def user_can_view(*, user: AnyUser) -> bool:
    paths = _grant_paths(user, VIEW_ROLES)
    return paths is None or bool(paths)


def unit_list_visible_to(*, user: AnyUser, roles: frozenset[Role] = VIEW_ROLES) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(_path_q(_grant_paths(user, roles), "path")).order_by("path")


def unit_get_for_user(*, user: AnyUser, code: str, roles: frozenset[Role] = VIEW_ROLES) -> OrgUnit:
    """The unit by code if the user may see its supervision data; NotFound otherwise."""
    unit = unit_list_visible_to(user=user, roles=roles).filter(code=code).first()
    if unit is None:
        raise NotFound(f"单位“{code}”不存在或无权访问。", code="supervision.unit_not_found")
    return unit


def default_unit_for(*, user: AnyUser) -> OrgUnit | None:
    """The widest unit the user may see (the region of a supervisor, the unit of a unit admin)."""
    return unit_list_visible_to(user=user).order_by("depth", "path").first()


# --- definitions and configuration ---------------------------------------------------------------------


def indicator_definitions_on(*, day: date) -> list[rules.DefinitionSpec]:
    """The definition version of each indicator in force on `day` (the last one if several)."""
    rows = IndicatorDefinition.objects.filter(effective_from__lte=day).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=day)
    )
    chosen: dict[str, IndicatorDefinition] = {}
    for row in rows.order_by("order", "code", "version"):
        chosen[row.code] = row
    return [
        rules.DefinitionSpec(
            code=row.code,
            version=row.version,
            name=row.name,
            numerator=row.numerator,
            denominator=row.denominator,
            multiplier=row.multiplier,
            decimals=row.decimals,
            unit_label=row.unit_label,
            parameters=row.parameters or {},
            source=row.source,
        )
        for row in sorted(chosen.values(), key=lambda r: (r.order, r.code))
    ]


def indicator_definition_list() -> QuerySet[IndicatorDefinition]:
    return IndicatorDefinition.objects.order_by("order", "code", "version")


def assessment_scheme_on(*, day: date, code: str | None = None) -> AssessmentScheme:
    rows = AssessmentScheme.objects.filter(effective_from__lte=day).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=day)
    )
    if code:
        rows = rows.filter(code=code)
    scheme = rows.order_by("-effective_from", "-version").first()
    if scheme is None:
        raise NotFound("该日期没有生效的考核指标体系。", code="supervision.no_scheme")
    return scheme


def _lag_days(definitions: Sequence[rules.DefinitionSpec]) -> int:
    for spec in definitions:
        if spec.numerator == "records_on_time":
            return int(spec.parameters.get("days", 7))
    return 7


# --- measures ---------------------------------------------------------------------------------------------

# Units to measure: a list of ids, or (for a whole subtree) a values("pk") subquery — thousands of
# bound ids cost more to send and to plan than the subquery costs to run.
UnitIds = Sequence[int] | QuerySet[Any]

UNIT_COLUMNS = (
    "n_total",
    "n_inspection",
    "n_penalty",
    "n_education",
    "n_coercion",
    "n_other",
    "decided",
    "decided_in_time",
    "published",
    "published_in_time",
)


def _bucket_q(plan: rules.PeriodPlan, *, with_days: bool) -> Q:
    """Rows of the plan's whole quarters and months (every rollup has quarter and month rows); unit
    rollups (`with_days`) also have day rows for the edge days."""
    query = Q(pk__in=[])
    if plan.quarters:
        query |= Q(grain=Grain.QUARTER, bucket__in=plan.quarters)
    if plan.months:
        query |= Q(grain=Grain.MONTH, bucket__in=plan.months)
    if with_days:
        for first, last in plan.day_ranges:
            query |= Q(grain=Grain.DAY, bucket__gte=first, bucket__lte=last)
    return query


def _days_q(plan: rules.PeriodPlan, field_name: str) -> Q:
    query = Q(pk__in=[])
    for first, last in plan.day_ranges:
        query |= Q(**{f"{field_name}__gte": first, f"{field_name}__lte": last})
    return query


def certified_officers(*, units: Sequence[int], on: date) -> dict[int, int]:
    """Officers (id → unit id) of `units`, on duty, holding a certificate valid on `on`.

    A certificate counts when `on` is inside its validity and it is neither suspended nor revoked on
    that day (orgs.rules.certificate_status_on over its dated events). Certificates without any
    suspension or revocation — nearly all — are decided in SQL; the rest are replayed in Python.
    """
    base = Certificate.objects.filter(
        valid_from__lte=on, valid_to__gte=on, officer__is_active=True, officer__unit_id__in=units
    )
    changed = CertificateEvent.objects.filter(
        kind__in=[CertificateEventKind.SUSPENDED, CertificateEventKind.REVOKED], effective_on__lte=on
    ).values("certificate_id")
    result = dict(base.exclude(pk__in=changed).values_list("officer_id", "officer__unit_id"))
    eventful = list(base.filter(pk__in=changed).values_list("pk", "officer_id", "officer__unit_id"))
    if eventful:
        events: dict[int, list[tuple[date, str]]] = defaultdict(list)
        for certificate_id, effective_on, kind in CertificateEvent.objects.filter(
            certificate_id__in=[row[0] for row in eventful]
        ).values_list("certificate_id", "effective_on", "kind"):
            events[certificate_id].append((effective_on, kind))
        for certificate_id, officer_id, unit_id in eventful:
            if certificate_status_on(events=events[certificate_id], on=on) == CertificateStatus.VALID:
                result[officer_id] = unit_id
    return result


def power_items_in_force(*, units: Sequence[int], on: date) -> dict[int, int]:
    """Active power items (id → owner unit id) of `units` in force on `on` (权责事项总数).

    The same filter as powers.selectors.power_item_counts_per_unit (a test keeps the two equal).
    """
    in_force = (Q(effective_from__isnull=True) | Q(effective_from__lte=on)) & (
        Q(effective_to__isnull=True) | Q(effective_to__gte=on)
    )
    return dict(
        PowerItem.objects.filter(owner_unit_id__in=units, status=ItemStatus.ACTIVE)
        .filter(in_force)
        .values_list("pk", "owner_unit_id")
    )


def _late_q(start: date, end: date, as_of_day: date | None) -> Q | None:
    if as_of_day is None:
        return None
    return Q(occurred_on__gte=start, occurred_on__lte=end, entered_on__gt=as_of_day)


def participating_officers(*, units: Sequence[int], start: date, end: date, as_of_day: date | None) -> set[int]:
    """Officers of `units` named on at least one record of [start, end] (entered by the cut-off)."""
    plan = rules.split_period(start, end)
    ids = set(
        OfficerRollup.objects.filter(_bucket_q(plan, with_days=False), unit_id__in=units, n__gt=0)
        .values_list("officer_id", flat=True)
        .distinct()
    )
    if plan.day_ranges:
        ids |= set(
            RecordOfficer.objects.filter(_days_q(plan, "occurred_on"), officer_unit_id__in=units)
            .values_list("officer_id", flat=True)
            .distinct()
        )
    late = _late_q(start, end, as_of_day)
    if late is not None:
        late_ids = set(
            RecordOfficer.objects.filter(late, officer_unit_id__in=units).values_list("officer_id", flat=True)
        )
        if late_ids:
            kept = set(
                RecordOfficer.objects.filter(
                    officer_id__in=late_ids, occurred_on__gte=start, occurred_on__lte=end, entered_on__lte=as_of_day
                ).values_list("officer_id", flat=True)
            )
            ids -= late_ids - kept
    return ids


def exercised_power_items(*, start: date, end: date, as_of_day: date | None, candidates: set[int]) -> set[int]:
    """The candidate power items cited by at least one record of [start, end] (entered by the cut-off)."""
    plan = rules.split_period(start, end)
    ids = set(
        PowerItemRollup.objects.filter(_bucket_q(plan, with_days=False), n__gt=0)
        .values_list("power_item_id", flat=True)
        .distinct()
    )
    if plan.day_ranges:
        ids |= set(
            EnforcementRecord.objects.filter(_days_q(plan, "occurred_on"), power_item__isnull=False)
            .values_list("power_item_id", flat=True)
            .distinct()
        )
    ids &= candidates
    late = _late_q(start, end, as_of_day)
    if late is not None:
        late_ids = set(
            EnforcementRecord.objects.filter(late, power_item_id__in=ids).values_list("power_item_id", flat=True)
        )
        if late_ids:
            kept = set(
                EnforcementRecord.objects.filter(
                    power_item_id__in=late_ids, occurred_on__gte=start, occurred_on__lte=end, entered_on__lte=as_of_day
                ).values_list("power_item_id", flat=True)
            )
            ids -= late_ids - kept
    return ids


def _unit_sums(*, units: UnitIds, start: date, end: date, lag_column: str) -> dict[int, dict[str, int]]:
    plan = rules.split_period(start, end)
    columns = (*UNIT_COLUMNS, lag_column)
    rows = (
        UnitRollup.objects.filter(_bucket_q(plan, with_days=True), unit_id__in=units)
        .values("unit_id")
        .annotate(**{f"s_{c}": Sum(c) for c in columns})
        .order_by()
    )
    return {row["unit_id"]: {c: row[f"s_{c}"] or 0 for c in columns} for row in rows}


def _active_officers_q(*, units: UnitIds, plan: rules.PeriodPlan, field_name: str = "officer_id") -> Q:
    """Q on `field_name` (an officer id): named on a record of the period (rollups for whole quarters
    and months, raw links for the edge days)."""
    query = Q(
        **{
            f"{field_name}__in": OfficerRollup.objects.filter(
                _bucket_q(plan, with_days=False), unit_id__in=units, n__gt=0
            )
            .order_by()
            .values("officer_id")
        }
    )
    if plan.day_ranges:
        query |= Q(
            **{
                f"{field_name}__in": RecordOfficer.objects.filter(
                    _days_q(plan, "occurred_on"), officer_unit_id__in=units
                )
                .order_by()
                .values("officer_id")
            }
        )
    return query


def _used_items_q(*, plan: rules.PeriodPlan) -> Q:
    """Q on a power item's pk: cited by a record of the period."""
    query = Q(
        pk__in=PowerItemRollup.objects.filter(_bucket_q(plan, with_days=False), n__gt=0)
        .order_by()
        .values("power_item_id")
    )
    if plan.day_ranges:
        query |= Q(
            pk__in=EnforcementRecord.objects.filter(_days_q(plan, "occurred_on"), power_item__isnull=False)
            .order_by()
            .values("power_item_id")
        )
    return query


def _late_only(
    *, model: type, column: str, ids_filter: dict[str, Any], start: date, end: date, as_of_day: date | None
) -> set[int]:
    """Ids whose every record of the period was entered after the cut-off (they leave an as-of figure)."""
    if as_of_day is None:
        return set()
    period = {"occurred_on__gte": start, "occurred_on__lte": end}
    late = set(model.objects.filter(entered_on__gt=as_of_day, **period, **ids_filter).values_list(column, flat=True))
    if not late:
        return set()
    kept = set(
        model.objects.filter(**{f"{column}__in": late}, entered_on__lte=as_of_day, **period).values_list(
            column, flat=True
        )
    )
    return late - kept


def _single_bucket(plan: rules.PeriodPlan) -> tuple[str, date] | None:
    """The one rollup bucket a period is made of (a whole quarter or a whole month), if it is."""
    if plan.day_ranges or len(plan.quarters) + len(plan.months) != 1:
        return None
    return (Grain.QUARTER, plan.quarters[0]) if plan.quarters else (Grain.MONTH, plan.months[0])


def _count_joined_with_rollup(
    members: QuerySet[Any], rollup: type[OfficerRollup] | type[PowerItemRollup], bucket: tuple[str, date]
) -> list[tuple[int, int, int]]:
    """(unit id, members, members with a rollup row in `bucket`) per unit, for `members` = (id, unit id) rows.

    The quarterly bulletin's path: a LEFT JOIN on the rollup's unique key (one row per member and
    bucket), which PostgreSQL runs as one hash join — measured about twice as fast as the same count
    written as a FILTER (… IN (sub-query)) over every officer or power item of a province.
    """
    sql, params = members.order_by().query.sql_with_params()
    member_column, unit_column = members.query.values_select  # the sub-query's output names
    key = rollup._meta.get_field("officer" if rollup is OfficerRollup else "power_item").column
    quote = connection.ops.quote_name
    grain, first_day = bucket
    query = (
        f"SELECT m.{quote(unit_column)}, COUNT(*), COUNT(r.{quote(key)}) FROM ({sql}) m "  # noqa: S608 — identifiers
        f"LEFT JOIN {quote(rollup._meta.db_table)} r ON r.{quote(key)} = m.{quote(member_column)} "
        "AND r.grain = %s AND r.bucket = %s AND r.n > 0 "
        f"GROUP BY m.{quote(unit_column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [*params, str(grain), connection.ops.adapt_datefield_value(first_day)])
        return cursor.fetchall()


def _officer_counts(*, units: UnitIds, on: date, plan: rules.PeriodPlan, late_only: set[int]) -> dict:
    """Per unit: certified officers, and those of them active in the period (one grouped query).

    Same definition as certified_officers/participating_officers (used by the drill-downs): the
    certificates with a suspension or revocation are replayed in Python, the rest decided in SQL.
    The query runs over officers (one row each, a semi-join on their certificates), so it needs no
    COUNT(DISTINCT); the activity test is a FILTER over the quarter/month rollup rows (one row per
    active officer for a quarter: a hashed sub-plan on PostgreSQL). A whole quarter or month without
    late records (the quarterly bulletin) reads the orgs duty spans instead: _officer_counts_from_spans;
    this certificate path stays for the other periods and for a database whose spans were never built.
    """
    base = Certificate.objects.filter(
        valid_from__lte=on, valid_to__gte=on, officer__is_active=True, officer__unit_id__in=units
    )
    changed = CertificateEvent.objects.filter(
        kind__in=[CertificateEventKind.SUSPENDED, CertificateEventKind.REVOKED], effective_on__lte=on
    ).values("certificate_id")
    simple = base.exclude(pk__in=changed)
    simple_officers = Officer.objects.filter(
        Exists(
            Certificate.objects.filter(officer_id=OuterRef("pk"), valid_from__lte=on, valid_to__gte=on).exclude(
                pk__in=changed
            )
        ),
        is_active=True,
        unit_id__in=units,
    )
    active_q = _active_officers_q(units=units, plan=plan, field_name="pk")
    active_filter = active_q & ~Q(pk__in=late_only) if late_only else active_q
    bucket = _single_bucket(plan)
    if bucket is not None and not late_only and OfficerDutySpan.objects.exists():
        return _officer_counts_from_spans(units=units, on=on, bucket=bucket)
    if bucket is not None and not late_only:
        rows = _count_joined_with_rollup(simple_officers.values_list("pk", "unit_id"), OfficerRollup, bucket)
    else:
        rows = (
            simple_officers.order_by()
            .values_list("unit_id")
            .annotate(n=Count("pk"), active=Count("pk", filter=active_filter))
        )
    total: dict[int, int] = defaultdict(int)
    active: dict[int, int] = defaultdict(int)
    for unit_id, n, n_active in rows:
        total[unit_id] = n
        active[unit_id] = n_active
    eventful = list(base.filter(pk__in=changed).values_list("pk", "officer_id", "officer__unit_id"))
    if eventful:
        events: dict[int, list[tuple[date, str]]] = defaultdict(list)
        for certificate_id, effective_on, kind in CertificateEvent.objects.filter(
            certificate_id__in=[row[0] for row in eventful]
        ).values_list("certificate_id", "effective_on", "kind"):
            events[certificate_id].append((effective_on, kind))
        valid = {
            officer_id: unit_id
            for certificate_id, officer_id, unit_id in eventful
            if certificate_status_on(events=events[certificate_id], on=on) == CertificateStatus.VALID
        }
        already = set(simple.filter(officer_id__in=list(valid)).values_list("officer_id", flat=True))
        extra = {pk: unit for pk, unit in valid.items() if pk not in already}
        busy = set(Officer.objects.filter(active_q, pk__in=list(extra)).values_list("pk", flat=True))
        for officer_id, unit_id in extra.items():
            total[unit_id] += 1
            if officer_id in busy and officer_id not in late_only:
                active[unit_id] += 1
    return {"officers_total": total, "officers_participating": active}


def _not_counted_on(on: date) -> Q:
    """OfficerDutySpan rows of the officers NOT 持证在岗 on `on`: the not-counted spans containing it.

    One arm per shape of span, each matching one partial index of OfficerDutySpan, so the database
    reads only the spans that contain `on` (PostgreSQL: a BitmapOr of four small index scans).
    """
    return Q(counted=False) & (
        Q(starts_on__isnull=True, ends_on__isnull=False, ends_on__gte=on)
        | Q(starts_on__isnull=False, ends_on__isnull=True, starts_on__lte=on)
        | Q(starts_on__isnull=False, ends_on__isnull=False, starts_on__lte=on, ends_on__gte=on)
        | Q(starts_on__isnull=True, ends_on__isnull=True)
    )


def _officer_counts_from_spans(*, units: UnitIds, on: date, bucket: tuple[str, date]) -> dict:
    """Per unit: 持证在岗 officers on `on`, and those of them named in one rollup bucket.

    The quarterly bulletin's path, from the spans orgs maintains (OfficerDutySpan, UnitDutySpan):
    - 执法人员总数: the UnitDutySpan rows containing `on`, summed per unit (a few rows per unit);
    - 参与执法人数: the officers with a rollup row in the bucket (UnitActivityRollup, kept by the
      writer: one row per unit — the same statement), minus those of them not counted on `on`: the not-counted spans
      containing `on` name them (usually a handful: the suspended, the expired, the off duty),
      and only their rollup rows are looked up, by the rollup's unique key.
    No certificate of the province is read. Every officer named on a record holds a certificate
    (an import requires a registered number, enforcement a valid one), so every such officer has
    spans; the definition is orgs.rules.certificate_counts_on, the same as certified_officers
    (tests keep this path equal to the general one).
    """
    grain, first_day = bucket
    totals = (
        UnitDutySpan.objects.filter(starts_on__lte=on, ends_on__gte=on, unit_id__in=units)
        .values("unit_id")
        .annotate(part=Value(0), n=Sum("officers"))
    )
    # the officers with a rollup row in the bucket, per unit: kept by the writer (UnitActivityRollup),
    # one row per unit instead of one per officer
    active = (
        UnitActivityRollup.objects.filter(grain=grain, bucket=first_day, unit_id__in=units, officers__gt=0)
        .values("unit_id")
        .annotate(part=Value(1), n=F("officers"))
    )
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for unit_id, part, n in (
        totals.order_by().values_list("unit_id", "part", "n").union(
            active.order_by().values_list("unit_id", "part", "n"), all=True
        )
    ):  # fmt: skip
        counts[unit_id][part] = n
    for unit_id, n in _named_not_counted(units=units, on=on, bucket=bucket).items():
        counts[unit_id][1] -= n
    return {
        "officers_total": {unit_id: c[0] for unit_id, c in counts.items()},
        "officers_participating": {unit_id: c[1] for unit_id, c in counts.items()},
    }


def _named_not_counted(*, units: UnitIds, on: date, bucket: tuple[str, date]) -> dict[int, int]:
    """Per unit: its officers named in `bucket` (a rollup row with n > 0) who do not count on `on`.

    A separate, small statement: its row estimate is poor (the four kinds of span are correlated),
    and inside a bigger statement it would make the planner reach for JIT compilation. The not-counted
    spans containing `on` name the officers (usually a handful: the suspended, the expired, the off
    duty); only their rollup rows are looked up, by the rollup's unique key.
    """
    not_counted = OfficerDutySpan.objects.filter(_not_counted_on(on), unit_id__in=units)
    return _named_among(bucket, set(not_counted.values_list("officer_id", flat=True)))


def _named_among(bucket: tuple[str, date], officers: set[int]) -> dict[int, int]:
    """Per unit: how many of `officers` have a rollup row with n > 0 in `bucket`, by the rollup's key."""
    grain, first_day = bucket
    named = OfficerRollup.objects.filter(grain=grain, bucket=first_day, n__gt=0)
    ids = sorted(officers)
    result: dict[int, int] = defaultdict(int)
    for offset in range(0, len(ids), 5000):
        for unit_id, n in (
            named.filter(officer_id__in=ids[offset : offset + 5000])
            .order_by()
            .values_list("unit_id")
            .annotate(n=Count("pk"))
        ):
            result[unit_id] += n
    return result


def _not_counted_on_day(*, units: Collection[int], on: date) -> tuple[set[int], dict[int, int]]:
    """The officers of `units` who do not count on `on` (ids) and their power items not counted on
    `on` (id → owner id), in one statement (the bulletin's path).

    The not-counted spans and the arms of _not_in_force_on, each an index scan, as one UNION ALL of
    usually a handful of rows. The units (a region's, already read) are kept in Python: a filter on
    them in each arm cost more to plan and run than the arms themselves.
    """
    officers = OfficerDutySpan.objects.filter(_not_counted_on(on)).order_by()
    arms = [PowerItem.objects.filter(arm).order_by() for arm in _not_in_force_on(on)]
    not_counted: set[int] = set()
    items: dict[int, int] = {}
    for pk, unit_id, kind in (
        officers.annotate(kind=Value(0))
        .values_list("officer_id", "unit_id", "kind")
        .union(*(arm.annotate(kind=Value(1)).values_list("pk", "owner_unit_id", "kind") for arm in arms), all=True)
    ):
        if unit_id not in units:
            continue
        if kind:
            items[pk] = unit_id
        else:
            not_counted.add(pk)
    return not_counted, items


def _item_counts(*, units: UnitIds, on: date, plan: rules.PeriodPlan, late_only: set[int]) -> dict:
    """Per owner unit: power items in force, and those of them cited in the period (two grouped queries).

    A whole quarter or month without late records (the quarterly bulletin) reads the powers in-force
    spans (_item_counts_from_spans), or, for a database whose spans were never built, one scan of the
    items (_item_counts_from_activity); the general path below stays for the other periods.
    """
    in_force = (Q(effective_from__isnull=True) | Q(effective_from__lte=on)) & (
        Q(effective_to__isnull=True) | Q(effective_to__gte=on)
    )
    items = PowerItem.objects.filter(in_force, owner_unit_id__in=units, status=ItemStatus.ACTIVE)

    used = _used_items_q(plan=plan) & ~Q(pk__in=late_only) if late_only else _used_items_q(plan=plan)
    bucket = _single_bucket(plan)
    if bucket is not None and not late_only and not _power_item_owner_moved():
        if OwnerInForceSpan.objects.exists():
            return _item_counts_from_spans(units=units, on=on, bucket=bucket)
        return _item_counts_from_activity(units=units, in_force=in_force, bucket=bucket)
    if bucket is not None and not late_only:
        rows = _count_joined_with_rollup(items.values_list("pk", "owner_unit_id"), PowerItemRollup, bucket)
    else:
        rows = items.order_by().values_list("owner_unit_id").annotate(n=Count("pk"), used=Count("pk", filter=used))
    total: dict[int, int] = defaultdict(int)
    exercised: dict[int, int] = defaultdict(int)
    for unit_id, n, n_used in rows:
        total[unit_id] = n
        exercised[unit_id] = n_used
    return {"power_items_total": total, "power_items_exercised": exercised}


def _power_item_owner_moved() -> bool:
    """Has any power item ever changed owner (powers.services.power_item_update audits it)?

    UnitActivityRollup counts a cited item for the unit that owned it when its rollup row crossed
    zero; the bulletin counts it for its owner now. The two are equal unless an item moved; once one
    has, the item family reads the detailed rows (exact, as before the counts existed). Moves are
    rare: this is an index probe (audit_type_time) over the item-change events.
    """
    return AuditEvent.objects.filter(
        event_type=AuditEventType.POWER_ITEM_UPDATED, changes__has_key="owner_unit"
    ).exists()


def _item_counts_from_activity(*, units: UnitIds, in_force: Q, bucket: tuple[str, date]) -> dict:
    """Per owner unit: power items in force, and those of them cited in one rollup bucket.

    The quarterly bulletin's path. One scan of the units' items, grouped by (owner, 0 for an item
    counted on the day — active and in force — else its id): the totals, and the few items not
    counted, by id. 履行事项数 = the owner's cited items (UnitActivityRollup, kept by the writer:
    one row per unit) minus the cited ones among those not counted, looked up by the rollup's key.
    Same figures as the LEFT JOIN of every item with its rollup row (tests keep the two equal).
    """
    counted = Q(status=ItemStatus.ACTIVE) & in_force
    total: dict[int, int] = defaultdict(int)
    not_counted: dict[int, int] = {}
    for unit_id, item_id, n in (
        PowerItem.objects.filter(owner_unit_id__in=units)
        .annotate(other=Case(When(counted, then=Value(0)), default=F("pk"), output_field=BigIntegerField()))
        .order_by()
        .values_list("owner_unit_id", "other")
        .annotate(n=Count("pk"))
    ):
        if item_id:
            not_counted[item_id] = unit_id
        else:
            total[unit_id] = n
    return {"power_items_total": total, "power_items_exercised": _exercised_from_activity(units, bucket, not_counted)}


def _not_in_force_on(on: date) -> list[Q]:
    """The power items NOT counted on `on` (not 有效, not yet in force, no longer in force): one arm per
    reason, each matching one partial index of PowerItem, so none of them scans the list."""
    return [~Q(status=ItemStatus.ACTIVE), Q(effective_from__gt=on), Q(effective_to__lt=on)]


def _item_counts_from_spans(*, units: UnitIds, on: date, bucket: tuple[str, date]) -> dict:
    """Per owner unit: power items in force on `on`, and those of them cited in one rollup bucket.

    The quarterly bulletin's path, from the spans powers maintains (OwnerInForceSpan):
    - 权责事项总数: the spans containing `on`, summed per owner (a row or a few per unit);
    - 履行事项数: as in _item_counts_from_activity — the owner's cited items (UnitActivityRollup)
      minus the cited ones among the items not counted on `on`, which are found through the partial
      indexes of _not_in_force_on (usually a handful: the suspended, the expired, the not yet in force).
    No power item of the province is scanned. The definition is powers.rules.power_item_in_force,
    the same as power_items_in_force (tests keep this path equal to the scan and the general path).
    """
    total: dict[int, int] = defaultdict(int)
    for unit_id, n in (
        OwnerInForceSpan.objects.filter(starts_on__lte=on, ends_on__gte=on, unit_id__in=units)
        .order_by()
        .values_list("unit_id")
        .annotate(n=Sum("items"))
    ):
        total[unit_id] = n
    return {
        "power_items_total": total,
        "power_items_exercised": _exercised_from_activity(units, bucket, _not_in_force_items(units=units, on=on)),
    }


def _not_in_force_items(*, units: UnitIds, on: date) -> dict[int, int]:
    """The power items of `units` not counted on `on` (item id → owner id): one statement, a UNION of
    the arms of _not_in_force_on (each an index scan)."""
    arms = [
        PowerItem.objects.filter(arm, owner_unit_id__in=units).order_by().values_list("pk", "owner_unit_id")
        for arm in _not_in_force_on(on)
    ]
    return dict(arms[0].union(*arms[1:]))


def _exercised_from_activity(units: UnitIds, bucket: tuple[str, date], not_counted: dict[int, int]) -> dict[int, int]:
    """履行事项数 per owner: its cited items in `bucket` (UnitActivityRollup) minus the cited ones among
    `not_counted` (item id → owner id), looked up by the rollup's unique key."""
    grain, first_day = bucket
    exercised: dict[int, int] = defaultdict(int)
    for unit_id, n in UnitActivityRollup.objects.filter(
        grain=grain, bucket=first_day, unit_id__in=units, power_items__gt=0
    ).values_list("unit_id", "power_items"):
        exercised[unit_id] = n
    for unit_id, n in _cited_among(bucket, not_counted).items():
        exercised[unit_id] -= n
    return exercised


def _cited_among(bucket: tuple[str, date], items: dict[int, int]) -> dict[int, int]:
    """Per owner: how many of `items` (item id → owner id) are cited in `bucket`, by the rollup's key."""
    grain, first_day = bucket
    cited: dict[int, int] = defaultdict(int)
    ids = sorted(items)
    for offset in range(0, len(ids), 5000):
        for item_id in PowerItemRollup.objects.filter(
            grain=grain, bucket=first_day, n__gt=0, power_item_id__in=ids[offset : offset + 5000]
        ).values_list("power_item_id", flat=True):
            cited[items[item_id]] += 1
    return cited


def _late_sums(*, units: UnitIds, start: date, end: date, as_of_day: date, lag_days: int) -> dict[int, dict]:
    """What the records entered after the cut-off added to the rollups (subtracted for an as-of figure)."""
    records = EnforcementRecord.objects.filter(
        unit_id__in=units, occurred_on__gte=start, occurred_on__lte=end, entered_on__gt=as_of_day
    ).values_list("unit_id", "record_type", "occurred_on", "entered_on")
    result: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for unit_id, record_type, occurred_on, entered_on in records:
        row = result[unit_id]
        row["n_total"] += 1
        row[f"n_{record_type}"] += 1
        if (entered_on - occurred_on).days <= lag_days:
            row[f"lag_le_{lag_days}"] += 1
    return result


def _review_sums(*, units: UnitIds, start: date, end: date) -> dict[int, tuple[int, Decimal]]:
    rows = (
        CaseFileReview.objects.filter(
            unit_id__in=units, reviewed_on__gte=start, reviewed_on__lte=end, score__isnull=False
        )
        .values("unit_id")
        .annotate(n=Count("pk"), total=Sum("score"))
        .order_by()
    )
    return {row["unit_id"]: (row["n"], row["total"] or Decimal(0)) for row in rows}


def unit_measures(
    *,
    units: Sequence[int],
    start: date,
    end: date,
    as_of: datetime | None = None,
    lag_days: int = 7,
    scope: QuerySet[OrgUnit] | None = None,
) -> dict[int, dict[str, Any]]:
    """The measures (rules.MEASURES) of each unit's own records for [start, end] as of the cut-off.

    Officers count for the unit they belong to; power items for the unit that owns them; records,
    decisions and publications for the unit that acted. Everything is read from the rollups except
    the edge days of a period not made of whole months and the records entered after `as_of`.
    The denominators are taken on the last day of the period (or the cut-off day, if earlier).
    `scope`, when given, is the same set of units as a queryset (a subtree): the queries then filter
    on it as a subquery instead of binding every id.
    """
    unit_ids = list(units)
    unit_filter: UnitIds = scope.values("pk") if scope is not None else unit_ids
    as_of_day = timezone.localtime(as_of).date() if as_of is not None else None
    on = min(end, as_of_day) if as_of_day else end
    lag_column = rules.on_time_column(lag_days)
    sums = _unit_sums(units=unit_filter, start=start, end=end, lag_column=lag_column)
    if as_of_day is not None:
        for unit_id, late in _late_sums(
            units=unit_filter, start=start, end=end, as_of_day=as_of_day, lag_days=lag_days
        ).items():
            row = sums.setdefault(unit_id, {c: 0 for c in (*UNIT_COLUMNS, lag_column)})
            for column, value in late.items():
                row[column] = row.get(column, 0) - value
    plan = rules.split_period(start, end)
    late_officers = _late_only(
        model=RecordOfficer, column="officer_id", ids_filter={"officer_unit_id__in": unit_filter},
        start=start, end=end, as_of_day=as_of_day,
    )  # fmt: skip
    late_items = _late_only(
        model=EnforcementRecord, column="power_item_id", ids_filter={"unit_id__in": unit_filter},
        start=start, end=end, as_of_day=as_of_day,
    )  # fmt: skip
    counts = {
        **_officer_counts(units=unit_filter, on=on, plan=plan, late_only=late_officers),
        **_item_counts(units=unit_filter, on=on, plan=plan, late_only=late_items),
    }
    reviews = _review_sums(units=unit_filter, start=start, end=end)
    result: dict[int, dict[str, Any]] = {}
    for unit_id in unit_ids:
        row = sums.get(unit_id, {})
        review_count, review_total = reviews.get(unit_id, (0, Decimal(0)))
        result[unit_id] = {
            **{name: values.get(unit_id, 0) for name, values in counts.items()},
            "records_total": row.get("n_total", 0),
            "records_inspection": row.get("n_inspection", 0),
            "records_penalty": row.get("n_penalty", 0),
            "records_education": row.get("n_education", 0),
            "records_coercion": row.get("n_coercion", 0),
            "records_other": row.get("n_other", 0),
            "records_on_time": row.get(lag_column, 0),
            "decisions_total": row.get("decided", 0),
            "decisions_in_time": row.get("decided_in_time", 0),
            "publications_total": row.get("published", 0),
            "publications_in_time": row.get("published_in_time", 0),
            "reviews_count": review_count,
            "reviews_score_sum": review_total,
        }
    return result


def sum_measures(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Add the measures of several units (all are additive: each officer/item belongs to one unit).

    A measure missing from a row counts 0. Summed one measure at a time over the rows (C loops):
    the bulletin adds up a province's 2,000 units this way.
    """
    rows = list(rows)
    total: dict[str, Any] = {}
    for name in rules.MEASURES:
        try:
            total[name] = sum(map(itemgetter(name), rows))
        except KeyError:
            total[name] = sum(row.get(name, 0) for row in rows)
    return total


@dataclass(frozen=True, slots=True)
class UnitIndicators:
    unit: OrgUnit
    measures: dict[str, Any]
    values: list[rules.IndicatorValue]

    def as_dict(self) -> dict[str, Any]:
        return {
            "unit": {"code": self.unit.code, "name": self.unit.name},
            "measures": {k: (str(v) if isinstance(v, Decimal) else v) for k, v in self.measures.items()},
            "indicators": [value.as_dict() for value in self.values],
        }


@dataclass(frozen=True, slots=True)
class IndicatorReport:
    unit: OrgUnit
    start: date
    end: date
    as_of: datetime
    total: UnitIndicators  # the unit and everything under it
    rows: list[UnitIndicators] = field(default_factory=list)  # each unit of the subtree with data or staff
    definitions: list[rules.DefinitionSpec] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "unit": {"code": self.unit.code, "name": self.unit.name},
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "as_of": self.as_of.isoformat(),
            "total": self.total.as_dict(),
            "units": [row.as_dict() for row in self.rows],
            "definitions": [
                {"code": d.code, "version": d.version, "name": d.name, "source": d.source} for d in self.definitions
            ],
        }


def _now() -> datetime:
    return timezone.now()


def indicator_report(
    *, unit: OrgUnit, start: date, end: date, as_of: datetime | None = None, breakdown: bool = True
) -> IndicatorReport:
    """Indicators of `unit` (its whole subtree) and, with `breakdown`, of each unit beneath it.

    `as_of` None means "now": everything recorded so far. The caller has scoped `unit`.
    """
    if end < start:
        rules.split_period(start, end)  # raises the Chinese error
    cut_off = as_of or _now()
    definitions = indicator_definitions_on(day=end)
    lag_days = _lag_days(definitions)
    scope = OrgUnit.objects.filter(path__startswith=unit.path)
    subtree = list(scope.order_by("path"))
    per_unit = unit_measures(
        units=[u.pk for u in subtree], start=start, end=end, as_of=as_of, lag_days=lag_days, scope=scope
    )
    total_measures = sum_measures(per_unit.values())
    total = UnitIndicators(
        unit, total_measures, rules.compute_indicators(definitions=definitions, measures=total_measures)
    )
    rows = []
    if breakdown:
        for member in subtree:
            measures = per_unit[member.pk]
            if (
                member.pk == unit.pk
                or member.is_enforcement_body
                or measures["officers_total"]
                or measures["records_total"]
            ):
                rows.append(
                    UnitIndicators(
                        member, measures, rules.compute_indicators(definitions=definitions, measures=measures)
                    )
                )
    return IndicatorReport(unit, start, end, cut_off, total, rows, definitions)


def report_figures(report: IndicatorReport) -> dict[str, dict[str, dict[str, Any]]]:
    """{unit code: {indicator code: {"value", "name", …}}} of a report, as snapshots store them."""
    figures = {"*": {v.code: v.as_dict() for v in report.total.values}}
    for row in report.rows:
        figures[row.unit.code] = {v.code: v.as_dict() for v in row.values}
    return figures


# --- drill-down ----------------------------------------------------------------------------------------------

DRILLDOWNS: dict[str, str] = {
    "officers_not_participating": "未参与执法的持证人员",
    "officers_participating": "参与执法的人员",
    "power_items_not_exercised": "未履行的权责事项",
    "power_items_exercised": "已履行的权责事项",
    "records": "执法信息",
    "records_late": "逾期录入的执法信息",
    "decisions_late": "超期作出决定的案件",
    "publications_late": "逾期公示的处罚决定",
    "repeated_entities": "被多个部门重复检查的对象（综合查一次候选）",
}

# Which drill-down each measure opens (dashboard links).
MEASURE_DRILLDOWN = {
    "officers_total": "officers_not_participating",
    "officers_participating": "officers_participating",
    "power_items_total": "power_items_not_exercised",
    "power_items_exercised": "power_items_exercised",
    "records_total": "records",
    "records_inspection": "records",
    "records_penalty": "records",
    "records_education": "records",
    "records_coercion": "records",
    "records_other": "records",
    "records_on_time": "records_late",
    "decisions_total": "decisions_late",
    "decisions_in_time": "decisions_late",
    "publications_total": "publications_late",
    "publications_in_time": "publications_late",
}

# The rows behind an indicator's value: for a rate, the gap (who did not, what was late).
INDICATOR_DRILLDOWN = {
    "participation_rate": "officers_not_participating",
    "exercise_rate": "power_items_not_exercised",
    "upload_timeliness": "records_late",
    "decision_timeliness": "decisions_late",
    "publication_timeliness": "publications_late",
    "records_per_officer": "records",
}

MEASURE_RECORD_TYPE = {
    "records_inspection": RecordType.INSPECTION,
    "records_penalty": RecordType.PENALTY,
    "records_education": RecordType.EDUCATION,
    "records_coercion": RecordType.COERCION,
    "records_other": RecordType.OTHER,
}


@dataclass(frozen=True, slots=True)
class DrillDown:
    kind: str
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    count: int


def _subtree_ids(unit: OrgUnit) -> list[int]:
    return list(OrgUnit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))


def drilldown(
    *,
    unit: OrgUnit,
    kind: str,
    start: date,
    end: date,
    as_of: datetime | None = None,
    record_type: str | None = None,
    lag_days: int | None = None,
    limit: int = 500,
) -> DrillDown:
    """The rows behind a number of `indicator_report` for the same unit, period and cut-off.

    The counts here are computed by the same selectors as the indicator, so the row count equals the
    figure on the dashboard (a test holds them together). The caller has scoped `unit`.
    """
    if kind not in DRILLDOWNS:
        raise NotFound(f"未知的明细类型：{kind}", code="supervision.unknown_drilldown")
    units = _subtree_ids(unit)
    as_of_day = timezone.localtime(as_of).date() if as_of is not None else None
    on = min(end, as_of_day) if as_of_day else end
    if lag_days is None:
        lag_days = _lag_days(indicator_definitions_on(day=end))
    title = DRILLDOWNS[kind]
    if kind in ("officers_not_participating", "officers_participating"):
        certified = certified_officers(units=units, on=on)
        active = participating_officers(units=units, start=start, end=end, as_of_day=as_of_day)
        wanted = [pk for pk in certified if (pk in active) == (kind == "officers_participating")]
        officers = (
            Officer.objects.filter(pk__in=wanted)
            .select_related("person", "unit")
            .order_by("unit__path", "person__name")
        )
        numbers = defaultdict(list)
        for officer_id, number in Certificate.objects.filter(officer_id__in=wanted).values_list("officer_id", "number"):
            numbers[officer_id].append(number)
        rows = [(o.unit.name, o.person.name, "；".join(sorted(numbers[o.pk])), o.title) for o in officers[:limit]]
        return DrillDown(kind, title, ("单位", "姓名", "执法证号", "职务"), rows, len(wanted))
    if kind in ("power_items_not_exercised", "power_items_exercised"):
        items = power_items_in_force(units=units, on=on)
        exercised = exercised_power_items(start=start, end=end, as_of_day=as_of_day, candidates=set(items))
        wanted = [pk for pk in items if (pk in exercised) == (kind == "power_items_exercised")]
        queryset = (
            PowerItem.objects.filter(pk__in=wanted).select_related("owner_unit").order_by("owner_unit__path", "code")
        )
        rows = [(i.owner_unit.name, i.code, i.name, i.get_category_display()) for i in queryset[:limit]]
        return DrillDown(kind, title, ("实施主体", "事项编码", "事项名称", "事项类别"), rows, len(wanted))
    if kind == "repeated_entities":
        found = repeated_inspections(units=units, start=start, end=end)
        names = dict(OrgUnit.objects.filter(pk__in={u for e in found for u in e.units}).values_list("pk", "name"))
        rows = [
            (e.party_code, e.inspections, len(e.units), "、".join(names[u] for u in e.units)) for e in found[:limit]
        ]
        return DrillDown(kind, title, ("对象代码", "检查次数", "检查部门数", "检查部门"), rows, len(found))
    records = EnforcementRecord.objects.filter(unit_id__in=units)
    if kind in ("records", "records_late"):
        records = records.filter(occurred_on__gte=start, occurred_on__lte=end)
        if as_of_day is not None:
            records = records.filter(entered_on__lte=as_of_day)
        if record_type:
            records = records.filter(record_type=record_type)
        if kind == "records_late":
            records = records.filter(entered_on__gt=F("occurred_on") + timedelta(days=lag_days))
    elif kind == "decisions_late":
        records = records.filter(
            decided_on__gte=start, decided_on__lte=end, decision_due__isnull=False, decided_on__gt=F("decision_due")
        )
    else:  # publications_late
        records = records.filter(published_on__gte=start, published_on__lte=end, published_late=True)
    queryset = records.select_related("unit", "power_item").order_by("occurred_on", "key")
    rows = [
        (
            r.key,
            r.get_record_type_display(),
            r.unit.name,
            r.power_item.code if r.power_item else "",
            r.occurred_on.isoformat(),
            r.entered_on.isoformat(),
            (r.entered_on - r.occurred_on).days,
            r.get_source_display(),
        )
        for r in queryset[:limit]
    ]
    columns = ("记录编号", "记录类型", "单位", "权责事项编码", "发生日期", "录入日期", "间隔天数", "来源")
    return DrillDown(kind, title, columns, rows, queryset.count())


def repeated_inspections(
    *, units: Sequence[int], start: date, end: date, limit: int | None = None
) -> list[rules.RepeatedEntity]:
    """Entities inspected by two or more different units of `units` in [start, end] (综合查一次 candidates).

    The database keeps only the entities with two or more units (HAVING), most units first, so a
    province's quarter of inspections is never shipped to Python; `limit` keeps the first ones.
    """
    inspections = EnforcementRecord.objects.filter(
        record_type=RecordType.INSPECTION, occurred_on__gte=start, occurred_on__lte=end, unit_id__in=units
    ).exclude(party_code="")
    parties = (
        inspections.values("party_code")
        .annotate(units_n=Count("unit_id", distinct=True), n=Count("pk"))
        .filter(units_n__gte=2)
        .order_by("-units_n", "-n", "party_code")
        .values_list("party_code", flat=True)
    )
    wanted = list(parties[:limit] if limit else parties)
    rows = inspections.filter(party_code__in=wanted).values("party_code", "unit_id").annotate(n=Count("pk")).order_by()
    return rules.repeated_entities((row["party_code"], row["unit_id"], row["n"]) for row in rows)


# --- ingestion reads (the internal tables, read-only) -----------------------------------------------------


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


# --- snapshots and bulletins ------------------------------------------------------------------------------------


def snapshot_list_visible_to(*, user: AnyUser, kind: str | None = None) -> QuerySet[Snapshot]:
    rows = Snapshot.objects.filter(_path_q(_grant_paths(user, VIEW_ROLES), "unit__path")).select_related("unit")
    return rows.filter(kind=kind) if kind else rows


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


def snapshot_diff(*, snapshot: Snapshot, as_of: datetime | None = None) -> SnapshotDiff:
    """Recompute the snapshot's figures (now, or at `as_of`) and list every figure that changed."""
    report = indicator_report(unit=snapshot.unit, start=snapshot.period_from, end=snapshot.period_to, as_of=as_of)
    figures = report_figures(report)
    published = snapshot.payload.get("figures", {})
    # Compare only the units the snapshot published, plus the total.
    recomputed = {code: figures.get(code, {}) for code in published}
    return SnapshotDiff(snapshot, report.as_of, rules.diff_figures(published, recomputed))


def bulletin_list_visible_to(*, user: AnyUser) -> QuerySet[Bulletin]:
    return Bulletin.objects.filter(
        snapshot__in=snapshot_list_visible_to(user=user, kind=SnapshotKind.BULLETIN)
    ).select_related("snapshot__unit")


def bulletin_get_for_user(*, user: AnyUser, bulletin_id: int) -> Bulletin:
    bulletin = bulletin_list_visible_to(user=user).filter(pk=bulletin_id).first()
    if bulletin is None:
        raise NotFound("通报不存在或无权访问。", code="supervision.bulletin_not_found")
    return bulletin


# --- case-file review ------------------------------------------------------------------------------------------


@cache
def _rule_set_file(code: str) -> rules.RuleSet:
    path = RULE_SET_DIR / f"{code}.toml"
    if not path.is_file():
        raise NotFound(f"评查规则集“{code}”不存在。", code="supervision.rule_set_not_found")
    with path.open("rb") as handle:
        return rules.parse_rule_set(tomllib.load(handle))


def rule_set_get(*, code: str = DEFAULT_RULE_SET) -> rules.RuleSet:
    """A rule set from src/fazhi/supervision/data/review_rules/<code>.toml (one file per rule set)."""
    return _rule_set_file(code)


def rule_set_codes() -> list[str]:
    return sorted(path.stem for path in RULE_SET_DIR.glob("*.toml"))


def _legal_review_required(case: PenaltyCase) -> bool:
    # 行政处罚法 Art. 58(1): (一) 重大公共利益 (二) 经过听证 (三) 疑难复杂 (四) 法律法规规定的其他情形.
    return bool(
        case.major_public_interest or case.hearing_held_on or case.complex_case or case.other_legal_review_required
    )


def case_file_facts(*, case: PenaltyCase, today: date) -> rules.CaseFileFacts:
    """Gather what the review checks need about one case (a handful of small queries)."""
    officers = list(case.officers.select_related("person", "unit"))
    on = case.filed_on
    certified = sum(
        1
        for officer in officers
        if on is not None and officer_certificate_validity(officer=officer, on=on, unit=case.unit).ok
    )
    publication = first_live_publication(case_id=case.pk)
    bands: tuple[tuple[Decimal | None, Decimal | None], ...] = ()
    if case.power_item_id is not None:
        bands = tuple(
            DiscretionStandard.objects.filter(power_item_id=case.power_item_id).values_list("fine_min", "fine_max")
        )
    publication_due = None
    if case.decided_on is not None and publication is None:
        publication_due = _tracked_due(case=case, rule_prefix="publicity.")
    return rules.CaseFileFacts(
        procedure=case.procedure,
        status=case.status,
        filed_on=case.filed_on,
        certified_officers_at_filing=certified,
        notified_on=case.notified_on,
        rights_waived=case.rights_waived,
        legal_review_required=_legal_review_required(case),
        legal_review_passed=case.legal_review_passed,
        legal_reviewed_on=case.legal_reviewed_on,
        decided_on=case.decided_on,
        decision_due=case.decision_due,
        decision_number=case.decision_number,
        decision_legal_basis=case.decision_legal_basis,
        penalty_types=tuple(case.penalty_types or ()),
        performance_terms=case.performance_terms,
        remedies=case.remedies,
        party_name=case.party_name,
        party_address=case.party_address,
        facts=case.facts,
        served_on=case.served_on,
        service_due=case.service_due,
        served_late=case.served_late,
        has_publication=publication is not None,
        publication_late=publication.published_late if publication else None,
        publication_due=publication_due,
        evidence_count=Evidence.objects.filter(case=case).count(),
        fine_amount=case.fine_amount,
        discretion_bands=bands,
        today=today,
    )


def _tracked_due(*, case: PenaltyCase, rule_prefix: str) -> date | None:
    row = case_tracked_deadlines(case=case).filter(rule_code__startswith=rule_prefix).order_by("due").first()
    return row.due if row else None


@dataclass(frozen=True, slots=True)
class SelfCheck:
    case: PenaltyCase
    rule_set: rules.RuleSet
    findings: list[rules.Finding]
    score: Decimal

    @property
    def missing(self) -> list[rules.Finding]:
        return [f for f in self.findings if f.status == rules.FAIL]


def case_get_for_review(*, user: AnyUser, case_id: int, roles: frozenset[Role] = VIEW_ROLES) -> PenaltyCase:
    """A penalty case of a unit the user may see in supervision (unit admin: own unit); NotFound otherwise."""
    case = (
        PenaltyCase.objects.filter(_path_q(_grant_paths(user, roles), "unit__path"))
        .select_related("unit", "power_item")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise NotFound("案卷不存在或无权访问。", code="supervision.case_not_found")
    return case


def case_self_check(*, case: PenaltyCase, today: date, rule_set_code: str = DEFAULT_RULE_SET) -> SelfCheck:
    """完整性自查: run the review rules on one case and show what is missing (nothing is written)."""
    rule_set = rule_set_get(code=rule_set_code)
    findings = rules.run_rule_set(rule_set, case_file_facts(case=case, today=today))
    score = rules.review_score(full_score=rule_set.full_score, findings=findings, judgement_deduction=Decimal(0))
    return SelfCheck(case, rule_set, findings, score)


def review_candidates(*, unit: OrgUnit, start: date, end: date) -> list[int]:
    """Case files eligible for a draw: ordinary-procedure cases of the unit decided in [start, end]."""
    return list(
        PenaltyCase.objects.filter(
            unit__path__startswith=unit.path,
            procedure=CaseProcedure.ORDINARY,
            decided_on__gte=start,
            decided_on__lte=end,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def review_sample_list_visible_to(*, user: AnyUser) -> QuerySet[ReviewSample]:
    return ReviewSample.objects.filter(_path_q(_grant_paths(user, VIEW_ROLES), "unit__path")).select_related("unit")


def review_sample_get_for_user(*, user: AnyUser, sample_id: int) -> ReviewSample:
    sample = review_sample_list_visible_to(user=user).filter(pk=sample_id).first()
    if sample is None:
        raise NotFound("评查批次不存在或无权访问。", code="supervision.sample_not_found")
    return sample


def review_get_for_user(*, user: AnyUser, review_id: int, roles: frozenset[Role] = VIEW_ROLES) -> CaseFileReview:
    review = (
        CaseFileReview.objects.filter(_path_q(_grant_paths(user, roles), "unit__path"))
        .select_related("sample", "case", "unit")
        .filter(pk=review_id)
        .first()
    )
    if review is None:
        raise NotFound("评查记录不存在或无权访问。", code="supervision.review_not_found")
    return review


def review_average(*, unit: OrgUnit, start: date, end: date) -> Decimal | None:
    value = CaseFileReview.objects.filter(
        unit__path__startswith=unit.path, reviewed_on__gte=start, reviewed_on__lte=end, score__isnull=False
    ).aggregate(avg=Avg("score"))["avg"]
    return None if value is None else rules.round_half_up(Decimal(value), 2)


def reviews_open_for_unit(*, user: AnyUser) -> QuerySet[CaseFileReview]:
    return CaseFileReview.objects.filter(
        _path_q(_grant_paths(user, VIEW_ROLES), "unit__path"), status=ReviewStatus.RECTIFYING
    ).select_related("case", "unit")


# --- alerts -------------------------------------------------------------------------------------------------------


def alert_list_visible_to(*, user: AnyUser, status: str | None = AlertStatus.OPEN) -> QuerySet[Alert]:
    rows = Alert.objects.filter(_path_q(_grant_paths(user, VIEW_ROLES), "unit__path")).select_related("unit")
    return rows.filter(status=status) if status else rows


def alert_get_for_user(*, user: AnyUser, alert_id: int) -> Alert:
    alert = alert_list_visible_to(user=user, status=None).filter(pk=alert_id).first()
    if alert is None:
        raise NotFound("提醒不存在或无权访问。", code="supervision.alert_not_found")
    return alert


# --- bulletin (ranking inside peer groups) ------------------------------------------------------------------------

OTHER_GROUP = "其他"


@dataclass(frozen=True, slots=True)
class BulletinData:
    unit: OrgUnit
    start: date
    end: date
    as_of: datetime
    scheme: dict[str, Any]
    total: dict[str, dict[str, Any]]  # indicator code → value dict, for the whole region
    rows: list[dict[str, Any]]  # one per ranked unit, ordered by peer group then rank
    summoned: list[dict[str, Any]]  # the bottom-N units proposed for 约谈, lowest first
    repeated: list[dict[str, Any]]
    definitions: list[dict[str, Any]]

    def as_payload(self) -> dict[str, Any]:
        figures = {"*": self.total, **{row["code"]: row["indicators"] for row in self.rows}}
        return {
            "figures": figures,
            "ranking": self.rows,
            "summoned": self.summoned,
            "scheme": self.scheme,
            "repeated": self.repeated,
            "definitions": self.definitions,
            "units": {row["code"]: row["name"] for row in self.rows},
        }


def _peer_groups(unit_ids: Iterable[int], scope: QuerySet[OrgUnit]) -> dict[int, str]:
    """Each unit's peer group: the name of its first 执法领域 (by code); none → 其他.

    `scope` holds at least `unit_ids`, as a sub-query (a province's thousands of ids are not bound)."""
    groups: dict[int, str] = {}
    for unit_id, name in (
        OrgUnit.domains.through.objects.filter(orgunit_id__in=scope.values("pk"))
        .order_by("orgunit_id", "enforcementdomain__code")
        .values_list("orgunit_id", "enforcementdomain__name")
    ):
        groups.setdefault(unit_id, name)
    return {pk: groups.get(pk, OTHER_GROUP) for pk in unit_ids}


def _region_units(
    *, scope: QuerySet[OrgUnit], start: date, end: date, as_of: datetime | None, lag_days: int
) -> tuple[list[tuple[Any, ...]], dict[int, dict[str, Any]]]:
    """The units of a region sorted by path — (id, code, name, path, is a body, peer group or None,
    …) — and each unit's own measures (as unit_measures).

    A whole quarter or month without a cut-off, with the kept counts complete (the bulletin as
    issued), reads bulletin_reads.region_rows: one statement for every unit, plus the corrections
    (officers and items that do not count on the last day) and the review scores. Any other
    period takes unit_measures and _peer_groups. Tests keep the two paths equal.
    """
    bucket = _single_bucket(rules.split_period(start, end))
    rows = None
    if as_of is None and bucket is not None:
        rows = bulletin_reads.region_rows(scope=scope, on=end, bucket=bucket, lag_days=lag_days)
    if rows is None:
        subtree = list(scope.order_by().values_list("pk", "code", "name", "path", "is_enforcement_body"))
        groups = _peer_groups([u[0] for u in subtree if u[4]], scope.filter(is_enforcement_body=True))
        per_unit = unit_measures(
            units=[u[0] for u in subtree], start=start, end=end, as_of=as_of, lag_days=lag_days, scope=scope
        )
        units = [(*u, groups.get(u[0])) for u in subtree]
        units.sort(key=itemgetter(3))
        return units, per_unit
    officers, items = _not_counted_on_day(units={row[0] for row in rows}, on=end)
    named = _named_among(bucket, officers)
    cited = _cited_among(bucket, items)
    reviews = _review_sums(units=scope.values("pk"), start=start, end=end)
    no_review = (0, Decimal(0))
    per_unit = {}
    for row in rows:
        measures = dict(zip(bulletin_reads.ROW_MEASURES, row[6:-3], strict=True))
        pk = row[0]
        if pk in named:
            measures["officers_participating"] -= named[pk]
        if pk in cited:
            measures["power_items_exercised"] -= cited[pk]
        measures["reviews_count"], measures["reviews_score_sum"] = reviews.get(pk, no_review)
        per_unit[pk] = measures
    rows.sort(key=itemgetter(3))  # the rows themselves (peer group None → 其他 for the caller): no copies
    return rows, per_unit


def _subtree_measures(
    members: Sequence[tuple[Any, ...]], per_unit: dict[int, dict[str, Any]]
) -> dict[int, dict[str, Any]]:
    """The measures of each enforcement body with its whole subtree added (all measures are additive).

    `members` are the units as _region_units returns them, sorted by path: a unit's descendants are
    the run of paths right after its own that start with it. A unit without descendants (nearly
    every enforcement body) keeps its own measures, without a copy.
    """
    result: dict[int, dict[str, Any]] = {}
    count = len(members)
    for index, member in enumerate(members):
        if not member[4]:
            continue
        path = member[3]
        last = index + 1
        while last < count and members[last][3].startswith(path):
            last += 1
        own = per_unit[member[0]]
        result[member[0]] = own if last == index + 1 else sum_measures(per_unit[m[0]] for m in members[index:last])
    return result


def bulletin_data(
    *,
    unit: OrgUnit,
    start: date,
    end: date,
    as_of: datetime | None,
    scheme: AssessmentScheme,
    bottom_n: int,
    with_repeated: bool = True,
) -> BulletinData:
    """Figures, peer-group ranking and 约谈 list of the enforcement bodies under `unit` (one pass).

    Each enforcement body is measured with its whole subtree (its brigades and offices). Reads the
    kept counts once for every unit of the region (_region_units: for the quarter as issued, one
    statement); the ranking itself is rules.rank_units. The units are read as plain rows (id, code,
    name, path, is it ranked, peer group): no model instances for thousands of units, and the
    versioned definitions are read once for all of them.
    """
    cut_off = as_of or _now()
    definitions = indicator_definitions_on(day=end)
    scope = OrgUnit.objects.filter(path__startswith=unit.path)
    subtree, per_unit = _region_units(scope=scope, start=start, end=end, as_of=as_of, lag_days=_lag_days(definitions))
    # Each unit's indicators are turned at once into what the ranking and the rows need: plain
    # dicts of strings, numbers and Decimals, which the garbage collector does not track. Keeping
    # the IndicatorValue objects of 2,000 units until the rows are built (as before) made a full
    # collection of the whole heap run during nearly every bulletin (~60 ms of ~270 ms measured).
    values: dict[int, dict[str, Decimal | None]] = {}
    indicators: dict[int, dict[str, dict[str, Any]]] = {}
    for pk, own in _subtree_measures(subtree, per_unit).items():
        computed = rules.compute_indicators(definitions=definitions, measures=own)
        values[pk] = {v.code: v.value for v in computed}
        indicators[pk] = {v.code: v.as_dict() for v in computed}
    groups = {u[0]: u[5] or OTHER_GROUP for u in subtree if u[4]}
    ranking = rules.rank_units(rows=values, groups=groups, weights=scheme.weights)
    names = {u[0]: u for u in subtree}  # (id, code, name, …)
    rows = [
        {
            "code": names[r.unit_id][1],
            "name": names[r.unit_id][2],
            "group": r.peer_group,
            "score": str(r.score),
            "rank": r.rank,
            "group_size": r.group_size,
            "parts": {k: str(v) for k, v in r.parts.items()},
            "indicators": indicators[r.unit_id],
        }
        for r in ranking
    ]
    summoned = [
        {"code": names[r.unit_id][1], "name": names[r.unit_id][2], "group": r.peer_group, "score": str(r.score),
         "rank": r.rank, "group_size": r.group_size}
        for r in rules.bottom_units(ranking, bottom_n)
    ]  # fmt: skip
    total_measures = sum_measures(per_unit.values())
    total = {v.code: v.as_dict() for v in rules.compute_indicators(definitions=definitions, measures=total_measures)}
    repeated = [
        {"party_code": e.party_code, "inspections": e.inspections, "units": [names[u][2] for u in e.units]}
        for e in (
            repeated_inspections(units=[u[0] for u in subtree], start=start, end=end, limit=20) if with_repeated else []
        )
    ]
    return BulletinData(
        unit=unit,
        start=start,
        end=end,
        as_of=cut_off,
        scheme={"code": scheme.code, "version": scheme.version, "name": scheme.name, "weights": scheme.weights,
                "bottom_n": bottom_n, "source": scheme.source},
        total=total,
        rows=rows,
        summoned=summoned,
        repeated=repeated,
        definitions=[{"code": d.code, "version": d.version, "name": d.name, "source": d.source} for d in definitions],
    )  # fmt: skip


# --- alert conditions -----------------------------------------------------------------------------------------------

ALERT_NEAR_DAYS = 3
CERTIFICATE_WARNING_DAYS = 30
LATE_ENTRY_LOOKBACK_DAYS = 30


def alert_conditions(*, today: date) -> list[rules.AlertCondition]:
    """Every condition that should have an open alert today (see services.alerts_refresh).

    - a tracked deadline of a penalty case due within 3 days (near) or past (passed); the 公示
      deadline (publicity.*) past is "not published in time";
    - a valid certificate whose validity ends within 30 days (the key carries the end date, so a
      renewal clears the alert);
    - a record entered more than the configured days after it happened (last 30 days of entries).
    """
    conditions: list[rules.AlertCondition] = []
    horizon = today + timedelta(days=ALERT_NEAR_DAYS)
    case_type = ContentType.objects.get_for_model(PenaltyCase)
    deadlines = list(
        TrackedDeadline.objects.filter(
            target_type=case_type, status=TrackedDeadlineStatus.OPEN, due__lte=horizon
        ).values_list("pk", "target_id", "rule_code", "due")
    )
    cases = {
        case_id: (unit_id, label)
        for case_id, unit_id, label in PenaltyCase.objects.filter(
            pk__in=[int(target) for _pk, target, _rule, _due in deadlines]
        ).values_list("pk", "unit_id", "party_name")
    }
    for pk, target, rule_code, due in deadlines:
        if int(target) not in cases:
            continue
        unit_id, party = cases[int(target)]
        passed = due < today
        if rule_code.startswith("publicity.") and passed:
            kind, title = AlertKind.PUBLICATION_OVERDUE, f"{party}案处罚决定未按期公示（应于{due}前）"
        elif passed:
            kind, title = AlertKind.CASE_DEADLINE_PASSED, f"{party}案已超过期限（{rule_code}，{due}）"
        else:
            kind, title = AlertKind.CASE_DEADLINE_NEAR, f"{party}案期限即将届满（{rule_code}，{due}）"
        conditions.append(rules.AlertCondition(kind, f"deadline:{pk}:{kind}", unit_id, title, due))
    for pk, number, valid_to, unit_id, name in Certificate.objects.filter(
        status=CertificateStatus.VALID,
        valid_to__gte=today,
        valid_to__lte=today + timedelta(days=CERTIFICATE_WARNING_DAYS),
        officer__is_active=True,
    ).values_list("pk", "number", "valid_to", "officer__unit_id", "officer__person__name"):
        conditions.append(
            rules.AlertCondition(
                AlertKind.CERTIFICATE_EXPIRING,
                f"certificate:{pk}:{valid_to}",
                unit_id,
                f"{name}的执法证{number}将于{valid_to}到期",
                valid_to,
            )
        )
    lag_days = _lag_days(indicator_definitions_on(day=today))
    for pk, key, unit_id, occurred_on, entered_on in EnforcementRecord.objects.filter(
        entered_on__gte=today - timedelta(days=LATE_ENTRY_LOOKBACK_DAYS),
        entered_on__gt=F("occurred_on") + timedelta(days=lag_days),
    ).values_list("pk", "key", "unit_id", "occurred_on", "entered_on"):
        days = (entered_on - occurred_on).days
        conditions.append(
            rules.AlertCondition(
                AlertKind.RECORD_ENTERED_LATE,
                f"late:{pk}",
                unit_id,
                f"执法信息{key}于发生后{days}日才录入（应在{lag_days}日内）",
                None,
            )
        )
    return conditions
