"""Acts cannot be dated after today, nor before the step they follow (NOT_FUTURE, DATE_ORDER).

Protects against the QA findings: a 告知 dated 2030-01-01, an extension approved on 1900-01-01
(before the case was filed), evidence obtained on 2099-01-01 and a 法制审核 dated 2099-01-01 were
all accepted. Each refusal must be a clear Chinese 400 with a code, and write nothing.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from fazhi.core.errors import DomainError
from fazhi.enforcement import services
from fazhi.enforcement.models import Evidence, Inspection, PenaltyCase, Publication
from fazhi.enforcement.rules.common import DATE_ORDER, NOT_FUTURE, require_act_dated
from fazhi.enforcement.tests.assertions import Unchanged
from fazhi.enforcement.tests.factories import USCC, decided_case, investigate, notify, open_case, record_inspection

pytestmark = pytest.mark.django_db

TODAY = date(2026, 4, 20)  # after the factories' dates (filed 03-03, notified 03-16, decided 03-30)
TOMORROW = TODAY + timedelta(days=1)


@pytest.fixture(autouse=True)
def _today():  # type: ignore[no-untyped-def]
    with time_machine.travel(f"{TODAY.isoformat()} 10:00:00+08:00", tick=False):
        yield


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def action_url(case: PenaltyCase, action: str) -> str:
    return reverse("enforcement:case_action", kwargs={"case_id": case.pk, "action": action})


# --- the pure rule --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("_case", "day", "earliest", "code"),
    [
        ("today", TODAY, date(2026, 3, 3), None),
        ("the day of the earlier step", date(2026, 3, 3), date(2026, 3, 3), None),
        ("no earlier step", date(1999, 1, 1), None, None),
        ("tomorrow", TOMORROW, None, "penalty.future_date"),
        ("far future", date(2099, 1, 1), date(2026, 3, 3), "penalty.future_date"),
        ("before the earlier step", date(1900, 1, 1), date(2026, 3, 3), "penalty.date_out_of_order"),
    ],
)
def test_require_act_dated(_case: str, day: date, earliest: date | None, code: str | None) -> None:
    if code is None:
        require_act_dated(day=day, today=TODAY, field="on", label="日期", earliest=earliest)
        return
    with pytest.raises(DomainError) as error:
        require_act_dated(day=day, today=TODAY, field="on", label="告知日期", earliest=earliest, article="第四十四条")
    assert error.value.code == code and error.value.status_code == 400
    assert error.value.message.startswith(f"告知日期（{day.year}年{day.month}月{day.day}日）")
    assert (NOT_FUTURE if code.endswith("future_date") else DATE_ORDER) in error.value.message
    assert "第四十四条" in error.value.message and set(error.value.fields) == {"on"}


# --- the services -----------------------------------------------------------------------------------


def test_a_notice_dated_in_the_future_is_refused(world) -> None:
    case = investigate(world, open_case(world))
    unchanged = Unchanged(case)
    with pytest.raises(DomainError) as error:
        notify(world, case, notified_on=date(2030, 1, 1))
    assert error.value.code == "penalty.future_date" and "告知日期" in error.value.message
    unchanged.check()
    assert notify(world, case, notified_on=TODAY).notified_on == TODAY  # today itself is fine


@pytest.mark.parametrize(
    ("approved_on", "code"), [(date(1900, 1, 1), "penalty.date_out_of_order"), (TOMORROW, "penalty.future_date")]
)
def test_an_extension_approved_before_filing_or_after_today_is_refused(world, approved_on: date, code: str) -> None:
    case = open_case(world)
    unchanged = Unchanged(case)
    with pytest.raises(DomainError) as error:
        services.case_decision_deadline_extend(
            actor=world.cast.inspector_north,
            case=case,
            days=30,
            approved_on=approved_on,
            reason="案情复杂，经负责人批准",
        )
    assert error.value.code == code and "批准日期" in error.value.message
    unchanged.check()


def test_a_legal_review_dated_in_the_future_is_refused(world) -> None:
    case = notify(world, investigate(world, open_case(world, major_public_interest=True)))
    case = services.case_legal_review_submit(actor=world.cast.inspector_north, case=case, on=date(2026, 3, 20))
    unchanged = Unchanged(case)
    with pytest.raises(DomainError) as error:
        services.case_legal_review_record(
            actor=world.reviewer, case=case, reviewed_on=date(2099, 1, 1), passed=True, opinion="同意"
        )
    assert error.value.code == "penalty.future_date" and "审核日期" in error.value.message
    unchanged.check()


def test_a_collective_discussion_before_the_notice_is_refused(world) -> None:
    case = notify(world, investigate(world, open_case(world)))
    unchanged = Unchanged(case)
    with pytest.raises(DomainError) as error:
        services.case_collective_discussion_record(
            actor=world.cast.inspector_north, case=case, discussed_on=date(2026, 3, 10), summary="同意"
        )
    assert error.value.code == "penalty.date_out_of_order"
    unchanged.check()


def test_evidence_obtained_in_the_future_is_refused_and_nothing_is_stored(world, media) -> None:
    case = open_case(world)
    with pytest.raises(DomainError) as error:
        services.evidence_add(
            actor=world.cast.inspector_north, case=case, stream=io.BytesIO(b"%PDF-1.7 x"), original_name="a.pdf",
            content_type="application/pdf", evidence_type="record", stage="investigation", title="笔录",
            collected_on=date(2099, 1, 1),
        )  # fmt: skip
    assert error.value.code == "penalty.future_date" and "取得日期" in error.value.message
    assert not Evidence.objects.exists() and not [p for p in media.rglob("*") if p.is_file()]


def test_any_case_act_dated_in_the_future_is_refused(world) -> None:
    # A step without its own date check (送达) is still caught before the case is written.
    case = decided_case(world)
    unchanged = Unchanged(case)
    with pytest.raises(DomainError) as error:
        services.case_serve(actor=world.cast.inspector_north, case=case, served_on=TOMORROW, method="直接送达")
    assert error.value.code == "penalty.future_date"
    unchanged.check()


# --- the page and the API get the same refusal ------------------------------------------------------


def test_the_page_answers_400_in_chinese_for_a_future_notice(world) -> None:
    case = investigate(world, open_case(world))
    unchanged = Unchanged(case)
    payload = {
        "version": case.version, "notified_on": "2030-01-01", "facts": "事实", "grounds": "理由", "legal_basis": "依据",
        "penalty_types": ["fine"], "fine": "5000", "confiscation_value": "0", "rights_statement_defence": "on",
    }  # fmt: skip
    response = client_for(world.cast.inspector_north).post(action_url(case, "notify"), payload, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "告知日期（2030年1月1日）不能晚于今天" in response.content.decode()
    unchanged.check()


def test_the_api_answers_400_for_an_extension_dated_1900(world) -> None:
    case = open_case(world)
    unchanged = Unchanged(case)
    response = client_for(world.cast.inspector_north).post(
        f"/api/v1/enforcement/cases/{case.pk}/extend-deadline/",
        {"version": case.version, "days": 30, "approved_on": "1900-01-01", "reason": "经负责人批准"},
        content_type="application/json",
    )
    assert response.status_code == 400, response.content
    body = response.json()["error"]
    assert body["code"] == "penalty.date_out_of_order" and "批准日期" in body["message"]
    unchanged.check()


def test_a_publication_dated_in_the_future_is_refused(world) -> None:
    # 公示 writes its own timeline entry (not through commit), so it checks its date itself.
    case = decided_case(world)
    with pytest.raises(DomainError) as error:
        services.publication_publish(actor=world.cast.inspector_north, case=case, published_on=TOMORROW)
    assert error.value.code == "publication.future_date" and "公示日期" in error.value.message
    assert not Publication.objects.filter(case=case).exists()
    publication = services.publication_publish(actor=world.cast.inspector_north, case=case, published_on=TODAY)
    with pytest.raises(DomainError) as error:
        services.publication_withdraw(
            actor=world.cast.inspector_north, publication=publication, withdrawn_on=TOMORROW, reason="决定被撤销"
        )
    assert error.value.code == "publication.future_date"
    publication.refresh_from_db()
    assert publication.status == "published"


def test_a_case_filed_in_the_future_is_refused_naming_the_filing_date(world) -> None:
    # 立案 goes through the same check as every later act (it had its own copy with a bare message).
    before = PenaltyCase.objects.count()
    with pytest.raises(DomainError) as error:
        open_case(world, discovered_on=TODAY, filed_on=TOMORROW)
    assert error.value.code == "penalty.future_date" and "立案日期" in error.value.message
    assert PenaltyCase.objects.count() == before


# --- 行政检查: the same check as the case acts (services._common.require_act_date) -----------------------


def test_an_inspection_dated_in_the_future_is_refused_naming_its_date(world) -> None:
    # The inspection had its own copy of the check, with a bare message ("检查日期不能晚于今天") and
    # a field error that did not say why ("日期错误。").
    with pytest.raises(DomainError) as error:
        record_inspection(world, occurred_on=TOMORROW)
    assert error.value.code == "inspection.future_date" and error.value.status_code == 400
    assert error.value.message.startswith("检查日期（2026年4月21日）不能晚于今天（2026年4月20日）")
    assert NOT_FUTURE in error.value.message and error.value.fields == {"occurred_on": ["日期不能晚于今天。"]}
    assert not Inspection.objects.exists()
    assert record_inspection(world, occurred_on=TODAY).occurred_on == TODAY  # today itself is fine


def test_the_inspection_api_and_bulk_import_give_the_same_refusal(world) -> None:
    row = {
        "unit_code": world.cast.north.code, "party_kind": "organisation", "party_name": "青禾示范商贸有限公司",
        "party_code": USCC, "occurred_on": TOMORROW, "officer_ids": [world.officer_a.pk, world.officer_b.pk],
        "outcome": "compliant", "origin": "random",
    }  # fmt: skip
    body = {**row, "occurred_on": TOMORROW.isoformat()}
    response = client_for(world.cast.inspector_north).post(
        "/api/v1/enforcement/inspections/", body, content_type="application/json"
    )
    result = services.inspection_bulk_import(actor=world.cast.inspector_north, rows=[services.InspectionRow(**row)])

    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "inspection.future_date" and error["fields"] == {"occurred_on": ["日期不能晚于今天。"]}
    assert [(e.code, e.message) for e in result.errors] == [("inspection.future_date", error["message"])]
    assert not Inspection.objects.exists()
