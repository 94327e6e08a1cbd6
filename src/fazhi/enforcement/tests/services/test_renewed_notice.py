"""A renewed 告知 after a failed 法制审核 (行政处罚法 Art. 44, 45, 62–64): it opens its own periods.

The party's waiver, statement, the adoption and any hearing request answered the previous notice and
its proposed penalty; the new notice proposes another one, so they are set back (the timeline and the
audit keep them) and the 陈述申辩 and 听证 periods run again from the new notice.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import DomainError
from fazhi.enforcement import selectors, services
from fazhi.enforcement.choices import CaseEventType, CaseStatus
from fazhi.enforcement.models import CaseEvent, PenaltyCase
from fazhi.enforcement.tests.assertions import Unchanged
from fazhi.enforcement.tests.factories import decide, investigate, notify, open_case

pytestmark = pytest.mark.django_db


def _review(world, case, *, on: date, passed: bool) -> PenaltyCase:  # type: ignore[no-untyped-def]
    case = services.case_legal_review_submit(actor=world.cast.inspector_north, case=case, on=on)
    return services.case_legal_review_record(
        actor=world.reviewer, case=case, reviewed_on=on, passed=passed, opinion="同意" if passed else "罚款偏低"
    )


def _hearing_deadlines(case: PenaltyCase) -> list[tuple[date, str]]:
    rows = selectors.case_tracked_deadlines(case=case).filter(rule_code="penalty.hearing_request")
    return sorted((row.start, row.status) for row in rows)


def _waived_then_sent_back(world):  # type: ignore[no-untyped-def]
    """Notified on 03-16 (3000 元), the party waives on 03-17, the review of 03-18 fails: back to 调查取证."""
    case = notify(world, investigate(world, open_case(world)), notified_on=date(2026, 3, 16), fine=Decimal("3000"))
    case = services.case_statement_record(
        actor=world.cast.inspector_north, case=case, on=date(2026, 3, 17), waived=True
    )
    case = _review(world, case, on=date(2026, 3, 18), passed=False)
    assert case.status == CaseStatus.INVESTIGATING and case.rights_waived
    return case


def test_a_renewed_notice_sets_back_the_waiver_and_the_statement_period_runs_again(world) -> None:
    case = _waived_then_sent_back(world)

    # 03-20 (Fri): the new period is 5 working days, to 03-27
    case = notify(world, case, notified_on=date(2026, 3, 20), fine=Decimal("4000"))

    case.refresh_from_db()
    assert case.notified_on == date(2026, 3, 20) and case.proposed_fine == Decimal("4000")
    assert not case.rights_waived and not case.defence_made and not case.defence_adopted
    assert case.defence_summary == ""
    assert selectors.case_statement_due(case=case) == date(2026, 3, 27)
    case = _review(world, case, on=date(2026, 3, 23), passed=True)
    unchanged = Unchanged(case)
    with pytest.raises(DomainError) as refused:
        decide(world, case, decided_on=date(2026, 3, 24), fine_amount=Decimal("4000"))
    assert refused.value.code == "penalty.statement_period_running"
    assert "至2026年3月27日尚未届满" in refused.value.message
    unchanged.check()
    assert decide(world, case, decided_on=date(2026, 3, 30), fine_amount=Decimal("4000")).status == CaseStatus.DECIDED


def test_the_previous_answer_stays_in_the_audit_and_the_timeline(world) -> None:
    case = _waived_then_sent_back(world)

    case = notify(world, case, notified_on=date(2026, 3, 20), fine=Decimal("4000"))

    rows = AuditEvent.objects.filter(event_type=AuditEventType.PENALTY_CASE_NOTIFIED, target_id=str(case.pk))
    renewed = rows.order_by("-pk").first()
    assert rows.count() == 2 and renewed is not None
    assert renewed.changes["rights_waived"] == [True, False]
    assert renewed.changes["notified_on"] == ["2026-03-16", "2026-03-20"]
    events = CaseEvent.objects.filter(case=case)
    assert events.filter(type=CaseEventType.STATEMENT_RECORDED).count() == 1  # the waiver, kept
    notice = events.filter(type=CaseEventType.NOTIFIED).order_by("-pk").first()
    assert notice is not None and "重新告知" in notice.message


def test_a_renewed_notice_sets_back_the_hearing_of_the_previous_one(world) -> None:
    actor = world.cast.inspector_north
    case = notify(world, investigate(world, open_case(world)), fine=Decimal("150000"), rights_hearing=True)
    case = services.case_statement_record(actor=actor, case=case, on=date(2026, 3, 17), summary="罚款过高")
    case = services.case_hearing_request(actor=actor, case=case, requested_on=date(2026, 3, 17))
    case = services.case_hearing_hold(actor=actor, case=case, held_on=date(2026, 3, 26), chair="王某",
                                      record="笔录", chair_officer_id=world.officer_c.pk,
                                      notice_on=date(2026, 3, 17))  # fmt: skip
    case = _review(world, case, on=date(2026, 3, 26), passed=False)

    case = notify(world, case, notified_on=date(2026, 3, 27), fine=Decimal("160000"), rights_hearing=True)

    case.refresh_from_db()
    assert case.hearing_requested_on is None and case.hearing_held_on is None and case.hearing_notice_on is None
    assert (case.hearing_chair, case.hearing_record, case.defence_summary) == ("", "", "")
    assert not case.defence_made
    assert _hearing_deadlines(case) == [(date(2026, 3, 16), "met"), (date(2026, 3, 27), "open")]
    assert case.hearing_request_due == selectors.case_open_deadline(case=case, rule_code="penalty.hearing_request").due
    case = _review(world, case, on=date(2026, 3, 30), passed=True)
    with pytest.raises(DomainError) as refused:  # the party may still ask for a hearing on the new proposal
        decide(world, case, decided_on=date(2026, 3, 31), fine_amount=Decimal("160000"))
    assert refused.value.code == "penalty.hearing_request_period_running"


def test_a_renewed_notice_without_the_hearing_right_ends_the_previous_request_period(world) -> None:
    case = notify(world, investigate(world, open_case(world)), fine=Decimal("150000"), rights_hearing=True)
    assert case.hearing_request_due == date(2026, 3, 23)
    case = _review(world, case, on=date(2026, 3, 17), passed=False)

    case = notify(world, case, notified_on=date(2026, 3, 18), fine=Decimal("5000"))

    case.refresh_from_db()
    assert not case.hearing_right_applies and case.hearing_request_due is None
    assert _hearing_deadlines(case) == [(date(2026, 3, 16), "closed")]


def test_a_renewed_notice_may_not_be_dated_before_the_previous_one(world) -> None:
    case = _waived_then_sent_back(world)
    unchanged = Unchanged(case)

    with pytest.raises(DomainError) as refused:
        notify(world, case, notified_on=date(2026, 3, 10))

    assert refused.value.code == "penalty.date_out_of_order" and "notified_on" in refused.value.fields
    unchanged.check()
