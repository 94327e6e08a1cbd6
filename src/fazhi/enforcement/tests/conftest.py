"""Fixtures of the enforcement tests, and the postgres_only deselection.

`@pytest.mark.postgres_only` tests need real concurrent transactions. Nothing in the root
conftest or pyproject handles the marker, so this hook DESELECTS (not skips) them when the
database is SQLite: they run under DATABASE_URL=postgres://… and do not appear at all otherwise.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.conf import settings

from fazhi.enforcement.tests.factories import World, build_world

if TYPE_CHECKING:
    from conftest import Cast

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "sqlite" not in settings.DATABASES["default"]["ENGINE"]:
        return
    deselected = [item for item in items if item.get_closest_marker("postgres_only") and HERE in item.path.parents]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if item not in deselected]


@pytest.fixture
def world(cast: Cast) -> World:
    return build_world(cast)


@pytest.fixture
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    return tmp_path


D = date
