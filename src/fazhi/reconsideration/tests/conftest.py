"""Fixtures of the reconsideration tests, and the postgres_only deselection (same mechanism as enforcement).

`@pytest.mark.postgres_only` tests need real concurrent transactions: on SQLite they are deselected
(not skipped) and run under DATABASE_URL=postgres://….
"""

from __future__ import annotations

from pathlib import Path

import pytest
import time_machine
from django.conf import settings

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "sqlite" not in settings.DATABASES["default"]["ENGINE"]:
        return
    deselected = [item for item in items if item.get_closest_marker("postgres_only") and HERE in item.path.parents]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if item not in deselected]


@pytest.fixture
def spring_2026():  # type: ignore[no-untyped-def]
    """Pin "today" to 2026-06-30 so the early-2026 test dates are in the past."""
    with time_machine.travel("2026-06-30 10:00:00+08:00", tick=False):
        yield
