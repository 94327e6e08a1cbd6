from datetime import date

import pytest

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.calendars import services
from fazhi.core.calendars.models import CalendarDay
from fazhi.core.calendars.selectors import working_calendar
from fazhi.core.errors import DomainError
from fazhi.core.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_entering_2027_makes_the_year_computable(cast) -> None:
    services.calendar_year_mark(
        actor=cast.system_admin, year=2027, citation="国务院办公厅关于2027年部分节假日安排的通知", is_complete=True
    )
    services.calendar_day_set(actor=cast.system_admin, day=date(2027, 1, 1), kind="holiday", name="元旦")
    calendar = working_calendar()
    assert not calendar.is_working_day(date(2027, 1, 1))
    assert calendar.is_working_day(date(2027, 1, 4))
    types = set(AuditEvent.objects.values_list("event_type", flat=True))
    assert {AuditEventType.CALENDAR_YEAR_MARKED, AuditEventType.CALENDAR_DAY_SET} <= types
    assert OutboxMessage.objects.filter(kind=services.RECOMPUTE_KIND).count() == 2


def test_holiday_without_name_is_refused_and_nothing_written(cast) -> None:
    with pytest.raises(DomainError) as error:
        services.calendar_day_set(actor=cast.system_admin, day=date(2027, 1, 1), kind="holiday", name="")
    assert error.value.code == "calendar_name_required"
    assert not CalendarDay.objects.exists()
    assert not AuditEvent.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_complete_year_needs_a_citation(cast) -> None:
    with pytest.raises(DomainError):
        services.calendar_year_mark(actor=cast.system_admin, year=2027, citation="", is_complete=True)


def test_delete_restores_the_default(cast) -> None:
    services.calendar_day_set(actor=cast.system_admin, day=date(2026, 3, 11), kind="holiday", name="临时放假")
    assert not working_calendar().is_working_day(date(2026, 3, 11))
    services.calendar_day_delete(actor=cast.system_admin, day=date(2026, 3, 11), reason="录入错误")
    assert working_calendar().is_working_day(date(2026, 3, 11))
    assert AuditEvent.objects.filter(event_type=AuditEventType.CALENDAR_DAY_DELETED).count() == 1
