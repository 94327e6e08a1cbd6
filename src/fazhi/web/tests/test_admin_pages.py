"""Every model registered in the admin opens for a superuser: its list and, where allowed, its add form.

The admin classes are spread over the apps and share base classes (core.admin_services); a page
that breaks (a renamed field in list_display, a missing import) shows up here, not in production.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from fazhi.orgs.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADMINS = {(model._meta.app_label, model._meta.model_name): found for model, found in admin.site._registry.items()}
REGISTERED = sorted(ADMINS)


@pytest.fixture
def superuser_client() -> Client:
    client = Client()
    client.force_login(UserFactory(username="root_admin", is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize(("app", "model"), REGISTERED)
def test_changelist_opens(superuser_client: Client, app: str, model: str) -> None:
    assert superuser_client.get(reverse(f"admin:{app}_{model}_changelist")).status_code == 200


@pytest.mark.parametrize(("app", "model"), REGISTERED)
def test_add_form_opens_where_adding_is_allowed(superuser_client: Client, app: str, model: str) -> None:
    model_admin = next(
        a for m, a in admin.site._registry.items() if (m._meta.app_label, m._meta.model_name) == (app, model)
    )
    response = superuser_client.get(reverse(f"admin:{app}_{model}_add"))
    request = response.wsgi_request
    allowed = model_admin.has_add_permission(request)
    assert response.status_code == (200 if allowed else 403)


def test_the_registry_covers_the_configuration_and_the_records() -> None:
    registered = set(REGISTERED)
    # configuration edited through services, and records shown read-only
    assert {("supervision", "assessmentscheme"), ("enforcement", "penaltythresholdversion")} <= registered
    assert {("audit", "auditevent"), ("enforcement", "penaltycase")} <= registered
