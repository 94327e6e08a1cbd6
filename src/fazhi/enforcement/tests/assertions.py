"""Assertions shared by the service tests (STYLE §11: exactly one audit row; nothing on denial)."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.enforcement.models import CaseEvent, PenaltyCase


def assert_one_audit(event_type: AuditEventType, target: Any, actor: Any = None) -> AuditEvent:
    rows = AuditEvent.objects.filter(
        event_type=event_type,
        target_type=ContentType.objects.get_for_model(target),
        target_id=str(target.pk),
    )
    assert rows.count() == 1, f"expected one {event_type.name}, got {rows.count()}"
    row = rows.get()
    if actor is not None:
        assert row.actor_id == actor.pk
    return row


def last_event(case: PenaltyCase) -> CaseEvent:
    event = CaseEvent.objects.filter(case=case).order_by("-occurred_at", "-pk").first()
    assert event is not None
    return event


class Unchanged:
    """Snapshot of everything a denied transition must not touch."""

    def __init__(self, case: PenaltyCase) -> None:
        self.case = case
        self.row = PenaltyCase.objects.filter(pk=case.pk).values().get()
        self.audit = AuditEvent.objects.count()
        self.events = CaseEvent.objects.count()

    def check(self) -> None:
        assert PenaltyCase.objects.filter(pk=self.case.pk).values().get() == self.row
        assert AuditEvent.objects.count() == self.audit
        assert CaseEvent.objects.count() == self.events
