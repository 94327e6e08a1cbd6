"""纠错提醒 (以案促改): tell the unit whose act was corrected or lost in court."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.errors import Conflict
from fazhi.enforcement.models import PenaltyCase
from fazhi.orgs.models import OrgUnit
from fazhi.reconsideration.choices import AlertSource
from fazhi.reconsideration.models import ReviewAlert


@transaction.atomic(savepoint=False)
def review_alert_raise(
    *,
    actor: Any,
    unit: OrgUnit,
    source: str,
    source_id: int,
    reference: str,
    outcome: str,
    message: str,
    raised_on: date,
    penalty_case: PenaltyCase | None = None,
) -> ReviewAlert:
    """Raise one alert for the unit (idempotent per source case); runs in the caller's transaction.

    Writes: ReviewAlert, AuditEvent REVIEW_ALERT_RAISED.
    """
    existing = ReviewAlert.objects.filter(source=source, source_id=source_id).first()
    if existing is not None:
        return existing
    alert = ReviewAlert.objects.create(
        unit=unit, source=AlertSource(source), source_id=source_id, reference=reference[:64], outcome=outcome[:64],
        message=message[:500], raised_on=raised_on, penalty_case=penalty_case,
    )  # fmt: skip
    record_audit(
        actor=actor, event_type=AuditEventType.REVIEW_ALERT_RAISED, target=alert, reason=message[:500],
        changes={"unit": [None, unit.code], "source": [None, source], "reference": [None, reference]},
    )  # fmt: skip
    return alert


@transaction.atomic(durable=True)
def review_alert_acknowledge(*, actor: Any, alert: ReviewAlert) -> ReviewAlert:
    """Mark the alert as read by the unit. Writes: acknowledged_*, AuditEvent REVIEW_ALERT_ACKNOWLEDGED."""
    now = timezone.now()
    updated = ReviewAlert.objects.filter(pk=alert.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=now, acknowledged_by=actor
    )
    if updated != 1:
        raise Conflict("该提醒已阅。", code="reconsideration.alert_already_acknowledged")
    alert.refresh_from_db()
    record_audit(actor=actor, event_type=AuditEventType.REVIEW_ALERT_ACKNOWLEDGED, target=alert,
                 changes={"acknowledged_at": [None, now.isoformat()]})  # fmt: skip
    return alert
