"""The verifiable draw of 双随机、一公开: which entities are checked, and by which inspectors.

Pure: no Django, no clock, no I/O. The same inputs and seed give the same result on any machine, so
anyone holding the published draw input and the revealed seed can replay it. docs/spotchecks.md
carries the same specification in Chinese and English; third parties may re-implement it from there.

Legal basis: 国办发〔2015〕58号《关于推广随机抽查规范事中事后监管的通知》："随机抽取检查对象，随机选派执法
检查人员"；"抽查情况及查处结果及时向社会公开" (RULES.md §8.1–8.4). 《中华人民共和国行政处罚法》第四十二条
(执法人员不得少于两人)、第四十三条 (回避).

Algorithm "v1"
--------------
1. Random stream. ``key = SHA-256(seed)`` (seed: the revealed bytes). For a stream label ``L``
   (UTF-8), block ``i`` (i = 0, 1, 2, …) is
   ``SHA-256(b"fazhi-spotcheck-v1" || key || len(L) as 2-byte big-endian || L || i as 8-byte big-endian)``;
   each 32-byte block yields four unsigned 64-bit big-endian integers, used in order.
2. ``below(m)`` (uniform integer in [0, m)): ``limit = floor(2**64 / m) * m``; take the next integer
   ``x`` of the stream until ``x < limit``; return ``x mod m`` (rejection, so no modulo bias).
3. Entities. Candidates are sorted by key (code-point order of the 统一社会信用代码, strictly
   increasing). For each risk class in the order A, B, C, D, the eligible candidates (class matches,
   no exclusion reason) keep that order; the class quota is ``k = ceil(n * bp / 10000)`` for a ratio
   in basis points ``bp`` (0–10000) or ``min(count, n)`` for a fixed count. With the stream labelled
   ``"entities/<class>"`` draw ``k`` positions by a sparse Fisher–Yates shuffle::

       swap = {}
       for i in 0 .. k-1:
           j = i + below(n - i)
           picked = swap.get(j, j); swap[j] = swap.get(i, i)
           select eligible[picked]

   The selected entities are the concatenation over the classes, each in selection order.
4. Inspectors. For each department in the order given (sorted by code), its inspectors sorted by id
   form the pool. An inspector is blocked for an entity when they declared a conflict (回避) with it,
   or — when ``avoid_repeat`` is on — they inspected it in its previous check by that department. With
   the stream labelled ``"inspectors/<department code>"``, for each selected entity in order, repeat
   ``candidate = pool[below(len(pool))]`` and keep the candidate when it is neither blocked nor
   already in the team, until the team has ``team_size`` (≥ 2) members, kept in pick order.

A draw input is refused before any randomness is used when a quota is out of range, a team is
smaller than two, or any eligible candidate could not be staffed (with the number missing).
"""

from __future__ import annotations

import hashlib
import json
import math
import operator
import struct
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

ALGORITHM_VERSION = "v1"
SUPPORTED_VERSIONS = frozenset({ALGORITHM_VERSION})
RISK_CLASSES = ("A", "B", "C", "D")
MIN_TEAM_SIZE = 2  # 行政处罚法 Art. 42: 执法人员不得少于两人
BASIS_POINTS = 10_000
_DOMAIN_TAG = b"fazhi-spotcheck-v1"
_WORD = 1 << 64
_FOUR_WORDS = struct.Struct(">4Q")


