"""A 判决变更 of a penalty case of this platform states the penalty that replaces it (行政诉讼法 Art. 77).

Protects against a court's 变更 leaving the penalty case on the original fine (its timeline asked the unit
to enter the content): the outcome now takes the changed penalty, refuses a 判决变更 without it and one
heavier than the original (Art. 77(2), unless 利害关系人同为原告且诉讼请求相反), stores it and puts it on
the penalty case in the same transaction; the form and the API answer 400 with the error on the field.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from fazhi.core.audit.models import AuditEvent
from fazhi.core.errors import DomainError
from fazhi.enforcement.models import CaseEvent as PenaltyEvent
from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.tests.factories import build_world, decided_case
from fazhi.litigation import services
from fazhi.litigation.choices import DefendantRole, Outcome
from fazhi.litigation.models import LitigationCase
from fazhi.litigation.tests import factories as lf

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("spring_2026")]


def _lawsuit(cast: Any, *, linked: bool = True, number: str = "（2026）测0101行初1号") -> LitigationCase:
    """A lawsuit against NORTH's penalty decision of 2026-03-30 fining 5000 元 (or an act not registered here)."""
    penalty = decided_case(build_world(cast)) if linked else None
    return services.litigation_case_register(
        actor=cast.reconsideration_officer, responsible_unit=cast.government, data=lf.lawsuit_data(case_number=number),
        defendants=[(cast.north, DefendantRole.ORIGINAL)], penalty_case=penalty,
    )  # fmt: skip


def _conclude(cast: Any, case: LitigationCase, loss_kind: str = "changed", **extra: Any) -> LitigationCase:
    return services.litigation_case_conclude(
        actor=cast.reconsideration_officer, case=case, outcome=Outcome.LOST, loss_kind=loss_kind,
        concluded_on=date(2026, 6, 29), judgment_number="（2026）测0101行初1号判决", **extra,
    )  # fmt: skip


def _state(case: LitigationCase) -> tuple[Any, ...]:
    case.refresh_from_db()
    penalty = PenaltyCase.objects.get(pk=case.penalty_case_id)
    return case.status, case.version, penalty.version, penalty.fine_amount, AuditEvent.objects.count()


def test_a_judgment_changing_the_fine_puts_it_on_the_lawsuit_and_on_the_penalty_case(cast):
    case = _lawsuit(cast)

    _conclude(cast, case, new_fine_amount=Decimal("3000"))

    case.refresh_from_db()
    assert (case.changed_penalty_types, case.changed_fine_amount) == (["fine"], Decimal("3000"))
    penalty = PenaltyCase.objects.get(pk=case.penalty_case_id)
    assert (penalty.decision_change_kind, penalty.fine_amount) == ("changed", Decimal("3000"))
    event = PenaltyEvent.objects.filter(case=penalty, type="decision_revoked").get()
    assert "行政诉讼" in event.message and "罚款由5000元变更为3000元" in event.message
    assert "请登记决定变更" not in event.message
    assert case.events.filter(message="审结：败诉（判决变更）；罚款由5000元变更为3000元").exists()


def test_a_judgment_changing_a_penalty_case_without_the_changed_penalty_is_refused_and_nothing_written(cast):
    case = _lawsuit(cast)
    before = _state(case)

    with pytest.raises(DomainError) as refused:
        _conclude(cast, case)

    assert refused.value.code == "litigation.change_content_required" and refused.value.status_code == 400
    assert refused.value.fields == {"new_fine_amount": ["变更行政处罚决定时必填。"]}
    assert "行政诉讼法》第七十七条" in refused.value.message
    assert _state(case) == before


def test_a_heavier_judgment_is_refused_unless_interested_co_plaintiffs_asked_for_the_contrary(cast):
    case = _lawsuit(cast)
    before = _state(case)

    with pytest.raises(DomainError) as refused:
        _conclude(cast, case, new_fine_amount=Decimal("8000"))

    assert refused.value.code == "litigation.adverse_change"
    assert "不得加重原告的义务或者减损原告的权益" in refused.value.message
    assert "第七十七条第二款" in refused.value.message
    assert refused.value.fields == {"new_fine_amount": ["高于原决定的罚款5000元。"]}
    assert _state(case) == before
    _conclude(cast, case, new_fine_amount=Decimal("8000"), contrary_co_plaintiff=True)
    assert PenaltyCase.objects.get(pk=case.penalty_case_id).fine_amount == Decimal("8000")


def test_a_changed_penalty_with_another_judgment_or_an_unregistered_act_is_refused(cast):
    revoked, unlinked = _lawsuit(cast), _lawsuit(cast, linked=False, number="（2026）测0101行初2号")

    with pytest.raises(DomainError) as on_revocation:
        _conclude(cast, revoked, loss_kind="revoked", new_fine_amount=Decimal("3000"))
    with pytest.raises(DomainError) as on_unlinked_act:
        _conclude(cast, unlinked, new_fine_amount=Decimal("3000"))

    assert on_revocation.value.code == "litigation.change_content_not_applicable"
    assert on_unlinked_act.value.code == "litigation.change_content_not_applicable"
    assert _conclude(cast, unlinked).changed_penalty_types == []  # the judgment's text says what it changed


def test_the_outcome_form_refuses_a_change_without_the_fine_on_its_field(cast):
    case = _lawsuit(cast)
    data = {"conclude-outcome": "lost", "conclude-loss_kind": "changed", "conclude-concluded_on": "2026-06-29"}
    client = lf.logged_in(cast.reconsideration_officer)
    url = reverse("litigation:case_step", args=[case.pk, "conclude"])

    refused = client.post(url, {"version": case.version, **data})
    done = client.post(url, {"version": case.version, **data, "conclude-new_fine_amount": "3000"})

    assert refused.status_code == 400
    box = refused.content.decode().split('data-testid="step-conclude"')[1].split("</details>")[0]
    assert 'data-code="litigation.change_content_required"' in box
    assert "变更行政处罚决定时必填。" in box.split('name="conclude-new_fine_amount"')[1].split("</div>")[0]
    assert done.status_code == 302
    page = client.get(reverse("litigation:case_detail", args=[case.pk])).content.decode()
    assert '<dd class="col-sm-8" data-testid="changed-penalty">罚款3000元</dd>' in page


def test_the_outcome_form_asks_for_a_penalty_only_where_the_act_is_a_penalty_case(cast):
    client = lf.logged_in(cast.reconsideration_officer)

    def conclude_step(case: LitigationCase) -> str:
        html = client.get(reverse("litigation:case_detail", args=[case.pk])).content.decode()
        return html.split('data-testid="step-conclude"')[1].split("</details>")[0]

    assert 'name="conclude-new_fine_amount"' in conclude_step(_lawsuit(cast))
    assert "conclude-new_" not in conclude_step(_lawsuit(cast, linked=False, number="（2026）测0101行初2号"))


def test_the_api_takes_the_changed_penalty_and_refuses_a_change_without_it(cast):
    case = _lawsuit(cast)
    client = APIClient()
    client.force_authenticate(cast.reconsideration_officer)
    url = f"/api/v1/litigation/cases/{case.pk}/conclusion/"
    body = {"outcome": "lost", "loss_kind": "changed", "concluded_on": "2026-06-29"}

    missing = client.post(url, body, format="json")
    done = client.post(url, {**body, "new_fine_amount": "3000"}, format="json")

    assert missing.status_code == 400
    assert missing.json()["error"]["code"] == "litigation.change_content_required"
    assert done.status_code == 200, done.json()
    assert (done.json()["changed_penalty_types"], done.json()["changed_fine_amount"]) == (["fine"], "3000.00")
