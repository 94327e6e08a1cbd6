"""Gunicorn settings for running Fazhi in production: `gunicorn -c deploy/gunicorn.conf.py`, behind
nginx (deploy/nginx-fazhi.conf.template).

Why sync workers behind a proxy: a request here spends most of its time in Python (ORM, DRF; a few
ms of CPU for an audited create) and a little waiting on the database, so one process per request
at a time, two processes per core, keeps both cores busy while one process waits on the database. A
sync worker accepts a connection only when it is free and closes it after the answer, so requests
wait in one queue (the listen backlog) and each goes to the first free process: the wait is fair.
With keep-alive (gthread) each process instead keeps the connections it happened to accept, and a
process that holds more of them makes its clients wait longer; in one bench run a single process
took all 16 connections while the other three idled. Keep-alive to the clients, slow uploads and
slow downloads are nginx's part. Measured on 2 cores, POST inspections at 16 clients (wrk,
bench/bench_enforcement.py, 2026-11-24): gthread 4 × 1 p50/p95 110–156 / 132–187 ms at 100–196
requests/s; sync directly 78–81 / 90–92 ms at 195–203 requests/s; the figures through nginx are in
docs/enforcement.md §8.
Without a proxy in front (not recommended), use GUNICORN_WORKER_CLASS=gthread, which keeps idle
keep-alive connections without holding a process.
Every value can be overridden by environment variables of the same name (upper case, prefixed
GUNICORN_), e.g. GUNICORN_WORKERS=8.
"""

import multiprocessing
import os


def _env(name: str, default: str) -> str:
    return os.environ.get(f"GUNICORN_{name}", default)


wsgi_app = "fazhi.wsgi:application"
bind = _env("BIND", "127.0.0.1:8000")
worker_class = _env("WORKER_CLASS", "sync")
workers = int(_env("WORKERS", str(multiprocessing.cpu_count() * 2)))
# Used by gthread only. One thread: a thread holding an audit chain head's row lock until COMMIT
# would otherwise wait for its process's GIL while its siblings run (4 × 4 threads measured p95
# 301 ms against 177 ms for 4 × 1).
threads = int(_env("THREADS", "1"))
# Used by gthread only (sync workers close every connection; nginx keeps the clients' ones).
keepalive = int(_env("KEEPALIVE", "30"))
# The whole app is imported once and then forked: faster start, shared memory pages.
preload_app = True
accesslog = _env("ACCESSLOG", "-") or None
# A sync worker busy longer than this is killed. Evidence recordings of up to 4 GiB are hashed and
# stored inside one request (nginx has read the upload first), which takes tens of seconds; nginx's
# proxy timeouts in deploy/nginx-fazhi.conf.template are the same 300 s.
timeout = int(_env("TIMEOUT", "300"))
