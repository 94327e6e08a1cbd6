"""Pure rule tables for the later procedure steps; every case names its article (行政处罚法 unless stated)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.core.errors import Conflict, DomainError
from fazhi.enforcement import rules
from fazhi.enforcement.choices import CaseProcedure, CaseStatus
from fazhi.enforcement.choices import CashCollectionGround as G
from fazhi.enforcement.choices import PenaltyType as P
from fazhi.enforcement.rules import execution as x

D = date


# --- Art. 43 回避 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "status", "barred", "why"),
    [
        ("officer", "pending", True, "Art. 43(1): the officer's own declaration bars at once"),
        ("officer", "granted", True, "Art. 43(3): granted"),
        ("officer", "refused", False, "Art. 43(3): the head decided against recusal"),
        ("party", "pending", False, "Art. 43(3): the investigation does not stop before the decision"),
        ("party", "granted", True, "Art. 43(2)(3): the party's application granted"),
        ("party", "refused", False, "Art. 43(3): refused"),
    ],
)
def test_art43_who_is_barred(source: str, status: str, barred: bool, why: str) -> None:
    assert x.officer_is_barred(x.RecusalFact(1, source, status)) is barred, why


def test_art43_a_barred_officer_cannot_act() -> None:
    facts = [x.RecusalFact(7, "officer", "pending"), x.RecusalFact(8, "party", "pending")]
    x.require_no_recused_officers(officer_ids=[8, 9], facts=facts, act="调查取证")
    with pytest.raises(DomainError) as error:
        x.require_no_recused_officers(officer_ids=[7, 9], facts=facts, act="调查取证")
    assert error.value.code == "penalty.officer_recused" and "第四十三条" in error.value.message


# --- Art. 56 先行登记保存 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("approved_by", "approved_on", "registered_on", "code"),
    [
        ("", D(2026, 3, 5), D(2026, 3, 5), "penalty.preservation_not_approved"),
        ("张局长", None, D(2026, 3, 5), "penalty.preservation_not_approved"),
        ("张局长", D(2026, 3, 6), D(2026, 3, 5), "penalty.preservation_approved_late"),
        ("张局长", D(2026, 3, 5), D(2026, 3, 5), None),
    ],
)
def test_art56_preservation_needs_prior_approval_of_the_head(approved_by, approved_on, registered_on, code) -> None:  # type: ignore[no-untyped-def]
    if code is None:
        x.require_preservation_approved(approved_by=approved_by, approved_on=approved_on, registered_on=registered_on)
        return
    with pytest.raises(DomainError) as error:
        x.require_preservation_approved(approved_by=approved_by, approved_on=approved_on, registered_on=registered_on)
    assert error.value.code == code and "第五十六条" in error.value.message


def test_art56_art85_late_decision_is_flagged_not_refused() -> None:
    assert x.preservation_decided_late(decided_on=D(2026, 3, 17), due=D(2026, 3, 16))
    assert not x.preservation_decided_late(decided_on=D(2026, 3, 16), due=D(2026, 3, 16))


# --- Art. 64(二) 听证通知 ---------------------------------------------------------------------------------


def test_art64_2_hearing_notice_seven_working_days_ahead() -> None:
    x.require_hearing_notice_in_time(hearing_on=D(2026, 3, 31), earliest=D(2026, 3, 31))
    with pytest.raises(DomainError) as error:
        x.require_hearing_notice_in_time(hearing_on=D(2026, 3, 30), earliest=D(2026, 3, 31))
    assert error.value.code == "penalty.hearing_notice_too_late" and "第六十四条第二项" in error.value.message
    with pytest.raises(DomainError) as error:
        x.require_hearing_notified(notice_on=None)
    assert error.value.code == "penalty.hearing_not_notified"


# --- Art. 66 暂缓或者分期缴纳 --------------------------------------------------------------------------------

Inst = x.Instalment
BASE = {"fine": Decimal("5000"), "applied_on": D(2026, 4, 5), "approved_on": D(2026, 4, 8), "approver": "张局长",
        "current_due": D(2026, 4, 17)}  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "changes", "result"),
    [
        ("deferred", {"new_due": D(2026, 6, 30)}, D(2026, 6, 30)),
        ("instalments", {"instalments": [Inst(D(2026, 5, 1), Decimal("2500")), Inst(D(2026, 6, 1), Decimal("2500"))]},
         D(2026, 6, 1)),
        ("deferred", {"new_due": D(2026, 4, 17)}, "penalty.arrangement_bad_due"),
        ("deferred", {"new_due": D(2026, 6, 30), "approver": ""}, "penalty.arrangement_not_approved"),
        ("deferred", {"new_due": D(2026, 6, 30), "approved_on": D(2026, 4, 1)}, "penalty.arrangement_not_approved"),
        ("instalments", {"instalments": [Inst(D(2026, 5, 1), Decimal("5000"))]}, "penalty.instalments_too_few"),
        ("instalments", {"instalments": [Inst(D(2026, 5, 1), Decimal("2000")), Inst(D(2026, 6, 1), Decimal("2000"))]},
         "penalty.instalments_bad_amounts"),
        ("instalments", {"instalments": [Inst(D(2026, 6, 1), Decimal("2500")), Inst(D(2026, 5, 1), Decimal("2500"))]},
         "penalty.instalments_bad_dates"),
        ("something", {}, "penalty.arrangement_kind"),
        ("deferred", {"new_due": D(2026, 6, 30), "current_due": None}, "penalty.arrangement_no_fine"),
    ],
)  # fmt: skip
def test_art66_deferral_and_instalments(kind: str, changes: dict, result) -> None:  # type: ignore[no-untyped-def]
    values = {**BASE, "new_due": None, "instalments": (), **changes}
    if isinstance(result, date):
        assert x.require_payment_arrangement(kind=kind, **values) == result
        return
    with pytest.raises(DomainError) as error:
        x.require_payment_arrangement(kind=kind, **values)
    assert error.value.code == result and "第六十六条第二款" in error.value.message


def test_art66_art72_surcharge_runs_per_overdue_instalment_and_is_capped_by_it() -> None:
    plan = [Inst(D(2026, 5, 1), Decimal("2500")), Inst(D(2026, 6, 1), Decimal("2500"))]
    assert x.instalment_surcharge(instalments=plan, on=D(2026, 5, 1)).amount == Decimal("0.00")
    # 2026-05-02..05-11 = 10 days × 3% × 2500 = 750; the second instalment is not yet due
    assert x.instalment_surcharge(instalments=plan, on=D(2026, 5, 11)).amount == Decimal("750.00")
    late = x.instalment_surcharge(instalments=plan, on=D(2026, 12, 31))
    assert late.amount == Decimal("5000.00") and late.capped  # each capped at its own amount (Art. 72(1)(一))


# --- Art. 68–71 当场收缴 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("procedure", "ground", "fine", "requested", "code"),
    [
        (CaseProcedure.SIMPLIFIED, G.SMALL_FINE, Decimal("100"), False, None),  # Art. 68(一): ≤ 100 included
        (CaseProcedure.SIMPLIFIED, G.SMALL_FINE, Decimal("100.01"), False, "penalty.cash_fine_too_high"),
        (CaseProcedure.SIMPLIFIED, G.HARD_TO_ENFORCE, Decimal("200"), False, None),  # Art. 68(二)
        (CaseProcedure.ORDINARY, G.HARD_TO_ENFORCE, Decimal("200"), False, "penalty.cash_not_simplified"),
        (CaseProcedure.ORDINARY, G.REMOTE_AREA, Decimal("5000"), True, None),  # Art. 69: also Art. 57 decisions
        (CaseProcedure.ORDINARY, G.REMOTE_AREA, Decimal("5000"), False, "penalty.cash_not_requested"),
        (CaseProcedure.SIMPLIFIED, "friendly", Decimal("50"), False, "penalty.cash_bad_ground"),
    ],
)
def test_art68_art69_on_the_spot_collection(procedure, ground, fine, requested, code) -> None:  # type: ignore[no-untyped-def]
    call = {"procedure": procedure, "ground": ground, "types": [P.FINE], "fine": fine, "party_requested": requested}
    if code is None:
        x.require_cash_collection_allowed(**call)
        return
    with pytest.raises(DomainError) as error:
        x.require_cash_collection_allowed(**call)
    assert error.value.code == code and ("第六十八条" in error.value.message or "第六十九条" in error.value.message)


def test_art67_art70_art71_cash_formalities() -> None:
    with pytest.raises(DomainError) as error:  # Art. 67: no fine, nothing to collect
        x.require_cash_collection_allowed(procedure="simplified", ground=G.SMALL_FINE, types=[P.WARNING],
                                          fine=Decimal(0), party_requested=False)  # fmt: skip
    assert "第六十七条" in error.value.message
    with pytest.raises(DomainError) as error:  # Art. 70: the 专用票据
        x.require_cash_receipt("  ")
    assert error.value.code == "penalty.cash_receipt_missing" and "第七十条" in error.value.message
    assert x.cash_handover_start(collected_on=D(2026, 3, 2), landed_on=None) == D(2026, 3, 2)
    assert x.cash_handover_start(collected_on=D(2026, 3, 2), landed_on=D(2026, 3, 4)) == D(2026, 3, 4)  # 抵岸
    with pytest.raises(DomainError) as error:  # Art. 71: closing waits for the bank
        x.require_cash_deposited_before_closing(collected=True, deposited=False)
    assert "第七十一条" in error.value.message


# --- Art. 72; 行政强制法 Art. 35, 46, 53, 54, 69 --------------------------------------------------------------

WINDOW = (D(2026, 10, 2), D(2027, 1, 2))


@pytest.mark.parametrize(
    ("route", "applied_on", "served", "wait_end", "surcharge_end", "code"),
    [
        ("court", D(2026, 10, 10), None, None, None, "penalty.demand_missing"),  # 行政强制法 Art. 35, 54
        ("court", D(2026, 9, 14), D(2026, 9, 1), D(2026, 9, 15), None, "penalty.demand_period_running"),  # Art. 54, 69
        ("court", D(2026, 10, 2), D(2026, 9, 1), D(2026, 9, 15), None, "penalty.court_window_not_open"),  # Art. 53
        ("court", D(2026, 10, 3), D(2026, 9, 1), D(2026, 9, 15), None, None),
        ("court", D(2027, 1, 2), D(2026, 9, 1), D(2026, 9, 15), None, None),
        ("court", D(2027, 1, 3), D(2026, 9, 1), D(2026, 9, 15), None, "penalty.court_window_closed"),  # Art. 53
        ("administrative", D(2026, 5, 20), D(2026, 5, 1), D(2026, 5, 15), D(2026, 5, 17), None),  # Art. 46
        ("administrative", D(2026, 5, 16), D(2026, 5, 1), D(2026, 5, 15), D(2026, 5, 17),
         "penalty.surcharge_wait_running"),
    ],
)  # fmt: skip
def test_enforcement_of_an_unpaid_decision(route, applied_on, served, wait_end, surcharge_end, code) -> None:  # type: ignore[no-untyped-def]
    call = {"route": route, "applied_on": applied_on, "demand_served_on": served, "demand_wait_end": wait_end,
            "window": WINDOW, "surcharge_wait_end": surcharge_end}  # fmt: skip
    if code is None:
        x.require_enforcement_allowed(**call)
        return
    with pytest.raises(DomainError) as error:
        x.require_enforcement_allowed(**call)
    assert error.value.code == code and "《中华人民共和国行政强制法》" in error.value.message


def test_art72_2_court_window_runs_from_the_later_of_suit_period_and_deferral() -> None:
    assert x.court_window_start(suit_period_end=D(2026, 10, 2), performance_end=D(2026, 4, 17)) == D(2026, 10, 2)
    assert x.court_window_start(suit_period_end=D(2026, 10, 2), performance_end=D(2026, 12, 31)) == D(2026, 12, 31)
    with pytest.raises(DomainError) as error:  # Art. 72: 催告 only after the deadline
        x.require_payment_overdue(due=D(2026, 4, 17), on=D(2026, 4, 17), paid=False)
    assert error.value.code == "penalty.not_overdue"


def test_state_machine_enforcing_stage_and_cash_steps() -> None:
    """RULES.md §1.3: 缴款 → 逾期 → 强制执行 → 执行完毕; 当场收缴 → 交款 → 缴付银行 (Art. 68–72)."""
    assert rules.require_action(status=CaseStatus.SERVED, procedure="ordinary", action="apply_enforcement").target == (
        CaseStatus.ENFORCING
    )
    assert rules.require_action(status=CaseStatus.ENFORCING, procedure="ordinary", action="execute").target == (
        CaseStatus.EXECUTED
    )
    simplified = {a.code for a in rules.allowed_actions(status=CaseStatus.SERVED, procedure="simplified")}
    assert {"collect_cash", "arrange_payment", "demand_enforcement"} <= simplified
    with pytest.raises(Conflict):  # Art. 64(二): scheduling only once a hearing was requested
        rules.require_action(status=CaseStatus.NOTIFIED, procedure="ordinary", action="schedule_hearing")
