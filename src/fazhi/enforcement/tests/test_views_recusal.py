"""回避 on the case page (行政处罚法 Art. 43): declaring a conflict and the head's decision."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.audit.models import AuditEventType
from fazhi.enforcement import services
from fazhi.enforcement.models import Recusal
from fazhi.enforcement.tests.assertions import Unchanged, assert_one_audit
from fazhi.enforcement.tests.factories import decided_case, open_case
from fazhi.enforcement.tests.pages import client_for, offered, page, post_action, timeline

pytestmark = pytest.mark.django_db


def declare(world, case, source: str = "party") -> Recusal:  # type: ignore[no-untyped-def]
    return services.case_recusal_declare(
        actor=world.cast.inspector_north, case=case, officer_id=world.officer_b.pk, source=source,
        declared_on=date(2026, 3, 3), reason="当事人认为有利害关系",
    )  # fmt: skip


def test_recusal_forms_are_offered_only_when_allowed(world) -> None:
    case = open_case(world)
    officer = client_for(world.cast.inspector_north)
    html = page(officer, case)
    assert offered(html, "declare_recusal") and not offered(html, "decide_recusal")  # nothing to decide yet
    assert not offered(page(client_for(world.cast.supervisor), case), "declare_recusal")  # supervisors read only
    declare(world, case)
    html = page(officer, case)
    assert offered(html, "decide_recusal") and 'data-testid="case-recusals"' in html
    # after the decision the state machine no longer allows a recusal (Art. 43 concerns the investigation)
    assert not offered(page(officer, decided_case(world)), "declare_recusal")


def test_declaring_and_granting_a_recusal_through_the_page(world) -> None:
    case = open_case(world)
    officer = client_for(world.cast.inspector_north)
    response = post_action(officer, case, "declare_recusal", {
        "officer_id": world.officer_b.pk, "source": "party", "declared_on": "2026-03-03", "reason": "系当事人亲属",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    recusal = Recusal.objects.get(case=case)
    assert (recusal.officer, recusal.source, recusal.status) == (world.officer_b, "party", "pending")
    case.refresh_from_db()
    assert_one_audit(AuditEventType.PENALTY_CASE_RECUSAL_DECLARED, case, world.cast.inspector_north)

    response = post_action(officer, case, "decide_recusal", {
        "recusal_id": recusal.pk, "granted": "true", "decided_on": "2026-03-04", "decided_by": "李局长",
        "note": "理由成立",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    recusal.refresh_from_db()
    assert (recusal.status, recusal.decided_by) == ("granted", "李局长")
    assert world.officer_b not in case.officers.all()  # a granted recusal takes the officer off the case
    assert timeline(case)[-2:] == ["recusal_declared", "recusal_decided"]
    html = page(officer, case)
    assert "已办理：作出回避决定。" in html and "决定回避" in html and not offered(html, "decide_recusal")


def test_a_second_pending_declaration_is_refused_in_place(world) -> None:
    case = open_case(world)
    declare(world, case)
    case.refresh_from_db()
    unchanged = Unchanged(case)
    response = post_action(client_for(world.cast.inspector_north), case, "declare_recusal", {
        "officer_id": world.officer_b.pk, "source": "officer", "declared_on": "2026-03-04", "reason": "再次申请",
    })  # fmt: skip
    assert response.status_code == 400
    html = response.content.decode()
    assert "该执法人员已有待决定的回避申请" in html and 'data-testid="action-error"' in html
    assert "《中华人民共和国行政处罚法》第四十三条第三款" in html
    assert "再次申请" in html  # the typed values are kept
    unchanged.check()
    assert Recusal.objects.count() == 1


def test_a_decision_before_the_declaration_is_refused_and_nothing_changes(world) -> None:
    case = open_case(world)
    recusal = declare(world, case)
    case.refresh_from_db()
    unchanged = Unchanged(case)
    response = post_action(client_for(world.cast.inspector_north), case, "decide_recusal", {
        "recusal_id": recusal.pk, "granted": "true", "decided_on": "2026-03-02", "decided_by": "李局长",
    })  # fmt: skip
    assert response.status_code == 400
    # a data check, not an article: the message says so and names the step's article
    assert (
        "决定日期不能早于提出日期（数据校验：日期先后顺序，非法定条件；"
        "所涉环节依据《中华人民共和国行政处罚法》第四十三条第三款）" in response.content.decode()
    )
    unchanged.check()
    recusal.refresh_from_db()
    assert recusal.status == "pending" and world.officer_b in case.officers.all()


def test_a_decision_from_a_stale_page_is_409(world) -> None:
    case = open_case(world)
    recusal = declare(world, case)  # the case is at version 2 now; the page below was rendered at version 1
    unchanged = Unchanged(case)
    response = post_action(client_for(world.cast.inspector_north), case, "decide_recusal", {
        "recusal_id": recusal.pk, "granted": "false", "decided_on": "2026-03-04", "decided_by": "李局长",
        "version": 1,
    })  # fmt: skip
    assert response.status_code == 409 and "案件已被他人更新，请刷新后重试" in response.content.decode()
    unchanged.check()
    assert Recusal.objects.get(pk=recusal.pk).status == "pending"


def test_another_units_officer_gets_404(world) -> None:
    case = open_case(world)
    recusal = declare(world, case)
    case.refresh_from_db()
    unchanged = Unchanged(case)
    south = client_for(world.cast.inspector_south)
    declared = post_action(south, case, "declare_recusal", {
        "officer_id": world.officer_a.pk, "source": "party", "declared_on": "2026-03-03", "reason": "事由",
    })  # fmt: skip
    decided = post_action(south, case, "decide_recusal", {
        "recusal_id": recusal.pk, "granted": "true", "decided_on": "2026-03-04", "decided_by": "李局长",
    })  # fmt: skip
    assert (declared.status_code, decided.status_code) == (404, 404)
    unchanged.check()
    assert Recusal.objects.get().status == "pending"
