"""当场收缴 on the case page (行政处罚法 Art. 68–71): collected with a receipt, handed over, paid into the bank."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.core.audit.models import AuditEventType
from fazhi.enforcement import services
from fazhi.enforcement.tests.assertions import Unchanged, assert_one_audit
from fazhi.enforcement.tests.pages import client_for, offered, on_the_spot, page, post_action, served_case, timeline

pytestmark = pytest.mark.django_db

COLLECT = {"collected_on": "2026-03-02", "ground": "small_fine", "receipt_number": "津财罚000123", "landed_on": ""}


def test_each_cash_step_is_offered_only_after_the_one_before(world) -> None:
    case = on_the_spot(world)
    officer = client_for(world.cast.inspector_north)
    html = page(officer, case)
    assert offered(html, "collect_cash") and not offered(html, "hand_over_cash") and not offered(html, "deposit_cash")
    services.case_cash_collect(actor=world.cast.inspector_north, case=case, collected_on=date(2026, 3, 2),
                               ground="small_fine", receipt_number="R1")  # fmt: skip
    html = page(officer, case)
    assert offered(html, "hand_over_cash") and not offered(html, "collect_cash") and not offered(html, "deposit_cash")


def test_collect_hand_over_deposit_then_close_through_the_page(world) -> None:
    case = on_the_spot(world)
    officer = client_for(world.cast.inspector_north)
    response = post_action(officer, case, "collect_cash", COLLECT)
    assert response.status_code == 302, response.content.decode()[:2000]
    case.refresh_from_db()
    assert (case.status, case.paid_amount, case.cash_receipt_number) == ("executed", Decimal("100.00"), "津财罚000123")
    assert case.cash_handover_due == date(2026, 3, 4)  # Art. 71, 85: 2 working days from Mon 03-02
    assert_one_audit(AuditEventType.PENALTY_CASE_CASH_COLLECTED, case, world.cast.inspector_north)
    assert 'data-testid="cash-collection"' in page(officer, case)

    assert post_action(officer, case, "hand_over_cash", {"handed_over_on": "2026-03-04"}).status_code == 302
    case.refresh_from_db()
    assert case.cash_handed_over_on == date(2026, 3, 4) and not case.cash_handover_late
    assert offered(page(officer, case), "deposit_cash")
    assert post_action(officer, case, "deposit_cash", {"deposited_on": "2026-03-05"}).status_code == 302
    case.refresh_from_db()
    assert case.cash_deposited_on == date(2026, 3, 5) and not case.cash_deposit_late
    assert post_action(officer, case, "close", {"closed_on": "2026-03-06", "note": ""}).status_code == 302
    case.refresh_from_db()
    assert case.status == "closed"
    assert timeline(case)[-4:] == ["cash_collected", "cash_handed_over", "cash_deposited", "closed"]


@pytest.mark.parametrize(
    ("fine", "change", "message", "article"),
    [("150", {}, "超过一百元", "第六十八条第一项"),
     ("100", {"receipt_number": ""}, "应当出具财政部门统一制发的专用票据", "第七十条"),
     ("100", {"ground": "remote_area"}, "应当由当事人提出", "第六十九条")],
)  # fmt: skip
def test_a_collection_the_law_does_not_allow_is_refused(world, fine, change, message, article) -> None:
    case = on_the_spot(world, fine=fine)
    unchanged = Unchanged(case)
    response = post_action(client_for(world.cast.inspector_north), case, "collect_cash", COLLECT | change)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and article in html and 'data-testid="action-error"' in html
    unchanged.check()


def test_an_ordinary_case_cannot_use_the_small_fine_ground(world) -> None:
    case = served_case(world)
    unchanged = Unchanged(case)
    response = post_action(client_for(world.cast.inspector_north), case, "collect_cash", COLLECT)
    assert response.status_code == 400 and "仅限依照第五十一条当场作出的处罚决定" in response.content.decode()
    unchanged.check()


def test_another_units_officer_gets_404(world) -> None:
    case = on_the_spot(world)
    unchanged = Unchanged(case)
    response = post_action(client_for(world.cast.inspector_south), case, "collect_cash", COLLECT)
    assert response.status_code == 404
    unchanged.check()
