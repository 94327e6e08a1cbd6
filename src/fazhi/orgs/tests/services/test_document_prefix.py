"""机关代字 (OrgUnit.document_prefix): recorded, audited and validated wherever units are managed."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import DomainError
from fazhi.orgs import selectors, services
from fazhi.orgs.choices import OrgUnitKind
from fazhi.orgs.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _audit(event_type, unit):
    return AuditEvent.objects.filter(event_type=event_type, target_id=str(unit.pk)).get()


def test_create_and_update_record_the_prefix_with_their_audit_rows(cast) -> None:
    unit = services.org_unit_create(
        actor=cast.system_admin, code="EAST", name="东区卫生健康委员会", kind=OrgUnitKind.DEPARTMENT,
        parent=cast.government, document_prefix=" 东卫健 ",
    )  # fmt: skip
    unit.refresh_from_db()
    assert unit.document_prefix == "东卫健" and selectors.org_unit_document_prefix(unit=unit) == "东卫健"
    assert _audit(AuditEventType.ORG_UNIT_CREATED, unit).changes["document_prefix"] == [None, "东卫健"]

    services.org_unit_update(actor=cast.system_admin, unit=unit, document_prefix="东卫", reason="核定代字")

    unit.refresh_from_db()
    assert unit.document_prefix == "东卫"
    assert _audit(AuditEventType.ORG_UNIT_UPDATED, unit).changes == {"document_prefix": ["东卫健", "东卫"]}


def test_a_unit_without_a_prefix_has_none(cast) -> None:
    assert selectors.org_unit_document_prefix(unit=cast.government) == ""


@pytest.mark.parametrize("prefix", ["青 政", "青政〔", "青政2026", "青政号", "青" * 17])
def test_a_prefix_that_cannot_open_a_document_number_is_refused(cast, prefix) -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(DomainError) as error:
        services.org_unit_update(actor=cast.system_admin, unit=cast.government, document_prefix=prefix)
    assert error.value.code == "invalid_document_prefix" and "document_prefix" in error.value.fields
    cast.government.refresh_from_db()
    assert cast.government.document_prefix == "" and AuditEvent.objects.count() == before


def test_the_api_creates_and_shows_the_prefix(cast) -> None:
    client = APIClient()
    client.force_authenticate(cast.system_admin)
    unit = {"code": "NB", "name": "北区执法大队", "kind": "enforcement_body", "parent_code": "NORTH"}

    bad = client.post("/api/v1/orgs/units/", {**unit, "document_prefix": "北 队"}, format="json")
    created = client.post("/api/v1/orgs/units/", {**unit, "document_prefix": "北执"}, format="json")

    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_document_prefix"
    assert created.status_code == 201 and created.json()["document_prefix"] == "北执"
    assert client.get("/api/v1/orgs/units/NB/").json()["document_prefix"] == "北执"


def test_the_admin_edits_the_prefix_through_the_service(cast) -> None:
    admin = Client()
    admin.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    government = cast.government
    url = reverse("admin:orgs_orgunit_change", args=[government.pk])
    page = admin.get(url).content.decode()
    assert "机关代字" in page

    response = admin.post(
        url,
        {"name": government.name, "short_name": "", "document_prefix": "测政", "parent": government.parent_id,
         "credit_code": "", "is_active": "on"},
    )  # fmt: skip

    assert response.status_code == 302
    government.refresh_from_db()
    assert government.document_prefix == "测政"
    assert _audit(AuditEventType.ORG_UNIT_UPDATED, government).changes["document_prefix"] == ["", "测政"]
