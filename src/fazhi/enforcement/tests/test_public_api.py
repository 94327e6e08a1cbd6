"""GET /api/v1/public/penalties/ and …/<id>/: no login, masked, paginated, throttled, one error shape, in OpenAPI."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from fazhi.enforcement.api.public_views import PublicPenaltyThrottle
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

LIST = reverse("api-v1:public-penalty-list")
FIELDS = {
    "id", "decision_number", "unit_code", "unit_name", "party", "party_code", "cause", "facts", "penalty",
    "legal_basis", "decided_on", "published_on",
}  # fmt: skip


def detail(publication_id: int) -> str:
    return reverse("api-v1:public-penalty-detail", kwargs={"publication_id": publication_id})


@pytest.fixture(autouse=True)
def fresh_throttle():  # type: ignore[no-untyped-def]
    cache.clear()  # the throttle counts in the cache, across tests otherwise
    yield
    cache.clear()


@pytest.fixture
def client() -> APIClient:
    return APIClient()


@pytest.fixture
def published(world):  # type: ignore[no-untyped-def]
    case = person_case(world, close=False)
    return case, publish(world, case)


def test_list_is_public_paginated_and_masked(client, published) -> None:
    response = client.get(LIST)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"} and body["count"] == 1
    row = body["results"][0]
    assert set(row) == FIELDS
    assert row["party"] == "张**" and row["party_code"] == "110105********002X"
    assert row["decision_number"] == "北市监罚〔2026〕1号" and row["decided_on"] == "2026-04-07"
    text = response.content.decode()
    for secret in (PERSON_NAME, PERSON_ID, PERSON_PHONE, PERSON_ADDRESS):
        assert secret not in text


def test_detail_and_filters(client, world, published) -> None:
    _, publication = published
    company = org_decided(world)
    publish(world, company, on=company.decided_on)

    one = client.get(detail(publication.pk))
    by_party = client.get(LIST, {"party": "青禾"}).json()
    by_dates = client.get(LIST, {"decided_from": "2026-04-01"}).json()
    paged = client.get(LIST, {"page_size": 1, "page": 2}).json()

    assert one.status_code == 200 and one.json()["party"] == "张**" and PERSON_NAME not in one.content.decode()
    assert [r["decision_number"] for r in by_party["results"]] == ["测市监罚〔2026〕1号"]
    assert [r["decision_number"] for r in by_dates["results"]] == ["北市监罚〔2026〕1号"]
    assert paged["count"] == 2 and len(paged["results"]) == 1 and paged["previous"]


def test_withdrawn_detail_is_410_with_the_notice_only(client, world, published) -> None:
    case, publication = published

    withdraw(world, case, publication)
    response = client.get(detail(publication.pk))

    assert response.status_code == 410
    error = response.json()["error"]
    assert error["code"] == "publication.withdrawn"
    assert "已于2026年5月7日撤回" in error["message"] and "撤销" in error["message"]
    assert PERSON_NAME not in response.content.decode() and "张**" not in response.content.decode()
    assert client.get(LIST).json()["count"] == 0


def test_error_shapes(client, db) -> None:
    missing = client.get(detail(424242))
    bad_date = client.get(LIST, {"decided_from": "2026-13-01"})
    reversed_range = client.get(LIST, {"decided_from": "2026-05-01", "decided_to": "2026-04-01"})

    assert missing.status_code == 404 and missing.json() == {
        "error": {"code": "publication.not_found", "message": "公示信息不存在。", "fields": {}}
    }
    assert bad_date.status_code == 400 and bad_date.json()["error"]["code"] == "invalid"
    assert "decided_from" in bad_date.json()["error"]["fields"]
    assert reversed_range.status_code == 400 and "decided_to" in reversed_range.json()["error"]["fields"]


@pytest.mark.parametrize("page", ["abc", "999999"])
def test_a_page_that_does_not_exist_is_named_as_a_page_not_a_record(client, published, page) -> None:
    response = client.get(LIST, {"page": page})

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "bad_page" and "页码" in response.json()["error"]["message"]


def test_throttled_callers_get_429_in_the_error_shape(client, db, monkeypatch) -> None:
    monkeypatch.setattr(PublicPenaltyThrottle, "get_rate", lambda self: "2/minute")

    statuses = [client.get(LIST).status_code for _ in range(3)]
    last = client.get(LIST)

    assert statuses == [200, 200, 429]
    assert last.status_code == 429 and last.json()["error"]["code"] == "throttled"


def test_session_of_a_logged_in_officer_is_ignored(client, world, published) -> None:
    client.force_login(world.cast.inspector_north)  # public data: same answer for everyone

    row = client.get(LIST).json()["results"][0]

    assert row["party"] == "张**"


def test_in_the_openapi_schema_without_auth() -> None:
    schema = SchemaGenerator().get_schema(request=None, public=True)

    operation = schema["paths"]["/api/v1/public/penalties/"]["get"]
    assert operation.get("security", []) in ([], [{}])  # no authentication required
    assert {p["name"] for p in operation["parameters"]} >= {"unit", "party", "decided_from", "decided_to", "page"}
    assert "410" in schema["paths"]["/api/v1/public/penalties/{publication_id}/"]["get"]["responses"]
    assert "/api/v1/enforcement/cases/{case_id}/documents/{kind}/" in schema["paths"]
