"""Writes of the three flexible-enforcement lists (柔性执法“三张清单”): create and update an entry."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.errors import Conflict
from fazhi.legal.models import LegalArticle
from fazhi.orgs.models import OrgUnit
from fazhi.powers import rules
from fazhi.powers.models import FlexibleMeasure, PowerItem
from fazhi.powers.services._common import (
    UNSET,
    Actor,
    _articles_for,
    _full_clean,
    _ids,
    _iso,
    _require_text,
    _save_new,
    _set,
    _set_articles,
)


def _check_measure_item(*, kind: str, owner_unit: OrgUnit, power_item: PowerItem) -> None:
    rules.require_measure_fits_item(kind=kind, category=power_item.category, code=power_item.code)
    # The entry is published by the item's unit or a unit above it (a district-wide list).
    rules.require_unit_reaches(
        acting_unit_path=power_item.owner_unit.path,
        owner_unit_path=owner_unit.path,
        label=f"权责事项“{power_item.code}”",
    )


@transaction.atomic
def flexible_measure_create(
    *,
    actor: Actor,
    code: str,
    kind: str,
    owner_unit: OrgUnit,
    power_item: PowerItem,
    violation: str,
    conditions: str,
    effective_from: date,
    effective_to: date | None = None,
    is_first_violation: bool = False,
    handling: str = "",
    basis_text: str = "",
    legal_articles: Iterable[LegalArticle] | None = None,
    reason: str = "",
) -> FlexibleMeasure:
    """Add an entry to one of the three flexible-enforcement lists of a unit.

    Writes: FlexibleMeasure, its legal articles, AuditEvent FLEXIBLE_MEASURE_SAVED.
    """
    code = rules.require_valid_code(code, label="清单编码")
    violation = _require_text(violation, label="违法行为", field_name="violation", max_length=300)
    conditions = _require_text(conditions, label="适用条件", field_name="conditions", max_length=4000)
    rules.require_first_violation_allowed(kind=kind, is_first_violation=is_first_violation)
    _check_measure_item(kind=kind, owner_unit=owner_unit, power_item=power_item)
    rules.require_effective_period(effective_from=effective_from, effective_to=effective_to)
    basis_text = (basis_text or "").strip()
    articles = _articles_for(basis_text, legal_articles, None)
    message = f"清单编码“{code}”已存在。"
    if FlexibleMeasure.objects.filter(code=code).exists():
        raise Conflict(message, code="flexible_measure_code_taken", fields={"code": [message]})
    measure = FlexibleMeasure(
        code=code,
        kind=kind,
        is_first_violation=is_first_violation,
        owner_unit=owner_unit,
        power_item=power_item,
        violation=violation,
        conditions=conditions,
        handling=(handling or "").strip(),
        basis_text=basis_text,
        effective_from=effective_from,
        effective_to=effective_to,
    )
    _full_clean(measure, code="invalid_flexible_measure")
    _save_new(measure, code="flexible_measure_code_taken", conflict_message=message)
    measure.legal_articles.set(articles)
    record_audit(
        actor=actor,
        event_type=AuditEventType.FLEXIBLE_MEASURE_SAVED,
        target=measure,
        reason=reason,
        changes={
            "code": [None, code],
            "kind": [None, kind],
            "is_first_violation": [None, is_first_violation],
            "owner_unit": [None, owner_unit.code],
            "power_item": [None, power_item.code],
            "violation": [None, violation],
            "conditions": [None, conditions],
            "handling": [None, measure.handling],
            "basis_text": [None, basis_text],
            "legal_articles": [None, _ids(articles)],
            "effective_from": [None, _iso(effective_from)],
            "effective_to": [None, _iso(effective_to)],
        },
    )
    return measure


@transaction.atomic
def flexible_measure_update(
    *,
    actor: Actor,
    measure: FlexibleMeasure,
    reason: str = "",
    violation: str | None = None,
    conditions: str | None = None,
    handling: str | None = None,
    is_first_violation: bool | None = None,
    basis_text: str | None = None,
    legal_articles: Iterable[LegalArticle] | None = None,
    effective_from: date = UNSET,
    effective_to: date | None = UNSET,
) -> FlexibleMeasure:
    """Change a flexible-list entry (its list, unit and power item are fixed; end it and add a new one).

    Writes: FlexibleMeasure, AuditEvent FLEXIBLE_MEASURE_SAVED (only if something changed).
    """
    locked = FlexibleMeasure.objects.select_for_update().get(pk=measure.pk)
    changes: dict[str, list[Any]] = {}
    if violation is not None:
        _set(
            locked,
            changes,
            "violation",
            _require_text(violation, label="违法行为", field_name="violation", max_length=300),
        )
    if conditions is not None:
        text = _require_text(conditions, label="适用条件", field_name="conditions", max_length=4000)
        _set(locked, changes, "conditions", text)
    if handling is not None:
        _set(locked, changes, "handling", handling.strip())
    _set(locked, changes, "is_first_violation", is_first_violation)
    rules.require_first_violation_allowed(kind=locked.kind, is_first_violation=locked.is_first_violation)
    _set(locked, changes, "effective_from", effective_from, shown=_iso)
    _set(locked, changes, "effective_to", effective_to, shown=_iso)
    rules.require_effective_period(effective_from=locked.effective_from, effective_to=locked.effective_to)
    articles = list(legal_articles) if legal_articles is not None else None
    if basis_text is not None and basis_text.strip() != locked.basis_text:
        _set(locked, changes, "basis_text", basis_text.strip())
        if articles is None:
            articles = _articles_for(locked.basis_text, None, None)
    _set_articles(locked, changes, articles)
    if not changes:
        return locked
    _full_clean(locked, code="invalid_flexible_measure")
    locked.save()
    record_audit(
        actor=actor, event_type=AuditEventType.FLEXIBLE_MEASURE_SAVED, target=locked, reason=reason, changes=changes
    )
    return locked
