"""API lists cut an over-large limit and refuse an offset beyond any list (no database overflow)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from fazhi.core.api.pagination import MAX_LIMIT, MAX_OFFSET

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    client.force_login(get_user_model().objects.create_user(username="pager", password="pw-123456789"))
    return client


def test_a_huge_limit_is_cut_to_the_maximum_page(api):
    response = api.get("/api/v1/legal/sources/", {"limit": 10**20})

    assert response.status_code == 200
    assert len(response.json()["results"]) <= MAX_LIMIT
    assert f"limit={MAX_LIMIT}" in (response.json()["next"] or f"limit={MAX_LIMIT}")


@pytest.mark.parametrize("path", ["/api/v1/legal/sources/", "/api/v1/powers/items/", "/api/v1/enforcement/cases/"])
def test_an_offset_beyond_any_list_is_a_400(api, path):
    response = api.get(path, {"offset": 10**20})

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "bad_page"
    assert "offset" in error["message"]


def test_an_offset_at_the_bound_is_an_empty_page(api):
    response = api.get("/api/v1/legal/sources/", {"offset": MAX_OFFSET})

    assert response.status_code == 200
    assert response.json()["results"] == []
