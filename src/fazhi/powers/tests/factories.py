"""factory_boy factories for power lists (test data only; production writes go through services)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from fazhi.orgs.tests.factories import OrgUnitFactory
from fazhi.powers.choices import CheckMethod, FlexibleMeasureKind, ItemStatus, PowerCategory, Severity
from fazhi.powers.models import CheckItem, DiscretionStandard, FlexibleMeasure, PowerItem


class PowerItemFactory(DjangoModelFactory[PowerItem]):
    class Meta:
        model = PowerItem

    code = factory.Sequence(lambda n: f"QL-{n:05d}")
    name = factory.Sequence(lambda n: f"对违反示范管理规定行为{n}的行政处罚")
    category = PowerCategory.PENALTY
    owner_unit = factory.SubFactory(OrgUnitFactory)
    basis_text = "《中华人民共和国示范处罚法》第三条"
    status = ItemStatus.ACTIVE


class CheckItemFactory(DjangoModelFactory[CheckItem]):
    class Meta:
        model = CheckItem
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"JC-{n:05d}")
    name = factory.Sequence(lambda n: f"示范经营场所检查{n}")
    owner_unit = factory.SubFactory(OrgUnitFactory)
    basis_text = "《中华人民共和国示范处罚法》第二条"
    check_method = CheckMethod.ON_SITE
    has_legal_basis = True

    @factory.post_generation
    def power_items(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create and extracted:
            self.power_items.set(extracted)


class DiscretionStandardFactory(DjangoModelFactory[DiscretionStandard]):
    class Meta:
        model = DiscretionStandard

    power_item = factory.SubFactory(PowerItemFactory)
    severity = Severity.GENERAL
    circumstance = "违法行为持续时间较短，未造成实际危害"
    statutory_min = Decimal("1000.00")
    statutory_max = Decimal("10000.00")
    fine_min = Decimal("1000.00")
    fine_max = Decimal("3000.00")
    effective_from = date(2024, 1, 1)


class FlexibleMeasureFactory(DjangoModelFactory[FlexibleMeasure]):
    class Meta:
        model = FlexibleMeasure

    code = factory.Sequence(lambda n: f"RX-{n:05d}")
    kind = FlexibleMeasureKind.NO_PENALTY
    is_first_violation = True
    power_item = factory.SubFactory(PowerItemFactory)
    owner_unit = factory.LazyAttribute(lambda o: o.power_item.owner_unit)
    violation = "未在经营场所醒目位置公示示范信息"
    conditions = "初次违法且危害后果轻微，并在责令改正期限内改正"
    handling = "责令改正，进行教育，不予行政处罚"
    basis_text = "《中华人民共和国行政处罚法》第三十三条第一款"
    effective_from = date(2024, 1, 1)
