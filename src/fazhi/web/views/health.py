"""/healthz: is the database reachable and fully migrated? JSON for load balancers and monitors.

Never a 500: every failure is caught and reported as "error" with HTTP 503. Error details stay in
the server log; the public answer names only the exception class.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


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
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:
        logger.exception("healthz: migration check failed")
        return {"ok": False, "unapplied": None, "error": type(exc).__name__}
    return {"ok": not plan, "unapplied": len(plan)}


@never_cache
@require_safe
def healthz_view(request: HttpRequest) -> JsonResponse:
    database = _database_status()
    migrations = _migration_status() if database["ok"] else {"ok": False, "unapplied": None}
    healthy = database["ok"] and migrations["ok"]
    body = {"status": "ok" if healthy else "error", "database": database, "migrations": migrations}
    return JsonResponse(body, status=200 if healthy else 503, json_dumps_params={"ensure_ascii": False})
