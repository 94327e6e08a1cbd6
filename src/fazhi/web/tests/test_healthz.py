"""/healthz: database and migration status as JSON, 200 or 503, never 500."""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connection
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import OperationalError
from django.test.utils import CaptureQueriesContext
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


def test_unapplied_migrations_are_503(client, db):
    # given: the row of a migration that exists on disk is missing (the test's transaction restores it)
    deleted, _ = MigrationRecorder.Migration.objects.filter(app="orgs", name="0001_initial").delete()
    assert deleted == 1

    response = client.get(reverse("web:healthz"))

    assert response.status_code == 503
    assert response.json()["migrations"] == {"ok": False, "unapplied": 1}


def test_a_squash_counts_as_applied_when_all_it_replaces_is_applied(monkeypatch):
    squash = ("orgs", "0001_squashed_0002")
    monkeypatch.setattr(health, "migration_nodes", lambda: {squash: (("orgs", "0001"), ("orgs", "0002"))})

    assert health._unapplied({("orgs", "0001"), ("orgs", "0002")}) == 0
    assert health._unapplied({squash}) == 0
    assert health._unapplied({("orgs", "0001")}) == 1


def test_costs_two_queries_and_reads_the_migration_files_once(client, db):
    client.get(reverse("web:healthz"))  # the first request of a process loads the migration graph
    assert health.migration_nodes.cache_info().currsize == 1

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("web:healthz"))

    assert response.status_code == 200
    assert len(queries) == 2  # SELECT 1, then the django_migrations rows


def test_post_is_not_allowed(client, db):
    assert client.post(reverse("web:healthz")).status_code == 405
