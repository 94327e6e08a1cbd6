"""先行登记保存 on the case page (行政处罚法 Art. 56): the approved registration, the decision in 7 working days."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.audit.models import AuditEventType
from fazhi.core.deadlines.models import TrackedDeadline
from fazhi.enforcement import services
from fazhi.enforcement.models import EvidencePreservation
from fazhi.enforcement.tests.assertions import Unchanged, assert_one_audit
from fazhi.enforcement.tests.factories import decided_case, investigate, open_case
from fazhi.enforcement.tests.pages import client_for, offered, page, post_action, timeline

pytestmark = pytest.mark.django_db

REGISTER = {
    "registered_on": "2026-03-05", "items": "过期食品20箱", "reason": "可能被转移",
    "approved_by": "李局长", "approved_on": "2026-03-05",
}  # fmt: skip


def preserve(world, case) -> EvidencePreservation:  # type: ignore[no-untyped-def]
    return services.evidence_preservation_register(
        actor=world.cast.inspector_north, case=case, registered_on=date(2026, 3, 5), items="过期食品20箱",
        reason="可能被转移", approved_by="李局长", approved_on=date(2026, 3, 5),
    )  # fmt: skip


def test_preservation_forms_are_offered_only_when_allowed(world) -> None:
    case = investigate(world, open_case(world))
    officer = client_for(world.cast.inspector_north)
    html = page(officer, case)
    assert offered(html, "preserve_evidence") and not offered(html, "decide_preservation")
    preserve(world, case)
    assert offered(page(officer, case), "decide_preservation")
    # no new registration after the decision on the penalty (Art. 56 serves the investigation)
    assert not offered(page(officer, decided_case(world)), "preserve_evidence")


def test_registering_and_deciding_through_the_page(world) -> None:
    case = investigate(world, open_case(world))
    officer = client_for(world.cast.inspector_north)
    response = post_action(officer, case, "preserve_evidence", REGISTER)
    assert response.status_code == 302, response.content.decode()[:2000]
    preservation = EvidencePreservation.objects.get(case=case)
    assert preservation.decision_due == date(2026, 3, 16)  # Thu 03-05 + 7 working days
    case.refresh_from_db()
    assert_one_audit(AuditEventType.EVIDENCE_PRESERVED, case, world.cast.inspector_north)
    html = page(officer, case)
    assert 'data-testid="case-preservations"' in html and "2026年3月16日" in html

    response = post_action(officer, case, "decide_preservation", {
        "preservation_id": preservation.pk, "decided_on": "2026-03-10", "decision": "release", "note": "已退还",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    preservation.refresh_from_db()
    assert (preservation.decision, preservation.decided_on, preservation.decided_late) == (
        "release", date(2026, 3, 10), False
    )  # fmt: skip
    assert TrackedDeadline.objects.get(rule_code="penalty.preservation_decision").status == "met"
    assert timeline(case)[-2:] == ["evidence_preserved", "preservation_decided"]
    assert not offered(page(officer, case), "decide_preservation")


@pytest.mark.parametrize(
    ("change", "message"),
    [({"approved_on": "2026-03-06"}, "先行登记保存应当先经批准再实施"),
     ({"approved_by": ""}, "先行登记保存应当经行政机关负责人批准")],
)  # fmt: skip
def test_a_registration_without_prior_approval_is_refused_with_art56(world, change, message) -> None:
    case = investigate(world, open_case(world))
    unchanged = Unchanged(case)
    response = post_action(client_for(world.cast.inspector_north), case, "preserve_evidence", REGISTER | change)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "第五十六条" in html and "过期食品20箱" in html
    unchanged.check()
    assert (
        not EvidencePreservation.objects.exists()
        and not TrackedDeadline.objects.filter(rule_code="penalty.preservation_decision").exists()
    )


def test_a_decision_before_the_registration_is_refused_and_nothing_changes(world) -> None:
    case = investigate(world, open_case(world))
    preservation = preserve(world, case)
    unchanged = Unchanged(case)
    response = post_action(client_for(world.cast.inspector_north), case, "decide_preservation", {
        "preservation_id": preservation.pk, "decided_on": "2026-03-04", "decision": "release",
    })  # fmt: skip
    assert response.status_code == 400
    assert (
        "处理决定日期不能早于登记保存日期（数据校验：日期先后顺序，非法定条件；"
        "所涉环节依据《中华人民共和国行政处罚法》第五十六条）" in response.content.decode()
    )
    unchanged.check()
    preservation.refresh_from_db()
    assert preservation.decided_on is None


def test_another_units_officer_gets_404(world) -> None:
    case = investigate(world, open_case(world))
    preservation = preserve(world, case)
    unchanged = Unchanged(case)
    south = client_for(world.cast.inspector_south)
    registered = post_action(south, case, "preserve_evidence", REGISTER)
    decided = post_action(south, case, "decide_preservation", {
        "preservation_id": preservation.pk, "decided_on": "2026-03-10", "decision": "release",
    })  # fmt: skip
    assert (registered.status_code, decided.status_code) == (404, 404)
    unchanged.check()
    assert EvidencePreservation.objects.get().decided_on is None
