"""Project-wide pytest fixtures: the named cast of users (STYLE §11).

The cast lives in a small district tree:

    R (region 测试区)
    └── G (government)
        ├── NORTH (market regulation dept.)   ── inspector_north works here
        └── SOUTH (urban management dept.)    ── inspector_south works here

- inspector_north: 执法人员 of NORTH; sees NORTH only.
- inspector_south: 执法人员 of SOUTH; sees SOUTH only.
- unit_admin_north: 单位管理员 of NORTH; manages NORTH.
- reviewer_north: 法制审核人员 of NORTH (holds the legal qualification).
- supervisor: 执法监督人员 over the whole region R.
- reconsideration_officer: 复议工作人员 over G.
- system_admin: 系统管理员 over R (configuration).
- outsider: logged in, no role at all; sees nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from fazhi.orgs.choices import OrgUnitKind, Role
from fazhi.orgs.models import OrgUnit, User
from fazhi.orgs.tests.factories import OrgUnitFactory, PersonFactory, RoleAssignmentFactory, UserFactory

CAST_PASSWORD = "Correct-Horse-42"  # noqa: S105 — test-only password


@dataclass
class Cast:
    region: OrgUnit
    government: OrgUnit
    north: OrgUnit
    south: OrgUnit
    inspector_north: User
    inspector_south: User
    unit_admin_north: User
    reviewer_north: User
    supervisor: User
    reconsideration_officer: User
    system_admin: User
    outsider: User


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """DESELECT (not skip) `@pytest.mark.postgres_only` tests on SQLite.

    They need real concurrent transactions; they run under DATABASE_URL=postgres://… and do not
    appear at all otherwise, so no skipped test is left behind in either run.
    """
    from django.conf import settings

    if "sqlite" not in settings.DATABASES["default"]["ENGINE"]:
        return
    deselected = [item for item in items if item.get_closest_marker("postgres_only")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if item not in deselected]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """Give each PostgreSQL test run its own database, so two runs on one server never collide.

    pytest-django names it test_<NAME> by default; a second run at the same time (a developer and
    CI, or two terminals) would then drop or refuse the first one's database. SQLite tests use
    an in-memory database per process already.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = f"test_{database['NAME']}_{os.getpid()}"


@pytest.fixture(autouse=True)
def fast_password_hasher(settings) -> None:
    """PBKDF2's million rounds cost ~0.3 s per user; tests still check passwords, only faster."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def cast(db: None) -> Cast:
    region = OrgUnitFactory(code="R", name="测试区", kind=OrgUnitKind.REGION)
    government = OrgUnitFactory(code="G", name="测试区人民政府", kind=OrgUnitKind.GOVERNMENT, parent=region)
    north = OrgUnitFactory(code="NORTH", name="北区市场监管局", parent=government, is_enforcement_body=True)
    south = OrgUnitFactory(code="SOUTH", name="南区城管执法局", parent=government, is_enforcement_body=True)

    def user(name: str, role: Role | None, unit: OrgUnit | None, qualified: bool = False) -> User:
        person = PersonFactory(name=name, has_legal_qualification=qualified)
        account = UserFactory(username=name, display_name=name, person=person)
        if role is not None and unit is not None:
            RoleAssignmentFactory(user=account, role=role, unit=unit)
        return account

    return Cast(
        region=region,
        government=government,
        north=north,
        south=south,
        inspector_north=user("inspector_north", Role.OFFICER, north),
        inspector_south=user("inspector_south", Role.OFFICER, south),
        unit_admin_north=user("unit_admin_north", Role.UNIT_ADMIN, north),
        reviewer_north=user("reviewer_north", Role.LEGAL_REVIEWER, north, qualified=True),
        supervisor=user("supervisor", Role.SUPERVISOR, region),
        reconsideration_officer=user("reconsideration_officer", Role.RECONSIDERATION_OFFICER, government),
        system_admin=user("system_admin", Role.SYSTEM_ADMIN, region),
        outsider=user("outsider", None, None),
    )
