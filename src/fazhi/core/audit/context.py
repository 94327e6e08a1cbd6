"""The request id of the current request or job, carried in a context variable.

Services read it when they write an audit row, so a row can be traced to the HTTP request or the
command run that caused it, without threading the request through every call.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_request_id: ContextVar[uuid.UUID | None] = ContextVar("fazhi_request_id", default=None)


def current_request_id() -> uuid.UUID | None:
    return _request_id.get()


@contextmanager
def request_id_scope(request_id: uuid.UUID | None = None) -> Iterator[uuid.UUID]:
    """Bind a request id (a new one unless given) for the duration of the block."""
    value = request_id or uuid.uuid4()
    token = _request_id.set(value)
    try:
        yield value
    finally:
        _request_id.reset(token)
