"""Run calls in threads that start together: the concurrency tests' race (PostgreSQL, real transactions)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection


def run_at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Run each call in its own thread, all released at once by a barrier; what each returned or raised.

    Each thread has its own database connection (Django's are per thread) and closes it at the end.
    The results come in the order the calls finished; an exception a call raised stands in its place.
    """
    barrier = threading.Barrier(len(calls))
    results: list[Any] = []
    lock = threading.Lock()

    def run(call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=10)
            result = call()
        except Exception as error:
            result = error
        finally:
            connection.close()
        with lock:
            results.append(result)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
