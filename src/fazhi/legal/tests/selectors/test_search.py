"""legal_source_search and legal_article_search."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.legal import selectors
from fazhi.legal.choices import LegalLevel
from fazhi.legal.tests.conftest import LAW_2020, LAW_2023, LAW_TITLE, RULE_TXT

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(import_fixture):
    import_fixture(LAW_2020)
    import_fixture(LAW_2023)
    import_fixture(RULE_TXT)


@pytest.mark.parametrize(
    ("query", "level", "expected"),
    [
        ("", None, ["中华人民共和国示范执法法", "示范档案管理办法"]),
        ("示范执法", None, [LAW_TITLE]),
        ("中华人民共和国", None, [LAW_TITLE]),
        ("档案", None, ["示范档案管理办法"]),
        ("示范", LegalLevel.DEPARTMENTAL_RULE, ["示范档案管理办法"]),
        ("行政处罚", None, []),
    ],
)
def test_source_search(library, query: str, level: str | None, expected: list[str]) -> None:
    assert [s.title for s in selectors.legal_source_search(query=query, level=level)] == sorted(expected)


def test_article_search_finds_the_current_wording_once(library) -> None:
    hits = list(selectors.legal_article_search(query="执法证件"))
    assert [h.citation for h in hits] == [f"《{LAW_TITLE}》第三条"]
    assert "主动出示" in hits[0].text


def test_article_search_on_a_past_date_and_across_history(library) -> None:
    past = selectors.legal_article_search(query="一百元以下", on=date(2021, 1, 1))
    assert [a.number_zh for a in past] == ["第五条"]
    assert list(selectors.legal_article_search(query="一百元以下")) == []
    history = selectors.legal_article_search(query="执法证件", all_versions=True)
    assert [a.version.label for a in history] == ["2023年1月10日修订", "2020年3月1日通过"]


def test_article_search_within_one_source(library) -> None:
    source = selectors.legal_source_search(query="档案").get()
    assert [a.number_zh for a in selectors.legal_article_search(query="示范", source=source)] == ["第一条", "第二条"]
    assert selectors.legal_article_search(source=source).count() == 3
