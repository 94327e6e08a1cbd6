"""The officer picker's GET carries only what it reads: no party name, ID number, facts or CSRF token in the URL.

With hx-include="closest form" every date change sent the whole 立案 / 检查 form as a query string,
so a citizen's 公民身份号码 (party_code) ended up in access logs.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.by_id: dict[str, dict[str, str | None]] = {}
        self.pickers: list[str] = []
        self.picker_url = reverse("enforcement:officer_picker")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.by_id[str(values["id"])] = values
        if values.get("hx-get") == self.picker_url:
            self.pickers.append(values.get("hx-include") or "")


def included_names(html: str) -> set[str]:
    """The input names the picker's hx-include selects (ids resolved against the rendered page)."""
    page = _Elements()
    page.feed(html)
    assert len(page.pickers) == 1
    names: set[str] = set()
    for selector in (part.strip() for part in page.pickers[0].split(",")):
        by_name = re.fullmatch(r"(?:#[\w-]+ )?\[name='(\w+)'\]", selector)
        if by_name:
            names.add(by_name.group(1))
            continue
        by_id = re.fullmatch(r"#([\w-]+)", selector)
        assert by_id, f"hx-include selector not understood by the test: {selector!r}"
        names.add(str(page.by_id[by_id.group(1)]["name"]))
    return names


@pytest.mark.parametrize(
    ("page", "date_field"), [("enforcement:case_open", "filed_on"), ("enforcement:inspection_create", "occurred_on")]
)
def test_the_picker_includes_only_the_unit_the_date_and_the_chosen_officers(world, page: str, date_field: str) -> None:
    client = Client()
    client.force_login(world.cast.inspector_north)
    html = client.get(reverse(page)).content.decode()
    assert 'name="party_code"' in html  # the form does hold the party's data …
    assert "closest form" not in html
    # … the picker's request does not
    assert included_names(html) == {"unit_code", date_field, "officer_ids"}


def test_the_picker_answers_from_the_unit_and_the_date_alone(world) -> None:
    client = Client()
    client.force_login(world.cast.inspector_north)
    url = reverse("enforcement:officer_picker")
    picker = client.get(url, {"unit_code": "NORTH", "filed_on": "2026-03-02"}, HTTP_HX_REQUEST="true")
    assert picker.status_code == 200 and "执法证有效" in picker.content.decode()
