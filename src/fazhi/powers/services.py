"""All writes to power lists, check lists, discretion standards, flexible lists and their imports.

Each service validates with `rules`, writes, and records the audit row in the same transaction. As in
fazhi.orgs.services, they use `transaction.atomic` without `durable=True` on purpose: the importers
compose them into one all-or-nothing transaction per file. Permission is checked by the caller (a
view, the API or an importer) with the scoped selectors, before the service is called.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.errors import Conflict, DomainError
from fazhi.core.span_counts import span_counts_add
from fazhi.core.validation import full_clean
from fazhi.legal.models import LegalArticle
from fazhi.legal.selectors import legal_article_get_by_citation
from fazhi.orgs.models import OrgUnit, User
from fazhi.powers import rules
from fazhi.powers.choices import ItemStatus, ListKind
from fazhi.powers.models import (
    CheckItem,
    DiscretionStandard,
    FlexibleMeasure,
    ListImport,
    OwnerInForceSpan,
    PowerItem,
)
from fazhi.powers.selectors import check_items_by_code, power_items_by_code

Actor = User | None
SpanDeltas = Counter[tuple[int, date, date]]


class _Unset:
    """Marks an argument that was not given (for fields where None is a real value)."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()


def _full_clean(instance: Any, *, code: str) -> None:
    # Codes are unique per table and checked by the services with their own Chinese messages.
    full_clean(instance, code=code, validate_unique=False)


def _require_text(value: str, *, label: str, field_name: str, max_length: int) -> str:
    text = (value or "").strip()
    if not text:
        raise DomainError(
            f"{label}不能为空。", code=f"{field_name}_required", fields={field_name: [f"{label}不能为空。"]}
        )
    if len(text) > max_length:
        message = f"{label}过长（不超过{max_length}字）。"
        raise DomainError(message, code=f"{field_name}_too_long", fields={field_name: [message]})
    return text


def _ids(articles: Iterable[LegalArticle]) -> list[int]:
    return sorted({article.pk for article in articles})


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


class BasisResolver:
    """Resolve the citations of a basis text with the legal library; remembers each citation's answer.

    Citations the library cannot resolve (not loaded, local rules, typos) are returned as unresolved;
    the text itself is always kept by the caller.
    """

    def __init__(self) -> None:
        self._cache: dict[str, LegalArticle | None] = {}

    def resolve(self, text: str) -> tuple[list[LegalArticle], list[str]]:
        articles: dict[int, LegalArticle] = {}
        unresolved: list[str] = []
        for citation in rules.citations_in(text):
            if citation not in self._cache:
                try:
                    self._cache[citation] = legal_article_get_by_citation(citation)
                except DomainError:
                    self._cache[citation] = None
            article = self._cache[citation]
            if article is None:
                unresolved.append(citation)
            else:
                articles.setdefault(article.pk, article)
        return list(articles.values()), unresolved


def _articles_for(
    basis_text: str, legal_articles: Iterable[LegalArticle] | None, resolver: BasisResolver | None
) -> list[LegalArticle]:
    if legal_articles is not None:
        return list(legal_articles)
    return (resolver or BasisResolver()).resolve(basis_text)[0]


def _save_new(instance: Any, *, code: str, conflict_message: str) -> None:
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:  # a concurrent create of the same code
        raise Conflict(conflict_message, code=code, fields={"code": [conflict_message]}) from exc


def _set(locked: Any, changes: dict[str, list[Any]], name: str, value: Any, *, shown: Any = None) -> None:
    if value is UNSET or (value is None and name not in _NULLABLE):
        return
    old = getattr(locked, name)
    if old != value:
        changes[name] = [shown(old) if shown else old, shown(value) if shown else value]
        setattr(locked, name, value)


# Fields where None is a value to store (clearing a date or an amount), not "unchanged".
_NULLABLE = frozenset({"effective_from", "effective_to", "fine_min", "fine_max", "statutory_min", "statutory_max"})


