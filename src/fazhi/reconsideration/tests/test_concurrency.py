"""Concurrent edits never lose a step: two officers act on one case at once, and two registrations race.

PostgreSQL only (real concurrent transactions with real threads; deselected on SQLite by conftest.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import Conflict
from fazhi.core.tests.threads import run_at_once
from fazhi.reconsideration import services
from fazhi.reconsideration.models import CaseEvent, ReconsiderationCase
from fazhi.reconsideration.tests import factories as f

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _race(*calls: Any) -> list[str]:
    """Each call's outcome, sorted: "ok" or the code of the Conflict it raised (anything else fails)."""
    outcomes = []
    for result in run_at_once(*calls):
        if isinstance(result, Exception) and not isinstance(result, Conflict):
            raise result
        outcomes.append(result.code if isinstance(result, Conflict) else "ok")
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
