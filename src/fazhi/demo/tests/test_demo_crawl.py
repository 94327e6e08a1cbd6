"""No page of the demo answers with a server error, for any role or for a visitor.

A crawl rather than a list of URLs, so that a page added later is covered without anyone remembering
to add it: from the home page it follows every same-site link, submits every search form (GET) with
values a careless or hostile user types, and posts every other form with its visible fields left
empty (what pressing the button at once sends). Each answer must be below 500; refusals (400, 404,
409, 422) are what bad input deserves. Pages that differ only in an id count as one page after two
visits, which keeps the crawl to about a minute while still reaching every kind of page.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urldefrag, urlencode, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

from fazhi.orgs.demo import DEMO_PASSWORD, DEMO_USERS

pytestmark = pytest.mark.django_db

# Values a search form gets instead of what it expects: too long, impossible dates, the first and
# last dates Python has (date arithmetic beyond them overflows), negative or huge numbers, markup, a
# NUL byte (PostgreSQL refuses NUL in text: an unguarded query fails there).
HOSTILE_VALUES = ("x" * 300, "9999-99-99", "0001-01-01", "9999-12-31", "-1", "10" * 20, "<script>", "\x00")
# Links the crawl must not follow: leaving the session, the static files, and the admin site (Django's).
SKIPPED_PREFIXES = ("/accounts/logout", "/logout", "/static/", "/admin/", "/i18n/")
# PDF versions are the .docx converted by LibreOffice (about 1.5 s each, most of the crawl's time);
# the .docx is crawled, and the conversion has its own tests.
SKIPPED_SUFFIXES = (".pdf",)
VISITS_PER_PAGE_KIND = 2
MAX_PAGES_PER_ROLE = 400


@dataclass
class Field:
    kind: str  # "hidden", "select", "date" (date and datetime-local inputs) or "text" (anything else)
    value: str  # what the page sends unchanged: a hidden value, the selected (or first) option


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, Field] = field(default_factory=dict)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        elif tag == "form":
            self._form = Form(action=values.get("action", ""), method=values.get("method", "get").lower())
            self.forms.append(self._form)
        elif tag == "option" and self._select is not None:
            if not self._select.value or "selected" in values:
                self._select.value = values.get("value", "")
        elif tag in ("input", "select", "textarea") and self._form is not None and values.get("name"):
            kind = values.get("type", "text") if tag == "input" else tag
            kind = {"hidden": "hidden", "select": "select", "date": "date", "datetime-local": "date"}.get(kind, "text")
            self._form.fields[values["name"]] = Field(kind, values.get("value", "") if kind == "hidden" else "")
            self._select = self._form.fields[values["name"]] if kind == "select" else None

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _page_kind(path: str) -> str:
    """/cases/12/notice/ and /cases/13/notice/ are one kind of page."""
    return re.sub(r"/\d+(?=/|$)", "/N", path)


def _same_site(href: str, base: str) -> str | None:
    href, _fragment = urldefrag(href)
    if not href or href.startswith(("mailto:", "tel:", "javascript:")):
        return None
    parts = urlsplit(href)
    if parts.netloc and parts.netloc != "testserver":
        return None
    path = parts.path or base
    if not path.startswith("/"):
        path = base.rsplit("/", 1)[0] + "/" + path
    if path.startswith(SKIPPED_PREFIXES) or path.endswith(SKIPPED_SUFFIXES):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def _crawl(client: Client) -> list[str]:
    """Every server error met while crawling as the client's user: 'METHOD url → status'."""
    errors: list[str] = []
    seen_kinds: dict[str, int] = {}
    seen: set[str] = set()
    seen_forms: set[tuple[str, str, tuple[str, ...]]] = set()
    queue: deque[str] = deque(["/"])
    pages = 0
    while queue and pages < MAX_PAGES_PER_ROLE:
        url = queue.popleft()
        kind = _page_kind(url.split("?", 1)[0])
        if url in seen or seen_kinds.get(kind, 0) >= VISITS_PER_PAGE_KIND:
            continue
        seen.add(url)
        seen_kinds[kind] = seen_kinds.get(kind, 0) + 1
        pages += 1
        response = client.get(url)
        if response.status_code >= 500:
            errors.append(f"GET {url} → {response.status_code}")
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _PageParser()
        parser.feed(response.content.decode("utf-8", "replace"))
        path = url.split("?", 1)[0]
        for href in parser.links:
            target = _same_site(href, path)
            if target and target not in seen:
                queue.append(target)
        for form in parser.forms:
            target = _same_site(form.action, path) if form.action else path
            if target is None:
                continue
            # a form met again (the same kind of page, the same fields) is not sent again
            signature = (form.method, _page_kind(target.split("?", 1)[0]), tuple(sorted(form.fields)))
            if signature in seen_forms:
                continue
            seen_forms.add(signature)
            errors += _submit(client, form, target)
    return errors


def _fillings(form: Form) -> list[dict[str, str]]:
    """The queries a search form is sent with: each hostile value typed into every field a user types
    in (choices kept), then into the choices too, then the widest period (date fields alternate the
    first and the last date, in page order)."""
    kept = {name: f.value for name, f in form.fields.items()}
    typed = [name for name, f in form.fields.items() if f.kind in ("text", "date")]
    chosen = [name for name, f in form.fields.items() if f.kind == "select"]
    dates = [name for name, f in form.fields.items() if f.kind == "date"]
    fillings = []
    for value in HOSTILE_VALUES:
        fillings.append({**kept, **dict.fromkeys(typed, value)})
        if chosen:
            fillings.append({**kept, **dict.fromkeys(typed + chosen, value)})
    if dates:
        fillings.append({**kept, **{name: ("0001-01-01", "9999-12-31")[i % 2] for i, name in enumerate(dates)}})
    return fillings


def _submit(client: Client, form: Form, target: str) -> list[str]:
    errors = []
    if form.method == "get":
        for query in _fillings(form):
            url = f"{target.split('?', 1)[0]}?{urlencode(query)}"
            status = client.get(url).status_code
            if status >= 500:
                errors.append(f"GET {url!r} → {status}")
        return errors
    # visible fields empty, hidden ones (ids, versions, the CSRF token) as the page sent them
    data = {name: f.value if f.kind == "hidden" else "" for name, f in form.fields.items()}
    status = client.post(target, data).status_code
    if status >= 500:
        errors.append(f"POST {target} {sorted(data)} → {status}")
    return errors


def test_no_page_or_form_of_the_demo_answers_with_a_server_error() -> None:
    # One test: the demo district takes several seconds to load, and every role crawls the same one.
    call_command("demo", stdout=StringIO())
    errors = []
    visitor = Client(raise_request_exception=False)
    errors += [f"访客 {error}" for error in _crawl(visitor)]
    for username, *_rest in DEMO_USERS:
        client = Client(raise_request_exception=False)
        assert client.login(username=username, password=DEMO_PASSWORD), username
        errors += [f"{username} {error}" for error in _crawl(client)]
    assert not errors, "\n".join(errors)
