"""Writes of the power items (权责事项): create and update, each keeping the owners' in-force spans."""

from __future__ import annotations

from collections import Counter
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
from fazhi.powers.choices import ItemStatus
from fazhi.powers.models import PowerItem
from fazhi.powers.services._common import (
    UNSET,
    Actor,
    BasisResolver,
    _articles_for,
    _full_clean,
    _ids,
    _iso,
    _require_text,
    _save_new,
    _set,
    _set_articles,
)
from fazhi.powers.services.in_force_spans import SpanDeltas, _span_delta, in_force_spans_add


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
