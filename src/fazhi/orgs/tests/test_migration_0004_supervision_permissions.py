"""Migration 0004 gives system admins assigned before supervision joined CONFIGURATION_APPS its permissions."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission

from fazhi.orgs.choices import Role
from fazhi.orgs.models import RoleAssignment
from fazhi.orgs.tests.factories import OrgUnitFactory, UserFactory

pytestmark = pytest.mark.django_db

migration = import_module("fazhi.orgs.migrations.0004_system_admins_configure_supervision")


def test_an_earlier_system_admin_gets_the_supervision_permissions_and_nobody_else_does():
    unit = OrgUnitFactory()
    admin, officer = UserFactory(), UserFactory()
    # assigned the way role_assign did before supervision was a configuration app
    RoleAssignment.objects.create(user=admin, role=Role.SYSTEM_ADMIN, unit=unit)
    RoleAssignment.objects.create(user=officer, role=Role.OFFICER, unit=unit)

    migration.grant(apps, None)

    assert admin.has_perm("supervision.change_assessmentscheme")
    granted = Permission.objects.filter(user=admin, content_type__app_label="supervision").count()
    assert granted == Permission.objects.filter(content_type__app_label="supervision").count()
    assert not Permission.objects.filter(user=officer).exists()
    assert apps.get_app_config("supervision").models_module is not None
