"""强制执行 on the case page (行政处罚法 Art. 72; 行政强制法 Art. 35, 53, 54): the 催告, then the court."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from fazhi.core.audit.models import AuditEventType
from fazhi.enforcement import selectors, services
from fazhi.enforcement.tests.assertions import Unchanged, assert_one_audit
from fazhi.enforcement.tests.pages import client_for, offered, page, post_action, served_case, timeline

pytestmark = pytest.mark.django_db

APPLY = {"route": "court", "applied_on": "2026-10-12", "body": "测试区人民法院", "note": ""}


def demanded_case(world):  # type: ignore[no-untyped-def]
    case = served_case(world)
    return services.case_enforcement_demand(actor=world.cast.inspector_north, case=case, served_on=date(2026, 5, 6))


def test_the_court_application_is_offered_only_after_the_demand(world) -> None:
    case = served_case(world)
    officer = client_for(world.cast.inspector_north)
    html = page(officer, case)
    assert offered(html, "demand_enforcement") and not offered(html, "apply_enforcement")
    case = services.case_enforcement_demand(actor=world.cast.inspector_north, case=case, served_on=date(2026, 5, 6))
    assert offered(page(officer, case), "apply_enforcement")
    services.case_execution_record(actor=world.cast.inspector_north, case=case, executed_on=date(2026, 5, 8))
    html = page(officer, case)  # paid: nothing left to enforce
    assert not offered(html, "demand_enforcement") and not offered(html, "apply_enforcement")


def test_the_demand_is_offered_only_once_the_payment_is_overdue(world) -> None:
    # 行政强制法 Art. 35, 54: the 催告 follows a missed deadline; offering it earlier only led to a refusal.
    case = served_case(world)  # payment due 2026-04-17
    # a fresh login on each day: the session's idle timeout would end a session carried across days
    with time_machine.travel(date(2026, 4, 17), tick=False):  # the party may still pay today
        assert not offered(page(client_for(world.cast.inspector_north), case), "demand_enforcement")
    with time_machine.travel(date(2026, 4, 18), tick=False):
        assert offered(page(client_for(world.cast.inspector_north), case), "demand_enforcement")

    def listed(on: date) -> bool:
        return "demand_enforcement" in {a.code for a in selectors.case_allowed_actions(case=case, on=on)}

    assert not listed(date(2026, 4, 17)) and listed(date(2026, 4, 18))
    case = services.case_payment_arrange(
        actor=world.cast.inspector_north, case=case, kind="deferred", applied_on=date(2026, 4, 10),
        approved_on=date(2026, 4, 12), approver="李局长", new_due=date(2026, 6, 30), reason="经营困难",
    )  # fmt: skip
    # an approved deferral (Art. 66(2)) moves the day from which the demand is offered
    assert not listed(date(2026, 6, 30)) and listed(date(2026, 7, 1))


def test_demand_then_court_application_through_the_page(world) -> None:
    case = served_case(world)
    officer = client_for(world.cast.inspector_north)
    response = post_action(officer, case, "demand_enforcement", {"served_on": "2026-05-06", "note": "催告书直接送达"})
    assert response.status_code == 302, response.content.decode()[:2000]
    case.refresh_from_db()
    assert case.enforcement_demand_served_on == date(2026, 5, 6)
    assert (case.enforcement_window_from, case.enforcement_window_to) == (date(2026, 10, 8), date(2027, 1, 8))
    assert_one_audit(AuditEventType.PENALTY_CASE_ENFORCEMENT_DEMANDED, case, world.cast.inspector_north)
    assert 'data-testid="enforcement-demand"' in page(officer, case)

    response = post_action(officer, case, "apply_enforcement", APPLY, htmx=True)
    assert response.status_code == 200, response.content.decode()[:2000]
    html = response.content.decode()  # HTMX: the refreshed case body, with the new step shown
    assert "<html" not in html and "已办理：申请/实施强制执行。" in html and 'data-testid="enforcement-applied"' in html
    case.refresh_from_db()
    assert (case.status, case.enforcement_route, case.enforcement_body) == ("enforcing", "court", "测试区人民法院")
    assert timeline(case)[-2:] == ["enforcement_demanded", "enforcement_applied"]


def test_a_demand_before_the_payment_deadline_passed_is_refused(world) -> None:
    case = served_case(world)
    unchanged = Unchanged(case)
    response = post_action(client_for(world.cast.inspector_north), case, "demand_enforcement",
                           {"served_on": "2026-04-17", "note": ""})  # fmt: skip
    assert response.status_code == 400
    html = response.content.decode()
    assert "缴款期限尚未届满" in html and "第七十二条" in html
    unchanged.check()


def test_a_court_application_while_the_party_may_still_sue_is_refused(world) -> None:
    case = demanded_case(world)
    unchanged = Unchanged(case)
    response = post_action(client_for(world.cast.inspector_north), case, "apply_enforcement",
                           APPLY | {"applied_on": "2026-09-01"})  # fmt: skip
    assert response.status_code == 400
    html = response.content.decode()
    assert "不能申请法院强制执行" in html and "《中华人民共和国行政强制法》第五十三条" in html
    unchanged.check()


def test_another_units_officer_gets_404(world) -> None:
    case = demanded_case(world)
    unchanged = Unchanged(case)
    south = client_for(world.cast.inspector_south)
    demand = post_action(south, case, "demand_enforcement", {"served_on": "2026-05-07"})
    apply = post_action(south, case, "apply_enforcement", APPLY)
    assert (demand.status_code, apply.status_code) == (404, 404)
    unchanged.check()
