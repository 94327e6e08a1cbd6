"""The demo district is built by each app's own `demo.load`, in this explicit order.

Later apps add their step here (powers lists, cases, spot checks, …); each step receives the
result of the org step so it can attach its records to the same units and officers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db import transaction

from fazhi.enforcement import demo as enforcement_demo
from fazhi.orgs import demo as orgs_demo
from fazhi.orgs.models import User
from fazhi.powers import demo as powers_demo
from fazhi.reconsideration import demo as reconsideration_demo
from fazhi.spotchecks import demo as spotchecks_demo
from fazhi.supervision import demo as supervision_demo

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
    return rows + enforcement_demo.demo_logins()


def demo_load(*, actor: User | None) -> DemoSummary:
    """Load the whole demo district in one transaction; a second call changes nothing."""
    if orgs_demo.demo_exists():
        return DemoSummary(False, 0, 0, _user_rows(), orgs_demo.DEMO_PASSWORD)
    rng = random.Random(DEMO_SEED)  # the same demo on every machine
    with transaction.atomic():
        orgs = orgs_demo.load(actor=actor, rng=rng)
        powers_demo.load(actor=actor, rng=rng, orgs=orgs)
    # Outside the block: every enforcement service is a durable transaction of its own.
    enforcement_demo.load(actor=actor, rng=rng, orgs=orgs)
    # Outside the block: recording spot-check results goes through enforcement's durable service.
    spotchecks_demo.load(actor=actor, rng=rng, departments=orgs.departments)
    # Outside the block: the reconsideration and litigation services are durable transactions too.
    reconsideration_demo.load(actor=actor, rng=rng, orgs=orgs)
    # The units answer the reconsideration decisions that set their penalty decisions aside (以案促改).
    enforcement_demo.record_review_corrections(actor=actor)
    # Last: supervision reads what the other steps recorded (ingestion, snapshot, bulletin, review sample).
    supervision_demo.load(actor=actor, rng=rng, region=orgs.region)
    return DemoSummary(True, 2 + len(orgs.departments), len(orgs.officers), _user_rows(), orgs_demo.DEMO_PASSWORD)
