from datetime import UTC, datetime, timedelta

import pytest

from fazhi.core.errors import DomainError
from fazhi.orgs import rules
from fazhi.orgs.choices import OrgUnitKind, Role


@pytest.mark.parametrize(
    ("_case", "parent", "child", "allowed"),
    [
        ("root must be a region", None, OrgUnitKind.REGION, True),
        ("a department cannot be a root", None, OrgUnitKind.DEPARTMENT, False),
        ("government under region", OrgUnitKind.REGION, OrgUnitKind.GOVERNMENT, True),
        ("department under government", OrgUnitKind.GOVERNMENT, OrgUnitKind.DEPARTMENT, True),
        ("brigade under department", OrgUnitKind.DEPARTMENT, OrgUnitKind.ENFORCEMENT_BODY, True),
        ("region under department is nonsense", OrgUnitKind.DEPARTMENT, OrgUnitKind.REGION, False),
        ("department directly under region skips the government", OrgUnitKind.REGION, OrgUnitKind.DEPARTMENT, False),
    ],
)
def test_child_kind(_case: str, parent: str | None, child: str, allowed: bool) -> None:
    if allowed:
        rules.require_child_kind_allowed(parent_kind=parent, child_kind=child)
    else:
        with pytest.raises(DomainError) as error:
            rules.require_child_kind_allowed(parent_kind=parent, child_kind=child)
        assert error.value.code in {"invalid_child_kind", "invalid_root_kind"}


@pytest.mark.parametrize("code", ["", "a b", "小写", "X" * 33, "A/B"])
def test_bad_unit_codes_are_refused(code: str) -> None:
    with pytest.raises(DomainError, match="单位编码"):
        rules.require_valid_unit_code(code)


def test_unit_path_appends_code() -> None:
    assert rules.unit_path(parent_path=None, code="R") == "/R/"
    assert rules.unit_path(parent_path="/R/G/", code="D1") == "/R/G/D1/"


def test_moving_under_own_descendant_is_refused() -> None:
    with pytest.raises(DomainError) as error:
        rules.require_not_cycle(unit_path_value="/R/G/", new_parent_path="/R/G/D1/")
    assert error.value.code == "org_cycle"
    rules.require_not_cycle(unit_path_value="/R/G/D1/", new_parent_path="/R/G/D2/")


def test_reviewer_role_needs_legal_qualification_art_58() -> None:
    with pytest.raises(DomainError, match="第五十八条"):
        rules.require_role_allowed(role=Role.LEGAL_REVIEWER, has_legal_qualification=False)
    rules.require_role_allowed(role=Role.LEGAL_REVIEWER, has_legal_qualification=True)
    rules.require_role_allowed(role=Role.OFFICER, has_legal_qualification=False)


def test_login_lock_counts_only_failures_inside_the_window() -> None:
    now = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    window = timedelta(minutes=15)
    old = [now - timedelta(minutes=30)] * 10
    recent = [now - timedelta(minutes=m) for m in range(4)]
    assert not rules.is_login_locked(failure_times=old + recent, now=now, limit=5, window=window)
    assert rules.is_login_locked(failure_times=[*recent, now], now=now, limit=5, window=window)
