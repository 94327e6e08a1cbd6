"""Writes of alerts: alerts_refresh (raise and clear, and the periodic job alerts_periodic) and alert_resolve."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.errors import Conflict, DomainError
from fazhi.supervision import selectors
from fazhi.supervision.choices import AlertKind, AlertStatus
from fazhi.supervision.models import Alert
from fazhi.supervision.services._common import Actor

# --- alerts --------------------------------------------------------------------------------------------------------


@transaction.atomic
def alerts_refresh(*, today: date, now: datetime) -> tuple[int, int]:
    """Raise an alert for each current condition not yet raised, and clear the ones that ended.

    Raised once: `key` is unique, so a condition that persists is never raised twice; a condition
    that ends clears its alert (a late-entry alert ends when the unit marks it handled).
    An open alert whose condition is now worded differently gets the new title.
    Alerts are derived from audited records, so they carry no audit row of their own.
    Writes: Alert. Returns (raised, cleared).
    """
    conditions = {c.key: c for c in selectors.alert_conditions(today=today)}
    open_alerts = {a.key: a for a in Alert.objects.filter(status=AlertStatus.OPEN)}
    known = set(Alert.objects.filter(key__in=list(conditions)).values_list("key", flat=True))
    new = [
        Alert(kind=c.kind, key=c.key, unit_id=c.unit_id, title=c.title[:300], due_on=c.due_on, raised_at=now)
        for key, c in conditions.items()
        if key not in known
    ]
    Alert.objects.bulk_create(new, batch_size=1000)
    # An open alert whose wording changed (the internal record keys and rule codes of older
    # versions) is reworded, so the to-do list never shows the old text.
    reworded = []
    for key, alert in open_alerts.items():
        title = conditions[key].title[:300] if key in conditions else alert.title
        if title != alert.title:
            alert.title = title
            reworded.append(alert)
    Alert.objects.bulk_update(reworded, ["title"], batch_size=1000)
    ended = [
        alert.pk
        for key, alert in open_alerts.items()
        if key not in conditions and alert.kind != AlertKind.RECORD_ENTERED_LATE
    ]
    # A condition that moved on (near → passed) has a new key; its old alert ends here.
    Alert.objects.filter(pk__in=ended).update(status=AlertStatus.CLEARED, cleared_at=now, clear_reason="情形已消除")
    return len(new), len(ended)


@transaction.atomic
def alert_resolve(*, actor: Actor, alert: Alert, reason: str) -> Alert:
    """Mark a late-entry alert handled (its cause cannot go away by itself). Writes: Alert, AuditEvent."""
    if alert.kind != AlertKind.RECORD_ENTERED_LATE:
        raise Conflict("该提醒在情形消除后自动解除。", code="supervision.alert_auto_clears")
    if not reason.strip():
        raise DomainError("请填写处理说明。", code="supervision.note_required", fields={"reason": ["必填。"]})
    updated = Alert.objects.filter(pk=alert.pk, status=AlertStatus.OPEN).update(
        status=AlertStatus.CLEARED, cleared_at=timezone.now(), clear_reason=reason.strip()[:200]
    )
    if updated != 1:
        raise Conflict("该提醒已解除。", code="supervision.alert_cleared")
    alert.refresh_from_db()
    record_audit(
        actor=actor,
        event_type=AuditEventType.SUPERVISION_ALERT_RESOLVED,
        target=alert,
        reason=reason,
        changes={"status": [AlertStatus.OPEN, AlertStatus.CLEARED]},
    )
    return alert


def alerts_periodic(now: datetime) -> int:
    """Periodic job for `fazhi tick` (registered in apps.py): ingest first, then refresh the alerts."""
    raised, cleared = alerts_refresh(today=timezone.localtime(now).date(), now=now)
    return raised + cleared
