"""Explicit registries for outbox handlers and periodic jobs (apps register in ready(), no signals)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

# A handler receives the message id (to deduplicate its own effects) and the payload. It must be
# idempotent: a crash after the effect but before the message is marked done means a retry.
Handler = Callable[[int, dict[str, Any]], None]
PeriodicJob = Callable[[datetime], int]  # returns how many things it did, for the tick summary

_HANDLERS: dict[str, Handler] = {}
_PERIODIC: dict[str, PeriodicJob] = {}


def register_handler(kind: str, handler: Handler) -> None:
    existing = _HANDLERS.get(kind)
    if existing is not None and existing is not handler:
        raise RuntimeError(f"outbox handler for {kind!r} registered twice")
    _HANDLERS[kind] = handler


def handler_for(kind: str) -> Handler | None:
    return _HANDLERS.get(kind)


def register_periodic(name: str, job: PeriodicJob) -> None:
    existing = _PERIODIC.get(name)
    if existing is not None and existing is not job:
        raise RuntimeError(f"periodic job {name!r} registered twice")
    _PERIODIC[name] = job


def periodic_jobs() -> dict[str, PeriodicJob]:
    return dict(_PERIODIC)
