"""Two users move the same case at the same moment: exactly one succeeds, the other gets 409.

PostgreSQL only (real concurrent transactions; deselected on SQLite by tests/conftest.py).
"""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import Conflict
from fazhi.enforcement import services
from fazhi.enforcement.models import CaseEvent, PenaltyCase
from fazhi.enforcement.tests.factories import open_case


@pytest.mark.postgres_only
# serialized_rollback: the flush after a transactional test would otherwise re-create content types
# and data-migration rows under new ids, and a later serialized test could not restore them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_transitions_exactly_one_wins(world) -> None:
    case = open_case(world)
    copies = [PenaltyCase.objects.get(pk=case.pk) for _ in range(2)]  # both users read version 1
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    lock = threading.Lock()

    def move(copy: PenaltyCase, action: str) -> None:
        try:
            barrier.wait(timeout=10)
            if action == "investigate":
                services.case_investigation_start(actor=world.cast.inspector_north, case=copy, on=date(2026, 3, 4))
            else:
                services.case_withdraw(actor=world.cast.unit_admin_north, case=copy, closed_on=date(2026, 3, 4),
                                       reason="重复立案")  # fmt: skip
            result = "ok"
        except Conflict as error:
            result = error.code
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=move, args=(copies[0], "investigate")),
               threading.Thread(target=move, args=(copies[1], "withdraw"))]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["ok", "penalty.version_conflict"]
    case.refresh_from_db()
    assert case.version == 2 and case.status in {"investigating", "closed"}
    transitions = AuditEvent.objects.filter(
        event_type__in=[AuditEventType.PENALTY_CASE_INVESTIGATION_STARTED, AuditEventType.PENALTY_CASE_CLOSED]
    )
    assert transitions.count() == 1  # the loser wrote nothing
    assert CaseEvent.objects.filter(case=case).count() == 2  # opened + the winner's step
