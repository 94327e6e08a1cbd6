"""Security headers: a strict CSP everywhere, a relaxed one only for the API documentation pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.web.middleware import API_DOCS_CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("url_name", ["web:home", "web:login", "web:deadline_calculator", "web:healthz"])
def test_strict_headers_on_pages(url_name, client, db):
    response = client.get(reverse(url_name))

    csp = response["Content-Security-Policy"]
    assert csp == CONTENT_SECURITY_POLICY
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
    ):
        assert directive in csp
    assert "unsafe" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_error_pages_carry_the_policy(client, db):
    assert client.get("/no-such-page/")["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_api_docs_render_with_their_own_policy(client, cast):
    client.force_login(cast.system_admin)

    response = client.get(reverse("api-v1:docs"))

    assert response.status_code == 200
    assert "swagger-ui" in response.content.decode()
    assert response["Content-Security-Policy"] == API_DOCS_CONTENT_SECURITY_POLICY
    assert "http" not in response["Content-Security-Policy"]  # still no remote origin


@pytest.mark.parametrize("docs", ["api-v1:docs", "api-v1:redoc"])
def test_api_docs_load_nothing_from_a_cdn(client, cast, docs):
    """Swagger UI and Redoc must come from drf_spectacular_sidecar (SPECTACULAR_SETTINGS *_DIST = "SIDECAR"),
    and Redoc's page must not pull Google Fonts (core/api/redoc.html)."""
    import re

    client.force_login(cast.system_admin)

    response = client.get(reverse(docs))

    html = response.content.decode()
    assert response.status_code == 200
    assert ("redoc" if docs.endswith("redoc") else "swagger-ui") in html
    assert not re.search(r"""(?:src|href)=["']https?://""", html), "API docs load assets from another origin"


def test_pages_have_no_inline_scripts_or_handlers(client, cast):
    """script-src 'self' forbids inline code: only <script src> and JSON data blocks may appear."""
    import re

    client.force_login(cast.supervisor)
    for url in (reverse("web:home"), reverse("web:supervisor_home"), reverse("web:deadline_calculator")):
        html = client.get(url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, tag
        assert not re.search(r"\son[a-z]+=", html), url
        assert "style=" not in html, url
