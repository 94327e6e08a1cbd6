"""Login, logout and login throttling."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from fazhi.orgs.models import LoginFailure
from fazhi.web.tests.conftest import CAST_PASSWORD

LOCKED = "登录失败次数过多，请15分钟后再试。"


@pytest.fixture
def limit_three(settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60


def _login(client, username, password):
    return client.post(reverse("web:login"), {"username": username, "password": password})


def test_login_page_is_chinese(client, db):
    response = client.get(reverse("web:login"))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-CN">' in html
    for text in ("登录", "用户名", "密码", "法治政府建设平台"):
        assert text in html


def test_login_succeeds_and_redirects_home(client, cast):
    response = _login(client, "inspector_north", CAST_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")
    assert client.session[SESSION_KEY] == str(cast.inspector_north.pk)


def test_login_clears_earlier_failures(client, cast, limit_three):
    _login(client, "inspector_north", "wrong-password")
    assert LoginFailure.objects.filter(username="inspector_north").count() == 1

    _login(client, "inspector_north", CAST_PASSWORD)

    assert not LoginFailure.objects.filter(username="inspector_north").exists()


def test_wrong_password_shows_chinese_error_and_is_recorded(client, cast):
    response = _login(client, "inspector_north", "wrong-password")

    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()
    assert SESSION_KEY not in client.session
    failure = LoginFailure.objects.get(username="inspector_north")
    assert failure.ip_address == "127.0.0.1"


def test_behind_the_proxy_a_failure_records_the_address_nginx_saw(client, cast, settings):
    settings.FAZHI_BEHIND_PROXY = True

    client.post(
        reverse("web:login"),
        {"username": "inspector_north", "password": "wrong-password"},
        HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.7",
    )

    assert LoginFailure.objects.get(username="inspector_north").ip_address == "198.51.100.7"


def test_empty_form_shows_chinese_field_errors(client, db):
    response = client.post(reverse("web:login"), {"username": "", "password": ""})

    html = response.content.decode()
    assert "请输入用户名。" in html
    assert "请输入密码。" in html
    assert not LoginFailure.objects.exists()


def test_lockout_after_limit_refuses_even_the_right_password(client, cast, limit_three):
    for _ in range(2):
        assert _login(client, "inspector_north", "wrong-password").status_code == 200

    # The third failure reaches the limit: the page says so at once.
    third = _login(client, "inspector_north", "wrong-password")
    assert third.status_code == 429
    assert LOCKED in third.content.decode()

    # Locked: the right password is refused without an authentication attempt (no new failure row).
    locked = _login(client, "inspector_north", CAST_PASSWORD)
    assert locked.status_code == 429
    assert LOCKED in locked.content.decode()
    assert "用户名或密码不正确" not in locked.content.decode()
    assert SESSION_KEY not in client.session
    assert LoginFailure.objects.filter(username="inspector_north").count() == 3


def test_lockout_is_per_username(client, cast, limit_three):
    for _ in range(3):
        _login(client, "inspector_north", "wrong-password")

    response = _login(client, "inspector_south", CAST_PASSWORD)

    assert response.status_code == 302


def test_unknown_username_is_throttled_too(client, db, limit_three):
    for _ in range(3):
        _login(client, "nobody", "wrong-password")

    assert LOCKED in _login(client, "nobody", "x").content.decode()


def test_logged_in_user_visiting_login_is_sent_home(client, cast):
    client.force_login(cast.inspector_north)

    response = client.get(reverse("web:login"))

    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")


def test_logout_is_post_only(client, cast):
    client.force_login(cast.inspector_north)

    assert client.get(reverse("web:logout")).status_code == 405
    response = client.post(reverse("web:logout"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("web:login")
    assert SESSION_KEY not in client.session
    assert "您已安全退出。" in response.content.decode()
