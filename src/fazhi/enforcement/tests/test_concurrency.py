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


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_recusal_decisions_exactly_one_wins(world) -> None:
    # The head's decision acts on the Recusal row, but it checks the case version like every other
    # step: two decisions taken on the same page state must not both be recorded (one grants, one refuses).
    case = open_case(world)
    recusal = services.case_recusal_declare(
        actor=world.cast.inspector_north, case=case, officer_id=world.officer_b.pk, source="party",
        declared_on=date(2026, 3, 3), reason="当事人认为有利害关系",
    )  # fmt: skip
    copies = [PenaltyCase.objects.get(pk=case.pk) for _ in range(2)]  # both users read version 2
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    lock = threading.Lock()

    def decide(copy: PenaltyCase, actor, granted: bool) -> None:  # type: ignore[no-untyped-def]
        try:
            barrier.wait(timeout=10)
            services.case_recusal_decide(actor=actor, case=copy, recusal=recusal, granted=granted,
                                         decided_on=date(2026, 3, 4), decided_by="李局长")  # fmt: skip
            result = "ok"
        except Conflict as error:
            result = error.code
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=decide, args=(copies[0], world.cast.inspector_north, True)),
               threading.Thread(target=decide, args=(copies[1], world.cast.unit_admin_north, False))]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["ok", "penalty.version_conflict"]
    case.refresh_from_db()
    recusal.refresh_from_db()
    assert case.version == 3 and recusal.status in {"granted", "refused"}
    assert (world.officer_b in case.officers.all()) is (recusal.status == "refused")
    assert AuditEvent.objects.filter(event_type=AuditEventType.PENALTY_CASE_RECUSAL_DECIDED).count() == 1
    assert CaseEvent.objects.filter(case=case, type="recusal_decided").count() == 1  # the loser wrote nothing
