"""Users whose role never sees supervision data (DESIGN.md §1: officers, legal reviewers and
reconsideration officers see their own cases; the system admin the configuration, not the figures,
bulletins or case files) are told so — 403 supervision.no_access with a Chinese message — instead of
being shown empty snapshot, bulletin and review lists; and the menus offer them no supervision entry."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.orgs.choices import Role
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.tests.factories import RoleAssignmentFactory, UserFactory
from fazhi.supervision.models import ReviewSample, Snapshot
from fazhi.supervision.tests.helpers import small_district

pytestmark = pytest.mark.django_db

API = "/api/v1/supervision"
NO_ACCESS = "supervision.no_access"
MESSAGE = "执法监督数据仅供执法监督人员和单位管理员查看"

PAGES = [
    reverse("supervision:dashboard"),
    reverse("supervision:drilldown", kwargs={"kind": "records"}),
    reverse("supervision:snapshots"),
    reverse("supervision:snapshot", kwargs={"snapshot_id": 1}),
    reverse("supervision:bulletins"),
    reverse("supervision:bulletin", kwargs={"bulletin_id": 1}),
    reverse("supervision:bulletin_docx", kwargs={"bulletin_id": 1}),
    reverse("supervision:reviews"),
    reverse("supervision:review", kwargs={"review_id": 1}),
    reverse("supervision:todo"),
    reverse("supervision:record_import"),
    reverse("supervision:record_import_template"),
]
API_READS = [
    f"{API}/snapshots/",
    f"{API}/snapshots/1/",
    f"{API}/bulletins/",
    f"{API}/bulletins/1/",
    f"{API}/bulletins/1/docx/",
    f"{API}/alerts/",
    f"{API}/definitions/",
    f"{API}/indicators/",
]
# (role, unit) of the users refused: the demo's zhifa, shenhe, fuyi and xitong, and a user without a role
REFUSED = {
    "officer": (Role.OFFICER, "SCJ1"),
    "legal_reviewer": (Role.LEGAL_REVIEWER, "SCJ1"),
    "reconsideration_officer": (Role.RECONSIDERATION_OFFICER, "TJG"),
    "system_admin": (Role.SYSTEM_ADMIN, "TJ"),
    "no_role": (None, None),
}


@pytest.fixture
def district(tmp_path):
    small_district(tmp_path)


def _client(role: Role | None, unit: str | None) -> Client:
    user = UserFactory()
    if role is not None:
        RoleAssignmentFactory(user=user, role=role, unit=OrgUnit.objects.get(code=unit))
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("who", REFUSED)
def test_every_supervision_page_says_the_role_has_no_access(district, who):
    client = _client(*REFUSED[who])

    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 403, url
        html = response.content.decode()
        assert MESSAGE in html and NO_ACCESS in html, url


@pytest.mark.parametrize("who", REFUSED)
def test_the_api_refuses_the_lists_instead_of_answering_them_empty(district, who):
    client = _client(*REFUSED[who])

    for url in API_READS:
        response = client.get(url)
        assert response.status_code == 403, url
        error = response.json()["error"]
        assert error["code"] == NO_ACCESS and MESSAGE in error["message"], url


@pytest.mark.parametrize("who", ["officer", "system_admin"])
def test_their_posts_are_refused_and_write_nothing(district, who):
    client = _client(*REFUSED[who])
    snapshot = {"unit": "TJ", "start": "2024-01-01", "end": "2024-03-31", "title": "x"}
    bulletin = {"year": 2024, "quarter": 1, "number": "x", "issuer": "x"}
    sample = {"unit": "SCJ1", "period_from": "2024-01-01", "period_to": "2024-03-31", "size": 1, "seed": 1}

    responses = [
        client.post(reverse("supervision:snapshots"), snapshot),
        client.post(reverse("supervision:bulletins"), bulletin),
        client.post(reverse("supervision:reviews"), sample),
        client.post(reverse("supervision:todo"), {"alert": "1", "reason": "x"}),
        client.post(f"{API}/snapshots/", {"unit": "TJ"}, content_type="application/json"),
        client.post(f"{API}/bulletins/", bulletin, content_type="application/json"),
        client.post(f"{API}/review-samples/", sample, content_type="application/json"),
    ]

    assert [r.status_code for r in responses] == [403] * len(responses)
    assert not Snapshot.objects.exists() and not ReviewSample.objects.exists()


@pytest.mark.parametrize(("role", "unit"), [(Role.SUPERVISOR, "TJ"), (Role.UNIT_ADMIN, "SCJ1")])
def test_supervisors_and_unit_admins_keep_their_pages(district, role, unit):
    client = _client(role, unit)

    for url in (reverse("supervision:bulletins"), reverse("supervision:reviews")):
        assert client.get(url).status_code == 200, url
    # the 指标快照 page is the supervisors' (test_snapshot_page_access); the API lists a unit's own
    assert client.get(reverse("supervision:snapshots")).status_code == (200 if role == Role.SUPERVISOR else 403)
    assert client.get(f"{API}/snapshots/").status_code == 200
    assert 'href="/supervision/"' in client.get("/").content.decode()  # the site menu's 执法监督


@pytest.mark.parametrize("who", REFUSED)
def test_the_site_menu_offers_them_no_supervision_entry(district, who):
    html = _client(*REFUSED[who]).get("/").content.decode()

    assert 'href="/supervision/' not in html
