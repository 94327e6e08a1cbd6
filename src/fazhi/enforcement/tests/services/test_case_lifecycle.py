"""The ordinary procedure end to end, each step asserting object, DB state, audit, timeline, deadlines."""

from datetime import date
from decimal import Decimal

import pytest

from fazhi.core.audit.models import AuditEventType
from fazhi.core.deadlines.models import TrackedDeadline
from fazhi.core.errors import Conflict, DomainError
from fazhi.core.outbox.models import OutboxMessage
from fazhi.enforcement import selectors, services
from fazhi.enforcement.choices import CaseEventType, CaseOutcome, CaseStatus, PenaltyType
from fazhi.enforcement.tests.assertions import Unchanged, assert_one_audit, last_event
from fazhi.enforcement.tests.factories import add_evidence, decide, decided_case, investigate, notify, open_case

pytestmark = pytest.mark.django_db


def deadlines(case) -> dict[str, str]:
    return {d.rule_code: d.status for d in selectors.case_tracked_deadlines(case=case)}


def close_market_sector_rule() -> None:
    """End the shipped 市场监管 sector rule on 2025-12-31 so 2026 cases fall back to Art. 60 alone."""
    row = selectors.sector_decision_rules().get(sector="SCJG")
    services.sector_decision_rule_save(
        actor=None, sector="SCJG", rule_code=row.rule_code, effective_from=row.effective_from,
        effective_to=date(2025, 12, 31), legal_basis=row.legal_basis, reason="测试：停用行业规则", version=row,
    )  # fmt: skip


def test_art60_opening_tracks_the_sector_decision_period(world) -> None:
    case = open_case(world)
    case.refresh_from_db()
    assert case.status == CaseStatus.FILED and case.version == 1 and case.number.startswith("NORTH-2026-")
    assert case.decision_rule_code == "penalty.decision.market"  # NORTH is 市场监管 (SCJG): shipped sector rule
    assert case.decision_due == date(2026, 6, 1)  # 90 calendar days from 2026-03-03
    tracked = TrackedDeadline.objects.get(rule_code="penalty.decision.market")
    assert tracked.target_id == str(case.pk) and "市场监督管理行政处罚程序规定" in tracked.legal_basis
    assert_one_audit(AuditEventType.PENALTY_CASE_OPENED, case, world.cast.inspector_north)
    assert last_event(case).type == CaseEventType.OPENED


def test_art60_without_a_sector_rule_in_force_the_statute_applies(world) -> None:
    close_market_sector_rule()
    case = open_case(world)
    case.refresh_from_db()
    assert case.decision_rule_code == "penalty.decision" and case.decision_due == date(2026, 6, 1)
    tracked = TrackedDeadline.objects.get(rule_code="penalty.decision")
    assert tracked.target_id == str(case.pk) and "第六十条" in tracked.legal_basis
    assert_one_audit(AuditEventType.PENALTY_CASE_OPENED, case, world.cast.inspector_north)
    assert last_event(case).type == CaseEventType.OPENED


def test_art36_opening_after_the_limitation_period_is_refused(world) -> None:
    with pytest.raises(DomainError) as error:
        open_case(world, violation_ended_on=date(2023, 1, 1), discovered_on=date(2026, 3, 1))
    assert error.value.code == "penalty.limitation_expired"
    case = open_case(world, violation_ended_on=date(2023, 1, 1), discovered_on=date(2026, 3, 1),
                     life_health_or_finance_with_harm=True)  # fmt: skip
    assert case.pk


