from datetime import date

import pytest
from django.test import override_settings

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import Conflict, DomainError
from fazhi.orgs import selectors, services
from fazhi.orgs.choices import Gender, Role
from fazhi.orgs.models import LoginFailure, Person, RoleAssignment

pytestmark = pytest.mark.django_db


def test_person_create_reads_birth_date_and_gender_from_the_id(cast) -> None:
    person = services.person_create(actor=cast.system_admin, name="张三", citizen_id="11010519491231002x")
    person.refresh_from_db()
    assert person.citizen_id == "11010519491231002X"
    assert person.birth_date == date(1949, 12, 31)
    assert person.gender == Gender.FEMALE  # 17th digit 2 is even
    event = AuditEvent.objects.get(event_type=AuditEventType.PERSON_CREATED, target_id=str(person.pk))
    assert "11010519491231002X" not in str(event.changes)  # ID numbers stay out of the audit log


@pytest.mark.parametrize(
    ("citizen_id", "fragment"),
    [("110105194912310021", "校验码"), ("110105199902300023", "出生日期"), ("1101051949", "18位")],
)
def test_person_with_invalid_id_is_refused_and_not_saved(cast, citizen_id: str, fragment: str) -> None:
    before = Person.objects.count()
    with pytest.raises(DomainError) as error:
        services.person_create(actor=cast.system_admin, name="李四", citizen_id=citizen_id)
    assert fragment in error.value.message
    assert error.value.code == "invalid_citizen_id"
    assert Person.objects.count() == before


def test_same_id_twice_is_a_conflict(cast) -> None:
    services.person_create(actor=cast.system_admin, name="张三", citizen_id="11010519491231002X")
    with pytest.raises(Conflict):
        services.person_create(actor=cast.system_admin, name="张三", citizen_id="11010519491231002X")


def test_reviewer_role_without_legal_qualification_is_refused(cast) -> None:
    with pytest.raises(DomainError) as error:
        services.role_assign(
            actor=cast.system_admin, user=cast.inspector_north, role=Role.LEGAL_REVIEWER, unit=cast.north
        )
    assert error.value.code == "reviewer_needs_legal_qualification"
    assert not RoleAssignment.objects.filter(user=cast.inspector_north, role=Role.LEGAL_REVIEWER).exists()
    assert not AuditEvent.objects.filter(event_type=AuditEventType.ROLE_ASSIGNED).exists()


def test_role_assign_and_revoke_are_audited(cast) -> None:
    assignment = services.role_assign(
        actor=cast.system_admin, user=cast.inspector_north, role=Role.UNIT_ADMIN, unit=cast.north, reason="兼任"
    )
    assert Role.UNIT_ADMIN in selectors.user_role_set(user=cast.inspector_north)
    services.role_revoke(actor=cast.system_admin, assignment=assignment, reason="调岗")
    assert Role.UNIT_ADMIN not in selectors.user_role_set(user=cast.inspector_north)
    types = list(AuditEvent.objects.filter(target_id=str(cast.inspector_north.pk)).values_list("event_type", flat=True))
    assert types == [AuditEventType.ROLE_ASSIGNED, AuditEventType.ROLE_REVOKED]


def test_system_admin_gets_configuration_permissions_not_superuser(cast) -> None:
    user = services.user_create(actor=None, username="cfg", password="Long-Enough-Pass-9", display_name="配置员")
    services.role_assign(actor=None, user=user, role=Role.SYSTEM_ADMIN, unit=cast.region)
    user.refresh_from_db()
    assert user.is_staff and not user.is_superuser
    assert user.has_perm("calendars.change_calendarday")
    assert user.has_perm("deadlines.add_deadlineruleversion")
    assert user.has_perm("supervision.change_assessmentscheme")  # DESIGN §1: the 考核 weights
    assert not user.has_perm("audit.delete_auditevent")


def test_weak_password_is_refused(cast) -> None:
    with pytest.raises(DomainError) as error:
        services.user_create(actor=None, username="weak", password="12345678")
    assert error.value.code == "weak_password"


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_login_locks_after_limit_and_audits_once(cast) -> None:
    for _ in range(3):
        assert not selectors.login_is_locked(username="inspector_north")
        services.login_failure_record(username="inspector_north", ip_address="10.0.0.1")
    assert selectors.login_is_locked(username="inspector_north")
    assert AuditEvent.objects.filter(event_type=AuditEventType.LOGIN_LOCKED).count() == 1
    services.login_failures_clear(username="inspector_north")
    assert not selectors.login_is_locked(username="inspector_north")
    assert not LoginFailure.objects.exists()
