"""Opening penalty cases: 立案 (普通程序) and the on-the-spot decision (简易程序)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.masking import mask_citizen_id
from fazhi.enforcement import events, rules, selectors
from fazhi.enforcement.choices import CaseProcedure, CaseSource, CaseStatus, PartyKind, case_source_for_inspection
from fazhi.enforcement.models import Inspection, PenaltyCase
from fazhi.enforcement.rules.common import DATE_ORDER, REQUIRED, refuse_check
from fazhi.enforcement.services._common import full_clean, recorded_moment, require_act_date, track
from fazhi.orgs.models import OrgUnit


def _masked(kind: str, code: str) -> str:
    return code if kind == PartyKind.ORGANISATION else mask_citizen_id(code)


def _assign_number(case: PenaltyCase) -> None:
    # Derived from the primary key, so concurrent openings never collide.
    case.number = f"{case.unit.code}-{case.filed_on.year}-{case.pk:07d}"
    PenaltyCase.objects.filter(pk=case.pk).update(number=case.number)


@transaction.atomic(durable=True)
def case_open(
    *,
    actor: Any,
    unit: OrgUnit,
    cause: str,
    party_kind: str,
    party_name: str,
    party_code: str,
    violation_ended_on: date,
    discovered_on: date,
    filed_on: date,
    officer_ids: Sequence[int],
    party_address: str = "",
    facts: str = "",
    power_item_code: str | None = None,
    inspection: Inspection | None = None,
    case_source: str | None = None,
    life_health_or_finance_with_harm: bool = False,
    major_public_interest: bool = False,
    complex_case: bool = False,
    other_legal_review_required: bool = False,
    complex_or_major: bool = False,
    first_violation: bool = False,
    harm: str = "significant",
    corrected_in_time: bool = False,
    minor_violation: bool = False,
    no_fault: bool = False,
    recorded_at: datetime | None = None,
) -> PenaltyCase:
    """立案: open an ordinary-procedure case and start the decision period.

    `recorded_at`: when the case was entered (its created_at; default now) — a loader entering past
    cases gives their own time (services._common.recorded_moment).
    `case_source`: 案件来源 (choices.CaseSource, printed on the 立案审批表); None takes the one the inspection's
    origin gives (choices.case_source_for_inspection), or 其他途径发现 without an inspection.

    Guards: the limitation period (Art. 36), two officers certified on `filed_on` (Art. 42),
    a valid party identifier. The decision period is the unit's sector rule (penalty.decision or
    a sector rule code from the SectorDecisionRule row in force on `filed_on`), tracked by core.deadlines.
    Writes: PenaltyCase (+ officers), TrackedDeadline, AuditEvent PENALTY_CASE_OPENED, CaseEvent OPENED.
    """
    today = timezone.localdate()
    require_act_date(filed_on, field="filed_on", label="立案日期")
    if filed_on < discovered_on:
        raise refuse_check(
            "立案日期不能早于发现日期",
            code="penalty.filed_before_discovery",
            rule=DATE_ORDER,
            article="第五十四条",
            fields={"filed_on": ["日期错误。"]},
        )
    cause = (cause or "").strip()
    if not cause:
        raise refuse_check("请填写案由", code="penalty.field_required", rule=REQUIRED, fields={"cause": ["必填。"]})
    rules.require_within_limitation(
        violation_ended_on=violation_ended_on,
        discovered_on=discovered_on,
        life_health_or_finance_with_harm=life_health_or_finance_with_harm,
    )
    name = rules.require_party_name(party_name)
    code = rules.normalized_party_code(kind=party_kind, code=party_code, today=today)
    officers = selectors.officers_for_unit(unit=unit, officer_ids=officer_ids)
    rules.require_certified_officers(
        verdicts=selectors.officer_verdicts(officers=officers, on=filed_on, unit=unit), act="立案调查"
    )
    power_item = selectors.power_item_for_unit(unit=unit, code=power_item_code) if power_item_code else None
    if inspection is not None and inspection.unit_id != unit.pk:
        raise refuse_check(
            "来源检查不属于本单位",
            code="penalty.inspection_other_unit",
            rule="来源检查与立案单位一致",
            fields={"inspection_id": ["不属于本单位。"]},
        )
    if case_source is None:
        case_source = CaseSource.OTHER if inspection is None else case_source_for_inspection(inspection.origin)
    period_rule_code = selectors.decision_period_rule_code_for_unit(unit=unit, on=filed_on)
    case = PenaltyCase(
        unit=unit,
        procedure=CaseProcedure.ORDINARY,
        status=CaseStatus.FILED,
        power_item=power_item,
        inspection=inspection,
        case_source=case_source,
        cause=cause,
        party_kind=party_kind,
        party_name=name,
        party_code=code,
        party_address=party_address.strip(),
        violation_ended_on=violation_ended_on,
        discovered_on=discovered_on,
        filed_on=filed_on,
        life_health_or_finance_with_harm=life_health_or_finance_with_harm,
        facts=facts.strip(),
        major_public_interest=major_public_interest,
        complex_case=complex_case,
        other_legal_review_required=other_legal_review_required,
        complex_or_major=complex_or_major,
        first_violation=first_violation,
        harm=harm,
        corrected_in_time=corrected_in_time,
        minor_violation=minor_violation,
        no_fault=no_fault,
        decision_rule_code=period_rule_code,
        created_by=actor,
        created_at=recorded_moment(recorded_at, act_day=filed_on, label="立案日期"),
    )
    full_clean(case, code="penalty.invalid")
    case.save()
    case.officers.set(officers)
    _assign_number(case)
    tracked = track(actor=actor, case=case, rule_code=period_rule_code, start=filed_on)
    case.decision_due = tracked.due
    PenaltyCase.objects.filter(pk=case.pk).update(decision_due=tracked.due)
    record_audit(
        actor=actor,
        event_type=AuditEventType.PENALTY_CASE_OPENED,
        target=case,
        changes={
            "number": [None, case.number],
            "unit": [None, unit.code],
            "status": [None, case.status],
            "case_source": [None, case.case_source],
            "party_code": [None, _masked(party_kind, code)],
            "filed_on": [None, filed_on.isoformat()],
            "officers": [None, sorted(o.pk for o in officers)],
            "decision_due": [None, tracked.due.isoformat()],
        },
    )
    events.case_opened(case=case, actor=actor, officer_names=[o.person.name for o in officers])
    return case


@transaction.atomic(durable=True)
def case_decide_on_the_spot(
    *,
    actor: Any,
    unit: OrgUnit,
    cause: str,
    party_kind: str,
    party_name: str,
    party_code: str,
    decided_on: date,
    place: str,
    officer_ids: Sequence[int],
    facts: str,
    penalty_types: Sequence[str],
    fine_amount: Decimal,
    legal_basis: str,
    rights_notified: bool,
    party_address: str = "",
    decision_number: str = "",
    remedies: str = "",
    power_item_code: str | None = None,
    recorded_at: datetime | None = None,
) -> PenaltyCase:
    """简易程序: record a decision made and handed over on the spot (Art. 51, 52).

    `recorded_at`: as for case_open.

    Guards: Art. 51 (警告, or a fine ≤ 200 元 for 公民 / ≤ 3000 元 for organisations), two
    certified officers (Art. 42, 52 出示执法证件), the party told the facts, grounds, basis and
    rights (Art. 44) and the decision content (Art. 52(2)). The case starts `served`; a fine
    starts the 15-day payment period (Art. 67, penalty.payment).
    Writes: PenaltyCase, TrackedDeadline (payment), AuditEvent PENALTY_CASE_DECIDED_ON_THE_SPOT, CaseEvent.
    """
    today = timezone.localdate()
    require_act_date(decided_on, field="decided_on", label="当场处罚决定日期")
    rules.require_penalty_types(penalty_types)
    fine = Decimal(fine_amount)
    rules.require_fine_consistent(types=penalty_types, fine=fine)
    rules.require_simplified_procedure_allowed(party_kind=party_kind, types=penalty_types, fine=fine)
    rules.require_notified_before_decision(notified=rights_notified, waived=False)
    name = rules.require_party_name(party_name)
    code = rules.normalized_party_code(kind=party_kind, code=party_code, today=today)
    rules.require_decision_content(
        party_name=name,
        party_address=party_address or place,
        facts=facts,
        legal_basis=legal_basis,
        performance="当场交付",
        remedies=remedies or "依法申请行政复议或者提起行政诉讼",
    )
    officers = selectors.officers_for_unit(unit=unit, officer_ids=officer_ids)
    rules.require_certified_officers(
        verdicts=selectors.officer_verdicts(officers=officers, on=decided_on, unit=unit), act="当场处罚"
    )
    power_item = selectors.power_item_for_unit(unit=unit, code=power_item_code) if power_item_code else None
    case = PenaltyCase(
        unit=unit,
        procedure=CaseProcedure.SIMPLIFIED,
        status=CaseStatus.SERVED,
        power_item=power_item,
        cause=(cause or "").strip() or "当场处罚",
        party_kind=party_kind,
        party_name=name,
        party_code=code,
        party_address=party_address.strip(),
        violation_ended_on=decided_on,
        discovered_on=decided_on,
        filed_on=decided_on,
        facts=facts.strip(),
        notified_on=decided_on,
        proposed_penalty_types=list(penalty_types),
        proposed_fine=fine,
        decided_on=decided_on,
        decision_number=decision_number.strip(),
        penalty_types=list(penalty_types),
        fine_amount=fine,
        decided_penalty_types=list(penalty_types),
        decided_fine_amount=fine,
        decision_legal_basis=legal_basis.strip(),
        performance_terms="自收到决定书之日起十五日内缴纳罚款" if fine else "",
        remedies=remedies.strip() or "依法申请行政复议或者提起行政诉讼",
        place=place.strip(),
        served_on=decided_on,
        service_method="当场交付",
        decision_due=None,
        created_by=actor,
        created_at=recorded_moment(recorded_at, act_day=decided_on, label="当场处罚决定日期"),
    )
    full_clean(case, code="penalty.invalid")
    case.save()
    case.officers.set(officers)
    _assign_number(case)
    if rules.requires_payment(penalty_types, fine):
        tracked = track(actor=actor, case=case, rule_code="penalty.payment", start=decided_on)
        case.payment_due = tracked.due
        PenaltyCase.objects.filter(pk=case.pk).update(payment_due=tracked.due)
    record_audit(
        actor=actor,
        event_type=AuditEventType.PENALTY_CASE_DECIDED_ON_THE_SPOT,
        target=case,
        changes={
            "number": [None, case.number],
            "unit": [None, unit.code],
            "status": [None, case.status],
            "party_code": [None, _masked(party_kind, code)],
            "penalty_types": [None, list(penalty_types)],
            "fine_amount": [None, str(fine)],
            "decided_on": [None, decided_on.isoformat()],
        },
    )
    events.case_decided_on_the_spot(case=case, actor=actor, officer_names=[o.person.name for o in officers])
    return case
