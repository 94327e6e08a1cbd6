"""The decision may not be heavier than the penalty notified (行政处罚法 Art. 44, 62; Art. 45(2) after a defence).

A heavier penalty — a higher fine or confiscation, or a kind the party was not told of — needs a new
告知; a lighter one is decided as it stands.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from fazhi.core.errors import DomainError
from fazhi.enforcement import services
from fazhi.enforcement.choices import CaseStatus, PenaltyType
from fazhi.enforcement.tests.assertions import Unchanged
from fazhi.enforcement.tests.factories import decide, investigate, notify, open_case

pytestmark = pytest.mark.django_db
DECIDED_ON = date(2026, 3, 24)  # after the statement period of the 03-16 notice


def _notified(world, **notice):  # type: ignore[no-untyped-def]
    return notify(world, investigate(world, open_case(world)), **{"fine": Decimal("1000"), **notice})


def test_a_fine_higher_than_notified_is_refused_and_nothing_written(world) -> None:
    case = _notified(world)
    unchanged = Unchanged(case)

    with pytest.raises(DomainError) as refused:
        decide(world, case, decided_on=DECIDED_ON, fine_amount=Decimal("4800"))

    assert refused.value.code == "penalty.heavier_than_notified" and refused.value.status_code == 400
    assert "重新告知" in refused.value.message and "第四十四条" in refused.value.message
    assert "4800元" in refused.value.message and "1000元" in refused.value.message
    assert list(refused.value.fields) == ["fine_amount"]
    unchanged.check()


def test_a_kind_not_notified_is_refused(world) -> None:
    case = _notified(world)

    with pytest.raises(DomainError) as refused:
        decide(world, case, decided_on=DECIDED_ON, fine_amount=Decimal("1000"),
               penalty_types=[PenaltyType.FINE, PenaltyType.CRITICISM])  # fmt: skip

    assert refused.value.code == "penalty.heavier_than_notified"
    assert "通报批评" in refused.value.message and list(refused.value.fields) == ["penalty_types"]


def test_a_confiscation_higher_than_notified_is_refused(world) -> None:
    types = [PenaltyType.FINE, PenaltyType.CONFISCATE_GAINS]
    case = _notified(world, penalty_types=types, confiscation_value=Decimal("600"))

    with pytest.raises(DomainError) as refused:
        decide(world, case, decided_on=DECIDED_ON, fine_amount=Decimal("1000"), penalty_types=types,
               confiscation_value=Decimal("900"))  # fmt: skip

    assert refused.value.code == "penalty.heavier_than_notified"
    assert list(refused.value.fields) == ["confiscation_value"]


@pytest.mark.parametrize(
    ("types", "fine"),
    [
        ([PenaltyType.FINE], Decimal("1000")),  # as notified
        ([PenaltyType.FINE], Decimal("800")),  # a lower fine
        ([PenaltyType.WARNING], Decimal("0")),  # a warning instead of the fine
    ],
)
def test_the_notified_penalty_or_a_lighter_one_is_decided(world, types, fine) -> None:  # type: ignore[no-untyped-def]
    case = decide(world, _notified(world), decided_on=DECIDED_ON, penalty_types=types, fine_amount=fine)

    assert case.status == CaseStatus.DECIDED and case.fine_amount == fine


def test_after_a_defence_the_refusal_also_cites_article_45(world) -> None:
    case = services.case_statement_record(actor=world.cast.inspector_north, case=_notified(world),
                                          on=date(2026, 3, 17), summary="当事人称已整改")  # fmt: skip

    with pytest.raises(DomainError) as refused:
        decide(world, case, decided_on=DECIDED_ON, fine_amount=Decimal("1000.01"))

    assert refused.value.code == "penalty.heavier_after_defence"
    assert "第四十五条第二款" in refused.value.message and "重新告知" in refused.value.message
    assert list(refused.value.fields) == ["fine_amount"]


def test_http_decide_heavier_than_notified_is_400_with_the_field(world) -> None:
    case = _notified(world)
    api = APIClient()
    api.force_authenticate(world.cast.inspector_north)

    response = api.post(f"/api/v1/enforcement/cases/{case.pk}/decide/", {
        "version": case.version, "decided_on": "2026-03-24", "decision_number": "罚〔2026〕1号",
        "penalty_types": ["fine"], "fine_amount": "4800.00", "legal_basis": "第一百二十四条",
        "performance_terms": "十五日内缴纳", "remedies": "复议或诉讼",
    }, format="json")  # fmt: skip

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "penalty.heavier_than_notified" and "fine_amount" in error["fields"]
    case.refresh_from_db()
    assert case.status == CaseStatus.NOTIFIED and case.decided_on is None
