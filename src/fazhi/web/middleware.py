"""Security headers every response carries (DESIGN §8): CSP, nosniff, referrer policy.

Pages follow a strict Content-Security-Policy: scripts and styles only from our own origin, so no
inline <script>, no inline event handlers and no style="" attributes in templates; page data goes
into <script type="application/json"> (the json_script filter) and page code into static/web/js/.

The API documentation pages rendered by drf-spectacular (Swagger UI, ReDoc) ship an inline
bootstrap script and <style> block that we do not control, so those two paths alone get
'unsafe-inline' — still with no remote origin, so nothing is fetched from a CDN.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse


def _policy(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in directives.items())


STRICT_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
CONTENT_SECURITY_POLICY = _policy(STRICT_DIRECTIVES)
API_DOCS_CONTENT_SECURITY_POLICY = _policy(
    STRICT_DIRECTIVES
    | {
        "script-src": "'self' 'unsafe-inline'",
        "style-src": "'self' 'unsafe-inline'",
        "worker-src": "'self' blob:",  # ReDoc parses the schema in a web worker
    }
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


@cache
def _api_docs_paths() -> tuple[str, ...]:
    paths = []
    for name in ("api-v1:docs", "api-v1:redoc"):
        try:
            paths.append(reverse(name))
        except NoReverseMatch:
            continue
    return tuple(paths)


def content_security_policy_for(path: str) -> str:
    """Return the CSP for a request path: strict everywhere except the API documentation pages."""
    if any(path.startswith(prefix) for prefix in _api_docs_paths()):
        return API_DOCS_CONTENT_SECURITY_POLICY
    return CONTENT_SECURITY_POLICY


class SecurityHeadersMiddleware:
    """Set CSP and related headers unless a view already chose its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", content_security_policy_for(request.path))
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
