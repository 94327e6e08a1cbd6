"""Helpers of the case-page tests of the later procedure steps (回避, 先行登记保存, 缴纳与执行).

Cases are brought to the state under test through the services, as in factories.py; the step
itself is then taken through the page, as an officer would.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.test import Client
from django.urls import reverse

from fazhi.enforcement import services
from fazhi.enforcement.choices import PenaltyType
from fazhi.enforcement.models import CaseEvent, PenaltyCase
from fazhi.enforcement.tests.factories import CITIZEN_ID, World, decided_case
from fazhi.orgs.models import User


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(client: Client, case: PenaltyCase) -> str:
    response = client.get(reverse("enforcement:case_detail", kwargs={"case_id": case.pk}))
    assert response.status_code == 200
    return response.content.decode()


def offered(html: str, action: str) -> bool:
    """True when the page offers the action's form."""
    return f'data-testid="action-{action}"' in html


def post_action(client: Client, case: PenaltyCase, action: str, payload: dict[str, Any], *, htmx: bool = False) -> Any:
    """POST one action form with the case's current version (as the page would have rendered it)."""
    version = PenaltyCase.objects.values_list("version", flat=True).get(pk=case.pk)
    url = reverse("enforcement:case_action", kwargs={"case_id": case.pk, "action": action})
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(url, {"version": version, **payload}, **headers)


def timeline(case: PenaltyCase) -> list[str]:
    return list(CaseEvent.objects.filter(case=case).order_by("occurred_at", "pk").values_list("type", flat=True))


def served_case(world: World) -> PenaltyCase:
    """An ordinary case, 5000 元 fine, decided 2026-03-30 and served 2026-04-02 (payment due 2026-04-17)."""
    case = decided_case(world)
    actor = world.cast.inspector_north
    return services.case_serve(actor=actor, case=case, served_on=date(2026, 4, 2), method="直接送达")


def on_the_spot(world: World, fine: str = "100") -> PenaltyCase:
    """A 简易程序 case decided and served on the spot on 2026-03-02 (Mon)."""
    return services.case_decide_on_the_spot(
        actor=world.cast.inspector_north, unit=world.cast.north, cause="占道经营", party_kind="person",
        party_name="张三", party_code=CITIZEN_ID, decided_on=date(2026, 3, 2), place="示范路口",
        officer_ids=[world.officer_a.pk, world.officer_b.pk], facts="当事人占道经营。",
        penalty_types=[PenaltyType.FINE], fine_amount=Decimal(fine), legal_basis="《城市市容和环境卫生管理条例》",
        rights_notified=True, decision_number="当场〔2026〕1号",
    )  # fmt: skip
