"""Error pages: Chinese HTML for pages, the one JSON error shape under /api/."""

from __future__ import annotations

import json

import pytest
from django.test import RequestFactory

from fazhi.web.views import errors


def _json(response):
    return json.loads(response.content)


def test_html_404_is_chinese(client, db):
    response = client.get("/no-such-page/")

    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="zh-CN">' in html
    assert "页面不存在" in html
    assert "not_found" in html


def test_api_404_is_the_json_error_shape(client, db):
    response = client.get("/api/v1/no-such-endpoint/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "error": {"code": "not_found", "message": "页面或记录不存在，或您无权访问。", "fields": {}}
    }


@pytest.mark.parametrize(
    ("handler", "status", "code"),
    [
        (errors.bad_request, 400, "bad_request"),
        (errors.permission_denied, 403, "permission_denied"),
        (errors.page_not_found, 404, "not_found"),
    ],
)
def test_handlers_for_pages_and_api(handler, status, code, rf: RequestFactory, db):
    from django.contrib.auth.models import AnonymousUser

    page_request = rf.get("/somewhere/")
    page_request.user = AnonymousUser()
    api_request = rf.get("/api/v1/somewhere/")

    page = handler(page_request, Exception())
    api = handler(api_request, Exception())

    assert page.status_code == status
    assert code in page.content.decode()
    assert api.status_code == status
    assert api["Content-Type"] == "application/json"
    assert set(_json(api)["error"]) == {"code", "message", "fields"}
    assert _json(api)["error"]["code"] == code


def test_500_renders_without_database_or_context(rf: RequestFactory):
    # No `db` fixture: the 500 page must not touch the database (it may be why we failed).
    response = errors.server_error(rf.get("/boom/"))

    html = response.content.decode()
    assert response.status_code == 500
    assert "服务器内部错误" in html
    assert '<html lang="zh-CN">' in html


def test_500_under_api_is_json(rf: RequestFactory):
    response = errors.server_error(rf.get("/api/v1/boom/"))

    assert response.status_code == 500
    assert _json(response)["error"]["code"] == "server_error"


def test_csrf_failure_view(rf: RequestFactory, db):
    from django.contrib.auth.models import AnonymousUser

    request = rf.post("/login/")
    request.user = AnonymousUser()

    response = errors.csrf_failure(request, reason="CSRF cookie not set.")

    assert response.status_code == 403
    assert "安全校验失败" in response.content.decode()
    assert _json(errors.csrf_failure(rf.post("/api/v1/x/")))["error"]["code"] == "csrf_failed"


def test_permission_denied_shows_chinese_reason_only(rf: RequestFactory, db):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied

    request = rf.get("/x/")
    request.user = AnonymousUser()

    assert "只读" in errors.permission_denied(request, PermissionDenied("只读")).content.decode()
    english = errors.permission_denied(request, PermissionDenied("internal detail")).content.decode()
    assert "internal detail" not in english
