"""A loader entering past acts (the demo) may say when each was entered — never in the future nor
before the act's own day — because supervision counts 上传及时率 from that time."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from fazhi.core.errors import DomainError
from fazhi.enforcement.models import Inspection, PenaltyCase
from fazhi.enforcement.tests.factories import build_world, open_case, record_inspection

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast):
    return build_world(cast)


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(17, 30)))


def test_an_entry_time_given_by_a_loader_is_kept(world):
    inspection = record_inspection(world, occurred_on=date(2026, 3, 2), recorded_at=_at(date(2026, 3, 2)))
    case = open_case(world, recorded_at=_at(date(2026, 3, 4)))

    assert inspection.recorded_at == _at(date(2026, 3, 2))
    case.refresh_from_db()
    assert case.created_at == _at(date(2026, 3, 4))


@pytest.mark.parametrize(
    ("moment", "code"),
    [
        (lambda: timezone.now() + timedelta(hours=1), "enforcement.future_recorded_at"),
        (lambda: _at(date(2026, 3, 1)), "enforcement.recorded_before_act"),  # the day before the inspection
    ],
)
def test_an_entry_time_in_the_future_or_before_the_act_is_refused(world, moment, code):
    with pytest.raises(DomainError) as refused:
        record_inspection(world, occurred_on=date(2026, 3, 2), recorded_at=moment())
    assert refused.value.code == code and refused.value.status_code == 400
    with pytest.raises(DomainError):
        open_case(world, recorded_at=moment() if code.startswith("enforcement.future") else _at(date(2026, 3, 2)))
    assert not Inspection.objects.exists() and not PenaltyCase.objects.exists()
