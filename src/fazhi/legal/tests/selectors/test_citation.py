"""legal_citation_resolve / legal_article_get_by_citation: which article, in which version."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.errors import DomainError, NotFound
from fazhi.legal import selectors, services
from fazhi.legal.choices import LegalStatus
from fazhi.legal.tests.conftest import LAW_2020, LAW_2023, LAW_TITLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def both_versions(import_fixture):
    old = import_fixture(LAW_2020).version
    new = import_fixture(LAW_2023).version
    return old, new


@pytest.mark.parametrize(
    "citation",
    [f"《{LAW_TITLE}》第五条", "《示范执法法》第五条", "示范执法法第5条", "《示范执法法》（2023年修订）第五条"],
)
def test_current_version_by_full_or_short_title(both_versions, citation: str) -> None:
    _old, new = both_versions
    article = selectors.legal_article_get_by_citation(citation)
    assert article.version == new
    assert "二百元以下" in article.text
    assert article.citation == f"《{LAW_TITLE}》第五条"


def test_version_in_force_on_a_date(both_versions) -> None:
    old, new = both_versions
    assert selectors.legal_article_get_by_citation("《示范执法法》第五条", on=date(2023, 2, 28)).version == old
    assert selectors.legal_article_get_by_citation("《示范执法法》第五条", on=date(2023, 3, 1)).version == new


def test_sub_article_exists_only_in_the_old_version(both_versions) -> None:
    old, _new = both_versions
    article = selectors.legal_article_get_by_citation("《示范执法法》第四条之一", on=date(2021, 1, 1))
    assert (article.version, article.number, article.suffix) == (old, 4, 1)
    with pytest.raises(NotFound) as caught:
        selectors.legal_article_get_by_citation("《示范执法法》第四条之一")
    assert caught.value.code == "legal_article_not_found"
    assert "第四条之一不存在" in caught.value.message


def test_paragraph_is_resolved(both_versions) -> None:
    resolved = selectors.legal_citation_resolve("《示范执法法》第二条第二款")
    assert resolved.citation == f"《{LAW_TITLE}》第二条第二款"
    assert resolved.paragraph_text == "示范执法应当遵循公开、公正、高效的原则。"
    with pytest.raises(NotFound) as caught:
        selectors.legal_citation_resolve("《示范执法法》第二条第三款")
    assert "只有2款" in caught.value.message


@pytest.mark.parametrize(
    ("_case", "citation", "on", "message"),
    [
        ("unknown law", "《不存在法》第一条", None, "法规库中没有《不存在法》"),
        ("article beyond the end", "《示范执法法》第九十九条", None, "第九十九条不存在"),
        ("before the law existed", "《示范执法法》第一条", date(2019, 1, 1), "在2019年1月1日没有有效的版本"),
    ],
)
def test_not_found(both_versions, _case: str, citation: str, on: date | None, message: str) -> None:
    with pytest.raises(NotFound) as caught:
        selectors.legal_article_get_by_citation(citation, on=on)
    assert caught.value.code == "legal_article_not_found"
    assert message in caught.value.message


def test_unreadable_citation(db: None) -> None:
    with pytest.raises(DomainError) as caught:
        selectors.legal_article_get_by_citation("示范执法法五条")
    assert caught.value.code == "legal_citation_invalid"


def test_repealed_law_can_still_be_quoted_but_not_on_a_later_date(both_versions, importer_user) -> None:
    _old, new = both_versions
    services.legal_source_set_status(
        actor=importer_user,
        source=new.source,
        status=LegalStatus.REPEALED,
        effective_on=date(2024, 1, 1),
        reason="废止",
    )
    article = selectors.legal_article_get_by_citation("《示范执法法》第五条")
    assert article.version == new
    assert article.version.status == LegalStatus.REPEALED
    with pytest.raises(NotFound):
        selectors.legal_article_get_by_citation("《示范执法法》第五条", on=date(2024, 1, 1))
