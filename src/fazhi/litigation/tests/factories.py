"""Test data for litigation: lawsuits registered through the service (the code under test).

Dates are in June 2026; the tests pin "today" to 2026-06-30 (`spring_2026`).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.test import Client

from fazhi.litigation import services
from fazhi.litigation.choices import DefendantRole
from fazhi.litigation.models import LitigationCase

if TYPE_CHECKING:
    from conftest import Cast


def lawsuit_data(**overrides: Any) -> services.LawsuitData:
    values: dict[str, Any] = {
        "court": "测试区人民法院", "case_number": "（2026）测0101行初1号", "plaintiff_kind": "person",
        "plaintiff_name": "张三", "category": "penalty", "act_description": "行政处罚决定",
        "filed_on": date(2026, 6, 1), "complaint_received_on": date(2026, 6, 3),
    }  # fmt: skip
    values.update(overrides)
    return services.LawsuitData(**values)


def register_form(**overrides: str) -> dict[str, str]:
    """The register page's POST: a first-instance lawsuit 立案 on 2026-06-01 (defendants and 复议 as overridden)."""
    form = {
        "court": "测试区人民法院", "case_number": "（2026）测0101行初7号", "instance": "first",
        "plaintiff_kind": "person", "plaintiff_name": "张三", "category": "penalty",
        "act_description": "行政处罚决定", "filed_on": "2026-06-01", "complaint_received_on": "2026-06-03",
    }  # fmt: skip
    return {**form, **overrides}


def registered(cast: Cast, **overrides: Any) -> LitigationCase:
    """A first-instance lawsuit against NORTH, handled by the government's 复议（应诉）staff."""
    return services.litigation_case_register(
        actor=cast.reconsideration_officer, responsible_unit=cast.government, data=lawsuit_data(**overrides),
        defendants=[(cast.north, DefendantRole.ORIGINAL)],
    )  # fmt: skip


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client
