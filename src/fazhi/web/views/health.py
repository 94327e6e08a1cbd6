"""/healthz: is the database reachable and fully migrated? JSON for load balancers and monitors.

Never a 500: every failure is caught and reported as "error" with HTTP 503. Error details stay in
the server log; the public answer names only the exception class.

Load balancers call this every few seconds on every worker, so it costs two small queries: the
migration graph is read from disk once per process (the files cannot change under a running
process), and each request compares it with the rows of django_migrations.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

Key = tuple[str, str]


@cache
def migration_nodes() -> dict[Key, tuple[Key, ...]]:
    """Every migration on disk → the migrations it replaces (a squash; empty for an ordinary one).

    Building the graph imports every migration module (tens of milliseconds), hence once per process.
    """
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {key: tuple(loader.disk_migrations[key].replaces) for key in loader.graph.nodes}


def _unapplied(applied: set[Key]) -> int:
    # A squash counts as applied when its own row exists or every migration it replaces has one,
    # as MigrationLoader decides for `migrate`.
    return sum(
        1
        for key, replaces in migration_nodes().items()
        if key not in applied and not (replaces and all(r in applied for r in replaces))
    )


def _database_status() -> dict[str, Any]:
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        logger.exception("healthz: database check failed")
        return {"ok": False, "vendor": connection.vendor, "error": type(exc).__name__}
    return {"ok": True, "vendor": connection.vendor}


def _migration_status() -> dict[str, Any]:
    try:
        recorder = MigrationRecorder(connections[DEFAULT_DB_ALIAS])
        # Not recorder.applied_migrations(): it first asks the catalogue whether the table exists,
        # a second query on every call; a missing table fails this query and is reported as an error.
        applied = set(recorder.migration_qs.values_list("app", "name"))
        unapplied = _unapplied(applied)
    except Exception as exc:
        logger.exception("healthz: migration check failed")
        return {"ok": False, "unapplied": None, "error": type(exc).__name__}
    return {"ok": not unapplied, "unapplied": unapplied}


@never_cache
@require_safe
def healthz_view(request: HttpRequest) -> JsonResponse:
    database = _database_status()
    migrations = _migration_status() if database["ok"] else {"ok": False, "unapplied": None}
    healthy = database["ok"] and migrations["ok"]
    body = {"status": "ok" if healthy else "error", "database": database, "migrations": migrations}
    return JsonResponse(body, status=200 if healthy else 503, json_dumps_params={"ensure_ascii": False})
