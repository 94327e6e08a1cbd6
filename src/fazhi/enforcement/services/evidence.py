"""Evidence upload: content-addressed storage (SHA-256) plus the Evidence row, audit and timeline."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import IO, Any

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.enforcement import events, rules, selectors
from fazhi.enforcement.choices import EvidenceStage, EvidenceType
from fazhi.enforcement.models import Evidence, Inspection, PenaltyCase
from fazhi.enforcement.rules.common import refuse, refuse_check, refuse_check_now
from fazhi.enforcement.services._common import require_act_date

CHUNK = 1024 * 1024


def _hash_and_size(stream: IO[bytes]) -> tuple[str, int, bytes]:
    digest = hashlib.sha256()
    size = 0
    head = b""
    stream.seek(0)
    while chunk := stream.read(CHUNK):
        if not head:
            head = chunk[:64]
        digest.update(chunk)
        size += len(chunk)
    stream.seek(0)
    return digest.hexdigest(), size, head


def _store_blob(stream: IO[bytes], sha256: str) -> str:
    """Save the content once under evidence/<sha[:2]>/<sha>; an existing blob is reused (idempotent).

    Runs before the database transaction: a crash leaves at most an unreferenced blob, which a
    later upload of the same content reuses, never a row pointing at a missing file.
    """
    name = rules.evidence_storage_name(sha256)
    if not default_storage.exists(name):
        saved = default_storage.save(name, File(stream))
        if saved != name:  # a concurrent upload of the same content won the race
            default_storage.delete(saved)
    return name


def evidence_add(
    *,
    actor: Any,
    stream: IO[bytes],
    original_name: str,
    content_type: str,
    evidence_type: str,
    stage: str,
    title: str,
    collected_on: date,
    case: PenaltyCase | None = None,
    inspection: Inspection | None = None,
    description: str = "",
    audio_video_recorded: bool = False,
) -> Evidence:
    """Attach a file of an Art. 46 type to a case (in a stage that allows it) or an inspection.

    Guards: allowed content type per evidence type and size (settings FAZHI_EVIDENCE_*), the
    declared type matching the file's signature, full audio-video recording for on-site
    查封/扣押/强制执行 (三项制度), the case state (add_evidence). The same content is stored once;
    attaching it twice to the same record is a Conflict.
    Writes: the blob (before the transaction), Evidence, AuditEvent EVIDENCE_ADDED, CaseEvent (cases).
    """
    if (case is None) == (inspection is None):
        raise refuse_check("证据应当属于一个案件或一次检查", code="evidence.owner_required", rule="证据归属唯一")
    if evidence_type not in EvidenceType.values:
        raise refuse(
            "证据种类应当为法定的证据种类",
            code="evidence.invalid_type",
            article="第四十六条第一款",
            fields={"evidence_type": ["无效。"]},
        )
    if stage not in EvidenceStage.values:
        raise refuse(
            "执法环节应当为全过程记录的执法环节之一",
            code="evidence.invalid_type",
            article="第四十七条",
            fields={"stage": ["无效。"]},
        )
    # Evidence may predate the case (an inspection's record), but it cannot have been obtained tomorrow.
    require_act_date(collected_on, field="collected_on", label="取得日期", article="第四十六条")
    title = (title or "").strip() or original_name
    sha256, size, head = _hash_and_size(stream)
    limits = selectors.evidence_limits()
    rules.require_acceptable_file(
        evidence_type=evidence_type,
        content_type=content_type,
        size=size,
        head=head,
        allowed=limits.allowed,
        max_bytes=limits.max_bytes,
        max_bytes_audio_video=limits.max_bytes_audio_video,
    )
    rules.require_audio_video_record(stage=stage, audio_video_recorded=audio_video_recorded)
    if case is not None:
        rules.require_action(status=case.status, procedure=case.procedure, action="add_evidence")
    storage_name = _store_blob(stream, sha256)
    return _evidence_record(
        actor=actor,
        case=case,
        inspection=inspection,
        evidence_type=evidence_type,
        stage=stage,
        title=title,
        description=description.strip(),
        collected_on=collected_on,
        audio_video_recorded=audio_video_recorded,
        sha256=sha256,
        size=size,
        content_type=content_type,
        original_name=original_name[:255],
        storage_name=storage_name,
    )


@transaction.atomic(durable=True)
def _evidence_record(*, actor: Any, case: PenaltyCase | None, **values: Any) -> Evidence:
    evidence = Evidence(case=case, uploaded_by=actor, **values)
    try:
        with transaction.atomic():
            evidence.save()
    except IntegrityError as exc:
        raise refuse_check_now(
            "该文件已登记为本案（本次检查）的证据",
            code="evidence.duplicate",
            rule="同一文件在同一案件或检查中只登记一次",
            article="第四十六条",
        ) from exc
    record_audit(
        actor=actor,
        event_type=AuditEventType.EVIDENCE_ADDED,
        target=evidence,
        changes={
            "owner": [None, f"case:{case.pk}" if case else f"inspection:{evidence.inspection_id}"],
            "evidence_type": [None, evidence.evidence_type],
            "sha256": [None, evidence.sha256],
            "size": [None, evidence.size],
        },
    )
    if case is not None:
        events.evidence_added(
            case=case,
            actor=actor,
            evidence_id=evidence.pk,
            title=evidence.title,
            sha256=evidence.sha256,
            on=evidence.collected_on,
        )
    return evidence
