"""Pure version rules: the chain of versions, hand-made status changes, labels. No database."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.errors import Conflict, DomainError
from fazhi.legal import rules
from fazhi.legal.choices import LegalStatus

TODAY = date(2024, 6, 1)


def facts(key: int, effective_from: date, status: str = LegalStatus.IN_FORCE, effective_to: date | None = None):
    return rules.VersionFacts(
        key=key, effective_from=effective_from, promulgated_on=None, status=status, effective_to=effective_to
    )


def test_single_version_in_force_or_not_yet() -> None:
    assert rules.version_chain([facts(1, date(2020, 1, 1))], today=TODAY) == [
        rules.VersionPlan(key=1, status=LegalStatus.IN_FORCE, effective_to=None)
    ]
    assert rules.version_chain([facts(1, date(2025, 1, 1))], today=TODAY)[0].status == LegalStatus.NOT_YET_EFFECTIVE


def test_newer_version_supersedes_the_day_before_it_takes_effect() -> None:
    plans = rules.version_chain([facts(1, date(2020, 6, 1)), facts(2, date(2023, 3, 1))], today=TODAY)
    assert plans == [
        rules.VersionPlan(key=1, status=LegalStatus.AMENDED, effective_to=date(2023, 2, 28)),
        rules.VersionPlan(key=2, status=LegalStatus.IN_FORCE, effective_to=None),
    ]


def test_older_text_imported_later_slots_in_before() -> None:
    # Import order (key) does not matter: the 施行日期 orders the chain.
    plans = rules.version_chain([facts(1, date(2023, 3, 1)), facts(2, date(2020, 6, 1))], today=TODAY)
    assert [(p.key, p.status, p.effective_to) for p in plans] == [
        (2, LegalStatus.AMENDED, date(2023, 2, 28)),
        (1, LegalStatus.IN_FORCE, None),
    ]


def test_amendment_not_yet_in_force_still_marks_the_old_text_amended() -> None:
    plans = rules.version_chain([facts(1, date(2020, 6, 1)), facts(2, date(2025, 1, 1))], today=TODAY)
    assert [(p.status, p.effective_to) for p in plans] == [
        (LegalStatus.AMENDED, date(2024, 12, 31)),
        (LegalStatus.NOT_YET_EFFECTIVE, None),
    ]


def test_same_effective_date_keeps_a_valid_period() -> None:
    plans = rules.version_chain([facts(1, date(2020, 6, 1)), facts(2, date(2020, 6, 1))], today=TODAY)
    assert plans[0] == rules.VersionPlan(key=1, status=LegalStatus.AMENDED, effective_to=date(2020, 6, 1))
    assert plans[1].key == 2


def test_repealed_newest_version_keeps_its_mark() -> None:
    repealed = facts(2, date(2021, 1, 1), status=LegalStatus.REPEALED, effective_to=date(2023, 12, 31))
    plans = rules.version_chain([facts(1, date(2020, 1, 1)), repealed], today=TODAY)
    assert plans[1] == rules.VersionPlan(key=2, status=LegalStatus.REPEALED, effective_to=date(2023, 12, 31))


def test_repeal_ends_the_day_before() -> None:
    change = rules.status_change(
        current_status=LegalStatus.IN_FORCE,
        new_status=LegalStatus.REPEALED,
        effective_from=date(2020, 1, 1),
        effective_on=date(2024, 1, 1),
        today=TODAY,
    )
    assert change == rules.StatusChange(status=LegalStatus.REPEALED, effective_to=date(2023, 12, 31))


def test_undo_repeal_reopens_the_version() -> None:
    change = rules.status_change(
        current_status=LegalStatus.REPEALED,
        new_status=LegalStatus.IN_FORCE,
        effective_from=date(2020, 1, 1),
        effective_on=None,
        today=TODAY,
    )
    assert change == rules.StatusChange(status=LegalStatus.IN_FORCE, effective_to=None)


@pytest.mark.parametrize(
    ("_case", "current", "new", "effective_on", "error", "code"),
    [
        ("amended is set by imports", LegalStatus.IN_FORCE, LegalStatus.AMENDED, None, DomainError,
         "legal_status_not_settable"),
        ("not yet effective follows the date", LegalStatus.IN_FORCE, LegalStatus.NOT_YET_EFFECTIVE, None, DomainError,
         "legal_status_not_settable"),
        ("repeal twice", LegalStatus.REPEALED, LegalStatus.REPEALED, date(2024, 1, 1), Conflict,
         "legal_status_unchanged"),
        ("repeal without a date", LegalStatus.IN_FORCE, LegalStatus.REPEALED, None, DomainError,
         "legal_repeal_date_missing"),
        ("repeal before it took effect", LegalStatus.IN_FORCE, LegalStatus.REPEALED, date(2020, 1, 1), DomainError,
         "legal_repeal_date_invalid"),
        ("restore what is in force", LegalStatus.IN_FORCE, LegalStatus.IN_FORCE, None, Conflict,
         "legal_status_unchanged"),
        ("repeal an old version", LegalStatus.AMENDED, LegalStatus.REPEALED, date(2024, 1, 1), Conflict,
         "legal_status_not_latest"),
    ],
)  # fmt: skip
def test_refused_status_changes(
    _case: str, current: str, new: str, effective_on: date | None, error: type[DomainError], code: str
) -> None:
    with pytest.raises(error) as caught:
        rules.status_change(
            current_status=current,
            new_status=new,
            effective_from=date(2020, 1, 1),
            effective_on=effective_on,
            today=TODAY,
        )
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("promulgated_on", "kind", "expected"),
    [
        (date(2021, 1, 22), "修订", "2021年1月22日修订"),
        (date(2014, 8, 7), "公布", "2014年8月7日公布"),
        (date(2024, 6, 6), "", "2024年6月6日版"),
        (None, "", "2024年8月1日施行"),
    ],
)
def test_version_label(promulgated_on: date | None, kind: str, expected: str) -> None:
    assert (
        rules.version_label(promulgated_on=promulgated_on, revision_kind=kind, effective_from=date(2024, 8, 1))
        == expected
    )


@pytest.mark.parametrize(
    ("on", "expected"),
    [(date(2019, 12, 31), False), (date(2020, 1, 1), True), (date(2023, 12, 31), True), (date(2024, 1, 1), False)],
)
def test_is_in_force_is_inclusive(on: date, expected: bool) -> None:
    assert rules.is_in_force(effective_from=date(2020, 1, 1), effective_to=date(2023, 12, 31), on=on) is expected
