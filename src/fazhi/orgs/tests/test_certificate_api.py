import pytest
from rest_framework.test import APIClient

from fazhi.core.audit.models import AuditEvent
from fazhi.orgs.models import Certificate
from fazhi.orgs.tests.factories import EnforcementDomainFactory, OfficerFactory

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def officer(cast):
    cast.north.domains.add(EnforcementDomainFactory(code="SCJG", name="市场监管"))
    return OfficerFactory(unit=cast.north)


def payload(officer, **overrides):
    return {
        "officer_id": officer.pk,
        "number": "QH-9",
        "issuer": "青禾区人民政府",
        "domains": ["SCJG"],
        "valid_from": "2024-01-01",
        "valid_to": "2026-12-31",
        **overrides,
    }


# The 司法行政机关's supervisor issues (orgs.rules.may_administer_certificates); the officer's unit
# admin and the system admin see the officer and get 403; others do not see the officer (404).
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("supervisor", 201),
        ("unit_admin_north", 403),
        ("system_admin", 403),
        ("inspector_north", 404),
        ("inspector_south", 404),
        ("outsider", 404),
    ],
)
def test_issue_permission_matrix(cast, officer, who, status) -> None:
    before = AuditEvent.objects.count()
    response = client_for(getattr(cast, who)).post("/api/v1/orgs/certificates/", payload(officer), format="json")
    assert response.status_code == status
    assert Certificate.objects.exists() is (status == 201)
    if status != 201:
        assert AuditEvent.objects.count() == before
    if status == 403:
        assert response.json()["error"]["code"] == "certificate_authority_required"
        assert "司法行政机关" in response.json()["error"]["message"]


@pytest.mark.parametrize(("who", "status"), [("unit_admin_north", 403), ("system_admin", 403), ("outsider", 404)])
def test_only_the_certificate_authority_suspends(cast, officer, who, status) -> None:
    assert (
        client_for(cast.supervisor).post("/api/v1/orgs/certificates/", payload(officer), format="json").status_code
        == 201
    )
    before = AuditEvent.objects.count()

    response = client_for(getattr(cast, who)).post(
        "/api/v1/orgs/certificates/QH-9/status/",
        {"kind": "suspended", "effective_on": "2025-03-01", "reason": "暂扣"},
        format="json",
    )

    assert response.status_code == status
    assert Certificate.objects.get(number="QH-9").status == "valid" and AuditEvent.objects.count() == before
    # the unit admin still reads the certificate
    assert client_for(cast.unit_admin_north).get("/api/v1/orgs/certificates/QH-9/").status_code == 200


def test_issue_then_suspend_then_validity_on_dates(cast, officer) -> None:
    admin = client_for(cast.supervisor)
    assert admin.post("/api/v1/orgs/certificates/", payload(officer), format="json").status_code == 201
    response = admin.post(
        "/api/v1/orgs/certificates/QH-9/status/",
        {"kind": "suspended", "effective_on": "2025-03-01", "reason": "暂扣"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["status_label"] == "暂扣"
    url = f"/api/v1/orgs/officers/{officer.pk}/certificate-validity/"
    assert admin.get(url, {"on": "2025-02-01"}).json()["ok"] is True
    later = admin.get(url, {"on": "2025-03-02"}).json()
    assert later["ok"] is False and "暂扣" in later["reason"]


def test_bad_inputs_are_400_409_with_chinese_messages_and_nothing_written(cast, officer) -> None:
    admin = client_for(cast.supervisor)
    before = AuditEvent.objects.count()
    bad_range = admin.post("/api/v1/orgs/certificates/", payload(officer, valid_to="2020-01-01"), format="json")
    assert bad_range.status_code == 400 and bad_range.json()["error"]["code"] == "certificate_bad_range"
    bad_domain = admin.post("/api/v1/orgs/certificates/", payload(officer, domains=["NOPE"]), format="json")
    assert bad_domain.status_code == 400 and "执法领域" in bad_domain.json()["error"]["message"]
    bad_date = admin.get(f"/api/v1/orgs/officers/{officer.pk}/certificate-validity/", {"on": "2025-02-30"})
    assert bad_date.status_code == 400
    assert AuditEvent.objects.count() == before
    admin.post("/api/v1/orgs/certificates/", payload(officer), format="json")
    admin.post(
        "/api/v1/orgs/certificates/QH-9/status/",
        {"kind": "revoked", "effective_on": "2025-03-01", "reason": "注销"},
        format="json",
    )
    again = admin.post(
        "/api/v1/orgs/certificates/QH-9/status/",
        {"kind": "reinstated", "effective_on": "2025-04-01", "reason": "恢复"},
        format="json",
    )
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "certificate_transition_not_allowed"
