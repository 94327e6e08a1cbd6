"""The ranking table of a frozen bulletin as the page and the .docx print it: every scored column.

A unit's score must be explainable from what is printed: each indicator of the scheme with the
unit's value and the points it earned (不适用 where the unit has no value and the scheme prorates),
the points' sum and, when prorated, the weights the sum is scaled over. Read from the snapshot
payload only (never recomputed), including bulletins frozen before these columns were kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from fazhi.supervision.choices import MissingIndicatorPolicy, RecordType
from fazhi.supervision.rules import RECORD_TYPE_MEASURE, SCALE_PEER_MAX

NOT_APPLICABLE = "不适用"
# One table for the units alone in their 执法领域: a rank of one ("1/1") compares the unit with nobody.
# The heading stays on one line of the .docx; single_unit_note says why.
SINGLE_UNIT_HEADING = "其他单位（不参与组内排名）"
ONLY_SINGLE_UNITS_HEADING = "各单位得分（不参与组内排名）"  # no 执法领域 has two ranked units
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

    @property
    def applicable(self) -> bool:
        """False when the indicator was not scored for the unit (不适用: no value, prorated)."""
        return self.points != NOT_APPLICABLE


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
    tied: bool = False  # another unit of the group has the same score (and so the same rank)

    @property
    def alone(self) -> bool:
        """True when the unit is the only ranked unit of its 执法领域: its rank (1/1) says nothing."""
        return self.group_size == 1

    @property
    def rank_label(self) -> str:
        """ "2/3", or "并列2/3" when the rank is shared (standard competition ranking: 1, 2, 2, 4)."""
        return f"{'并列' if self.tied else ''}{self.rank}/{self.group_size}"

    @property
    def prorated(self) -> bool:
        return Decimal(self.applicable_weight) != Decimal(self.full_score)

    @property
    def working(self) -> str:
        """How the score follows from the points: 69.25÷75×100 when prorated, else nothing to add."""
        if not self.prorated:
            return ""
        return f"{self.points}÷{self.applicable_weight}×{self.full_score}"


@dataclass(frozen=True, slots=True)
class PeerGroup:
    name: str
    rows: list[Row]


class Ranking(list[Row]):
    """The ranking's rows in the bulletin's order (by 执法领域, then rank), laid out as a 通报 prints
    them: a table per real peer group (two or more ranked units), then one table of the units alone
    in their 执法领域. The page and the .docx both take this split, so they show the same tables."""

    @property
    def peer_groups(self) -> list[PeerGroup]:
        groups: dict[str, list[Row]] = {}
        for row in self:
            if not row.alone:
                groups.setdefault(row.group, []).append(row)
        return [PeerGroup(name, members) for name, members in groups.items()]

    @property
    def single_unit_rows(self) -> list[Row]:
        return [row for row in self if row.alone]

    @property
    def single_unit_heading(self) -> str:
        return SINGLE_UNIT_HEADING if self.peer_groups else ONLY_SINGLE_UNITS_HEADING

    @property
    def single_unit_note(self) -> str:
        """Why these units have no rank, and that their scores still count for the 约谈 list."""
        return (
            f"以下{len(self.single_unit_rows)}个单位所在执法领域本期仅有一个单位参与排名，不作组内排名，"
            "按执法领域列出得分；其得分与其他单位一并计入末位约谈的综合排序。"
        )


def _number(value: Any) -> str:
    return f"{Decimal(str(value)).normalize():f}"


def _indicator_names(payload: Mapping[str, Any]) -> dict[str, str]:
    """Indicator code → its name, as the bulletin's frozen definitions give it."""
    return {d["code"]: d.get("name", d["code"]) for d in payload.get("definitions", [])}


def policy(payload: Mapping[str, Any]) -> str:
    return payload["scheme"].get("missing_indicator_policy", LEGACY_POLICY)


def policy_label(payload: Mapping[str, Any]) -> str:
    """The 缺项计分 in the words frozen with the bulletin, whatever the choice reads now.

    Bulletins frozen before the label was kept name it from their policy code (计零 when that too
    is missing, LEGACY_POLICY)."""
    frozen = payload["scheme"].get("missing_indicator_policy_label")
    return str(frozen) if frozen else str(MissingIndicatorPolicy(policy(payload)).label)


