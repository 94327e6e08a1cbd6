"""The demo district is built by each app's own `demo.load`, in this explicit order.

Later apps add their step here (powers lists, cases, spot checks, …); each step receives the
result of the org step so it can attach its records to the same units and officers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db import transaction

from fazhi.orgs import demo as orgs_demo
from fazhi.orgs.models import User
from fazhi.powers import demo as powers_demo

DEMO_SEED = 20260101


@dataclass(frozen=True)
class DemoSummary:
    created: bool
    units: int
    officers: int
    users: list[tuple[str, str, str]]  # (username, display name, role label)
    password: str


def _user_rows() -> list[tuple[str, str, str]]:
    rows = []
    for username, display, role, _unit, _qualified in orgs_demo.DEMO_USERS:
        rows.append((username, display, str(role.label)))
    return rows


def demo_load(*, actor: User | None) -> DemoSummary:
    """Load the whole demo district in one transaction; a second call changes nothing."""
    if orgs_demo.demo_exists():
        return DemoSummary(False, 0, 0, _user_rows(), orgs_demo.DEMO_PASSWORD)
    rng = random.Random(DEMO_SEED)  # the same demo on every machine
    with transaction.atomic():
        orgs = orgs_demo.load(actor=actor, rng=rng)
        powers_demo.load(actor=actor, rng=rng, orgs=orgs)
    return DemoSummary(True, 2 + len(orgs.departments), len(orgs.officers), _user_rows(), orgs_demo.DEMO_PASSWORD)
