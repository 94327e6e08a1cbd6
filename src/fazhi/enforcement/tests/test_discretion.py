"""裁量基准 at the decision (行政处罚法 Art. 34): a fine outside every band of the power item's published
discretion standard is decided only with its reason on file; inside a band, or without bands, nothing is asked.

The item's bands: 1000–3000 元 and 3000–8000 元 (the factory's 5000 元 fine lies in the second).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from fazhi.core.audit.models import AuditEventType
from fazhi.core.errors import DomainError
from fazhi.enforcement import rules
from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.tests.assertions import Unchanged, assert_one_audit
from fazhi.enforcement.tests.factories import decide, investigate, notify, open_case
from fazhi.powers.tests.factories import DiscretionStandardFactory, PowerItemFactory

pytestmark = pytest.mark.django_db
BANDS = [(Decimal("1000"), Decimal("3000")), (Decimal("3000"), Decimal("8000"))]


def _notified(world, fine: str = "20000"):  # type: ignore[no-untyped-def]
    item = PowerItemFactory(owner_unit=world.cast.north)
    for low, high in BANDS:
        DiscretionStandardFactory(power_item=item, fine_min=low, fine_max=high, statutory_max=Decimal("10000"))
    case = investigate(world, open_case(world, power_item_code=item.code))
    return notify(world, case, fine=Decimal(fine))


def test_a_fine_inside_a_band_or_without_bands_needs_no_reason() -> None:
    assert rules.require_discretion_reason(fine=Decimal("5000"), bands=BANDS, reason="") == ""
    assert rules.require_discretion_reason(fine=Decimal("9000"), bands=[], reason="") == ""
    assert rules.require_discretion_reason(fine=Decimal("0"), bands=BANDS, reason="") == ""
    assert rules.fine_within_discretion(fine=Decimal("9000"), bands=[(Decimal("1000"), None)])


def test_a_fine_outside_every_band_without_a_reason_is_refused() -> None:
    with pytest.raises(DomainError) as refused:
        rules.require_discretion_reason(fine=Decimal("9000"), bands=BANDS, reason="  ")

    assert refused.value.code == "penalty.discretion_reason_required" and refused.value.status_code == 400
    assert "第三十四条" in refused.value.message and "1000至3000元" in refused.value.message
    assert set(refused.value.fields) == {"discretion_reason"}


def test_the_decision_outside_the_bands_is_refused_without_a_reason_and_nothing_written(world) -> None:
    case = _notified(world, fine="9000")
    unchanged = Unchanged(case)

    with pytest.raises(DomainError) as refused:
        decide(world, case, fine_amount=Decimal("9000"))

    assert refused.value.code == "penalty.discretion_reason_required"
    unchanged.check()


def test_the_decision_outside_the_bands_records_its_reason(world) -> None:
    case = _notified(world, fine="9000")

    case = decide(world, case, fine_amount=Decimal("9000"), discretion_reason=" 违法所得较多，从重处罚 ")

    stored = PenaltyCase.objects.get(pk=case.pk)
    assert stored.status == "decided" and stored.discretion_reason == "违法所得较多，从重处罚"
    audit = assert_one_audit(AuditEventType.PENALTY_CASE_DECIDED, case)
    assert audit.changes["discretion_reason"] == ["", "违法所得较多，从重处罚"]


def test_a_decision_inside_a_band_keeps_no_reason(world) -> None:
    case = decide(world, _notified(world, fine="5000"), discretion_reason="不需要")

    assert PenaltyCase.objects.get(pk=case.pk).discretion_reason == ""


def test_http_decide_outside_the_bands_is_400_and_the_page_shows_the_reason(world, client) -> None:
    case = _notified(world, fine="9000")
    api = APIClient()
    api.force_authenticate(world.cast.inspector_north)
    payload = {
        "version": case.version, "decided_on": "2026-03-30", "decision_number": "罚〔2026〕1号",
        "penalty_types": ["fine"], "fine_amount": "9000.00", "legal_basis": "第一百二十四条",
        "performance_terms": "十五日内缴纳", "remedies": "复议或诉讼",
    }  # fmt: skip

    refused = api.post(f"/api/v1/enforcement/cases/{case.pk}/decide/", payload, format="json")
    decided = api.post(f"/api/v1/enforcement/cases/{case.pk}/decide/",
                       {**payload, "discretion_reason": "违法所得较多"}, format="json")  # fmt: skip
    client.force_login(world.cast.inspector_north)
    html = client.get(f"/enforcement/cases/{case.pk}/").content.decode()

    assert refused.status_code == 400 and refused.json()["error"]["code"] == "penalty.discretion_reason_required"
    assert decided.status_code == 200, decided.content
    assert 'data-testid="discretion-reason"' in html and "违法所得较多" in html
