"""Deadline computations per second through the engine (rule version lookup + calendar + steps).

Baseline: chinesecalendar's own `find_workday`, the bare working-day step without rule data,
versions, roll-over or the explanation the engine adds.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from _setup import emit, postgres_only_run, rate, setup_django

RULES = ["penalty.decision", "penalty.service", "penalty.payment", "reconsideration.decision", "disclosure.reply"]
COUNT = 2000


def main() -> None:
    if postgres_only_run():
        return  # the engine reads a handful of rows; the SQLite figure is the one that matters
    vendor = setup_django()
    import chinese_calendar

    from fazhi.core.deadlines.selectors import deadline_compute

    rng = random.Random(7)
    starts = [date(2024, 1, 1) + timedelta(days=rng.randrange(0, 900)) for _ in range(COUNT)]

    def engine(index: int) -> None:
        deadline_compute(rule_code=RULES[index % len(RULES)], start=starts[index])

    def baseline(index: int) -> None:
        chinese_calendar.find_workday(delta_days=7, date=starts[index])

    engine(0)  # warm the connection and the rule table
    emit(
        "deadline_computations_per_s",
        rate(engine, COUNT),
        "1/s",
        baseline="chinese_calendar.find_workday(7) per s",
        baseline_value=rate(baseline, COUNT),
        database=vendor,
        n=COUNT,
    )


if __name__ == "__main__":
    main()