def scheme_line(payload: Mapping[str, Any]) -> str:
    """The scheme in the bulletin's header, one level of brackets: 行政执法考核指标体系 · 第1版 · 缺项计分：…"""
    scheme = payload["scheme"]
    return f"{scheme['name']} · 第{scheme['version']}版 · 缺项计分：{policy_label(payload)}"


def peer_max_sentence(payload: Mapping[str, Any]) -> str:
    """How an indicator scored against the group's best (scale peer_max, e.g. 人均执法量) earns points."""
    names = _indicator_names(payload)
    relative = [names.get(code, code) for code, spec in payload["scheme"]["weights"].items()
                if spec.get("scale") == SCALE_PEER_MAX]  # fmt: skip
    if not relative:
        return ""
    return (
        f"{'、'.join(relative)}按与同组最高值的比值计分：该项得分＝权重×本单位指标值÷同组最高值，"
        "同组指标值最高的单位得满分；同组只有一个单位的，指标值大于0即得满分。"
    )


def record_breakdown(total: Mapping[str, Mapping[str, Any]]) -> str:
    """行政检查1171条、行政处罚154条、…、其他150条: every record type, so the parts add up to the total."""
    parts = []
    for record_type in RecordType:
        entry = total.get(RECORD_TYPE_MEASURE[record_type]) or {}
        value = entry.get("value")
        parts.append(f"{record_type.label}{'—' if value is None else str(value).split('.')[0]}条")
    return "、".join(parts)


def summoned(payload: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The 约谈 list with each unit's place: 综合得分并列第3/16名 when other ranked units share its score."""
    scores = Counter(row["score"] for row in payload["ranking"])
    result = []
    for row in payload["summoned"]:
        tied = "并列" if scores[row["score"]] > 1 else ""
        if row.get("overall_rank"):
            place = f"综合得分{tied}第{row['overall_rank']}/{row['ranked']}名"
        else:  # frozen before the overall place was kept
            place = f"组内第{row['rank']}/{row['group_size']}名"
        result.append({**row, "place": place})
    return result


def summoned_heading(payload: Mapping[str, Any]) -> str:
    """末位约谈建议（3个单位）, or 末位约谈建议：末位3名（含并列共14个单位） when units tied at the N-th
    lowest score lengthen the list (rules.bottom_units)."""
    count, n = len(payload["summoned"]), payload["scheme"].get("bottom_n")
    if not count:
        return "末位约谈建议"
    if n and count > n:
        return f"末位约谈建议：末位{n}名（含并列共{count}个单位）"
    return f"末位约谈建议（{count}个单位）"


def policy_sentence(payload: Mapping[str, Any]) -> str:
    """The scoring of a missing indicator in the words of the 通报 (a scheme choice, stated)."""
    if policy(payload) == MissingIndicatorPolicy.ZERO:
        return "单位某项指标本期无数值（显示“—”）的，该项计0分。"
    return (
        "单位某项指标本期无数值（显示“—”，如本期未作出处罚决定则无按期办结率）的，该项不适用、不计分，"
        "得分按其余适用指标折算：得分＝各适用指标得分之和÷适用指标权重之和×100。"
    )


def policy_note(payload: Mapping[str, Any]) -> str:
    """The 说明 of the ranking on how an indicator without a value was treated: the frozen label, then
    what it means (the page's scoring note and the .docx's ranking paragraph print the same words)."""
    return f"缺项计分方式：{policy_label(payload)}。{policy_sentence(payload)}"


def columns(payload: Mapping[str, Any]) -> list[Column]:
    names = _indicator_names(payload)
    return [
        Column(code, names.get(code, code), _number(spec["weight"]))
        for code, spec in payload["scheme"]["weights"].items()
    ]


def _value(indicator: Mapping[str, Any] | None) -> str:
    if not indicator or indicator.get("value") is None:
        return "—"
    return f"{indicator['value']}{indicator.get('unit_label', '')}"


def rows(payload: Mapping[str, Any]) -> Ranking:
    cols = columns(payload)
    full = sum((Decimal(c.weight) for c in cols), Decimal(0))
    shared = Counter((row["group"], row["rank"]) for row in payload["ranking"])
    result = Ranking()
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
                tied=shared[row["group"], row["rank"]] > 1,
            )
        )
    return result
