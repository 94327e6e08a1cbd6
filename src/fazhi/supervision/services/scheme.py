"""Writes of the assessment scheme (考核指标体系): assessment_scheme_save, with its guards."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.deadlines.rules import versions_overlap
from fazhi.core.errors import Conflict, DomainError
from fazhi.core.validation import full_clean
from fazhi.supervision import rules, selectors
from fazhi.supervision.choices import MissingIndicatorPolicy
from fazhi.supervision.models import AssessmentScheme, Bulletin
from fazhi.supervision.services._common import Actor

# --- the assessment scheme (考核指标体系) ---------------------------------------------------------------------

# The scales rules.rank_units knows; it would score any other name as a percentage, silently.
SCHEME_SCALES = {
    rules.SCALE_PERCENT: "百分比（值÷100）",
    rules.SCALE_PEER_MAX: "组内最高值为满分（值÷同组最高值）",
    rules.SCALE_SCORE: "百分制得分（值÷100）",
}
# The 通报 says 满分100分 and a unit's score is Σ weight × scaled value with each scaled value at most
# 1 (rules.rank_units): the weights are the points of each indicator, so they add up to the full score.
SCHEME_FULL_SCORE = Decimal(100)
SCHEME_CODE = re.compile(r"[A-Za-z0-9_-]+")


def _scheme_refusal(message: str, *, code: str, field: str) -> DomainError:
    return DomainError(message, code=f"supervision.{code}", fields={field: [message]})


def _weight_number(value: Any) -> Decimal | None:
    """The weight as a Decimal, or None for anything that is not a finite number (a bool is not one)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    number = Decimal(str(value))
    return number if number.is_finite() else None


def _scheme_weights(weights: Any) -> dict[str, dict[str, Any]]:
    """Return the weights as stored, or refuse: known indicators, each a weight > 0 and a known scale, 100 in all."""
    shape = '指标权重应为 {"指标代码": {"weight": 权重, "scale": 换算方式}, …} 形式的对象。'
    if not isinstance(weights, Mapping) or not weights:
        raise _scheme_refusal(shape, code="scheme_bad_weights", field="weights")
    wanted = [str(k) for k in weights]
    known = set(selectors.indicator_definition_list().filter(code__in=wanted).values_list("code", flat=True))
    unknown = sorted(str(k) for k in weights if k not in known)
    if unknown:
        raise _scheme_refusal(
            f"未知的指标代码：{'、'.join(unknown)}（应为指标定义中的代码）。",
            code="scheme_unknown_indicator",
            field="weights",
        )
    cleaned: dict[str, dict[str, Any]] = {}
    for code, spec in weights.items():
        if not isinstance(spec, Mapping) or set(spec) != {"weight", "scale"}:
            raise _scheme_refusal(f"指标“{code}”：{shape}", code="scheme_bad_weights", field="weights")
        number = _weight_number(spec["weight"])
        if number is None or number <= 0:
            raise _scheme_refusal(f"指标“{code}”的权重应为大于0的数。", code="scheme_bad_weight", field="weights")
        if not isinstance(spec["scale"], str) or spec["scale"] not in SCHEME_SCALES:
            raise _scheme_refusal(
                f"指标“{code}”的换算方式“{spec['scale']}”无效，应为 {'、'.join(SCHEME_SCALES)} 之一。",
                code="scheme_bad_scale",
                field="weights",
            )
        # Stored as a JSON number: whole weights as integers, as the shipped scheme has them.
        weight = int(number) if number == number.to_integral_value() else float(number)
        cleaned[code] = {"weight": weight, "scale": spec["scale"]}
    total = sum((Decimal(str(spec["weight"])) for spec in cleaned.values()), Decimal(0))
    if total != SCHEME_FULL_SCORE:
        raise _scheme_refusal(
            f"各指标权重合计应为100（通报满分100分），现为{total.normalize():f}。",
            code="scheme_weights_total",
            field="weights",
        )
    return cleaned


def _scheme_changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    def plain(value: Any) -> Any:
        return value.isoformat() if isinstance(value, date) else value

    return {k: [plain(old.get(k)), plain(v)] for k, v in new.items() if old.get(k) != v}