def test_full_ordinary_procedure(world) -> None:
    actor = world.cast.inspector_north
    case = investigate(world, open_case(world))
    assert case.status == CaseStatus.INVESTIGATING and case.version == 2
    assert_one_audit(AuditEventType.PENALTY_CASE_INVESTIGATION_STARTED, case)

    case = notify(world, case)
    case.refresh_from_db()
    assert case.status == CaseStatus.NOTIFIED and not case.hearing_right_applies  # 5000 < SCJG threshold
    assert case.proposed_fine == Decimal("5000.00")
    assert_one_audit(AuditEventType.PENALTY_CASE_NOTIFIED, case)

    case = services.case_statement_record(actor=actor, case=case, on=date(2026, 3, 18), summary="初次违法，已整改")
    assert case.defence_made
    case = decide(world, case, fine_amount=Decimal("3000"))
    case.refresh_from_db()
    assert case.status == CaseStatus.DECIDED and case.fine_amount == Decimal("3000.00")
    assert deadlines(case)[case.decision_rule_code] == "met"
    assert deadlines(case)["penalty.service"] == "open" and deadlines(case)["publicity.penalty"] == "open"
    assert_one_audit(AuditEventType.PENALTY_CASE_DECIDED, case)
    assert last_event(case).type == CaseEventType.DECIDED

    case = services.case_serve(actor=actor, case=case, served_on=date(2026, 4, 2), method="直接送达")
    assert case.status == CaseStatus.SERVED and not case.served_late
    assert case.payment_due == date(2026, 4, 17)  # Art. 67: 15 days from service
    case = services.case_execution_record(actor=actor, case=case, executed_on=date(2026, 4, 10))
    assert case.paid_amount == Decimal("3000.00") and case.surcharge_amount == Decimal("0.00")
    case = services.case_close(actor=actor, case=case, closed_on=date(2026, 4, 12))
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.outcome == CaseOutcome.PENALTY_EXECUTED
    assert case.version == 8
    assert_one_audit(AuditEventType.PENALTY_CASE_CLOSED, case)
    assert list(selectors.case_events(case=case).values_list("type", flat=True)) == [
        "opened", "investigation_started", "evidence_added", "notified", "statement_recorded", "decided", "served",
        "executed", "closed",
    ]  # fmt: skip


def test_art40_no_decision_on_a_case_without_evidence_and_nothing_written(world) -> None:
    case = notify(world, investigate(world, open_case(world), evidence=False))
    unchanged = Unchanged(case)

    with pytest.raises(DomainError) as refused:
        decide(world, case)

    assert refused.value.code == "penalty.no_evidence" and refused.value.status_code == 400
    assert "证据不足的，不得给予行政处罚" in refused.value.message and "第四十条" in refused.value.message
    unchanged.check()
    assert not TrackedDeadline.objects.filter(target_id=str(case.pk), rule_code="penalty.service").exists()
    # one registered piece of evidence lets the decision through; whether it suffices is the decider's judgement
    add_evidence(world, case)
    assert decide(world, case).status == CaseStatus.DECIDED


def test_art63_art64_art58_hearing_then_mandatory_legal_review(world) -> None:
    actor = world.cast.inspector_north
    case = investigate(world, open_case(world))
    with pytest.raises(DomainError) as error:  # Art. 63: the hearing right must be told
        notify(world, case, fine=Decimal("150000"))
    assert error.value.code == "penalty.hearing_rights_missing"
    case = notify(world, case, fine=Decimal("150000"), rights_hearing=True)
    assert case.hearing_right_applies and case.hearing_request_due == date(2026, 3, 23)
    with pytest.raises(DomainError) as error:  # Art. 64(一): 5 working days after 2026-03-16
        services.case_hearing_request(actor=actor, case=case, requested_on=date(2026, 3, 24))
    assert error.value.code == "penalty.hearing_request_late"
    case = services.case_hearing_request(actor=actor, case=case, requested_on=date(2026, 3, 20))
    assert case.status == CaseStatus.HEARING
    with pytest.raises(DomainError) as error:  # Art. 64(二): no hearing without the notice of time and place
        services.case_hearing_hold(actor=actor, case=case, held_on=date(2026, 3, 31), chair="王某", record="笔录",
                                   chair_officer_id=world.officer_c.pk)  # fmt: skip
    assert error.value.code == "penalty.hearing_not_notified"
    # notice 03-20 → 7 working days: 03-23 … 03-31 → the hearing may be held from 03-31
    case = services.case_hearing_schedule(actor=actor, case=case, notice_on=date(2026, 3, 20),
                                          hearing_on=date(2026, 3, 31), place="第一听证室")  # fmt: skip
    with pytest.raises(DomainError) as error:  # Art. 64(四)
        services.case_hearing_hold(actor=actor, case=case, held_on=date(2026, 3, 31), chair="王某", record="笔录",
                                   chair_officer_id=world.officer_a.pk)  # fmt: skip
    assert error.value.code == "penalty.hearing_chair_is_investigator"
    case = services.case_hearing_hold(actor=actor, case=case, held_on=date(2026, 3, 31), chair="王某", record="笔录",
                                      chair_officer_id=world.officer_c.pk)  # fmt: skip
    with pytest.raises(DomainError) as error:  # Art. 58(二): after a hearing, review is mandatory
        decide(world, case, decided_on=date(2026, 4, 7), fine_amount=Decimal("150000"))
    assert error.value.code == "penalty.legal_review_missing"
    case = services.case_legal_review_submit(actor=actor, case=case, on=date(2026, 3, 31))
    with pytest.raises(DomainError) as error:  # Art. 58(2): qualified reviewer
        services.case_legal_review_record(actor=world.unqualified_reviewer, case=case, reviewed_on=date(2026, 4, 1),
                                          passed=True, opinion="同意")  # fmt: skip
    assert error.value.code == "penalty.reviewer_not_qualified"
    case = services.case_legal_review_record(actor=world.reviewer, case=case, reviewed_on=date(2026, 4, 1),
                                             passed=True, opinion="事实清楚，证据充分")  # fmt: skip
    assert_one_audit(AuditEventType.PENALTY_CASE_LEGAL_REVIEWED, case, world.reviewer)
    case = decide(world, case, decided_on=date(2026, 4, 7), fine_amount=Decimal("150000"))
    assert case.status == CaseStatus.DECIDED


