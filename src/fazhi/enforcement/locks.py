"""Row locks for penalty cases (STYLE §4 S6) with the optimistic version check.

On PostgreSQL `select_for_update()` makes a second transition wait for the first to commit and
then see the new `version`; on SQLite (a no-op there) IMMEDIATE transactions already serialise
writers and the version check alone catches the stale copy.
"""

from __future__ import annotations

from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.rules.common import refuse_stale


def case_lock(*, case_id: int, expected_version: int | None) -> PenaltyCase:
    """Return the case locked until the end of the transaction, or Conflict if it moved on meanwhile.

    `expected_version` None: lock whatever the current version is (a change decided outside the unit).
    """
    locked = PenaltyCase.objects.select_for_update().get(pk=case_id)
    if expected_version is not None and locked.version != expected_version:
        raise refuse_stale(current=locked.version, expected=expected_version)
    return locked
