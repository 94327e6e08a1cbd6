"""Audited service writes per second, against the same writes without the audit row.

Each write is one transaction renaming a unit: through `org_unit_update` (row lock, full_clean,
save, hash-chained audit row) versus a bare locked `save()` of the same change in its own
transaction. Measured twice: one client in a loop, and WORKERS client processes at once (a web
server runs several workers; each transaction takes a free chain head, see docs/audit.md).
Target (issue #2): ≥ 500/s on PostgreSQL on a 2-core machine, ratio ≥ 0.5.
"""

from __future__ import annotations

import multiprocessing
import time

from _setup import emit, rate, setup_django

COUNT = 1500
WORKERS = 4
PER_WORKER = 600


def _prepare(codes: list[str]) -> None:
    from django.db import transaction

    from fazhi.orgs.choices import OrgUnitKind
    from fazhi.orgs.services import org_unit_create

    with transaction.atomic():
        for code in codes:
            org_unit_create(actor=None, code=code, name=f"基准单位{code}", kind=OrgUnitKind.REGION)


def _writer(audited: bool, code: str, count: int):
    """Return write(i) for one unit, audited through the service or plain."""
    from django.db import transaction

    from fazhi.orgs.models import OrgUnit
    from fazhi.orgs.services import org_unit_update

    unit = OrgUnit.objects.get(code=code)

    def with_audit(index: int) -> None:
        org_unit_update(actor=None, unit=unit, name=f"{code}-{index}", reason="基准测试")

    def without_audit(index: int) -> None:
        with transaction.atomic():
            locked = OrgUnit.objects.select_for_update().get(pk=unit.pk)
            locked.name = f"{code}-{index}"
            locked.save()

    return with_audit if audited else without_audit


def _worker(audited: bool, code: str, start_at: float, done: multiprocessing.Queue) -> None:
    from django import db

    db.connections.close_all()  # never share the parent's connection across a fork
    write = _writer(audited, code, PER_WORKER)
    while time.time() < start_at:
        time.sleep(0.001)
    for index in range(PER_WORKER):
        write(index)
    done.put(time.time())


def _concurrent_rate(audited: bool, prefix: str) -> float:
    context = multiprocessing.get_context("fork")
    done: multiprocessing.Queue = context.Queue()
    start_at = time.time() + 0.5
    workers = [context.Process(target=_worker, args=(audited, f"{prefix}{n}", start_at, done)) for n in range(WORKERS)]
    for worker in workers:
        worker.start()
    finished = [done.get(timeout=600) for _ in workers]
    for worker in workers:
        worker.join()
    return WORKERS * PER_WORKER / (max(finished) - start_at)


def main() -> None:
    vendor = setup_django()
    from django import db

    _prepare(["SEQA", "SEQB"] + [f"PA{n}" for n in range(WORKERS)] + [f"PB{n}" for n in range(WORKERS)])
    audited, plain = _writer(True, "SEQA", COUNT), _writer(False, "SEQB", COUNT)
    audited(-1)
    plain(-1)
    baseline_rate = rate(plain, COUNT)
    audited_rate = rate(audited, COUNT)
    emit(
        f"audited_writes_per_s_{vendor}_1_client",
        audited_rate,
        "1/s",
        baseline="the same write without the audit row, 1 client, per s",
        baseline_value=baseline_rate,
        database=vendor,
        n=COUNT,
    )
    db.connections.close_all()
    concurrent_baseline = _concurrent_rate(False, "PB")
    concurrent_audited = _concurrent_rate(True, "PA")
    emit(
        f"audited_writes_per_s_{vendor}_{WORKERS}_clients",
        concurrent_audited,
        "1/s",
        baseline=f"the same write without the audit row, {WORKERS} client processes, per s",
        baseline_value=concurrent_baseline,
        database=vendor,
        n=WORKERS * PER_WORKER,
    )


if __name__ == "__main__":
    main()