def _set_articles(locked: Any, changes: dict[str, list[Any]], articles: list[LegalArticle] | None) -> None:
    if articles is None:
        return
    old = _ids(locked.legal_articles.all())
    new = _ids(articles)
    if old != new:
        changes["legal_articles"] = [old, new]
        locked.legal_articles.set(articles)


# --- in-force spans of the owner units (derived from the power items, read by supervision) ----------


def _span_delta(deltas: SpanDeltas, item: PowerItem, sign: int) -> None:
    """Add (sign +1) or remove (-1) the item's in-force span to/from `deltas`."""
    span = rules.in_force_span(status=item.status, effective_from=item.effective_from, effective_to=item.effective_to)
    if span is not None:
        deltas[(item.owner_unit_id, *span)] += sign


def in_force_spans_add(deltas: SpanDeltas) -> None:
    """Add item counts to OwnerInForceSpan rows (INSERT … ON CONFLICT DO UPDATE: concurrent writers
    of one row both count, on SQLite and PostgreSQL); rows that fall to zero are removed.

    Called explicitly by every service that creates an item or changes its owner, status or dates
    (the import once per file). Writes: OwnerInForceSpan (derived data, no audit).
    """
    span_counts_add(model=OwnerInForceSpan, count_field="items", deltas=deltas)


@transaction.atomic
def in_force_spans_rebuild() -> int:
    """Recompute every owner's in-force spans from the power items; return the number of span rows.

    For items written without the services (bulk set-up, a database from before the spans existed):
    `python manage.py in_force_spans_rebuild`. Writes: OwnerInForceSpan (derived data, no audit).
    """
    OwnerInForceSpan.objects.all().delete()
    spans = rules.owner_in_force_spans(
        PowerItem.objects.order_by()
        .values_list("owner_unit_id", "status", "effective_from", "effective_to")
        .iterator(chunk_size=10_000)
    )
    OwnerInForceSpan.objects.bulk_create(
        [OwnerInForceSpan(unit_id=u, starts_on=s, ends_on=e, items=n) for (u, s, e), n in spans.items()],
        batch_size=2000,
    )
    return len(spans)


# --- power items ---------------------------------------------------------------------------------


@transaction.atomic
def power_item_create(
    *,
    actor: Actor,
    code: str,
    name: str,
    category: str,
    owner_unit: OrgUnit,
    basis_text: str = "",
    legal_articles: Iterable[LegalArticle] | None = None,
    status: str = ItemStatus.ACTIVE,
    effective_from: date | None = None,
    effective_to: date | None = None,
    reason: str = "",
    resolver: BasisResolver | None = None,
    span_deltas: SpanDeltas | None = None,
) -> PowerItem:
    """Add a power item to a unit's list; citations in `basis_text` are resolved unless articles are given.

    `span_deltas`: the caller applies the change of the in-force spans itself (in_force_spans_add),
    once for many items (the import); otherwise this service applies it.
    Writes: PowerItem, its legal articles, OwnerInForceSpan, AuditEvent POWER_ITEM_CREATED.
    """
    code = rules.require_valid_code(code)
    name = _require_text(name, label="事项名称", field_name="name", max_length=300)
    category = rules.parse_category(category)
    status = rules.parse_status(status)
    basis_text = (basis_text or "").strip()
    rules.require_effective_period(effective_from=effective_from, effective_to=effective_to)
    articles = _articles_for(basis_text, legal_articles, resolver)
    rules.require_power_item_basis(basis_text=basis_text, article_count=len(articles))
    message = f"事项编码“{code}”已存在。"
    if PowerItem.objects.filter(code=code).exists():
        raise Conflict(message, code="power_item_code_taken", fields={"code": [message]})
    item = PowerItem(
        code=code,
        name=name,
        category=category,
        owner_unit=owner_unit,
        basis_text=basis_text,
        status=status,
        effective_from=effective_from,
        effective_to=effective_to,
    )
    _full_clean(item, code="invalid_power_item")
    _save_new(item, code="power_item_code_taken", conflict_message=message)
    item.legal_articles.set(articles)
    deltas: SpanDeltas = Counter() if span_deltas is None else span_deltas
    _span_delta(deltas, item, +1)
    if span_deltas is None:
        in_force_spans_add(deltas)
    record_audit(
        actor=actor,
        event_type=AuditEventType.POWER_ITEM_CREATED,
        target=item,
        reason=reason,
        changes={
            "code": [None, code],
            "name": [None, name],
            "category": [None, category],
            "owner_unit": [None, owner_unit.code],
            "basis_text": [None, basis_text],
            "legal_articles": [None, _ids(articles)],
            "status": [None, status],
            "effective_from": [None, _iso(effective_from)],
            "effective_to": [None, _iso(effective_to)],
        },
    )
    return item


