"""Officers with certificates, and the certificate lifecycle forms: kept by the 司法行政机关's supervisor,
seen by the unit admin (orgs.rules.may_administer_certificates)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fazhi.core.audit.models import AuditEvent
from fazhi.orgs import services
from fazhi.orgs.models import Certificate
from fazhi.orgs.tests.factories import EnforcementDomainFactory, OfficerFactory, PersonFactory

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def staff(cast):  # type: ignore[no-untyped-def]
    domain = EnforcementDomainFactory(code="SCJG", name="市场监管")
    cast.north.domains.add(domain)
    today = timezone.localdate()
    soon = OfficerFactory(unit=cast.north, person=PersonFactory(name="将到期"))
    fine = OfficerFactory(unit=cast.north, person=PersonFactory(name="证件正常"))
    south = OfficerFactory(unit=cast.south, person=PersonFactory(name="南区人员"))
    for officer, number, valid_to in ((soon, "N-SOON", today + timedelta(days=10)),
                                      (fine, "N-FINE", today + timedelta(days=400)),
                                      (south, "S-1", today + timedelta(days=400))):  # fmt: skip
        services.certificate_issue(
            actor=None, officer=officer, number=number, issuer="测试区人民政府", domains=[domain],
            valid_from=date(2024, 1, 1), valid_to=valid_to,
        )  # fmt: skip
    return {"cast": cast, "soon": soon, "fine": fine, "south": south, "domain": domain}


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 302),
        ("unit_admin_north", 200),
        ("supervisor", 200),
        ("system_admin", 200),
        ("inspector_north", 403),
        ("outsider", 403),
    ],
)
def test_officer_list_permission_matrix(staff, who: str | None, status: int) -> None:
    user = getattr(staff["cast"], who) if who else None
    response = client_for(user).get(reverse("orgs:officer_list"))
    assert response.status_code == status


def test_officer_list_highlights_certificates_expiring_within_30_days(staff) -> None:
    html = client_for(staff["cast"].unit_admin_north).get(reverse("orgs:officer_list")).content.decode()
    assert "将到期" in html and "证件正常" in html and "南区人员" not in html  # own unit only
    assert html.count('data-expiring="1"') == 1 and "即将到期" in html
    only = client_for(staff["cast"].unit_admin_north).get(reverse("orgs:officer_list"), {"expiring": "on"})
    assert "证件正常" not in only.content.decode()


@pytest.mark.parametrize(
    ("who", "status"), [(None, 302), ("unit_admin_north", 200), ("supervisor", 200), ("inspector_north", 404)]
)
def test_officer_page_permission_matrix(staff, who: str | None, status: int) -> None:
    user = getattr(staff["cast"], who) if who else None
    response = client_for(user).get(reverse("orgs:officer_detail", kwargs={"officer_id": staff["soon"].pk}))
    assert response.status_code == status


def test_other_units_officer_is_404(staff) -> None:
    url = reverse("orgs:officer_detail", kwargs={"officer_id": staff["south"].pk})
    assert client_for(staff["cast"].unit_admin_north).get(url).status_code == 404


def test_issue_change_suspend_reinstate_revoke(staff) -> None:
    client = client_for(staff["cast"].supervisor)
    officer = staff["soon"]
    issue = reverse("orgs:certificate_issue", kwargs={"officer_id": officer.pk})
    response = client.post(issue, {"number": "N-NEW", "issuer": "测试区人民政府", "domains": ["SCJG"],
                                   "valid_from": "2026-01-01", "valid_to": "2029-12-31",
                                   "reason": "申领发证"})  # fmt: skip
    assert response.status_code == 302
    assert Certificate.objects.get(number="N-NEW").officer == officer

    change = reverse("orgs:certificate_change", kwargs={"officer_id": officer.pk, "number": "N-SOON"})
    response = client.post(change, {"effective_on": "2026-06-01", "valid_to": "2030-06-30", "reason": "换证延期"},
                           HTTP_HX_REQUEST="true")  # fmt: skip
    assert response.status_code == 200 and "已变更执法证 N-SOON" in response.content.decode()
    assert Certificate.objects.get(number="N-SOON").valid_to == date(2030, 6, 30)

    for action, status in (("suspend", "suspended"), ("reinstate", "valid"), ("revoke", "revoked")):
        url = reverse(
            "orgs:certificate_status", kwargs={"officer_id": officer.pk, "number": "N-SOON", "action": action}
        )
        response = client.post(url, {"effective_on": "2026-07-01", "reason": f"测试{action}"})
        assert response.status_code == 302, action
        assert Certificate.objects.get(number="N-SOON").status == status


def test_refused_lifecycle_step_is_shown_and_changes_nothing(staff) -> None:
    client = client_for(staff["cast"].supervisor)
    url = reverse("orgs:certificate_status", kwargs={"officer_id": staff["fine"].pk, "number": "N-FINE",
                                                     "action": "reinstate"})  # fmt: skip
    before = AuditEvent.objects.count()
    response = client.post(url, {"effective_on": "2026-07-01", "reason": "恢复"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409 and "不能办理“恢复”" in response.content.decode()
    assert AuditEvent.objects.count() == before and Certificate.objects.get(number="N-FINE").status == "valid"


def test_duplicate_number_is_refused_in_place(staff) -> None:
    issue = reverse("orgs:certificate_issue", kwargs={"officer_id": staff["fine"].pk})
    response = client_for(staff["cast"].supervisor).post(issue, {
        "number": "N-SOON", "issuer": "x", "domains": ["SCJG"], "valid_from": "2026-01-01", "valid_to": "2027-01-01",
        "reason": "申领",
    })  # fmt: skip
    assert response.status_code == 409 and "已存在" in response.content.decode()


def test_lifecycle_on_another_units_certificate_is_404(staff) -> None:
    url = reverse("orgs:certificate_status", kwargs={"officer_id": staff["south"].pk, "number": "S-1",
                                                     "action": "suspend"})  # fmt: skip
    response = client_for(staff["cast"].unit_admin_north).post(url, {"effective_on": "2026-07-01", "reason": "x"})
    assert response.status_code == 404 and Certificate.objects.get(number="S-1").status == "valid"


def test_an_expired_certificate_shows_no_green_valid_badge(staff) -> None:
    # Given a certificate still 有效 in its lifecycle whose term ended yesterday
    officer = OfficerFactory(unit=staff["cast"].north, person=PersonFactory(name="已过期人员"))
    services.certificate_issue(
        actor=None, officer=officer, number="N-OLD", issuer="测试区人民政府", domains=[staff["domain"]],
        valid_from=date(2020, 1, 1), valid_to=timezone.localdate() - timedelta(days=1),
    )  # fmt: skip
    client = client_for(staff["cast"].unit_admin_north)

    page = client.get(reverse("orgs:officer_detail", kwargs={"officer_id": officer.pk})).content.decode()
    listing = client.get(reverse("orgs:officer_list")).content.decode()

    # Then the status badge is the red 已过有效期, on the officer's page and in the list
    assert '<span class="badge text-bg-danger" data-testid="certificate-status">已过有效期</span>' in page
    assert "text-bg-success" not in page.split('data-testid="certificate-N-OLD"')[1].split("</section>")[0]
    row = listing.split("<code>N-OLD</code>")[1].split("</tr>")[0]
    assert '<span class="badge text-bg-danger">已过有效期</span>' in row and "text-bg-success" not in row


def test_the_unit_admin_sees_certificates_without_lifecycle_forms(staff) -> None:
    officer = staff["soon"]
    url = reverse("orgs:officer_detail", kwargs={"officer_id": officer.pk})

    as_admin = client_for(staff["cast"].unit_admin_north).get(url).content.decode()
    as_supervisor = client_for(staff["cast"].supervisor).get(url).content.decode()

    assert 'data-testid="certificate-N-SOON"' in as_admin and "<form" not in as_admin.split('id="certificates"')[1]
    assert 'data-testid="certificate-authority-note"' in as_admin and "司法行政机关" in as_admin
    assert (
        'data-testid="certificate-issue-form"' in as_supervisor
        and 'data-testid="certificate-action-suspend"' in as_supervisor
    )


@pytest.mark.parametrize("who", ["unit_admin_north", "system_admin"])
def test_a_viewer_cannot_issue_change_suspend_or_revoke(staff, who: str) -> None:
    client = client_for(getattr(staff["cast"], who))
    officer = staff["fine"]
    before = AuditEvent.objects.count()
    posts = [
        (reverse("orgs:certificate_issue", kwargs={"officer_id": officer.pk}),
         {"number": "N-NEW", "issuer": "任意机关", "domains": ["SCJG"], "valid_from": "2026-01-01",
          "valid_to": "2029-12-31", "reason": "申领发证"}),
        (reverse("orgs:certificate_change", kwargs={"officer_id": officer.pk, "number": "N-FINE"}),
         {"effective_on": "2026-06-01", "valid_to": "2030-06-30", "reason": "延期"}),
        *[(reverse("orgs:certificate_status", kwargs={"officer_id": officer.pk, "number": "N-FINE", "action": a}),
           {"effective_on": "2026-07-01", "reason": a}) for a in ("suspend", "revoke")],
    ]  # fmt: skip

    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == 403, url
        assert "司法行政机关" in response.content.decode()

    certificate = Certificate.objects.get(number="N-FINE")
    assert certificate.status == "valid" and certificate.valid_to == timezone.localdate() + timedelta(days=400)
    assert not Certificate.objects.filter(number="N-NEW").exists() and AuditEvent.objects.count() == before
