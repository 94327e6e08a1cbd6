"""The officers and certificates of /api/v1/orgs/ are the 执法人员与执法证 registry of /orgs/officers/:
the API shows whom the page shows and refuses whom the page refuses (QA: an officer, a legal reviewer and
a reconsideration officer read through the API the officers and certificates the page refused them)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from fazhi.orgs import services
from fazhi.orgs.tests.factories import EnforcementDomainFactory, OfficerFactory, PersonFactory

pytestmark = pytest.mark.django_db

REFUSAL = "只有司法行政机关的执法监督人员、单位管理员和系统管理员可以查看执法人员和执法证。"


def api_for(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def registry(cast):  # type: ignore[no-untyped-def]
    domain = EnforcementDomainFactory(code="SCJG", name="市场监管")
    north = OfficerFactory(unit=cast.north, person=PersonFactory(name="北区人员"))
    south = OfficerFactory(unit=cast.south, person=PersonFactory(name="南区人员"))
    for officer, number in ((north, "N-1"), (south, "S-1")):
        services.certificate_issue(
            actor=None, officer=officer, number=number, issuer="测试区人民政府", domains=[domain],
            valid_from=date(2024, 1, 1), valid_to=date(2030, 12, 31),
        )  # fmt: skip
    return {"north": north, "south": south}


# who → the certificate numbers the page and the API show them (None: both refuse with 403)
SEES = {
    "supervisor": ["N-1", "S-1"],
    "system_admin": ["N-1", "S-1"],
    "unit_admin_north": ["N-1"],
    "inspector_north": None,
    "reviewer_north": None,
    "reconsideration_officer": None,
    "outsider": None,
}


@pytest.mark.parametrize("who", SEES)
def test_the_lists_answer_as_the_page_does(cast, registry, who: str) -> None:
    user = getattr(cast, who)
    web = Client()
    web.force_login(user)
    page = web.get(reverse("orgs:officer_list"))

    officers = api_for(user).get("/api/v1/orgs/officers/")
    certificates = api_for(user).get("/api/v1/orgs/certificates/")

    if SEES[who] is None:
        assert page.status_code == officers.status_code == certificates.status_code == 403
        for response in (officers, certificates):
            assert response.json()["error"] == {"code": "certificate_view_forbidden", "message": REFUSAL, "fields": {}}
        assert REFUSAL in page.content.decode()
    else:
        assert page.status_code == officers.status_code == certificates.status_code == 200
        units = {"N-1": "NORTH", "S-1": "SOUTH"}
        assert sorted(row["unit_code"] for row in officers.json()) == [units[n] for n in SEES[who]]
        assert [row["number"] for row in certificates.json()] == SEES[who]


@pytest.mark.parametrize("who", SEES)
def test_the_detail_endpoints_answer_404_outside_the_registry(cast, registry, who: str) -> None:
    client = api_for(getattr(cast, who))
    seen = SEES[who] or []
    for number, officer in (("N-1", registry["north"]), ("S-1", registry["south"])):
        detail = client.get(f"/api/v1/orgs/certificates/{number}/")
        validity = client.get(f"/api/v1/orgs/officers/{officer.pk}/certificate-validity/", {"on": "2025-01-01"})
        expected = 200 if number in seen else 404
        assert detail.status_code == validity.status_code == expected, number
        if expected == 404:
            # the same answer as a record that does not exist
            assert detail.json()["error"]["code"] == "certificate_not_found"
            assert validity.json()["error"]["code"] == "officer_not_found"
        else:
            assert validity.json()["ok"] is True


@pytest.mark.parametrize("who", ["inspector_north", "reviewer_north", "reconsideration_officer"])
def test_a_non_viewer_cannot_suspend_or_issue_either(cast, registry, who: str) -> None:
    client = api_for(getattr(cast, who))
    status = client.post(
        "/api/v1/orgs/certificates/N-1/status/",
        {"kind": "suspended", "effective_on": "2025-03-01", "reason": "暂扣"},
        format="json",
    )
    issue = client.post(
        "/api/v1/orgs/certificates/",
        {"officer_id": registry["north"].pk, "number": "N-2", "issuer": "x", "domains": ["SCJG"],
         "valid_from": "2024-01-01", "valid_to": "2026-12-31"},
        format="json",
    )  # fmt: skip
    assert status.status_code == issue.status_code == 404


def test_certificate_validity_without_a_date_says_the_date_is_required(cast, registry) -> None:
    url = f"/api/v1/orgs/officers/{registry['north'].pk}/certificate-validity/"
    response = api_for(cast.supervisor).get(url)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert list(error["fields"]) == ["on"] and "必填" in error["fields"]["on"][0]
    assert "必填" in error["message"] and "日期格式错误" not in error["message"]
