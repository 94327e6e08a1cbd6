"""Execution steps after service: 暂缓/分期缴纳 (Art. 66), 当场收缴 and its hand-over (Art. 68–71),
and the enforcement of an unpaid decision (Art. 72; 行政强制法 Art. 35, 46, 53, 54).

Same shape as the other transitions: begin (lock, version, state machine), pure rules, commit
(versioned UPDATE, one audit row, one timeline entry), deadlines through core.deadlines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from fazhi.core.audit.models import AuditEventType
from fazhi.core.calendars.rules import CalendarDataMissing, format_date_zh
from fazhi.core.deadlines.rules import add_months
from fazhi.core.deadlines.selectors import deadline_compute
from fazhi.enforcement import rules, selectors
from fazhi.enforcement.choices import CaseEventType, CaseStatus, EnforcementRoute, PaymentArrangement
from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.rules import execution as execution_rules
from fazhi.enforcement.rules import instalments as instalment_rules
from fazhi.enforcement.rules.common import DATE_ORDER, refuse, refuse_check, refuse_now, yuan
from fazhi.enforcement.services._common import (
    begin,
    close_deadline,
    commit,
    require_act_date,
    require_reason_text,
    snapshot,
    track,
)


@transaction.atomic(durable=True)
def case_payment_arrange(
    *,
    actor: Any,
    case: PenaltyCase,
    kind: str,
    applied_on: date,
    approved_on: date,
    approver: str,
    new_due: date | None = None,
    instalments: Sequence[tuple[date, Decimal]] = (),
    reason: str = "",
) -> PenaltyCase:
    """暂缓或者分期缴纳 approved on the party's application (Art. 66(2)); the payment deadline moves.

    The statutory 15-day deadline (penalty.payment) is closed and `payment_due` becomes the approved
    date (deferral) or the first instalment's date; the original is kept in `original_payment_due`.
    The approved dates are decisions, not computed periods, so they are not tracked deadlines and
    a calendar change does not move them. 加处罚款 then runs per instalment (selectors.surcharge_now),
    and the court-enforcement window runs from the end of the plan (Art. 72(2)).
    One plan in force at a time (409 penalty.arrangement_exists); after a 变更 ended an instalment plan
    (rules.instalments.instalment_plan_after_change) the party may apply again, for what it still owes
    (the changed fine less the instalments paid).
    Writes: payment arrangement fields (payment_arrangement_ended_on cleared), payment_due,
    penalty.payment closed, AuditEvent PENALTY_CASE_PAYMENT_ARRANGED, CaseEvent PAYMENT_ARRANGED.
    """
    locked = begin(case=case, action="arrange_payment")
    reason = require_reason_text(reason, field="reason", label="经济困难情况", article="第六十六条第二款")
    plan = [execution_rules.Instalment(due, Decimal(amount)) for due, amount in instalments]
    final = execution_rules.require_payment_arrangement(
        kind=kind,
        fine=selectors.case_fine_outstanding(case=locked),
        applied_on=applied_on,
        approved_on=approved_on,
        approver=approver,
        current_due=locked.payment_due,
        new_due=new_due,
        instalments=plan,
    )
    if locked.payment_arrangement and locked.payment_arrangement_ended_on is None:
        raise refuse_check(
            "本案已批准暂缓或分期缴纳，不能再次批准",
            code="penalty.arrangement_exists",
            rule="每案只批准一次暂缓或者分期缴纳",
            article="第六十六条第二款",
        )
    fields = [
        "payment_arrangement",
        "payment_arrangement_applied_on",
        "payment_arrangement_approved_on",
        "payment_arrangement_approver",
        "payment_instalments",
        "payment_arrangement_ended_on",
        "original_payment_due",
        "payment_due",
    ]
    old = snapshot(locked, fields)
    locked.payment_arrangement, locked.payment_arrangement_ended_on = kind, None
    locked.payment_arrangement_applied_on, locked.payment_arrangement_approved_on = applied_on, approved_on
    locked.payment_arrangement_approver = approver.strip()
    locked.payment_instalments = execution_rules.instalments_to_json(plan)
    locked.original_payment_due = locked.payment_due
    locked.payment_due = plan[0].due if plan else final
    close_deadline(actor=actor, case=locked, rule_code="penalty.payment", met=False)
    label = PaymentArrangement(kind).label
    return commit(
        locked,
        actor=actor,
        fields=fields,
        old=old,
        audit=AuditEventType.PENALTY_CASE_PAYMENT_ARRANGED,
        timeline=CaseEventType.PAYMENT_ARRANGED,
        on=approved_on,
        reason=reason,
        message=f"经{locked.payment_arrangement_approver}批准{label}，缴款期限至{format_date_zh(final)}",
        final_due=final,
    )


@transaction.atomic(durable=True)
def case_instalment_pay(*, actor: Any, case: PenaltyCase, on: date) -> PenaltyCase:
    """分期缴纳: the party paid the next instalment of the approved plan (Art. 66(2)).

    The earliest unpaid instalment is paid on `on`, with its own 加处罚款 when late (Art. 72(1)(一),
    rules.execution.instalment_surcharge); the payment deadline moves to the next one. The last
    instalment is not recorded here: its payment completes the decision (case_execution_record, which
    then asks for what is left and the surcharge still owed). Refused: no plan in force, the last
    instalment (409), a date before the approval (400) or in the future.
    Writes: payment_instalments (the instalment's paid_on and surcharge), fine_paid_in_part, payment_due,
    AuditEvent PENALTY_CASE_INSTALMENT_PAID, CaseEvent INSTALMENT_PAID.
    """
    locked = begin(case=case, action="pay_instalment")
    require_act_date(on, field="on", label="缴款日期")
    plan = execution_rules.instalments_from_json(locked.payment_instalments)
    position = instalment_rules.require_instalment_payable(
        active=selectors.case_instalment_plan_active(case=locked),
        instalments=plan,
        approved_on=locked.payment_arrangement_approved_on,
        on=on,
    )
    paid = plan[position]
    surcharge = rules.late_payment_surcharge(fine=paid.amount, payment_due=paid.due, on=on).amount
    plan[position] = replace(paid, paid_on=on, surcharge=surcharge)
    following = plan[instalment_rules.unpaid(plan)[0]]
    fields = ["payment_instalments", "fine_paid_in_part", "payment_due"]
    old = snapshot(locked, fields)
    locked.payment_instalments = execution_rules.instalments_to_json(plan)
    locked.fine_paid_in_part += paid.amount
    locked.payment_due = following.due
    message = f"缴纳第{position + 1}期罚款{yuan(paid.amount)}"
    if surcharge:
        message += f"及该期加处罚款{yuan(surcharge)}（第七十二条第一款第一项）"
    message += f"；下一期应于{format_date_zh(following.due)}缴纳{yuan(following.amount)}"
    return commit(
        locked,
        actor=actor,
        fields=fields,
        old=old,
        audit=AuditEventType.PENALTY_CASE_INSTALMENT_PAID,
        timeline=CaseEventType.INSTALMENT_PAID,
        on=on,
        message=message,
        instalment=position + 1,
        amount=paid.amount,
        surcharge=surcharge,
    )


@transaction.atomic(durable=True)
def case_cash_collect(
    *,
    actor: Any,
    case: PenaltyCase,
    collected_on: date,
    ground: str,
    receipt_number: str,
    amount: Decimal | None = None,
    party_requested: bool = False,
    landed_on: date | None = None,
) -> PenaltyCase:
    """当场收缴罚款 (Art. 68, 69) with the 专用票据 (Art. 70); starts the 2-working-day hand-over (Art. 71).

    The fine counts as paid on `collected_on` and the case becomes `executed`; closing waits for
    the money to reach the bank (case_cash_deposit_record). `landed_on`: money collected on the
    water is handed over within 2 working days of landing.
    Writes: cash fields, paid fields, status executed, deadlines (payment met; penalty.cash_handover),
    AuditEvent PENALTY_CASE_CASH_COLLECTED, CaseEvent CASH_COLLECTED.
    """
    locked = begin(case=case, action="collect_cash")
    execution_rules.require_cash_collection_allowed(
        procedure=locked.procedure,
        ground=ground,
        types=locked.penalty_types,
        fine=locked.fine_amount,
        party_requested=party_requested,
    )
    receipt = execution_rules.require_cash_receipt(receipt_number)
    paid = Decimal(amount) if amount is not None else locked.fine_amount
    if paid != locked.fine_amount:
        raise refuse(
            f"当场收缴的金额应当等于罚款数额{locked.fine_amount}元", code="penalty.cash_amount", article="第六十八条"
        )
    if collected_on < (locked.served_on or locked.decided_on or locked.filed_on):
        raise refuse_check(
            "收缴日期不能早于决定送达日期",
            code="penalty.date_out_of_order",
            rule=DATE_ORDER,
            article="第六十八条、第六十九条",
            fields={"collected_on": ["日期错误。"]},
        )
    start = execution_rules.cash_handover_start(collected_on=collected_on, landed_on=landed_on)
    fields = [
        "status",
        "cash_collection_ground",
        "cash_collected_on",
        "cash_receipt_number",
        "cash_landed_on",
        "cash_handover_due",
        "paid_on",
        "paid_amount",
        "executed_on",
    ]
    old = snapshot(locked, fields)
    locked.status = CaseStatus.EXECUTED
    locked.cash_collection_ground, locked.cash_collected_on, locked.cash_receipt_number = ground, collected_on, receipt
    locked.cash_landed_on = landed_on
    locked.paid_on, locked.paid_amount, locked.executed_on = collected_on, paid, collected_on
    close_deadline(actor=actor, case=locked, rule_code="penalty.payment", met=True)
    locked.cash_handover_due = track(
        actor=actor, case=locked, rule_code=execution_rules.CASH_HANDOVER_RULE, start=start
    ).due
    return commit(
        locked,
        actor=actor,
        fields=fields,
        old=old,
        audit=AuditEventType.PENALTY_CASE_CASH_COLLECTED,
        timeline=CaseEventType.CASH_COLLECTED,
        on=collected_on,
        message=f"当场收缴罚款{paid}元（票据号{receipt}），应于{format_date_zh(locked.cash_handover_due)}前交至行政机关",
        ground=ground,
    )


@transaction.atomic(durable=True)
def case_cash_handover_record(*, actor: Any, case: PenaltyCase, handed_over_on: date) -> PenaltyCase:
    """The officers hand the cash to the authority: within 2 working days (Art. 71); late is flagged.

    Writes: cash_handed_over_on/late, cash_deposit_due, deadlines (hand-over closed; penalty.cash_deposit),
    AuditEvent PENALTY_CASE_CASH_HANDED_OVER, CaseEvent CASH_HANDED_OVER.
    """
    locked = begin(case=case, action="hand_over_cash")
    if locked.cash_collected_on is None or locked.cash_handed_over_on is not None:
        raise refuse_now(
            "本案没有待交至行政机关的当场收缴罚款", code="penalty.cash_nothing_to_hand_over", article="第七十一条"
        )
    if handed_over_on < locked.cash_collected_on:
        raise refuse_check(
            "交款日期不能早于收缴日期",
            code="penalty.date_out_of_order",
            rule=DATE_ORDER,
            article="第七十一条",
            fields={"handed_over_on": ["日期错误。"]},
        )
    tracked = selectors.case_open_deadline(case=locked, rule_code=execution_rules.CASH_HANDOVER_RULE)
    due = tracked.due if tracked is not None else locked.cash_handover_due
    late = due is not None and handed_over_on > due
    fields = ["cash_handed_over_on", "cash_handover_late", "cash_deposit_due"]
    old = snapshot(locked, fields)
    locked.cash_handed_over_on, locked.cash_handover_late = handed_over_on, late
    close_deadline(actor=actor, case=locked, rule_code=execution_rules.CASH_HANDOVER_RULE, met=not late)
    locked.cash_deposit_due = track(
        actor=actor, case=locked, rule_code=execution_rules.CASH_DEPOSIT_RULE, start=handed_over_on
    ).due
    return commit(
        locked,
        actor=actor,
        fields=fields,
        old=old,
        audit=AuditEventType.PENALTY_CASE_CASH_HANDED_OVER,
        timeline=CaseEventType.CASH_HANDED_OVER,
        on=handed_over_on,
        message="当场收缴的罚款交至行政机关" + ("（逾期）" if late else ""),
    )


@transaction.atomic(durable=True)
def case_cash_deposit_record(*, actor: Any, case: PenaltyCase, deposited_on: date) -> PenaltyCase:
    """The authority pays the cash into the designated bank: within 2 working days (Art. 71); late is flagged.

    Writes: cash_deposited_on/late, deposit deadline closed, AuditEvent PENALTY_CASE_CASH_DEPOSITED, CaseEvent.
    """
    locked = begin(case=case, action="deposit_cash")
    if locked.cash_handed_over_on is None or locked.cash_deposited_on is not None:
        raise refuse_now(
            "本案没有待缴付银行的当场收缴罚款", code="penalty.cash_nothing_to_deposit", article="第七十一条"
        )
    if deposited_on < locked.cash_handed_over_on:
        raise refuse_check(
            "缴付日期不能早于交至行政机关的日期",
            code="penalty.date_out_of_order",
            rule=DATE_ORDER,
            article="第七十一条",
            fields={"deposited_on": ["日期错误。"]},
        )
    tracked = selectors.case_open_deadline(case=locked, rule_code=execution_rules.CASH_DEPOSIT_RULE)
    due = tracked.due if tracked is not None else locked.cash_deposit_due
    late = due is not None and deposited_on > due
    fields = ["cash_deposited_on", "cash_deposit_late"]
    old = snapshot(locked, fields)
    locked.cash_deposited_on, locked.cash_deposit_late = deposited_on, late
    close_deadline(actor=actor, case=locked, rule_code=execution_rules.CASH_DEPOSIT_RULE, met=not late)
    return commit(
        locked,
        actor=actor,
        fields=fields,
        old=old,
        audit=AuditEventType.PENALTY_CASE_CASH_DEPOSITED,
        timeline=CaseEventType.CASH_DEPOSITED,
        on=deposited_on,
        message="当场收缴的罚款缴付指定银行" + ("（逾期）" if late else ""),
    )


def _performance_end(case: PenaltyCase) -> date:
    if selectors.case_instalment_plan_active(case=case):  # a plan a 变更 ended: the new deadline counts
        return date.fromisoformat(case.payment_instalments[-1]["due"])
    return case.payment_due or case.served_on or case.decided_on or case.filed_on


def _months_due(rule_code: str, start: date, months: int) -> tuple[date, bool]:
    """Due date of a months period; (date, True) when computed without roll-over because the year's calendar is missing.

    The fallback is the corresponding day itself (民法典 Art. 202) without the holiday roll-over, which
    can only be earlier than the true date: the office is told to act sooner, never later.
    """
    try:
        return deadline_compute(rule_code=rule_code, start=start).due, False
    except CalendarDataMissing:
        return add_months(start, months), True


def court_window(case: PenaltyCase) -> tuple[date, date, bool]:
    """[first, last] day to apply to the court (行政强制法 Art. 53; 行政处罚法 Art. 72(2)), computed by core.deadlines.

    The third value is True when a year's holiday data was missing and a date was not rolled over.
    """
    served = case.served_on or case.decided_on or case.filed_on
    suit_end, approx_first = _months_due(execution_rules.SUIT_PERIOD_RULE, served, 6)
    start = execution_rules.court_window_start(suit_period_end=suit_end, performance_end=_performance_end(case))
    last, approx_last = _months_due(execution_rules.COURT_APPLICATION_RULE, start, 3)
    return start, last, approx_first or approx_last


@transaction.atomic(durable=True)
def case_enforcement_demand(*, actor: Any, case: PenaltyCase, served_on: date, note: str = "") -> PenaltyCase:
    """催告: the written demand to pay, served after the payment deadline passed (行政强制法 Art. 35, 54).

    Records the demand and the court-application window (tracked: penalty.enforcement.court_application
    from the window's first day, so the 3 months show on the case). When the window ends in a year
    whose holiday data is not loaded yet, the end date is the unrolled corresponding day (earlier,
    never later) and no deadline is tracked; the timeline entry says so.
    Writes: enforcement_demand_served_on, enforcement_window_from/to, TrackedDeadline, AuditEvent
    PENALTY_CASE_ENFORCEMENT_DEMANDED, CaseEvent ENFORCEMENT_DEMANDED.
    """
    locked = begin(case=case, action="demand_enforcement")
    execution_rules.require_payment_overdue(due=locked.payment_due, on=served_on, paid=locked.paid_on is not None)
    first, last, approximate = court_window(locked)
    fields = ["enforcement_demand_served_on", "enforcement_window_from", "enforcement_window_to"]
    old = snapshot(locked, fields)
    locked.enforcement_demand_served_on = served_on
    locked.enforcement_window_from, locked.enforcement_window_to = first, last
    if (
        not approximate
        and selectors.case_open_deadline(case=locked, rule_code=execution_rules.COURT_APPLICATION_RULE) is None
    ):
        track(actor=actor, case=locked, rule_code=execution_rules.COURT_APPLICATION_RULE, start=first)
    return commit(
        locked,
        actor=actor,
        fields=fields,
        old=old,
        audit=AuditEventType.PENALTY_CASE_ENFORCEMENT_DEMANDED,
        timeline=CaseEventType.ENFORCEMENT_DEMANDED,
        on=served_on,
        reason=note,
        message=f"书面催告履行；申请人民法院强制执行期间为{format_date_zh(first)}后至{format_date_zh(last)}"
        + ("（该年度节假日数据未维护，期限未按节假日顺延，偏早计算）" if approximate else ""),
    )


@transaction.atomic(durable=True)
def case_enforcement_apply(
    *, actor: Any, case: PenaltyCase, route: str, applied_on: date, body: str, note: str = ""
) -> PenaltyCase:
    """申请人民法院强制执行, or enforcement by an authority that holds the power (Art. 72; 行政强制法 Art. 46, 53, 54).

    Guards: a 催告 served and 10 working days passed; court: inside the 3-month window; own
    enforcement: the surcharge has run more than 30 days. Writes: enforcement fields, status
    enforcing, the court-window deadline met, AuditEvent PENALTY_CASE_ENFORCEMENT_APPLIED, CaseEvent.
    """
    locked = begin(case=case, action="apply_enforcement")
    if route not in EnforcementRoute.values:
        raise refuse(
            "强制执行方式应当为申请人民法院强制执行或者依法强制执行",
            code="penalty.enforcement_route",
            article="第七十二条第一款",
            fields={"route": ["无效。"]},
        )
    body = require_reason_text(body, field="body", label="受理法院或执行机关", article="第七十二条第一款")
    served = locked.enforcement_demand_served_on
    wait_end = (
        deadline_compute(rule_code=execution_rules.DEMAND_PERIOD_RULE, start=served).due if served is not None else None
    )
    surcharge_end = (
        deadline_compute(rule_code=execution_rules.SURCHARGE_WAIT_RULE, start=locked.payment_due).due
        if locked.payment_due is not None
        else None
    )
    window = (
        (locked.enforcement_window_from, locked.enforcement_window_to)
        if locked.enforcement_window_from and locked.enforcement_window_to
        else None
    )
    execution_rules.require_enforcement_allowed(
        route=route,
        applied_on=applied_on,
        demand_served_on=served,
        demand_wait_end=wait_end,
        window=window,
        surcharge_wait_end=surcharge_end,
    )
    fields = ["status", "enforcement_route", "enforcement_applied_on", "enforcement_body"]
    old = snapshot(locked, fields)
    locked.status, locked.enforcement_route = CaseStatus.ENFORCING, route
    locked.enforcement_applied_on, locked.enforcement_body = applied_on, body
    close_deadline(actor=actor, case=locked, rule_code=execution_rules.COURT_APPLICATION_RULE, met=True)
    return commit(
        locked,
        actor=actor,
        fields=fields,
        old=old,
        audit=AuditEventType.PENALTY_CASE_ENFORCEMENT_APPLIED,
        timeline=CaseEventType.ENFORCEMENT_APPLIED,
        on=applied_on,
        reason=note,
        message=f"{EnforcementRoute(route).label}（{body}）",
    )
