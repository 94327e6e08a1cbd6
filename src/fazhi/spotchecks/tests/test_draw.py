"""The pure draw (algorithm v1): determinism, replay, constraints, refusals. No database."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.core.errors import DomainError
from fazhi.spotchecks.rules import draw as d
from fazhi.spotchecks.rules.plans import parse_quota

QUOTAS = {
    "A": d.Quota("ratio", 1000),
    "B": d.Quota("ratio", 2000),
    "C": d.Quota("ratio", 5000),
    "D": d.Quota("count", 3),
}


def _input(
    n: int = 200,
    *,
    inspectors: int = 6,
    conflicts: dict[int, set[str]] | None = None,
    previous: dict[int, set[str]] | None = None,
    excluded: set[int] = frozenset(),
    departments: int = 1,
    team_size: int = 2,
) -> d.DrawInput:
    candidates = tuple(d.Candidate(f"K{i:05d}", "ABCD"[i % 4], "近期已检查" if i in excluded else "") for i in range(n))
    conflicts = conflicts or {}
    previous = previous or {}
    deps = tuple(
        d.Department(
            code=f"DEP{k}",
            team_size=team_size,
            inspectors=tuple(
                d.Inspector(
                    k * 100 + i, frozenset(conflicts.get(k * 100 + i, ())), frozenset(previous.get(k * 100 + i, ()))
                )
                for i in range(inspectors)
            ),
        )
        for k in range(departments)
    )
    return d.DrawInput(candidates=candidates, quotas=QUOTAS, departments=deps)


def test_same_seed_same_result_and_different_seed_differs():
    draw_input = _input()
    first = d.draw(draw_input, seed=b"seed-1")
    assert first == d.draw(draw_input, seed=b"seed-1")
    assert first.as_dict() != d.draw(draw_input, seed=b"seed-2").as_dict()


def test_stream_follows_the_published_construction():
    # Step 1 of the specification, computed independently of the Stream class.
    seed = "掷骰子 3 5 6".encode()
    label = b"entities/A"
    prefix = b"fazhi-spotcheck-v1" + hashlib.sha256(seed).digest() + len(label).to_bytes(2, "big") + label
    block = hashlib.sha256(prefix + (0).to_bytes(8, "big")).digest()
    expected = [int.from_bytes(block[i : i + 8], "big") for i in range(0, 32, 8)]
    stream = d.Stream(seed=seed, label="entities/A")
    assert [stream.next_word() for _ in range(4)] == expected


def test_known_answer_vector_is_stable():
    # A fixed vector: any change of the algorithm must bump the version instead of changing this.
    result = d.draw(_input(40, inspectors=4), seed=b"fazhi")
    digest = d.digest(d.canonical_result(result))
    assert result.planned == {"A": 1, "B": 2, "C": 5, "D": 3}
    assert digest == KNOWN_DIGEST, digest


KNOWN_DIGEST = "0280cacdf7faa9604e41da06a695d0dfeba2c93817881137cce02aa06bb9c87f"


@pytest.mark.parametrize(
    ("_case", "quota", "eligible", "expected"),
    [
        ("5% of 1,000,000", d.Quota("ratio", 500), 1_000_000, 50_000),
        ("ratio rounds up", d.Quota("ratio", 500), 30, 2),
        ("0% draws nothing", d.Quota("ratio", 0), 30, 0),
        ("100% draws all", d.Quota("ratio", 10_000), 30, 30),
        ("count capped by eligible", d.Quota("count", 50), 30, 30),
        ("empty class", d.Quota("ratio", 500), 0, 0),
    ],
)
def test_quota_size(_case, quota, eligible, expected):
    assert d.quota_size(quota, eligible) == expected


@pytest.mark.parametrize("value", [-1, 10_001])
def test_ratio_outside_0_to_100_percent_is_refused(value):
    draw_input = _input()
    bad = d.DrawInput(draw_input.candidates, {**QUOTAS, "B": d.Quota("ratio", value)}, draw_input.departments)
    with pytest.raises(d.DrawInputError) as error:
        d.draw(bad, seed=b"x")
    assert error.value.code == "spotcheck.ratio_out_of_range"


def test_other_algorithm_version_is_refused_on_replay():
    draw_input = _input()
    data = d.input_to_data(draw_input)
    data["version"] = "v2"
    with pytest.raises(d.DrawInputError) as error:
        d.draw(d.input_from_data(data), seed=b"x")
    assert error.value.code == "spotcheck.unsupported_version"


def test_too_few_inspectors_says_how_many_are_missing():
    with pytest.raises(d.DrawInputError) as error:
        d.draw(_input(inspectors=1, team_size=3), seed=b"x")
    assert error.value.code == "spotcheck.not_enough_inspectors"
    assert "还差2名" in error.value.message
    assert error.value.details["shortages"][0]["missing"] == 2


def test_conflicts_that_leave_an_entity_unstaffable_are_refused_before_drawing():
    conflicts = {0: {"K00001"}, 1: {"K00001"}}
    with pytest.raises(d.DrawInputError) as error:
        d.draw(_input(inspectors=3, conflicts=conflicts), seed=b"x")
    assert "K00001" in error.value.message and "还差1名" in error.value.message
    # … but not when that entity is excluded anyway
    d.draw(_input(inspectors=3, conflicts=conflicts, excluded={1}), seed=b"x")


def test_team_of_one_is_refused():
    with pytest.raises(d.DrawInputError) as error:
        d.draw(_input(team_size=1), seed=b"x")
    assert error.value.code == "spotcheck.team_too_small"


def test_unsorted_candidates_are_refused():
    draw_input = _input(10)
    shuffled = d.DrawInput(tuple(reversed(draw_input.candidates)), QUOTAS, draw_input.departments)
    with pytest.raises(d.DrawInputError):
        d.draw(shuffled, seed=b"x")


def test_canonical_round_trip_replays_identically():
    draw_input = _input(departments=2, conflicts={1: {"K00002"}})
    raw = d.canonical_input(draw_input)
    restored = d.input_from_data(__import__("json").loads(raw))
    assert d.canonical_input(restored) == raw
    assert d.draw(restored, seed=b"s") == d.draw(draw_input, seed=b"s")


def test_compare_reports_a_tampered_assignment():
    result = d.draw(_input(), seed=b"s").as_dict()
    tampered = __import__("copy").deepcopy(result)
    tampered["assignments"][0]["teams"]["DEP0"] = [999, 998]
    differences = d.compare(tampered, result)
    assert len(differences) == 1 and differences[0].entity == result["assignments"][0]["entity"]


# --- properties -------------------------------------------------------------------------------------

keys = st.integers(min_value=0, max_value=59).map(lambda i: f"K{i:05d}")


@settings(max_examples=60, deadline=None)
@given(
    seed=st.binary(min_size=1, max_size=16),
    n=st.integers(min_value=0, max_value=60),
    excluded=st.sets(st.integers(min_value=0, max_value=59), max_size=20),
    conflicts=st.dictionaries(st.integers(min_value=0, max_value=7), st.sets(keys, max_size=5), max_size=4),
    previous=st.dictionaries(st.integers(min_value=0, max_value=7), st.sets(keys, max_size=5), max_size=4),
    team_size=st.integers(min_value=2, max_value=3),
)
def test_properties(seed, n, excluded, conflicts, previous, team_size):
    draw_input = _input(n, inspectors=8, conflicts=conflicts, previous=previous, excluded=excluded, team_size=team_size)
    result = d.draw(draw_input, seed=seed)
    assert result == d.draw(draw_input, seed=seed)  # replay
    by_key = {c.key: c for c in draw_input.candidates}
    drawn = [a.entity for a in result.assignments]
    assert len(drawn) == len(set(drawn))
    for risk_class in d.RISK_CLASSES:
        eligible = sum(1 for c in draw_input.candidates if c.risk_class == risk_class and not c.excluded)
        assert sum(1 for a in result.assignments if a.risk_class == risk_class) == d.quota_size(
            QUOTAS[risk_class], eligible
        )
    for assignment in result.assignments:
        assert not by_key[assignment.entity].excluded
        for _code, team in assignment.teams:
            assert len(team) == team_size >= 2 and len(set(team)) == len(team)
            for inspector in team:
                assert assignment.entity not in conflicts.get(inspector, set())
                assert assignment.entity not in previous.get(inspector, set())


def test_repeat_inspector_allowed_when_configured_off():
    previous = {i: {f"K{k:05d}" for k in range(60)} for i in range(7)}  # all but inspector 7 took every entity
    draw_input = _input(60, inspectors=8, previous=previous)
    relaxed = d.DrawInput(draw_input.candidates, QUOTAS, draw_input.departments, avoid_repeat=False)
    d.draw(relaxed, seed=b"x")  # fine: previous assignments are ignored
    with pytest.raises(d.DrawInputError):
        d.draw(draw_input, seed=b"x")  # only one inspector left per entity


def _reference_draw(data: dict, seed: bytes) -> list[tuple[str, dict[str, list[int]]]]:
    """A second implementation written only from the specification in docs/spotchecks.md."""
    import math

    def stream(label: str):
        key = hashlib.sha256(seed).digest()
        encoded = label.encode()
        counter = 0
        while True:
            block = hashlib.sha256(
                b"fazhi-spotcheck-v1" + key + len(encoded).to_bytes(2, "big") + encoded + counter.to_bytes(8, "big")
            ).digest()
            for i in range(4):
                yield int.from_bytes(block[8 * i : 8 * i + 8], "big")
            counter += 1

    def below(words, m: int) -> int:
        limit = (2**64 // m) * m
        while (x := next(words)) >= limit:
            pass
        return x % m

    selected = []
    for cls in "ABCD":
        eligible = [key for key, c, excluded in data["candidates"] if c == cls and not excluded]
        quota = data["quotas"][cls]
        n = len(eligible)
        k = math.ceil(n * quota["value"] / 10000) if quota["mode"] == "ratio" else min(quota["value"], n)
        words = stream(f"entities/{cls}")
        swap: dict[int, int] = {}
        for i in range(k):
            j = i + below(words, n - i)
            selected.append(eligible[swap.get(j, j)])
            swap[j] = swap.get(i, i)
    teams: dict[str, dict[str, list[int]]] = {key: {} for key in selected}
    for department in data["departments"]:
        pool = [row[0] for row in department["inspectors"]]
        words = stream(f"inspectors/{department['code']}")
        for key in selected:
            blocked = {row[0] for row in department["inspectors"] if key in row[1] or key in row[2]}
            team: list[int] = []
            while len(team) < department["team_size"]:
                candidate = pool[below(words, len(pool))]
                if candidate not in blocked and candidate not in team:
                    team.append(candidate)
            teams[key][department["code"]] = team
    return [(key, teams[key]) for key in selected]


def test_an_independent_implementation_of_the_specification_agrees():
    draw_input = _input(
        120,
        inspectors=7,
        departments=2,
        conflicts={1: {"K00004", "K00008"}},
        previous={101: {"K00010"}},
        excluded={3, 7},
    )
    import json

    data = json.loads(d.canonical_input(draw_input))
    result = d.draw(draw_input, seed="骰子：4 2 6 1".encode())
    assert _reference_draw(data, "骰子：4 2 6 1".encode()) == [
        (a.entity, {code: list(ids) for code, ids in a.teams}) for a in result.assignments
    ]


@pytest.mark.parametrize("text", ["99999999999999999999999", "10001"])
def test_an_absurd_count_quota_is_refused(text):
    with pytest.raises(DomainError) as error:
        parse_quota(text, risk_class="A")

    assert error.value.code == "spotcheck.count_too_large" and "quota_A" in error.value.fields
    assert "100%" in error.value.message


def test_the_largest_count_quota_is_accepted():
    assert parse_quota(str(d.MAX_QUOTA_COUNT), risk_class="A").value == d.MAX_QUOTA_COUNT
