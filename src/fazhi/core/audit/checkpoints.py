"""Checkpoints: the state of every chain, published outside the database and checked later.

A checkpoint is written `DIGEST@S1.S2.….SN`: Sk is chain k's last sequence at that moment and
DIGEST the SHA-256 of the lines "k:Sk:hash of chain k's row Sk" (the genesis hash for an empty
chain). Someone who later rewrites chains consistently, heads included, changes at least one of
those row hashes, so the digest no longer matches. A checkpoint published before the log had
several chains reads `HASH@SEQ` (one number): the hash of row SEQ of chain 1, checked as such.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db.models import Q

from fazhi.core.audit.models import GENESIS_HASH, AuditChainHead, AuditEvent


@dataclass(frozen=True, slots=True)
class Checkpoint:
    digest: str
    sequences: tuple[int, ...]  # by chain number, from chain 1

    @property
    def is_single_chain(self) -> bool:
        """The form published before the log had several chains: the row hash itself, chain 1."""
        return len(self.sequences) == 1

    def __str__(self) -> str:
        return f"{self.digest}@{'.'.join(str(sequence) for sequence in self.sequences)}"


class CheckpointFormatError(ValueError):
    pass


def parse_checkpoint(text: str) -> Checkpoint:
    digest, _, sequences = text.strip().partition("@")
    parts = sequences.split(".")
    if len(digest) != 64 or any(c not in "0123456789abcdefABCDEF" for c in digest):
        raise CheckpointFormatError(digest)
    if not all(part.isdigit() for part in parts):
        raise CheckpointFormatError(sequences)
    return Checkpoint(digest.lower(), tuple(int(part) for part in parts))


def _digest(hashes: list[tuple[int, int, str]]) -> str:
    lines = "\n".join(f"{chain}:{sequence}:{row_hash}" for chain, sequence, row_hash in hashes)
    return hashlib.sha256(lines.encode()).hexdigest()


def current_checkpoint() -> Checkpoint:
    """The checkpoint of the log as it is now (from the heads: one query)."""
    heads = list(AuditChainHead.objects.order_by("pk").values_list("pk", "sequence", "row_hash"))
    return Checkpoint(_digest(heads), tuple(sequence for _, sequence, _ in heads))


def _stored_hashes(checkpoint: Checkpoint) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """(chain, sequence, row hash now stored) for every end in the checkpoint, and the missing rows."""
    wanted = {(chain, sequence) for chain, sequence in enumerate(checkpoint.sequences, start=1) if sequence}
    ends = Q()
    for chain, sequence in wanted:  # at most one row per chain, each found by the unique index
        ends |= Q(chain=chain, sequence=sequence)
    rows = AuditEvent.objects.filter(ends).values_list("chain", "sequence", "row_hash") if wanted else []
    found = {(chain, sequence): row_hash for chain, sequence, row_hash in rows}
    hashes = [
        (chain, sequence, found.get((chain, sequence), GENESIS_HASH) if sequence else GENESIS_HASH)
        for chain, sequence in enumerate(checkpoint.sequences, start=1)
    ]
    return hashes, sorted(wanted - found.keys())


def checkpoint_mismatches(checkpoint: Checkpoint) -> list[tuple[int, int, str]]:
    """(chain, sequence, Chinese detail) for each way the log no longer matches the checkpoint."""
    hashes, missing = _stored_hashes(checkpoint)
    mismatches = [
        (chain, sequence, f"已公布校验点的第{chain}链序号{sequence}已不在审计日志中。") for chain, sequence in missing
    ]
    if checkpoint.is_single_chain:
        chain, sequence, stored = hashes[0]
        if sequence and not missing and stored != checkpoint.digest:
            mismatches.append((chain, sequence, f"第{chain}链序号{sequence}的哈希与已公布的校验点不一致。"))
    elif not missing and _digest(hashes) != checkpoint.digest:
        ends = "、".join(f"第{chain}链序号{sequence}" for chain, sequence, _ in hashes if sequence)
        mismatches.append((1, 0, f"校验点所列各链末条记录（{ends or '空'}）的哈希与已公布的校验点不一致。"))
    return mismatches
