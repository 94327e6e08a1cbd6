"""Row locks for the legal library (STYLE §4 S6).

`select_for_update()` is a no-op on SQLite, where IMMEDIATE transactions already serialise writers;
on PostgreSQL it stops two imports of the same source from re-chaining its versions at once.
"""

from __future__ import annotations

from fazhi.legal.models import LegalSource


def legal_source_lock(*, source_id: int) -> LegalSource:
    """Return the source, locked until the end of the current transaction."""
    return LegalSource.objects.select_for_update().get(pk=source_id)
