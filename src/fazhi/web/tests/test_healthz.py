"""/healthz: database and migration status as JSON, 200 or 503, never 500."""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connection
from django.db.utils import OperationalError
from django.urls import reverse

from fazhi.web.views import health


def test_healthy(client, db):
    response = client.get(reverse("web:healthz"))

    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body == {
        "status": "ok",
        "database": {"ok": True, "vendor": connection.vendor},
        "migrations": {"ok": True, "unapplied": 0},
    }
    assert "no-cache" in response["Cache-Control"]


def test_path_has_no_trailing_slash_and_needs_no_login(client, db):
    assert reverse("web:healthz") == "/healthz"
    assert client.get("/healthz").status_code == 200


def test_database_failure_is_503_not_500(client, db, monkeypatch):
    class BrokenConnection:
        vendor = "postgresql"

        def cursor(self):
            raise OperationalError("connection refused (secret-host:5432)")

    monkeypatch.setattr(health, "connections", {DEFAULT_DB_ALIAS: BrokenConnection()})

    response = client.get(reverse("web:healthz"))

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"] == {"ok": False, "vendor": "postgresql", "error": "OperationalError"}
    assert "secret-host" not in response.content.decode()  # details stay in the server log
    assert body["migrations"]["ok"] is False


def test_unapplied_migrations_are_503(client, db, monkeypatch):
    class PendingExecutor:
        def __init__(self, connection):
            self.loader = type("Loader", (), {"graph": type("Graph", (), {"leaf_nodes": lambda self: []})()})()

        def migration_plan(self, targets):
            return [("orgs", "9999_pending"), ("web", "9999_pending")]

    monkeypatch.setattr(health, "MigrationExecutor", PendingExecutor)

    response = client.get(reverse("web:healthz"))

    assert response.status_code == 503
    assert response.json()["migrations"] == {"ok": False, "unapplied": 2}


def test_post_is_not_allowed(client, db):
    assert client.post(reverse("web:healthz")).status_code == 405
