"""API: the error shape, a permission matrix (anonymous, wrong unit, allowed), documents and statistics."""

from __future__ import annotations

from datetime import date

import pytest
from rest_framework.test import APIClient

from fazhi.core.audit.models import AuditEvent
from fazhi.orgs.choices import Role
from fazhi.orgs.tests.factories import OrgUnitFactory, RoleAssignmentFactory, UserFactory
from fazhi.reconsideration.models import ReconsiderationCase
from fazhi.reconsideration.tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("spring_2026")]
BASE = "/api/v1/reconsideration"


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def other_officer(cast):
    """A 复议工作人员 of another government (wrong unit)."""
    other = OrgUnitFactory(code="G2", name="另一区人民政府", kind="government", parent=cast.region)
    user = UserFactory(username="other_officer")
    RoleAssignmentFactory(user=user, role=Role.RECONSIDERATION_OFFICER, unit=other)
    return user


def _register_payload(**overrides):
    payload = {
        "authority": "G",
        "respondent": "NORTH",
        "channel": "in_person",
        "received_on": "2026-03-02",
        "applicant_kind": "person",
        "applicant_name": "张三",
        "applicant_id_number": f.CITIZEN_ID,
        "request": "撤销行政处罚决定",
        "category": "penalty",
        "contested_act": "测市监罚〔2026〕1号",
        "known_on": "2026-02-20",
        "facts": "事实",
        "reasons": "理由",
    }
    payload.update(overrides)
    return payload


def test_register_and_detail_with_deadline_explanation(cast):
    response = client_for(cast.reconsideration_officer).post(f"{BASE}/cases/", _register_payload(), format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["acceptance_due"] == "2026-03-09"
    acceptance = next(d for d in body["deadlines"] if d["rule"] == "reconsideration.acceptance")
    assert "第三十条" in acceptance["legal_basis"] and acceptance["steps"]
    assert "accept" in body["allowed_actions"]


def test_error_shape_cites_the_article(cast):
    response = client_for(cast.reconsideration_officer).post(
        f"{BASE}/cases/", _register_payload(known_on="2025-12-01"), format="json"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "reconsideration.application_late"
    assert "第二十条" in error["message"]
    assert ReconsiderationCase.objects.count() == 0


@pytest.mark.parametrize(
    ("_case", "who", "status"),
    [
        ("anonymous", None, (401, 403)),
        ("wrong unit", "other", (404,)),
        ("no role", "outsider", (404,)),
        ("enforcement officer", "inspector_north", (404,)),
        ("supervisor reads", "supervisor", (200,)),
        ("reconsideration officer", "reconsideration_officer", (200,)),
    ],
)
def test_detail_permission_matrix(_case, who, status, cast, other_officer):
    case = f.register(cast)
    user = other_officer if who == "other" else (getattr(cast, who) if who else None)
    assert client_for(user).get(f"{BASE}/cases/{case.pk}/").status_code in status


@pytest.mark.parametrize(
    ("_case", "who", "status"),
    [
        ("anonymous", None, (401, 403)),
        ("wrong unit", "other", (404,)),
        ("supervisor may not act", "supervisor", (404,)),
        ("reconsideration officer", "reconsideration_officer", (200,)),
    ],
)
def test_accept_permission_matrix_and_nothing_changes_when_denied(_case, who, status, cast, other_officer):
    case = f.register(cast)
    audits = AuditEvent.objects.count()
    user = other_officer if who == "other" else (getattr(cast, who) if who else None)

    response = client_for(user).post(
        f"{BASE}/cases/{case.pk}/acceptance/", {"accepted_on": "2026-03-03"}, format="json"
    )

    assert response.status_code in status
    case.refresh_from_db()
    if status == (200,):
        assert case.status == "accepted"
    else:
        assert case.status == "received" and AuditEvent.objects.count() == audits


def test_stale_version_gets_409(cast):
    case = f.register(cast)
    client = client_for(cast.reconsideration_officer)
    assert (
        client.post(
            f"{BASE}/cases/{case.pk}/acceptance/", {"accepted_on": "2026-03-03", "version": 1}, format="json"
        ).status_code
        == 200
    )
    response = client.post(
        f"{BASE}/cases/{case.pk}/refusal/", {"refused_on": "2026-03-04", "reason": "x", "version": 1}, format="json"
    )
    assert response.status_code == 409 and response.json()["error"]["code"] == "reconsideration.version_conflict"


def test_decision_document_and_statistics(cast):
    case = f.decide(cast, f.replied(cast))
    client = client_for(cast.reconsideration_officer)
    response = client.get(f"{BASE}/cases/{case.pk}/documents/decision.docx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    stats = client.get(f"{BASE}/statistics/", {"year": 2026}).json()
    assert stats["reconsideration"]["corrections"] == 1 and stats["unit"] == "G"
    assert client_for(None).get(f"{BASE}/statistics/", {"year": 2026}).status_code in (401, 403)
    assert client_for(cast.outsider).get(f"{BASE}/statistics/", {"year": 2026}).status_code == 404


def test_alerts_are_visible_to_the_unit_and_acknowledged(cast):
    f.decide(cast, f.replied(cast))
    alerts = client_for(cast.unit_admin_north).get(f"{BASE}/alerts/").json()
    assert len(alerts) == 1 and alerts[0]["outcome"] == "撤销"
    assert client_for(cast.inspector_south).get(f"{BASE}/alerts/").json() == []
    ack = client_for(cast.unit_admin_north).post(f"{BASE}/alerts/{alerts[0]['id']}/acknowledge/")
    assert ack.status_code == 200 and ack.json()["acknowledged_at"]


def test_extension_over_30_days_via_api(cast):
    case = f.replied(cast)
    response = client_for(cast.reconsideration_officer).post(
        f"{BASE}/cases/{case.pk}/extension/",
        {"days": 45, "extended_on": date(2026, 4, 20).isoformat(), "approved_by": "负责人", "reason": "复杂"},
        format="json",
    )
    assert response.status_code == 400 and "第六十二条" in response.json()["error"]["message"]
