"""Fixtures for the web shell tests: the project cast (conftest.py at the root) plus officers."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from django.test import Client

from fazhi.orgs.models import User
from fazhi.orgs.tests.factories import OfficerFactory, PersonFactory

# A working-day rule (行政处罚法 Art. 61 + Art. 85: 7 日 = working days) shipped by the deadlines
# data migration, and a calendar-day one.
WORKING_DAY_RULE = "penalty.service"
CAST_PASSWORD = "Correct-Horse-42"

if TYPE_CHECKING:
    from conftest import Cast  # the project-wide cast fixture (root conftest.py)


@pytest.fixture
def staffed(cast: Cast) -> Cast:
    """The cast plus officers: NORTH has 3 active (one is inspector_north) and 1 inactive; SOUTH has 2."""
    OfficerFactory(person=cast.inspector_north.person, unit=cast.north, title="执法队员")
    OfficerFactory(person=PersonFactory(name="北区同事甲"), unit=cast.north)
    OfficerFactory(person=PersonFactory(name="北区同事乙"), unit=cast.north)
    OfficerFactory(person=PersonFactory(name="北区离岗人员"), unit=cast.north, is_active=False)
    OfficerFactory(person=cast.inspector_south.person, unit=cast.south)
    OfficerFactory(person=PersonFactory(name="南区同事"), unit=cast.south)
    return cast


@pytest.fixture
def client_for(client: Client):
    """Return a function that logs the test client in as `user` (or leaves it anonymous for None)."""

    def login(user: User | None) -> Client:
        if user is not None:
            client.force_login(user)
        return client

    return login


MENU_LINK = re.compile(r'class="(?:nav-link|dropdown-item|nav-link dropdown-toggle)[^"]*"[^>]*>([^<]+)</a>')


def menu_labels(html: str) -> list[str]:
    """The labels of the main menu's links and dropdowns, in order."""
    menu = html.split('id="fazhi-nav"', 1)[1].split('class="d-flex', 1)[0]
    return [label.strip() for label in MENU_LINK.findall(menu)]
