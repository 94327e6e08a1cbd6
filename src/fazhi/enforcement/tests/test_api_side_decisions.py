"""API: the decisions on a case's side records (回避 Art. 43(3), 先行登记保存 Art. 56) check the case version.

Two users deciding on the same page state: exactly one succeeds, the other gets 409 and nothing of
theirs is written (the PostgreSQL thread version is in test_concurrency.py).
"""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from rest_framework.test import APIClient

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.enforcement import services
from fazhi.enforcement.models import EvidencePreservation, Recusal
from fazhi.enforcement.tests.assertions import Unchanged
from fazhi.enforcement.tests.factories import investigate, open_case
from fazhi.enforcement.tests.pages import served_case

pytestmark = pytest.mark.django_db
BASE = "/api/v1/enforcement/cases"


def client_for(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(user)
    return client


def declared(world):  # type: ignore[no-untyped-def]
    case = open_case(world)
    recusal = services.case_recusal_declare(
        actor=world.cast.inspector_north, case=case, officer_id=world.officer_b.pk, source="party",
        declared_on=date(2026, 3, 3), reason="当事人认为有利害关系",
    )  # fmt: skip
    case.refresh_from_db()
    return case, recusal


def preserved(world):  # type: ignore[no-untyped-def]
    case = investigate(world, open_case(world))
    preservation = services.evidence_preservation_register(
        actor=world.cast.inspector_north, case=case, registered_on=date(2026, 3, 5), items="过期食品20箱",
        reason="可能被转移", approved_by="李局长", approved_on=date(2026, 3, 5),
    )  # fmt: skip
    case.refresh_from_db()
    return case, preservation


def test_a_stale_recusal_decision_is_409_and_nothing_changes(world) -> None:
    case, recusal = declared(world)
    unchanged = Unchanged(case)
    payload = {"recusal_id": recusal.pk, "granted": True, "decided_on": "2026-03-04", "decided_by": "李局长"}
    response = client_for(world.cast.inspector_north).post(
        f"{BASE}/{case.pk}/recusal-decision/", payload | {"version": case.version - 1}, format="json"
    )
    assert response.status_code == 409, response.content
    error = response.json()["error"]
    assert error["code"] == "penalty.version_conflict" and "数据校验：案件版本号一致" in error["message"]
    unchanged.check()
    assert Recusal.objects.get(pk=recusal.pk).status == "pending" and world.officer_b in case.officers.all()


def test_two_recusal_decisions_on_the_same_version_one_wins(world) -> None:
    case, recusal = declared(world)
    payload = {"recusal_id": recusal.pk, "decided_on": "2026-03-04", "decided_by": "李局长", "version": case.version}
    first = client_for(world.cast.inspector_north).post(
        f"{BASE}/{case.pk}/recusal-decision/", payload | {"granted": True}, format="json"
    )
    assert first.status_code == 200, first.content
    case.refresh_from_db()
    unchanged = Unchanged(case)
    second = client_for(world.cast.unit_admin_north).post(
        f"{BASE}/{case.pk}/recusal-decision/", payload | {"granted": False}, format="json"
    )
    assert second.status_code == 409 and second.json()["error"]["code"] == "penalty.version_conflict"
    unchanged.check()
    assert Recusal.objects.get(pk=recusal.pk).status == "granted"
    assert AuditEvent.objects.filter(event_type=AuditEventType.PENALTY_CASE_RECUSAL_DECIDED).count() == 1


def test_a_recusal_of_another_case_is_404_and_nothing_changes(world) -> None:
    _, recusal = declared(world)
    other = open_case(world)
    unchanged = Unchanged(other)
    response = client_for(world.cast.inspector_north).post(f"{BASE}/{other.pk}/recusal-decision/", {
        "recusal_id": recusal.pk, "granted": True, "decided_on": "2026-03-04", "decided_by": "李局长",
        "version": other.version,
    }, format="json")  # fmt: skip
    assert response.status_code == 404
    unchanged.check()
    assert Recusal.objects.get(pk=recusal.pk).status == "pending"


def test_a_stale_preservation_decision_is_409_and_nothing_changes(world) -> None:
    case, preservation = preserved(world)
    unchanged = Unchanged(case)
    response = client_for(world.cast.inspector_north).post(f"{BASE}/{case.pk}/preservation-decision/", {
        "preservation_id": preservation.pk, "decided_on": "2026-03-10", "decision": "release",
        "version": case.version - 1,
    }, format="json")  # fmt: skip
    assert response.status_code == 409, response.content
    assert response.json()["error"]["code"] == "penalty.version_conflict"
    unchanged.check()
    assert EvidencePreservation.objects.get(pk=preservation.pk).decided_on is None


def test_two_preservation_decisions_on_the_same_version_one_wins(world) -> None:
    case, preservation = preserved(world)
    payload = {"preservation_id": preservation.pk, "decided_on": "2026-03-10", "version": case.version}
    first = client_for(world.cast.inspector_north).post(
        f"{BASE}/{case.pk}/preservation-decision/", payload | {"decision": "release"}, format="json"
    )
    assert first.status_code == 200, first.content
    case.refresh_from_db()
    unchanged = Unchanged(case)
    second = client_for(world.cast.unit_admin_north).post(
        f"{BASE}/{case.pk}/preservation-decision/", payload | {"decision": "seize"}, format="json"
    )
    assert second.status_code == 409 and second.json()["error"]["code"] == "penalty.version_conflict"
    unchanged.check()
    assert EvidencePreservation.objects.get(pk=preservation.pk).decision == "release"


def test_a_decision_before_the_registration_names_the_check_and_the_article(world) -> None:
    case, preservation = preserved(world)
    unchanged = Unchanged(case)
    response = client_for(world.cast.inspector_north).post(f"{BASE}/{case.pk}/preservation-decision/", {
        "preservation_id": preservation.pk, "decided_on": "2026-03-04", "decision": "release",
        "version": case.version,
    }, format="json")  # fmt: skip
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert message == (
        "处理决定日期不能早于登记保存日期"
        "（数据校验：日期先后顺序，非法定条件；所涉环节依据《中华人民共和国行政处罚法》第五十六条）"
    )
    unchanged.check()


def test_the_demand_is_listed_only_once_the_payment_is_overdue(world) -> None:
    case = served_case(world)  # payment due 2026-04-17
    client = client_for(world.cast.inspector_north)
    for day, listed in ((date(2026, 4, 17), False), (date(2026, 4, 18), True)):
        with time_machine.travel(day, tick=False):
            detail = client.get(f"{BASE}/{case.pk}/").json()
            actions = client.get(f"{BASE}/{case.pk}/transitions/").json()
        assert ("demand_enforcement" in {a["code"] for a in detail["allowed_actions"]}) is listed
        assert ("demand_enforcement" in {a["code"] for a in actions}) is listed


def test_assigning_one_officer_over_the_api_names_art42(world) -> None:
    case = open_case(world)
    unchanged = Unchanged(case)
    response = client_for(world.cast.inspector_north).post(f"{BASE}/{case.pk}/officers/", {
        "officer_ids": [world.officer_c.pk], "on": "2026-03-04", "reason": "补充指派", "version": case.version,
    }, format="json")  # fmt: skip
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "penalty.officers_fewer_than_two" and "第四十二条" in error["message"]
    unchanged.check()


def test_execution_end_over_the_api_needs_a_decision_set_aside(world) -> None:
    case = served_case(world)
    client = client_for(world.cast.inspector_north)
    unchanged = Unchanged(case)
    response = client.post(f"{BASE}/{case.pk}/execution-end/", {"version": case.version, "closed_on": "2026-05-06"},
                           format="json")  # fmt: skip
    assert response.status_code == 409 and response.json()["error"]["code"] == "penalty.decision_in_force"
    unchanged.check()
    case = services.case_decision_change_record(actor=world.cast.inspector_north, case=case, kind="confirmed_void",
                                                changed_on=date(2026, 5, 5), reason="判决确认无效")  # fmt: skip
    detail = client.get(f"{BASE}/{case.pk}/").json()
    end = next(a for a in detail["allowed_actions"] if a["code"] == "end_execution")
    assert end["law"] == "《中华人民共和国行政强制法》" and end["article"] == "第四十条第（四）项"
    response = client.post(f"{BASE}/{case.pk}/execution-end/", {"version": case.version, "closed_on": "2026-05-06"},
                           format="json")  # fmt: skip
    assert response.status_code == 200, response.content
    case.refresh_from_db()
    assert case.status == "closed" and case.outcome == "execution_ended"
