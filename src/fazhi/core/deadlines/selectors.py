"""Reads of the deadline engine: rules, their current parameters, and computations."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from fazhi.core.calendars.selectors import working_calendar
from fazhi.core.deadlines.choices import PeriodUnit, TrackedDeadlineStatus
from fazhi.core.deadlines.models import DeadlineRule, DeadlineRuleVersion, TrackedDeadline
from fazhi.core.deadlines.rules import DeadlineResult, Pause, RuleParams, compute_deadline, period_label
from fazhi.core.errors import DomainError, NotFound


@dataclass(frozen=True, slots=True)
class RuleSummary:
    """A rule with the version in force on `as_of` (for lists, the calculator and the API)."""

    code: str
    name_zh: str
    count: int
    unit: str
    unit_label: str
    period_label: str  # the period as people read it: "15日", "5个工作日", "6个月", "5年"
    legal_basis: str
    quoted_text: str
    confirmed: bool
    max_extension: int
    extension_unit: str
    effective_from: date
    effective_to: date | None
    note: str


def params_from_version(version: DeadlineRuleVersion) -> RuleParams:
    return RuleParams(
        code=version.rule.code,
        name_zh=version.rule.name_zh,
        count=version.count,
        unit=version.unit,
        legal_basis=version.legal_basis,
        quoted_text=version.quoted_text,
        confirmed=version.confirmed,
        start_excluded=version.start_excluded,
        roll_over=version.roll_over,
        roll_over_weekends=version.roll_over_weekends,
        max_extension=version.max_extension,
        extension_unit=version.extension_unit,
        extension_basis=version.extension_basis,
    )


def _version_on(rule: DeadlineRule, on: date) -> DeadlineRuleVersion | None:
    return (
        rule.versions.filter(effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .select_related("rule")
        .order_by("-effective_from")
        .first()
    )


def deadline_rule_get(*, code: str) -> DeadlineRule:
    rule = DeadlineRule.objects.filter(code=code).first()
    if rule is None:
        raise NotFound(f"未知的期限规则代码：{code}", code="unknown_rule", fields={"rule": [code]})
    return rule


def deadline_rule_names(*, codes: Iterable[str]) -> dict[str, str]:
    """code → Chinese name of the known rules among `codes` (one query)."""
    return dict(DeadlineRule.objects.filter(code__in=set(codes)).values_list("code", "name_zh"))


def deadline_params_on(*, rule_code: str, on: date) -> RuleParams:
    rule = deadline_rule_get(code=rule_code)
    version = _version_on(rule, on)
    if version is None:
        raise DomainError(
            f"期限规则“{rule.name_zh}”在{on.isoformat()}没有生效的版本（请检查起算日或维护规则版本）。",
            code="no_rule_version",
            fields={"start": [on.isoformat()]},
        )
    return params_from_version(version)


def deadline_compute(
    *, rule_code: str, start: date, extension: int = 0, pauses: Sequence[Pause] = ()
) -> DeadlineResult:
    """Compute the due date for an event on `start` with the rule version in force on that day."""
    params = deadline_params_on(rule_code=rule_code, on=start)
    return compute_deadline(params=params, start=start, calendar=working_calendar(), extension=extension, pauses=pauses)


def deadline_rule_list(*, as_of: date | None = None) -> list[RuleSummary]:
    """Every rule with its version in force on `as_of` (default: its latest version)."""
    summaries = []
    for rule in DeadlineRule.objects.prefetch_related("versions").order_by("code"):
        versions = sorted(rule.versions.all(), key=lambda v: v.effective_from)
        if as_of is not None:
            versions = [
                v for v in versions if v.effective_from <= as_of and (v.effective_to is None or v.effective_to >= as_of)
            ]
        if not versions:
            continue
        version = versions[-1]
        summaries.append(
            RuleSummary(
                code=rule.code,
                name_zh=rule.name_zh,
                count=version.count,
                unit=version.unit,
                unit_label=PeriodUnit(version.unit).label,
                period_label=period_label(version.count, version.unit),
                legal_basis=version.legal_basis,
                quoted_text=version.quoted_text,
                confirmed=version.confirmed,
                max_extension=version.max_extension,
                extension_unit=version.extension_unit,
                effective_from=version.effective_from,
                effective_to=version.effective_to,
                note=version.note,
            )
        )
    return summaries


def tracked_deadlines_open() -> QuerySet[TrackedDeadline]:
    return TrackedDeadline.objects.filter(status=TrackedDeadlineStatus.OPEN)