def test_art45_defence_forbids_a_heavier_decision_and_nothing_changes(world) -> None:
    case = notify(world, investigate(world, open_case(world)))
    case = services.case_statement_record(actor=world.cast.inspector_north, case=case, on=date(2026, 3, 18),
                                          summary="申辩")  # fmt: skip
    unchanged = Unchanged(case)
    with pytest.raises(DomainError) as error:
        decide(world, case, fine_amount=Decimal("5000.01"))
    assert error.value.code == "penalty.heavier_after_defence"
    unchanged.check()


def test_art57_complex_case_needs_collective_discussion(world) -> None:
    case = notify(world, investigate(world, open_case(world, complex_or_major=True)))
    with pytest.raises(DomainError) as error:
        decide(world, case)
    assert error.value.code == "penalty.collective_discussion_missing"
    case = services.case_collective_discussion_record(actor=world.cast.inspector_north, case=case,
                                                      discussed_on=date(2026, 3, 27), summary="同意处罚")  # fmt: skip
    assert decide(world, case).status == CaseStatus.DECIDED


def test_art60_decision_after_the_period_is_refused_and_extension_needs_a_sector_rule(world) -> None:
    close_market_sector_rule()
    case = notify(world, investigate(world, open_case(world)))
    with pytest.raises(DomainError) as error:
        decide(world, case, decided_on=date(2026, 6, 2))
    assert error.value.code == "penalty.decision_deadline_passed"
    with pytest.raises(DomainError) as error:  # Art. 60 itself has no extension
        services.case_decision_deadline_extend(actor=world.cast.inspector_north, case=case, days=30,
                                               approved_on=date(2026, 5, 20), reason="案情复杂")  # fmt: skip
    assert error.value.code == "extension_not_allowed"


def test_sector_rule_allows_an_approved_extension(world) -> None:
    assert services.sector_decision_rules_install(actor=None) == []  # shipped by migration 0003: idempotent
    case = notify(world, investigate(world, open_case(world)))
    assert case.decision_rule_code == "penalty.decision.market"
    case = services.case_decision_deadline_extend(actor=world.cast.inspector_north, case=case, days=30,
                                                  approved_on=date(2026, 5, 20), reason="经负责人批准")  # fmt: skip
    assert case.decision_due == date(2026, 7, 1)
    assert_one_audit(AuditEventType.PENALTY_CASE_DEADLINE_EXTENDED, case)
    assert decide(world, case, decided_on=date(2026, 6, 10)).status == CaseStatus.DECIDED


def test_art62_decision_without_notice_is_impossible(world) -> None:
    case = investigate(world, open_case(world))
    unchanged = Unchanged(case)
    with pytest.raises(Conflict) as error:
        decide(world, case)
    assert error.value.code == "penalty.transition_not_allowed"
    unchanged.check()


