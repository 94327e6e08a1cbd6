"""The ranking table of a frozen bulletin as the page and the .docx print it: every scored column.

A unit's score must be explainable from what is printed: each indicator of the scheme with the
unit's value and the points it earned (不适用 where the unit has no value and the scheme prorates),
the points' sum and, when prorated, the weights the sum is scaled over. Read from the snapshot
payload only (never recomputed), including bulletins frozen before these columns were kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from fazhi.supervision.choices import MissingIndicatorPolicy

NOT_APPLICABLE = "不适用"
# Bulletins frozen before the policy was part of the scheme scored a missing indicator 0 (计零).
LEGACY_POLICY = MissingIndicatorPolicy.ZERO


@dataclass(frozen=True, slots=True)
class Column:
    code: str
    name: str
    weight: str


@dataclass(frozen=True, slots=True)
class Cell:
    value: str  # the unit's figure with its unit label, or —
    points: str  # the points earned, or 不适用


@dataclass(frozen=True, slots=True)
class Row:
    group: str
    rank: int
    group_size: int
    code: str
    name: str
    cells: list[Cell]
    points: str  # Σ points
    applicable_weight: str
    full_score: str
    score: str

    @property
    def prorated(self) -> bool:
        return Decimal(self.applicable_weight) != Decimal(self.full_score)

    @property
    def working(self) -> str:
        """How the score follows from the points: 69.25÷75×100 when prorated, else nothing to add."""
        if not self.prorated:
            return ""
        return f"{self.points}÷{self.applicable_weight}×{self.full_score}"


def _number(value: Any) -> str:
    return f"{Decimal(str(value)).normalize():f}"


def policy(payload: Mapping[str, Any]) -> str:
    return payload["scheme"].get("missing_indicator_policy", LEGACY_POLICY)


def policy_label(payload: Mapping[str, Any]) -> str:
    return str(MissingIndicatorPolicy(policy(payload)).label)


def policy_sentence(payload: Mapping[str, Any]) -> str:
    """The scoring of a missing indicator in the words of the 通报 (a scheme choice, stated)."""
    if policy(payload) == MissingIndicatorPolicy.ZERO:
        return "单位某项指标本期无数值（显示“—”）的，该项计0分。"
    return (
        "单位某项指标本期无数值（显示“—”，如本期未作出处罚决定则无按期办结率）的，该项不适用、不计分，"
        "得分按其余适用指标折算：得分＝各适用指标得分之和÷适用指标权重之和×100。"
    )


def columns(payload: Mapping[str, Any]) -> list[Column]:
    names = {d["code"]: d.get("name", d["code"]) for d in payload.get("definitions", [])}
    return [
        Column(code, names.get(code, code), _number(spec["weight"]))
        for code, spec in payload["scheme"]["weights"].items()
    ]


def _value(indicator: Mapping[str, Any] | None) -> str:
    if not indicator or indicator.get("value") is None:
        return "—"
    return f"{indicator['value']}{indicator.get('unit_label', '')}"


def rows(payload: Mapping[str, Any]) -> list[Row]:
    cols = columns(payload)
    full = sum((Decimal(c.weight) for c in cols), Decimal(0))
    result = []
    for row in payload["ranking"]:
        parts = row.get("parts", {})
        cells = [
            Cell(_value(row["indicators"].get(c.code)), NOT_APPLICABLE if parts.get(c.code) is None else parts[c.code])
            for c in cols
        ]
        # frozen before the sum and the applicable weights were kept: every weight counted (计零)
        points = row.get("points") or str(sum((Decimal(p) for p in parts.values() if p is not None), Decimal(0)))
        result.append(
            Row(
                group=row["group"],
                rank=row["rank"],
                group_size=row["group_size"],
                code=row["code"],
                name=row["name"],
                cells=cells,
                points=points,
                applicable_weight=_number(row.get("applicable_weight", full)),
                full_score=_number(full),
                score=row["score"],
            )
        )
    return result
