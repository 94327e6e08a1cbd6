"""rules.officer_duty_spans: the calendar cut into the stretches an officer counts as 持证在岗 or not.

Checked two ways: exact spans for hand-made cases, and, for every day of 2023–2028, against
certificate_counts_on applied to each certificate directly (the definition the spans stand for).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from fazhi.orgs import rules
from fazhi.orgs.choices import CertificateEventKind as Kind
from fazhi.orgs.rules import DutySpan

D = date
SUSPENDED_THEN_BACK = [(D(2024, 1, 1), Kind.ISSUED), (D(2025, 3, 1), Kind.SUSPENDED), (D(2025, 4, 1), Kind.REINSTATED)]

CASES = {
    "one certificate, no events (registered in bulk)": (
        True,
        [(D(2024, 1, 1), D(2026, 12, 31), [])],
        [DutySpan(None, D(2023, 12, 31), False), DutySpan(D(2024, 1, 1), D(2026, 12, 31), True),
         DutySpan(D(2027, 1, 1), None, False)],
    ),
    "suspended for March 2025, then reinstated": (
        True,
        [(D(2024, 1, 1), D(2026, 12, 31), SUSPENDED_THEN_BACK)],
        [DutySpan(None, D(2023, 12, 31), False), DutySpan(D(2024, 1, 1), D(2025, 2, 28), True),
         DutySpan(D(2025, 3, 1), D(2025, 3, 31), False), DutySpan(D(2025, 4, 1), D(2026, 12, 31), True),
         DutySpan(D(2027, 1, 1), None, False)],
    ),
    "revoked from 1 June 2025: final": (
        True,
        [(D(2024, 1, 1), D(2026, 12, 31), [(D(2024, 1, 1), Kind.ISSUED), (D(2025, 6, 1), Kind.REVOKED)])],
        [DutySpan(None, D(2023, 12, 31), False), DutySpan(D(2024, 1, 1), D(2025, 5, 31), True),
         DutySpan(D(2025, 6, 1), None, False)],
    ),
    "a renewal right after the old certificate: one counted stretch": (
        True,
        [(D(2021, 1, 1), D(2023, 12, 31), []), (D(2024, 1, 1), D(2026, 12, 31), [])],
        [DutySpan(None, D(2020, 12, 31), False), DutySpan(D(2021, 1, 1), D(2026, 12, 31), True),
         DutySpan(D(2027, 1, 1), None, False)],
    ),
    "a gap between two certificates": (
        True,
        [(D(2021, 1, 1), D(2022, 12, 31), []), (D(2024, 1, 1), D(2026, 12, 31), [])],
        [DutySpan(None, D(2020, 12, 31), False), DutySpan(D(2021, 1, 1), D(2022, 12, 31), True),
         DutySpan(D(2023, 1, 1), D(2023, 12, 31), False), DutySpan(D(2024, 1, 1), D(2026, 12, 31), True),
         DutySpan(D(2027, 1, 1), None, False)],
    ),
    "a suspended certificate covered by another one": (
        True,
        [(D(2024, 1, 1), D(2026, 12, 31), SUSPENDED_THEN_BACK), (D(2025, 1, 1), D(2027, 12, 31), [])],
        [DutySpan(None, D(2023, 12, 31), False), DutySpan(D(2024, 1, 1), D(2027, 12, 31), True),
         DutySpan(D(2028, 1, 1), None, False)],
    ),
    "off duty: no day counts": (
        False,
        [(D(2024, 1, 1), D(2026, 12, 31), [])],
        [DutySpan(None, None, False)],
    ),
    "revoked on its first day: no day counts": (
        True,
        [(D(2024, 1, 1), D(2026, 12, 31), [(D(2024, 1, 1), Kind.ISSUED), (D(2024, 1, 1), Kind.REVOKED)])],
        [DutySpan(None, None, False)],
    ),
    "valid to the last representable day": (
        True,
        [(D(2024, 1, 1), date.max, [])],
        [DutySpan(None, D(2023, 12, 31), False), DutySpan(D(2024, 1, 1), date.max, True)],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES))
def test_spans_of_hand_made_cases(case) -> None:
    on_duty, certificates, expected = CASES[case]

    spans = rules.officer_duty_spans(on_duty=on_duty, certificates=certificates)

    assert spans == expected


@pytest.mark.parametrize("case", list(CASES))
def test_every_day_agrees_with_the_certificates_themselves(case) -> None:
    on_duty, certificates, _expected = CASES[case]
    spans = rules.officer_duty_spans(on_duty=on_duty, certificates=certificates)

    day = D(2020, 1, 1)
    while day <= D(2028, 12, 31):
        (span,) = [s for s in spans if (s.starts_on or date.min) <= day <= (s.ends_on or date.max)]
        direct = on_duty and any(
            rules.certificate_counts_on(valid_from=f, valid_to=t, events=e, on=day) for f, t, e in certificates
        )
        assert span.counted is direct, day
        day += timedelta(days=1)
