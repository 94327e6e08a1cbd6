"""The 法定期限 panel of the case page: each deadline is named in Chinese and its tooltip gives the legal
basis it was computed under, never the internal rule code (QA: title="reconsideration.acceptance")."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.reconsideration import selectors
from fazhi.reconsideration.tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("spring_2026")]

NAME = re.compile(r'<strong data-testid="deadline-name" title="([^"]*)">([^<]*)</strong>')


def test_each_deadline_tooltip_is_its_legal_basis_not_its_rule_code(cast) -> None:
    case = f.replied(cast)  # received, accepted, copy sent, reply in: several tracked deadlines
    client = Client()
    client.force_login(cast.reconsideration_officer)

    html = client.get(reverse("reconsideration:case_detail", args=[case.pk])).content.decode()

    shown = [(unescape(title), name) for title, name in NAME.findall(html)]
    expected = [(row.deadline.legal_basis, row.name) for row in selectors.case_deadlines_named(case=case)]
    assert len(expected) >= 2 and shown == expected
    for title, _name in shown:
        assert "reconsideration." not in title and "《" in title  # a 法条, e.g. 《中华人民共和国行政复议法》第三十条
