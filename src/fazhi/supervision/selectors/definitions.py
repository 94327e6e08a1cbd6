"""The versioned configuration in force on a day: indicator definitions and the assessment scheme.

Every figure is computed with the definitions in force on its period's last day: the report, the
drill-downs, the bulletin and the alerts all read them here. _lag_days is the 录入及时 window that
those definitions set (the records_on_time measure).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db.models import Q, QuerySet

from fazhi.core.errors import NotFound
from fazhi.supervision import rules
from fazhi.supervision.models import AssessmentScheme, IndicatorDefinition


def indicator_definitions_on(*, day: date) -> list[rules.DefinitionSpec]:
    """The definition version of each indicator in force on `day` (the last one if several)."""
    rows = IndicatorDefinition.objects.filter(effective_from__lte=day).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=day)
    )
    chosen: dict[str, IndicatorDefinition] = {}
    for row in rows.order_by("order", "code", "version"):
        chosen[row.code] = row
    return [
        rules.DefinitionSpec(
            code=row.code,
            version=row.version,
            name=row.name,
            numerator=row.numerator,
            denominator=row.denominator,
            multiplier=row.multiplier,
            decimals=row.decimals,
            unit_label=row.unit_label,
            parameters=row.parameters or {},
            source=row.source,
            explanation=row.explanation,
        )
        for row in sorted(chosen.values(), key=lambda r: (r.order, r.code))
    ]


def indicator_definition_list() -> QuerySet[IndicatorDefinition]:
    return IndicatorDefinition.objects.order_by("order", "code", "version")


def assessment_scheme_on(*, day: date, code: str | None = None) -> AssessmentScheme:
    rows = AssessmentScheme.objects.filter(effective_from__lte=day).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=day)
    )
    if code:
        rows = rows.filter(code=code)
    scheme = rows.order_by("-effective_from", "-version").first()
    if scheme is None:
        raise NotFound("该日期没有生效的考核指标体系。", code="supervision.no_scheme")
    return scheme


def _lag_days(definitions: Sequence[rules.DefinitionSpec]) -> int:
    for spec in definitions:
        if spec.numerator == "records_on_time":
            return int(spec.parameters.get("days", 7))
    return 7
