"""Fixtures of the enforcement tests.

`@pytest.mark.postgres_only` tests are deselected on SQLite by the root conftest.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest

from fazhi.enforcement.tests.factories import World, build_world

if TYPE_CHECKING:
    from conftest import Cast


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
