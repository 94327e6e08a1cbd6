"""A NUL character anywhere in a request is refused with 400 `bad_characters` before any view runs.

PostgreSQL cannot hold NUL in text: searches such as /powers/check-items/?q=%00 used to fail there
with a 500 (found by the demo crawl, src/fazhi/demo/tests/test_demo_crawl.py).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.orgs.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_nul_in_a_search_is_a_chinese_400_page(client):
    client.force_login(UserFactory())

    response = client.get(reverse("powers:check_list"), {"q": "\x00"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "不允许的控制字符" in html
    assert "bad_characters" in html


def test_a_nul_in_a_query_key_or_the_path_is_refused_too(client):
    assert client.get("/?\x00=1").status_code == 400
    assert client.get("/powers/check-items/%00/").status_code == 400


def test_a_nul_in_a_posted_form_is_refused_and_nothing_is_logged_in(client):
    user = UserFactory(username="nul-user")
    user.set_password("pw-123456789")
    user.save()

    response = client.post(reverse("web:login"), {"username": "nul-user\x00", "password": "pw-123456789"})

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_the_api_answers_the_json_error_shape(client):
    response = client.get("/api/v1/no-such-endpoint/", {"q": "a\x00b"})

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_characters"


def test_ordinary_requests_pass(client):
    assert client.get(reverse("web:login"), {"next": "/"}).status_code == 200
