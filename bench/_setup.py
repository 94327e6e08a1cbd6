"""Shared set-up for `make bench`: a fresh, migrated database and one JSON line per figure.

Each script runs against a throw-away database: SQLite in a temporary directory by default, or a
`fazhi_bench` PostgreSQL database (or BENCH_DB_NAME; dropped and recreated) when DATABASE_URL is set, so a benchmark
never touches the demo data or the test database.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def bench_database_name() -> str:
    """`fazhi_bench` unless BENCH_DB_NAME names another, so two benchmark runs never drop each other's data."""
    name = os.environ.get("BENCH_DB_NAME", "fazhi_bench")
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"BENCH_DB_NAME must be letters, digits and underscores: {name!r}")
    return name


def _fresh_postgres(url: str) -> str:
    import psycopg

    base, _, _dbname = url.rpartition("/")
    name = bench_database_name()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return f"{base}/{name}"


def setup_django() -> str:
    """Point Django at a fresh database, migrate it quietly, and return the vendor name."""
    url = os.environ.get("DATABASE_URL")
    if url:
        os.environ["DATABASE_URL"] = _fresh_postgres(url)
    else:
        os.environ["FAZHI_VAR_DIR"] = tempfile.mkdtemp(prefix="fazhi-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    os.environ["FAZHI_DEBUG"] = "false"  # DEBUG keeps every query in memory: not what production runs
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.db import connection

    return connection.vendor


def postgres_only_run() -> bool:
    return "--postgres-only" in sys.argv


def emit(figure: str, value: float, unit: str, *, baseline: str, baseline_value: float, **extra: Any) -> None:
    """Print one figure with the baseline measured in the same run."""
    line = {
        "figure": figure,
        "value": round(value, 3),
        "unit": unit,
        "baseline": baseline,
        "baseline_value": round(baseline_value, 3),
        "ratio": round(value / baseline_value, 3) if baseline_value else None,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    line.update(extra)
    print(json.dumps(line, ensure_ascii=False), flush=True)


def rate(operation: Callable[[int], None], count: int) -> float:
    """Operations per second of `operation(i)` for i in range(count)."""
    started = time.perf_counter()
    for index in range(count):
        operation(index)
    return count / (time.perf_counter() - started)
