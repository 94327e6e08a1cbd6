"""Shared steps of the powers services: argument checks, the basis resolver, saving a new row, recording changes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from fazhi.core.errors import Conflict, DomainError
from fazhi.core.validation import full_clean
from fazhi.legal.models import LegalArticle
from fazhi.legal.selectors import legal_article_get_by_citation
from fazhi.orgs.models import User
from fazhi.powers import rules

Actor = User | None


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
