import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from fazhi.core.audit.selectors import audit_chain_verify
from fazhi.enforcement.tests import demo_checks as enforcement_demo
from fazhi.orgs import selectors
from fazhi.orgs.choices import Role
from fazhi.orgs.demo import DEMO_PASSWORD, DEMO_USERS
from fazhi.orgs.models import Officer, OrgUnit, User
from fazhi.supervision.tests import demo_checks as supervision_demo

pytestmark = pytest.mark.django_db


def test_demo_builds_a_district_with_every_role_prints_the_logins_and_is_idempotent() -> None:
    # One test on purpose: loading the whole demo district takes tens of seconds, so the human
    # output, the JSON output, idempotency and the logins are checked on a single load.
    out = StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    assert DEMO_PASSWORD in text
    for username, display, *_ in DEMO_USERS:
        assert username in text and display in text
    assert "zhifa2" in text  # the enforcement step's second officer login
    enforcement_demo.assert_every_state_and_the_officer_sees_cases()
    supervision_demo.assert_every_bulletin_ranks_the_units_apart()

    assert OrgUnit.objects.filter(kind__in=["department", "enforcement_body", "township"]).count() >= 15
    officers = Officer.objects.count()
    assert 280 <= officers <= 320
    roles = {role for user in User.objects.all() for role in selectors.user_role_set(user=user)}
    assert roles == set(Role)

    out = StringIO()
    call_command("demo", "--json", stdout=out)
    second = json.loads(out.getvalue())
    assert second["created"] is False
    assert Officer.objects.count() == officers
    # everything the demo wrote went through audited services: the chain is intact
    assert audit_chain_verify().ok

    for username, *_rest in DEMO_USERS:
        client = Client()
        assert client.login(username=username, password=DEMO_PASSWORD), username
        assert client.get("/").status_code == 200
