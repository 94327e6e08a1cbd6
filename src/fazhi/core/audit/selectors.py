"""Reads of the audit log, including the tamper check."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from fazhi.core.audit.hashing import row_hash
from fazhi.core.audit.models import GENESIS_HASH, AuditChainHead, AuditEvent

# Verification streams the table in chunks: it must work for millions of rows.
VERIFY_CHUNK = 2000


@dataclass(frozen=True, slots=True)
class ChainProblem:
    sequence: int
    kind: str  # changed / deleted / broken_link / head_mismatch / checkpoint_mismatch
    detail: str  # Chinese


@dataclass
class VerifyReport:
    checked: int = 0
    last_sequence: int = 0
    last_hash: str = GENESIS_HASH
    problems: list[ChainProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "checked": self.checked,
            "last_sequence": self.last_sequence,
            "last_hash": self.last_hash,
            "problems": [{"sequence": p.sequence, "kind": p.kind, "detail": p.detail} for p in self.problems],
        }


def audit_events_for(*, target: models.Model) -> QuerySet[AuditEvent]:
    """The audit history of one object, oldest first."""
    content_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
    return AuditEvent.objects.filter(target_type=content_type, target_id=str(target.pk)).order_by("sequence")


def audit_event_list(*, event_type: int | None = None) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.select_related("target_type").order_by("-sequence")
    return events.filter(event_type=event_type) if event_type is not None else events


def audit_chain_head() -> AuditChainHead:
    return AuditChainHead.objects.get(pk=1)


def _content_type_names() -> dict[int, str]:
    return {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()}


def audit_chain_verify(*, checkpoint: tuple[str, int] | None = None) -> VerifyReport:
    """Recompute the whole chain and report every row that was changed or deleted afterwards.

    `checkpoint` (hash, sequence) is a value published earlier with `fazhi audit checkpoint`; it
    catches a chain rewritten consistently together with its head.
    """
    report = VerifyReport()
    type_names = _content_type_names()
    expected_sequence = 1
    expected_prev = GENESIS_HASH
    rows = AuditEvent.objects.order_by("sequence").values_list(
        "sequence",
        "occurred_at",
        "event_type",
        "actor_id",
        "actor_display",
        "request_id",
        "target_type_id",
        "target_id",
        "target_repr",
        "reason",
        "changes",
        "backfilled",
        "prev_hash",
        "row_hash",
        "hash_scheme",
    )
    for (
        seq,
        occurred_at,
        event_type,
        actor_id,
        actor_display,
        request_id,
        type_id,
        target_id,
        target_repr,
        reason,
        changes,
        backfilled,
        prev_hash,
        stored_hash,
        scheme,
    ) in rows.iterator(chunk_size=VERIFY_CHUNK):
        report.checked += 1
        if seq != expected_sequence:
            missing = f"{expected_sequence}" if seq == expected_sequence + 1 else f"{expected_sequence}–{seq - 1}"
            report.problems.append(ChainProblem(expected_sequence, "deleted", f"序号{missing}的审计记录已被删除。"))
        if prev_hash != expected_prev:
            report.problems.append(
                ChainProblem(seq, "broken_link", f"序号{seq}的前一条哈希与链不符（前一条记录被修改或删除）。")
            )
        recomputed = row_hash(
            scheme=scheme,
            sequence=seq,
            occurred_at=occurred_at,
            event_type=event_type,
            actor_id=actor_id,
            actor_display=actor_display,
            request_id=request_id,
            target_type=type_names.get(type_id, "?"),
            target_id=target_id,
            target_repr=target_repr,
            reason=reason,
            changes=changes,
            backfilled=backfilled,
            prev_hash=prev_hash,
        )
        if recomputed != stored_hash:
            report.problems.append(ChainProblem(seq, "changed", f"序号{seq}的审计记录在写入后被修改。"))
        if checkpoint is not None and seq == checkpoint[1] and stored_hash != checkpoint[0]:
            report.problems.append(ChainProblem(seq, "checkpoint_mismatch", f"序号{seq}的哈希与已公布的校验点不一致。"))
        # Continue from the stored hash so one edited row is reported once, not for every later row.
        expected_prev = stored_hash
        expected_sequence = seq + 1
        report.last_sequence, report.last_hash = seq, stored_hash
    head = AuditChainHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.sequence, head.row_hash) if head else (0, GENESIS_HASH)
    if head_seq != report.last_sequence or head_hash != report.last_hash:
        report.problems.append(
            ChainProblem(
                report.last_sequence + 1 if head_seq > report.last_sequence else head_seq,
                "head_mismatch",
                f"链头记录为序号{head_seq}，但表中最后一条为序号{report.last_sequence}（末尾记录被删除或链头被篡改）。",
            )
        )
    if checkpoint is not None and checkpoint[1] > report.last_sequence:
        report.problems.append(
            ChainProblem(checkpoint[1], "checkpoint_mismatch", f"已公布校验点的序号{checkpoint[1]}已不在审计日志中。")
        )
    return report
