"""Litigation tests reuse the reconsideration fixtures (the pinned clock)."""

from fazhi.reconsideration.tests.conftest import spring_2026  # noqa: F401 — re-exported fixture
