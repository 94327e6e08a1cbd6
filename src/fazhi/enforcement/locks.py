"""Row locks for penalty cases (STYLE §4 S6) with the optimistic version check.

On PostgreSQL `select_for_update()` makes a second transition wait for the first to commit and
then see the new `version`; on SQLite (a no-op there) IMMEDIATE transactions already serialise
writers and the version check alone catches the stale copy.
"""

from __future__ import annotations

from fazhi.core.errors import Conflict
from fazhi.enforcement.models import PenaltyCase


def case_lock(*, case_id: int, expected_version: int) -> PenaltyCase:
    """Return the case locked until the end of the transaction, or Conflict if it moved on meanwhile."""
    locked = PenaltyCase.objects.select_for_update().get(pk=case_id)
    if locked.version != expected_version:
        raise Conflict(
            f"案件已被他人修改（当前版本{locked.version}，您的版本{expected_version}），请刷新后重试。",
            code="penalty.version_conflict",
        )
    return locked
