"""The 变更 of a penalty case through the decide form and the API (行政复议法 Art. 63).

Protects against the decide step having no place for the changed penalty: the form and the API now
take 变更后的处罚种类 / 罚款数额 / 没收金额, a 变更 without it answers 400 with the error on the field, and
the case page shows what was decided.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.tests.factories import build_world, decide, investigate, notify, open_case
from fazhi.reconsideration.models import ReconsiderationCase
from fazhi.reconsideration.tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("spring_2026")]
BASE = "/api/v1/reconsideration"


def _contested(cast) -> ReconsiderationCase:  # type: ignore[no-untyped-def]
    """A replied case against a penalty decision of 2026-02-09 fining 5000 元."""
    world = build_world(cast)
    penalty = open_case(
        world, violation_ended_on=date(2026, 1, 10), discovered_on=date(2026, 1, 12), filed_on=date(2026, 1, 13)
    )
    penalty = decide(world, notify(world, investigate(world, penalty, on=date(2026, 1, 14)),
                                   notified_on=date(2026, 1, 26)), decided_on=date(2026, 2, 9))  # fmt: skip
    return f.replied(cast, penalty_case=penalty)


def _form(case: ReconsiderationCase, **fields: str) -> dict[str, object]:
    data: dict[str, object] = {
        "decide-outcome": "changed", "decide-decided_on": "2026-04-20", "decide-summary": "变更罚款。",
        "decide-reasons": "处罚明显不当。", "decide-approval": "经负责人同意", "version": case.version,
    }  # fmt: skip
    data.update({f"decide-{name}": value for name, value in fields.items()})
    return data


def _page_client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_the_decide_form_refuses_a_change_without_the_fine_on_its_field(cast):
    case = _contested(cast)
    client = _page_client(cast.reconsideration_officer)

    response = client.post(reverse("reconsideration:case_step", args=[case.pk, "decide"]), _form(case))

    html = response.content.decode()
    assert response.status_code == 400
    assert 'data-code="reconsideration.change_content_required"' in html
    step = html.split('data-testid="step-decide"')[1].split("</details>")[0]
    fine_field = step.split('name="decide-new_fine_amount"')[1].split("</div>")[0]
    assert "变更行政处罚决定时必填。" in fine_field
    case.refresh_from_db()
    assert case.outcome == ""


def test_the_decide_form_records_the_changed_fine_and_the_page_shows_it(cast):
    case = _contested(cast)
    client = _page_client(cast.reconsideration_officer)

    response = client.post(
        reverse("reconsideration:case_step", args=[case.pk, "decide"]), _form(case, new_fine_amount="3000")
    )

    assert response.status_code == 302
    assert PenaltyCase.objects.get(pk=case.penalty_case_id).fine_amount == Decimal("3000")
    page = client.get(reverse("reconsideration:case_detail", args=[case.pk])).content.decode()
    assert '<dd class="col-sm-8" data-testid="changed-penalty">罚款3000元</dd>' in page


def test_the_decide_form_asks_for_a_penalty_only_where_the_act_is_a_penalty_case(cast):
    linked, unlinked = _contested(cast), f.replied(cast)
    client = _page_client(cast.reconsideration_officer)

    def decide_step(case: ReconsiderationCase) -> str:
        html = client.get(reverse("reconsideration:case_detail", args=[case.pk])).content.decode()
        return html.split('data-testid="step-decide"')[1].split("</details>")[0]

    assert 'name="decide-new_fine_amount"' in decide_step(linked)
    assert 'name="decide-new_penalty_types"' in decide_step(linked)
    assert "decide-new_" not in decide_step(unlinked)
    # no third party registered: the Art. 63(2) exception is not offered
    assert "decide-third_party_contrary_request" not in decide_step(linked)


def test_the_api_takes_the_changed_penalty_and_refuses_a_change_without_it(cast):
    case = _contested(cast)
    client = APIClient()
    client.force_authenticate(cast.reconsideration_officer)
    body = {
        "outcome": "changed", "decided_on": "2026-04-20", "summary": "变更罚款。", "reasons": "处罚明显不当。",
        "approval": "经负责人同意",
    }  # fmt: skip

    missing = client.post(f"{BASE}/cases/{case.pk}/decision/", body, format="json")
    heavier = client.post(f"{BASE}/cases/{case.pk}/decision/", {**body, "new_fine_amount": "9000"}, format="json")
    done = client.post(f"{BASE}/cases/{case.pk}/decision/", {**body, "new_fine_amount": "3000"}, format="json")

    assert missing.status_code == 400
    assert missing.json()["error"]["code"] == "reconsideration.change_content_required"
    assert missing.json()["error"]["fields"] == {"new_fine_amount": ["变更行政处罚决定时必填。"]}
    assert heavier.status_code == 400 and heavier.json()["error"]["code"] == "reconsideration.adverse_change"
    assert done.status_code == 200, done.json()
    assert (done.json()["changed_penalty_types"], done.json()["changed_fine_amount"]) == (["fine"], "3000.00")
    assert PenaltyCase.objects.get(pk=case.penalty_case_id).fine_amount == Decimal("3000")
