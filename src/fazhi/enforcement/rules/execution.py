"""Pure rules added for the remaining procedure steps: 回避, 先行登记保存, 听证通知, 暂缓/分期缴纳,
当场收缴 and its hand-over, and the enforcement of an unpaid decision.

No ORM, no clock, no settings: the deadline dates are computed by core.deadlines (rule codes below)
and passed in. Each docstring names its `Legal basis:` (article numbers; the wording is paraphrased).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from fazhi.core.calendars.rules import format_date_zh
from fazhi.enforcement.choices import (
    CaseProcedure,
    CashCollectionGround,
    DecisionChangeKind,
    PaymentArrangement,
    PenaltyType,
)
from fazhi.enforcement.rules.common import refuse, refuse_now
from fazhi.enforcement.rules.decision import CENT, Surcharge, late_payment_surcharge
from fazhi.enforcement.rules.parameters import CASH_SMALL_FINE_MAX

# Deadline rule codes shipped by migration 0003_configuration_data (core.deadlines rows, citable).
PRESERVATION_RULE = "penalty.preservation_decision"  # Art. 56, 7 working days
HEARING_NOTICE_RULE = "penalty.hearing_notice"  # Art. 64(二), 7 working days before the hearing
CASH_HANDOVER_RULE = "penalty.cash_handover"  # Art. 71, 2 working days officer → authority
CASH_DEPOSIT_RULE = "penalty.cash_deposit"  # Art. 71, 2 working days authority → bank
SUIT_PERIOD_RULE = "penalty.enforcement.suit_period"  # 行政诉讼法 Art. 46, 6 months
COURT_APPLICATION_RULE = "penalty.enforcement.court_application"  # 行政强制法 Art. 53, 3 months
DEMAND_PERIOD_RULE = "penalty.enforcement.demand"  # 行政强制法 Art. 54, 69: 10 working days
SURCHARGE_WAIT_RULE = "penalty.enforcement.surcharge_wait"  # 行政强制法 Art. 46: surcharge > 30 days

COERCION_LAW = "《中华人民共和国行政强制法》"


# --- Art. 43: 回避 ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecusalFact:
    """One declared conflict as the services read it."""

    officer_id: int
    source: str  # RecusalSource value
    status: str  # RecusalStatus value


def officer_is_barred(fact: RecusalFact) -> bool:
    """True when the officer may not act in the case.

    Legal basis: 行政处罚法第四十三条. Interpretation: an officer's own declaration of a conflict
    (43(1): 应当回避) bars them at once, unless the head decided against recusal; a party's
    application (43(2)) bars them only once the head grants it, because 43(3) says the
    investigation does not stop before the decision.
    """
    if fact.status == "refused":
        return False
    if fact.status == "granted":
        return True
    return fact.source == "officer"


def require_no_recused_officers(*, officer_ids: Collection[int], facts: Sequence[RecusalFact], act: str) -> None:
    """Refuse an act by an officer who has a declared (or granted) conflict in the case.

    Legal basis: 《中华人民共和国行政处罚法》第四十三条（回避）.
    """
    barred = sorted({f.officer_id for f in facts if officer_is_barred(f)} & set(officer_ids))
    if barred:
        raise refuse(
            f"执法人员{'、'.join(map(str, barred))}已申请或被决定回避，不能参与{act}",
            code="penalty.officer_recused",
            article="第四十三条",
            fields={"officer_ids": [str(pk) for pk in barred]},
        )


def require_recusal_undecided(*, status: str) -> None:
    """The head decides once. Legal basis: 行政处罚法第四十三条第三款（由行政机关负责人决定）."""
    if status != "pending":
        raise refuse("该回避申请已经作出决定", code="penalty.recusal_decided", article="第四十三条第三款")


# --- Art. 56: 先行登记保存 ------------------------------------------------------------------------------


def require_preservation_approved(*, approved_by: str, approved_on: date | None, registered_on: date) -> None:
    """先行登记保存 needs the head's approval, given no later than the registration.

    Legal basis: 《中华人民共和国行政处罚法》第五十六条（经行政机关负责人批准，可以先行登记保存）.
    """
    if not approved_by.strip() or approved_on is None:
        raise refuse(
            "先行登记保存应当经行政机关负责人批准",
            code="penalty.preservation_not_approved",
            article="第五十六条",
            fields={"approved_by": ["必填。"]},
        )
    if approved_on > registered_on:
        raise refuse("先行登记保存应当先经批准再实施", code="penalty.preservation_approved_late", article="第五十六条")


def require_preservation_undecided(*, decided: bool) -> None:
    """The 处理决定 on preserved items is made once.

    Legal basis: 《中华人民共和国行政处罚法》第五十六条（先行登记保存的，应当在七日内及时作出处理决定）.
    """
    if decided:
        raise refuse("该登记保存已经作出处理决定", code="penalty.preservation_decided", article="第五十六条")


def preservation_decided_late(*, decided_on: date, due: date) -> bool:
    """True when the 处理决定 came after the 7 working days (recorded and flagged, not refused).

    Legal basis: 《中华人民共和国行政处罚法》第五十六条（七日内及时作出处理决定）、第八十五条（“七日”为工作日）.
    Interpretation: as with a late service (Art. 61), refusing to record a late decision would
    falsify the file; the lateness is kept for supervision.
    """
    return decided_on > due


# --- Art. 64(二): notice of the hearing ---------------------------------------------------------------


def require_hearing_notice_in_time(*, hearing_on: date, earliest: date) -> None:
    """The party must be told the time and place at least 7 working days before the hearing.

    Legal basis: 《中华人民共和国行政处罚法》第六十四条第二项（举行听证的七日前通知）、第八十五条（工作日）.
    Interpretation: `earliest` is the 7th working day after the notice day (start day excluded,
    penalty.hearing_notice); the hearing may be held on that day or later.
    """
    if hearing_on < earliest:
        raise refuse(
            f"应当在举行听证的七个工作日前通知当事人，按本次通知最早可于{format_date_zh(earliest)}举行听证",
            code="penalty.hearing_notice_too_late",
            article="第六十四条第二项",
        )


def require_hearing_notified(*, notice_on: date | None) -> date:
    """No hearing without the prior notice of its time and place. Legal basis: 第六十四条第二项."""
    if notice_on is None:
        raise refuse(
            "举行听证前应当通知当事人听证的时间、地点", code="penalty.hearing_not_notified", article="第六十四条第二项"
        )
    return notice_on


# --- Art. 66: 暂缓或者分期缴纳 ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Instalment:
    """One instalment of an approved plan; `paid_on`/`surcharge` once the party paid it (rules.instalments)."""

    due: date
    amount: Decimal
    paid_on: date | None = None
    surcharge: Decimal = Decimal(0)  # the 加处罚款 paid with it, when it was paid late (Art. 72(1)(一))


def require_payment_arrangement(
    *,
    kind: str,
    fine: Decimal,
    applied_on: date,
    approved_on: date,
    approver: str,
    current_due: date | None,
    new_due: date | None,
    instalments: Sequence[Instalment],
) -> date:
    """Check a deferral or instalment plan; return the new final payment date.

    Legal basis: 《中华人民共和国行政处罚法》第六十六条第二款（确有经济困难，经当事人申请和行政机关批准，
    可以暂缓或者分期缴纳）. Interpretation: the application comes first, the approval names who
    approved, a deferral moves the due date later, and instalments add up to the fine exactly,
    each later than the one before.
    """
    if kind not in (PaymentArrangement.DEFERRED, PaymentArrangement.INSTALMENTS):
        raise refuse("应选择暂缓缴纳或者分期缴纳", code="penalty.arrangement_kind", article="第六十六条第二款")
    if fine <= 0 or current_due is None:
        raise refuse("本案没有应缴纳的罚款", code="penalty.arrangement_no_fine", article="第六十六条第二款")
    if not approver.strip() or approved_on < applied_on:
        raise refuse(
            "暂缓或者分期缴纳应当经当事人申请和行政机关批准（批准不能早于申请）",
            code="penalty.arrangement_not_approved",
            article="第六十六条第二款",
        )
    if kind == PaymentArrangement.DEFERRED:
        if new_due is None or new_due <= current_due:
            raise refuse(
                "暂缓缴纳的期限应当晚于原缴款期限", code="penalty.arrangement_bad_due", article="第六十六条第二款"
            )
        return new_due
    if len(instalments) < 2:
        raise refuse("分期缴纳应当至少分两期", code="penalty.instalments_too_few", article="第六十六条第二款")
    dues = [i.due for i in instalments]
    if dues != sorted(set(dues)) or dues[0] < approved_on:
        raise refuse(
            "各期缴款日期应当依次递增且不早于批准日期", code="penalty.instalments_bad_dates", article="第六十六条第二款"
        )
    if any(i.amount <= 0 for i in instalments) or sum(i.amount for i in instalments) != fine:
        raise refuse(
            f"各期金额之和应当等于罚款数额{fine}元", code="penalty.instalments_bad_amounts", article="第六十六条第二款"
        )
    return dues[-1]


def instalment_surcharge(*, instalments: Sequence[Instalment], on: date, paid_through: int = 0) -> Surcharge:
    """加处罚款 of an instalment plan: each overdue unpaid instalment accrues on its own amount.

    Legal basis: 行政处罚法第六十六条第二款、第七十二条第一款第一项. Interpretation: an approved instalment
    is "到期" on its own date; the 3% per day runs on that instalment's amount and is capped at
    it, so the total never exceeds the fine. Instalments already paid (`paid_on`; their surcharge was
    paid with them) and the first `paid_through` are settled.
    """
    total = Decimal("0.00")
    counted = 0
    capped = False
    for instalment in instalments[paid_through:]:
        if instalment.paid_on is not None:
            continue
        part = late_payment_surcharge(fine=instalment.amount, payment_due=instalment.due, on=on)
        total += part.amount
        counted = max(counted, part.days_counted)
        capped = capped or part.capped
    return Surcharge(total.quantize(CENT), counted, 0, capped)


# --- Art. 68–71: 当场收缴 --------------------------------------------------------------------------------


def require_cash_collection_allowed(
    *, procedure: str, ground: str, types: Collection[str], fine: Decimal, party_requested: bool
) -> None:
    """May the officers collect this fine on the spot?

    Legal basis: 《中华人民共和国行政处罚法》第六十七条第二款（罚缴分离，除第六十八条、第六十九条外不得自行收缴）、
    第六十八条（依第五十一条当场作出决定，且罚款一百元以下或者不当场收缴事后难以执行）、
    第六十九条（边远、水上、交通不便地区，依第五十一条或第五十七条作出罚款决定，缴纳确有困难，经当事人提出）.
    """
    if PenaltyType.FINE not in types or fine <= 0:
        raise refuse("本案没有罚款，不能当场收缴", code="penalty.cash_no_fine", article="第六十七条")
    if ground in (CashCollectionGround.SMALL_FINE, CashCollectionGround.HARD_TO_ENFORCE):
        if procedure != CaseProcedure.SIMPLIFIED:
            raise refuse(
                "依第六十八条当场收缴，仅限依照第五十一条当场作出的处罚决定",
                code="penalty.cash_not_simplified",
                article="第六十八条",
            )
        if ground == CashCollectionGround.SMALL_FINE and fine > CASH_SMALL_FINE_MAX:
            raise refuse(
                f"罚款{fine}元超过一百元，不能以“一百元以下罚款”为由当场收缴",
                code="penalty.cash_fine_too_high",
                article="第六十八条第一项",
            )
        return
    if ground == CashCollectionGround.REMOTE_AREA:
        if not party_requested:
            raise refuse(
                "边远、水上、交通不便地区当场收缴罚款，应当由当事人提出",
                code="penalty.cash_not_requested",
                article="第六十九条",
            )
        return
    raise refuse("当场收缴的情形无效", code="penalty.cash_bad_ground", article="第六十八条、第六十九条")


def require_cash_receipt(receipt_number: str) -> str:
    """当场收缴 must hand over the finance department's 专用票据; its number is recorded.

    Legal basis: 《中华人民共和国行政处罚法》第七十条.
    """
    value = (receipt_number or "").strip()
    if not value:
        raise refuse(
            "当场收缴罚款应当出具财政部门统一制发的专用票据",
            code="penalty.cash_receipt_missing",
            article="第七十条",
            fields={"receipt_number": ["必填。"]},
        )
    return value


def cash_handover_start(*, collected_on: date, landed_on: date | None) -> date:
    """The day the 2-working-day hand-over period runs from: collection, or landing for money taken on water.

    Legal basis: 《中华人民共和国行政处罚法》第七十一条、第八十五条.
    """
    if landed_on is not None and landed_on < collected_on:
        raise refuse("抵岸日期不能早于收缴日期", code="penalty.cash_landed_before", article="第七十一条")
    return landed_on or collected_on


def require_cash_deposited_before_closing(*, collected: bool, deposited: bool) -> None:
    """A case whose fine was collected in cash is closed only after the money reached the bank.

    Legal basis: 《中华人民共和国行政处罚法》第七十一条（行政机关应当在二日内将罚款缴付指定的银行）.
    """
    if collected and not deposited:
        raise refuse(
            "当场收缴的罚款尚未缴付指定的银行，不能结案", code="penalty.cash_not_deposited", article="第七十一条"
        )


# --- enforcement of an unpaid decision (Art. 72; 行政强制法 Art. 35, 46, 53, 54) -------------------------------


# --- a decision set aside: nothing left to execute ------------------------------------------------

# The steps that execute a decision (payment, surcharge, 催告, enforcement). 登记证据, 公示/撤回 and
# recording a further change stay possible.
EXECUTION_ACTIONS = frozenset(
    {"pause_surcharge", "resume_surcharge", "arrange_payment", "pay_instalment", "collect_cash",
     "demand_enforcement", "apply_enforcement", "execute"}
)  # fmt: skip


def decision_set_aside(change_kind: str) -> bool:
    """Has the decision lost its effect, so that it may no longer be executed?

    Legal basis: 《中华人民共和国行政强制法》第四十条第（四）项（据以执行的行政决定被撤销的，终结执行）、
    第四十一条（执行后被撤销、变更的，恢复原状或者退还财物）；《中华人民共和国行政复议法》第六十四条（撤销）、
    第六十七条（确认无效）；《中华人民共和国行政诉讼法》第七十条（判决撤销）、第七十五条（确认无效）.
    Interpretation: 撤销 and 确认无效 end the decision's effect. 确认违法 leaves it in force (the organ
    confirms it illegal without revoking it), and 变更 replaces its content, which is then executed as
    changed: neither stops execution by itself.
    """
    return change_kind in (DecisionChangeKind.REVOKED, DecisionChangeKind.CONFIRMED_VOID)


def require_decision_in_force(*, change_kind: str, action_label: str) -> None:
    """Refuse a step that executes a decision which was revoked or confirmed void (HTTP 409).

    Legal basis: 《中华人民共和国行政强制法》第四十条第（四）项.
    """
    if decision_set_aside(change_kind):
        kind = DecisionChangeKind(change_kind).label
        raise refuse_now(
            f"行政处罚决定已被{kind}，不再执行，不能办理“{action_label}”",
            code="penalty.decision_set_aside",
            article="第四十条第（四）项",
            law=COERCION_LAW,
        )


# The steps besides execution that a recorded change of the decision rules out.
SERVE_ACTION = "serve"
PUBLISH_ACTION = "publish"
REVIEW_LAW = "《中华人民共和国行政复议法》"


def actions_barred_by_change(change_kind: str) -> frozenset[str]:
    """The steps a recorded change of the decision (变更、撤销、确认违法、确认无效) rules out; empty without one.

    Legal basis: 《中华人民共和国行政处罚法》第四十八条第二款（公开的行政处罚决定被依法变更、撤销、
    确认违法或者确认无效的，行政机关应当在三日内撤回行政处罚决定信息并公开说明理由）；
    《中华人民共和国行政复议法》第六十三条（变更）、第六十四条（撤销或者部分撤销）、第六十五条（不撤销，
    但确认违法）、第六十七条（确认无效）；《中华人民共和国行政诉讼法》第七十条、第七十四条、第七十五条、
    第七十七条；《中华人民共和国行政强制法》第四十条第（四）项.
    Interpretation: any of the four changes bars publishing the decision, because Art. 48(2) orders a
    published one withdrawn. 撤销 and 确认无效 end the decision's effect (decision_set_aside): it is not
    served any more and nothing is executed under it. 确认违法 leaves the decision in force (复议法
    Art. 65: the organ does not revoke it) and 变更 replaces its content, which is executed as changed
    (a partial revocation is recorded as 变更): neither stops service or execution by itself.
    """
    if not change_kind:
        return frozenset()
    if decision_set_aside(change_kind):
        return EXECUTION_ACTIONS | {SERVE_ACTION, PUBLISH_ACTION}
    return frozenset({PUBLISH_ACTION})


# The tracked periods for the steps a change can bar (services track them at decision and service).
SERVICE_RULE = "penalty.service"  # 行政处罚法 Art. 61: 7 days to serve the decision
PUBLICATION_RULE = "publicity.penalty"  # Art. 48: 7 working days to publish it
PAYMENT_RULE = "penalty.payment"  # Art. 67: 15 days to pay


def deadlines_ended_by_change(change_kind: str) -> tuple[str, ...]:
    """The tracked periods a recorded change of the decision ends: those of the steps it bars.

    Legal basis: as actions_barred_by_change — 行政处罚法第四十八条第二款 (a changed decision is not
    published: its publication period ends), 行政复议法第六十四条、第六十七条 and 行政诉讼法第七十条、
    第七十五条 (a decision revoked or void is not served), 行政强制法第四十条第（四）项 (nor executed: the
    payment and court-application periods end).
    Interpretation: an ended period is closed, not met and not overdue: the step is no longer owed.
    确认违法 and 变更 end the publication period only; the decision (as changed) is still served and
    executed. The cash handover and deposit periods (Art. 71) stay: money already collected is still
    handed over, and returned under 行政强制法 Art. 41.
    """
    barred = actions_barred_by_change(change_kind)
    codes: list[str] = []
    if SERVE_ACTION in barred:
        codes.append(SERVICE_RULE)
    if PUBLISH_ACTION in barred:
        codes.append(PUBLICATION_RULE)
    if barred & EXECUTION_ACTIONS:
        codes += [PAYMENT_RULE, COURT_APPLICATION_RULE]
    return tuple(codes)


def set_aside_label(change_kind: str) -> str:
    """The case's state to show instead of its procedural status once the decision is set aside; "" otherwise.

    Legal basis: 《中华人民共和国行政复议法》第六十四条、第六十七条；《中华人民共和国行政诉讼法》第七十条、
    第七十五条 (the decision revoked or confirmed void no longer has effect).
    """
    if not decision_set_aside(change_kind):
        return ""
    return f"决定已{DecisionChangeKind(change_kind).label}"


def require_not_barred_by_change(*, change_kind: str, action: str, action_label: str) -> None:
    """Refuse a step that a recorded change of the decision rules out (actions_barred_by_change; HTTP 409).

    Legal basis: see actions_barred_by_change — 行政处罚法第四十八条第二款 for publishing;
    行政复议法第六十四条、第六十七条 and 行政诉讼法第七十条、第七十五条 for serving a decision set aside;
    行政强制法第四十条第（四）项 for executing it.
    """
    if action not in actions_barred_by_change(change_kind):
        return
    kind = DecisionChangeKind(change_kind).label
    if action == PUBLISH_ACTION:
        raise refuse_now(
            f"行政处罚决定已被{kind}，已公示的应当撤回，不能再公示",
            code="publication.decision_changed",
            article="第四十八条第二款",
        )
    if action == SERVE_ACTION:
        raise refuse_now(
            f"行政处罚决定已被{kind}，不再发生效力，不能办理“{action_label}”；请办理终结执行并结案",
            code="penalty.decision_set_aside",
            article="第六十四条、第六十七条；《中华人民共和国行政诉讼法》第七十条、第七十五条",
            law=REVIEW_LAW,
        )
    require_decision_in_force(change_kind=change_kind, action_label=action_label)


def require_decision_set_aside(*, change_kind: str) -> None:
    """终结执行 on this ground needs the decision revoked or confirmed void first (recorded with its date).

    Legal basis: 《中华人民共和国行政强制法》第四十条第（四）项.
    """
    if not decision_set_aside(change_kind):
        raise refuse_now(
            "行政处罚决定未被撤销或确认无效，不能以此终结执行；请先登记决定变更/撤销",
            code="penalty.decision_in_force",
            article="第四十条第（四）项",
            law=COERCION_LAW,
        )


def payment_is_overdue(*, due: date | None, on: date, paid: bool) -> bool:
    """True when the fine is unpaid and its due date has passed on `on` (the day after `due` at the earliest).

    Legal basis: 《中华人民共和国行政处罚法》第七十二条第一款（当事人逾期不履行；到期不缴纳罚款）.
    Interpretation: the party may pay on the due date itself, so it is overdue from the next day.
    """
    return not paid and due is not None and on > due


def require_payment_overdue(*, due: date | None, on: date, paid: bool) -> None:
    """催告 is for a party who did not pay by the due date.

    Legal basis: 《中华人民共和国行政处罚法》第七十二条第一款（当事人逾期不履行）；
    《中华人民共和国行政强制法》第三十五条.
    """
    if not payment_is_overdue(due=due, on=on, paid=paid):
        raise refuse("缴款期限尚未届满或者已经履行，不能催告", code="penalty.not_overdue", article="第七十二条")


def court_window_start(*, suit_period_end: date, performance_end: date) -> date:
    """The day from which the 3-month window to apply to the court runs.

    Legal basis: 《中华人民共和国行政强制法》第五十三条（当事人在法定期限内不申请行政复议或者提起行政诉讼，又不履行的，
    自期限届满之日起三个月内申请）；《中华人民共和国行政处罚法》第七十二条第二款（批准延期、分期的，
    申请期限自暂缓或者分期缴纳期限结束之日起计算）. Interpretation: the window opens when both the
    party's time to sue (6 months from service, 行政诉讼法第四十六条; it outlasts the 60-day
    reconsideration period) and the time to pay (with any approved deferral) have ended.
    """
    return max(suit_period_end, performance_end)


def require_enforcement_allowed(
    *,
    route: str,
    applied_on: date,
    demand_served_on: date | None,
    demand_wait_end: date | None,
    window: tuple[date, date] | None,
    surcharge_wait_end: date | None,
) -> None:
    """Check an application to the court, or an agency's own enforcement, against 行政强制法.

    Legal basis: 《中华人民共和国行政强制法》第三十五条（强制执行前应当书面催告）、
    第五十四条（催告书送达十日后仍未履行，可以申请法院强制执行）、第六十九条（十日为工作日）、第五十三条（三个月内申请）、第四十六条第一款
    （加处罚款超过三十日，经催告仍不履行，具有行政强制执行权的行政机关可以强制执行）.
    Interpretation: the day `demand_wait_end` (10th working day after service of the 催告书) and
    `surcharge_wait_end` (30th day of surcharge) must have passed; the court application must
    fall inside [window start, window end].
    """
    if demand_served_on is None or demand_wait_end is None:
        raise refuse(
            "强制执行前应当书面催告当事人履行义务",
            code="penalty.demand_missing",
            article="第三十五条、第五十四条",
            law=COERCION_LAW,
        )
    if applied_on <= demand_wait_end:
        raise refuse(
            f"催告书送达十个工作日后（{format_date_zh(demand_wait_end)}以后）当事人仍未履行的，才能申请强制执行",
            code="penalty.demand_period_running",
            article="第五十四条、第六十九条",
            law=COERCION_LAW,
        )
    if route == "court":
        if window is None:
            raise refuse(
                "申请期限无法确定", code="penalty.court_window_missing", article="第五十三条", law=COERCION_LAW
            )
        first, last = window
        if applied_on <= first:
            raise refuse(
                f"当事人申请行政复议、提起行政诉讼的期限或者履行期限至{format_date_zh(first)}尚未届满，不能申请法院强制执行",
                code="penalty.court_window_not_open",
                article="第五十三条",
                law=COERCION_LAW,
            )
        if applied_on > last:
            raise refuse(
                f"申请人民法院强制执行的三个月期限已于{format_date_zh(last)}届满",
                code="penalty.court_window_closed",
                article="第五十三条",
                law=COERCION_LAW,
            )
        return
    if route == "administrative":
        if surcharge_wait_end is None or applied_on <= surcharge_wait_end:
            raise refuse(
                "加处罚款超过三十日，经催告仍不履行的，具有行政强制执行权的行政机关方可强制执行",
                code="penalty.surcharge_wait_running",
                article="第四十六条第一款",
                law=COERCION_LAW,
            )
        return
    raise refuse("强制执行方式无效", code="penalty.enforcement_route", article="第七十二条")


def instalments_from_json(raw: Sequence[Mapping[str, str]]) -> list[Instalment]:
    """PenaltyCase.payment_instalments as Instalments ({"due", "amount"} and, once paid, "paid_on", "surcharge")."""
    return [
        Instalment(
            date.fromisoformat(i["due"]),
            Decimal(i["amount"]),
            date.fromisoformat(i["paid_on"]) if i.get("paid_on") else None,
            Decimal(i.get("surcharge") or 0),
        )
        for i in raw
    ]


def instalments_to_json(plan: Sequence[Instalment]) -> list[dict[str, str]]:
    """The stored form of a plan (instalments_from_json reads it back); paid instalments carry their payment."""
    rows = []
    for i in plan:
        row = {"due": i.due.isoformat(), "amount": str(i.amount.quantize(CENT))}
        if i.paid_on is not None:
            row |= {"paid_on": i.paid_on.isoformat(), "surcharge": str(i.surcharge.quantize(CENT))}
        rows.append(row)
    return rows
