"""Gunicorn settings for running Fazhi in production: `gunicorn -c deploy/gunicorn.conf.py`.

Why these values: Django requests here are short and mostly wait on the database, so threaded
workers (gthread) keep connections alive and overlap the waits, and one process per core sidesteps
the GIL. Every value can be overridden by environment variables of the same name (upper case,
prefixed GUNICORN_), e.g. GUNICORN_WORKERS=8.
"""

import multiprocessing
import os


def _env(name: str, default: str) -> str:
    return os.environ.get(f"GUNICORN_{name}", default)


wsgi_app = "fazhi.wsgi:application"
bind = _env("BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(_env("WORKERS", str(multiprocessing.cpu_count() * 2)))
threads = int(_env("THREADS", "4"))
keepalive = int(_env("KEEPALIVE", "30"))
# The whole app is imported once and then forked: faster start, shared memory pages.
preload_app = True
accesslog = _env("ACCESSLOG", "-") or None
timeout = int(_env("TIMEOUT", "60"))
