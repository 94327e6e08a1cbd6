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
(b) API: POST /api/v1/enforcement/inspections/ at 16 concurrent clients against the production
    deployment (nginx with deploy/nginx-fazhi.conf.template in front of gunicorn with
    deploy/gunicorn.conf.py, persistent database connections), p50/p95 in ms for
    BENCH_API_SECONDS (default 30) after a warm-up; baseline: GET /healthz under the same load.
    Target p95 ≤ 100 ms. The load comes from wrk (`make system-deps` installs it and nginx): 16
    keep-alive connections, each sending its next request when the answer arrives; every create
    names a new party; any answer outside 2xx or socket error fails the run. BENCH_SERVER=gunicorn
    measures gunicorn without nginx, BENCH_SERVER=runserver `fazhi runserver`.

Run: `python bench/bench_enforcement.py` (SQLite) and
`DATABASE_URL=postgres://postgres@127.0.0.1:5432/test python bench/bench_enforcement.py --postgres-only`
(the Makefile `bench` target runs both). The PostgreSQL pass uses its own throw-away database
`fazhi_bench_enforcement` (or BENCH_DB_NAME), so it never collides with the other bench scripts'
`fazhi_bench`.
Env: BENCH_INSPECTIONS, BENCH_CASES, BENCH_API_SECONDS, BENCH_DB_NAME, BENCH_SKIP_API=1,
BENCH_SKIP_BULK=1, BENCH_SERVER=nginx|gunicorn|runserver, GUNICORN_* (deploy/gunicorn.conf.py).
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import string
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from _setup import ROOT, emit, postgres_only_run

# Its own database (BENCH_DB_NAME overrides), so it never drops the other scripts' `fazhi_bench`.
DB_NAME = os.environ.get("BENCH_DB_NAME", "fazhi_bench_enforcement")
CLIENTS = 16
SERVER = os.environ.get("BENCH_SERVER", "nginx")
if SERVER not in ("nginx", "gunicorn", "runserver"):
    raise SystemExit(f"BENCH_SERVER must be nginx, gunicorn or runserver: {SERVER!r}")
_GUNICORN = (
    f"gunicorn -c deploy/gunicorn.conf.py ({os.environ.get('GUNICORN_WORKER_CLASS', 'sync')}, "
    f"{os.environ.get('GUNICORN_WORKERS', 'cpu_count × 2')} workers)"
)
SERVER_LABEL = {
    "nginx": f"nginx (deploy/nginx-fazhi.conf.template) → {_GUNICORN}",
    "gunicorn": f"{_GUNICORN}, no proxy",
    "runserver": "fazhi runserver --noreload (threaded)",
}[SERVER]
BATCH = 2000
SAMPLE = 2000


def _setup_database() -> str:
    """Like _setup.setup_django, but with this script's own PostgreSQL database name."""
    url = os.environ.get("DATABASE_URL")
    if url:
        import psycopg

        if not DB_NAME.replace("_", "").isalnum():
            raise SystemExit(f"BENCH_DB_NAME must be letters, digits and underscores: {DB_NAME!r}")

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

# The load comes from wrk (C, event loop), not from Python threads: 16 threads of http.client in one
# process spend their time in the GIL and in client-side parsing, and that wait was counted as
# server latency. One wrk thread drives the 16 keep-alive connections at a few µs per request and
# leaves both cores to the server. Each connection sends its next request when the answer arrives
# (closed loop, as before); wrk reports the latency of every request.
WRK_THREADS = 1

