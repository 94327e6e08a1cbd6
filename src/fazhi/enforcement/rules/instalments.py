"""Pure rules of an approved 分期缴纳 plan (行政处罚法 Art. 66(2)): paying its instalments, and what a
变更 of the decision does to it.

No ORM, no clock, no settings. The plan itself (Instalment, its check at approval, its 加处罚款) is in
rules.execution; the services are services.execution.case_instalment_pay and
services.cases_change.decision_change_apply.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from fazhi.core.calendars.rules import format_date_zh
from fazhi.enforcement.choices import PaymentArrangement
from fazhi.enforcement.rules.common import DATE_ORDER, refuse_check, refuse_now, yuan
from fazhi.enforcement.rules.execution import COERCION_LAW, Instalment

PLAN_ARTICLE = "第六十六条第二款"


def plan_active(*, arrangement: str, ended_on: date | None, instalment_count: int) -> bool:
    """Does an approved instalment plan still govern the payment (approved, not ended by a 变更)?

    Legal basis: 《中华人民共和国行政处罚法》第六十六条第二款; see instalment_plan_after_change for the end.
    """
    return arrangement == PaymentArrangement.INSTALMENTS and ended_on is None and instalment_count > 0


def unpaid(instalments: Sequence[Instalment]) -> list[int]:
    """The positions of the instalments not paid yet, in order."""
    return [n for n, instalment in enumerate(instalments) if instalment.paid_on is None]


def require_instalment_payable(
    *, active: bool, instalments: Sequence[Instalment], approved_on: date | None, on: date
) -> int:
    """Return the position of the instalment paid on `on`: the first one not paid yet.

    Refused: no plan in force or nothing left to pay by instalment (409 penalty.instalment_none); the
    last unpaid instalment (409 penalty.instalment_last: its payment completes the decision and is
    recorded as 履行完毕, with any 加处罚款 still owed); a payment dated before the plan's approval (400).

    Legal basis: 《中华人民共和国行政处罚法》第六十六条第二款（经当事人申请和行政机关批准，可以暂缓或者
    分期缴纳）、第六十七条（缴纳罚款）. Interpretation: instalments are paid in the order approved; a
    payment settles the earliest one still open.
    """
    left = unpaid(instalments) if active else []
    if not left:
        raise refuse_now("本案没有批准且尚未缴纳的分期", code="penalty.instalment_none", article=PLAN_ARTICLE)
    if len(left) == 1:
        raise refuse_now(
            "这是最后一期：缴纳后行政处罚决定即履行完毕，请登记“履行/执行完毕”",
            code="penalty.instalment_last",
            article="第六十六条第二款、第六十七条",
        )
    if approved_on is not None and on < approved_on:
        raise refuse_check(
            "缴款日期不能早于批准分期缴纳的日期",
            code="penalty.date_out_of_order",
            rule=DATE_ORDER,
            article=PLAN_ARTICLE,
            fields={"on": ["日期错误。"]},
        )
    return left[0]


@dataclass(frozen=True, slots=True)
class PlanAfterChange:
    """What is owed once a 变更 ended an instalment plan (instalment_plan_after_change)."""

    paid: Decimal  # the fine paid by instalment before the change (without 加处罚款)
    changed_fine: Decimal
    outstanding: Decimal  # still to pay under the decision as changed; 0 when the instalments cover it
    refund: Decimal  # paid beyond the changed fine, to return; 0 otherwise

    @property
    def text(self) -> str:
        """The timeline's sentence; the service adds the new payment deadline when something is owed."""
        head = "分期缴纳计划因决定变更终止，按变更后的罚款重新确定："
        paid = f"已分期缴纳{yuan(self.paid)}，变更后的罚款{yuan(self.changed_fine)}"
        if self.refund:
            return f"{head}{paid}，多缴的{yuan(self.refund)}应当退还（{COERCION_LAW}第四十一条）"
        if not self.outstanding:
            return f"{head}{paid}，已足额缴纳"
        return f"{head}{paid}，尚应缴纳{yuan(self.outstanding)}"


def instalment_plan_after_change(
    *, fine_before: Decimal, changed_fine: Decimal, paid: Decimal
) -> PlanAfterChange | None:
    """What a 变更 of the fine does to an instalment plan in force: None when the plan stands, else its end.

    `fine_before`: the fine before the change (what the plan's instalments add up to, with those paid);
    `changed_fine`: the fine as changed; `paid`: the fine paid by instalment so far.
    The plan stands when the 变更 leaves the fine as it was (it changed the kinds or the confiscation
    only). Otherwise it ends on the change: the party owes the changed fine less what it paid, by the
    new payment deadline (the service: 15 days from the change, Art. 67(3)), and may apply again for
    deferral or instalments of that amount; what it paid beyond the changed fine is returned.

    Legal basis: 《中华人民共和国行政处罚法》第六十六条第二款（当事人确有经济困难，需要延期或者分期缴纳罚款的，
    经当事人申请和行政机关批准，可以暂缓或者分期缴纳）、第六十七条第三款（自收到行政处罚决定书之日起十五日
    内缴纳罚款）；《中华人民共和国行政复议法》第六十三条、《中华人民共和国行政诉讼法》第七十七条（变更取代原
    决定的处罚内容）；《中华人民共和国行政强制法》第四十一条（据以执行的行政决定被变更的，应当退还财物）.
    Interpretation: the approval was given on the party's application for the amounts of the original
    fine; after a 变更 those amounts cannot stand (they add up to a fine no longer owed). Rescaling the
    remaining instalments would be an approval nobody applied for — and for a higher fine (possible
    under 复议法 Art. 63(2) / 诉讼法 Art. 77(2) exceptions) larger instalments than the party said it could
    pay — so the plan ends and what is owed is settled anew: by the 15-day period of Art. 67(3) counted
    from the change (the date the platform records for the changed decision), or by a new plan the
    party applies for and the organ approves under Art. 66(2). Instalments already paid count towards
    the changed fine. A deferral (暂缓) is not affected: it approved a date, not amounts.
    """
    if changed_fine == fine_before:
        return None
    return PlanAfterChange(
        paid=paid,
        changed_fine=changed_fine,
        outstanding=max(changed_fine - paid, Decimal(0)),
        refund=max(paid - changed_fine, Decimal(0)),
    )


def ended_plan_due_text(due: date) -> str:
    """The end of the timeline's sentence when something is owed after the plan ended."""
    return (
        f"，缴款期限至{format_date_zh(due)}（第六十七条第三款）；当事人确有经济困难的，"
        f"可以重新申请暂缓或者分期缴纳（{PLAN_ARTICLE}）"
    )
