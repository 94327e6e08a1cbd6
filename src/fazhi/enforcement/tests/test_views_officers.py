"""指派承办人员 on the case page (行政处罚法 Art. 42, 43): the replacement after a granted recusal."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.audit.models import AuditEventType
from fazhi.enforcement import rules, services
from fazhi.enforcement.tests.assertions import Unchanged, assert_one_audit
from fazhi.enforcement.tests.factories import decided_case, open_case
from fazhi.enforcement.tests.pages import client_for, offered, page, post_action, served_case, timeline
from fazhi.enforcement.views.cases import ACTIONS, ACTIONS_SHOWN_ELSEWHERE

pytestmark = pytest.mark.django_db


def recused(world):  # type: ignore[no-untyped-def]
    """An open case whose officer_b was taken off by a granted recusal (Art. 43(3)): one officer left."""
    case = open_case(world)
    actor = world.cast.inspector_north
    recusal = services.case_recusal_declare(
        actor=actor, case=case, officer_id=world.officer_b.pk, source="party", declared_on=date(2026, 3, 3),
        reason="系当事人亲属",
    )  # fmt: skip
    case.refresh_from_db()
    services.case_recusal_decide(
        actor=actor, case=case, recusal=recusal, granted=True, decided_on=date(2026, 3, 4), decided_by="李局长"
    )
    case.refresh_from_db()
    return case


def action_form(html: str, action: str) -> str:
    """The markup of one action's form on the page."""
    start = html.index(f'data-testid="action-{action}"')
    return html[start : html.index("</details>", start)]


def test_every_step_of_the_state_machine_has_its_place_on_the_page() -> None:
    # Nothing is left to "请通过接口办理": a new state-machine action needs a form here too.
    assert set(rules.ACTIONS) == set(ACTIONS) | ACTIONS_SHOWN_ELSEWHERE


def test_the_form_is_offered_only_when_allowed_with_the_assignable_officers(world) -> None:
    officer = client_for(world.cast.inspector_north)
    html = page(officer, open_case(world))
    assert offered(html, "assign_officers") and "请通过接口办理" not in html
    assert not offered(page(client_for(world.cast.supervisor), open_case(world)), "assign_officers")  # read only
    assert not offered(page(officer, decided_case(world)), "assign_officers")  # the decision is made

    form = action_form(page(officer, recused(world)), "assign_officers")
    assert f"{world.officer_a.person.name}（现承办）" in form and world.officer_c.person.name in form
    assert f'name="officer_ids" value="{world.officer_c.pk}"' in form
    # not offered: the recused officer (Art. 43), no or an expired certificate (Art. 42), another unit's officer
    for other in (world.officer_b, world.uncertified, world.expired, world.south_officer):
        assert f'name="officer_ids" value="{other.pk}"' not in form and other.person.name not in form


def test_replacing_a_recused_officer_through_the_page(world) -> None:
    case = recused(world)
    officer = client_for(world.cast.inspector_north)
    response = post_action(officer, case, "assign_officers", {
        "officer_ids": [world.officer_a.pk, world.officer_c.pk], "on": "2026-03-05", "reason": "原承办人员回避",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(case.officers.all()) == {world.officer_a, world.officer_c}
    case.refresh_from_db()
    audit = assert_one_audit(AuditEventType.PENALTY_CASE_OFFICERS_ASSIGNED, case, world.cast.inspector_north)
    assert audit.changes["officers"] == [[world.officer_a.pk], sorted([world.officer_a.pk, world.officer_c.pk])]
    assert timeline(case)[-1] == "officers_assigned"
    html = page(officer, case)
    assert "已办理：指派承办人员。" in html and "原承办人员回避" in html


def test_fewer_than_two_officers_is_refused_with_art42_and_nothing_changes(world) -> None:
    case = recused(world)
    unchanged = Unchanged(case)
    response = post_action(client_for(world.cast.inspector_north), case, "assign_officers", {
        "officer_ids": [world.officer_c.pk], "on": "2026-03-05", "reason": "补充指派",
    })  # fmt: skip
    assert response.status_code == 400
    html = response.content.decode()
    assert "办理案件的执法人员不得少于两人" in html and "《中华人民共和国行政处罚法》第四十二条" in html
    assert 'data-testid="action-error"' in html and "补充指派" in html  # shown in place, typed values kept
    unchanged.check()
    assert set(case.officers.all()) == {world.officer_a}


def test_an_officer_who_may_not_be_assigned_is_refused_and_nothing_changes(world) -> None:
    case = recused(world)
    unchanged = Unchanged(case)
    client = client_for(world.cast.inspector_north)
    for other in (world.officer_b, world.expired, world.south_officer):  # recused, expired, another unit's
        response = post_action(client, case, "assign_officers", {
            "officer_ids": [world.officer_a.pk, other.pk], "on": "2026-03-05", "reason": "补充指派",
        })  # fmt: skip
        assert response.status_code == 400
        assert "第四十二条、第四十三条" in response.content.decode()
    unchanged.check()
    assert set(case.officers.all()) == {world.officer_a}


def test_a_stale_page_is_409_and_nothing_changes(world) -> None:
    case = recused(world)
    unchanged = Unchanged(case)
    response = post_action(client_for(world.cast.inspector_north), case, "assign_officers", {
        "officer_ids": [world.officer_a.pk, world.officer_c.pk], "on": "2026-03-05", "reason": "补充指派",
        "version": case.version - 1,
    })  # fmt: skip
    assert response.status_code == 409 and "案件已被他人更新，请刷新后重试" in response.content.decode()
    unchanged.check()


def test_another_units_officer_gets_404(world) -> None:
    case = recused(world)
    unchanged = Unchanged(case)
    response = post_action(client_for(world.cast.inspector_south), case, "assign_officers", {
        "officer_ids": [world.officer_a.pk, world.officer_c.pk], "on": "2026-03-05", "reason": "补充指派",
    })  # fmt: skip
    assert response.status_code == 404
    unchanged.check()
    assert set(case.officers.all()) == {world.officer_a}


def test_end_execution_is_offered_once_the_decision_is_revoked_and_closes_the_case(world) -> None:
    # 行政强制法 Art. 40(4); the step cites that act, not the 行政处罚法
    officer = client_for(world.cast.inspector_north)
    case = served_case(world)
    assert not offered(page(officer, case), "end_execution") and offered(page(officer, case), "execute")
    case = services.case_decision_change_record(actor=world.cast.inspector_north, case=case, kind="revoked",
                                                changed_on=date(2026, 5, 5), reason="复议机关决定撤销")  # fmt: skip
    html = page(officer, case)
    assert offered(html, "end_execution") and not offered(html, "execute") and not offered(html, "demand_enforcement")
    assert "《中华人民共和国行政强制法》第四十条第（四）项" in html
    response = post_action(officer, case, "end_execution", {"closed_on": "2026-05-06"})
    assert response.status_code in (200, 302), response.content.decode()[:300]
    case.refresh_from_db()
    assert case.status == "closed" and case.outcome == "execution_ended"
    assert_one_audit(AuditEventType.PENALTY_CASE_CLOSED, case, world.cast.inspector_north)
