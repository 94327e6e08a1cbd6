import pytest

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import Conflict, DomainError
from fazhi.orgs import services
from fazhi.orgs.choices import OrgUnitKind
from fazhi.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db


def test_create_writes_unit_path_and_one_audit_row(cast) -> None:
    unit = services.org_unit_create(
        actor=cast.system_admin,
        code="EAST",
        name="东区卫健委",
        kind=OrgUnitKind.DEPARTMENT,
        parent=cast.government,
        reason="机构改革",
    )
    unit.refresh_from_db()
    assert unit.path == "/R/G/EAST/" and unit.depth == 2
    events = AuditEvent.objects.filter(event_type=AuditEventType.ORG_UNIT_CREATED, target_id=str(unit.pk))
    assert events.count() == 1
    event = events.get()
    assert event.actor == cast.system_admin
    assert event.reason == "机构改革"
    assert event.changes["code"] == [None, "EAST"]
    assert event.changes["parent"] == [None, "G"]


def test_duplicate_code_is_a_conflict_and_writes_nothing(cast) -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(Conflict) as error:
        services.org_unit_create(
            actor=cast.system_admin, code="NORTH", name="重复", kind=OrgUnitKind.DEPARTMENT, parent=cast.government
        )
    assert error.value.code == "org_unit_code_taken"
    assert AuditEvent.objects.count() == before
    assert OrgUnit.objects.filter(code="NORTH").count() == 1


def test_invalid_credit_code_is_refused_in_chinese(cast) -> None:
    with pytest.raises(DomainError) as error:
        services.org_unit_create(
            actor=cast.system_admin,
            code="BAD",
            name="坏代码",
            kind=OrgUnitKind.DEPARTMENT,
            parent=cast.government,
            credit_code="91350100M000100Y44",
        )
    assert "统一社会信用代码" in error.value.message
    assert not OrgUnit.objects.filter(code="BAD").exists()


def test_moving_a_unit_rewrites_the_whole_subtree(cast) -> None:
    brigade = services.org_unit_create(
        actor=cast.system_admin, code="NB", name="北区执法大队", kind=OrgUnitKind.ENFORCEMENT_BODY, parent=cast.north
    )
    team = services.org_unit_create(
        actor=cast.system_admin, code="NBT", name="一中队", kind=OrgUnitKind.OTHER, parent=brigade
    )
    services.org_unit_update(actor=cast.system_admin, unit=brigade, parent=cast.south, reason="划转")
    brigade.refresh_from_db()
    team.refresh_from_db()
    assert brigade.path == "/R/G/SOUTH/NB/" and brigade.depth == 3
    assert team.path == "/R/G/SOUTH/NB/NBT/" and team.depth == 4
    event = AuditEvent.objects.get(event_type=AuditEventType.ORG_UNIT_UPDATED, target_id=str(brigade.pk))
    assert event.changes == {"parent": ["NORTH", "SOUTH"]}


def test_moving_under_own_child_is_refused_and_nothing_changes(cast) -> None:
    child = services.org_unit_create(
        actor=cast.system_admin, code="NB", name="北区执法大队", kind=OrgUnitKind.ENFORCEMENT_BODY, parent=cast.north
    )
    with pytest.raises(DomainError):
        services.org_unit_update(actor=cast.system_admin, unit=cast.north, parent=child)
    cast.north.refresh_from_db()
    assert cast.north.path == "/R/G/NORTH/"
    assert not AuditEvent.objects.filter(event_type=AuditEventType.ORG_UNIT_UPDATED).exists()


def test_update_without_changes_writes_no_audit(cast) -> None:
    services.org_unit_update(actor=cast.system_admin, unit=cast.north, name=cast.north.name)
    assert not AuditEvent.objects.filter(event_type=AuditEventType.ORG_UNIT_UPDATED).exists()
