"""Writes of the penalty discretion standards (裁量基准): create and update a severity band of a penalty item."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.legal.models import LegalArticle
from fazhi.powers import rules
from fazhi.powers.models import DiscretionStandard, PowerItem
from fazhi.powers.services._common import (
    UNSET,
    Actor,
    _articles_for,
    _full_clean,
    _ids,
    _iso,
    _money,
    _require_text,
    _set,
    _set_articles,
)


@transaction.atomic
def discretion_standard_create(
    *,
    actor: Actor,
    power_item: PowerItem,
    severity: str,
    circumstance: str,
    effective_from: date,
    effective_to: date | None = None,
    fine_min: Decimal | None = None,
    fine_max: Decimal | None = None,
    statutory_min: Decimal | None = None,
    statutory_max: Decimal | None = None,
    other_measures: str = "",
    basis_text: str = "",
    legal_articles: Iterable[LegalArticle] | None = None,
    reason: str = "",
) -> DiscretionStandard:
    """Add a severity band to a penalty item's discretion standard; the band must lie in the statute's range.

    Writes: DiscretionStandard, its legal articles, AuditEvent DISCRETION_STANDARD_SAVED.
    """
    rules.require_penalty_item(category=power_item.category, code=power_item.code)
    circumstance = _require_text(circumstance, label="违法情节", field_name="circumstance", max_length=2000)
    rules.require_fine_range(
        fine_min=fine_min, fine_max=fine_max, statutory_min=statutory_min, statutory_max=statutory_max
    )
    rules.require_effective_period(effective_from=effective_from, effective_to=effective_to)
    basis_text = (basis_text or "").strip()
    articles = _articles_for(basis_text, legal_articles, None)
    standard = DiscretionStandard(
        power_item=power_item,
        severity=severity,
        circumstance=circumstance,
        fine_min=fine_min,
        fine_max=fine_max,
        statutory_min=statutory_min,
        statutory_max=statutory_max,
        other_measures=(other_measures or "").strip(),
        basis_text=basis_text,
        effective_from=effective_from,
        effective_to=effective_to,
    )
    _full_clean(standard, code="invalid_discretion_standard")
    standard.save()
    standard.legal_articles.set(articles)
    record_audit(
        actor=actor,
        event_type=AuditEventType.DISCRETION_STANDARD_SAVED,
        target=standard,
        reason=reason,
        changes={
            "power_item": [None, power_item.code],
            "severity": [None, severity],
            "circumstance": [None, circumstance],
            "fine_min": [None, _money(fine_min)],
            "fine_max": [None, _money(fine_max)],
            "statutory_min": [None, _money(statutory_min)],
            "statutory_max": [None, _money(statutory_max)],
            "other_measures": [None, standard.other_measures],
            "basis_text": [None, basis_text],
            "legal_articles": [None, _ids(articles)],
            "effective_from": [None, _iso(effective_from)],
            "effective_to": [None, _iso(effective_to)],
        },
    )
    return standard


@transaction.atomic
def discretion_standard_update(
    *,
    actor: Actor,
    standard: DiscretionStandard,
    reason: str = "",
    severity: str | None = None,
    circumstance: str | None = None,
    fine_min: Decimal | None = UNSET,
    fine_max: Decimal | None = UNSET,
    statutory_min: Decimal | None = UNSET,
    statutory_max: Decimal | None = UNSET,
    other_measures: str | None = None,
    basis_text: str | None = None,
    legal_articles: Iterable[LegalArticle] | None = None,
    effective_from: date = UNSET,
    effective_to: date | None = UNSET,
) -> DiscretionStandard:
    """Change a discretion band; the resulting band is checked against the statutory range again.

    Writes: DiscretionStandard, AuditEvent DISCRETION_STANDARD_SAVED (only if something changed).
    """
    locked = DiscretionStandard.objects.select_for_update().select_related("power_item").get(pk=standard.pk)
    changes: dict[str, list[Any]] = {}
    _set(locked, changes, "severity", severity)
    if circumstance is not None:
        text = _require_text(circumstance, label="违法情节", field_name="circumstance", max_length=2000)
        _set(locked, changes, "circumstance", text)
    for name, value in (
        ("fine_min", fine_min),
        ("fine_max", fine_max),
        ("statutory_min", statutory_min),
        ("statutory_max", statutory_max),
    ):
        _set(locked, changes, name, value, shown=_money)
    if other_measures is not None:
        _set(locked, changes, "other_measures", other_measures.strip())
    _set(locked, changes, "effective_from", effective_from, shown=_iso)
    _set(locked, changes, "effective_to", effective_to, shown=_iso)
    rules.require_fine_range(
        fine_min=locked.fine_min,
        fine_max=locked.fine_max,
        statutory_min=locked.statutory_min,
        statutory_max=locked.statutory_max,
    )
    rules.require_effective_period(effective_from=locked.effective_from, effective_to=locked.effective_to)
    articles = list(legal_articles) if legal_articles is not None else None
    if basis_text is not None and basis_text.strip() != locked.basis_text:
        _set(locked, changes, "basis_text", basis_text.strip())
        if articles is None:
            articles = _articles_for(locked.basis_text, None, None)
    _set_articles(locked, changes, articles)
    if not changes:
        return locked
    _full_clean(locked, code="invalid_discretion_standard")
    locked.save()
    record_audit(
        actor=actor,
        event_type=AuditEventType.DISCRETION_STANDARD_SAVED,
        target=locked,
        reason=reason,
        changes=changes,
    )
    return locked
