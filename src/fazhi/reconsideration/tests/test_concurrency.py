"""Concurrent edits never lose a step: two officers act on one case at once, and two registrations race.

PostgreSQL only (real concurrent transactions with real threads; deselected on SQLite by conftest.py).
"""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import pytest
import time_machine
from django.db import connection

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import Conflict
from fazhi.reconsideration import services
from fazhi.reconsideration.models import CaseEvent, ReconsiderationCase
from fazhi.reconsideration.tests import factories as f

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _race(*calls: Any) -> list[str]:
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(call: Any) -> None:
        try:
            barrier.wait(timeout=10)
            call()
            result = "ok"
        except Conflict as error:
            result = error.code
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


def test_accept_and_refuse_at_once_exactly_one_wins(cast):
    with time_machine.travel("2026-06-30 10:00:00+08:00", tick=False):
        case = f.register(cast)
    copies = [ReconsiderationCase.objects.get(pk=case.pk) for _ in range(2)]  # both read version 1
    officer = cast.reconsideration_officer

    outcomes = _race(
        lambda: services.case_accept(actor=officer, case=copies[0], accepted_on=date(2026, 3, 3)),
        lambda: services.case_refuse(actor=officer, case=copies[1], refused_on=date(2026, 3, 3), reason="不符合条件"),
    )

    assert outcomes == ["ok", "reconsideration.version_conflict"]
    case.refresh_from_db()
    assert case.version == 2 and case.status in {"accepted", "not_accepted"}
    steps = AuditEvent.objects.filter(
        event_type__in=[AuditEventType.RECONSIDERATION_ACCEPTED, AuditEventType.RECONSIDERATION_REFUSED]
    )
    assert steps.count() == 1  # the loser wrote nothing
    assert CaseEvent.objects.filter(case=case).count() == 2  # registered + the winner's step


def test_concurrent_registrations_get_distinct_numbers(cast):
    officer = cast.reconsideration_officer

    def register() -> None:
        with time_machine.travel("2026-06-30 10:00:00+08:00", tick=False):
            services.application_register(
                actor=officer, authority=cast.government, respondent=cast.north, data=f.application()
            )

    assert _race(register, register, register) == ["ok", "ok", "ok"]
    numbers = sorted(ReconsiderationCase.objects.values_list("serial", flat=True))
    assert numbers == [1, 2, 3]