class DrawInputError(ValueError):
    """The draw input cannot be drawn (a refusal in Chinese, with a stable code and details)."""

    def __init__(self, message: str, *, code: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.details = details or {}


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entity of the directory in the plan's scope. `excluded` names why it may not be drawn ("" = eligible)."""

    key: str
    risk_class: str
    excluded: str = ""


@dataclass(frozen=True, slots=True)
class Quota:
    """How many of a risk class to draw: a ratio in basis points (500 = 5%) or a fixed count."""

    mode: str  # "ratio" | "count"
    value: int


@dataclass(frozen=True, slots=True)
class Inspector:
    """An eligible inspector: `conflicts` are entity keys they declared 回避 for; `previous` the entity
    keys whose previous check by this department they took part in."""

    id: int
    conflicts: frozenset[str] = frozenset()
    previous: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Department:
    code: str
    team_size: int
    inspectors: tuple[Inspector, ...]


@dataclass(frozen=True, slots=True)
class DrawInput:
    """Everything the draw depends on except the seed; its canonical JSON is hashed and published first."""

    candidates: tuple[Candidate, ...]
    quotas: dict[str, Quota]
    departments: tuple[Department, ...]
    avoid_repeat: bool = True
    version: str = ALGORITHM_VERSION


@dataclass(frozen=True, slots=True)
class Assignment:
    entity: str
    risk_class: str
    teams: tuple[tuple[str, tuple[int, ...]], ...]  # (department code, inspector ids in pick order)


@dataclass(frozen=True, slots=True)
class DrawResult:
    version: str
    assignments: tuple[Assignment, ...]
    planned: dict[str, int] = field(default_factory=dict)  # quota per class
    eligible: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "planned": dict(self.planned),
            "eligible": dict(self.eligible),
            "assignments": [
                {"entity": a.entity, "class": a.risk_class, "teams": {d: list(ids) for d, ids in a.teams}}
                for a in self.assignments
            ],
        }


# --- the random stream ----------------------------------------------------------------------------


def seed_hash(seed: bytes) -> str:
    """The commitment published before the draw: hex SHA-256 of the seed bytes."""
    return hashlib.sha256(seed).hexdigest()