@transaction.atomic
def power_item_update(
    *,
    actor: Actor,
    item: PowerItem,
    reason: str = "",
    name: str | None = None,
    category: str | None = None,
    owner_unit: OrgUnit | None = None,
    basis_text: str | None = None,
    legal_articles: Iterable[LegalArticle] | None = None,
    status: str | None = None,
    effective_from: date | None = UNSET,
    effective_to: date | None = UNSET,
    resolver: BasisResolver | None = None,
    span_deltas: SpanDeltas | None = None,
) -> PowerItem:
    """Change a power item; arguments left out stay as they are. The code never changes.

    A changed `basis_text` is resolved again unless `legal_articles` is given. `span_deltas`: as for
    power_item_create. Writes: PowerItem, its legal articles, OwnerInForceSpan (a changed owner,
    status or dates), AuditEvent POWER_ITEM_UPDATED (only if something changed).
    """
    locked = PowerItem.objects.select_for_update().select_related("owner_unit").get(pk=item.pk)
    # the item is locked: no other writer subtracts the same old span
    deltas: SpanDeltas = Counter() if span_deltas is None else span_deltas
    _span_delta(deltas, locked, -1)
    changes: dict[str, list[Any]] = {}
    if name is not None:
        _set(locked, changes, "name", _require_text(name, label="事项名称", field_name="name", max_length=300))
    if category is not None:
        _set(locked, changes, "category", rules.parse_category(category))
    if status is not None:
        _set(locked, changes, "status", rules.parse_status(status))
    if owner_unit is not None and owner_unit.pk != locked.owner_unit_id:
        changes["owner_unit"] = [locked.owner_unit.code, owner_unit.code]
        locked.owner_unit = owner_unit
    _set(locked, changes, "effective_from", effective_from, shown=_iso)
    _set(locked, changes, "effective_to", effective_to, shown=_iso)
    rules.require_effective_period(effective_from=locked.effective_from, effective_to=locked.effective_to)
    articles = list(legal_articles) if legal_articles is not None else None
    if basis_text is not None and basis_text.strip() != locked.basis_text:
        _set(locked, changes, "basis_text", basis_text.strip())
        if articles is None:
            articles = _articles_for(locked.basis_text, None, resolver)
    article_count = len(articles) if articles is not None else locked.legal_articles.count()
    rules.require_power_item_basis(basis_text=locked.basis_text, article_count=article_count)
    _set_articles(locked, changes, articles)
    if not changes:
        _span_delta(deltas, locked, +1)  # nothing changed: the old span stays
        return locked
    _full_clean(locked, code="invalid_power_item")
    locked.save()
    _span_delta(deltas, locked, +1)
    if span_deltas is None:
        in_force_spans_add(deltas)
    record_audit(
        actor=actor, event_type=AuditEventType.POWER_ITEM_UPDATED, target=locked, reason=reason, changes=changes
    )
    return locked


# --- check items ---------------------------------------------------------------------------------


def _check_power_items(owner_unit: OrgUnit, power_items: Sequence[PowerItem]) -> None:
    if not power_items:
        message = "检查事项至少要关联一个权责事项。"
        raise DomainError(message, code="power_items_required", fields={"power_items": [message]})
    for power_item in power_items:
        rules.require_unit_reaches(
            acting_unit_path=owner_unit.path,
            owner_unit_path=power_item.owner_unit.path,
            label=f"权责事项“{power_item.code}”",
        )