# Lua for wrk: optional POST bodies with a unique party name per request and a party code from a
# list, counts of answers outside 2xx per thread, and one result line in done() (latencies in µs).
WRK_SCRIPT = r"""
local method, path, headers = %(method)s, %(path)s, %(headers)s
local template, codes = %(template)s, %(codes)s
local threads, sent = {}, 0
-- Globals, not locals: thread:get() and thread:set() reach only a thread's globals.
thread_id, non2xx, sample = 0, 0, ""

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_id", #threads)
end

function request()
  sent = sent + 1
  if template == nil then
    return wrk.format(method, path, headers)
  end
  local body = template:gsub("@NAME@", thread_id .. "-" .. sent):gsub("@CODE@", codes[sent %% #codes + 1])
  return wrk.format(method, path, headers, body)
end

function response(status, response_headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if sample == "" then sample = status .. " " .. body:sub(1, 200) end
  end
end

function done(summary, latency, requests)
  local failed, sample_text = 0, ""
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("non2xx")
    if sample_text == "" then sample_text = thread:get("sample") end
  end
  local e = summary.errors
  io.write(string.format(
    "WRK_RESULT %%d %%d %%d %%d %%d %%d %%s\n", summary.requests, summary.duration, latency:percentile(50),
    latency:percentile(95), failed, e.connect + e.read + e.write + e.timeout, (sample_text:gsub("%%s", " "))
  ))
end
"""


