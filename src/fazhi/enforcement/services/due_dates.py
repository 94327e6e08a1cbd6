"""Keep the due-date snapshots on cases in step with the tracked deadlines when the calendar changes.

Decision (docs/enforcement.md §3): the snapshot fields stay (`decision_due`, `hearing_request_due`,
`service_due`, `payment_due`, `cash_handover_due`, `cash_deposit_due` on PenaltyCase and
`decision_due` on EvidencePreservation) because lists sort and filter on them with one indexed
column; the tracked deadline (core.deadlines) is the source of truth. This hook is registered in
EnforcementConfig.ready() after core.deadlines' own hook (INSTALLED_APPS order), so it runs once
the tracked deadlines have been recomputed, and copies any moved due date onto the record.
Approved Art. 66 payment dates are decisions, not tracked periods, and are never touched.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.deadlines.choices import TrackedDeadlineStatus
from fazhi.core.deadlines.models import TrackedDeadline
from fazhi.core.deadlines.services import RECOMPUTE_WINDOW_DAYS
from fazhi.enforcement.models import EvidencePreservation, PenaltyCase
from fazhi.enforcement.rules import execution as execution_rules

# rule code → snapshot field on PenaltyCase (the decision period's code varies by sector: see below)
CASE_SNAPSHOTS = {
    "penalty.hearing_request": "hearing_request_due",
    "penalty.service": "service_due",
    "penalty.payment": "payment_due",
    execution_rules.CASH_HANDOVER_RULE: "cash_handover_due",
    execution_rules.CASH_DEPOSIT_RULE: "cash_deposit_due",
}
CHUNK = 2000


def _case(pk: int) -> PenaltyCase:
    return PenaltyCase.objects.only("pk", "number", "party_name", "cause").get(pk=pk)


def _open_tracked(model: type[Any], changed_dates: list[date]) -> dict[int, dict[str, date]]:
    """{record id: {rule_code: due}} of the open deadlines a calendar change around `changed_dates` can move."""
    earliest, latest = min(changed_dates), max(changed_dates)
    window_start = earliest - timedelta(days=RECOMPUTE_WINDOW_DAYS)
    rows = TrackedDeadline.objects.filter(
        target_type=ContentType.objects.get_for_model(model),
        status=TrackedDeadlineStatus.OPEN,
        start__gte=window_start,
        start__lte=latest,
    ).values_list("target_id", "rule_code", "due")
    result: dict[int, dict[str, date]] = defaultdict(dict)
    for target_id, rule_code, due in rows.iterator(chunk_size=CHUNK):
        result[int(target_id)][rule_code] = due
    return result


def _refresh_cases(changed_dates: list[date]) -> int:
    tracked = _open_tracked(PenaltyCase, changed_dates)
    fields = ["decision_due", *CASE_SNAPSHOTS.values()]
    moved = 0
    ids = sorted(tracked)
    for offset in range(0, len(ids), CHUNK):
        chunk = ids[offset : offset + CHUNK]
        for row in PenaltyCase.objects.filter(pk__in=chunk).values("pk", "decision_rule_code", *fields):
            dues = tracked[row["pk"]]
            wanted = {CASE_SNAPSHOTS[code]: due for code, due in dues.items() if code in CASE_SNAPSHOTS}
            if row["decision_rule_code"] in dues:
                wanted["decision_due"] = dues[row["decision_rule_code"]]
            changes = {name: [row[name], due] for name, due in wanted.items() if row[name] != due}
            if not changes:
                continue
            with transaction.atomic():
                PenaltyCase.objects.filter(pk=row["pk"]).update(**{name: new for name, (_, new) in changes.items()})
                record_audit(
                    actor=None,
                    event_type=AuditEventType.PENALTY_CASE_DUE_DATES_REFRESHED,
                    target=_case(row["pk"]),
                    reason="工作日历变更，按重新计算的期限更新案件",
                    changes={
                        name: [old.isoformat() if old else None, new.isoformat()]
                        for name, (old, new) in changes.items()
                    },
                )
            moved += 1
    return moved


def _refresh_preservations(changed_dates: list[date]) -> int:
    tracked = _open_tracked(EvidencePreservation, changed_dates)
    moved = 0
    for row in EvidencePreservation.objects.filter(pk__in=sorted(tracked)).values("pk", "case_id", "decision_due"):
        due = tracked[row["pk"]].get(execution_rules.PRESERVATION_RULE)
        if due is None or due == row["decision_due"]:
            continue
        with transaction.atomic():
            EvidencePreservation.objects.filter(pk=row["pk"]).update(decision_due=due)
            record_audit(
                actor=None,
                event_type=AuditEventType.PENALTY_CASE_DUE_DATES_REFRESHED,
                target=_case(row["case_id"]),
                reason="工作日历变更，按重新计算的期限更新先行登记保存处理期限",
                changes={
                    "preservation": [row["pk"], row["pk"]],
                    "decision_due": [row["decision_due"].isoformat(), due.isoformat()],
                },
            )
        moved += 1
    return moved


def case_due_dates_refresh(changed_dates: list[date]) -> int:
    """Calendar recompute hook: copy moved tracked due dates onto cases and preservations; return how many moved.

    Idempotent (a second run finds nothing to change). One transaction and one audit row
    (PENALTY_CASE_DUE_DATES_REFRESHED, actor None) per moved record; the case version is not
    bumped, so an officer's open form does not conflict with a calendar edit.
    """
    if not changed_dates:
        return 0
    return _refresh_cases(changed_dates) + _refresh_preservations(changed_dates)