@transaction.atomic
def check_item_create(
    *,
    actor: Actor,
    code: str,
    name: str,
    owner_unit: OrgUnit,
    power_items: Sequence[PowerItem],
    check_method: str,
    basis_text: str = "",
    legal_articles: Iterable[LegalArticle] | None = None,
    status: str = ItemStatus.ACTIVE,
    reason: str = "",
    resolver: BasisResolver | None = None,
) -> CheckItem:
    """Add a check item; `has_legal_basis` is derived from the basis (an item without one is kept, flagged).

    Writes: CheckItem, its power items and legal articles, AuditEvent CHECK_ITEM_CREATED.
    """
    code = rules.require_valid_code(code, label="检查事项编码")
    name = _require_text(name, label="检查事项名称", field_name="name", max_length=300)
    check_method = rules.parse_check_method(check_method)
    status = rules.parse_status(status)
    basis_text = (basis_text or "").strip()
    power_items = list(power_items)
    _check_power_items(owner_unit, power_items)
    articles = _articles_for(basis_text, legal_articles, resolver)
    message = f"检查事项编码“{code}”已存在。"
    if CheckItem.objects.filter(code=code).exists():
        raise Conflict(message, code="check_item_code_taken", fields={"code": [message]})
    item = CheckItem(
        code=code,
        name=name,
        owner_unit=owner_unit,
        basis_text=basis_text,
        check_method=check_method,
        status=status,
        has_legal_basis=rules.check_item_has_legal_basis(basis_text=basis_text, article_count=len(articles)),
    )
    _full_clean(item, code="invalid_check_item")
    _save_new(item, code="check_item_code_taken", conflict_message=message)
    item.power_items.set(power_items)
    item.legal_articles.set(articles)
    record_audit(
        actor=actor,
        event_type=AuditEventType.CHECK_ITEM_CREATED,
        target=item,
        reason=reason,
        changes={
            "code": [None, code],
            "name": [None, name],
            "owner_unit": [None, owner_unit.code],
            "power_items": [None, sorted(p.code for p in power_items)],
            "basis_text": [None, basis_text],
            "legal_articles": [None, _ids(articles)],
            "check_method": [None, check_method],
            "has_legal_basis": [None, item.has_legal_basis],
            "status": [None, status],
        },
    )
    return item


@transaction.atomic
def check_item_update(
    *,
    actor: Actor,
    item: CheckItem,
    reason: str = "",
    name: str | None = None,
    owner_unit: OrgUnit | None = None,
    power_items: Sequence[PowerItem] | None = None,
    check_method: str | None = None,
    basis_text: str | None = None,
    legal_articles: Iterable[LegalArticle] | None = None,
    status: str | None = None,
    resolver: BasisResolver | None = None,
) -> CheckItem:
    """Change a check item; arguments left out stay as they are. `has_legal_basis` is derived again.

    Writes: CheckItem, its links, AuditEvent CHECK_ITEM_UPDATED (only if something changed).
    """
    locked = CheckItem.objects.select_for_update().select_related("owner_unit").get(pk=item.pk)
    changes: dict[str, list[Any]] = {}
    if name is not None:
        _set(locked, changes, "name", _require_text(name, label="检查事项名称", field_name="name", max_length=300))
    if check_method is not None:
        _set(locked, changes, "check_method", rules.parse_check_method(check_method))
    if status is not None:
        _set(locked, changes, "status", rules.parse_status(status))
    if owner_unit is not None and owner_unit.pk != locked.owner_unit_id:
        changes["owner_unit"] = [locked.owner_unit.code, owner_unit.code]
        locked.owner_unit = owner_unit
    current_power_items = list(locked.power_items.select_related("owner_unit"))
    new_power_items = list(power_items) if power_items is not None else current_power_items
    _check_power_items(locked.owner_unit, new_power_items)
    old_codes = sorted(p.code for p in current_power_items)
    new_codes = sorted(p.code for p in new_power_items)
    if old_codes != new_codes:
        changes["power_items"] = [old_codes, new_codes]
        locked.power_items.set(new_power_items)
    articles = list(legal_articles) if legal_articles is not None else None
    if basis_text is not None and basis_text.strip() != locked.basis_text:
        _set(locked, changes, "basis_text", basis_text.strip())
        if articles is None:
            articles = _articles_for(locked.basis_text, None, resolver)
    _set_articles(locked, changes, articles)
    article_count = len(articles) if articles is not None else locked.legal_articles.count()
    _set(
        locked,
        changes,
        "has_legal_basis",
        rules.check_item_has_legal_basis(basis_text=locked.basis_text, article_count=article_count),
    )
    if not changes:
        return locked
    _full_clean(locked, code="invalid_check_item")
    locked.save()
    record_audit(
        actor=actor, event_type=AuditEventType.CHECK_ITEM_UPDATED, target=locked, reason=reason, changes=changes
    )
    return locked


