"""Plan rules: quotas per credit-risk class, limits, exclusions, publicity. Pure functions.

Legal basis: 国办发〔2015〕58号 ("合理确定随机抽查的比例和频次 … 对投诉举报多、列入经营异常名录或有严重违法
违规记录等情况的市场主体，要加大随机抽查力度"); 国市监信发〔2022〕6号 (信用风险分类 A/B/C/D 与双随机抽查
比例和频次挂钩) — RULES.md §8.3, §8.7.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.errors import DomainError
from fazhi.spotchecks.choices import TaskStatus
from fazhi.spotchecks.rules.draw import MIN_TEAM_SIZE, RISK_CLASSES, DrawInputError, Quota, require_valid_quotas

# Interpretation: higher risk, higher ratio (A low … D high). Local values are not confirmed
# (RULES.md §8.7 "specific ratios per class: local"); a district overrides them with the setting
# FAZHI_SPOTCHECK_DEFAULT_QUOTAS, e.g. "A:3%,B:5%,C:10%,D:20%".
DEFAULT_QUOTAS: dict[str, Quota] = {
    "A": Quota("ratio", 300),
    "B": Quota("ratio", 500),
    "C": Quota("ratio", 1000),
    "D": Quota("ratio", 2000),
}

EXCLUSION_RECENT = "近期已检查"
EXCLUSION_FREQUENCY = "已达年度抽查次数上限"
PUBLICITY_RULE_CODE = "publicity.other"  # 20 working days (RULES.md §8.6)


def parse_quota(text: str, *, risk_class: str) -> Quota:
    """Parse "5%" / "5.5%" (a ratio) or "30" (a count) into a Quota; refuse ratios outside 0–100%."""
    value = (text or "").strip().replace("％", "%")
    try:
        if value.endswith("%"):
            percent = Decimal(value[:-1].strip())
            basis_points = int((percent * 100).to_integral_value(rounding=ROUND_HALF_UP))
            quota = Quota("ratio", basis_points)
        else:
            quota = Quota("count", int(value))
    except (InvalidOperation, ValueError):
        raise DomainError(
            f"{risk_class}类抽查比例/数量“{text}”无法识别：比例写作“5%”，数量写作整数。",
            code="spotcheck.quota_invalid",
            fields={f"quota_{risk_class}": ["格式错误。"]},
        ) from None
    require_quotas({risk_class: quota})
    return quota


def require_quotas(quotas: dict[str, Quota]) -> None:
    """Ratios within 0–100%, counts not negative, known classes; as a DomainError."""
    try:
        require_valid_quotas(quotas)
    except DrawInputError as exc:
        field = f"quota_{exc.details.get('class', '')}".rstrip("_")
        raise DomainError(exc.message, code=exc.code, fields={field: [exc.message]}) from exc


def quota_label(quota: Quota) -> str:
    if quota.mode == "ratio":
        return f"{Decimal(quota.value) / 100:g}%"
    return f"{quota.value}户"


def quotas_to_json(quotas: dict[str, Quota]) -> dict[str, dict[str, Any]]:
    return {c: {"mode": q.mode, "value": q.value} for c, q in sorted(quotas.items())}


def quotas_from_json(data: dict[str, Any]) -> dict[str, Quota]:
    return {c: Quota(str(q["mode"]), int(q["value"])) for c, q in data.items()}


def parse_default_quotas(text: str) -> dict[str, Quota]:
    """Parse the setting "A:3%,B:5%,C:10%,D:20%" (missing classes keep the shipped default)."""
    quotas = dict(DEFAULT_QUOTAS)
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        risk_class, _, value = part.partition(":")
        quotas[risk_class.strip().upper()] = parse_quota(value, risk_class=risk_class.strip().upper())
    return quotas


def require_plan_period(*, start: date, end: date) -> None:
    if end < start:
        raise DomainError(
            "检查期间止不能早于检查期间起。", code="spotcheck.period_invalid", fields={"period_end": ["日期错误。"]}
        )


def team_size_error(team_size: int) -> str | None:
    """Why a department's number of inspectors per entity is too small (None when it is enough).

    Legal basis: 《中华人民共和国行政处罚法》第四十二条 — an enforcement act is carried out by at least two
    officers holding enforcement credentials; RULES.md §8.4 applies it to every 双随机 check (≥ 2
    inspectors per check, as local rules and 行政强制法第十八条 also require).
    """
    if team_size >= MIN_TEAM_SIZE:
        return None
    return (
        f"每户检查人员不得少于{MIN_TEAM_SIZE}名（行政检查应由两名以上持证执法人员进行，"
        "《中华人民共和国行政处罚法》第四十二条）。"
    )


def require_task_date_in_period(*, occurred_on: date, period_start: date, period_end: date) -> None:
    """Refuse a task's check date outside its plan's published check period.

    Legal basis: 《国务院办公厅关于推广随机抽查规范事中事后监管的通知》（国办发〔2015〕58号） — checks are
    carried out under the published 抽查计划, whose period the plan states.
    Interpretation: a check done before or after the period is not a check under that plan.
    """
    if not period_start <= occurred_on <= period_end:
        raise DomainError(
            f"检查日期{format_date_zh(occurred_on)}不在抽查计划的检查期间内"
            f"（{format_date_zh(period_start)}至{format_date_zh(period_end)}）。",
            code="spotcheck.task_date_outside_period",
            fields={"occurred_on": ["不在检查期间内。"]},
        )


def require_check_items(*, departments: list[str], items_by_department: dict[str, int]) -> None:
    """Every department of the plan brings at least one check item with a legal basis.

    Legal basis: 国办发〔2015〕58号 "法律法规规章没有规定的，一律不得擅自开展检查" (法无授权不可为; RULES.md §8.2).
    """
    if not departments:
        raise DomainError(
            "抽查计划至少需要一个检查部门。", code="spotcheck.no_department", fields={"departments": ["必填。"]}
        )
    missing = [code for code in departments if not items_by_department.get(code)]
    if missing:
        raise DomainError(
            f"抽查计划没有具有法定依据的抽查事项（部门：{'、'.join(missing)}）：没有检查依据的事项不得抽查。",
            code="spotcheck.no_legal_basis_items",
            fields={"check_items": ["每个部门至少选择一项有检查依据的检查事项。"]},
        )


@dataclass(frozen=True, slots=True)
class ScopeFilter:
    area_prefix: str = ""
    industry_prefixes: tuple[str, ...] = ()
    tag: str = ""


def parse_industry_prefixes(text: str) -> tuple[str, ...]:
    parts = [p.strip().upper() for p in (text or "").replace("，", ",").split(",")]
    return tuple(sorted({p for p in parts if p}))


def effective_risk_class(*, risk_class: str, abnormal: bool, abnormal_as_highest: bool) -> str:
    """The class an entity is sampled in: 经营异常名录 entities are sampled as D when the plan says so."""
    return RISK_CLASSES[-1] if abnormal and abnormal_as_highest else risk_class


def exclusion_reason(
    *,
    last_inspected_on: date | None,
    checks_this_year: int,
    today: date,
    exclude_inspected_days: int,
    max_checks_per_year: int,
) -> str:
    """Why an entity may not be drawn now ("" when it may).

    Interpretation: "inspected in the last N days" counts any inspection by the plan's departments
    (not only spot checks); the yearly cap counts spot-check tasks of one department (0 = no cap).
    """
    if (
        exclude_inspected_days
        and last_inspected_on
        and last_inspected_on > today - timedelta(days=exclude_inspected_days)
    ):
        return EXCLUSION_RECENT
    if max_checks_per_year and checks_this_year >= max_checks_per_year:
        return EXCLUSION_FREQUENCY
    return ""


def task_is_public(*, status: str) -> bool:
    """Whether the public may see a drawn task's entity and its result (only once the result is published).

    Legal basis: 国办发〔2015〕58号 — "抽查情况及查处结果及时向社会公开" (RULES.md §8.1); 抽查结果 are
    published within 20 working days of the check's end / the result's forming (§8.6; 国发〔2019〕5号,
    企业信息公示暂行条例 Arts. 6–7). What the law makes public is the result of a finished check.

    Interpretation: before that, the public sees the plan (scope, period, check items, ratios), how
    many entities were drawn out of how many, and the draw's commitment (input hash, seed hash, then
    the seed and the result hash, algorithm version), so the fairness of the draw can be checked;
    not which entities were drawn nor who inspects them, which would warn the targets before the
    visit. After publication an entity is named with its department, date and outcome; the drawn
    inspectors are never named in public, and the 企业信用风险分类 (A–D, §8.7, 国市监信发〔2022〕6号)
    is the regulators' internal basis for allocating checks and is never published.
    """
    return status == TaskStatus.PUBLISHED


def ratio_percent(numerator: int, denominator: int) -> Decimal | None:
    """A rate in percent with 2 decimals, half-up (RULES.md §10 convention); None when undefined."""
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def is_individual_business(credit_code: str) -> bool:
    """个体工商户 (登记管理部门 9 工商, 机构类别 2): its name and address may be a natural person's data."""
    return credit_code[:2] == "92"
