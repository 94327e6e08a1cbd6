"""Reads behind uploading record-intake files (执法信息导入) in the browser or through the API.

Who may upload for which units, which already imported 记录编号 belong to units outside them, and
the uploads a user has made. The command `fazhi import records` runs on the server without a user
and is not scoped; an upload is, by the same subtrees as the supervision pages (scope.VIEW_ROLES).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q

from fazhi.orgs.models import OrgUnit
from fazhi.orgs.selectors import AnyUser
from fazhi.supervision.choices import RecordSource
from fazhi.supervision.models import EnforcementRecord, RecordImport, RollupBatch
from fazhi.supervision.selectors.scope import VIEW_ROLES, _grant_paths

# IN lists of this many keys: a file of 100,000 records checks its keys in 20 queries (SQLite binds
# at most 32,766 parameters per statement).
_KEY_CHUNK = 5000


def record_import_paths_for(*, user: AnyUser) -> list[str] | None:
    """The unit subtrees `user` may upload records for: [] for nobody, None for every unit (superuser).

    Supervisors upload for their region, unit admins for their own unit's subtree (the records of a
    department's own system).
    """
    return _grant_paths(user, VIEW_ROLES)


def user_can_import_records(*, user: AnyUser) -> bool:
    """May `user` upload record files at all (a supervision scope, or a superuser's None)?"""
    return record_import_paths_for(user=user) != []


def imported_keys_outside(*, keys: Sequence[str], paths: Sequence[str]) -> set[str]:
    """The 记录编号 among `keys` already imported for a unit outside the subtrees `paths`."""
    inside = Q(pk__in=[])
    for path in paths:
        inside |= Q(path__startswith=path)
    foreign_units = OrgUnit.objects.exclude(inside).values("pk")
    found: set[str] = set()
    for start in range(0, len(keys), _KEY_CHUNK):
        chunk = keys[start : start + _KEY_CHUNK]
        rows = EnforcementRecord.objects.filter(source=RecordSource.IMPORTED, key__in=chunk, unit_id__in=foreign_units)
        found.update(rows.values_list("key", flat=True))
    return found


def record_import_list_by(*, user: AnyUser, limit: int = 20) -> list[RecordImport]:
    """The user's own most recent record imports (a superuser sees everybody's, the command's too)."""
    if not user.is_authenticated:
        return []
    imports = RecordImport.objects.select_related("imported_by").order_by("-imported_at", "-pk")
    if not user.is_superuser:
        imports = imports.filter(imported_by=user)
    return list(imports[:limit])


def rollup_batches_pending() -> bool:
    """Whether an import's records still wait to be added to the rollups (the partial index answers)."""
    return RollupBatch.objects.filter(merged_at__isnull=True).exists()
