"""A team of fewer than two inspectors is refused with the rule's own message, naming the law."""

from __future__ import annotations

import pytest
from django.test import Client

from fazhi.core.errors import DomainError
from fazhi.spotchecks import services
from fazhi.spotchecks.models import Plan
from fazhi.spotchecks.rules.plans import team_size_error
from fazhi.spotchecks.tests.services.test_plans import joint_plan


def test_the_rule_accepts_two_and_refuses_one_citing_article_42():
    assert team_size_error(2) is None
    message = team_size_error(1)
    assert message is not None
    assert "不得少于2名" in message and "行政处罚法》第四十二条" in message


@pytest.mark.django_db
def test_the_plan_form_shows_the_rules_message_not_djangos(spot):
    client = Client()
    client.force_login(spot.cast.supervisor)

    page = client.post(
        "/spotchecks/plans/new/",
        {"name": "单人检查", "organizer": "NORTH", "departments": ["NORTH"], "team_size": 1,
         "period_start": "2026-12-01", "period_end": "2026-12-31", "quota_A": "3%", "quota_B": "5%",
         "quota_C": "10%", "quota_D": "20%", "max_checks_per_year": 1, "exclude_inspected_days": 0},
    )  # fmt: skip

    box = page.content.decode().split('data-testid="spotcheck-errors"')[1].split("</div>")[0]
    assert page.status_code == 400
    assert "不得少于2名" in box and "第四十二条" in box
    assert "确保该值" not in box
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_the_service_refuses_a_one_person_team_with_the_same_message(spot):
    with pytest.raises(DomainError) as error:
        joint_plan(spot, departments=[services.DepartmentSpec(spot.cast.north, 1)])

    assert error.value.code == "spotcheck.team_too_small"
    assert error.value.message == f"{spot.cast.north.name}{team_size_error(1)}"
    assert not Plan.objects.exists()
