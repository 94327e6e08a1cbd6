"""Transitions from the decision to the end.

决定, 送达, 加处罚款暂停, 执行, 结案, 不予处罚, 移送, 撤销立案 (决定变更: cases_change).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from fazhi.core.audit.models import AuditEventType
from fazhi.enforcement import rules, selectors
from fazhi.enforcement.choices import (
    CaseEventType,
    CaseOutcome,
    CaseStatus,
    DecisionChangeKind,
    SurchargePauseReason,
)
from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.rules import decision_change as change_rules
from fazhi.enforcement.rules import execution as execution_rules
from fazhi.enforcement.rules.common import DATE_ORDER, refuse, refuse_check
from fazhi.enforcement.services._common import (
    begin,
    close_all_deadlines,
    close_deadline,
    commit,
    require_reason_text,
    snapshot,
    track,
)


@transaction.atomic(durable=True)
def case_decide(
    *,
    actor: Any,
    case: PenaltyCase,
    decided_on: date,
    decision_number: str,
    penalty_types: Sequence[str],
    fine_amount: Decimal,
    legal_basis: str,
    performance_terms: str,
    remedies: str,
    confiscation_value: Decimal = Decimal(0),
    discretion_reason: str = "",
) -> PenaltyCase:
    """作出行政处罚决定 (普通程序).

    Guards, in the order a reviewer checks them:
    Art. 62/44 notice given (or waived); Art. 64(一) the hearing-request period is over (unless
    requested; waiving 陈述申辩 does not waive the hearing); Art. 44/45/62 the statement period
    (penalty.statement, a configurable default) is over unless the party was heard or waived;
    Art. 63 a requested hearing was held; Art. 58 legal review passed where mandatory; Art. 57(2)
    collective discussion for complex/major cases; Art. 44/62 (and 45(2) after a defence) not heavier than
    the penalty notified (fine, confiscation, kinds: a heavier one needs a new 告知);
    Art. 40 evidence registered; Art. 9 types; Art. 34 a reason for a fine outside every discretion band;
    Art. 59 content; Art. 60 within the decision period.
    Writes: decision fields, status decided, deadlines (decision met; service penalty.service;
    publication publicity.penalty), AuditEvent PENALTY_CASE_DECIDED, CaseEvent DECIDED.
    """
    locked = begin(case=case, action="decide")
    fine, confiscation = Decimal(fine_amount), Decimal(confiscation_value)
    rules.require_notified_before_decision(notified=locked.notified_on is not None, waived=locked.rights_waived)
    rules.require_statement_period_over(
        on=decided_on,
        statement_due=selectors.case_statement_due(case=locked),
        statement_heard=locked.defence_made or locked.hearing_held_on is not None,
        waived=locked.rights_waived,
        hearing_applies=locked.hearing_right_applies,
        hearing_requested=locked.hearing_requested_on is not None,
        request_due=locked.hearing_request_due,
    )
    if locked.hearing_requested_on is not None and locked.hearing_held_on is None:
        raise refuse(
            "当事人要求听证的，应当组织听证后再作出决定",
            code="penalty.hearing_not_held",
            article="第六十三条、第六十五条",
        )
    reasons = rules.legal_review_reasons(
        major_public_interest=locked.major_public_interest,
        hearing_held=locked.hearing_held_on is not None,
        complex_case=locked.complex_case,
        other_legal_requirement=locked.other_legal_review_required,
    )
    rules.require_legal_review_passed(reasons=reasons, passed=bool(locked.legal_review_passed))
    rules.require_collective_discussion(
        complex_or_major=locked.complex_or_major, discussed=locked.collective_discussed_on is not None
    )
    rules.require_evidence_on_file(evidence_count=selectors.case_evidence(case=locked).count())
    rules.require_penalty_types(penalty_types)
    rules.require_fine_consistent(types=penalty_types, fine=fine)
    rules.require_not_heavier_than_notified(
        notified=change_rules.DecisionContent(
            tuple(locked.proposed_penalty_types), locked.proposed_fine, locked.proposed_confiscation_value
        ),
        decided=change_rules.DecisionContent(tuple(penalty_types), fine, confiscation),
        defence_made=locked.defence_made,
    )
    discretion = rules.require_discretion_reason(
        fine=fine, bands=selectors.case_discretion_bands(case=locked, on=decided_on), reason=discretion_reason
    )
    rules.require_decision_content(
        party_name=locked.party_name,
        party_address=locked.party_address,
        facts=locked.facts,
        legal_basis=legal_basis,
        performance=performance_terms,
        remedies=remedies,
    )
    tracked = selectors.case_open_deadline(case=locked, rule_code=locked.decision_rule_code)
    due = tracked.due if tracked is not None else locked.decision_due
    if due is not None:
        rules.require_decision_in_time(
            decided_on=decided_on,
            due=due,
            filed_on=locked.filed_on,
            legal_basis=tracked.legal_basis if tracked is not None else locked.decision_rule_code,
        )
    number = require_reason_text(decision_number, field="decision_number", label="决定书文号")
    fields = [
        "status",
        "decided_on",
        "decision_number",
        "penalty_types",
        "fine_amount",
        "confiscation_value",
        "decided_penalty_types",
        "decided_fine_amount",
        "decided_confiscation_value",
        "decision_legal_basis",
        "performance_terms",
        "remedies",
        "discretion_reason",
        "service_due",
    ]
    old = snapshot(locked, fields)
    locked.status, locked.decided_on, locked.decision_number = CaseStatus.DECIDED, decided_on, number
    locked.penalty_types, locked.fine_amount, locked.confiscation_value = list(penalty_types), fine, confiscation
    # the decision as made: a later 变更 replaces the three above, never these (selectors.case_decision_as_made)
    locked.decided_penalty_types = list(penalty_types)
    locked.decided_fine_amount, locked.decided_confiscation_value = fine, confiscation
    locked.decision_legal_basis, locked.performance_terms = legal_basis.strip(), performance_terms.strip()
    locked.remedies, locked.discretion_reason = remedies.strip(), discretion
    close_deadline(actor=actor, case=locked, rule_code=locked.decision_rule_code, met=True)
    close_deadline(actor=actor, case=locked, rule_code="penalty.hearing_request", met=False)
    locked.service_due = track(actor=actor, case=locked, rule_code="penalty.service", start=decided_on).due
    track(actor=actor, case=locked, rule_code="publicity.penalty", start=decided_on)
    return commit(
        locked,
        actor=actor,
        fields=fields,
        old=old,
        audit=AuditEventType.PENALTY_CASE_DECIDED,
        timeline=CaseEventType.DECIDED,
        on=decided_on,
        message=f"作出行政处罚决定（{number}）",
        penalty_types=list(penalty_types),
        fine=fine,
    )


@transaction.atomic(durable=True)
def case_serve(*, actor: Any, case: PenaltyCase, served_on: date, method: str) -> PenaltyCase:
    """送达: record the service of the decision (Art. 61: within 7 working days if the party was absent).

    A late service is recorded and flagged (`served_late`), not refused. A fine starts the
    15-day payment period (Art. 67(3), penalty.payment). Refused (409, penalty.decision_set_aside) once
    the decision is recorded as revoked or confirmed void (begin: rules.execution.require_not_barred_by_change).
    Writes: service fields, status served, deadlines, AuditEvent PENALTY_CASE_SERVED, CaseEvent.
    """
    locked = begin(case=case, action="serve")
    rules.require_served_after_decision(decided_on=locked.decided_on, served_on=served_on)
    method = require_reason_text(method, field="method", label="送达方式", article="第六十一条")
    tracked = selectors.case_open_deadline(case=locked, rule_code="penalty.service")
    late = rules.service_is_late(served_on=served_on, due=tracked.due if tracked else locked.service_due)
    fields = ["status", "served_on", "service_method", "served_late", "payment_due"]
    old = snapshot(locked, fields)
    locked.status, locked.served_on, locked.service_method, locked.served_late = (
        CaseStatus.SERVED,
        served_on,
        method,
        late,
    )
    close_deadline(actor=actor, case=locked, rule_code="penalty.service", met=not late)
    if rules.requires_payment(locked.penalty_types, locked.fine_amount):
        locked.payment_due = track(actor=actor, case=locked, rule_code="penalty.payment", start=served_on).due
    return commit(
        locked,
        actor=actor,
        fields=fields,
        old=old,
        audit=AuditEventType.PENALTY_CASE_SERVED,
        timeline=CaseEventType.SERVED,
        on=served_on,
        message=f"送达行政处罚决定书（{method}）" + ("，已超过法定送达期限" if late else ""),
    )


def _pauses(case: PenaltyCase) -> list[tuple[date, date | None]]:
    return [
        (date.fromisoformat(p["first"]), date.fromisoformat(p["last"]) if p.get("last") else None)
        for p in case.surcharge_pauses
    ]


@transaction.atomic(durable=True)
def case_surcharge_pause(*, actor: Any, case: PenaltyCase, reason: str, first: date) -> PenaltyCase:
    """Stop counting 加处罚款 while a reconsideration or lawsuit runs (Art. 73(3)); execution continues (73(1)).

    Writes: surcharge_pauses, AuditEvent PENALTY_CASE_SURCHARGE_PAUSED, CaseEvent.
    """
    locked = begin(case=case, action="pause_surcharge")
    if reason not in SurchargePauseReason.values:
        raise refuse(
            "暂停原因应当为申请行政复议或者提起行政诉讼",
            code="penalty.invalid_pause_reason",
            article="第七十三条第三款",
            fields={"reason": ["无效。"]},
        )
    rules.require_pause_consistent(pauses=_pauses(locked), starting=True)
    old = snapshot(locked, ["surcharge_pauses"])
    locked.surcharge_pauses = [*locked.surcharge_pauses, {"first": first.isoformat(), "last": None, "reason": reason}]
    return commit(
        locked,
        actor=actor,
        fields=["surcharge_pauses"],
        old=old,
        audit=AuditEventType.PENALTY_CASE_SURCHARGE_PAUSED,
        timeline=CaseEventType.SURCHARGE_PAUSED,
        on=first,
        message=str(SurchargePauseReason(reason).label),
    )


@transaction.atomic(durable=True)
def case_surcharge_resume(*, actor: Any, case: PenaltyCase, last: date) -> PenaltyCase:
    """End the open pause on its last day (inclusive). Writes: surcharge_pauses, audit, CaseEvent."""
    locked = begin(case=case, action="resume_surcharge")
    rules.require_pause_consistent(pauses=_pauses(locked), starting=False)
    old = snapshot(locked, ["surcharge_pauses"])
    pauses = [dict(p) for p in locked.surcharge_pauses]
    if last < date.fromisoformat(pauses[-1]["first"]):
        raise refuse_check(
            "结束日期不能早于开始日期",
            code="penalty.pause_bad_range",
            rule=DATE_ORDER,
            article="第七十三条第三款",
            fields={"last": ["日期错误。"]},
        )
    pauses[-1]["last"] = last.isoformat()
    locked.surcharge_pauses = pauses
    return commit(
        locked,
        actor=actor,
        fields=["surcharge_pauses"],
        old=old,
        audit=AuditEventType.PENALTY_CASE_SURCHARGE_RESUMED,
        timeline=CaseEventType.SURCHARGE_RESUMED,
        on=last,
        message="复议/诉讼期间结束，恢复计算加处罚款",
    )


@transaction.atomic(durable=True)
def case_execution_record(
    *, actor: Any, case: PenaltyCase, executed_on: date, paid_amount: Decimal | None = None, note: str = ""
) -> PenaltyCase:
    """执行完毕: the party paid (fine + any 加处罚款 owed that day, Art. 72) or otherwise complied.

    Under an instalment plan (or after a 变更 ended one) what is owed is the fine less the instalments
    already paid (case_instalment_pay), and `paid_amount`/`surcharge_amount` record the whole: the
    instalments and their surcharges with this last payment.
    Writes: paid_on/paid_amount/surcharge_amount/executed_on, status executed, payment deadline closed,
    AuditEvent PENALTY_CASE_EXECUTED, CaseEvent.
    """
    locked = begin(case=case, action="execute")
    if executed_on < (locked.served_on or locked.decided_on or locked.filed_on):
        raise refuse_check(
            "执行日期不能早于送达日期",
            code="penalty.date_out_of_order",
            rule=DATE_ORDER,
            article="第六十六条第一款、第六十七条第三款",
            fields={"executed_on": ["日期错误。"]},
        )
    surcharge = selectors.surcharge_now(case=locked, on=executed_on)
    fields = ["status", "executed_on", "paid_on", "paid_amount", "surcharge_amount", "closure_basis"]
    old = snapshot(locked, fields)
    if surcharge is not None:
        outstanding = selectors.case_fine_outstanding(case=locked)
        owed = outstanding + surcharge.amount
        paid = Decimal(paid_amount) if paid_amount is not None else owed
        if paid < owed:
            earlier = f"（已分期缴纳{locked.fine_paid_in_part}元）" if locked.fine_paid_in_part else ""
            raise refuse(
                f"应缴罚款{outstanding}元{earlier}及加处罚款{surcharge.amount}元，实缴{paid}元不足",
                code="penalty.underpaid",
                article="第六十七条、第七十二条",
            )
        # the instalments paid before (and their surcharges) are part of what was paid in all
        earlier_surcharges = sum(
            (i.surcharge for i in execution_rules.instalments_from_json(locked.payment_instalments)), Decimal(0)
        )
        locked.paid_on, locked.surcharge_amount = executed_on, surcharge.amount + earlier_surcharges
        locked.paid_amount = paid + locked.fine_paid_in_part + earlier_surcharges
    locked.status, locked.executed_on, locked.closure_basis = CaseStatus.EXECUTED, executed_on, note.strip()
    close_deadline(
        actor=actor, case=locked, rule_code="penalty.payment", met=surcharge is None or surcharge.days_counted == 0
    )
    return commit(
        locked,
        actor=actor,
        fields=fields,
        old=old,
        audit=AuditEventType.PENALTY_CASE_EXECUTED,
        timeline=CaseEventType.EXECUTED,
        on=executed_on,
        message="行政处罚决定履行完毕",
        surcharge=surcharge.amount if surcharge else None,
    )


def _close(
    locked: PenaltyCase,
    *,
    actor: Any,
    outcome: str,
    closed_on: date,
    basis: str,
    message: str,
    education_given: bool = False,
) -> PenaltyCase:
    fields = ["status", "outcome", "closed_on", "closure_basis", "education_given"]
    old = snapshot(locked, fields)
    locked.status, locked.outcome, locked.closed_on = CaseStatus.CLOSED, outcome, closed_on
    locked.closure_basis, locked.education_given = basis, education_given
    close_all_deadlines(actor=actor, case=locked)
    return commit(
        locked,
        actor=actor,
        fields=fields,
        old=old,
        audit=AuditEventType.PENALTY_CASE_CLOSED,
        timeline=CaseEventType.CLOSED,
        on=closed_on,
        message=message,
        outcome=outcome,
    )


@transaction.atomic(durable=True)
def case_close(*, actor: Any, case: PenaltyCase, closed_on: date, note: str = "") -> PenaltyCase:
    """结案归档 after execution (Art. 47). Writes: status closed, outcome penalty_executed, audit, CaseEvent."""
    locked = begin(case=case, action="close")
    execution_rules.require_cash_deposited_before_closing(
        collected=locked.cash_collected_on is not None, deposited=locked.cash_deposited_on is not None
    )
    if closed_on < locked.executed_on:
        raise refuse_check(
            "结案日期不能早于执行完毕日期",
            code="penalty.date_out_of_order",
            rule=DATE_ORDER,
            article="第四十七条",
            fields={"closed_on": ["日期错误。"]},
        )
    return _close(
        locked,
        actor=actor,
        outcome=CaseOutcome.PENALTY_EXECUTED,
        closed_on=closed_on,
        basis=note.strip() or locked.closure_basis,
        message="结案归档",
    )


@transaction.atomic(durable=True)
def case_close_without_penalty(
    *,
    actor: Any,
    case: PenaltyCase,
    outcome: str,
    closed_on: date,
    legal_basis: str,
    corrected: bool,
    education_given: bool,
) -> PenaltyCase:
    """不予处罚 / 首违不罚 / 教育改正: close without a penalty on an Art. 33 / 57(1)(二)(三) ground.

    The outcome is stored as such (first_offence, minor_corrected → counted as 教育改正).
    Writes: status closed, outcome, education_given, all deadlines closed, AuditEvent PENALTY_CASE_CLOSED, CaseEvent.
    """
    locked = begin(case=case, action="close_without_penalty")
    rules.require_no_penalty_grounds(
        outcome=outcome, corrected=corrected, education_given=education_given, legal_basis=legal_basis
    )
    if closed_on < locked.filed_on:
        raise refuse_check(
            "结案日期不能早于立案日期",
            code="penalty.date_out_of_order",
            rule=DATE_ORDER,
            article="第三十三条、第五十七条",
            fields={"closed_on": ["日期错误。"]},
        )
    if corrected and not locked.corrected_in_time:
        locked.corrected_in_time = True
        PenaltyCase.objects.filter(pk=locked.pk).update(corrected_in_time=True)
    return _close(
        locked,
        actor=actor,
        outcome=outcome,
        closed_on=closed_on,
        basis=legal_basis.strip(),
        message=f"不予行政处罚：{CaseOutcome(outcome).label}",
        education_given=education_given,
    )


@transaction.atomic(durable=True)
def case_transfer(*, actor: Any, case: PenaltyCase, closed_on: date, recipient: str) -> PenaltyCase:
    """移送司法机关 when the act is suspected to be a crime (Art. 27, 57(1)(四)). Writes: closed, audit, CaseEvent."""
    locked = begin(case=case, action="transfer")
    recipient = require_reason_text(recipient, field="recipient", label="接收机关", article="第二十七条")
    return _close(
        locked,
        actor=actor,
        outcome=CaseOutcome.TRANSFERRED,
        closed_on=closed_on,
        basis=f"移送{recipient}",
        message=f"涉嫌犯罪，移送{recipient}",
    )


@transaction.atomic(durable=True)
def case_withdraw(*, actor: Any, case: PenaltyCase, closed_on: date, reason: str) -> PenaltyCase:
    """撤销立案 (before any notice). Writes: closed (outcome withdrawn), deadlines closed, audit, CaseEvent."""
    locked = begin(case=case, action="withdraw")
    reason = require_reason_text(reason, field="reason", label="撤销立案理由")
    return _close(
        locked,
        actor=actor,
        outcome=CaseOutcome.WITHDRAWN,
        closed_on=closed_on,
        basis=reason,
        message=f"撤销立案：{reason}",
    )


@transaction.atomic(durable=True)
def case_execution_end(*, actor: Any, case: PenaltyCase, closed_on: date, note: str = "") -> PenaltyCase:
    """终结执行并结案: the decision was revoked or confirmed void, so nothing is executed under it.

    《中华人民共和国行政强制法》第四十条第（四）项 (据以执行的行政决定被撤销的，终结执行); money already
    collected is returned under its 第四十一条, outside this step. Writes: status closed, outcome
    execution_ended, deadlines closed, AuditEvent PENALTY_CASE_CLOSED, CaseEvent.
    """
    locked = begin(case=case, action="end_execution")
    execution_rules.require_decision_set_aside(change_kind=locked.decision_change_kind)
    if closed_on < locked.decision_changed_on:
        raise refuse_check(
            "结案日期不能早于决定被撤销或确认无效的日期",
            code="penalty.date_out_of_order",
            rule=DATE_ORDER,
            article="第四十七条",
            fields={"closed_on": ["日期错误。"]},
        )
    kind = DecisionChangeKind(locked.decision_change_kind).label
    basis = note.strip() or f"行政处罚决定已被{kind}，依照《中华人民共和国行政强制法》第四十条第（四）项终结执行。"
    return _close(
        locked,
        actor=actor,
        outcome=CaseOutcome.EXECUTION_ENDED,
        closed_on=closed_on,
        basis=basis,
        message=f"终结执行并结案：决定已被{kind}",
    )
