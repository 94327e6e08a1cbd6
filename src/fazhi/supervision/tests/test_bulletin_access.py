"""Who reads a 行政执法情况通报: the supervisors who issue it, and the admins of the units of its region —
the units it ranks and proposes for 约谈 must be able to read why (page, .docx and API alike), read
only. A unit outside the region gets the same 404 as a missing bulletin."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.orgs.choices import Role
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.tests.factories import OrgUnitFactory, RoleAssignmentFactory, UserFactory
from fazhi.supervision import services
from fazhi.supervision.models import Bulletin
from fazhi.supervision.tests.test_assessment_scheme_config import district  # noqa: F401 — the fixture

pytestmark = pytest.mark.django_db

API = "/api/v1/supervision"


def _user(name: str, role: Role, unit: OrgUnit):
    user = UserFactory(username=name)
    RoleAssignmentFactory(user=user, role=role, unit=unit)
    return user


@pytest.fixture
def issued(district):  # noqa: F811 — the imported fixture
    """The Q1 2024 bulletin of region TJ (the district of the scheme tests: SCJ1 and SCJ2 with every
    officer inspecting, CG1 with one officer of three idle), CG1 last and proposed for 约谈 (bottom_n 1)."""
    supervisor = district
    bulletin = services.bulletin_issue(
        actor=supervisor, unit=OrgUnit.objects.get(code="TJ"), year=2024, quarter=1, number="测法治办〔2024〕1号",
        issuer="测试新区全面依法治区委员会办公室", issued_on=date(2024, 4, 15), bottom_n=1,
    )  # fmt: skip
    elsewhere = OrgUnitFactory(code="ELSE", name="另一区")
    return {
        "bulletin": bulletin,
        "supervisor": supervisor,
        "summoned_admin": _user("admin_cg1", Role.UNIT_ADMIN, OrgUnit.objects.get(code="CG1")),
        "ranked_admin": _user("admin_scj1", Role.UNIT_ADMIN, OrgUnit.objects.get(code="SCJ1")),
        "outside_admin": _user("admin_else", Role.UNIT_ADMIN, OrgUnitFactory(code="ELSE1", parent=elsewhere)),
    }


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _urls(bulletin: Bulletin) -> dict[str, str]:
    return {
        "list": reverse("supervision:bulletins"),
        "detail": reverse("supervision:bulletin", kwargs={"bulletin_id": bulletin.pk}),
        "docx": reverse("supervision:bulletin_docx", kwargs={"bulletin_id": bulletin.pk}),
        "api_list": f"{API}/bulletins/",
        "api_detail": f"{API}/bulletins/{bulletin.pk}/",
        "api_docx": f"{API}/bulletins/{bulletin.pk}/docx/",
    }


def test_the_bulletin_proposes_cg1_for_summons(issued):
    assert [row["code"] for row in issued["bulletin"].snapshot.payload["summoned"]] == ["CG1"]


@pytest.mark.parametrize("who", ["summoned_admin", "ranked_admin", "supervisor"])
def test_the_admin_of_a_ranked_unit_reads_the_bulletin_everywhere(issued, who):
    bulletin = issued["bulletin"]
    client = _client(issued[who])
    urls = _urls(bulletin)

    listing = client.get(urls["list"])
    detail = client.get(urls["detail"])
    document = client.get(urls["docx"])
    api_list = client.get(urls["api_list"])
    api_detail = client.get(urls["api_detail"])
    api_docx = client.get(urls["api_docx"])

    assert listing.status_code == 200 and urls["detail"] in listing.content.decode()
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "城市管理综合执法大队" in html and 'data-testid="summoned"' in html  # why the unit is summoned
    assert document.status_code == 200 and document.content[:2] == b"PK"
    assert api_list.status_code == 200 and [b["id"] for b in api_list.json()["results"]] == [bulletin.pk]
    assert api_detail.status_code == 200 and [r["code"] for r in api_detail.json()["summoned"]] == ["CG1"]
    assert api_docx.status_code == 200 and api_docx.content[:2] == b"PK"


def test_a_unit_admin_outside_the_region_gets_not_found(issued):
    client = _client(issued["outside_admin"])
    urls = _urls(issued["bulletin"])

    listing = client.get(urls["list"])

    assert listing.status_code == 200 and urls["detail"] not in listing.content.decode()
    assert client.get(urls["detail"]).status_code == 404
    assert client.get(urls["docx"]).status_code == 404
    assert client.get(urls["api_list"]).json()["results"] == []
    assert client.get(urls["api_detail"]).status_code == 404
    assert client.get(urls["api_docx"]).status_code == 404


def test_the_unit_admin_reads_only_and_cannot_compare_with_the_regions_snapshot(issued):
    client = _client(issued["summoned_admin"])
    urls = _urls(issued["bulletin"])

    listing = client.get(urls["list"]).content.decode()
    detail = client.get(urls["detail"])

    assert 'data-testid="bulletin-form"' not in listing  # no 印发 form
    assert detail.context["can_compare"] is False  # the region's snapshot is the supervisors'
    assert 'data-testid="compare-link"' not in detail.content.decode()  # no link to a page they cannot open
    supervisors = _client(issued["supervisor"]).get(urls["detail"])
    assert supervisors.context["can_compare"] is True and 'data-testid="compare-link"' in supervisors.content.decode()


def test_a_unit_admin_cannot_issue_a_bulletin_and_nothing_is_written(issued):
    client = _client(issued["summoned_admin"])
    form = {"year": 2024, "quarter": 2, "number": "测法治办〔2024〕2号", "issuer": "测试新区司法局"}

    page = client.post(reverse("supervision:bulletins"), form)
    api = client.post(f"{API}/bulletins/", {**form, "unit": "TJ"}, content_type="application/json")

    assert page.status_code == 403
    html = page.content.decode()
    assert "印发通报由执法监督人员办理" in html and "supervision.supervisor_only" in html
    assert api.status_code == 403
    assert api.json()["error"]["code"] == "supervision.supervisor_only"
    assert "印发通报" in api.json()["error"]["message"]
    assert Bulletin.objects.count() == 1
    assert AuditEvent.objects.filter(event_type=AuditEventType.SUPERVISION_BULLETIN_ISSUED).count() == 1
