"""Reads of the audit log, including the tamper check."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from fazhi.core.audit.checkpoints import Checkpoint, checkpoint_mismatches
from fazhi.core.audit.hashing import row_hash
from fazhi.core.audit.models import GENESIS_HASH, AuditChainHead, AuditEvent

# Verification streams the table in chunks: it must work for millions of rows.
VERIFY_CHUNK = 2000


@dataclass(frozen=True, slots=True)
class ChainProblem:
    chain: int
    sequence: int
    kind: str  # changed / deleted / broken_link / head_mismatch / checkpoint_mismatch
    detail: str  # Chinese


@dataclass(frozen=True, slots=True)
class ChainEnd:
    """Where one chain ends: its last sequence and hash (0 and the genesis hash when empty)."""

    chain: int
    sequence: int
    row_hash: str


@dataclass
class VerifyReport:
    checked: int = 0
    chains: list[ChainEnd] = field(default_factory=list)
    problems: list[ChainProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "checked": self.checked,
            "chains": [{"chain": c.chain, "sequence": c.sequence, "hash": c.row_hash} for c in self.chains],
            "problems": [
                {"chain": p.chain, "sequence": p.sequence, "kind": p.kind, "detail": p.detail} for p in self.problems
            ],
        }


def audit_events_for(*, target: models.Model) -> QuerySet[AuditEvent]:
    """The audit history of one object, oldest first."""
    content_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
    return AuditEvent.objects.filter(target_type=content_type, target_id=str(target.pk)).order_by("id")


def audit_event_list(*, event_type: int | None = None) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.select_related("target_type").order_by("-id")
    return events.filter(event_type=event_type) if event_type is not None else events


def audit_chain_heads() -> list[AuditChainHead]:
    return list(AuditChainHead.objects.order_by("pk"))


def _content_type_names() -> dict[int, str]:
    return {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()}


_VERIFIED_COLUMNS = (
    "chain",
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


class _ChainWalk:
    """The state of one chain while its rows are read in sequence order."""

    def __init__(self, chain: int) -> None:
        self.chain = chain
        self.expected_sequence = 1
        self.expected_prev = GENESIS_HASH
        self.last_sequence = 0
        self.last_hash = GENESIS_HASH

    def check(self, row: dict, type_names: dict[int, str], problems: list[ChainProblem]) -> None:
        chain, seq, stored_hash = self.chain, row["sequence"], row["row_hash"]
        if seq != self.expected_sequence:
            gap = self.expected_sequence
            missing = f"{gap}" if seq == gap + 1 else f"{gap}–{seq - 1}"
            problems.append(ChainProblem(chain, gap, "deleted", f"第{chain}链序号{missing}的审计记录已被删除。"))
        if row["prev_hash"] != self.expected_prev:
            problems.append(
                ChainProblem(
                    chain, seq, "broken_link", f"第{chain}链序号{seq}的前一条哈希与链不符（前一条记录被修改或删除）。"
                )
            )
        fields = {k: v for k, v in row.items() if k not in ("chain", "row_hash", "hash_scheme", "target_type_id")}
        target_type = type_names.get(row["target_type_id"], "?")
        recomputed = row_hash(scheme=row["hash_scheme"], target_type=target_type, **fields)
        if recomputed != stored_hash:
            problems.append(ChainProblem(chain, seq, "changed", f"第{chain}链序号{seq}的审计记录在写入后被修改。"))
        # Continue from the stored hash so one edited row is reported once, not for every later row.
        self.expected_prev, self.expected_sequence = stored_hash, seq + 1
        self.last_sequence, self.last_hash = seq, stored_hash

    def compare_with_head(self, head: AuditChainHead | None, problems: list[ChainProblem]) -> None:
        head_seq, head_hash = (head.sequence, head.row_hash) if head else (0, GENESIS_HASH)
        if head is None and self.last_sequence:
            problems.append(ChainProblem(self.chain, 0, "head_mismatch", f"第{self.chain}链的链头记录已被删除。"))
        elif head_seq != self.last_sequence or head_hash != self.last_hash:
            problems.append(
                ChainProblem(
                    self.chain,
                    self.last_sequence + 1 if head_seq > self.last_sequence else head_seq,
                    "head_mismatch",
                    f"第{self.chain}链链头记录为序号{head_seq}，但表中最后一条为序号{self.last_sequence}"
                    "（末尾记录被删除或链头被篡改）。",
                )
            )


def audit_chain_verify(*, checkpoint: Checkpoint | None = None) -> VerifyReport:
    """Recompute every chain and report every row that was changed or deleted afterwards.

    `checkpoint` is a value published earlier with `fazhi audit checkpoint`; it catches chains
    rewritten consistently together with their heads.
    """
    report = VerifyReport()
    type_names = _content_type_names()
    heads = {head.pk: head for head in AuditChainHead.objects.all()}
    walks: dict[int, _ChainWalk] = {}
    walk: _ChainWalk | None = None
    # (chain, sequence) order is the unique index: one streamed pass, one chain after another.
    rows = AuditEvent.objects.order_by("chain", "sequence").values(*_VERIFIED_COLUMNS)
    for row in rows.iterator(chunk_size=VERIFY_CHUNK):
        if walk is None or walk.chain != row["chain"]:
            walk = walks[row["chain"]] = _ChainWalk(row["chain"])
        report.checked += 1
        walk.check(row, type_names, report.problems)
    for chain in sorted(heads.keys() | walks.keys()):
        walk = walks.get(chain) or _ChainWalk(chain)
        walk.compare_with_head(heads.get(chain), report.problems)
        report.chains.append(ChainEnd(chain, walk.last_sequence, walk.last_hash))
    if checkpoint is not None:
        report.problems.extend(
            ChainProblem(chain, sequence, "checkpoint_mismatch", detail)
            for chain, sequence, detail in checkpoint_mismatches(checkpoint)
        )
    return report
