"""行政处罚公示 pages: no login, masked natural persons, search, paging, withdrawn decisions (Art. 48(2))."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.enforcement import public_views
from fazhi.enforcement.tests.document_cases import (
    PERSON_ADDRESS,
    PERSON_ID,
    PERSON_NAME,
    PERSON_PHONE,
    org_decided,
    person_case,
    publish,
    withdraw,
)

pytestmark = pytest.mark.usefixtures("media")

LIST = reverse("enforcement_public:list")
SECRETS = (PERSON_NAME, PERSON_ID, PERSON_PHONE, PERSON_ADDRESS, "幸福里")


def detail(publication) -> str:  # type: ignore[no-untyped-def]
    return reverse("enforcement_public:detail", kwargs={"publication_id": publication.pk})


@pytest.fixture
def published(world):  # type: ignore[no-untyped-def]
    case = person_case(world, close=False)
    return case, publish(world, case)


def test_list_and_detail_are_public_and_never_show_the_person(client, published) -> None:
    _, publication = published

    listing = client.get(LIST)
    page = client.get(detail(publication))

    assert listing.status_code == 200 and page.status_code == 200
    for html in (listing.content.decode(), page.content.decode()):
        for secret in SECRETS:
            assert secret not in html, secret
        assert "张**" in html and "北市监罚〔2026〕1号" in html
        assert "<script>" not in html  # CSP: only <script src=…>
    html = page.content.decode()
    assert "110105********002X" in html and "138****5678" in html and "罚款20000.00元" in html


def test_the_full_name_of_a_person_finds_nothing(client, published) -> None:
    by_masked = client.get(LIST, {"party": "张**"}).content.decode()
    by_full_name = client.get(LIST, {"party": PERSON_NAME}).content.decode()

    assert "北市监罚〔2026〕1号" in by_masked
    results = by_full_name.split('id="results"', 1)[1]
    assert 'data-testid="no-results"' in results, results[:1500]


def test_search_by_unit_organisation_and_decision_date(client, world, published) -> None:
    company = org_decided(world)
    publish(world, company, on=company.decided_on)

    by_org = client.get(LIST, {"party": "青禾示范"}).content.decode()
    by_unit = client.get(LIST, {"unit": "NORTH"}).content.decode()
    by_dates = client.get(LIST, {"decided_from": "2026-04-01", "decided_to": "2026-04-30"}).content.decode()

    assert "测市监罚〔2026〕1号" in by_org and "北市监罚〔2026〕1号" not in by_org
    assert "共 2 条" in by_unit
    assert "北市监罚〔2026〕1号" in by_dates and "测市监罚〔2026〕1号" not in by_dates  # decided 2026-03-30


def test_bad_search_input_is_400_with_the_reason(client, published) -> None:
    response = client.get(LIST, {"decided_from": "2026-05-01", "decided_to": "2026-04-01"})
    garbage = client.get(LIST, {"decided_from": "not-a-date"})

    assert response.status_code == 400 and "结束日期不能早于开始日期" in response.content.decode()
    assert garbage.status_code == 400 and 'data-testid="search-errors"' in garbage.content.decode()


def test_pages(client, world, published, monkeypatch) -> None:
    monkeypatch.setattr(public_views, "PAGE_SIZE", 1)
    company = org_decided(world)
    publish(world, company, on=company.decided_on)

    first = client.get(LIST).content.decode()
    second = client.get(LIST, {"page": 2}).content.decode()

    assert "第 1 / 2 页" in first and "北市监罚〔2026〕1号" in first  # newest publication first
    assert "测市监罚〔2026〕1号" in second and "北市监罚〔2026〕1号" not in second


def test_htmx_search_returns_the_results_partial(client, published) -> None:
    response = client.get(LIST, {"party": "张"}, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and "北市监罚〔2026〕1号" in html
    assert "HX-Request" in response["Vary"]


def test_withdrawn_decision_leaves_the_list_and_shows_only_the_notice(client, world, published) -> None:
    case, publication = published

    withdraw(world, case, publication)
    listing = client.get(LIST).content.decode()
    page = client.get(detail(publication))

    assert "北市监罚〔2026〕1号" not in listing
    html = page.content.decode()
    assert page.status_code == 410
    assert "已撤回" in html and "2026年5月7日" in html and "原决定被依法撤销" in html
    assert "原处罚决定已被行政复议机关撤销" in html and "138****5678" in html  # the explanation, masked
    for secret in (*SECRETS, "张**", "罚款", "销售超过保质期"):
        assert secret not in html, secret


def test_missing_publication_is_404(client, db) -> None:
    assert client.get(reverse("enforcement_public:detail", kwargs={"publication_id": 424242})).status_code == 404


def test_menu_shows_the_public_page_to_anonymous_users(client, db) -> None:
    html = client.get(LIST).content.decode()

    assert f'href="{LIST}" aria-current="page">行政处罚公示</a>' in html
