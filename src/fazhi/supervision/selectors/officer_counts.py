"""Officers: who is 持证在岗 on a day (执法人员总数) and who took part in enforcement in a period.

certified_officers and participating_officers list the officers (the drill-downs read them);
_officer_counts counts them per unit for unit_measures — from the orgs duty spans for a whole
quarter or month (_officer_counts_from_spans), from the certificates otherwise. The definitions are
the same on every path; tests keep the paths equal. Reads orgs models read-only (see the package
docstring). The largest family of the measures, hence its own module.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime

from django.db.models import Count, Exists, F, OuterRef, Q, Sum, Value

from fazhi.orgs.choices import CertificateEventKind, CertificateStatus
from fazhi.orgs.models import Certificate, CertificateEvent, Officer, OfficerDutySpan, UnitDutySpan
from fazhi.orgs.rules import certificate_status_on
from fazhi.supervision import rules
from fazhi.supervision.models import OfficerRollup, RecordOfficer, UnitActivityRollup
from fazhi.supervision.selectors.buckets import (
    UnitIds,
    _bucket_q,
    _count_joined_with_rollup,
    _days_q,
    _late_only,
    _single_bucket,
)


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


def participating_officers(
    *, units: Sequence[int], start: date, end: date, as_of_day: date | None, as_of: datetime | None = None
) -> set[int]:
    """Officers of `units` named on at least one record of [start, end] known by the cut-off (`as_of`, or
    the older day cut-off `as_of_day` on the 录入日期)."""
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
    ids -= _late_only(
        model=RecordOfficer, column="officer_id", ids_filter={"officer_unit_id__in": units},
        start=start, end=end, as_of=as_of, as_of_day=as_of_day,
    )  # fmt: skip
    return ids


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
