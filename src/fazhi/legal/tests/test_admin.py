"""Admin: everything read-only; the repeal action goes through the audited service."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.legal.choices import LegalStatus
from fazhi.legal.models import LegalSourceVersion
from fazhi.legal.tests.conftest import LAW_2023
from fazhi.orgs.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client() -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser(username="legal_admin", password=None))
    return client


def test_pages_load_and_offer_no_add(admin_client, import_fixture) -> None:
    version = import_fixture(LAW_2023).version
    article = version.articles.first()

    for url in [
        "/admin/legal/legalsource/",
        f"/admin/legal/legalsource/{version.source_id}/change/",
        "/admin/legal/legalsourceversion/",
        "/admin/legal/legalarticle/?q=执法证件",
        f"/admin/legal/legalarticle/{article.pk}/change/",
    ]:
        assert admin_client.get(url).status_code == 200, url
    assert admin_client.get("/admin/legal/legalarticle/add/").status_code == 403


def test_repeal_action_uses_the_service(admin_client, import_fixture) -> None:
    source = import_fixture(LAW_2023).source

    response = admin_client.post(
        "/admin/legal/legalsource/", {"action": "mark_repealed_today", "_selected_action": [source.pk]}
    )

    assert response.status_code == 302
    version = LegalSourceVersion.objects.get()
    assert version.status == LegalStatus.REPEALED
    assert version.effective_to == timezone.localdate() - timedelta(days=1)
    event = AuditEvent.objects.get(event_type=AuditEventType.LEGAL_SOURCE_STATUS_CHANGED)
    assert event.reason == "管理后台标记废止"
