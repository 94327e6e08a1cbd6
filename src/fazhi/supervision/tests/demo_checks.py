"""The supervision demo step: a 通报 for each of the last four quarters, each ranking the units on
their records.

Loading the whole district takes tens of seconds, so these checks run inside the one demo test
(src/fazhi/demo/tests/test_demo_command.py) on its single load, instead of loading it again here.
"""

from __future__ import annotations

from collections import Counter

from django.utils import timezone

from fazhi.supervision.demo import bulletin_quarters
from fazhi.supervision.models import Bulletin


def assert_every_bulletin_ranks_the_units_apart() -> None:
    """Every quarter the demo issues a 通报 for had its records imported: few ties, a short 约谈 list."""
    bulletins = list(Bulletin.objects.select_related("snapshot").order_by("snapshot__period_from"))
    periods = [(b.snapshot.period_from, b.snapshot.period_to) for b in bulletins]
    assert periods == [(start, end) for _y, _q, start, end in reversed(bulletin_quarters(timezone.localdate()))]
    for bulletin in bulletins:
        payload, title = bulletin.snapshot.payload, bulletin.snapshot.title
        scores = Counter(row["score"] for row in payload["ranking"])
        assert len(payload["ranking"]) >= 10, title
        # Before every such quarter had its export, the earlier 通报 tied 14 of 16 units at 0.00, all summoned.
        assert scores.most_common(1)[0][1] <= 2 and scores["0.00"] == 0, (title, scores.most_common(3))
        assert len(payload["summoned"]) <= payload["scheme"]["bottom_n"] + 1, title
        assert bulletin.issued_on > bulletin.snapshot.period_to, title
    numbers = [b.number for b in bulletins]
    assert len(set(numbers)) == len(numbers)
