"""分期缴纳 (行政处罚法 Art. 66(2)): instalments paid one by one, and a 变更 of the fine ending the plan.

Protects against two faults. No instalment could be recorded as paid, so 加处罚款 ran on instalments
already paid and 履行完毕 asked for the whole fine again. And after a 变更 the plan kept the original
amounts: a fine lowered from 5000 to 3000 元 still had instalments adding up to 5000 元, with the
surcharge computed on them. Now a 变更 of the fine ends the plan (rules.instalments): what is owed is
the changed fine less the instalments paid, due within 15 days (Art. 67(3)); the party may apply for
a new plan; an excess paid is to be returned (行政强制法 Art. 41).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.deadlines.models import TrackedDeadline
from fazhi.core.errors import DomainError
from fazhi.enforcement import selectors, services
from fazhi.enforcement.choices import CaseEventType
from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.rules import execution as x
from fazhi.enforcement.rules import instalments as r
from fazhi.enforcement.tests.assertions import Unchanged, last_event
from fazhi.enforcement.tests.pages import client_for, offered, page, post_action, served_case

pytestmark = pytest.mark.django_db
D = date
FIRST_DUE, CHANGED_ON = D(2026, 5, 15), D(2026, 5, 20)
PLAN = [(D(2026, 5, 15), Decimal("2000")), (D(2026, 6, 15), Decimal("1500")), (D(2026, 7, 15), Decimal("1500"))]


def _with_plan(world):  # type: ignore[no-untyped-def]
    """A 5000 元 fine served 2026-04-02, paid in three instalments approved 2026-04-12."""
    return services.case_payment_arrange(
        actor=world.cast.inspector_north, case=served_case(world), kind="instalments", applied_on=D(2026, 4, 10),
        approved_on=D(2026, 4, 12), approver="李局长", instalments=PLAN, reason="经营困难",
    )  # fmt: skip


def _pay(world, case, on=FIRST_DUE):  # type: ignore[no-untyped-def]
    return services.case_instalment_pay(actor=world.cast.inspector_north, case=case, on=on)


def _change(world, case, on=CHANGED_ON, **content):  # type: ignore[no-untyped-def]
    return services.case_decision_change_record(
        actor=world.cast.inspector_north, case=case, kind="changed", changed_on=on, reason="行政复议决定变更", **content
    )


def _payment_due(case: PenaltyCase) -> date:
    tracked = TrackedDeadline.objects.get(target_id=str(case.pk), rule_code="penalty.payment", status="open")
    return tracked.due


# --- the pure rules -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("_case", "changed_fine", "outstanding", "refund", "text"),
    [
        ("lowered above what was paid", "3000", "1000", "0", "已分期缴纳2000元，变更后的罚款3000元，尚应缴纳1000元"),
        ("below what was paid", "1500", "0", "500", "多缴的500元应当退还（《中华人民共和国行政强制法》第四十一条"),
        ("lowered to what was paid", "2000", "0", "0", "已足额缴纳"),
        ("raised (复议法 Art. 63(2) exception)", "6000", "4000", "0", "尚应缴纳4000元"),
    ],
)  # fmt: skip
def test_a_changed_fine_ends_the_plan_and_what_was_paid_counts(_case, changed_fine, outstanding, refund, text) -> None:
    after = r.instalment_plan_after_change(
        fine_before=Decimal("5000"), changed_fine=Decimal(changed_fine), paid=Decimal("2000")
    )

    assert after is not None
    assert (after.outstanding, after.refund) == (Decimal(outstanding), Decimal(refund))
    assert after.text.startswith("分期缴纳计划因决定变更终止，按变更后的罚款重新确定：") and text in after.text


def test_a_change_that_leaves_the_fine_leaves_the_plan() -> None:
    same = r.instalment_plan_after_change(fine_before=Decimal("5000"), changed_fine=Decimal("5000"), paid=Decimal(0))
    assert same is None


def test_instalments_are_paid_in_order_and_the_last_completes_the_decision() -> None:
    plan = [x.Instalment(d, a) for d, a in PLAN]
    approved = D(2026, 4, 12)

    assert r.require_instalment_payable(active=True, instalments=plan, approved_on=approved, on=D(2026, 5, 1)) == 0
    plan[0] = x.Instalment(PLAN[0][0], PLAN[0][1], paid_on=D(2026, 5, 1))
    assert r.require_instalment_payable(active=True, instalments=plan, approved_on=approved, on=D(2026, 6, 1)) == 1
    plan[1] = x.Instalment(PLAN[1][0], PLAN[1][1], paid_on=D(2026, 6, 1))
    with pytest.raises(DomainError) as last:
        r.require_instalment_payable(active=True, instalments=plan, approved_on=approved, on=D(2026, 7, 1))
    with pytest.raises(DomainError) as ended:
        r.require_instalment_payable(active=False, instalments=plan, approved_on=approved, on=D(2026, 7, 1))
    with pytest.raises(DomainError) as early:
        r.require_instalment_payable(active=True, instalments=plan[:1] + [x.Instalment(*PLAN[1])] * 2,
                                     approved_on=approved, on=D(2026, 4, 11))  # fmt: skip

    assert (last.value.code, last.value.status_code) == ("penalty.instalment_last", 409)
    assert "请登记“履行/执行完毕”" in last.value.message and "第六十六条第二款" in last.value.message
    assert ended.value.code == "penalty.instalment_none"
    assert early.value.code == "penalty.date_out_of_order" and early.value.status_code == 400


def test_a_paid_instalment_accrues_no_surcharge() -> None:
    plan = [
        x.Instalment(D(2026, 5, 1), Decimal("2500"), paid_on=D(2026, 5, 1)),
        x.Instalment(D(2026, 6, 1), Decimal("2500")),
    ]
    # 2026-06-02..06-11: 10 days × 3% × 2500 on the second instalment only
    assert x.instalment_surcharge(instalments=plan, on=D(2026, 6, 11)).amount == Decimal("750.00")


# --- paying an instalment -------------------------------------------------------------------------------


def test_paying_an_instalment_moves_the_deadline_to_the_next(world) -> None:
    case = _with_plan(world)
    audits = AuditEvent.objects.filter(event_type=AuditEventType.PENALTY_CASE_INSTALMENT_PAID).count()

    case = _pay(world, case, on=D(2026, 5, 16))  # one day late: 3% × 2000 = 60 元 on that instalment

    stored = PenaltyCase.objects.get(pk=case.pk)
    assert stored.fine_paid_in_part == Decimal("2000") and stored.payment_due == D(2026, 6, 15)
    assert stored.payment_instalments[0] == {
        "due": "2026-05-15", "amount": "2000.00", "paid_on": "2026-05-16", "surcharge": "60.00",
    }  # fmt: skip
    assert AuditEvent.objects.filter(event_type=AuditEventType.PENALTY_CASE_INSTALMENT_PAID).count() == audits + 1
    event = last_event(case)
    assert event.type == CaseEventType.INSTALMENT_PAID
    assert (
        event.message
        == "缴纳第1期罚款2000元及该期加处罚款60元（第七十二条第一款第一项）；下一期应于2026年6月15日缴纳1500元"
    )
    # the paid instalment no longer accrues; 履行完毕 asks for the rest only
    assert selectors.surcharge_now(case=stored, on=D(2026, 6, 15)).amount == Decimal("0.00")
    stored = services.case_execution_record(actor=world.cast.inspector_north, case=stored, executed_on=D(2026, 6, 10))
    assert (stored.paid_amount, stored.surcharge_amount) == (Decimal("5060.00"), Decimal("60.00"))


def test_the_last_instalment_is_refused_here_and_nothing_changes(world) -> None:
    case = _pay(world, _pay(world, _with_plan(world)), on=D(2026, 6, 15))
    unchanged = Unchanged(case)

    with pytest.raises(DomainError) as refused:
        _pay(world, case, on=D(2026, 7, 15))

    assert refused.value.code == "penalty.instalment_last"
    unchanged.check()


# --- a 变更 after an instalment was paid ------------------------------------------------------------------


def test_a_lower_fine_after_a_paid_instalment_ends_the_plan_and_owes_the_rest(world) -> None:
    case = _pay(world, _with_plan(world))  # 2000 of 5000 paid on 2026-05-15

    case = _change(world, case, new_fine_amount=Decimal("3000"))

    stored = PenaltyCase.objects.get(pk=case.pk)
    due = _payment_due(stored)  # Art. 67(3): 15 days from the change
    assert due >= D(2026, 6, 4) and stored.payment_due == due
    assert stored.payment_arrangement_ended_on == D(2026, 5, 20)
    assert (stored.fine_amount, stored.fine_paid_in_part) == (Decimal("3000"), Decimal("2000"))
    event = last_event(case)
    assert (
        "罚款由5000元变更为3000元；分期缴纳计划因决定变更终止，按变更后的罚款重新确定：已分期缴纳2000元，"
        in event.message
    )
    assert (
        "尚应缴纳1000元，缴款期限至" in event.message
        and "可以重新申请暂缓或者分期缴纳（第六十六条第二款）" in event.message
    )
    assert (event.parameters["instalments_ended"], event.parameters["outstanding"]) == (True, "1000.00")
    status = selectors.case_payment_status(case=stored, on=D(2026, 5, 21))
    assert (status.outstanding, status.plan_active, status.plan_ended_on) == (Decimal("1000"), False, D(2026, 5, 20))
    # 加处罚款 runs on the 1000 still owed, from the new deadline, capped at it (Art. 72(1)(一))
    assert selectors.surcharge_now(case=stored, on=D(2026, 6, 1)).amount == Decimal("0.00")
    assert selectors.surcharge_now(case=stored, on=D(2026, 12, 31)).amount == Decimal("1000.00")
    # 履行完毕 asks for the 1000 元 left, not the changed fine again
    with pytest.raises(DomainError) as underpaid:
        services.case_execution_record(
            actor=world.cast.inspector_north, case=stored, executed_on=D(2026, 5, 25), paid_amount=Decimal("999")
        )
    assert "应缴罚款1000.00元（已分期缴纳2000.00元）" in underpaid.value.message
    stored = services.case_execution_record(actor=world.cast.inspector_north, case=stored, executed_on=D(2026, 5, 25))
    assert stored.paid_amount == Decimal("3000.00")


def test_after_the_plan_ended_the_party_may_apply_again_for_what_it_owes(world) -> None:
    case = _change(world, _pay(world, _with_plan(world)), new_fine_amount=Decimal("3000"))
    case = PenaltyCase.objects.get(pk=case.pk)
    assert "arrange_payment" in {a.code for a in selectors.case_allowed_actions(case=case, on=D(2026, 5, 21))}

    case = services.case_payment_arrange(
        actor=world.cast.inspector_north, case=case, kind="instalments", applied_on=D(2026, 5, 21),
        approved_on=D(2026, 5, 22), approver="李局长", reason="仍有困难",
        instalments=[(D(2026, 6, 20), Decimal("500")), (D(2026, 7, 20), Decimal("500"))],  # the 1000 owed
    )  # fmt: skip

    stored = PenaltyCase.objects.get(pk=case.pk)
    assert stored.payment_arrangement_ended_on is None and stored.payment_due == D(2026, 6, 20)
    assert selectors.case_payment_status(case=stored, on=D(2026, 5, 22)).plan_active


def test_a_fine_lowered_below_what_was_paid_owes_nothing_and_returns_the_rest(world) -> None:
    case = _change(world, _pay(world, _with_plan(world)), new_fine_amount=Decimal("1500"))

    stored = PenaltyCase.objects.get(pk=case.pk)
    assert stored.payment_due is None and selectors.case_fine_outstanding(case=stored) == Decimal(0)
    assert selectors.surcharge_now(case=stored, on=D(2026, 12, 31)) is None
    assert "已分期缴纳2000元，变更后的罚款1500元，多缴的500元应当退还" in last_event(case).message
    assert not TrackedDeadline.objects.filter(target_id=str(case.pk), rule_code="penalty.payment", status="open")


def test_a_change_that_leaves_the_fine_keeps_the_plan(world) -> None:
    case = _pay(world, _with_plan(world))

    case = _change(world, case, new_penalty_types=["warning", "fine"], new_fine_amount=Decimal("5000"))

    stored = PenaltyCase.objects.get(pk=case.pk)
    assert stored.payment_arrangement_ended_on is None and stored.payment_due == D(2026, 6, 15)
    assert "分期缴纳计划" not in last_event(case).message


# --- the page and the API show it -------------------------------------------------------------------------


def test_the_page_shows_the_paid_instalment_the_ended_plan_and_what_is_owed(world) -> None:
    officer = client_for(world.cast.inspector_north)
    case = _with_plan(world)
    assert offered(page(officer, case), "pay_instalment")
    response = post_action(officer, case, "pay_instalment", {"on": "2026-05-15"})
    assert response.status_code == 302, response.content.decode()[:2000]
    case = _change(world, PenaltyCase.objects.get(pk=case.pk), new_fine_amount=Decimal("3000"))

    html = page(officer, case)

    assert "2026年5月15日缴纳 2000.00 元" in html and "（2026年5月15日已缴）" in html
    assert 'data-testid="plan-ended"' in html and "分期缴纳计划已于2026年5月20日因决定变更终止" in html
    assert "现行罚款 3000.00 元，已分期缴纳 2000.00 元，尚应缴纳 1000.00 元" in html
    assert not offered(html, "pay_instalment") and offered(html, "arrange_payment")


def test_http_paying_an_instalment_and_the_payment_in_the_case_detail(world) -> None:
    case = _with_plan(world)
    client = APIClient()
    client.force_authenticate(world.cast.inspector_north)
    url = f"/api/v1/enforcement/cases/{case.pk}/instalment-payment/"

    paid = client.post(url, {"version": case.version, "on": "2026-05-15"}, format="json")
    second = client.post(url, {"version": paid.json()["case"]["version"], "on": "2026-06-15"}, format="json")
    last = client.post(url, {"version": second.json()["case"]["version"], "on": "2026-07-15"}, format="json")
    _change(world, PenaltyCase.objects.get(pk=case.pk), new_fine_amount=Decimal("4000"))
    detail = client.get(f"/api/v1/enforcement/cases/{case.pk}/").json()

    assert paid.status_code == 200, paid.content
    assert paid.json()["payment"]["paid_in_part"] == "2000.00" and paid.json()["payment"]["plan_active"] is True
    assert last.status_code == 409 and last.json()["error"]["code"] == "penalty.instalment_last"
    payment = detail["payment"]
    assert (payment["fine"], payment["paid_in_part"], payment["outstanding"]) == ("4000.00", "3500.00", "500.00")
    assert (payment["plan_active"], payment["plan_ended_on"]) == (False, "2026-05-20")
    assert payment["instalments"][0]["paid_on"] == "2026-05-15" and payment["instalments"][2]["paid_on"] is None
