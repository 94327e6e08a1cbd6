"""The quarterly bulletin's data: each enforcement body's indicators, peer-group ranking and 约谈 list.

Reads a whole region at once: bulletin_reads.region_rows for the bulletin as issued (one
statement) with the small corrections (_not_counted_on_day, the review scores), unit_measures for
any other period; rules.rank_units ranks. Separate from indicators: it measures thousands of units
as plain rows, not one subtree as model instances.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from operator import itemgetter
from typing import Any

from django.db.models import QuerySet, Value

from fazhi.orgs.models import OfficerDutySpan, OrgUnit
from fazhi.powers.models import PowerItem
from fazhi.supervision import rules
from fazhi.supervision.choices import MissingIndicatorPolicy
from fazhi.supervision.models import AssessmentScheme
from fazhi.supervision.selectors import bulletin_reads
from fazhi.supervision.selectors.buckets import _single_bucket
from fazhi.supervision.selectors.definitions import _lag_days, indicator_definitions_on
from fazhi.supervision.selectors.drilldowns import repeated_inspection_count, repeated_inspections
from fazhi.supervision.selectors.indicators import _now
from fazhi.supervision.selectors.item_counts import _cited_among, _not_in_force_on
from fazhi.supervision.selectors.measures import _review_sums, not_yet_due, owed_cutoff, sum_measures, unit_measures
from fazhi.supervision.selectors.officer_counts import _named_among, _not_counted_on

OTHER_GROUP = "其他"
REPEATED_LISTED = 20  # 综合查一次 candidates kept in a bulletin; the count covers them all


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
    repeated: list[dict[str, Any]]  # the first REPEATED_LISTED entities, most departments first
    definitions: list[dict[str, Any]]
    repeated_total: int = 0  # every entity inspected by two or more departments, listed or not
    # enforcement bodies with no value for any indicator of the scheme: listed, not ranked
    not_ranked: list[dict[str, Any]] = field(default_factory=list)

    def as_payload(self) -> dict[str, Any]:
        measured = [*self.rows, *self.not_ranked]
        return {
            "figures": {"*": self.total, **{row["code"]: row["indicators"] for row in measured}},
            "ranking": self.rows,
            "not_ranked": self.not_ranked,
            "summoned": self.summoned,
            "scheme": self.scheme,
            "repeated": self.repeated,
            "repeated_total": self.repeated_total,
            "definitions": self.definitions,
            "units": {row["code"]: row["name"] for row in measured},
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
    owed_later = not_yet_due(
        units=scope.values("pk"), start=start, end=end, cutoff=owed_cutoff(end=end, as_of_day=None)
    )
    per_unit = {}
    for row in rows:
        measures = dict(zip(bulletin_reads.ROW_MEASURES, row[6:-3], strict=True))
        pk = row[0]
        if pk in named:
            measures["officers_participating"] -= named[pk]
        if pk in cited:
            measures["power_items_exercised"] -= cited[pk]
        if pk in owed_later:
            owed, published = owed_later[pk]
            measures["publications_due"] -= owed
            measures["publications_by_due"] -= published
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
    policy = scheme.missing_indicator_policy
    ranking = rules.rank_units(rows=values, groups=groups, weights=scheme.weights, missing=policy)
    names = {u[0]: u for u in subtree}  # (id, code, name, …)
    rows = [
        {
            "code": names[r.unit_id][1],
            "name": names[r.unit_id][2],
            "group": r.peer_group,
            "score": str(r.score),
            "rank": r.rank,
            "group_size": r.group_size,
            # every scored column, so the total can be redone: points per indicator (None = 不适用),
            # their sum and the weights it is prorated over
            "parts": {k: None if v is None else str(v) for k, v in r.parts.items()},
            "points": str(r.points),
            "applicable_weight": str(r.applicable_weight),
            "indicators": indicators[r.unit_id],
        }
        for r in ranking
    ]
    unranked = rules.not_ranked_units(rows=values, weights=scheme.weights)
    not_ranked = [
        {"code": u[1], "name": u[2], "group": groups[u[0]], "reason": unranked[u[0]], "indicators": indicators[u[0]]}
        for u in subtree
        if u[0] in unranked
    ]
    overall = rules.overall_ranks(ranking)
    summoned = [
        {"code": names[r.unit_id][1], "name": names[r.unit_id][2], "group": r.peer_group, "score": str(r.score),
         "rank": r.rank, "group_size": r.group_size, "overall_rank": overall[r.unit_id], "ranked": len(ranking)}
        for r in rules.bottom_units(ranking, bottom_n)
    ]  # fmt: skip
    total_measures = sum_measures(per_unit.values())
    total = {v.code: v.as_dict() for v in rules.compute_indicators(definitions=definitions, measures=total_measures)}
    subtree_ids = [u[0] for u in subtree]
    repeated = [
        {
            "party_code": e.party_code,
            "inspections": e.inspections,
            "visits": e.visits,
            "units": [names[u][2] for u in e.units],
        }
        for e in (
            repeated_inspections(units=subtree_ids, start=start, end=end, limit=REPEATED_LISTED)
            if with_repeated
            else []
        )
    ]
    # The listed rows are capped: the 通报 must still say how many entities there were in all.
    repeated_total = (
        repeated_inspection_count(units=subtree_ids, start=start, end=end)
        if len(repeated) == REPEATED_LISTED
        else len(repeated)
    )
    return BulletinData(
        unit=unit,
        start=start,
        end=end,
        as_of=cut_off,
        scheme={"code": scheme.code, "version": scheme.version, "name": scheme.name, "weights": scheme.weights,
                "bottom_n": bottom_n, "source": scheme.source, "bulletin_basis": scheme.bulletin_basis,
                "missing_indicator_policy": policy,
                "missing_indicator_policy_label": str(MissingIndicatorPolicy(policy).label)},
        total=total,
        rows=rows,
        summoned=summoned,
        repeated=repeated,
        repeated_total=repeated_total,
        not_ranked=not_ranked,
        definitions=[
            {"code": d.code, "version": d.version, "name": d.name, "source": d.source, "explanation": d.explanation}
            for d in definitions
        ],
    )  # fmt: skip
