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


def row_hash(
    *,
    sequence: int,
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
    prev_hash: str,
) -> str:
    """SHA-256 over the sorted-key JSON of every field, including the previous row's hash."""
    document = {
        "sequence": sequence,
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
        "prev_hash": prev_hash,
    }
    payload = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
