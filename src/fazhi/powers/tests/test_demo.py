import random

import pytest

from fazhi.core.audit.selectors import audit_chain_verify
from fazhi.orgs.demo import DemoOrgs
from fazhi.orgs.tests.factories import OrgUnitFactory
from fazhi.powers import demo, rules
from fazhi.powers.choices import FlexibleMeasureKind
from fazhi.powers.models import CheckItem, DiscretionStandard, FlexibleMeasure, PowerItem

pytestmark = pytest.mark.django_db


def test_each_department_gets_a_realistic_list(cast) -> None:
    departments = {
        code: OrgUnitFactory(code=code, name=name, parent=cast.government)
        for code, name in (("QH-SCJG", "青禾区市场监督管理局"), ("QH-CGZF", "青禾区城市管理综合执法局"))
    }
    orgs = DemoOrgs(region=cast.region, government=cast.government, departments=departments)
    result = demo.load(actor=None, rng=random.Random(7), orgs=orgs)

    for unit in departments.values():
        items = PowerItem.objects.filter(owner_unit=unit)
        assert 20 <= items.count() <= 60, unit.code
        assert len(set(items.values_list("category", flat=True))) >= 5
        assert all(rules.basis_is_stated(text) for text in items.values_list("basis_text", flat=True))
        assert CheckItem.objects.filter(owner_unit=unit).exists()
        kinds = set(FlexibleMeasure.objects.filter(owner_unit=unit).values_list("kind", flat=True))
        assert kinds == set(FlexibleMeasureKind)
        assert FlexibleMeasure.objects.filter(owner_unit=unit, is_first_violation=True).exists()
    assert len(result.power_items) == PowerItem.objects.count()
    for standard in DiscretionStandard.objects.all():
        assert standard.statutory_min <= standard.fine_min <= standard.fine_max <= standard.statutory_max
    assert result.discretion_standards == DiscretionStandard.objects.count() > 0
    assert audit_chain_verify().ok
