"""factory_boy factories for orgs models (test data only; production writes go through services)."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from fazhi.core.ids import citizen_id_check_char
from fazhi.orgs.choices import OrgUnitKind, Role
from fazhi.orgs.models import EnforcementDomain, Officer, OrgUnit, Person, RoleAssignment, User


def _citizen_id(n: int) -> str:
    first17 = f"990101{1970 + n % 30}{(n % 12) + 1:02d}{(n % 28) + 1:02d}{n % 1000:03d}"
    return first17 + citizen_id_check_char(first17)


class EnforcementDomainFactory(DjangoModelFactory[EnforcementDomain]):
    class Meta:
        model = EnforcementDomain
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"D{n:03d}")
    name = factory.Sequence(lambda n: f"领域{n}")


class OrgUnitFactory(DjangoModelFactory[OrgUnit]):
    class Meta:
        model = OrgUnit

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"测试单位{n}")
    kind = OrgUnitKind.DEPARTMENT
    parent = None
    path = factory.LazyAttribute(lambda o: f"{o.parent.path if o.parent else '/'}{o.code}/")
    depth = factory.LazyAttribute(lambda o: o.parent.depth + 1 if o.parent else 0)


class PersonFactory(DjangoModelFactory[Person]):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"测试人员{n}")
    citizen_id = factory.Sequence(_citizen_id)


class OfficerFactory(DjangoModelFactory[Officer]):
    class Meta:
        model = Officer

    person = factory.SubFactory(PersonFactory)
    unit = factory.SubFactory(OrgUnitFactory)


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"用户{n}")
    password = factory.PostGenerationMethodCall("set_password", "Correct-Horse-42")

    @factory.post_generation
    def save_password(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()


class RoleAssignmentFactory(DjangoModelFactory[RoleAssignment]):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.OFFICER
    unit = factory.SubFactory(OrgUnitFactory)
