"""The verifiable spot-check draw (algorithm v1) over a provincial-size directory.

1,000,000 entities in four credit-risk classes, 5% sampled in each, 2% excluded (recently inspected
or at the yearly cap); 10,000 inspectors, each with two declared conflicts (回避) and some previous
assignments (no repeat); teams of two. Figures: the draw's time and peak memory, the replay's time
(which must give the identical assignment), and the canonical-JSON hash of the draw input (what is
published before the draw). Baseline in the same run: a plain `random.sample` of the same size,
without classes, exclusions or inspectors.

The draw is pure (no database), so the PostgreSQL pass has nothing of its own to measure.
"""

from __future__ import annotations

import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from _setup import emit, postgres_only_run

ENTITIES = 1_000_000
INSPECTORS = 10_000
RATIO_BP = 500  # 5%
SEED = b"bench-seed-2026"


def build_input():  # type: ignore[no-untyped-def]
    from fazhi.core.ids import uscc_check_char
    from fazhi.spotchecks.rules import draw as d

    rng = random.Random(2026)
    classes = "ABCD"
    candidates = []
    for i in range(ENTITIES):
        first17 = f"91120116{i:09d}"
        excluded = "近期已检查" if rng.random() < 0.02 else ""
        candidates.append(d.Candidate(first17 + uscc_check_char(first17), classes[rng.randrange(4)], excluded))
    keys = [c.key for c in candidates]
    inspectors = tuple(
        d.Inspector(
            i + 1,
            frozenset(keys[rng.randrange(ENTITIES)] for _ in range(2)),
            frozenset(keys[rng.randrange(ENTITIES)] for _ in range(10)),
        )
        for i in range(INSPECTORS)
    )
    draw_input = d.DrawInput(
        candidates=tuple(candidates),
        quotas={c: d.Quota("ratio", RATIO_BP) for c in classes},
        departments=(d.Department("DEPT", 2, inspectors),),
    )
    return draw_input, keys


def main() -> None:
    if postgres_only_run():
        return  # nothing database-specific: the draw is a pure function
    from fazhi.spotchecks.rules import draw as d

    draw_input, keys = build_input()
    rss_before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    started = time.perf_counter()
    result = d.draw(draw_input, seed=SEED)
    draw_s = time.perf_counter() - started
    drawn = len(result.assignments)

    started = time.perf_counter()
    baseline = random.Random(SEED).sample(keys, drawn)
    baseline_s = time.perf_counter() - started
    assert len(baseline) == drawn

    started = time.perf_counter()
    replay = d.draw(draw_input, seed=SEED)
    replay_s = time.perf_counter() - started
    identical = replay == result and not d.compare(result, replay)

    tracemalloc.start()
    d.draw(draw_input, seed=SEED)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    started = time.perf_counter()
    digest = d.digest(d.canonical_input(draw_input))
    hash_s = time.perf_counter() - started

    common = {"entities": ENTITIES, "inspectors": INSPECTORS, "drawn": drawn}
    emit(
        "spotcheck_draw_s",
        draw_s,
        "s",
        baseline="random.sample of the same size, no constraints",
        baseline_value=baseline_s,
        target="<= 2 s",
        **common,
    )
    emit(
        "spotcheck_replay_s",
        replay_s,
        "s",
        baseline="random.sample of the same size, no constraints",
        baseline_value=baseline_s,
        identical=identical,
        **common,
    )
    emit(
        "spotcheck_draw_peak_mb",
        peak / 2**20,
        "MB",
        baseline="process peak RSS with the input built (MB)",
        baseline_value=rss_before_mb,
        process_peak_rss_mb=round(rss_after_mb, 1),
        target="<= 500 MB",
        **common,
    )
    emit(
        "spotcheck_input_hash_s",
        hash_s,
        "s",
        baseline="random.sample of the same size, no constraints",
        baseline_value=baseline_s,
        input_sha256=digest,
        **common,
    )
    if not identical:
        raise SystemExit("replay differs from the draw")


if __name__ == "__main__":
    main()
