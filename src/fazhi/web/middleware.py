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

from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import NoReverseMatch, reverse

from fazhi.web.views.errors import API_PREFIX, bad_characters


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


# NUL is never part of a name, a number or a date, and PostgreSQL refuses it in text ("A string
# literal cannot contain NUL"), so a search for "%00" reached the database and failed there as a 500.
# Django's form fields already refuse it (ProhibitNullCharactersValidator), as do DRF's; this catches
# the query strings, paths and posted forms that views read directly, for every page at once.
NUL = "\x00"


def _has_nul(request: HttpRequest) -> bool:
    if NUL in request.path_info:
        return True
    for values in (request.GET,) if request.method == "GET" else (request.GET, _posted_form(request)):
        for key, items in values.lists():
            if NUL in key or any(isinstance(item, str) and NUL in item for item in items):
                return True
    return False


def _posted_form(request: HttpRequest) -> QueryDict:
    """The posted form fields of a page (not of the API, whose JSON DRF's own fields validate)."""
    content_type = request.content_type or ""
    if request.path.startswith(API_PREFIX) or content_type not in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        return QueryDict()
    return request.POST


class RefuseNulCharactersMiddleware:
    """Answer 400 `bad_characters` (Chinese page, or the JSON error under /api/) to any request whose
    path, query string or posted form holds a NUL character, before a view sees it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            return bad_characters(request)
        return self.get_response(request)
