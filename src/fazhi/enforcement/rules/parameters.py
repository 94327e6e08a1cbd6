"""Statutory parameters of the enforcement rules, and the value objects of the configurable ones.

行政处罚法 leaves several values to sector and local rules ("法律、法规、规章另有规定的，从其规定").
Those are DATA, not code: the 较大数额 hearing thresholds are `PenaltyThresholdVersion` rows and
the sector decision periods are `SectorDecisionRule` rows pointing at core.deadlines rules, both
shipped with their citations by migration 0003_configuration_data, versioned by date and edited
in the admin through the audited services. `HearingThreshold` below is the pure value the
selector hands to rules.hearing_right. The constants here are fixed by the law itself (Yes (P) in
RULES.md). Pure: no ORM, no settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

# Key used when a unit's enforcement domain has no row of its own.
DEFAULT_SECTOR = "*"


@dataclass(frozen=True, slots=True)
class HearingThreshold:
    """The 较大数额 of 行政处罚法 Art. 63(1)(一)(二) for one sector: at or above it, a hearing right applies."""

    sector: str  # an EnforcementDomain code, or DEFAULT_SECTOR
    person_min: Decimal  # 公民
    organisation_min: Decimal  # 法人或者其他组织
    legal_basis: str
    confirmed: bool
    effective_from: date
    note: str = ""


STATUTORY_DECISION_RULE = "penalty.decision"


@dataclass(frozen=True, slots=True)
class SimplifiedLimits:
    """The fine ceilings of the simplified (当场) procedure (行政处罚法 Art. 51)."""

    person_max: Decimal = Decimal("200")
    organisation_max: Decimal = Decimal("3000")
    legal_basis: str = "《中华人民共和国行政处罚法》第五十一条"


STATUTORY_SIMPLIFIED_LIMITS = SimplifiedLimits()

# 加处罚款 (行政处罚法 Art. 72(1)(一)): 3% of the fine per day, never more than the fine.
SURCHARGE_DAILY_RATE = Decimal("0.03")

# 行政处罚法 Art. 36.
LIMITATION_YEARS = 2
LIMITATION_YEARS_EXTENDED = 5

# 当场收缴 (行政处罚法 Art. 68(一)): a fine of at most this amount may be collected on the spot.
CASH_SMALL_FINE_MAX = Decimal("100")
