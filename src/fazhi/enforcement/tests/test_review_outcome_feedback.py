"""以案促改: a reconsideration or court outcome written onto the penalty case it corrects."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction

from fazhi.core.audit.models import AuditEvent
from fazhi.core.errors import DomainError
from fazhi.enforcement import services
from fazhi.enforcement.models import CaseEvent
from fazhi.enforcement.tests.factories import decided_case, open_case

pytestmark = pytest.mark.django_db


def _record(world, case, decided_on: date):
    return services.penalty_case_record_review_outcome(
        actor=world.cast.supervisor, case=case, source="reconsideration", outcome="撤销",
        decided_on=decided_on, reference="G复〔2026〕1号",
    )  # fmt: skip


def test_the_outcome_goes_on_the_timeline_of_a_decided_case(world) -> None:
    case = decided_case(world)  # decided 2026-03-30

    event = _record(world, case, date(2026, 4, 20))

    assert event.type == "decision_revoked" and "撤销" in event.message and "G复〔2026〕1号" in event.message


@pytest.mark.parametrize("decided", [True, False])
def test_an_outcome_before_the_decision_or_without_one_is_refused_and_nothing_written(world, decided) -> None:
    case = decided_case(world) if decided else open_case(world)
    before = (CaseEvent.objects.filter(case=case).count(), AuditEvent.objects.count())

    # The service joins its caller's transaction (the reconsideration decision): the caller's
    # savepoint is what the refusal rolls back.
    with pytest.raises(DomainError, match="日期先后顺序") as refused, transaction.atomic():
        _record(world, case, date(2025, 4, 12))

    assert refused.value.code == "penalty.review_outcome_before_decision"
    assert (CaseEvent.objects.filter(case=case).count(), AuditEvent.objects.count()) == before
