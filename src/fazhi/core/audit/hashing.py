"""The canonical form of an audit row and its hash — identical on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder


def normalize_changes(changes: dict[str, Any]) -> Any:
    """Round-trip through JSON so Decimals, dates and tuples hash as they will be read back."""
    return json.loads(json.dumps(changes, cls=DjangoJSONEncoder, ensure_ascii=False))


def canonical_datetime(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _canonical_json(document: dict[str, Any]) -> bytes:
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _content_document(
    *,
    occurred_at: datetime,
    event_type: int,
    actor_id: int | None,
    actor_display: str,
    request_id: uuid.UUID | str | None,
    target_type: str,
    target_id: str,
    target_repr: str,
    reason: str,
    changes: Any,
    backfilled: bool,
) -> dict[str, Any]:
    """A row's own fields in canonical form (keyword-only: a missing or unknown field is an error)."""
    return {
        "occurred_at": canonical_datetime(occurred_at),
        "event_type": event_type,
        "actor_id": actor_id,
        "actor_display": actor_display,
        "request_id": str(request_id) if request_id else None,
        "target_type": target_type,
        "target_id": target_id,
        "target_repr": target_repr,
        "reason": reason,
        "changes": changes,
        "backfilled": backfilled,
    }


def content_hash(**fields: Any) -> str:
    """SHA-256 over the sorted-key JSON of a row's own fields (scheme 2's first step).

    Computed before the chain head is locked: only the short link step below runs under the lock.
    """
    return hashlib.sha256(_canonical_json(_content_document(**fields))).hexdigest()


def link_hash(*, prev_hash: str, sequence: int, content: str) -> str:
    """SHA-256 of "prev_hash:sequence:content_hash" (scheme 2's chain step).

    PostgreSQL computes the same value inside the append statement
    (`encode(sha256(convert_to(prev || ':' || seq || ':' || content, 'UTF8')), 'hex')`), so the
    link is made while the head row is locked by that one statement; the two must stay identical.
    """
    return hashlib.sha256(f"{prev_hash}:{sequence}:{content}".encode()).hexdigest()


def row_hash_v1(*, sequence: int, prev_hash: str, **fields: Any) -> str:
    """Scheme 1 (rows written before migration 0005): one SHA-256 over every field and prev_hash."""
    document = _content_document(**fields) | {"sequence": sequence, "prev_hash": prev_hash}
    return hashlib.sha256(_canonical_json(document)).hexdigest()


def row_hash(*, scheme: int, sequence: int, prev_hash: str, **fields: Any) -> str:
    """The hash a row of the given scheme must carry."""
    if scheme == 1:
        return row_hash_v1(sequence=sequence, prev_hash=prev_hash, **fields)
    return link_hash(prev_hash=prev_hash, sequence=sequence, content=content_hash(**fields))
