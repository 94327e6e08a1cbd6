"""Enforcement intake (the issue's measurements): bulk import throughput and API create-inspection latency.

(a) Bulk path: BENCH_INSPECTIONS inspections and BENCH_CASES penalty cases through
    services.inspection_bulk_import / penalty_case_bulk_import (every row validated: scope, party
    identifier, two certified officers, limitation, Art. 51, decision deadline; all-or-nothing per
    file; one audit row per batch). Target on PostgreSQL: 1,000,000 + 200,000 rows in ≤ 300 s.
    Baselines in the same run: a plain COPY (PostgreSQL) / executemany (SQLite) of the same rows
    through the same writer (same tables and links, same batch size, one transaction, no
    validation, no audit, no timeline/deadline rows), and the naive
    per-row service (inspection_record) on a 2,000-row sample, extrapolated to BENCH_INSPECTIONS.
    Defaults: full sizes on PostgreSQL; 100,000 / 20,000 on SQLite (labelled in each figure).
(b) API: POST /api/v1/enforcement/inspections/ at 16 concurrent clients (threads, one keep-alive
    connection each) against the production server (gunicorn with deploy/gunicorn.conf.py: gthread
    workers, persistent database connections), p50/p95 in ms; baseline: GET /healthz under the same
    load. Target p95 ≤ 100 ms. BENCH_SERVER=runserver measures `fazhi runserver` instead.

Run: `python bench/bench_enforcement.py` (SQLite) and
`DATABASE_URL=postgres://postgres@127.0.0.1:5432/test python bench/bench_enforcement.py --postgres-only`
(the Makefile `bench` target runs both). The PostgreSQL pass uses its own throw-away database
`fazhi_bench_enforcement`, so it never collides with the other bench scripts' `fazhi_bench`.
Env: BENCH_INSPECTIONS, BENCH_CASES, BENCH_API_REQUESTS (default 3000), BENCH_SKIP_API=1,
BENCH_SKIP_BULK=1, BENCH_SERVER=runserver.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from _setup import ROOT, emit, postgres_only_run

DB_NAME = "fazhi_bench_enforcement"
CLIENTS = 16
SERVER = os.environ.get("BENCH_SERVER", "gunicorn")
SERVER_LABEL = (
    "fazhi runserver --noreload (threaded)"
    if SERVER == "runserver"
    else "gunicorn -c deploy/gunicorn.conf.py (gthread, 2 workers per core × 4 threads)"
)
BATCH = 2000
SAMPLE = 2000


def _setup_database() -> str:
    """Like _setup.setup_django, but with this script's own PostgreSQL database name."""
    url = os.environ.get("DATABASE_URL")
    if url:
        import psycopg

        base, _, _name = url.rpartition("/")
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {DB_NAME}")
        os.environ["DATABASE_URL"] = f"{base}/{DB_NAME}"
    else:
        os.environ["FAZHI_VAR_DIR"] = tempfile.mkdtemp(prefix="fazhi-bench-enf-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    os.environ["FAZHI_DEBUG"] = "false"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.db import connection

    return connection.vendor


def _uscc(n: int) -> str:
    from fazhi.core.ids import uscc_check_char

    first17 = f"913501{n:011d}"
    return first17 + uscc_check_char(first17)


def _world():  # type: ignore[no-untyped-def]
    """Two 市场监管 units, four certified officers each, one officer user with a token."""
    from django.db import transaction

    from fazhi.orgs import services as org_services
    from fazhi.orgs.choices import OrgUnitKind, Role
    from fazhi.orgs.models import EnforcementDomain, User
    from fazhi.orgs.tests.factories import OfficerFactory, PersonFactory

    with transaction.atomic():
        domain = EnforcementDomain.objects.create(code="SCJG", name="市场监管")
        region = org_services.org_unit_create(actor=None, code="BR", name="基准区", kind=OrgUnitKind.REGION)
        government = org_services.org_unit_create(
            actor=None, code="BG", name="基准区人民政府", kind=OrgUnitKind.GOVERNMENT, parent=region
        )
        units = [
            org_services.org_unit_create(
                actor=None, code=f"BU{n}", name=f"基准市场监管局{n}", kind=OrgUnitKind.DEPARTMENT, parent=government,
                is_enforcement_body=True, domains=[domain],
            )
            for n in range(2)
        ]  # fmt: skip
        officers: dict[str, list[int]] = {}
        for unit in units:
            ids = []
            for n in range(4):
                officer = OfficerFactory(unit=unit, person=PersonFactory())
                org_services.certificate_issue(
                    actor=None, officer=officer, number=f"{unit.code}-{n}", issuer="基准区人民政府", domains=[domain],
                    valid_from=date(2020, 1, 1), valid_to=date(2030, 12, 31),
                )  # fmt: skip
                ids.append(officer.pk)
            officers[unit.code] = ids
        user = User.objects.create_user(username="bench_officer", person=PersonFactory(), password=None)
        org_services.role_assign(actor=None, user=user, role=Role.OFFICER, unit=region)
        token = org_services.api_token_issue(actor=None, user=user)
    return user, units, officers, token


def _inspection_rows(count: int, officers: dict[str, list[int]], codes: list[str]):  # type: ignore[no-untyped-def]
    from fazhi.enforcement.services import InspectionRow

    units = sorted(officers)
    start = date(2025, 1, 2)
    rows = []
    for i in range(count):
        unit = units[i % len(units)]
        ids = officers[unit]
        rows.append(
            InspectionRow(
                unit_code=unit, party_kind="organisation", party_name=f"基准企业{i % 5000}",
                party_code=codes[i % len(codes)],
                occurred_on=start + timedelta(days=i % 500), officer_ids=(ids[i % 4], ids[(i + 1) % 4]),
                outcome="compliant", origin="random", findings="检查合格",
            )
        )  # fmt: skip
    return rows


def _case_rows(count: int, officers: dict[str, list[int]], codes: list[str]):  # type: ignore[no-untyped-def]
    from fazhi.enforcement.services import CaseRow

    units = sorted(officers)
    start = date(2025, 1, 6)
    rows = []
    for i in range(count):
        unit = units[i % len(units)]
        ids = officers[unit]
        filed = start + timedelta(days=i % 450)
        closed = i % 3 != 0
        rows.append(
            CaseRow(
                unit_code=unit, procedure="ordinary", status="closed" if closed else "investigating",
                outcome="penalty_executed" if closed else "", cause="销售过期食品", party_kind="organisation",
                party_name=f"基准企业{i % 5000}", party_code=codes[i % len(codes)],
                violation_ended_on=filed - timedelta(days=10), discovered_on=filed - timedelta(days=1), filed_on=filed,
                officer_ids=(ids[i % 4], ids[(i + 1) % 4]),
                decided_on=filed + timedelta(days=30) if closed else None,
                penalty_types=("fine",) if closed else (), fine_amount=Decimal("5000") if closed else Decimal(0),
                closed_on=filed + timedelta(days=60) if closed else None,
            )
        )  # fmt: skip
    return rows


def _plain_inspections(rows, user, units) -> None:  # type: ignore[no-untyped-def]
    """Baseline: the same rows and officer links through the same COPY/executemany writer, no checks, no audit."""
    from django.db import transaction
    from django.utils import timezone

    from fazhi.enforcement.models import Inspection
    from fazhi.enforcement.services.bulk import _insert, _Table

    by_code = {u.code: u.pk for u in units}
    table, links = _Table(Inspection), _Table(Inspection.officers.through)
    now = timezone.now()
    with transaction.atomic():
        for offset in range(0, len(rows), BATCH):
            batch = rows[offset : offset + BATCH]
            ids = _insert(
                table,
                [
                    {
                        "unit_id": by_code[r.unit_code], "party_kind": r.party_kind, "party_name": r.party_name,
                        "party_code": r.party_code, "occurred_on": r.occurred_on, "recorded_at": now,
                        "findings": r.findings, "outcome": r.outcome, "origin": r.origin, "recorded_by_id": user.pk,
                        "backfilled": True, "created_at": now, "updated_at": now,
                    }
                    for r in batch
                ],
            )  # fmt: skip
            _insert(links, [{"inspection_id": pk, "officer_id": o} for pk, r in zip(ids, batch, strict=True)
                            for o in r.officer_ids])  # fmt: skip


def _plain_cases(rows, user, units) -> None:  # type: ignore[no-untyped-def]
    """Baseline: the same cases and officer links through the same writer, no checks/audit/timeline/deadlines."""
    from django.db import transaction
    from django.utils import timezone

    from fazhi.enforcement.models import PenaltyCase
    from fazhi.enforcement.services.bulk import _insert, _Table

    by_code = {u.code: u.pk for u in units}
    table, links = _Table(PenaltyCase), _Table(PenaltyCase.officers.through)
    now = timezone.now()
    with transaction.atomic():
        for offset in range(0, len(rows), BATCH):
            batch = rows[offset : offset + BATCH]
            ids = _insert(
                table,
                [
                    {
                        "unit_id": by_code[r.unit_code], "procedure": r.procedure, "status": r.status,
                        "outcome": r.outcome, "cause": r.cause, "party_kind": r.party_kind, "party_name": r.party_name,
                        "party_code": r.party_code, "violation_ended_on": r.violation_ended_on,
                        "discovered_on": r.discovered_on, "filed_on": r.filed_on, "decided_on": r.decided_on,
                        "penalty_types": list(r.penalty_types), "fine_amount": r.fine_amount, "closed_on": r.closed_on,
                        "created_by_id": user.pk, "backfilled": True, "created_at": now, "updated_at": now,
                    }
                    for r in batch
                ],
            )  # fmt: skip
            _insert(links, [{"penaltycase_id": pk, "officer_id": o} for pk, r in zip(ids, batch, strict=True)
                            for o in r.officer_ids])  # fmt: skip


def _timed(function, *args) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def bench_bulk(vendor: str) -> None:
    from fazhi.enforcement import services

    full = vendor == "postgresql"
    n_inspections = int(os.environ.get("BENCH_INSPECTIONS", 1_000_000 if full else 100_000))
    n_cases = int(os.environ.get("BENCH_CASES", 200_000 if full else 20_000))
    label = "full size" if full else "reduced SQLite size"
    user, units, officers, _token = _world()
    codes = [_uscc(n) for n in range(5000)]

    inspections = _inspection_rows(n_inspections, officers, codes)
    baseline = _timed(_plain_inspections, inspections, user, units)
    started = time.perf_counter()
    result = services.inspection_bulk_import(actor=user, rows=inspections)
    service = time.perf_counter() - started
    assert not result.errors and result.created == n_inspections, result.errors[:3]
    emit(
        f"bulk_inspections_per_s_{vendor}",
        n_inspections / service,
        "rows/s",
        baseline="plain COPY (same writer) of the same rows + officer links, no validation/audit, rows/s",
        baseline_value=n_inspections / baseline,
        database=vendor,
        n=n_inspections,
        size=label,
        seconds=round(service, 1),
        baseline_seconds=round(baseline, 1),
        audit_rows=result.batches,
    )
    del inspections

    cases = _case_rows(n_cases, officers, codes)
    baseline = _timed(_plain_cases, cases, user, units)
    started = time.perf_counter()
    result = services.penalty_case_bulk_import(actor=user, rows=cases)
    service_cases = time.perf_counter() - started
    assert not result.errors and result.created == n_cases, result.errors[:3]
    emit(
        f"bulk_cases_per_s_{vendor}",
        n_cases / service_cases,
        "rows/s",
        baseline="plain COPY (same writer) of the same cases + officer links, no checks/audit/events/deadlines, rows/s",
        baseline_value=n_cases / baseline,
        database=vendor,
        n=n_cases,
        size=label,
        seconds=round(service_cases, 1),
        baseline_seconds=round(baseline, 1),
    )
    total = service + service_cases
    emit(
        f"bulk_total_seconds_{vendor}",
        total,
        "s",
        baseline="target (issue): all rows in ≤ 300 s",
        baseline_value=300.0,
        database=vendor,
        inspections=n_inspections,
        cases=n_cases,
        size=label,
        within_target=total <= 300,
    )

    # naive per-row service call on a sample, extrapolated
    sample = _inspection_rows(SAMPLE, officers, codes)
    by_code = {u.code: u for u in units}

    def one(row) -> None:  # type: ignore[no-untyped-def]
        services.inspection_record(
            actor=user, unit=by_code[row.unit_code], party_kind=row.party_kind, party_name=row.party_name,
            party_code=row.party_code, occurred_on=row.occurred_on, officer_ids=list(row.officer_ids),
            outcome=row.outcome, origin=row.origin, findings=row.findings,
        )  # fmt: skip

    per_row = _timed(lambda: [one(r) for r in sample]) / SAMPLE
    emit(
        f"naive_per_row_inspections_per_s_{vendor}",
        1 / per_row,
        "rows/s",
        baseline="bulk path rows/s (same run)",
        baseline_value=n_inspections / service,
        database=vendor,
        n=SAMPLE,
        extrapolated_seconds_for_n=round(per_row * n_inspections, 1),
        n_extrapolated=n_inspections,
    )


# --- (b) API latency ----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_ready(port: int, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status in (200, 503):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("server did not start")


def _load(port: int, method: str, path: str, headers: dict[str, str], body_for, count: int) -> list[float]:  # type: ignore[no-untyped-def]
    """`count` requests spread over CLIENTS threads; returns latencies in ms (non-2xx raise)."""
    latencies: list[float] = []
    lock = threading.Lock()
    counter = iter(range(count))
    errors: list[str] = []

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        for index in counter:
            body = body_for(index)
            started = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                payload = response.read()
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                payload = response.read()
            mine.append((time.perf_counter() - started) * 1000)
            if response.status >= 300:
                errors.append(f"{response.status} {payload[:200]!r}")
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"{len(errors)} failed requests, e.g. {errors[0]}")
    return latencies


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def bench_api(vendor: str) -> None:
    from fazhi.orgs.models import User

    user = User.objects.get(username="bench_officer")
    from fazhi.orgs.models import Officer

    officer_ids = list(Officer.objects.filter(unit__code="BU0").values_list("pk", flat=True)[:2])
    token = __import__("rest_framework.authtoken.models", fromlist=["Token"]).Token.objects.get(user=user).key
    count = int(os.environ.get("BENCH_API_REQUESTS", 3000))
    port = _free_port()
    env = {**os.environ, "FAZHI_DEBUG": "false", "FAZHI_ALLOWED_HOSTS": "127.0.0.1,localhost", "PYTHONUNBUFFERED": "1"}
    bin_dir = Path(sys.executable).parent
    if SERVER == "runserver":
        command = [str(bin_dir / "fazhi"), "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}"]
    else:
        command = [str(bin_dir / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")]
        env.update(GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_ACCESSLOG="", DJANGO_SETTINGS_MODULE="fazhi.settings")
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_ready(port)
        codes = [_uscc(100_000 + n) for n in range(1000)]
        headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}

        def body(index: int) -> bytes:
            return json.dumps(
                {
                    "unit_code": "BU0", "party_kind": "organisation", "party_name": f"接口企业{index}",
                    "party_code": codes[index % len(codes)], "occurred_on": "2025-06-03", "officer_ids": officer_ids,
                    "outcome": "compliant", "origin": "random",
                }
            ).encode()  # fmt: skip

        _load(port, "POST", "/api/v1/enforcement/inspections/", headers, body, 200)  # warm-up
        _load(port, "GET", "/healthz", {}, lambda i: None, 200)
        health = _load(port, "GET", "/healthz", {}, lambda i: None, count)
        create = _load(port, "POST", "/api/v1/enforcement/inspections/", headers, body, count)
    finally:
        server.terminate()
        server.wait(timeout=30)
    for q in (50, 95):
        emit(
            f"api_create_inspection_p{q}_ms_{vendor}_{CLIENTS}_clients",
            _p(create, q),
            "ms",
            baseline=f"GET /healthz p{q} under the same load (ms)",
            baseline_value=_p(health, q),
            database=vendor,
            n=count,
            server=SERVER_LABEL,
            target_p95_ms=100,
        )


def main() -> None:
    if postgres_only_run() and not os.environ.get("DATABASE_URL"):
        return
    vendor = _setup_database()
    if os.environ.get("BENCH_SKIP_BULK"):
        _world()  # the API part needs only the units, officers and the token
    else:
        bench_bulk(vendor)
    if not os.environ.get("BENCH_SKIP_API"):
        bench_api(vendor)


if __name__ == "__main__":
    main()
