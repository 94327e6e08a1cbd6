"""Configurable statutory parameters of the enforcement rules, as data with their citations.

行政处罚法 leaves several values to sector and local rules ("法律、法规、规章另有规定的，从其规定").
They live here as versioned rows (effective_from, legal_basis, confirmed), not as literals in the
rule functions. `confirmed=False` marks a configurable default that RULES.md could not verify; the
UI shows such values with a warning. Deployments override or extend the tables through the
setting FAZHI_PENALTY_HEARING_THRESHOLDS (see selectors.hearing_threshold_for_unit).
Pure data: no ORM, no settings.
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


HEARING_THRESHOLDS: tuple[HearingThreshold, ...] = (
    HearingThreshold(
        sector=DEFAULT_SECTOR,
        person_min=Decimal("2000"),
        organisation_min=Decimal("10000"),
        legal_basis="《中华人民共和国行政处罚法》第六十三条第一款第一项（“较大数额”由部门、地方规定）",
        confirmed=False,
        effective_from=date(2021, 7, 15),
        note="可配置的默认值：天津市的较大数额标准未能核实（RULES.md §1.20、§14 第3项），暂取公安机关标准。",
    ),
    HearingThreshold(
        sector="GA",
        person_min=Decimal("2000"),
        organisation_min=Decimal("10000"),
        legal_basis="《公安机关办理行政案件程序规定》第一百二十三条",
        confirmed=True,
        effective_from=date(2019, 1, 1),
        note="违反边防出入境管理法律、法规和规章的个人为六千元以上（未单独配置）。",
    ),
    HearingThreshold(
        sector="SCJG",
        person_min=Decimal("10000"),
        organisation_min=Decimal("100000"),
        legal_basis="《市场监督管理行政处罚听证办法》第五条（条文未核实）",
        confirmed=False,
        effective_from=date(2021, 7, 15),
        note="可配置的默认值；地方另有规定的从其规定。",
    ),
)


@dataclass(frozen=True, slots=True)
class DecisionPeriodRule:
    """Which deadline rule (a core.deadlines rule code) governs the decision period in a sector.

    The sector rows are installed into the deadline engine on demand by
    services.sector_decision_rules_install(); until then the sector falls back to penalty.decision
    (行政处罚法 Art. 60, shipped by core.deadlines).
    """

    sector: str
    rule_code: str
    name_zh: str
    count: int  # calendar days
    effective_from: date
    legal_basis: str
    quoted_text: str
    max_extension: int
    extension_basis: str
    confirmed: bool


STATUTORY_DECISION_RULE = "penalty.decision"

DECISION_PERIOD_RULES: tuple[DecisionPeriodRule, ...] = (
    DecisionPeriodRule(
        sector="SCJG",
        rule_code="penalty.decision.market",
        name_zh="行政处罚决定期限（市场监管）",
        count=90,
        effective_from=date(2021, 7, 15),
        legal_basis="《市场监督管理行政处罚程序规定》第六十四条（条文序号未核实）",
        quoted_text="适用普通程序办理的案件应当自立案之日起九十日内作出处理决定。"
        "因案情复杂或者其他原因，不能在规定期限内作出处理决定的，经市场监督管理部门负责人批准，可以延长三十日。",
        max_extension=30,
        extension_basis="经市场监督管理部门负责人批准，可以延长三十日",
        confirmed=False,
    ),
    DecisionPeriodRule(
        sector="GA",
        rule_code="penalty.decision.public_security",
        name_zh="治安案件办理期限（公安）",
        count=30,
        effective_from=date(2019, 1, 1),
        legal_basis="《公安机关办理行政案件程序规定》第一百六十五条（条文序号未核实）",
        quoted_text="公安机关办理治安案件的期限，自受理之日起不得超过三十日；案情重大、复杂的，经上一级公安机关批准，"
        "可以延长三十日。",
        max_extension=30,
        extension_basis="经上一级公安机关批准，可以延长三十日",
        confirmed=False,
    ),
)


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
