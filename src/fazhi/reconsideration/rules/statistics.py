"""How the published reconsideration figures are computed from counts (pure arithmetic).

Definitions reproduce the reports (RULES.md §3, Inferred from 滨海新区 2022: 审结377, 撤销12 +
确认违法23 + 责令履职6 → 纠错率10.88%; 终止119 → 调撤率31.56%; TEDA 2024 for 案前/案中调解和解).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def percent(numerator: int, denominator: int) -> Decimal | None:
    """Return numerator / denominator as a percentage rounded half-up to two decimals; None for 0/0.

    Legal basis: none (a reporting convention). Interpretation: the reports print rates with two
    decimals ("10.88%"); half-up rounding reproduces every published figure (RULES.md §3, §10).
    """
    if denominator <= 0:
        return None
    return (Decimal(numerator) * HUNDRED / Decimal(denominator)).quantize(CENT, rounding=ROUND_HALF_UP)


def correction_rate(*, corrections: int, concluded: int) -> Decimal | None:
    """纠错率 = (撤销 + 变更 + 确认违法 + 确认无效 + 责令履行) / 受理后审结.

    Legal basis: none (indicator). Interpretation: RULES.md §3 "纠错率 = (12+23+6)/377 = 10.88%";
    the denominator is every case concluded after acceptance, 终止 included.
    """
    return percent(corrections, concluded)


def mediation_withdrawal_rate(*, mediated_or_terminated: int, concluded: int) -> Decimal | None:
    """调撤率 = (调解 + 终止) / 受理后审结.

    Legal basis: none (indicator). Interpretation: RULES.md §3 "调撤率 = 终止/审结 = 119/377 = 31.56%";
    the reports count every 终止 (mostly 和解撤回) with the 调解书 cases.
    """
    return percent(mediated_or_terminated, concluded)


def first_choice_rate(*, reconsideration_cases: int, direct_lawsuits: int) -> Decimal | None:
    """复议首选率 = 复议案件 / (复议案件 + 未经复议直接起诉的行政诉讼案件).

    Legal basis: none (indicator). Interpretation: 复议案件 counts applications received in the period;
    direct lawsuits are first-instance cases filed in the period without a preceding reconsideration.
    """
    return percent(reconsideration_cases, reconsideration_cases + direct_lawsuits)
