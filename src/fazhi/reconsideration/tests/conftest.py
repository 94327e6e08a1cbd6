"""Fixtures of the reconsideration tests.

`@pytest.mark.postgres_only` tests are deselected on SQLite by the root conftest.
"""

from __future__ import annotations

import pytest
import time_machine


@pytest.fixture
def spring_2026():  # type: ignore[no-untyped-def]
    """Pin "today" to 2026-06-30 so the early-2026 test dates are in the past."""
    with time_machine.travel("2026-06-30 10:00:00+08:00", tick=False):
        yield
