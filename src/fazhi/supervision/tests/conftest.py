"""Fixtures of the supervision tests.

`tianjin` loads the TEDA 2024 district (helpers.tianjin_district: ~1,200 officers, items and records
through the import commands, about 20 s) once per test module, inside a transaction rolled back at
the end of the module; each test then runs in its own savepoint (pytest-django's `db`).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction

from fazhi.enforcement.tests.factories import World, build_world, decided_case, record_inspection
from fazhi.orgs.choices import Role
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.tests.factories import RoleAssignmentFactory, UserFactory
from fazhi.supervision import services
from fazhi.supervision.tests.helpers import District, small_district, tianjin_district


@pytest.fixture(scope="module")
def tianjin(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[District]:
    with django_db_blocker.unblock(), transaction.atomic():
        district = tianjin_district(tmp_path_factory.mktemp("tianjin"))
        yield district
        transaction.set_rollback(True)


@pytest.fixture
def world(cast) -> World:
    """The enforcement test world (fazhi.enforcement.tests.factories.build_world); modules with a world
    of their own (a district loaded through the imports) define `world` themselves."""
    return build_world(cast)


@pytest.fixture
def supervisor(world, client):
    """A test client logged in as the world's supervisor."""
    client.force_login(world.cast.supervisor)
    return client


@pytest.fixture
def recorded_world(cast) -> World:
    """The enforcement test world with one inspection and one decided case, ingested as records."""
    world = build_world(cast)
    world.inspection = record_inspection(world)
    world.case = decided_case(world)
    services.ingest_internal_records()
    return world


@pytest.fixture
def district_supervisor(tmp_path):
    """A supervisor of the small district's region TJ (helpers.small_district)."""
    small_district(tmp_path)
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=Role.SUPERVISOR, unit=OrgUnit.objects.get(code="TJ"))
    return user
