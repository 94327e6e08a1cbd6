"""factory_boy factories and builders for spot-check tests (test data only; production writes go through services)."""

from __future__ import annotations

from datetime import date

import factory
from factory.django import DjangoModelFactory

from fazhi.core.ids import uscc_check_char
from fazhi.orgs import services as orgs_services
from fazhi.orgs.models import Officer, OrgUnit, Person
from fazhi.orgs.tests.factories import EnforcementDomainFactory, OfficerFactory
from fazhi.spotchecks.models import Entity


def uscc(n: int, *, kind: str = "91") -> str:
    """A valid 统一社会信用代码 for test number n (kind "92" = 个体工商户)."""
    first17 = f"{kind}120116{n:09d}"
    return first17 + uscc_check_char(first17)


class EntityFactory(DjangoModelFactory[Entity]):
    class Meta:
        model = Entity
        django_get_or_create = ("credit_code",)

    credit_code = factory.Sequence(uscc)
    name = factory.Sequence(lambda n: f"示范商贸有限公司{n}")
    address = factory.Sequence(lambda n: f"测试区和平街道示范路{n}号")
    industry_code = "F5211"
    area = "测试区/和平街道/第一网格"
    risk_class = "B"


def certified_officer(
    *,
    unit: OrgUnit,
    person: Person | None = None,
    number: str = "",
    valid_from: date = date(2020, 1, 1),
    valid_to: date = date(2030, 12, 31),
) -> Officer:
    """An officer of `unit` holding a certificate valid over the given years."""
    officer = OfficerFactory(unit=unit, **({"person": person} if person else {}))
    orgs_services.certificate_issue(
        actor=None,
        officer=officer,
        number=number or f"ZF{officer.pk:08d}",
        issuer="测试区人民政府",
        domains=[EnforcementDomainFactory(code="SCJG", name="市场监管")],
        valid_from=valid_from,
        valid_to=valid_to,
    )
    return officer