class Stream:
    """SHA-256 in counter mode over (key, label): step 1 of the specification."""

    __slots__ = ("_words",)

    def __init__(self, *, seed: bytes, label: str) -> None:
        self._words = _words(self.prefix(seed=seed, label=label)).__next__

    @staticmethod
    def prefix(*, seed: bytes, label: str) -> bytes:
        encoded = label.encode("utf-8")
        return _DOMAIN_TAG + hashlib.sha256(seed).digest() + len(encoded).to_bytes(2, "big") + encoded

    def next_word(self) -> int:
        return self._words()

    def below(self, m: int) -> int:
        """A uniform integer in [0, m) by rejection (step 2)."""
        if m <= 0:
            raise ValueError("below() needs m > 0")
        limit = (_WORD // m) * m
        x = self._words()
        while x >= limit:
            x = self._words()
        return x % m


def _words(prefix: bytes) -> Iterator[int]:
    sha256 = hashlib.sha256
    unpack = _FOUR_WORDS.unpack
    counter = 0
    while True:
        yield from unpack(sha256(prefix + counter.to_bytes(8, "big")).digest())
        counter += 1


def sample_positions(stream: Stream, *, n: int, k: int) -> list[int]:
    """k distinct positions of range(n) in selection order: a sparse Fisher–Yates shuffle (step 3)."""
    swap: dict[int, int] = {}
    picked: list[int] = []
    for i in range(k):
        j = i + stream.below(n - i)
        picked.append(swap.get(j, j))
        swap[j] = swap.get(i, i)
    return picked


# --- validation -----------------------------------------------------------------------------------


def quota_size(quota: Quota, eligible: int) -> int:
    """The number drawn from a class with `eligible` candidates (ratio rounded up, count capped)."""
    if quota.mode == "ratio":
        return math.ceil(eligible * quota.value / BASIS_POINTS) if eligible else 0
    return min(quota.value, eligible)


# A count quota above this is taken for a typing error (a district draws hundreds, not millions):
# a data check, not a statutory limit — a whole class is drawn with a ratio of 100%.
MAX_QUOTA_COUNT = 10_000


def require_valid_quotas(quotas: dict[str, Quota]) -> None:
    """Refuse ratios outside 0–100%, negative counts and counts above MAX_QUOTA_COUNT (a data check)."""
    for risk_class, quota in quotas.items():
        if risk_class not in RISK_CLASSES:
            raise DrawInputError(f"未知的信用风险分类：{risk_class}", code="spotcheck.unknown_risk_class")
        if quota.mode == "ratio" and not 0 <= quota.value <= BASIS_POINTS:
            raise DrawInputError(
                f"{risk_class}类抽查比例应在0%至100%之间，当前为{quota.value / 100:g}%。",
                code="spotcheck.ratio_out_of_range",
                details={"class": risk_class, "value": quota.value},
            )
        if quota.mode == "count" and quota.value < 0:
            raise DrawInputError(
                f"{risk_class}类抽查数量不能为负数。", code="spotcheck.count_negative", details={"class": risk_class}
            )
        if quota.mode == "count" and quota.value > MAX_QUOTA_COUNT:
            raise DrawInputError(
                f"{risk_class}类抽查数量{quota.value}过大，最多{MAX_QUOTA_COUNT}户（数据核查）；"
                "要抽取该类全部对象，请填写“100%”。",
                code="spotcheck.count_too_large",
                details={"class": risk_class, "value": quota.value},
            )
        if quota.mode not in ("ratio", "count"):
            raise DrawInputError(f"未知的抽查方式：{quota.mode}", code="spotcheck.unknown_quota_mode")


def _blocked_index(department: Department, *, avoid_repeat: bool) -> dict[str, set[int]]:
    blocked: dict[str, set[int]] = {}
    for inspector in department.inspectors:
        keys: Iterable[str] = (
            inspector.conflicts | inspector.previous if avoid_repeat and inspector.previous else inspector.conflicts
        )
        for key in keys:
            blocked.setdefault(key, set()).add(inspector.id)
    return blocked


@dataclass(frozen=True, slots=True)
class Shortage:
    department: str
    needed: int
    available: int
    entity: str = ""  # empty: the department as a whole

    @property
    def missing(self) -> int:
        return self.needed - self.available


@dataclass(slots=True)
class _Prepared:
    by_class: dict[str, list[str]]
    blocked: dict[str, dict[str, set[int]]]  # department code -> entity key -> blocked inspector ids
    shortages: list[Shortage]


def _is_eligible(keys: list[str], eligible_flags: list[bool], key: str) -> bool:
    index = bisect_left(keys, key)
    return index < len(keys) and keys[index] == key and eligible_flags[index]


def _prepare(draw_input: DrawInput) -> _Prepared:
    by_class: dict[str, list[str]] = {risk_class: [] for risk_class in RISK_CLASSES}
    keys: list[str] = []
    flags: list[bool] = []
    add_key, add_flag = keys.append, flags.append
    for candidate in draw_input.candidates:
        key = candidate.key
        add_key(key)
        if candidate.excluded:
            add_flag(False)
        else:
            add_flag(True)
            try:
                by_class[candidate.risk_class].append(key)
            except KeyError:
                raise DrawInputError(
                    f"检查对象{key}的信用风险分类“{candidate.risk_class}”无效。", code="spotcheck.unknown_risk_class"
                ) from None
    if not all(map(operator.lt, keys, islice(keys, 1, None))):
        raise DrawInputError("检查对象名单未按代码严格排序或有重复。", code="spotcheck.candidates_not_sorted")
    blocked: dict[str, dict[str, set[int]]] = {}
    shortages: list[Shortage] = []
    for department in draw_input.departments:
        index = _blocked_index(department, avoid_repeat=draw_input.avoid_repeat)
        blocked[department.code] = index
        pool = len(department.inspectors)
        if pool < department.team_size:
            shortages.append(Shortage(department.code, department.team_size, pool))
            continue
        for key, ids in sorted(index.items()):
            if pool - len(ids) < department.team_size and _is_eligible(keys, flags, key):
                shortages.append(Shortage(department.code, department.team_size, pool - len(ids), key))
    return _Prepared(by_class=by_class, blocked=blocked, shortages=shortages)


def staffing_shortages(draw_input: DrawInput) -> list[Shortage]:
    """Departments (or single eligible entities, after 回避) without enough inspectors for a team."""
    return _prepare(draw_input).shortages


def require_drawable(draw_input: DrawInput) -> None:
    """Refuse an input the algorithm cannot draw, before any randomness is used."""
    _require_drawable(draw_input)


def _require_drawable(draw_input: DrawInput) -> _Prepared:
    if draw_input.version not in SUPPORTED_VERSIONS:
        raise DrawInputError(
            f"不支持的抽取算法版本：{draw_input.version}（支持：{'、'.join(sorted(SUPPORTED_VERSIONS))}）。",
            code="spotcheck.unsupported_version",
        )
    require_valid_quotas(draw_input.quotas)
    if not draw_input.departments:
        raise DrawInputError("抽查计划至少需要一个检查部门。", code="spotcheck.no_department")
    for department in draw_input.departments:
        if department.team_size < MIN_TEAM_SIZE:
            raise DrawInputError(
                f"每个检查对象的执法检查人员不得少于{MIN_TEAM_SIZE}名（{department.code}）。",
                code="spotcheck.team_too_small",
            )
        ids = [inspector.id for inspector in department.inspectors]
        if not all(map(operator.lt, ids, islice(ids, 1, None))):
            raise DrawInputError("执法检查人员名单未按编号严格排序或有重复。", code="spotcheck.inspectors_not_sorted")
    prepared = _prepare(draw_input)
    if prepared.shortages:
        shortages = prepared.shortages
        parts = []
        for s in shortages[:10]:
            where = f"对象{s.entity}回避后" if s.entity else ""
            parts.append(f"{s.department}{where}需要{s.needed}名，可用{s.available}名，还差{s.missing}名")
        more = f"等{len(shortages)}处" if len(shortages) > 10 else ""
        raise DrawInputError(
            "可抽取的执法检查人员不足：" + "；".join(parts) + more + "。",
            code="spotcheck.not_enough_inspectors",
            details={
                "shortages": [
                    {
                        "department": s.department,
                        "entity": s.entity,
                        "needed": s.needed,
                        "available": s.available,
                        "missing": s.missing,
                    }
                    for s in shortages
                ]
            },
        )
    return prepared


# --- the draw -------------------------------------------------------------------------------------


def draw(draw_input: DrawInput, *, seed: bytes) -> DrawResult:
    """Draw the entities and their inspector teams (algorithm v1, see the module docstring)."""
    prepared = _require_drawable(draw_input)
    by_class = prepared.by_class
    selected: list[tuple[str, str]] = []
    planned: dict[str, int] = {}
    for risk_class in RISK_CLASSES:
        pool = by_class[risk_class]
        quota = draw_input.quotas.get(risk_class, Quota("count", 0))
        k = quota_size(quota, len(pool))
        planned[risk_class] = k
        if k:
            stream = Stream(seed=seed, label=f"entities/{risk_class}")
            selected.extend((pool[p], risk_class) for p in sample_positions(stream, n=len(pool), k=k))

    teams_by_department = [
        (department.code, _draw_teams(department, selected, seed, prepared.blocked[department.code]))
        for department in draw_input.departments
    ]
    assignments = tuple(
        Assignment(
            entity=key,
            risk_class=risk_class,
            teams=tuple((code, teams[index]) for code, teams in teams_by_department),
        )
        for index, (key, risk_class) in enumerate(selected)
    )
    eligible = {risk_class: len(by_class[risk_class]) for risk_class in RISK_CLASSES}
    return DrawResult(version=draw_input.version, assignments=assignments, planned=planned, eligible=eligible)


def _draw_teams(
    department: Department, selected: Sequence[tuple[str, str]], seed: bytes, blocked: dict[str, set[int]]
) -> list[tuple[int, ...]]:
    pool = [inspector.id for inspector in department.inspectors]
    size = len(pool)
    team_size = department.team_size
    limit = (_WORD // size) * size
    words = _words(Stream.prefix(seed=seed, label=f"inspectors/{department.code}")).__next__
    empty: set[int] = set()
    teams: list[tuple[int, ...]] = []
    for key, _risk_class in selected:
        blocked_here = blocked.get(key, empty)
        team: list[int] = []
        while len(team) < team_size:
            x = words()
            while x >= limit:  # below(size), inlined: this loop runs once per pick
                x = words()
            candidate = pool[x % size]
            if candidate not in blocked_here and candidate not in team:
                team.append(candidate)
        teams.append(tuple(team))
    return teams


# --- canonical form (what is hashed, stored and published) ------------------------------------------


def _canonical(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def input_to_data(draw_input: DrawInput) -> dict[str, Any]:
    return {
        "version": draw_input.version,
        "avoid_repeat": draw_input.avoid_repeat,
        "quotas": {c: {"mode": q.mode, "value": q.value} for c, q in sorted(draw_input.quotas.items())},
        "candidates": [[c.key, c.risk_class, c.excluded] for c in draw_input.candidates],
        "departments": [
            {
                "code": d.code,
                "team_size": d.team_size,
                "inspectors": [[i.id, sorted(i.conflicts), sorted(i.previous)] for i in d.inspectors],
            }
            for d in draw_input.departments
        ],
    }


def input_from_data(data: dict[str, Any]) -> DrawInput:
    return DrawInput(
        version=data["version"],
        avoid_repeat=bool(data["avoid_repeat"]),
        quotas={c: Quota(q["mode"], int(q["value"])) for c, q in data["quotas"].items()},
        candidates=tuple(Candidate(key, cls, excluded) for key, cls, excluded in data["candidates"]),
        departments=tuple(
            Department(
                code=d["code"],
                team_size=int(d["team_size"]),
                inspectors=tuple(
                    Inspector(int(i), frozenset(conflicts), frozenset(previous))
                    for i, conflicts, previous in d["inspectors"]
                ),
            )
            for d in data["departments"]
        ),
    )


def canonical_input(draw_input: DrawInput) -> bytes:
    """The canonical JSON (UTF-8, sorted keys, no blanks) of a draw input."""
    return _canonical(input_to_data(draw_input))


def canonical_result(result: DrawResult) -> bytes:
    return _canonical(result.as_dict())


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class Difference:
    entity: str
    expected: str
    actual: str


def compare(expected: DrawResult | dict[str, Any], actual: DrawResult | dict[str, Any]) -> list[Difference]:
    """Differences between two results (empty: identical entities, order and teams)."""
    left = expected.as_dict() if isinstance(expected, DrawResult) else expected
    right = actual.as_dict() if isinstance(actual, DrawResult) else actual
    differences: list[Difference] = []
    if left.get("version") != right.get("version"):
        differences.append(Difference("", f"算法{left.get('version')}", f"算法{right.get('version')}"))
    a_rows = left["assignments"]
    b_rows = right["assignments"]
    for index in range(max(len(a_rows), len(b_rows))):
        a = a_rows[index] if index < len(a_rows) else None
        b = b_rows[index] if index < len(b_rows) else None
        if a != b:
            differences.append(Difference((a or b or {}).get("entity", ""), _describe(a), _describe(b)))
    return differences


def _describe(row: dict[str, Any] | None) -> str:
    if row is None:
        return "（无）"
    teams = "；".join(f"{code}:{','.join(map(str, ids))}" for code, ids in sorted(row["teams"].items()))
    return f"{row['entity']}（{row['class']}类）{teams}"


def iter_keys(result: DrawResult) -> Iterator[str]:
    for assignment in result.assignments:
        yield assignment.entity
