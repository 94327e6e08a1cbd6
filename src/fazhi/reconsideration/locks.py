"""Row locks for reconsideration cases (STYLE §4 S6) with the optimistic version check.

On PostgreSQL `select_for_update()` makes a second transition wait for the first to commit and then
see the new `version`; on SQLite IMMEDIATE transactions serialise writers and the version check
alone catches the stale copy.
"""

from __future__ import annotations

from fazhi.core.errors import Conflict
from fazhi.reconsideration.models import ReconsiderationCase


def case_lock(*, case_id: int, expected_version: int | None) -> ReconsiderationCase:
    """Return the case locked until the end of the transaction, or Conflict if it moved on meanwhile.

    `expected_version` None skips the check (jobs acting on the current state, e.g. 视为受理).
    """
    locked = ReconsiderationCase.objects.select_for_update().select_related("authority", "respondent").get(pk=case_id)
    if expected_version is not None and locked.version != expected_version:
        raise Conflict(
            f"案件已被他人修改（当前版本{locked.version}，您的版本{expected_version}），请刷新后重试。",
            code="reconsideration.version_conflict",
        )
    return locked
