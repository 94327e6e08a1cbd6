"""当场处罚 (简易程序, 行政处罚法 Art. 51, 52) as a page: the service of the API, its refusals in the form.

Protects against the QA finding that officers' commonest task existed only through the API.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.enforcement.choices import CaseProcedure, CaseStatus
from fazhi.enforcement.models import CaseEvent, PenaltyCase
from fazhi.enforcement.tests.assertions import assert_one_audit
from fazhi.enforcement.tests.factories import CITIZEN_ID, USCC
from fazhi.enforcement.tests.pages import client_for
from fazhi.enforcement.views.cases import DEFAULT_REMEDIES

pytestmark = pytest.mark.django_db

URL = reverse("enforcement:case_on_the_spot")
API = "/api/v1/enforcement/cases/on-the-spot/"


def payload(world, **overrides: Any) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    values: dict[str, Any] = {
        "unit_code": "NORTH", "party_kind": "person", "party_name": "张三", "party_code": CITIZEN_ID,
        "party_address": "", "decided_on": "2026-03-02", "place": "示范路口", "cause": "占道经营",
        "facts": "当事人在示范路口占道经营。", "penalty_types": ["fine"], "fine_amount": "200",
        "legal_basis": "《城市市容和环境卫生管理条例》第三十六条",
        "officer_ids": [world.officer_a.pk, world.officer_b.pk], "rights_notified": "on", "decision_number": "",
        "remedies": DEFAULT_REMEDIES,
    }  # fmt: skip
    values.update(overrides)
    return values


def nothing_written(before: int) -> bool:
    return not PenaltyCase.objects.exists() and AuditEvent.objects.count() == before and not CaseEvent.objects.exists()


def test_the_page_is_offered_next_to_the_case_opening_on_the_landing_page_and_the_case_list(world) -> None:
    link = f'href="{URL}"'
    for name in ("enforcement:my_work", "enforcement:case_list"):
        html = client_for(world.cast.inspector_north).get(reverse(name)).content.decode()
        opening = html.index(f'href="{reverse("enforcement:case_open")}"')
        assert link in html and html.index(link) > opening  # next to 立案, after it
        # a 法制审核 reviewer records nothing: no link to a page that would refuse them
        assert link not in client_for(world.cast.reviewer_north).get(reverse(name)).content.decode()
    page = client_for(world.cast.inspector_north).get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="on-the-spot-form"' in html
    assert "对公民处以200元以下、对法人或者其他组织处以3000元以下罚款或者警告" in html
    assert "执法证有效" in html  # each officer's certificate on the day, as on 立案
    assert DEFAULT_REMEDIES in html  # prefilled, as on the decide form


def test_a_decision_through_the_page_is_the_services_and_opens_its_decision_document(world) -> None:
    client = client_for(world.cast.inspector_north)
    response = client.post(URL, payload(world))
    assert response.status_code == 302, response.content.decode()[:2000]
    case = PenaltyCase.objects.get()
    assert response["Location"] == reverse("enforcement:case_detail", kwargs={"case_id": case.pk})
    assert (case.procedure, case.status, case.fine_amount) == (CaseProcedure.SIMPLIFIED, CaseStatus.SERVED, 200)
    assert case.place == "示范路口" and case.created_by == world.cast.inspector_north
    assert set(case.officers.all()) == {world.officer_a, world.officer_b}
    assert_one_audit(AuditEventType.PENALTY_CASE_DECIDED_ON_THE_SPOT, case, world.cast.inspector_north)
    assert list(case.events.values_list("type", flat=True)) == ["decided_on_the_spot"]
    # the case page says what to do next and links the 当场行政处罚决定书 to print and hand over (Art. 52)
    html = client.get(response["Location"]).content.decode()
    assert f"已作出当场处罚决定：{case.number}。请打印当场行政处罚决定书，当场交付当事人。" in html
    docx = reverse("enforcement_documents:case_document_docx", kwargs={"case_id": case.pk, "kind": "decision"})
    assert docx in html
    assert client.get(docx).status_code == 200


@pytest.mark.parametrize(
    ("kind", "code", "fine", "allowed"),
    [("person", CITIZEN_ID, "200", True), ("person", CITIZEN_ID, "200.01", False),
     ("organisation", USCC, "3000", True), ("organisation", USCC, "3000.01", False)],
)  # fmt: skip
def test_art51_ceilings(world, kind: str, code: str, fine: str, allowed: bool) -> None:
    before = AuditEvent.objects.count()
    response = client_for(world.cast.inspector_north).post(
        URL, payload(world, party_kind=kind, party_code=code, fine_amount=fine)
    )
    if allowed:
        assert response.status_code == 302 and PenaltyCase.objects.get().fine_amount == Decimal(fine)
        return
    assert response.status_code == 400
    html = response.content.decode()
    who = "公民" if kind == "person" else "法人或者其他组织"
    assert f"对{who}当场处以罚款不得超过" in html and "应当适用普通程序" in html and "第五十一条" in html
    assert 'data-testid="form-error"' in html and 'value="占道经营"' in html  # kept what was typed
    assert nothing_written(before)


def test_a_warning_alone_needs_no_fine(world) -> None:
    response = client_for(world.cast.inspector_north).post(
        URL, payload(world, penalty_types=["warning"], fine_amount="")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    case = PenaltyCase.objects.get()
    assert case.penalty_types == ["warning"] and case.fine_amount == 0 and case.payment_due is None


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [({"officer_ids": "one"}, "第四十二条"),  # officer_ids: a key of `officers` below (the world's officers)
     ({"officer_ids": "uncertified"}, "第四十二条"),
     ({"rights_notified": ""}, "第六十二条"),
     ({"penalty_types": ["confiscate_gains"]}, "当场处罚只能给予警告或者罚款（《中华人民共和国行政处罚法》第五十一条"),
     ({"decided_on": "2099-01-01"}, "不能晚于今天")],
)  # fmt: skip
def test_refusals_are_shown_in_the_form_with_400_and_nothing_is_written(world, overrides, expected: str) -> None:
    officers = {
        "one": [world.officer_a.pk],
        "uncertified": [world.officer_a.pk, world.uncertified.pk],  # two, but one holds no certificate
    }
    if "officer_ids" in overrides:
        overrides = {"officer_ids": officers[overrides["officer_ids"]]}
    before = AuditEvent.objects.count()
    response = client_for(world.cast.inspector_north).post(URL, payload(world, **overrides))
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert nothing_written(before)


def test_the_page_and_the_api_refuse_alike(world) -> None:
    # the same input over both interfaces: the same service, so the same message
    data = payload(world, fine_amount="500.00")
    page = client_for(world.cast.inspector_north).post(URL, data)
    api_data = {**data, "rights_notified": True}
    api = client_for(world.cast.inspector_north).post(API, api_data, content_type="application/json")
    assert (page.status_code, api.status_code) == (400, 400)
    message = api.json()["error"]["message"]
    assert "第五十一条" in message and message in page.content.decode()


@pytest.mark.parametrize("who", ["reviewer_north", "supervisor", "outsider", "system_admin"])
def test_users_who_record_for_no_unit_get_403_and_write_nothing(world, who: str) -> None:
    client = client_for(getattr(world.cast, who))
    before = AuditEvent.objects.count()
    assert client.get(URL).status_code == 403
    response = client.post(URL, payload(world))
    assert response.status_code == 403 and "您没有可以登记执法记录的单位。" in response.content.decode()
    assert nothing_written(before)


def test_anonymous_is_sent_to_login() -> None:
    response = Client().get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_another_units_officer_cannot_decide_for_this_unit(world) -> None:
    before = AuditEvent.objects.count()
    response = client_for(world.cast.inspector_south).post(URL, payload(world))
    assert response.status_code in {400, 404}
    assert nothing_written(before)
