"""Due-date snapshots follow the tracked deadlines when the calendar changes (recompute hook, docs §3).

Art. 60 (decision), Art. 61/85 (service, 7 working days), Art. 56 (preservation, 7 working days).
"""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.calendars import services as calendar_services
from fazhi.core.calendars.hooks import _HOOKS
from fazhi.core.deadlines.services import deadline_recompute_open
from fazhi.core.outbox.services import process_pending
from fazhi.enforcement import services
from fazhi.enforcement.models import EvidencePreservation, PenaltyCase
from fazhi.enforcement.services.due_dates import case_due_dates_refresh
from fazhi.enforcement.tests.factories import decided_case, investigate, open_case

pytestmark = pytest.mark.django_db
D = date


def test_hook_is_registered_after_the_deadline_engine() -> None:
    assert _HOOKS.index(deadline_recompute_open) < _HOOKS.index(case_due_dates_refresh)


def test_art60_art61_art56_calendar_edit_refreshes_the_snapshots(world) -> None:
    case = open_case(world)  # filed 03-03 → decision due 06-01 (Art. 60, 90 days)
    preservation = services.evidence_preservation_register(
        actor=world.cast.inspector_north, case=investigate(world, case), registered_on=D(2026, 3, 5), items="物品",
        reason="可能灭失", approved_by="李局长", approved_on=D(2026, 3, 5),
    )  # fmt: skip
    served = decided_case(world)  # decided 03-30 → 7 working days (清明 04-04..06 off) → 04-09
    assert served.service_due == D(2026, 4, 9) and preservation.decision_due == D(2026, 3, 16)
    calendar_services.calendar_day_set(
        actor=world.cast.system_admin, day=D(2026, 6, 1), kind="holiday", name="临时放假"
    )
    calendar_services.calendar_day_set(
        actor=world.cast.system_admin, day=D(2026, 4, 8), kind="holiday", name="临时放假"
    )
    calendar_services.calendar_day_set(
        actor=world.cast.system_admin, day=D(2026, 3, 12), kind="holiday", name="临时放假"
    )
    process_pending()
    case.refresh_from_db()
    served.refresh_from_db()
    preservation.refresh_from_db()
    assert case.decision_due == D(2026, 6, 2)  # the last day is now a holiday: rolled over
    assert served.service_due == D(2026, 4, 10)
    assert preservation.decision_due == D(2026, 3, 17)
    refreshed = AuditEvent.objects.filter(event_type=AuditEventType.PENALTY_CASE_DUE_DATES_REFRESHED)
    assert refreshed.count() == 3 and all(e.actor_id is None for e in refreshed)
    row = refreshed.get(target_id=str(served.pk))
    assert row.changes == {"service_due": ["2026-04-09", "2026-04-10"]}
    # versions are not bumped: an officer's open form does not conflict with a calendar edit
    assert PenaltyCase.objects.get(pk=case.pk).version == case.version
    # idempotent
    assert case_due_dates_refresh([D(2026, 6, 1), D(2026, 4, 8), D(2026, 3, 12)]) == 0
    assert EvidencePreservation.objects.get(pk=preservation.pk).decision_due == D(2026, 3, 17)
