import pytest
from django.contrib.auth.models import AnonymousUser

from fazhi.core.errors import NotFound
from fazhi.orgs import selectors
from fazhi.orgs.choices import Role
from fazhi.orgs.tests.factories import OfficerFactory, OrgUnitFactory

pytestmark = pytest.mark.django_db


def test_officer_sees_only_their_unit(cast) -> None:
    codes = set(selectors.org_unit_list_visible_to(user=cast.inspector_north).values_list("code", flat=True))
    assert codes == {"NORTH"}


def test_supervisor_sees_the_whole_region(cast) -> None:
    codes = set(selectors.org_unit_list_visible_to(user=cast.supervisor).values_list("code", flat=True))
    assert codes == {"R", "G", "NORTH", "SOUTH"}


def test_outsider_sees_nothing(cast) -> None:
    assert not selectors.org_unit_list_visible_to(user=cast.outsider).exists()


def test_missing_and_not_yours_raise_the_same_not_found(cast) -> None:
    with pytest.raises(NotFound) as missing:
        selectors.org_unit_get_for_user(user=cast.inspector_north, code="NOPE")
    with pytest.raises(NotFound) as not_yours:
        selectors.org_unit_get_for_user(user=cast.inspector_north, code="SOUTH")
    assert missing.value.code == not_yours.value.code == "org_unit_not_found"
    assert missing.value.status_code == not_yours.value.status_code == 404


def test_officers_are_scoped_by_subtree(cast) -> None:
    north_officer = OfficerFactory(unit=cast.north)
    OfficerFactory(unit=cast.south)
    assert list(selectors.officer_list_visible_to(user=cast.inspector_north)) == [north_officer]
    assert selectors.officer_list_visible_to(user=cast.supervisor).count() == 2
    with pytest.raises(NotFound):
        selectors.officer_get_for_user(user=cast.inspector_south, officer_id=north_officer.pk)


def test_primary_unit_is_the_narrowest_grant(cast) -> None:
    assert selectors.user_primary_unit(user=cast.supervisor) == cast.region
    assert selectors.user_primary_unit(user=cast.inspector_north) == cast.north
    assert selectors.user_primary_unit(user=cast.outsider) is None


def test_unit_admin_manages_own_subtree_only(cast) -> None:
    assert selectors.user_can_manage_unit(user=cast.unit_admin_north, unit=cast.north)
    assert not selectors.user_can_manage_unit(user=cast.unit_admin_north, unit=cast.south)
    assert selectors.user_can_manage_unit(user=cast.system_admin, unit=cast.south)
    assert not selectors.user_can_manage_unit(user=cast.inspector_north, unit=cast.north)


def test_a_unit_is_granted_to_roles_over_it_or_above_it(cast) -> None:
    officer_roles = {Role.OFFICER}

    assert selectors.org_unit_get_if_granted(user=cast.inspector_north, code="NORTH", roles=officer_roles) == cast.north
    assert selectors.org_unit_get_if_granted(user=cast.inspector_north, code="SOUTH", roles=officer_roles) is None
    assert selectors.org_unit_get_if_granted(user=cast.inspector_north, code="NOPE", roles=officer_roles) is None
    assert selectors.org_unit_get_if_granted(user=cast.supervisor, code="NORTH", roles={Role.SUPERVISOR}) == cast.north
    assert selectors.org_unit_get_if_granted(user=cast.supervisor, code="NORTH", roles=officer_roles) is None
    assert selectors.org_unit_get_if_granted(user=AnonymousUser(), code="NORTH", roles=officer_roles) is None


def test_a_grant_covers_paths_that_start_with_it_exactly(cast) -> None:
    # "/R/G/NORTH/" must not cover "/R/G/north/" (LIKE ignores case on SQLite) nor "/R/G/NORTHERN/"
    lower = OrgUnitFactory(code="north", name="另一单位", parent=cast.government)
    longer = OrgUnitFactory(code="NORTHERN", name="再一单位", parent=cast.government)
    below = OrgUnitFactory(code="NORTH-1", name="北区一所", parent=cast.north)

    for unit in (lower, longer):
        assert (
            selectors.org_unit_get_if_granted(user=cast.inspector_north, code=unit.code, roles={Role.OFFICER}) is None
        )
    assert selectors.org_unit_get_if_granted(user=cast.inspector_north, code=below.code, roles={Role.OFFICER}) == below
