"""All reads of the legal library.

The library holds published law, which every logged-in user may read: these selectors are not
scoped by org unit (unlike case data), so they take no `user`. The API still requires login.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from fazhi.core.errors import DomainError, NotFound
from fazhi.legal.models import LegalArticle, LegalSource, LegalSourceVersion
from fazhi.legal.parsing import Citation, format_citation, parse_citation, split_paragraphs, title_lookup_keys


def legal_source_search(*, query: str = "", level: str | None = None) -> QuerySet[LegalSource]:
    """Return sources whose title or short title contains `query` (all sources for an empty query)."""
    sources = LegalSource.objects.all()
    query = query.strip()
    if query:
        sources = sources.filter(Q(title__icontains=query) | Q(short_title__icontains=query))
    if level:
        sources = sources.filter(level=level)
    return sources.order_by("title")


def legal_source_get(*, source_id: int) -> LegalSource:
    """Return one source with its versions prefetched, or raise NotFound(legal_source_not_found)."""
    source = LegalSource.objects.filter(pk=source_id).prefetch_related("versions").first()
    if source is None:
        raise NotFound("法规不存在。", code="legal_source_not_found")
    return source


def legal_source_versions(*, source: LegalSource) -> QuerySet[LegalSourceVersion]:
    """Return the versions of a source, newest 施行日期 first."""
    return source.versions.order_by("-effective_from", "-id")


def _in_force_on(on: date) -> Q:
    return Q(effective_from__lte=on) & (Q(effective_to__isnull=True) | Q(effective_to__gte=on))


def legal_version_in_force(*, source: LegalSource, on: date) -> LegalSourceVersion | None:
    """Return the version of `source` that applies on `on`, or None (not yet enacted, or repealed)."""
    # On the one day two corrected imports of one revision overlap, the later import wins.
    return source.versions.filter(_in_force_on(on)).order_by("-effective_from", "-id").first()


def legal_version_current(*, source: LegalSource, today: date | None = None) -> LegalSourceVersion | None:
    """Return the version in force today, else the newest one (a repealed or not-yet-effective text)."""
    today = today or timezone.localdate()
    return legal_version_in_force(source=source, on=today) or legal_source_versions(source=source).first()


def legal_version_find(*, title: str, checksum: str) -> tuple[LegalSource | None, LegalSourceVersion | None]:
    """Return the source with this title and its version with this text checksum (either may be None)."""
    source = LegalSource.objects.filter(title=title).first()
    if source is None:
        return None, None
    return source, source.versions.filter(checksum=checksum).first()


def legal_article_search(
    *,
    query: str = "",
    source: LegalSource | None = None,
    on: date | None = None,
    all_versions: bool = False,
) -> QuerySet[LegalArticle]:
    """Return articles whose text contains `query`, with version and source joined for citations.

    By default only texts that apply on `on` (today) are searched, so an amended article is found once,
    in its current wording; `all_versions=True` searches every version, for history.
    """
    articles = LegalArticle.objects.select_related("version__source")
    query = query.strip()
    if query:
        articles = articles.filter(text__icontains=query)
    if source is not None:
        articles = articles.filter(version__source=source)
    if not all_versions:
        day = on or timezone.localdate()
        articles = articles.filter(
            Q(version__effective_from__lte=day)
            & (Q(version__effective_to__isnull=True) | Q(version__effective_to__gte=day))
        )
    return articles.order_by("version__source__title", "-version__effective_from", "position")


def legal_article_list(*, version: LegalSourceVersion) -> QuerySet[LegalArticle]:
    """Return the articles of one version in text order."""
    return version.articles.select_related("version__source").order_by("position")


@dataclass(frozen=True, slots=True)
class ResolvedCitation:
    """An article found from a citation, with the paragraph (款) when the citation named one."""

    article: LegalArticle
    version: LegalSourceVersion
    source: LegalSource
    citation: str  # canonical: full title, Chinese numerals
    paragraph: int | None
    paragraph_text: str | None


def _not_found(message: str) -> NotFound:
    return NotFound(message, code="legal_article_not_found", fields={"citation": [message]})


def _source_for_citation(citation: Citation) -> LegalSource:
    keys = title_lookup_keys(citation.title)
    exact = LegalSource.objects.filter(title__in=keys).order_by("title")
    if exact:
        # The cited name itself first (《中华人民共和国行政处罚法》), then its expansions.
        return min(exact, key=lambda source: keys.index(source.title))
    by_short = list(LegalSource.objects.filter(short_title__in=keys)[:2])
    if len(by_short) > 1:
        raise DomainError(
            f"“{citation.title}”对应多部法规，请使用全称。",
            code="legal_citation_ambiguous",
            fields={"citation": ["请使用全称。"]},
        )
    if not by_short:
        raise _not_found(f"法规库中没有《{citation.title}》。")
    return by_short[0]


def legal_citation_resolve(citation: str, *, on: date | None = None) -> ResolvedCitation:
    """Resolve 《中华人民共和国行政处罚法》第五十一条 (or 《行政处罚法》第51条第一款) to the article.

    Without `on`, the version in force today is used, else the newest version (so a repealed law can
    still be quoted — the version's status says so). With `on`, only the version that applied that
    day counts. Raises DomainError(legal_citation_invalid) for an unreadable citation and
    NotFound(legal_article_not_found) when the source, the version or the article does not exist.
    """
    parsed = parse_citation(citation)
    source = _source_for_citation(parsed)
    if on is None:
        version = legal_version_current(source=source)
    else:
        version = legal_version_in_force(source=source, on=on)
        if version is None:
            raise _not_found(f"《{source.title}》在{on.year}年{on.month}月{on.day}日没有有效的版本。")
    if version is None:
        raise _not_found(f"法规库中没有《{source.title}》的文本。")
    article = (
        LegalArticle.objects.select_related("version__source")
        .filter(version=version, number=parsed.number, suffix=parsed.suffix)
        .first()
    )
    label = format_citation(title=source.title, number=parsed.number, suffix=parsed.suffix)
    if article is None:
        raise _not_found(f"{label}不存在（{version.label}版本）。")
    paragraph_text = None
    if parsed.paragraph is not None:
        paragraphs = split_paragraphs(article.text)
        if parsed.paragraph > len(paragraphs):
            raise _not_found(f"{label}只有{len(paragraphs)}款，没有第{parsed.paragraph}款。")
        paragraph_text = paragraphs[parsed.paragraph - 1]
    return ResolvedCitation(
        article=article,
        version=version,
        source=source,
        citation=format_citation(
            title=source.title, number=parsed.number, suffix=parsed.suffix, paragraph=parsed.paragraph
        ),
        paragraph=parsed.paragraph,
        paragraph_text=paragraph_text,
    )


def legal_article_get_by_citation(citation: str, *, on: date | None = None) -> LegalArticle:
    """Return the article a citation names (see legal_citation_resolve for the version chosen)."""
    return legal_citation_resolve(citation, on=on).article
