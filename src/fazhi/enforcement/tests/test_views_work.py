"""我的案件与检查, the case list, the 法制审核 list, the inspection form and 立案 as HTML pages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from fazhi.core.calendars.selectors import working_calendar
from fazhi.enforcement.models import Inspection, PenaltyCase
from fazhi.enforcement.tests.factories import USCC, investigate, notify, open_case, record_inspection
from fazhi.enforcement.views._common import urgency_for

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


PAGES = ["enforcement:my_work", "enforcement:case_list", "enforcement:review_list", "enforcement:inspection_create",
         "enforcement:case_open"]  # fmt: skip


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_login(name: str) -> None:
    response = Client().get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize("name", PAGES)
def test_officer_gets_every_page(world, name: str) -> None:
    assert client_for(world.cast.inspector_north).get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", ["enforcement:inspection_create", "enforcement:case_open"])
def test_forms_need_a_unit_to_act_for(world, name: str) -> None:
    # The page exists; these users have no unit to record for: 403 with the reason, not "not found".
    for user in (world.cast.outsider, world.cast.supervisor, world.cast.reviewer_north):
        response = client_for(user).get(reverse(name))
        assert response.status_code == 403
        assert "您没有可以登记执法记录的单位。" in response.content.decode()


@pytest.mark.parametrize("name", ["enforcement:my_work", "enforcement:case_list"])
def test_record_tabs_are_offered_only_to_users_who_can_record(world, name: str) -> None:
    record_links = (f'href="{reverse("enforcement:inspection_create")}"', f'href="{reverse("enforcement:case_open")}"')
    officer = client_for(world.cast.inspector_north).get(reverse(name)).content.decode()
    assert all(link in officer for link in record_links)
    admin = client_for(world.cast.unit_admin_north).get(reverse(name)).content.decode()
    assert all(link in admin for link in record_links)
    # a 法制审核 reviewer reads the case list but records nothing: no link to a page that refuses them
    reviewer = client_for(world.cast.reviewer_north).get(reverse(name))
    assert reviewer.status_code == 200
    assert not any(link in reviewer.content.decode() for link in record_links)


def test_my_work_lists_my_open_cases_with_urgency_and_legend(world) -> None:
    case = open_case(world)
    record_inspection(world)
    with time_machine.travel(date(2026, 5, 29), tick=False):  # decision due 2026-06-01 (90 days from 03-03)
        html = client_for(world.cast.inspector_north).get(reverse("enforcement:my_work")).content.decode()
    assert f'href="/enforcement/cases/{case.pk}/"' in html
    assert 'data-urgency="urgent"' in html and 'data-testid="urgency-legend"' in html
    assert '<div class="small text-body-secondary" data-testid="due-what">行政处罚决定期限（市场监管）</div>' in html
    assert "青禾示范商贸有限公司（2026年3月2日）" in html
    # a colleague's cases are not "mine"
    south = client_for(world.cast.inspector_south).get(reverse("enforcement:my_work")).content.decode()
    assert f'href="/enforcement/cases/{case.pk}/"' not in south


def test_my_work_filter_by_kind_is_a_partial_for_htmx(world) -> None:
    open_case(world)
    record_inspection(world)
    response = client_for(world.cast.inspector_north).get(
        reverse("enforcement:my_work"), {"kind": "inspection"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<html" not in html and "青禾示范商贸有限公司（2026年3月2日）" in html and "销售过期食品" not in html


def test_urgency_counts_working_days() -> None:
    calendar = working_calendar()
    friday = date(2026, 9, 25)  # National Day holidays follow: 10-01 … 10-08
    assert urgency_for(due=friday - timedelta(days=1), today=friday, calendar=calendar).code == "overdue"
    assert urgency_for(due=date(2026, 9, 30), today=friday, calendar=calendar).code == "urgent"
    assert urgency_for(due=date(2026, 10, 9), today=friday, calendar=calendar).code in {"urgent", "normal"}
    assert urgency_for(due=date(2026, 11, 30), today=friday, calendar=calendar).code == "normal"
    assert urgency_for(due=None, today=friday, calendar=calendar).code == "none"


def test_case_list_is_scoped_and_filterable(world) -> None:
    case = open_case(world)
    html = client_for(world.cast.unit_admin_north).get(reverse("enforcement:case_list"), {"status": "filed"}).content
    assert case.number in html.decode()
    assert (
        case.number not in client_for(world.cast.inspector_south).get(reverse("enforcement:case_list")).content.decode()
    )
    empty = client_for(world.cast.unit_admin_north).get(reverse("enforcement:case_list"), {"status": "closed"})
    assert case.number not in empty.content.decode()


def test_review_list_shows_cases_waiting_for_review(world) -> None:
    from fazhi.enforcement import services

    case = notify(world, investigate(world, open_case(world, major_public_interest=True)))
    services.case_legal_review_submit(actor=world.cast.inspector_north, case=case, on=date(2026, 3, 20))
    html = client_for(world.reviewer).get(reverse("enforcement:review_list")).content.decode()
    assert case.number in html and "#action-record_legal_review" in html
    # The reviewer's start page counts it and links to the list.
    home = client_for(world.reviewer).get(reverse("web:legal_reviewer_home")).content.decode()
    assert '<div class="fazhi-stat-value" data-testid="awaiting-review"><a href="/enforcement/review/">1件</a>' in home
    assert (
        case.number
        not in client_for(world.cast.inspector_south).get(reverse("enforcement:review_list")).content.decode()
    )


def test_inspection_form_shows_each_officers_certificate_validity(world) -> None:
    html = (
        client_for(world.cast.inspector_north)
        .get(reverse("enforcement:inspection_create"), {"occurred_on": "2026-03-02"})
        .content.decode()
    )
    assert html.count("执法证有效") >= 3 and "未持有行政执法证" in html
    picker = (
        client_for(world.cast.inspector_north)
        .get(reverse("enforcement:officer_picker"), {"on": "2026-03-02", "unit_code": "NORTH"}, HTTP_HX_REQUEST="true")
        .content.decode()
    )
    assert "<html" not in picker and "不可执法" in picker


def test_inspection_form_records_through_the_service(world) -> None:
    client = client_for(world.cast.inspector_north)
    payload = {
        "unit_code": "NORTH", "party_kind": "organisation", "party_name": "甲公司", "party_code": USCC,
        "occurred_on": "2026-03-02", "officer_ids": [world.officer_a.pk, world.officer_b.pk],
        "outcome": "compliant", "origin": "complaint", "findings": "未发现问题",
    }  # fmt: skip
    response = client.post(reverse("enforcement:inspection_create"), payload)
    assert response.status_code == 302
    inspection = Inspection.objects.get()
    assert inspection.recorded_by == world.cast.inspector_north and inspection.officers.count() == 2
    detail = client.get(response["Location"]).content.decode()
    assert "甲公司" in detail and "据此立案" in detail
    assert client_for(world.cast.inspector_south).get(response["Location"]).status_code == 404


def test_uncertified_officer_is_refused_in_place(world) -> None:
    payload = {
        "unit_code": "NORTH", "party_kind": "organisation", "party_name": "甲公司", "party_code": USCC,
        "occurred_on": "2026-03-02", "officer_ids": [world.officer_a.pk, world.uncertified.pk],
        "outcome": "compliant", "origin": "complaint",
    }  # fmt: skip
    response = client_for(world.cast.inspector_north).post(reverse("enforcement:inspection_create"), payload)
    assert response.status_code == 400
    assert "第四十二条" in response.content.decode() and not Inspection.objects.exists()


def test_case_open_form_from_an_inspection(world) -> None:
    inspection = record_inspection(world, outcome="case_opened")
    client = client_for(world.cast.inspector_north)
    form = client.get(reverse("enforcement:case_open"), {"inspection": inspection.pk}).content.decode()
    assert "青禾示范商贸有限公司" in form
    payload = {
        "unit_code": "NORTH", "inspection_id": inspection.pk, "party_kind": "organisation",
        "party_name": "青禾示范商贸有限公司", "party_code": USCC, "party_address": "示范路1号", "cause": "销售过期食品",
        "case_source": "inspection", "violation_ended_on": "2026-02-20", "discovered_on": "2026-03-02",
        "filed_on": "2026-03-03",
        "officer_ids": [world.officer_a.pk, world.officer_b.pk], "harm": "significant", "first_violation": "on",
    }  # fmt: skip
    response = client.post(reverse("enforcement:case_open"), payload)
    assert response.status_code == 302, response.content.decode()[:2000]
    case = PenaltyCase.objects.get()
    assert case.inspection == inspection and case.first_violation and case.status == "filed"


def test_case_open_refuses_a_time_barred_case_in_place(world) -> None:
    payload = {
        "unit_code": "NORTH", "party_kind": "organisation", "party_name": "甲公司", "party_code": USCC,
        "cause": "销售过期食品", "case_source": "other", "violation_ended_on": "2020-01-01",
        "discovered_on": "2026-03-02",
        "filed_on": "2026-03-03", "officer_ids": [world.officer_a.pk, world.officer_b.pk], "harm": "significant",
    }  # fmt: skip
    response = client_for(world.cast.inspector_north).post(reverse("enforcement:case_open"), payload)
    assert response.status_code == 400 and "第三十六条" in response.content.decode()
    assert 'data-testid="form-error">请检查填写的内容。' not in response.content.decode()  # the service's refusal
    assert not PenaltyCase.objects.exists()
