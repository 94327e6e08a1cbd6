"""A spot-check world on top of the cast: two departments with certified officers and check items,
and a small directory. inspector_north / inspector_south are officers of their departments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from fazhi.orgs.models import Officer
from fazhi.powers.models import CheckItem
from fazhi.powers.tests.factories import CheckItemFactory
from fazhi.spotchecks.models import Entity
from fazhi.spotchecks.tests.factories import EntityFactory, certified_officer


@dataclass
class SpotWorld:
    cast: object
    north_officers: list[Officer]
    south_officers: list[Officer]
    north_item: CheckItem
    south_item: CheckItem
    unfounded_item: CheckItem
    entities: list[Entity]


@pytest.fixture
def spot(cast) -> SpotWorld:
    north_officers = [certified_officer(unit=cast.north, person=cast.inspector_north.person)]
    north_officers += [certified_officer(unit=cast.north) for _ in range(3)]
    south_officers = [certified_officer(unit=cast.south, person=cast.inspector_south.person)]
    south_officers += [certified_officer(unit=cast.south) for _ in range(3)]
    north_item = CheckItemFactory(code="JC-N-001", name="经营场所公示信息检查", owner_unit=cast.north)
    south_item = CheckItemFactory(code="JC-S-001", name="门前责任区市容检查", owner_unit=cast.south)
    unfounded = CheckItemFactory(
        code="JC-N-999", name="无依据检查事项", owner_unit=cast.north, basis_text="", has_legal_basis=False
    )
    entities = [EntityFactory(risk_class="ABCD"[i % 4]) for i in range(40)]
    return SpotWorld(cast, north_officers, south_officers, north_item, south_item, unfounded, entities)


PERIOD = (date(2026, 9, 1), date(2026, 12, 31))
