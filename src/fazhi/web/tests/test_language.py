"""Chinese whatever the browser asks for: no English dates or validation messages inside Chinese pages."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_an_english_browser_gets_django_s_own_pages_in_chinese(client):
    # The admin's login page is Django's own template, translated by Django's catalogue.
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-US,en")

    html = response.content.decode()
    assert "用户名" in html
    assert "Username" not in html


def test_an_english_client_gets_chinese_api_validation_messages(client):
    response = client.post("/api/v1/auth/token/", {}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert "This field is required" not in response.content.decode()
    assert "该字段是必填项。" in response.content.decode()
