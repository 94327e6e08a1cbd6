"""Small shared pieces of the pure rules: the citation strings and the refusal helpers."""

from __future__ import annotations

from fazhi.core.errors import Conflict, DomainError

LAW = "《中华人民共和国行政处罚法》"


def cite(article: str, law: str = LAW) -> str:
    """Return the citation suffix used in every refusal message, e.g. （《中华人民共和国行政处罚法》第六十三条）."""
    return f"（{law}{article}）"


def refuse(
    message: str, *, code: str, article: str, fields: dict[str, list[str]] | None = None, law: str = LAW
) -> DomainError:
    """A rule violation: the message names the rule and the article (HTTP 400); `law` defaults to 行政处罚法."""
    return DomainError(f"{message}{cite(article, law)}", code=code, fields=fields)


def refuse_now(message: str, *, code: str, article: str = "") -> Conflict:
    """Not allowed in the current state of the record (HTTP 409)."""
    return Conflict(f"{message}{cite(article) if article else ''}", code=code)
