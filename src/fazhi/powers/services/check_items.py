"""Writes of the check items (检查事项): create and update, with their power items and `has_legal_basis`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.errors import Conflict, DomainError
from fazhi.legal.models import LegalArticle
from fazhi.orgs.models import OrgUnit
from fazhi.powers import rules
from fazhi.powers.choices import ItemStatus
from fazhi.powers.models import CheckItem, PowerItem
from fazhi.powers.services._common import (
    Actor,
    BasisResolver,
    _articles_for,
    _full_clean,
    _ids,
    _require_text,
    _save_new,
    _set,
    _set_articles,
)


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
