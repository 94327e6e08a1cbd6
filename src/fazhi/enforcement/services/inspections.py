"""Writes of inspections (行政检查)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.masking import mask_citizen_id
from fazhi.enforcement import rules, selectors
from fazhi.enforcement.choices import InspectionOrigin, InspectionOutcome, PartyKind
from fazhi.enforcement.models import Inspection
from fazhi.enforcement.rules.common import VALID_CHOICE, refuse_check
from fazhi.enforcement.services._common import full_clean, recorded_moment, require_act_date
from fazhi.orgs.models import OrgUnit


def require_inspection_choices(*, outcome: str, origin: str) -> None:
    if outcome not in InspectionOutcome.values:
        raise refuse_check(
            "检查结果无效", code="inspection.invalid_outcome", rule=VALID_CHOICE, fields={"outcome": ["无效。"]}
        )
    if origin not in InspectionOrigin.values:
        raise refuse_check(
            "检查来源无效", code="inspection.invalid_origin", rule=VALID_CHOICE, fields={"origin": ["无效。"]}
        )


@transaction.atomic(durable=True)
def inspection_record(
    *,
    actor: Any,
    unit: OrgUnit,
    party_kind: str,
    party_name: str,
    party_code: str,
    occurred_on: date,
    officer_ids: Sequence[int],
    outcome: str,
    origin: str,
    party_address: str = "",
    check_item_codes: Sequence[str] = (),
    findings: str = "",
    spot_check_task_id: int | None = None,
    recorded_at: datetime | None = None,
) -> Inspection:
    """Record an inspection done by at least two officers certified on `occurred_on` for the unit's domain.

    `recorded_at`: when it was entered (default now); a loader entering past acts gives their own
    time (services._common.recorded_moment: not in the future, not before `occurred_on`).

    The caller has scoped `unit` to the actor (selectors.unit_get_for_action).
    Writes: Inspection (+ officers, check items), AuditEvent INSPECTION_RECORDED.
    Returns the inspection with `recorded_officers` and `recorded_check_items` set to the rows just
    linked, so a caller can answer without reading them back (see api.serializers).
    """
    today = timezone.localdate()
    require_act_date(occurred_on, field="occurred_on", label="检查日期", code_prefix="inspection")
    require_inspection_choices(outcome=outcome, origin=origin)
    name = rules.require_party_name(party_name)
    code = rules.normalized_party_code(kind=party_kind, code=party_code, today=today)
    officers = selectors.officers_for_unit(unit=unit, officer_ids=officer_ids)
    rules.require_certified_officers(
        verdicts=selectors.officer_verdicts(officers=officers, on=occurred_on, unit=unit), act="行政检查"
    )
    check_items = selectors.check_items_for_unit(unit=unit, codes=check_item_codes)
    inspection = Inspection(
        unit=unit,
        party_kind=party_kind,
        party_name=name,
        party_code=code,
        party_address=party_address.strip(),
        occurred_on=occurred_on,
        recorded_at=recorded_moment(recorded_at, act_day=occurred_on, label="检查日期"),
        findings=findings.strip(),
        outcome=outcome,
        origin=origin,
        spot_check_task_id=spot_check_task_id,
        recorded_by=actor,
    )
    # The unit and the actor were loaded and scoped above: re-checking that each exists would cost
    # a query apiece on every inspection.
    full_clean(inspection, code="inspection.invalid", exclude=["unit", "recorded_by"])
    inspection.save()
    # add(), not set(): the inspection is new, so there is nothing to diff against (one INSERT each).
    inspection.officers.add(*officers)
    if check_items:
        inspection.check_items.add(*check_items)
    record_audit(
        actor=actor,
        event_type=AuditEventType.INSPECTION_RECORDED,
        target=inspection,
        changes={
            "unit": [None, unit.code],
            "party_code": [None, code if party_kind == PartyKind.ORGANISATION else mask_citizen_id(code)],
            "occurred_on": [None, occurred_on.isoformat()],
            "officers": [None, sorted(o.pk for o in officers)],
            "check_items": [None, sorted(c.code for c in check_items)],
            "outcome": [None, outcome],
            "origin": [None, origin],
        },
    )
    inspection.recorded_officers = officers
    inspection.recorded_check_items = check_items
    return inspection
