"""Litigation counts for a period, as the reports count them (负责人出庭应诉率, 败诉率, direct lawsuits).

Counting conventions (RULES.md §4.17, Inferred):
- filed: first-instance cases filed (立案) in the period; direct: of those, not preceded by a reconsideration;
- concluded / lost / withdrawn / mediated / won: by the day the instance ended;
- hearings: cases with at least one hearing in the period (one appearance per instance suffices,
  出庭应诉规定 Art. 7); head_appeared: of those, the cases where the head appeared at one of them. A head
  absent without an excuse (or with an unproven one) counts as not appeared, like any other absence;
- unexcused_absence / nobody_appeared: of the hearing cases, those with a hearing in the period on which
  the court shall make a 司法建议 (出庭应诉规定 Art. 12(1)(1) / (3); rules.head_absence_findings).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from fazhi.litigation import rules
from fazhi.litigation.choices import Instance, Outcome
from fazhi.litigation.models import CourtHearing, LitigationCase
from fazhi.orgs.models import OrgUnit
from fazhi.reconsideration.rules.statistics import percent


@dataclass(frozen=True, slots=True)
class LitigationFigures:
    filed: int
    direct: int
    concluded: int
    won: int
    lost: int
    withdrawn: int
    mediated: int
    hearing_cases: int
    head_appeared_cases: int
    head_appearance_rate: Decimal | None  # 负责人出庭应诉率 (%)
    unexcused_absence_cases: int  # 负责人未出庭且无正当理由 (出庭应诉规定 Art. 12(1)(1))
    nobody_appeared_cases: int  # 负责人和相应的工作人员均未出庭 (Art. 12(1)(3))
    loss_rate: Decimal | None  # 败诉率 (%)

    def as_dict(self) -> dict[str, Any]:
        return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in asdict(self).items()}


def _cases(unit: OrgUnit | None, category: str | None) -> QuerySet[LitigationCase]:
    cases = LitigationCase.objects.all()
    if unit is not None:
        cases = cases.filter(defendants__unit__path__startswith=unit.path).distinct()
    if category:
        cases = cases.filter(category=category)
    return cases


def litigation_figures(
    *, start: date, end: date, unit: OrgUnit | None = None, category: str | None = None
) -> LitigationFigures:
    """Count the litigation of `unit`'s subtree (all units when None) for [start, end]."""
    cases = _cases(unit, category)
    filed = cases.filter(filed_on__range=(start, end), instance=Instance.FIRST)
    outcomes = Counter(cases.filter(concluded_on__range=(start, end)).values_list("outcome", flat=True))
    concluded = sum(outcomes.values())
    # Hearings up to the period's end, not only in it: an absence after the head already appeared in the
    # same instance is no breach (出庭应诉规定 Art. 7), so each case's earlier hearings count too.
    by_case: dict[int, list[CourtHearing]] = defaultdict(list)
    for hearing in CourtHearing.objects.filter(case__in=cases.values("pk"), held_on__lte=end).order_by(
        "case_id", "held_on", "pk"
    ):
        by_case[hearing.case_id].append(hearing)
    appeared: dict[int, bool] = {}
    flagged: dict[str, set[int]] = defaultdict(set)
    for case_id, hearings in by_case.items():
        for hearing, findings in zip(hearings, rules.instance_absence_findings(hearings), strict=True):
            if hearing.held_on < start:
                continue
            appeared[case_id] = appeared.get(case_id, False) or hearing.head_appeared
            for finding in findings:
                flagged[finding.summary].add(case_id)
    head_cases = sum(1 for value in appeared.values() if value)
    return LitigationFigures(
        filed=filed.count(),
        direct=filed.filter(after_reconsideration=False).count(),
        concluded=concluded,
        won=outcomes[Outcome.WON],
        lost=outcomes[Outcome.LOST],
        withdrawn=outcomes[Outcome.WITHDRAWN],
        mediated=outcomes[Outcome.MEDIATED],
        hearing_cases=len(appeared),
        head_appeared_cases=head_cases,
        head_appearance_rate=percent(head_cases, len(appeared)),
        unexcused_absence_cases=len(flagged[rules.UNEXCUSED_ABSENCE]),
        nobody_appeared_cases=len(flagged[rules.NOBODY_APPEARED]),
        loss_rate=percent(outcomes[Outcome.LOST], concluded),
    )
