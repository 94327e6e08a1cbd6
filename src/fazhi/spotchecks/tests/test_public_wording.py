"""The public 双随机 page speaks to citizens: the legal basis of the draw, no developer file names."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from fazhi.spotchecks import services
from fazhi.spotchecks.tests.services.test_plans import joint_plan

pytestmark = pytest.mark.django_db


def test_the_public_draw_page_cites_the_legal_basis_not_the_developer_docs(spot):
    plan = joint_plan(spot)
    services.plan_commit(actor=spot.cast.supervisor, plan=plan, today=date(2026, 9, 1))
    services.plan_draw(actor=spot.cast.supervisor, plan=plan)

    body = Client().get(f"/spotchecks/public/{plan.pk}/").content.decode()

    assert "docs/" not in body and ".md" not in body
    assert "国办发〔2015〕58号" in body and "复核" in body
