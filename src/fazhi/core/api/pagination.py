"""Limit/offset pagination with bounds: a page of at most MAX_LIMIT rows, an offset the database takes.

DRF's LimitOffsetPagination passes any positive integer through to SQL: ?limit=10^20 or
?offset=10^20 overflowed the database's integer (a 500 on SQLite, found by the API fuzz test in
src/fazhi/demo/tests/test_demo_api_fuzz.py). A larger limit is cut to MAX_LIMIT, as DRF does with
max_limit; an offset beyond MAX_OFFSET is refused (400 bad_page), since no list here is that long
and silently answering another page would mislead.
"""

from __future__ import annotations

from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request

from fazhi.core.errors import DomainError

MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000


def require_offset_in_range(offset: int) -> int:
    """The offset itself, or 400 bad_page when no list could be that long."""
    if offset > MAX_OFFSET:
        raise DomainError(f"分页参数 offset 不能超过 {MAX_OFFSET:,}。", code="bad_page", fields={"offset": offset})
    return offset


def limit_and_offset(request: Request, *, default: int = 100, cap: int = MAX_LIMIT) -> tuple[int, int]:
    """For lists that slice a queryset themselves: ?limit (1..cap, else the default) and ?offset."""
    try:
        limit = min(cap, max(1, int(request.query_params.get("limit", default))))
    except ValueError:
        limit = default
    try:
        offset = max(0, int(request.query_params.get("offset", 0)))
    except ValueError:
        offset = 0
    return limit, require_offset_in_range(offset)


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    max_limit = MAX_LIMIT

    def get_offset(self, request: Request) -> int:
        return require_offset_in_range(super().get_offset(request))
