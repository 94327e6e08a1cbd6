"""The legal library API: login required, search, detail, citation resolution, the one error shape."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from fazhi.legal.tests.conftest import LAW_2020, LAW_2023, LAW_TITLE, RULE_TXT

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(import_fixture):
    return {
        "old": import_fixture(LAW_2020).version,
        "new": import_fixture(LAW_2023).version,
        "rule": import_fixture(RULE_TXT).version,
    }


@pytest.fixture
def client(reader) -> APIClient:
    # Law is public reference data: any logged-in user may read it, even one without a role.
    api = APIClient()
    api.force_authenticate(reader)
    return api


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/legal/sources/",
        "/api/v1/legal/sources/1/",
        "/api/v1/legal/articles/?q=示范",
        "/api/v1/legal/articles/resolve/?citation=《示范执法法》第一条",
    ],
)
def test_login_required(url: str) -> None:
    response = APIClient().get(url)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_source_list_and_search(client, library) -> None:
    body = client.get("/api/v1/legal/sources/").json()
    assert body["count"] == 2
    assert [s["title"] for s in body["results"]] == [LAW_TITLE, "示范档案管理办法"]
    assert body["results"][0]["level_label"] == "法律"

    body = client.get("/api/v1/legal/sources/", {"q": "档案"}).json()
    assert [s["short_title"] for s in body["results"]] == ["示范档案管理办法"]
    body = client.get("/api/v1/legal/sources/", {"level": "law", "limit": 1}).json()
    assert (body["count"], len(body["results"])) == (1, 1)


def test_source_list_rejects_unknown_level(client, library) -> None:
    response = client.get("/api/v1/legal/sources/", {"level": "bylaw"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert "level" in response.json()["error"]["fields"]


def test_source_detail_with_versions(client, library) -> None:
    source_id = library["new"].source_id
    body = client.get(f"/api/v1/legal/sources/{source_id}/").json()

    assert body["title"] == LAW_TITLE
    assert body["current_version_id"] == library["new"].pk
    assert [(v["label"], v["status_label"], v["effective_to"]) for v in body["versions"]] == [
        ("2023年1月10日修订", "现行有效", None),
        ("2020年3月1日通过", "已被修改", "2023-02-28"),
    ]


def test_missing_source_is_404_in_the_error_shape(client) -> None:
    response = client.get("/api/v1/legal/sources/999999/")
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "legal_source_not_found", "message": "法规不存在。", "fields": {}}}


def test_article_search(client, library) -> None:
    body = client.get("/api/v1/legal/articles/", {"q": "罚款"}).json()
    assert [(a["citation"], a["version_status_label"]) for a in body["results"]] == [
        (f"《{LAW_TITLE}》第五条", "现行有效")
    ]

    body = client.get("/api/v1/legal/articles/", {"q": "罚款", "all_versions": "true"}).json()
    assert body["count"] == 3  # 第五条 in both versions, and 第六条第二款 of 2020

    body = client.get("/api/v1/legal/articles/", {"q": "罚款", "on": "2021-01-01"}).json()
    assert [a["number_zh"] for a in body["results"]] == ["第五条", "第六条"]

    body = client.get("/api/v1/legal/articles/", {"source": library["rule"].source_id}).json()
    assert [a["number_zh"] for a in body["results"]] == ["第一条", "第二条", "第三条"]


def test_article_search_needs_a_query_or_a_source(client, library) -> None:
    response = client.get("/api/v1/legal/articles/")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"q": ["请提供检索词，或指定法规。"]}


def test_resolve_citation(client, library) -> None:
    body = client.get("/api/v1/legal/articles/resolve/", {"citation": "《示范执法法》第二条第二款"}).json()

    assert body["citation"] == f"《{LAW_TITLE}》第二条第二款"
    assert body["paragraph"] == 2
    assert body["paragraph_text"] == "示范执法应当遵循公开、公正、高效的原则。"
    assert body["article"]["number_zh"] == "第二条"
    assert body["article"]["paragraph_count"] == 2
    assert body["version"]["label"] == "2023年1月10日修订"


def test_resolve_on_a_date_and_sub_article(client, library) -> None:
    body = client.get(
        "/api/v1/legal/articles/resolve/", {"citation": "《中华人民共和国示范执法法》第四条之一", "on": "2022-12-31"}
    ).json()
    assert body["citation"] == f"《{LAW_TITLE}》第四条之一"
    assert body["version"]["id"] == library["old"].pk
    assert body["paragraph"] is None


def test_resolve_not_found_is_404_in_the_error_shape(client, library) -> None:
    response = client.get("/api/v1/legal/articles/resolve/", {"citation": "《示范执法法》第九十九条"})

    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "legal_article_not_found"
    assert error["message"] == f"《{LAW_TITLE}》第九十九条不存在（2023年1月10日修订版本）。"
    assert error["fields"] == {"citation": [error["message"]]}


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "invalid"),
        ({"citation": "第五条"}, "legal_citation_invalid"),
        ({"citation": "《示范执法法》第一条", "on": "x"}, "invalid"),
    ],
)
def test_resolve_bad_input_is_400(client, library, params: dict, code: str) -> None:
    response = client.get("/api/v1/legal/articles/resolve/", params)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code


def test_schema_documents_the_endpoints(client) -> None:
    response = client.get("/api/v1/schema/", {"format": "json"})
    paths = response.json()["paths"]
    assert {"/api/v1/legal/sources/", "/api/v1/legal/articles/resolve/"} <= set(paths)
