"""Services of the later procedure steps: each asserts the audit row and the timeline entry, and on refusal
that nothing changed (STYLE §11). Articles: 行政处罚法 unless stated."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.core.audit.models import AuditEventType
from fazhi.core.deadlines.models import TrackedDeadline
from fazhi.core.errors import DomainError
from fazhi.enforcement import selectors, services
from fazhi.enforcement.choices import CaseEventType, CaseStatus, PenaltyType
from fazhi.enforcement.models import EvidencePreservation, PenaltyCase, Recusal
from fazhi.enforcement.tests.assertions import Unchanged, assert_one_audit, last_event
from fazhi.enforcement.tests.factories import CITIZEN_ID, decided_case, investigate, open_case

pytestmark = pytest.mark.django_db
D = date


def served_case(world, **overrides):  # type: ignore[no-untyped-def]
    case = decided_case(world, **overrides)
    return services.case_serve(actor=world.cast.inspector_north, case=case, served_on=D(2026, 4, 2), method="直接送达")


def on_the_spot(world, fine: str = "100"):  # type: ignore[no-untyped-def]
    return services.case_decide_on_the_spot(
        actor=world.cast.inspector_north, unit=world.cast.north, cause="占道经营", party_kind="person",
        party_name="张三", party_code=CITIZEN_ID, decided_on=D(2026, 3, 2), place="示范路口",
        officer_ids=[world.officer_a.pk, world.officer_b.pk], facts="当事人占道经营。",
        penalty_types=[PenaltyType.FINE],
        fine_amount=Decimal(fine), legal_basis="《城市市容和环境卫生管理条例》", rights_notified=True,
        decision_number="当场〔2026〕1号",
    )  # fmt: skip


# --- Art. 43 回避 -----------------------------------------------------------------------------------------


def test_art43_officer_declared_conflict_bars_them_and_is_recorded(world) -> None:
    actor = world.cast.inspector_north
    case = open_case(world)
    recusal = services.case_recusal_declare(actor=actor, case=case, officer_id=world.officer_b.pk, source="officer",
                                            declared_on=D(2026, 3, 3), reason="当事人系其近亲属")  # fmt: skip
    case.refresh_from_db()
    audit = assert_one_audit(AuditEventType.PENALTY_CASE_RECUSAL_DECLARED, case, actor)
    assert audit.changes["recusal"] == [None, recusal.pk] and last_event(case).type == CaseEventType.RECUSAL_DECLARED
    unchanged = Unchanged(case)
    with pytest.raises(DomainError) as error:  # the declared officer may not investigate
        services.case_investigation_start(actor=actor, case=case, on=D(2026, 3, 4))
    assert error.value.code == "penalty.officer_recused" and "第四十三条" in error.value.message
    unchanged.check()
    recusal = services.case_recusal_decide(actor=actor, case=case, recusal=recusal, granted=True,
                                           decided_on=D(2026, 3, 4), decided_by="李局长")  # fmt: skip
    assert recusal.status == "granted" and world.officer_b.pk not in set(case.officers.values_list("pk", flat=True))
    case.refresh_from_db()
    assert_one_audit(AuditEventType.PENALTY_CASE_RECUSAL_DECIDED, case, actor)
    case = services.case_officers_assign(actor=actor, case=case, officer_ids=[world.officer_a.pk, world.officer_c.pk],
                                         on=D(2026, 3, 4), reason="回避后重新指派")  # fmt: skip
    assert_one_audit(AuditEventType.PENALTY_CASE_OFFICERS_ASSIGNED, case, actor)
    case = investigate(world, case, on=D(2026, 3, 5))
    assert case.status == CaseStatus.INVESTIGATING
    with pytest.raises(DomainError) as error:  # Art. 43: the recused officer cannot be assigned back
        services.case_officers_assign(actor=actor, case=case, officer_ids=[world.officer_a.pk, world.officer_b.pk],
                                      on=D(2026, 3, 6), reason="再指派")  # fmt: skip
    assert error.value.code == "penalty.officer_recused"


def test_art43_3_party_application_does_not_stop_the_investigation_until_decided(world) -> None:
    actor = world.cast.inspector_north
    case = open_case(world)
    recusal = services.case_recusal_declare(actor=actor, case=case, officer_id=world.officer_b.pk, source="party",
                                            declared_on=D(2026, 3, 3), reason="当事人认为有利害关系")  # fmt: skip
    case.refresh_from_db()
    case = investigate(world, case)  # still allowed: the head has not decided
    services.case_recusal_decide(actor=actor, case=case, recusal=recusal, granted=False, decided_on=D(2026, 3, 5),
                                 decided_by="李局长", note="理由不成立")  # fmt: skip
    recusal.refresh_from_db()
    assert recusal.status == "refused" and Recusal.objects.count() == 1
    case.refresh_from_db()
    with pytest.raises(DomainError) as error:  # decided once
        services.case_recusal_decide(actor=actor, case=case, recusal=recusal, granted=True,
                                     decided_on=D(2026, 3, 6), decided_by="李局长")  # fmt: skip
    assert error.value.code == "penalty.recusal_decided" and "第四十三条第三款" in error.value.message


# --- Art. 56 先行登记保存 ---------------------------------------------------------------------------------


def test_art56_preservation_tracks_seven_working_days_and_flags_a_late_decision(world) -> None:
    actor = world.cast.inspector_north
    case = investigate(world, open_case(world))
    unchanged = Unchanged(case)
    with pytest.raises(DomainError) as error:
        services.evidence_preservation_register(
            actor=actor, case=case, registered_on=D(2026, 3, 5), items="过期食品20箱", reason="可能被转移",
            approved_by="", approved_on=D(2026, 3, 5),
        )  # fmt: skip
    assert error.value.code == "penalty.preservation_not_approved"
    unchanged.check()
    assert not EvidencePreservation.objects.exists()
    preservation = services.evidence_preservation_register(
        actor=actor, case=case, registered_on=D(2026, 3, 5), items="过期食品20箱", reason="可能被转移",
        approved_by="李局长", approved_on=D(2026, 3, 5),
    )  # fmt: skip
    # 03-05 (Thu) + 7 working days: 03-06, 09, 10, 11, 12, 13, 16 → 2026-03-16
    assert preservation.decision_due == D(2026, 3, 16)
    tracked = TrackedDeadline.objects.get(rule_code="penalty.preservation_decision")
    assert "第五十六条" in tracked.legal_basis and tracked.due == D(2026, 3, 16)
    case.refresh_from_db()
    assert_one_audit(AuditEventType.EVIDENCE_PRESERVED, case, actor)
    assert last_event(case).type == CaseEventType.EVIDENCE_PRESERVED
    preservation = services.evidence_preservation_decide(actor=actor, case=case, preservation=preservation,
                                                         decided_on=D(2026, 3, 17), decision="seize")  # fmt: skip
    assert preservation.decided_late and preservation.decision == "seize"
    tracked.refresh_from_db()
    assert tracked.status == "closed"  # not met
    case.refresh_from_db()
    assert_one_audit(AuditEventType.EVIDENCE_PRESERVATION_DECIDED, case, actor)


# --- Art. 64(二) 听证通知 ---------------------------------------------------------------------------------


def test_art64_2_notice_too_close_to_the_hearing_is_refused_and_nothing_changes(world) -> None:
    actor = world.cast.inspector_north
    case = open_case(world)
    case = investigate(world, case)
    case = services.case_notify(actor=actor, case=case, notified_on=D(2026, 3, 16), facts="事实", grounds="理由",
                                legal_basis="依据", penalty_types=[PenaltyType.FINE], fine=Decimal("150000"),
                                rights_hearing=True)  # fmt: skip
    case = services.case_hearing_request(actor=actor, case=case, requested_on=D(2026, 3, 18))
    unchanged = Unchanged(case)
    with pytest.raises(DomainError) as error:  # notice 03-20 → earliest hearing 03-31
        services.case_hearing_schedule(actor=actor, case=case, notice_on=D(2026, 3, 20), hearing_on=D(2026, 3, 30),
                                       place="第一听证室")  # fmt: skip
    assert error.value.code == "penalty.hearing_notice_too_late" and "第六十四条第二项" in error.value.message
    unchanged.check()
    case = services.case_hearing_schedule(actor=actor, case=case, notice_on=D(2026, 3, 20), hearing_on=D(2026, 3, 31),
                                          place="第一听证室")  # fmt: skip
    assert case.hearing_scheduled_on == D(2026, 3, 31)
    assert_one_audit(AuditEventType.PENALTY_CASE_HEARING_SCHEDULED, case, actor)
    assert last_event(case).type == CaseEventType.HEARING_SCHEDULED


# --- Art. 66 暂缓或者分期缴纳 ----------------------------------------------------------------------------------


def test_art66_approved_deferral_moves_the_payment_deadline(world) -> None:
    actor = world.cast.inspector_north
    case = served_case(world)
    assert case.payment_due == D(2026, 4, 17)
    unchanged = Unchanged(case)
    with pytest.raises(DomainError) as error:
        services.case_payment_arrange(actor=actor, case=case, kind="deferred", applied_on=D(2026, 4, 10),
                                      approved_on=D(2026, 4, 9), approver="李局长", new_due=D(2026, 6, 30),
                                      reason="经营困难")  # fmt: skip
    assert error.value.code == "penalty.arrangement_not_approved"
    unchanged.check()
    case = services.case_payment_arrange(actor=actor, case=case, kind="deferred", applied_on=D(2026, 4, 10),
                                         approved_on=D(2026, 4, 12), approver="李局长", new_due=D(2026, 6, 30),
                                         reason="经营困难")  # fmt: skip
    assert (case.payment_due, case.original_payment_due) == (D(2026, 6, 30), D(2026, 4, 17))
    assert TrackedDeadline.objects.get(rule_code="penalty.payment").status == "closed"
    assert selectors.surcharge_now(case=case, on=D(2026, 6, 30)).amount == Decimal("0.00")
    assert selectors.surcharge_now(case=case, on=D(2026, 7, 1)).amount == Decimal("150.00")  # 1 day × 3% × 5000
    assert_one_audit(AuditEventType.PENALTY_CASE_PAYMENT_ARRANGED, case, actor)
    assert last_event(case).type == CaseEventType.PAYMENT_ARRANGED


def test_art66_instalments_and_execution_with_the_instalment_surcharge(world) -> None:
    actor = world.cast.inspector_north
    case = served_case(world)
    case = services.case_payment_arrange(
        actor=actor, case=case, kind="instalments", applied_on=D(2026, 4, 10), approved_on=D(2026, 4, 12),
        approver="李局长", instalments=[(D(2026, 5, 15), Decimal("2500")), (D(2026, 6, 15), Decimal("2500"))],
        reason="经营困难",
    )  # fmt: skip
    assert case.payment_due == D(2026, 5, 15) and len(case.payment_instalments) == 2
    with pytest.raises(DomainError) as error:  # 05-16..05-17 → 2 × 3% × 2500 = 150 owed on the first instalment
        services.case_execution_record(actor=actor, case=case, executed_on=D(2026, 5, 17), paid_amount=Decimal("5000"))
    assert error.value.code == "penalty.underpaid"
    case = services.case_execution_record(actor=actor, case=case, executed_on=D(2026, 5, 17))
    assert case.surcharge_amount == Decimal("150.00") and case.paid_amount == Decimal("5150.00")


# --- Art. 68–71 当场收缴 -------------------------------------------------------------------------------------


def test_art68_art71_cash_collected_handed_over_deposited_then_closed(world) -> None:
    actor = world.cast.inspector_north
    case = on_the_spot(world)
    unchanged = Unchanged(case)
    with pytest.raises(DomainError) as error:  # Art. 70: no receipt, no collection
        services.case_cash_collect(actor=actor, case=case, collected_on=D(2026, 3, 2), ground="small_fine",
                                   receipt_number="")  # fmt: skip
    assert error.value.code == "penalty.cash_receipt_missing"
    unchanged.check()
    case = services.case_cash_collect(actor=actor, case=case, collected_on=D(2026, 3, 2), ground="small_fine",
                                      receipt_number="津财罚000123")  # fmt: skip
    assert case.status == CaseStatus.EXECUTED and case.paid_amount == Decimal("100.00")
    assert case.cash_handover_due == D(2026, 3, 4)  # Art. 71, 85: 2 working days (Mon 03-02 → Wed 03-04)
    assert_one_audit(AuditEventType.PENALTY_CASE_CASH_COLLECTED, case, actor)
    unchanged = Unchanged(case)
    with pytest.raises(DomainError) as error:  # Art. 71: not closed before the money reached the bank
        services.case_close(actor=actor, case=case, closed_on=D(2026, 3, 10))
    assert error.value.code == "penalty.cash_not_deposited"
    unchanged.check()
    case = services.case_cash_handover_record(actor=actor, case=case, handed_over_on=D(2026, 3, 5))
    assert case.cash_handover_late and case.cash_deposit_due == D(2026, 3, 9)  # Thu 03-05 → Mon 03-09
    assert_one_audit(AuditEventType.PENALTY_CASE_CASH_HANDED_OVER, case, actor)
    case = services.case_cash_deposit_record(actor=actor, case=case, deposited_on=D(2026, 3, 9))
    assert not case.cash_deposit_late
    assert_one_audit(AuditEventType.PENALTY_CASE_CASH_DEPOSITED, case, actor)
    case = services.case_close(actor=actor, case=case, closed_on=D(2026, 3, 10))
    assert case.status == CaseStatus.CLOSED
    assert [e.type for e in selectors.case_events(case=case)][-4:] == [
        "cash_collected",
        "cash_handed_over",
        "cash_deposited",
        "closed",
    ]


def test_art68_fine_above_100_needs_another_ground(world) -> None:
    case = on_the_spot(world, fine="150")
    unchanged = Unchanged(case)
    with pytest.raises(DomainError) as error:
        services.case_cash_collect(actor=world.cast.inspector_north, case=case, collected_on=D(2026, 3, 2),
                                   ground="small_fine", receipt_number="R1")  # fmt: skip
    assert error.value.code == "penalty.cash_fine_too_high" and "第六十八条第一项" in error.value.message
    unchanged.check()


# --- Art. 72; 行政强制法 Art. 53, 54 ----------------------------------------------------------------------------


def test_art72_unpaid_fine_demand_then_court_within_three_months(world) -> None:
    actor = world.cast.inspector_north
    case = served_case(world)
    unchanged = Unchanged(case)
    with pytest.raises(DomainError) as error:  # not yet overdue on the due date itself
        services.case_enforcement_demand(actor=actor, case=case, served_on=D(2026, 4, 17))
    assert error.value.code == "penalty.not_overdue"
    unchanged.check()
    case = services.case_enforcement_demand(actor=actor, case=case, served_on=D(2026, 5, 6))
    # time to sue: 6 months from service 04-02 → 10-02, inside 国庆 (10-01..07) → 10-08; + 3 months → 2027-01-08,
    # not rolled over and not tracked while the 2027 holidays are not loaded (earlier, never later)
    assert case.enforcement_window_from == D(2026, 10, 8)
    assert case.enforcement_window_to == D(2027, 1, 8)
    assert "节假日数据未维护" in last_event(case).message
    assert_one_audit(AuditEventType.PENALTY_CASE_ENFORCEMENT_DEMANDED, case, actor)
    unchanged = Unchanged(case)
    with pytest.raises(DomainError) as error:  # 行政强制法 Art. 53: the party may still sue
        services.case_enforcement_apply(actor=actor, case=case, route="court", applied_on=D(2026, 9, 1),
                                        body="测试区人民法院")  # fmt: skip
    assert error.value.code == "penalty.court_window_not_open" and "行政强制法" in error.value.message
    unchanged.check()
    case = services.case_enforcement_apply(actor=actor, case=case, route="court", applied_on=D(2026, 10, 12),
                                           body="测试区人民法院")  # fmt: skip
    assert case.status == CaseStatus.ENFORCING
    assert_one_audit(AuditEventType.PENALTY_CASE_ENFORCEMENT_APPLIED, case, actor)
    case = services.case_execution_record(actor=actor, case=case, executed_on=D(2026, 11, 2),
                                          paid_amount=Decimal("10000"))  # fmt: skip
    assert case.status == CaseStatus.EXECUTED and case.surcharge_amount == Decimal("5000.00")  # capped (Art. 72)
    assert PenaltyCase.objects.get(pk=case.pk).status == CaseStatus.EXECUTED


# --- 行政强制法 Art. 40(4): a decision revoked or confirmed void is no longer executed ---------------------


@pytest.mark.parametrize("kind", ["revoked", "confirmed_void"])
def test_coercion_art40_4_a_set_aside_decision_is_not_executed(world, kind: str) -> None:
    actor = world.cast.inspector_north
    case = served_case(world)
    overdue = D(2026, 5, 6)
    assert selectors.surcharge_now(case=case, on=overdue).amount > 0
    assert "demand_enforcement" in {a.code for a in selectors.case_allowed_actions(case=case, on=overdue)}
    case = services.case_decision_change_record(actor=actor, case=case, kind=kind, changed_on=D(2026, 5, 5),
                                                reason="复议机关决定")  # fmt: skip

    allowed = {a.code for a in selectors.case_allowed_actions(case=case, on=overdue)}
    assert not allowed & {"demand_enforcement", "apply_enforcement", "execute", "arrange_payment",
                          "collect_cash", "pause_surcharge", "resume_surcharge"}  # fmt: skip
    assert "add_evidence" in allowed and "revoke_decision" in allowed  # the file and a further change stay open
    assert selectors.surcharge_now(case=case, on=overdue) is None  # nothing is owed under it
    unchanged = Unchanged(case)
    with pytest.raises(DomainError) as error:
        services.case_enforcement_demand(actor=actor, case=case, served_on=overdue)
    assert error.value.code == "penalty.decision_set_aside" and error.value.status_code == 409
    assert "行政强制法" in error.value.message and "第四十条第（四）项" in error.value.message
    unchanged.check()
    with pytest.raises(DomainError) as error:
        services.case_execution_record(actor=actor, case=case, executed_on=overdue, paid_amount=Decimal("10000"))
    assert error.value.code == "penalty.decision_set_aside"
    unchanged.check()


def test_coercion_a_decision_confirmed_illegal_stays_in_force(world) -> None:
    # 确认违法 without 撤销 leaves the decision in force (行政复议法 Art. 65; 行政诉讼法 Art. 74)
    actor = world.cast.inspector_north
    case = served_case(world)
    case = services.case_decision_change_record(actor=actor, case=case, kind="confirmed_illegal",
                                                changed_on=D(2026, 5, 5), reason="确认违法但不撤销")  # fmt: skip
    assert "demand_enforcement" in {a.code for a in selectors.case_allowed_actions(case=case, on=D(2026, 5, 6))}
    assert selectors.surcharge_now(case=case, on=D(2026, 5, 6)).amount > 0
    case = services.case_enforcement_demand(actor=actor, case=case, served_on=D(2026, 5, 6))
    assert case.enforcement_demand_served_on == D(2026, 5, 6)


def test_coercion_art40_4_execution_ends_and_the_case_closes(world) -> None:
    actor = world.cast.inspector_north
    case = served_case(world)
    assert "end_execution" not in {a.code for a in selectors.case_allowed_actions(case=case, on=D(2026, 5, 6))}
    unchanged = Unchanged(case)
    with pytest.raises(DomainError) as error:  # the decision is still in force
        services.case_execution_end(actor=actor, case=case, closed_on=D(2026, 5, 6))
    assert error.value.code == "penalty.decision_in_force" and "行政强制法" in error.value.message
    unchanged.check()

    case = services.case_decision_change_record(actor=actor, case=case, kind="revoked", changed_on=D(2026, 5, 5),
                                                reason="复议机关决定撤销")  # fmt: skip
    assert "end_execution" in {a.code for a in selectors.case_allowed_actions(case=case, on=D(2026, 5, 6))}
    unchanged = Unchanged(case)
    with pytest.raises(DomainError) as error:  # not before the decision was set aside
        services.case_execution_end(actor=actor, case=case, closed_on=D(2026, 5, 4))
    assert error.value.code == "penalty.date_out_of_order"
    unchanged.check()
    case = services.case_execution_end(actor=actor, case=case, closed_on=D(2026, 5, 6))
    assert case.status == CaseStatus.CLOSED and case.outcome == "execution_ended"
    assert "已被撤销" in case.closure_basis and "第四十条第（四）项" in case.closure_basis
    assert_one_audit(AuditEventType.PENALTY_CASE_CLOSED, case, actor)
    assert last_event(case).type == CaseEventType.CLOSED
    assert not TrackedDeadline.objects.filter(target_id=str(case.pk), status="open").exists()
    assert PenaltyCase.objects.get(pk=case.pk).status == CaseStatus.CLOSED