# --- discretion standards ------------------------------------------------------------------------


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


# --- flexible measures ---------------------------------------------------------------------------


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


# --- list imports --------------------------------------------------------------------------------


class ImportRowRefused(DomainError):
    """A row that passed the importer's checks but was refused while writing; rolls back the file."""

    def __init__(self, row: int, error: DomainError) -> None:
        super().__init__(error.message, code=error.code, fields=error.fields)
        self.row = row


@dataclass(frozen=True, slots=True)
class PowerItemRow:
    """One validated row of a 权责清单 file. `status` None: the file has no 状态 column."""

    row: int
    code: str
    name: str
    category: str
    owner_unit: OrgUnit
    basis_text: str
    status: str | None = None


@dataclass(frozen=True, slots=True)
class CheckItemRow:
    """One validated row of a 检查清单 file."""

    row: int
    code: str
    name: str
    owner_unit: OrgUnit
    power_items: tuple[PowerItem, ...]
    basis_text: str
    check_method: str


@dataclass
class ImportOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    unresolved_citations: list[str] = field(default_factory=list)
    without_basis: int = 0
    list_import: ListImport | None = None


def _power_row_differs(item: PowerItem, row: PowerItemRow) -> bool:
    return (
        item.name != row.name
        or item.category != row.category
        or item.owner_unit_id != row.owner_unit.pk
        or item.basis_text != row.basis_text
        or (row.status is not None and item.status != row.status)
    )


def _check_row_differs(item: CheckItem, row: CheckItemRow) -> bool:
    return (
        item.name != row.name
        or item.owner_unit_id != row.owner_unit.pk
        or item.basis_text != row.basis_text
        or item.check_method != row.check_method
        or {p.pk for p in item.power_items.all()} != {p.pk for p in row.power_items}
    )


def _record_import(
    *, actor: Actor, kind: str, filename: str, checksum: str, rows: int, outcome: ImportOutcome, reason: str
) -> ListImport:
    list_import = ListImport.objects.create(
        kind=kind,
        filename=filename[:255],
        checksum=checksum,
        row_count=rows,
        created=outcome.created,
        updated=outcome.updated,
        unchanged=outcome.unchanged,
        imported_at=timezone.now(),
        imported_by=actor,
    )
    record_audit(
        actor=actor,
        event_type=AuditEventType.POWER_LIST_IMPORTED,
        target=list_import,
        reason=reason,
        changes={
            "kind": [None, kind],
            "filename": [None, list_import.filename],
            "checksum": [None, checksum],
            "created": [None, outcome.created],
            "updated": [None, outcome.updated],
            "unchanged": [None, outcome.unchanged],
        },
    )
    return list_import


