"""Reconsideration statistics exactly as the reports count them, by period, respondent unit and category.

Counting conventions (RULES.md §3; TEDA 2024: 收到111, 受理83, 简易程序15, 已办结103 = 案前调解和解39 +
受理后审结64, 案中调解和解31; 滨海新区 2022: 审结377 … 纠错率10.88%, 调撤率31.56%):
- received: applications received (收到) in the period; accepted: accepted (incl. 视为受理) in it;
  not_accepted: 不予受理 decided in it; simplified: accepted in it under the simplified procedure
  (converted cases included); enterprise_related: received in it and 涉企;
- concluded = closed_before_acceptance (案前调解和解) + concluded_after_acceptance (受理后审结), by the
  day the case ended; in_case_mediation: of the latter, 调解书 or 和解 → 撤回 → 终止;
- corrections = 撤销 + 变更 + 确认违法 + 确认无效 + 责令履行; 纠错率 = corrections / 受理后审结;
- 调撤率 = (调解 + 终止) / 受理后审结; 复议首选率 = received / (received + direct lawsuits).
Rates are percentages rounded half-up to two decimals (rules.statistics.percent).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q

from fazhi.litigation.statistics import LitigationFigures, litigation_figures
from fazhi.orgs.models import OrgUnit
from fazhi.reconsideration.choices import CORRECTION_OUTCOMES, CaseStatus, Category, EventType, Outcome, Procedure
from fazhi.reconsideration.choices import TerminationGround as Ground
from fazhi.reconsideration.models import ReconsiderationCase
from fazhi.reconsideration.rules import statistics as formulas

FIELDS = ("pk", "respondent_id", "category", "enterprise_related", "procedure", "status", "outcome",
          "termination_ground", "received_on", "accepted_on", "refused_on", "concluded_on")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Figures:
    received: int = 0
    accepted: int = 0
    not_accepted: int = 0
    simplified: int = 0
    enterprise_related: int = 0
    concluded: int = 0
    closed_before_acceptance: int = 0
    concluded_after_acceptance: int = 0
    in_case_mediation: int = 0
    corrections: int = 0
    mediated_or_terminated: int = 0
    by_outcome: dict[str, int] = field(default_factory=dict)
    correction_rate: Decimal | None = None  # 纠错率 (%)
    mediation_withdrawal_rate: Decimal | None = None  # 调撤率 (%)

    def as_dict(self) -> dict[str, Any]:
        return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in asdict(self).items()}

    def outcome_rows(self) -> list[tuple[str, int]]:
        """(审结方式 in Chinese, count), in the order of `Outcome`; `by_outcome` keeps the codes for the API."""
        return [(str(Outcome(code).label), count) for code, count in self.by_outcome.items()]


@dataclass(frozen=True, slots=True)
class Breakdown:
    key: str
    label: str
    figures: Figures


@dataclass(frozen=True, slots=True)
class StatisticsReport:
    start: date
    end: date
    unit_code: str | None
    totals: Figures
    litigation: LitigationFigures
    first_choice_rate: Decimal | None  # 复议首选率 (%)
    by_unit: list[Breakdown]
    by_category: list[Breakdown]

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": {"start": self.start.isoformat(), "end": self.end.isoformat()},
            "unit": self.unit_code,
            "reconsideration": self.totals.as_dict(),
            "litigation": self.litigation.as_dict(),
            "first_choice_rate": str(self.first_choice_rate) if self.first_choice_rate is not None else None,
            "by_unit": [{"code": b.key, "name": b.label, **b.figures.as_dict()} for b in self.by_unit],
            "by_category": [{"code": b.key, "name": b.label, **b.figures.as_dict()} for b in self.by_category],
        }


def _within(day: date | None, start: date, end: date) -> bool:
    return day is not None and start <= day <= end


def figures_from_rows(rows: list[dict[str, Any]], *, start: date, end: date, converted: set[int]) -> Figures:
    """Count one group of case rows (values() dicts) for the period; pure, so breakdowns reuse it."""
    received = accepted = not_accepted = simplified = enterprise = before = in_case = 0
    outcomes: Counter[str] = Counter()
    for row in rows:
        if _within(row["received_on"], start, end):
            received += 1
            enterprise += int(row["enterprise_related"])
        if _within(row["accepted_on"], start, end):
            accepted += 1
            simplified += int(row["procedure"] == Procedure.SIMPLIFIED or row["pk"] in converted)
        if _within(row["refused_on"], start, end):
            not_accepted += 1
        if not _within(row["concluded_on"], start, end):
            continue
        if row["status"] == CaseStatus.CLOSED_BEFORE_ACCEPTANCE:
            before += 1
        elif row["status"] == CaseStatus.CONCLUDED:
            outcomes[row["outcome"]] += 1
            in_case += int(row["outcome"] == Outcome.MEDIATED or (
                row["outcome"] == Outcome.TERMINATED and row["termination_ground"] == Ground.SETTLEMENT))  # fmt: skip
    after = sum(outcomes.values())
    corrections = sum(outcomes[o] for o in CORRECTION_OUTCOMES)
    mediated_or_terminated = outcomes[Outcome.MEDIATED] + outcomes[Outcome.TERMINATED]
    return Figures(
        received=received, accepted=accepted, not_accepted=not_accepted, simplified=simplified,
        enterprise_related=enterprise, concluded=before + after, closed_before_acceptance=before,
        concluded_after_acceptance=after, in_case_mediation=in_case, corrections=corrections,
        mediated_or_terminated=mediated_or_terminated,
        by_outcome={o.value: outcomes[o.value] for o in Outcome if outcomes[o.value]},
        correction_rate=formulas.correction_rate(corrections=corrections, concluded=after),
        mediation_withdrawal_rate=formulas.mediation_withdrawal_rate(
            mediated_or_terminated=mediated_or_terminated, concluded=after
        ),
    )  # fmt: skip


def reconsideration_statistics(
    *, start: date, end: date, unit: OrgUnit | None = None, category: str | None = None
) -> StatisticsReport:
    """The figures for [start, end] of the respondent units under `unit` (all when None).

    Unscoped: callers pass a unit the user may see (the API/web check it; the CLI is an operator tool).
    """
    in_period = (
        Q(received_on__range=(start, end)) | Q(accepted_on__range=(start, end))
        | Q(refused_on__range=(start, end)) | Q(concluded_on__range=(start, end))
    )  # fmt: skip
    cases = ReconsiderationCase.objects.filter(in_period)
    if unit is not None:
        cases = cases.filter(respondent__path__startswith=unit.path)
    if category:
        cases = cases.filter(category=category)
    rows = list(cases.values(*FIELDS))
    converted = set(cases.filter(events__type=EventType.CONVERTED).values_list("pk", flat=True))
    totals = figures_from_rows(rows, start=start, end=end, converted=converted)
    by_unit: dict[int, list[dict[str, Any]]] = {}
    by_category: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_unit.setdefault(row["respondent_id"], []).append(row)
        by_category.setdefault(row["category"], []).append(row)
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=by_unit)}
    litigation = litigation_figures(start=start, end=end, unit=unit, category=category)
    return StatisticsReport(
        start=start,
        end=end,
        unit_code=unit.code if unit else None,
        totals=totals,
        litigation=litigation,
        first_choice_rate=formulas.first_choice_rate(
            reconsideration_cases=totals.received, direct_lawsuits=litigation.direct
        ),
        by_unit=sorted(
            (
                Breakdown(
                    units[pk].code, units[pk].name, figures_from_rows(r, start=start, end=end, converted=converted)
                )
                for pk, r in by_unit.items()
            ),
            key=lambda b: b.key,
        ),
        by_category=[
            Breakdown(
                c.value,
                str(c.label),
                figures_from_rows(by_category[c.value], start=start, end=end, converted=converted),
            )
            for c in Category
            if c.value in by_category
        ],
    )


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)
