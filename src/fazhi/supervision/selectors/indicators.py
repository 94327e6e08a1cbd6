"""The indicator report of a unit and its subtree: the measures turned into indicator values.

indicator_report is what the dashboard, the API, snapshots and `fazhi indicators` read;
report_figures is the shape a snapshot stores. Separate from measures: here the versioned
definitions meet the counts (rules.compute_indicators).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from fazhi.orgs.models import OrgUnit
from fazhi.supervision import rules
from fazhi.supervision.selectors.definitions import _lag_days, indicator_definitions_on
from fazhi.supervision.selectors.measures import sum_measures, unit_measures


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
    # The unit's own figures (本级: its own staff, items and records, without the units beneath it),
    # with `breakdown`; listed in `rows` only when it has any (a region has none of its own).
    own: UnitIndicators | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "unit": {"code": self.unit.code, "name": self.unit.name},
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "as_of": self.as_of.isoformat(),
            "total": self.total.as_dict(),
            "units": [row.as_dict() for row in self.rows],
            "definitions": [
                {"code": d.code, "version": d.version, "name": d.name, "source": d.source, "explanation": d.explanation}
                for d in self.definitions
            ],
        }


def _now() -> datetime:
    return timezone.now()


def _local_day(moment: datetime | None) -> date | None:
    return timezone.localtime(moment).date() if moment is not None else None


def indicator_report(
    *, unit: OrgUnit, start: date, end: date, as_of: datetime | None = None, breakdown: bool = True
) -> IndicatorReport:
    """Indicators of `unit` (its whole subtree) and, with `breakdown`, of each unit beneath it.

    `as_of` None means "now": everything recorded so far. The caller has scoped `unit`.
    """
    # reversed or out-of-range periods, a cut-off before the start: the Chinese error, before any read.
    # (A period ending after today is refused where one is asked for — page, API, command, snapshot —
    # not here: services and reports may compute a year in progress.)
    rules.require_period(start, end, as_of_day=_local_day(as_of))
    rules.require_cut_off_not_future(as_of, now=_now())
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
    own = None
    if breakdown:
        for member in subtree:
            measures = per_unit[member.pk]
            if member.pk == unit.pk:
                # The unit's own row beside its total: only when it has figures of its own. A
                # region (青禾区) has no staff, items or records of its own; its row read all zeros
                # beside 青禾区（合计）.
                own = UnitIndicators(
                    member, measures, rules.compute_indicators(definitions=definitions, measures=measures)
                )
                if any(measures.values()):
                    rows.append(own)
            elif member.is_enforcement_body or measures["officers_total"] or measures["records_total"]:
                rows.append(
                    UnitIndicators(
                        member, measures, rules.compute_indicators(definitions=definitions, measures=measures)
                    )
                )
    return IndicatorReport(unit, start, end, cut_off, total, rows, definitions, own)


def report_figures(report: IndicatorReport) -> dict[str, dict[str, dict[str, Any]]]:
    """{unit code: {indicator code: {"value", "name", …}}} of a report, as snapshots store them."""
    figures = {"*": {v.code: v.as_dict() for v in report.total.values}}
    for row in report.rows:
        figures[row.unit.code] = {v.code: v.as_dict() for v in row.values}
    return figures
