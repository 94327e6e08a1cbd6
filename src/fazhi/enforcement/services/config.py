"""Configuration data of the enforcement rules: 较大数额 thresholds and sector decision-period rules.

Both are versioned rows (effective_from/effective_to, citation, confirmed) shipped by migration
0003_configuration_data and edited in the admin, whose forms call these services so every change
writes its audit row. Versions of one key may not overlap; to change a value from a date, close
the old row (effective_to) and add a new one.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.deadlines import services as deadline_services
from fazhi.core.deadlines.choices import PeriodUnit
from fazhi.core.deadlines.rules import versions_overlap
from fazhi.core.deadlines.selectors import deadline_rule_names
from fazhi.core.errors import Conflict
from fazhi.enforcement.choices import PartyKind
from fazhi.enforcement.models import PenaltyThresholdVersion, SectorDecisionRule
from fazhi.enforcement.rules.common import DATE_ORDER, REQUIRED, VALID_CHOICE, refuse_check, refuse_check_now
from fazhi.enforcement.services._common import full_clean, jsonable

THRESHOLD_FIELDS = [
    "sector",
    "party_kind",
    "amount",
    "effective_from",
    "effective_to",
    "legal_basis",
    "confirmed",
    "note",
]
SECTOR_RULE_FIELDS = ["sector", "rule_code", "effective_from", "effective_to", "legal_basis", "confirmed", "note"]


# The configuration rows carry values the law leaves to other rules (RULES.md §0: versioned, with their
# citation); the checks below keep those rows consistent, and name the article each row serves.
THRESHOLD_ARTICLE = "第六十三条第一款第一项、第二项"  # 较大数额
DECISION_PERIOD_ARTICLE = "第六十条"  # 法律、法规、规章另有规定的，从其规定


def _require_basis(legal_basis: str, article: str) -> str:
    value = (legal_basis or "").strip()
    if not value:
        raise refuse_check(
            "必须填写依据",
            code="config.basis_required",
            rule="配置参数应当注明出处",
            article=article,
            fields={"legal_basis": ["必填。"]},
        )
    return value


def _require_range(effective_from: date, effective_to: date | None, article: str) -> None:
    if effective_to is not None and effective_to < effective_from:
        raise refuse_check(
            "失效日期不能早于生效日期",
            code="config.bad_range",
            rule=DATE_ORDER,
            article=article,
            fields={"effective_to": ["日期错误。"]},
        )


def _refuse_overlap(kind: str, other_from: date, article: str) -> Conflict:
    return refuse_check_now(
        f"与已有{kind}（自{other_from}起）的生效期间重叠；请先为旧{kind}设置失效日期",
        code="config.version_overlap",
        rule="同一领域的生效期间不重叠",
        article=article,
    )


def _changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [jsonable(old.get(k)), jsonable(v)] for k, v in new.items() if old.get(k) != v}


@transaction.atomic
def penalty_threshold_version_save(
    *,
    actor: Any,
    sector: str,
    party_kind: str,
    amount: Decimal | str,
    effective_from: date,
    legal_basis: str,
    effective_to: date | None = None,
    confirmed: bool = False,
    note: str = "",
    reason: str = "",
    version: PenaltyThresholdVersion | None = None,
) -> PenaltyThresholdVersion:
    """Add (or, with `version`, edit) a 较大数额 row for a sector and party kind (行政处罚法 Art. 63(1)(一)(二)).

    Guards: a positive amount, a citation, a valid date range, no overlap with another row of
    the same sector and party kind. Writes: PenaltyThresholdVersion, AuditEvent
    PENALTY_THRESHOLD_VERSION_SAVED with the changed fields.
    """
    sector = (sector or "").strip()
    if not sector:
        raise refuse_check(
            "请填写执法领域代码（默认为 *）",
            code="config.sector_required",
            rule=REQUIRED,
            article=THRESHOLD_ARTICLE,
            fields={"sector": ["必填。"]},
        )
    if party_kind not in PartyKind.values:
        raise refuse_check(
            "当事人类型无效",
            code="config.bad_party_kind",
            rule=VALID_CHOICE,
            article=THRESHOLD_ARTICLE,
            fields={"party_kind": ["无效。"]},
        )
    try:
        amount = Decimal(str(amount))
    except InvalidOperation as exc:
        raise refuse_check(
            "数额无效",
            code="config.bad_amount",
            rule="数额为金额",
            article=THRESHOLD_ARTICLE,
            fields={"amount": ["无效。"]},
        ) from exc
    if amount <= 0:
        raise refuse_check(
            "较大数额应当大于零",
            code="config.bad_amount",
            rule="数额为正数",
            article=THRESHOLD_ARTICLE,
            fields={"amount": ["应大于0。"]},
        )
    _require_range(effective_from, effective_to, THRESHOLD_ARTICLE)
    values = {
        "sector": sector,
        "party_kind": party_kind,
        "amount": amount,
        "effective_from": effective_from,
        "effective_to": effective_to,
        "legal_basis": _require_basis(legal_basis, THRESHOLD_ARTICLE),
        "confirmed": confirmed,
        "note": (note or "").strip(),
    }
    others = PenaltyThresholdVersion.objects.select_for_update().filter(sector=sector, party_kind=party_kind)
    if version is not None:
        others = others.exclude(pk=version.pk)
    for other in others:
        if versions_overlap(effective_from, effective_to, other.effective_from, other.effective_to):
            raise _refuse_overlap("标准", other.effective_from, THRESHOLD_ARTICLE)
    old: dict[str, Any] = {}
    if version is None:
        row = PenaltyThresholdVersion(**values)
    else:
        row = PenaltyThresholdVersion.objects.select_for_update().get(pk=version.pk)
        old = {name: getattr(row, name) for name in THRESHOLD_FIELDS}
        for name, value in values.items():
            setattr(row, name, value)
    full_clean(row, code="config.invalid")
    row.save()
    changes = _changes(old, values)
    if version is not None and not changes:
        return row
    record_audit(
        actor=actor, event_type=AuditEventType.PENALTY_THRESHOLD_VERSION_SAVED, target=row, reason=reason,
        changes=changes,
    )  # fmt: skip
    return row


@transaction.atomic
def sector_decision_rule_save(
    *,
    actor: Any,
    sector: str,
    rule_code: str,
    effective_from: date,
    legal_basis: str,
    effective_to: date | None = None,
    confirmed: bool = False,
    note: str = "",
    reason: str = "",
    version: SectorDecisionRule | None = None,
) -> SectorDecisionRule:
    """Say which core.deadlines rule governs a sector's decision period from a date (行政处罚法 Art. 60).

    Guards: the rule code exists in core.deadlines, a citation, a valid range, no overlap for the
    sector. Writes: SectorDecisionRule, AuditEvent SECTOR_DECISION_RULE_SAVED.
    """
    sector = (sector or "").strip()
    if not sector:
        raise refuse_check(
            "请填写执法领域代码",
            code="config.sector_required",
            rule=REQUIRED,
            article=DECISION_PERIOD_ARTICLE,
            fields={"sector": ["必填。"]},
        )
    if not deadline_rule_names(codes=[rule_code]):
        raise refuse_check(
            f"期限规则“{rule_code}”不存在，请先在期限规则中添加",
            code="config.unknown_rule",
            rule="期限规则已登记",
            article=DECISION_PERIOD_ARTICLE,
            fields={"rule_code": ["不存在。"]},
        )
    _require_range(effective_from, effective_to, DECISION_PERIOD_ARTICLE)
    values = {
        "sector": sector,
        "rule_code": rule_code,
        "effective_from": effective_from,
        "effective_to": effective_to,
        "legal_basis": _require_basis(legal_basis, DECISION_PERIOD_ARTICLE),
        "confirmed": confirmed,
        "note": (note or "").strip(),
    }
    others = SectorDecisionRule.objects.select_for_update().filter(sector=sector)
    if version is not None:
        others = others.exclude(pk=version.pk)
    for other in others:
        if versions_overlap(effective_from, effective_to, other.effective_from, other.effective_to):
            raise _refuse_overlap("规则", other.effective_from, DECISION_PERIOD_ARTICLE)
    old: dict[str, Any] = {}
    if version is None:
        row = SectorDecisionRule(**values)
    else:
        row = SectorDecisionRule.objects.select_for_update().get(pk=version.pk)
        old = {name: getattr(row, name) for name in SECTOR_RULE_FIELDS}
        for name, value in values.items():
            setattr(row, name, value)
    full_clean(row, code="config.invalid")
    row.save()
    changes = _changes(old, values)
    if version is not None and not changes:
        return row
    record_audit(
        actor=actor, event_type=AuditEventType.SECTOR_DECISION_RULE_SAVED, target=row, reason=reason, changes=changes
    )
    return row


# The shipped sector periods (RULES.md §1.15), for re-installing them where migration 0003 did not
# run its data step (a database restored from before it, or rows deleted by hand).
SECTOR_PERIODS: tuple[dict[str, Any], ...] = (
    {
        "sector": "SCJG",
        "rule_code": "penalty.decision.market",
        "name_zh": "行政处罚决定期限（市场监管）",
        "count": 90,
        "effective_from": date(2021, 7, 15),
        "legal_basis": "《市场监督管理行政处罚程序规定》第六十四条（条文序号未核实）",
        "max_extension": 30,
        "extension_basis": "经市场监督管理部门负责人批准，可以延长三十日（未核实）",
    },
    {
        "sector": "GA",
        "rule_code": "penalty.decision.public_security",
        "name_zh": "治安案件办理期限（公安）",
        "count": 30,
        "effective_from": date(2019, 1, 1),
        "legal_basis": "《公安机关办理行政案件程序规定》第一百六十五条（条文序号未核实）",
        "max_extension": 30,
        "extension_basis": "经上一级公安机关批准，可以延长三十日（未核实）",
    },
)


@transaction.atomic
def sector_decision_rules_install(*, actor: Any) -> list[str]:
    """Make sure the shipped sector decision-period rules and their sector assignments exist. Idempotent.

    Kept for callers of the earlier opt-in API: migration 0003_configuration_data now ships the
    rows, so on a migrated database this installs nothing and returns []. Returns the rule codes
    installed. Writes: DeadlineRule(+Version) and SectorDecisionRule rows with their audit rows.
    """
    present = set(deadline_rule_names(codes=[row["rule_code"] for row in SECTOR_PERIODS]))
    installed = []
    for row in SECTOR_PERIODS:
        if row["rule_code"] not in present:
            deadline_services.deadline_rule_version_save(
                actor=actor,
                rule_code=row["rule_code"],
                name_zh=row["name_zh"],
                count=row["count"],
                unit=PeriodUnit.CALENDAR_DAY,
                effective_from=row["effective_from"],
                legal_basis=row["legal_basis"],
                confirmed=False,
                max_extension=row["max_extension"],
                extension_unit=PeriodUnit.CALENDAR_DAY,
                extension_basis=row["extension_basis"],
                note="可配置的行业默认值（RULES.md §1.15，未核实）",
                reason="安装行业办案期限规则",
            )
            installed.append(row["rule_code"])
        if not SectorDecisionRule.objects.filter(sector=row["sector"]).exists():
            sector_decision_rule_save(
                actor=actor,
                sector=row["sector"],
                rule_code=row["rule_code"],
                effective_from=row["effective_from"],
                legal_basis=row["legal_basis"],
                confirmed=False,
                note="可配置的行业默认值（RULES.md §1.15，未核实）",
                reason="安装行业办案期限规则",
            )
    return installed