@transaction.atomic
def assessment_scheme_save(
    *,
    actor: Actor,
    code: str,
    name: str,
    weights: Mapping[str, Any],
    bottom_n: int,
    effective_from: date,
    reason: str,
    effective_to: date | None = None,
    bulletin_basis: str = "",
    source: str = "",
    missing_indicator_policy: str = MissingIndicatorPolicy.PRORATE,
    version: AssessmentScheme | None = None,
) -> AssessmentScheme:
    """Add the next version of a district's 考核指标体系 (or, with `version`, edit that row).

    Guards: a code of letters, digits, _ and -; a name; a 变更理由; weights of known indicators,
    each > 0 with a scale rank_units knows, adding up to 100; a known missing-indicator policy
    (折算 or 计零, how rank_units scores an indicator a unit has no value for); bottom_n ≥ 0; effective_to not
    before effective_from; no other version of the code in force on any of the same days (409).
    An edit keeps its code, and a version a bulletin was issued with may only be closed (its
    effective_to): the bulletin names it by code and version. Not atomic(durable=True): the admin
    form tries this call inside its own savepoint (core.admin_services).
    Writes: AssessmentScheme, AuditEvent SUPERVISION_ASSESSMENT_SCHEME_SAVED with the changed fields.
    """
    code = (code or "").strip()
    if not SCHEME_CODE.fullmatch(code):
        raise _scheme_refusal("方案代码只能由字母、数字、下划线或连字符组成。", code="scheme_bad_code", field="code")
    name = (name or "").strip()
    if not name:
        raise _scheme_refusal("请填写方案名称。", code="scheme_name_required", field="name")
    reason = (reason or "").strip()
    if not reason:
        raise _scheme_refusal("请填写变更理由。", code="scheme_reason_required", field="reason")
    cleaned_weights = _scheme_weights(weights)
    if missing_indicator_policy not in MissingIndicatorPolicy.values:
        raise _scheme_refusal(
            f"缺项计分方式应为{'或'.join(str(label) for label in MissingIndicatorPolicy.labels)}。",
            code="scheme_bad_missing_policy",
            field="missing_indicator_policy",
        )
    if isinstance(bottom_n, bool) or not isinstance(bottom_n, int) or bottom_n < 0:
        raise _scheme_refusal("末位约谈单位数应为不小于0的整数。", code="scheme_bad_bottom_n", field="bottom_n")
    if not isinstance(effective_from, date):
        raise _scheme_refusal("请填写生效日期。", code="scheme_bad_range", field="effective_from")
    if effective_to is not None and effective_to < effective_from:
        raise _scheme_refusal("失效日期不能早于生效日期。", code="scheme_bad_range", field="effective_to")
    values: dict[str, Any] = {
        "code": code,
        "name": name,
        "weights": cleaned_weights,
        "bottom_n": bottom_n,
        "effective_from": effective_from,
        "effective_to": effective_to,
        "bulletin_basis": (bulletin_basis or "").strip(),
        "source": (source or "").strip(),
        "missing_indicator_policy": str(missing_indicator_policy),
    }
    # Locking the code's versions serializes two saves of one code on PostgreSQL (SQLite writes one
    # at a time anyway); the first version of a new code has no row to lock: the unique (code,
    # version) constraint below turns that race into a refusal.
    siblings = list(AssessmentScheme.objects.select_for_update().filter(code=code).order_by("pk"))
    old: dict[str, Any] = {}
    if version is None:
        row = AssessmentScheme(version=max((s.version for s in siblings), default=0) + 1, **values)
    else:
        row = AssessmentScheme.objects.select_for_update().get(pk=version.pk)
        if row.code != code:
            raise _scheme_refusal("方案代码不能修改；新的方案请新增。", code="scheme_code_fixed", field="code")
        old = {key: getattr(row, key) for key in values}
        edited = any(old[k] != v for k, v in values.items() if k != "effective_to")
        if edited and Bulletin.objects.filter(scheme_code=row.code, scheme_version=row.version).exists():
            raise Conflict(
                f"{row.name}第{row.version}版已用于印发的通报，只能设置失效日期；其他修改请新增版本。",
                code="supervision.scheme_in_use",
            )
        for key, value in values.items():
            setattr(row, key, value)
    for other in siblings:
        overlaps = versions_overlap(effective_from, effective_to, other.effective_from, other.effective_to)
        if other.pk != row.pk and overlaps:
            raise Conflict(
                f"与{other.name}第{other.version}版（自{format_date_zh(other.effective_from)}起）的生效期间重叠；"
                "请先为该版本设置失效日期。",
                code="supervision.scheme_overlap",
            )
    full_clean(row, code="supervision.scheme_invalid")
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:
        raise Conflict("该方案刚被他人修改，请刷新后重试。", code="supervision.scheme_changed") from exc
    changes = _scheme_changes(old, values if version is not None else {"version": row.version, **values})
    if version is not None and not changes:
        return row
    record_audit(
        actor=actor,
        event_type=AuditEventType.SUPERVISION_ASSESSMENT_SCHEME_SAVED,
        target=row,
        reason=reason,
        changes=changes,
    )
    return row
