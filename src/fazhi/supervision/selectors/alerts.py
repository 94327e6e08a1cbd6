"""Supervision alerts: those the user may see, and every condition that should have an open alert today.

services.alerts_refresh opens and closes alerts to match alert_conditions.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, QuerySet

from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.deadlines.choices import TrackedDeadlineStatus
from fazhi.core.deadlines.models import TrackedDeadline
from fazhi.core.deadlines.selectors import deadline_rule_names
from fazhi.core.errors import NotFound
from fazhi.enforcement.models import PenaltyCase
from fazhi.orgs.choices import CertificateStatus
from fazhi.orgs.models import Certificate
from fazhi.orgs.selectors import AnyUser
from fazhi.supervision import rules
from fazhi.supervision.choices import AlertKind, AlertStatus, RecordType
from fazhi.supervision.models import Alert, EnforcementRecord
from fazhi.supervision.selectors.definitions import _lag_days, indicator_definitions_on
from fazhi.supervision.selectors.record_labels import record_labels
from fazhi.supervision.selectors.scope import VIEW_ROLES, _grant_paths, _path_q

ALERT_NEAR_DAYS = 3
CERTIFICATE_WARNING_DAYS = 30
LATE_ENTRY_LOOKBACK_DAYS = 30


def alert_list_visible_to(*, user: AnyUser, status: str | None = AlertStatus.OPEN) -> QuerySet[Alert]:
    rows = Alert.objects.filter(_path_q(_grant_paths(user, VIEW_ROLES), "unit__path")).select_related("unit")
    return rows.filter(status=status) if status else rows


def alert_get_for_user(*, user: AnyUser, alert_id: int) -> Alert:
    alert = alert_list_visible_to(user=user, status=None).filter(pk=alert_id).first()
    if alert is None:
        raise NotFound("提醒不存在或无权访问。", code="supervision.alert_not_found")
    return alert


def alert_conditions(*, today: date) -> list[rules.AlertCondition]:
    """Every condition that should have an open alert today (see services.alerts_refresh).

    - a tracked deadline of a penalty case due within 3 days (near) or past (passed); the 公示
      deadline (publicity.*) past is "not published in time";
    - a valid certificate whose validity ends within 30 days (the key carries the end date, so a
      renewal clears the alert);
    - a record entered more than the configured days after it happened (last 30 days of entries).
    """
    conditions: list[rules.AlertCondition] = []
    horizon = today + timedelta(days=ALERT_NEAR_DAYS)
    case_type = ContentType.objects.get_for_model(PenaltyCase)
    deadlines = list(
        TrackedDeadline.objects.filter(
            target_type=case_type, status=TrackedDeadlineStatus.OPEN, due__lte=horizon
        ).values_list("pk", "target_id", "rule_code", "due")
    )
    cases = {
        case_id: (unit_id, f"{number}（{party}）" if number else f"{party}案")
        for case_id, unit_id, number, party in PenaltyCase.objects.filter(
            pk__in=[int(target) for _pk, target, _rule, _due in deadlines]
        ).values_list("pk", "unit_id", "number", "party_name")
    }
    # The deadline's Chinese name, never its rule code (penalty.payment) — supervisors read these.
    names = deadline_rule_names(codes={rule for _pk, _target, rule, _due in deadlines})
    for pk, target, rule_code, due in deadlines:
        if int(target) not in cases:
            continue
        unit_id, case = cases[int(target)]
        deadline = names.get(rule_code, "法定期限")
        passed = due < today
        due_zh = format_date_zh(due)  # titles are read by people: 2026年8月13日, not 2026-08-13
        if rule_code.startswith("publicity.") and passed:
            kind, title = AlertKind.PUBLICATION_OVERDUE, f"{case}处罚决定未按期公示（应于{due_zh}前）"
        elif passed:
            kind, title = AlertKind.CASE_DEADLINE_PASSED, f"{case}已超过{deadline}（{due_zh}届满）"
        else:
            kind, title = AlertKind.CASE_DEADLINE_NEAR, f"{case}的{deadline}即将届满（{due_zh}）"
        conditions.append(rules.AlertCondition(kind, f"deadline:{pk}:{kind}", unit_id, title, due))
    for pk, number, valid_to, unit_id, name in Certificate.objects.filter(
        status=CertificateStatus.VALID,
        valid_to__gte=today,
        valid_to__lte=today + timedelta(days=CERTIFICATE_WARNING_DAYS),
        officer__is_active=True,
    ).values_list("pk", "number", "valid_to", "officer__unit_id", "officer__person__name"):
        conditions.append(
            rules.AlertCondition(
                AlertKind.CERTIFICATE_EXPIRING,
                f"certificate:{pk}:{valid_to}",
                unit_id,
                f"{name}的执法证{number}将于{format_date_zh(valid_to)}到期",
                valid_to,
            )
        )
    lag_days = _lag_days(indicator_definitions_on(day=today))
    late = list(
        EnforcementRecord.objects.filter(
            entered_on__gte=today - timedelta(days=LATE_ENTRY_LOOKBACK_DAYS),
            entered_on__gt=F("occurred_on") + timedelta(days=lag_days),
        ).values_list("pk", "source", "key", "record_type", "unit_id", "occurred_on", "entered_on")
    )
    labels = record_labels((source, key) for _pk, source, key, *_rest in late)
    for pk, _source, key, record_type, unit_id, occurred_on, entered_on in late:
        days = (entered_on - occurred_on).days
        conditions.append(
            rules.AlertCondition(
                AlertKind.RECORD_ENTERED_LATE,
                f"late:{pk}",
                unit_id,
                f"{RecordType(record_type).label}“{labels[key].text}”于{format_date_zh(occurred_on)}发生，{format_date_zh(entered_on)}才录入"
                f"（相隔{days}日，应在{lag_days}日内）",
                None,
            )
        )
    return conditions
