"""Assertions shared by the powers tests."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from fazhi.core.audit.models import AuditEvent, AuditEventType


def audit_events(event_type: AuditEventType, target: Model) -> list[AuditEvent]:
    content_type = ContentType.objects.get_for_model(target)
    return list(AuditEvent.objects.filter(event_type=event_type, target_type=content_type, target_id=str(target.pk)))


def the_one_audit_event(event_type: AuditEventType, target: Model) -> AuditEvent:
    """Exactly one audit row of this type for this target, and no other row for it."""
    events = audit_events(event_type, target)
    assert len(events) == 1, f"expected exactly one {event_type.name} row, found {len(events)}"
    content_type = ContentType.objects.get_for_model(target)
    assert AuditEvent.objects.filter(target_type=content_type, target_id=str(target.pk)).count() == 1
    return events[0]
