"""All writes to the legal library: importing texts and changing a source's status.

Each service validates (parsing/rules), writes, and records the audit row in the same transaction.
They use `transaction.atomic` without `durable=True` on purpose, as fazhi.orgs does: the `laws`
importer composes them into one all-or-nothing transaction for a whole directory of files.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.errors import Conflict, DomainError
from fazhi.core.validation import full_clean
from fazhi.legal import locks, rules, selectors
from fazhi.legal.choices import LegalLevel, LegalStatus
from fazhi.legal.models import LegalArticle, LegalSource, LegalSourceVersion
from fazhi.legal.parsing import ParsedLaw, parse_law_text, short_title_for

Actor = Any  # fazhi.orgs.models.User or None (system jobs); the audit service records either


class ImportOutcome(enum.StrEnum):
    CREATED = "created"  # a new source with its first version
    NEW_VERSION = "new_version"  # a new text of a known source
    UNCHANGED = "unchanged"  # this exact text was imported before


@dataclass(frozen=True, slots=True)
class LegalImportResult:
    source: LegalSource
    version: LegalSourceVersion
    outcome: ImportOutcome
    warnings: tuple[str, ...] = ()


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _rechain(*, source: LegalSource, today: date) -> dict[str, list[Any]]:
    """Recompute status/effective_to of every version of `source`; return the audit changes."""
    versions = {version.pk: version for version in source.versions.all()}
    facts = [
        rules.VersionFacts(
            key=v.pk, effective_from=v.effective_from, promulgated_on=v.promulgated_on, status=v.status,
            effective_to=v.effective_to,
        )
        for v in versions.values()
    ]  # fmt: skip
    changes: dict[str, list[Any]] = {}
    for plan in rules.version_chain(facts, today=today):
        version = versions[plan.key]
        if (version.status, version.effective_to) == (plan.status, plan.effective_to):
            continue
        changes[f"version:{version.pk}:status"] = [version.status, plan.status]
        changes[f"version:{version.pk}:effective_to"] = [_iso(version.effective_to), _iso(plan.effective_to)]
        version.status, version.effective_to = plan.status, plan.effective_to
        version.save(update_fields=["status", "effective_to", "updated_at"])
    return changes


def _articles_create(*, version: LegalSourceVersion, parsed: ParsedLaw) -> None:
    # bulk_create skips full_clean: the parser has already checked numbering and lengths.
    LegalArticle.objects.bulk_create(
        [
            LegalArticle(
                version=version,
                position=position,
                number=article.number,
                suffix=article.suffix,
                number_zh=article.number_zh,
                part=article.part,
                chapter=article.chapter,
                section=article.section,
                text=article.text,
                paragraph_count=article.paragraph_count,
            )
            for position, article in enumerate(parsed.articles, start=1)
        ],
        batch_size=500,
    )


@transaction.atomic
def legal_source_import_parsed(
    *,
    actor: Actor,
    parsed: ParsedLaw,
    level: str | None = None,
    title: str | None = None,
    effective_from: date | None = None,
) -> LegalImportResult:
    """Store one parsed text: a new source, a new version of a known source, or nothing if already known.

    The source is found by title. A text whose checksum that source already has changes nothing
    (outcome UNCHANGED, no audit row). A new text becomes a new version; all versions of the source
    are then re-chained (rules.version_chain): the older ones become 已被修改 with an end date.

    Writes: LegalSource (new, or level/文号 of the newest version), LegalSourceVersion, LegalArticle
    rows, AuditEvent LEGAL_SOURCE_IMPORTED (new source) or LEGAL_VERSION_CREATED (new version; its
    changes include the status and end date of every re-chained older version).
    """
    title = (title or parsed.title).strip()
    start = effective_from or parsed.effective_from
    if start is None:
        raise DomainError(
            f"无法确定《{title}》的施行日期：请在文件中写明“施行日期：YYYY-MM-DD”，或在文件名中注明日期。",
            code="legal_effective_date_missing",
            fields={"effective_from": ["必填。"]},
        )
    if level is not None and level not in LegalLevel.values:
        raise DomainError(
            f"未知的效力级别：{level}", code="legal_level_invalid", fields={"level": ["无效的效力级别。"]}
        )

    source, existing = selectors.legal_version_find(title=title, checksum=parsed.checksum)
    if source is not None and existing is not None:
        return LegalImportResult(source=source, version=existing, outcome=ImportOutcome.UNCHANGED)

    today = timezone.localdate()
    created = source is None
    source_changes: dict[str, list[Any]] = {}
    if source is None:
        source = LegalSource(
            title=title,
            short_title=short_title_for(title),
            level=level or parsed.level,
            issuer=parsed.issuer,
            document_number=parsed.document_number,
        )
        full_clean(source, code="legal_source_invalid")
        try:
            with transaction.atomic():
                source.save()
        except IntegrityError as exc:  # a concurrent import of the same title
            raise Conflict(f"《{title}》正在被另一导入任务写入，请重试。", code="legal_source_conflict") from exc
    else:
        # Re-chaining reads and rewrites every version of the source: one import at a time.
        source = locks.legal_source_lock(source_id=source.pk)
        _source, existing = selectors.legal_version_find(title=title, checksum=parsed.checksum)
        if existing is not None:  # a concurrent import stored this very text while we waited for the lock
            return LegalImportResult(source=source, version=existing, outcome=ImportOutcome.UNCHANGED)
    if not created and level is not None and level != source.level:
        source_changes["level"] = [source.level, level]
        source.level = level
        source.save(update_fields=["level", "updated_at"])

    version = LegalSourceVersion(
        source=source,
        label=rules.version_label(
            promulgated_on=parsed.promulgated_on, revision_kind=parsed.revision_kind, effective_from=start
        ),
        promulgated_on=parsed.promulgated_on,
        effective_from=start,
        status=rules.status_on_import(effective_from=start, today=today),
        document_number=parsed.document_number,
        preamble=parsed.preamble,
        filename=parsed.filename[:255],
        checksum=parsed.checksum,
        article_count=len(parsed.articles),
    )
    full_clean(version, code="legal_version_invalid")
    try:
        with transaction.atomic():
            version.save()
    except IntegrityError as exc:  # the same text committed by a concurrent import after our check
        raise Conflict(f"《{title}》的同一文本正在被另一导入任务写入，请重试。", code="legal_source_conflict") from exc
    _articles_create(version=version, parsed=parsed)
    chain_changes = _rechain(source=source, today=today)
    version.refresh_from_db(fields=["status", "effective_to"])

    # The source's 文号 follows its newest text (the one no other version supersedes).
    newest = selectors.legal_source_versions(source=source).first()
    if newest is not None and newest.pk == version.pk and parsed.document_number != source.document_number:
        if not created:
            source_changes["document_number"] = [source.document_number, parsed.document_number]
        source.document_number = parsed.document_number
        source.save(update_fields=["document_number", "updated_at"])

    version_summary = {
        "version": [None, version.label],
        "effective_from": [None, start.isoformat()],
        "status": [None, version.status],
        "articles": [None, version.article_count],
        "checksum": [None, version.checksum],
    }
    if created:
        record_audit(
            actor=actor,
            event_type=AuditEventType.LEGAL_SOURCE_IMPORTED,
            target=source,
            reason=f"导入文件：{parsed.filename}" if parsed.filename else "",
            changes={"title": [None, source.title], "level": [None, source.level], **version_summary},
        )
    else:
        record_audit(
            actor=actor,
            event_type=AuditEventType.LEGAL_VERSION_CREATED,
            target=version,
            reason=f"导入文件：{parsed.filename}" if parsed.filename else "",
            changes={**version_summary, **source_changes, **chain_changes},
        )
    outcome = ImportOutcome.CREATED if created else ImportOutcome.NEW_VERSION
    return LegalImportResult(source=source, version=version, outcome=outcome, warnings=parsed.warnings)


@transaction.atomic
def legal_source_import_text(
    *,
    actor: Actor,
    text: str,
    filename: str,
    level: str | None = None,
    title: str | None = None,
    effective_from: date | None = None,
) -> LegalImportResult:
    """Parse a law text (Markdown or plain) and store it; see legal_source_import_parsed.

    Raises DomainError naming the file when the text has no 第…条 articles or is garbled.
    Writes: as legal_source_import_parsed.
    """
    parsed = parse_law_text(text, filename=filename, title=title)
    return legal_source_import_parsed(
        actor=actor, parsed=parsed, level=level, title=title, effective_from=effective_from
    )


@transaction.atomic
def legal_source_import_batch(*, actor: Actor, documents: Sequence[ParsedLaw]) -> list[LegalImportResult]:
    """Store several parsed texts in one transaction: any error leaves the library untouched.

    Writes: as legal_source_import_parsed, once per document.
    """
    results = [legal_source_import_parsed(actor=actor, parsed=document) for document in documents]
    # A later file may have superseded an earlier one's version: return the statuses as stored now.
    for result in results:
        result.version.refresh_from_db(fields=["status", "effective_to"])
    return results


@transaction.atomic
def legal_source_set_status(
    *,
    actor: Actor,
    source: LegalSource,
    status: str,
    reason: str,
    effective_on: date | None = None,
) -> LegalSourceVersion:
    """Mark a source 已废止 from `effective_on`, or undo such a mark (现行有效); return its newest version.

    Only the newest version carries the mark; older versions are already 已被修改.
    Writes: LegalSourceVersion.status/effective_to, AuditEvent LEGAL_SOURCE_STATUS_CHANGED.
    """
    if not reason.strip():
        raise DomainError("请填写变更原因。", code="reason_required", fields={"reason": ["必填。"]})
    # Lock-free on SQLite (IMMEDIATE transactions serialise writers); the conditional UPDATE below
    # catches a concurrent change on PostgreSQL.
    newest = selectors.legal_source_versions(source=source).first()
    if newest is None:
        raise DomainError(f"《{source.title}》还没有导入任何文本。", code="legal_source_empty")
    change = rules.status_change(
        current_status=newest.status,
        new_status=status,
        effective_from=newest.effective_from,
        effective_on=effective_on,
        today=timezone.localdate(),
    )
    updated = LegalSourceVersion.objects.filter(pk=newest.pk, status=newest.status).update(
        status=change.status, effective_to=change.effective_to, updated_at=timezone.now()
    )
    if updated != 1:
        raise Conflict("法规状态已被他人修改，请刷新后重试。", code="legal_status_conflict")
    record_audit(
        actor=actor,
        event_type=AuditEventType.LEGAL_SOURCE_STATUS_CHANGED,
        target=source,
        reason=reason,
        changes={
            "version": [newest.label, newest.label],
            "status": [newest.status, change.status],
            "effective_to": [_iso(newest.effective_to), _iso(change.effective_to)],
        },
    )
    newest.refresh_from_db()
    return newest


@transaction.atomic
def legal_version_statuses_refresh(*, actor: Actor, today: date | None = None) -> int:
    """Turn 尚未施行 into 现行有效 for versions whose 施行日期 has come; return how many changed.

    Meant for the scheduled `fazhi tick`: the stored label otherwise stays 尚未施行 after the day.
    Writes: LegalSourceVersion.status, one AuditEvent LEGAL_SOURCE_STATUS_CHANGED per version.
    """
    today = today or timezone.localdate()
    due = LegalSourceVersion.objects.select_related("source").filter(
        status=LegalStatus.NOT_YET_EFFECTIVE, effective_from__lte=today
    )
    changed = 0
    for version in due:
        updated = LegalSourceVersion.objects.filter(pk=version.pk, status=LegalStatus.NOT_YET_EFFECTIVE).update(
            status=LegalStatus.IN_FORCE, updated_at=timezone.now()
        )
        if updated != 1:
            continue
        changed += 1
        record_audit(
            actor=actor,
            event_type=AuditEventType.LEGAL_SOURCE_STATUS_CHANGED,
            target=version.source,
            reason=f"施行日期{version.effective_from.isoformat()}已到",
            changes={"version": [version.label, version.label], "status": [version.status, LegalStatus.IN_FORCE]},
        )
    return changed
