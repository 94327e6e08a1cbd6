"""Gunicorn settings for running Fazhi in production: `gunicorn -c deploy/gunicorn.conf.py`.

Why these values: a request here spends most of its time in Python (ORM, DRF; about 10 ms of CPU
for an audited create) and a little waiting on the database. Python threads of one process take
turns on the GIL, so extra threads add no CPU; worse, a thread that holds database row locks until
its COMMIT (an audit chain head) waits for the GIL while its siblings run, and every other writer
waits with it. So: one thread per process, two processes per core, which lets one process run
while the other waits on the database. Measured on 2 cores, POST inspections at 16 clients (wrk,
bench/bench_enforcement.py): 4 processes × 4 threads p50/p95 107/301 ms; 4 × 1 130/177 ms.
gthread, not sync, so that idle keep-alive connections do not hold a worker (no buffering proxy is
assumed; behind one, GUNICORN_WORKER_CLASS=sync GUNICORN_THREADS=1 measured 124/145 ms).
Every value can be overridden by environment variables of the same name (upper case, prefixed
GUNICORN_), e.g. GUNICORN_WORKERS=8.
"""

import multiprocessing
import os


def _env(name: str, default: str) -> str:
    return os.environ.get(f"GUNICORN_{name}", default)


wsgi_app = "fazhi.wsgi:application"
bind = _env("BIND", "127.0.0.1:8000")
worker_class = _env("WORKER_CLASS", "gthread")
workers = int(_env("WORKERS", str(multiprocessing.cpu_count() * 2)))
threads = int(_env("THREADS", "1"))
keepalive = int(_env("KEEPALIVE", "30"))
# The whole app is imported once and then forked: faster start, shared memory pages.
preload_app = True
accesslog = _env("ACCESSLOG", "-") or None
timeout = int(_env("TIMEOUT", "60"))