@transaction.atomic
def power_items_import(
    *,
    actor: Actor,
    rows: Sequence[PowerItemRow],
    filename: str,
    checksum: str,
    dry_run: bool = False,
    reason: str = "",
) -> ImportOutcome:
    """Create or update the power items of validated rows, keyed on the code; all or nothing.

    Identical rows are left alone, so importing the same file twice changes nothing but the import log.
    With `dry_run` nothing is written. A row refused while writing raises ImportRowRefused, and
    the whole file rolls back.
    Writes: PowerItem (+ POWER_ITEM_CREATED/UPDATED per changed row), OwnerInForceSpan (once for the
    file), ListImport + POWER_LIST_IMPORTED.
    """
    outcome = ImportOutcome()
    resolver = BasisResolver()
    existing = power_items_by_code(codes=[row.code for row in rows])
    reason = reason or f"导入权责清单：{filename}"
    deltas: SpanDeltas = Counter()  # the in-force spans, applied once for the file
    for row in rows:
        current = existing.get(row.code)
        if current is not None and not _power_row_differs(current, row):
            outcome.unchanged += 1
            continue
        articles, unresolved = resolver.resolve(row.basis_text)
        outcome.unresolved_citations.extend(c for c in unresolved if c not in outcome.unresolved_citations)
        if current is None:
            outcome.created += 1
        else:
            outcome.updated += 1
        if dry_run:
            continue
        try:
            if current is None:
                power_item_create(
                    actor=actor,
                    code=row.code,
                    name=row.name,
                    category=row.category,
                    owner_unit=row.owner_unit,
                    basis_text=row.basis_text,
                    legal_articles=articles,
                    status=row.status or ItemStatus.ACTIVE,
                    reason=reason,
                    span_deltas=deltas,
                )
            else:
                power_item_update(
                    actor=actor,
                    item=current,
                    name=row.name,
                    category=row.category,
                    owner_unit=row.owner_unit,
                    basis_text=row.basis_text,
                    legal_articles=articles if row.basis_text != current.basis_text else None,
                    status=row.status,
                    reason=reason,
                    span_deltas=deltas,
                )
        except DomainError as exc:
            raise ImportRowRefused(row.row, exc) from exc
    if not dry_run:
        in_force_spans_add(deltas)
        outcome.list_import = _record_import(
            actor=actor,
            kind=ListKind.POWERS,
            filename=filename,
            checksum=checksum,
            rows=len(rows),
            outcome=outcome,
            reason=reason,
        )
    return outcome


@transaction.atomic
def check_items_import(
    *,
    actor: Actor,
    rows: Sequence[CheckItemRow],
    filename: str,
    checksum: str,
    dry_run: bool = False,
    reason: str = "",
) -> ImportOutcome:
    """Create or update the check items of validated rows, keyed on the code; all or nothing.

    Items without a 检查依据 are imported and flagged (has_legal_basis False); they cannot be sampled.
    Writes: CheckItem (+ CHECK_ITEM_CREATED/UPDATED per changed row), ListImport + POWER_LIST_IMPORTED.
    """
    outcome = ImportOutcome()
    resolver = BasisResolver()
    existing = check_items_by_code(codes=[row.code for row in rows])
    reason = reason or f"导入检查清单：{filename}"
    for row in rows:
        if not rules.basis_is_stated(row.basis_text):
            outcome.without_basis += 1
        current = existing.get(row.code)
        if current is not None and not _check_row_differs(current, row):
            outcome.unchanged += 1
            continue
        articles, unresolved = resolver.resolve(row.basis_text)
        outcome.unresolved_citations.extend(c for c in unresolved if c not in outcome.unresolved_citations)
        if current is None:
            outcome.created += 1
        else:
            outcome.updated += 1
        if dry_run:
            continue
        try:
            if current is None:
                check_item_create(
                    actor=actor,
                    code=row.code,
                    name=row.name,
                    owner_unit=row.owner_unit,
                    power_items=row.power_items,
                    check_method=row.check_method,
                    basis_text=row.basis_text,
                    legal_articles=articles,
                    reason=reason,
                )
            else:
                check_item_update(
                    actor=actor,
                    item=current,
                    name=row.name,
                    owner_unit=row.owner_unit,
                    power_items=row.power_items,
                    check_method=row.check_method,
                    basis_text=row.basis_text,
                    legal_articles=articles if row.basis_text != current.basis_text else None,
                    reason=reason,
                )
        except DomainError as exc:
            raise ImportRowRefused(row.row, exc) from exc
    if not dry_run:
        outcome.list_import = _record_import(
            actor=actor,
            kind=ListKind.CHECK_ITEMS,
            filename=filename,
            checksum=checksum,
            rows=len(rows),
            outcome=outcome,
            reason=reason,
        )
    return outcome
