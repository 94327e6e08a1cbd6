"""暂缓或者分期缴纳 on the case page (行政处罚法 Art. 66(2)): the approved plan moves the payment deadline."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.core.audit.models import AuditEventType
from fazhi.enforcement.tests.assertions import Unchanged, assert_one_audit
from fazhi.enforcement.tests.factories import decided_case
from fazhi.enforcement.tests.pages import client_for, offered, page, post_action, served_case, timeline

pytestmark = pytest.mark.django_db

DEFERRAL = {
    "kind": "deferred", "applied_on": "2026-04-10", "approved_on": "2026-04-12", "approver": "李局长",
    "new_due": "2026-06-30", "instalments": "", "reason": "经营困难",
}  # fmt: skip


def test_the_form_is_offered_only_for_a_served_unpaid_fine_without_a_plan(world) -> None:
    officer = client_for(world.cast.inspector_north)
    assert not offered(page(officer, decided_case(world)), "arrange_payment")  # not served yet
    case = served_case(world)
    assert offered(page(officer, case), "arrange_payment")
    assert post_action(officer, case, "arrange_payment", DEFERRAL).status_code == 302
    assert not offered(page(officer, case), "arrange_payment")  # one approved plan per case


def test_an_approved_deferral_moves_the_payment_deadline(world) -> None:
    case = served_case(world)
    officer = client_for(world.cast.inspector_north)
    response = post_action(officer, case, "arrange_payment", DEFERRAL)
    assert response.status_code == 302, response.content.decode()[:2000]
    case.refresh_from_db()
    assert (case.payment_arrangement, case.payment_due, case.original_payment_due) == (
        "deferred", date(2026, 6, 30), date(2026, 4, 17)
    )  # fmt: skip
    assert_one_audit(AuditEventType.PENALTY_CASE_PAYMENT_ARRANGED, case, world.cast.inspector_north)
    assert timeline(case)[-1] == "payment_arranged"
    html = page(officer, case)
    assert 'data-testid="payment-arrangement"' in html and "2026年6月30日" in html


def test_an_instalment_plan_typed_line_by_line(world) -> None:
    case = served_case(world)
    response = post_action(client_for(world.cast.inspector_north), case, "arrange_payment", DEFERRAL | {
        "kind": "instalments", "new_due": "", "instalments": "2026-05-15 2500\n2026-06-15，2500元\n",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    case.refresh_from_db()
    assert case.payment_due == date(2026, 5, 15)
    assert case.payment_instalments == [
        {"due": "2026-05-15", "amount": "2500.00"}, {"due": "2026-06-15", "amount": "2500.00"},
    ]  # fmt: skip
    assert sum(Decimal(i["amount"]) for i in case.payment_instalments) == case.fine_amount


@pytest.mark.parametrize(
    ("change", "message"),
    [({"approved_on": "2026-04-09"}, "批准不能早于申请"),
     ({"approver": ""}, "应当经当事人申请和行政机关批准"),
     ({"kind": "instalments", "new_due": "", "instalments": "2026-05-15 2000\n2026-06-15 2000"},
      "各期金额之和应当等于罚款数额5000.00元")],
)  # fmt: skip
def test_a_plan_against_art66_is_refused_and_nothing_changes(world, change, message) -> None:
    case = served_case(world)
    unchanged = Unchanged(case)
    response = post_action(client_for(world.cast.inspector_north), case, "arrange_payment", DEFERRAL | change)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "第六十六条第二款" in html and 'data-testid="action-error"' in html
    unchanged.check()


def test_an_unreadable_instalment_line_is_refused_by_the_form(world) -> None:
    case = served_case(world)
    unchanged = Unchanged(case)
    response = post_action(client_for(world.cast.inspector_north), case, "arrange_payment", DEFERRAL | {
        "kind": "instalments", "instalments": "2026-05-15 2500\n六月十五日 2500",
    })  # fmt: skip
    assert response.status_code == 400
    assert "第2行格式不正确" in response.content.decode()
    unchanged.check()


def test_another_units_officer_gets_404(world) -> None:
    case = served_case(world)
    unchanged = Unchanged(case)
    response = post_action(client_for(world.cast.inspector_south), case, "arrange_payment", DEFERRAL)
    assert response.status_code == 404
    unchanged.check()


def test_a_second_plan_is_refused_naming_the_check_and_art66(world) -> None:
    case = served_case(world)
    officer = client_for(world.cast.inspector_north)
    assert post_action(officer, case, "arrange_payment", DEFERRAL).status_code == 302
    case.refresh_from_db()
    unchanged = Unchanged(case)
    response = post_action(officer, case, "arrange_payment", DEFERRAL | {"new_due": "2026-07-31"})  # a stale tab
    assert response.status_code == 400
    html = response.content.decode()
    assert "本案已批准暂缓或分期缴纳，不能再次批准（数据校验：每案只批准一次暂缓或者分期缴纳" in html
    assert "所涉环节依据《中华人民共和国行政处罚法》第六十六条第二款" in html
    unchanged.check()
