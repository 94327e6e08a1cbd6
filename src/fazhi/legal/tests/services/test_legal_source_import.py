"""legal_source_import_text: create, idempotent re-import, new versions, refusals."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import DomainError
from fazhi.legal import services
from fazhi.legal.choices import LegalLevel, LegalStatus
from fazhi.legal.models import LegalArticle, LegalSource, LegalSourceVersion
from fazhi.legal.services import ImportOutcome
from fazhi.legal.tests.conftest import LAW_2020, LAW_2023, LAW_TITLE, NO_ARTICLES, RULE_TXT, fixture_text

pytestmark = pytest.mark.django_db


def legal_audit_events() -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            event_type__in=[
                AuditEventType.LEGAL_SOURCE_IMPORTED,
                AuditEventType.LEGAL_VERSION_CREATED,
                AuditEventType.LEGAL_SOURCE_STATUS_CHANGED,
            ]
        ).order_by("pk")
    )


def test_first_import_creates_source_version_articles_and_one_audit_row(import_fixture, importer_user) -> None:
    result = import_fixture(LAW_2020)

    assert result.outcome == ImportOutcome.CREATED
    source = LegalSource.objects.get()
    assert result.source == source
    assert (source.title, source.short_title, source.level) == (LAW_TITLE, "示范执法法", LegalLevel.LAW)
    version = LegalSourceVersion.objects.get()
    assert version.label == "2020年3月1日通过"
    assert (version.promulgated_on, version.effective_from, version.effective_to) == (
        date(2020, 3, 1),
        date(2020, 6, 1),
        None,
    )
    assert version.status == LegalStatus.IN_FORCE
    assert version.article_count == 8
    assert version.filename == LAW_2020
    assert len(version.checksum) == 64
    articles = list(LegalArticle.objects.filter(version=version).order_by("position"))
    assert [a.number_zh for a in articles][3:5] == ["第四条", "第四条之一"]
    assert (articles[4].number, articles[4].suffix, articles[4].chapter) == (4, 1, "第二章 示范检查")
    assert articles[4].citation == "《中华人民共和国示范执法法》第四条之一"

    [event] = legal_audit_events()
    assert event.event_type == AuditEventType.LEGAL_SOURCE_IMPORTED
    assert event.actor == importer_user
    assert event.target_id == str(source.pk)
    assert event.changes["title"] == [None, LAW_TITLE]
    assert event.changes["articles"] == [None, 8]


def test_reimporting_the_same_text_changes_nothing(import_fixture) -> None:
    first = import_fixture(LAW_2020)
    # Same words, different line endings and a BOM: still the same text.
    again = services.legal_source_import_text(
        actor=None, text="\ufeff" + fixture_text(LAW_2020).replace("\n", "\r\n"), filename="copy.md"
    )

    assert again.outcome == ImportOutcome.UNCHANGED
    assert again.version == first.version
    assert LegalSourceVersion.objects.count() == 1
    assert LegalArticle.objects.count() == 8
    assert len(legal_audit_events()) == 1  # only the first import's row


def test_new_text_creates_a_version_and_supersedes_the_old_one(import_fixture) -> None:
    old = import_fixture(LAW_2020).version
    result = import_fixture(LAW_2023)

    assert result.outcome == ImportOutcome.NEW_VERSION
    assert LegalSource.objects.count() == 1
    old.refresh_from_db()
    assert old.status == LegalStatus.AMENDED
    assert old.effective_to == date(2023, 2, 28)  # the day before the revision took effect
    new = result.version
    assert (new.status, new.effective_from, new.effective_to) == (LegalStatus.IN_FORCE, date(2023, 3, 1), None)
    assert new.label == "2023年1月10日修订"
    assert LegalArticle.objects.filter(version=new).count() == 7
    assert LegalArticle.objects.filter(version=old).count() == 8  # history is kept

    events = legal_audit_events()
    assert [e.event_type for e in events] == [
        AuditEventType.LEGAL_SOURCE_IMPORTED,
        AuditEventType.LEGAL_VERSION_CREATED,
    ]
    assert events[1].target_id == str(new.pk)
    assert events[1].changes[f"version:{old.pk}:status"] == [LegalStatus.IN_FORCE, LegalStatus.AMENDED]
    assert events[1].changes[f"version:{old.pk}:effective_to"] == [None, "2023-02-28"]


def test_older_text_imported_after_the_newer_one_becomes_history(import_fixture) -> None:
    new = import_fixture(LAW_2023).version
    old = import_fixture(LAW_2020).version

    new.refresh_from_db()
    old.refresh_from_db()
    assert (new.status, new.effective_to) == (LegalStatus.IN_FORCE, None)
    assert (old.status, old.effective_to) == (LegalStatus.AMENDED, date(2023, 2, 28))


def test_future_effective_date_is_not_yet_in_force(import_fixture) -> None:
    import_fixture(LAW_2020)
    result = import_fixture(LAW_2023, effective_from=date(2999, 1, 1))

    assert result.version.status == LegalStatus.NOT_YET_EFFECTIVE
    previous = LegalSourceVersion.objects.exclude(pk=result.version.pk).get()
    assert (previous.status, previous.effective_to) == (LegalStatus.AMENDED, date(2998, 12, 31))


def test_level_and_title_arguments_win(import_fixture) -> None:
    result = import_fixture(RULE_TXT, level=LegalLevel.NORMATIVE_DOCUMENT, title="示范档案工作办法")

    assert (result.source.title, result.source.level) == ("示范档案工作办法", LegalLevel.NORMATIVE_DOCUMENT)
    assert result.source.document_number == "示范部令第3号"


def test_text_without_articles_writes_nothing(importer_user) -> None:
    with pytest.raises(DomainError) as caught:
        services.legal_source_import_text(actor=importer_user, text=fixture_text(NO_ARTICLES), filename=NO_ARTICLES)

    assert caught.value.code == "legal_text_no_articles"
    assert not LegalSource.objects.exists()
    assert legal_audit_events() == []


def test_missing_effective_date_is_refused(importer_user) -> None:
    with pytest.raises(DomainError) as caught:
        services.legal_source_import_text(actor=importer_user, text="# 示范规定\n第一条 甲。\n", filename="x.md")

    assert caught.value.code == "legal_effective_date_missing"
    assert not LegalSource.objects.exists()


def test_unknown_level_is_refused(importer_user) -> None:
    with pytest.raises(DomainError) as caught:
        services.legal_source_import_text(
            actor=importer_user, text=fixture_text(LAW_2020), filename=LAW_2020, level="bylaw"
        )
    assert caught.value.code == "legal_level_invalid"
    assert not LegalSource.objects.exists()


def test_import_without_actor_is_recorded_as_system(db: None) -> None:
    services.legal_source_import_text(actor=None, text=fixture_text(LAW_2020), filename=LAW_2020)
    [event] = legal_audit_events()
    assert event.actor is None