def _lua(value: object) -> str:
    """A Lua literal for a string, a list of strings, a dict of strings, or None."""
    if value is None:
        return "nil"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "{" + ", ".join(_lua(item) for item in value) + "}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"[{_lua(k)}] = {_lua(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


def _require(program: str, package: str) -> str:
    # nginx lives in /usr/sbin, which a normal user's PATH may lack.
    found = shutil.which(program, path=f"{os.environ.get('PATH', '')}:/usr/sbin")
    if found is None:
        raise SystemExit(f"bench_enforcement: {program} not found; install it with `make system-deps` ({package}).")
    return found


def _start_nginx(*, port: int, upstream_port: int, directory: Path) -> subprocess.Popen:
    """nginx as deploy/nginx-local.conf runs it, with the deploy snippet (its ${FAZHI_*} names filled in as
    envsubst would) listening on `port`."""
    template = (ROOT / "deploy" / "nginx-fazhi.conf.template").read_text(encoding="utf-8")
    snippet = string.Template(template).safe_substitute(
        FAZHI_LISTEN=f"127.0.0.1:{port}", FAZHI_UPSTREAM=f"127.0.0.1:{upstream_port}"
    )
    (directory / "fazhi.conf").write_text(snippet, encoding="utf-8")
    shutil.copyfile(ROOT / "deploy" / "nginx-local.conf", directory / "nginx.conf")
    nginx = _require("nginx", "apt-get install nginx-light")
    command = [nginx, "-e", "stderr", "-p", f"{directory}/", "-c", "nginx.conf"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wrk(
    wrk: str, port: int, *, method: str, path: str, headers: dict[str, str], seconds: int,
    template: str | None = None, codes: list[str] | None = None,
) -> dict[str, float]:  # fmt: skip
    """Run wrk with CLIENTS connections for `seconds`; return requests, rate, p50/p95 (ms). Non-2xx fail."""
    script = WRK_SCRIPT % {
        "method": _lua(method), "path": _lua(path), "headers": _lua(headers), "template": _lua(template),
        "codes": _lua(codes or [""]),
    }  # fmt: skip
    with tempfile.NamedTemporaryFile("w", suffix=".lua", encoding="utf-8") as file:
        file.write(script)
        file.flush()
        command = [
            wrk, f"-t{WRK_THREADS}", f"-c{CLIENTS}", f"-d{seconds}s", "--timeout", "30s", "-s", file.name,
            f"http://127.0.0.1:{port}{path}",
        ]  # fmt: skip
        run = subprocess.run(command, capture_output=True, text=True, check=False)
    line = next((row for row in run.stdout.splitlines() if row.startswith("WRK_RESULT ")), None)
    if run.returncode or line is None:
        raise RuntimeError(f"wrk failed ({run.returncode}):\n{run.stdout}\n{run.stderr}")
    requests, duration_us, p50_us, p95_us, non2xx, socket_errors, *sample = line.split(" ")[1:]
    if int(non2xx) or int(socket_errors):
        raise RuntimeError(
            f"{method} {path}: {non2xx} answers outside 2xx, {socket_errors} socket errors; e.g. {' '.join(sample)}"
        )
    return {
        "n": int(requests),
        "per_s": int(requests) / (int(duration_us) / 1e6),
        "p50": int(p50_us) / 1000,
        "p95": int(p95_us) / 1000,
    }


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
            pass
        time.sleep(0.2)  # not listening yet, or nginx answering 502 before its upstream is up
    raise RuntimeError("server did not start")


def bench_api(vendor: str) -> None:
    from rest_framework.authtoken.models import Token

    from fazhi.orgs.models import Officer

    wrk = _require("wrk", "apt-get install wrk")
    token = Token.objects.get(user__username="bench_officer").key
    officer_ids = list(Officer.objects.filter(unit__code="BU0").order_by("pk").values_list("pk", flat=True)[:2])
    seconds = int(os.environ.get("BENCH_API_SECONDS", 30))
    port = _free_port()
    env = {**os.environ, "FAZHI_DEBUG": "false", "FAZHI_ALLOWED_HOSTS": "127.0.0.1,localhost", "PYTHONUNBUFFERED": "1"}
    bin_dir = Path(sys.executable).parent
    if SERVER == "runserver":
        command = [str(bin_dir / "fazhi"), "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}"]
    else:
        command = [str(bin_dir / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")]
        env.update(GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_ACCESSLOG="", DJANGO_SETTINGS_MODULE="fazhi.settings")
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # @NAME@ and @CODE@ are filled in per request by the Lua script: every inspection is new.
    template = {
        "unit_code": "BU0", "party_kind": "organisation", "party_name": "接口企业@NAME@", "party_code": "@CODE@",
        "occurred_on": "2025-06-03", "officer_ids": officer_ids, "outcome": "compliant", "origin": "random",
    }  # fmt: skip
    create = {
        "method": "POST",
        "path": "/api/v1/enforcement/inspections/",
        "headers": {"Authorization": f"Token {token}", "Content-Type": "application/json"},
        "template": json.dumps(template, ensure_ascii=False),
        "codes": [_uscc(100_000 + n) for n in range(1000)],
    }
    health = {"method": "GET", "path": "/healthz", "headers": {}}
    proxy, proxy_dir = None, None
    try:
        _wait_ready(port)
        if SERVER == "nginx":
            # The load goes to nginx; nginx passes each request on to gunicorn's port.
            proxy_dir = Path(tempfile.mkdtemp(prefix="fazhi-bench-nginx-"))
            proxy_dir.chmod(0o755)  # started as root, nginx's workers run as nobody
            load_port = _free_port()
            proxy = _start_nginx(port=load_port, upstream_port=port, directory=proxy_dir)
            _wait_ready(load_port)
        else:
            load_port = port
        # Warm-up: every worker process imports its lazy modules and opens its database connection.
        _wrk(wrk, load_port, seconds=5, **create)
        _wrk(wrk, load_port, seconds=3, **health)
        health_figures = _wrk(wrk, load_port, seconds=seconds, **health)
        create_figures = _wrk(wrk, load_port, seconds=seconds, **create)
    finally:
        for process in (proxy, server):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)
        if proxy_dir is not None:
            shutil.rmtree(proxy_dir, ignore_errors=True)
    for q in ("p50", "p95"):
        emit(
            f"api_create_inspection_{q}_ms_{vendor}_{CLIENTS}_clients",
            create_figures[q],
            "ms",
            baseline=f"GET /healthz {q} under the same load (ms)",
            baseline_value=health_figures[q],
            database=vendor,
            n=create_figures["n"],
            baseline_n=health_figures["n"],
            requests_per_s=round(create_figures["per_s"], 1),
            baseline_requests_per_s=round(health_figures["per_s"], 1),
            seconds=seconds,
            load=f"wrk, {CLIENTS} keep-alive connections, closed loop",
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