def test_art33_first_offence_closure_is_counted_as_education(world) -> None:
    case = investigate(world, open_case(world, first_violation=True, harm="minor", corrected_in_time=True))
    case = services.case_close_without_penalty(
        actor=world.cast.inspector_north,
        case=case,
        outcome=CaseOutcome.FIRST_OFFENCE,
        closed_on=date(2026, 3, 10),
        legal_basis="《中华人民共和国行政处罚法》第三十三条第一款",
        corrected=True,
        education_given=True,
    )
    case.refresh_from_db()
    assert case.outcome == CaseOutcome.FIRST_OFFENCE and case.is_education_correction and case.education_given
    assert deadlines(case) == {"penalty.decision.market": "closed"}
    counts = selectors.case_outcome_counts(user=world.cast.supervisor, start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert counts == {CaseOutcome.FIRST_OFFENCE: 1}


def test_withdraw_and_transfer_close_the_case(world) -> None:
    actor = world.cast.inspector_north
    case = services.case_withdraw(actor=actor, case=open_case(world), closed_on=date(2026, 3, 5), reason="立案错误")
    assert case.outcome == CaseOutcome.WITHDRAWN
    case = services.case_transfer(actor=actor, case=investigate(world, open_case(world)), closed_on=date(2026, 3, 9),
                                  recipient="测试区公安分局")  # fmt: skip
    assert case.outcome == CaseOutcome.TRANSFERRED


def test_art72_art73_late_payment_with_a_reconsideration_pause(world) -> None:
    actor = world.cast.inspector_north
    case = services.case_serve(actor=actor, case=decided_case(world), served_on=date(2026, 4, 2), method="直接送达")
    case = services.case_surcharge_pause(actor=actor, case=case, reason="reconsideration", first=date(2026, 4, 20))
    case = services.case_surcharge_resume(actor=actor, case=case, last=date(2026, 4, 29))
    # due 04-17; late days 04-18..05-04 = 17, paused 04-20..04-29 = 10 → 7 days × 3% × 5000 = 1050
    surcharge = selectors.surcharge_now(case=case, on=date(2026, 5, 4))
    assert surcharge.amount == Decimal("1050.00") and surcharge.days_paused == 10
    with pytest.raises(DomainError) as error:
        services.case_execution_record(actor=actor, case=case, executed_on=date(2026, 5, 4), paid_amount=Decimal(5000))
    assert error.value.code == "penalty.underpaid"
    case = services.case_execution_record(actor=actor, case=case, executed_on=date(2026, 5, 4))
    assert case.paid_amount == Decimal("6050.00") and case.surcharge_amount == Decimal("1050.00")
    assert deadlines(case)["penalty.payment"] == "closed"  # paid late: not met


def test_art61_late_service_is_recorded_and_flagged(world) -> None:
    case = services.case_serve(actor=world.cast.inspector_north, case=decided_case(world), served_on=date(2026, 4, 20),
                               method="邮寄送达")  # fmt: skip
    assert case.served_late and deadlines(case)["penalty.service"] == "closed"


def test_art51_on_the_spot_decision(world) -> None:
    kwargs = {
        "actor": world.cast.inspector_north, "unit": world.cast.north, "cause": "占道经营",
        "party_kind": "person", "party_name": "李四", "party_code": "11010519491231002X",
        "decided_on": date(2026, 5, 6),
        "place": "示范路口", "officer_ids": [world.officer_a.pk, world.officer_b.pk], "facts": "占道经营",
        "penalty_types": [PenaltyType.FINE], "legal_basis": "《城市市容和环境卫生管理条例》第三十六条",
        "rights_notified": True,
    }  # fmt: skip
    with pytest.raises(DomainError) as error:
        services.case_decide_on_the_spot(**kwargs, fine_amount=Decimal("200.01"))
    assert error.value.code == "penalty.simplified_not_allowed"
    with pytest.raises(DomainError) as error:
        services.case_decide_on_the_spot(**{**kwargs, "rights_notified": False}, fine_amount=Decimal("200"))
    assert error.value.code == "penalty.notice_missing"
    case = services.case_decide_on_the_spot(**kwargs, fine_amount=Decimal("200"))
    assert case.status == CaseStatus.SERVED and case.procedure == "simplified" and case.payment_due == date(2026, 5, 21)
    assert_one_audit(AuditEventType.PENALTY_CASE_DECIDED_ON_THE_SPOT, case)
    assert not OutboxMessage.objects.exists()


def test_stale_version_is_a_conflict_and_changes_nothing(world) -> None:
    case = open_case(world)
    stale = type(case).objects.get(pk=case.pk)
    investigate(world, case)
    unchanged = Unchanged(stale)
    with pytest.raises(Conflict) as error:
        services.case_withdraw(actor=world.cast.inspector_north, case=stale, closed_on=date(2026, 3, 5), reason="x")
    assert error.value.code == "penalty.version_conflict"
    unchanged.check()
