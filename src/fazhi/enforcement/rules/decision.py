"""Pure rules from the investigation's end to the execution: review, discussion, decision, service, payment.

No ORM, no clock, no settings.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from fazhi.core.calendars.rules import format_date_zh
from fazhi.enforcement.choices import CaseOutcome, PenaltyType
from fazhi.enforcement.rules.common import refuse, refuse_now, yuan
from fazhi.enforcement.rules.decision_change import DecisionContent
from fazhi.enforcement.rules.parameters import SURCHARGE_DAILY_RATE
from fazhi.enforcement.rules.penalties import PENALTY_SEVERITY

CENT = Decimal("0.01")


# --- Art. 58: mandatory legal review ----------------------------------------------------------------


def legal_review_reasons(
    *, major_public_interest: bool, hearing_held: bool, complex_case: bool, other_legal_requirement: bool
) -> tuple[str, ...]:
    """Return why a 法制审核 is mandatory before the decision (empty: not mandatory).

    Legal basis: 《中华人民共和国行政处罚法》第五十八条第一款："有下列情形之一，
    在行政机关负责人作出行政处罚的决定之前，应当由
    从事行政处罚决定法制审核的人员进行法制审核；未经法制审核或者审核未通过的，不得作出决定：（一）涉及重大公共利益的；
    （二）直接关系当事人或者第三人重大权益，经过听证程序的；（三）案件情况疑难复杂、涉及多个法律关系的；
    （四）法律、法规规定应当进行法制审核的其他情形。"
    Interpretation: item (二) is taken as met whenever a hearing was held — a hearing is only
    available for the penalties that touch 重大权益 (Art. 63).
    """
    reasons = []
    if major_public_interest:
        reasons.append("涉及重大公共利益")
    if hearing_held:
        reasons.append("经过听证程序")
    if complex_case:
        reasons.append("案件情况疑难复杂、涉及多个法律关系")
    if other_legal_requirement:
        reasons.append("法律、法规规定应当进行法制审核")
    return tuple(reasons)


def require_legal_review_passed(*, reasons: Sequence[str], passed: bool) -> None:
    """No decision in an Art. 58 case without a passed legal review.

    Legal basis: 《中华人民共和国行政处罚法》第五十八条第一款："未经法制审核或者审核未通过的，不得作出决定"。
    """
    if reasons and not passed:
        raise refuse(
            f"本案{'、'.join(reasons)}，未经法制审核或者审核未通过的，不得作出决定",
            code="penalty.legal_review_missing",
            article="第五十八条",
        )


def require_qualified_reviewer(*, has_legal_qualification: bool, name: str) -> None:
    """The reviewer must hold the national legal professional qualification.

    Legal basis: 《中华人民共和国行政处罚法》第五十八条第二款："行政机关中初次从事行政处罚决定法制审核的人员，
    应当通过国家统一
    法律职业资格考试取得法律职业资格。"
    Interpretation: as in orgs.rules.require_role_allowed, required of every reviewer.
    """
    if not has_legal_qualification:
        raise refuse(
            f"{name}未取得法律职业资格，不能进行法制审核",
            code="penalty.reviewer_not_qualified",
            article="第五十八条第二款",
        )


def legal_review_awaits_opinion(*, passed: bool | None) -> bool:
    """True while the case's current submission for 法制审核 has no opinion yet.

    Legal basis: 《中华人民共和国行政处罚法》第五十八条第一款："在行政机关负责人作出行政处罚的决定之前，
    应当由从事行政处罚决定法制审核的人员进行法制审核"。
    Interpretation: each submission (提交法制审核) gets one opinion. A passed review keeps the case in
    法制审核 until the decision or the collective discussion; a failed one sends it back to 调查取证,
    and only a new submission (which clears the result) asks the reviewer again.
    """
    return passed is None


def require_legal_review_awaits_opinion(*, passed: bool | None, reviewed_on: date | None) -> None:
    """Refuse a second opinion on a submission that already has one (HTTP 409).

    Legal basis: 《中华人民共和国行政处罚法》第五十八条第一款 (see legal_review_awaits_opinion): the review
    is of the submission; a changed opinion on an approved case would silently undo the approval
    the decision relies on ("未经法制审核或者审核未通过的，不得作出决定").
    """
    if not legal_review_awaits_opinion(passed=passed):
        day = f"已于{format_date_zh(reviewed_on)}" if reviewed_on is not None else "已"
        raise refuse_now(
            f"本次提交的法制审核{day}作出审核意见（{'通过' if passed else '未通过'}），不能重复提交审核意见；"
            "需要重新审核的，应当由承办人员重新提交法制审核",
            code="penalty.legal_review_already_recorded",
            article="第五十八条",
        )


# --- Art. 57: collective discussion -------------------------------------------------------------------


def require_collective_discussion(*, complex_or_major: bool, discussed: bool) -> None:
    """Complex or major cases are decided by the heads' collective discussion.

    Legal basis: 《中华人民共和国行政处罚法》第五十七条第二款："对情节复杂或者重大违法行为给予行政处罚，
    行政机关负责人应当
    集体讨论决定。"
    """
    if complex_or_major and not discussed:
        raise refuse(
            "对情节复杂或者重大违法行为给予行政处罚，应当经行政机关负责人集体讨论决定",
            code="penalty.collective_discussion_missing",
            article="第五十七条第二款",
        )


# --- Art. 44 / 45 / 62: no penalty heavier than the one notified ------------------------------------


@dataclass(frozen=True, slots=True)
class Excess:
    """One way the decided penalty goes beyond the notified one: the decision's input field and what it is."""

    field: str  # penalty_types / fine_amount / confiscation_value, as the decision form and API name them
    text: str  # e.g. 罚款4800元高于告知的1000元


def penalty_excess(*, notified: DecisionContent, decided: DecisionContent) -> tuple[Excess, ...]:
    """How the decided penalty is heavier than the notified one (empty: the same or lighter).

    Legal basis: 《中华人民共和国行政处罚法》第四十四条 (the party is told the penalty proposed before the
    decision), 第六十二条 (no decision without that notice), 第四十五条第二款 (no heavier penalty because of
    a statement or defence).
    Interpretation: heavier is a higher fine, a higher confiscated amount, or a kind the notice did not
    name — unless it takes the place of a more severe kind the decision drops (a 警告 instead of the
    罚款 notified is lighter; a 警告 added to it is not). Severity ranks follow Art. 9 (PENALTY_SEVERITY).
    """
    excess = []
    dropped = set(notified.penalty_types) - set(decided.penalty_types)
    added = [
        kind
        for kind in decided.penalty_types
        if kind not in notified.penalty_types
        and not any(PENALTY_SEVERITY.get(d, 0) > PENALTY_SEVERITY.get(kind, 0) for d in dropped)
    ]
    if added:
        labels = "、".join(str(PenaltyType(k).label) if k in PenaltyType.values else k for k in added)
        excess.append(Excess("penalty_types", f"告知中没有的处罚种类：{labels}"))
    if decided.fine > notified.fine:
        excess.append(Excess("fine_amount", f"罚款{yuan(decided.fine)}高于告知的{yuan(notified.fine)}"))
    if decided.confiscation > notified.confiscation:
        text = f"没收金额{yuan(decided.confiscation)}高于告知的{yuan(notified.confiscation)}"
        excess.append(Excess("confiscation_value", text))
    return tuple(excess)


def require_not_heavier_than_notified(
    *, notified: DecisionContent, decided: DecisionContent, defence_made: bool
) -> None:
    """Refuse a decision heavier than the penalty notified (HTTP 400): a heavier one needs a new 告知 first.

    Legal basis: 《中华人民共和国行政处罚法》第四十四条 and 第六十二条: before deciding, the party is told the
    penalty actually proposed, with the facts, reasons and basis, and may state and defend (and, in the
    第六十三条 cases, ask for a hearing) against it; a decision beyond what was notified was never put to the
    party. 第四十五条第二款: after a statement or defence the penalty may not be made heavier because of it.
    Interpretation: what counts as heavier is penalty_excess. The refusal names each excess on its field;
    after a defence it is penalty.heavier_after_defence and cites 第四十五条第二款 too, otherwise
    penalty.heavier_than_notified. A lighter penalty is decided as it stands.
    """
    excess = penalty_excess(notified=notified, decided=decided)
    if not excess:
        return
    what = "；".join(e.text for e in excess)
    again = "如需作出较重的处罚，应当重新告知当事人拟作出的行政处罚内容及事实、理由、依据，并听取其陈述、申辩"
    fields = {e.field: [f"{e.text}，需重新告知。"] for e in excess}
    if defence_made:
        raise refuse(
            f"当事人已陈述、申辩，不得因陈述、申辩而给予更重的处罚：处罚决定重于告知的拟处罚内容（{what}）；{again}",
            code="penalty.heavier_after_defence",
            article="第四十四条、第四十五条第二款、第六十二条",
            fields=fields,
        )
    raise refuse(
        f"处罚决定重于告知的拟处罚内容（{what}）；{again}",
        code="penalty.heavier_than_notified",
        article="第四十四条、第六十二条",
        fields=fields,
    )


# --- Art. 59 / 60: the decision ------------------------------------------------------------------------


def require_evidence_on_file(*, evidence_count: int) -> None:
    """No penalty decision on a case with no evidence registered.

    Legal basis: 《中华人民共和国行政处罚法》第四十条："违法事实不清、证据不足的，不得给予行政处罚"；
    第四十六条第三款（证据经查证属实，方可作为认定案件事实的根据）.
    Interpretation: whether the evidence suffices is the reviewer's and the decider's judgement; the
    platform only refuses the case where nothing at all was registered (the 案卷自查 flags it too).
    """
    if evidence_count < 1:
        raise refuse(
            "本案尚未登记任何证据，违法事实不清、证据不足的，不得给予行政处罚；请先登记证据",
            code="penalty.no_evidence",
            article="第四十条",
            fields={"evidence": ["尚未登记证据。"]},
        )


def fine_within_discretion(*, fine: Decimal, bands: Sequence[tuple[Decimal | None, Decimal | None]]) -> bool:
    """Does the fine lie inside a band (阶次) of the power item's discretion standard? True without bands.

    Legal basis: 《中华人民共和国行政处罚法》第三十四条："行政机关可以依法制定行政处罚裁量基准，规范行使
    行政处罚裁量权。行政处罚裁量基准应当向社会公布。"
    Interpretation: the same test as supervision's 案卷评查 (fine_within_discretion): a band open at one end
    is open there; no fine, or no band with a limit, leaves nothing to compare.
    """
    limited = [(low, high) for low, high in bands if low is not None or high is not None]
    if fine <= 0 or not limited:
        return True
    return any((low is None or fine >= low) and (high is None or fine <= high) for low, high in limited)


def require_discretion_reason(
    *, fine: Decimal, bands: Sequence[tuple[Decimal | None, Decimal | None]], reason: str
) -> str:
    """A fine outside every band of the published discretion standard is decided only with its reason recorded.

    Legal basis: 《中华人民共和国行政处罚法》第三十四条（裁量基准规范行使裁量权）.
    Interpretation: the standard is the organ's own rule, not a statute, so a departure is not refused
    outright; the reason goes on file with the decision for 法制审核 and 案卷评查 to judge. Returns the
    stripped reason ("" when the fine is inside a band: nothing to explain).
    """
    if fine_within_discretion(fine=fine, bands=bands):
        return ""
    reason = (reason or "").strip()
    if not reason:
        ranges = "、".join(
            f"{low if low is not None else '—'}至{high if high is not None else '—'}元" for low, high in bands
        )
        raise refuse(
            f"罚款{fine}元不在该事项裁量基准的任何阶次（{ranges}）内；确需在阶次外处罚的，请填写理由",
            code="penalty.discretion_reason_required",
            article="第三十四条",
            fields={"discretion_reason": ["罚款不在裁量阶次内，必填。"]},
        )
    return reason


def require_decision_content(
    *, party_name: str, party_address: str, facts: str, legal_basis: str, performance: str, remedies: str
) -> None:
    """The decision document's mandatory content.

    Legal basis: 《中华人民共和国行政处罚法》第五十九条第一款：决定书应当载明当事人的姓名或者名称、地址；违反法律、
    法规、规章的
    事实和证据；行政处罚的种类和依据；行政处罚的履行方式和期限；申请行政复议、提起行政诉讼的途径和期限；
    作出决定的行政机关
    名称和作出决定的日期。
    """
    fields = {
        "当事人姓名或者名称": party_name,
        "当事人地址": party_address,
        "违法事实和证据": facts,
        "处罚依据": legal_basis,
        "履行方式和期限": performance,
        "复议、诉讼的途径和期限": remedies,
    }
    missing = [label for label, value in fields.items() if not value.strip()]
    if missing:
        raise refuse(
            f"行政处罚决定书缺少法定事项：{'、'.join(missing)}",
            code="penalty.decision_content_missing",
            article="第五十九条",
            fields={"decision": missing},
        )


def require_decision_in_time(*, decided_on: date, due: date, filed_on: date, legal_basis: str) -> None:
    """The decision must be made within the decision period from 立案 (90 days unless a sector rule says otherwise).

    Legal basis: 《中华人民共和国行政处罚法》第六十条："行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定
    。法律、法规、
    规章另有规定的，从其规定。" The period is computed and tracked by core.deadlines (penalty.decision
    or the sector's rule code); sector extensions are recorded before the period runs out.
    """
    if decided_on < filed_on:
        raise refuse("决定日期不能早于立案日期", code="penalty.decision_before_filing", article="第六十条")
    if decided_on > due:
        raise refuse(
            f"已超过作出处罚决定的期限（{format_date_zh(due)}届满，依据：{legal_basis}）；依法可以延长的，应当先办理延长",
            code="penalty.decision_deadline_passed",
            article="第六十条",
        )


# --- Art. 33: no penalty ------------------------------------------------------------------------------

NO_PENALTY_OUTCOMES = frozenset(
    {CaseOutcome.FIRST_OFFENCE, CaseOutcome.MINOR_CORRECTED, CaseOutcome.NO_FAULT, CaseOutcome.FACTS_NOT_ESTABLISHED}
)


def require_no_penalty_grounds(*, outcome: str, corrected: bool, education_given: bool, legal_basis: str) -> None:
    """Closing without a penalty needs the statutory ground and, for 轻微/首违, correction and education.

    Legal basis: 《中华人民共和国行政处罚法》第三十三条第一款："违法行为轻微并及时改正，没有造成危害后果的，
    不予行政处罚。
    初次违法且危害后果轻微并及时改正的，可以不予行政处罚。" 第三款："对当事人的违法行为依法不予行政处罚的，
    行政机关应当对当事人
    进行教育。" 第五十七条第一款第二、三项（不予行政处罚）。
    """
    if outcome not in NO_PENALTY_OUTCOMES:
        raise refuse("不予处罚的情形无效", code="penalty.invalid_no_penalty_outcome", article="第三十三条、第五十七条")
    if outcome in (CaseOutcome.FIRST_OFFENCE, CaseOutcome.MINOR_CORRECTED) and not corrected:
        raise refuse(
            "不予处罚（首违不罚、轻微不罚）以当事人及时改正为前提",
            code="penalty.not_corrected",
            article="第三十三条第一款",
        )
    if outcome != CaseOutcome.FACTS_NOT_ESTABLISHED and not education_given:
        raise refuse(
            "依法不予行政处罚的，应当对当事人进行教育", code="penalty.education_missing", article="第三十三条第三款"
        )
    if not legal_basis.strip():
        raise refuse("应当写明不予处罚的依据", code="penalty.no_penalty_basis_missing", article="第三十三条")


# --- Art. 61 / 67: service and payment --------------------------------------------------------------


def service_is_late(*, served_on: date, due: date | None) -> bool:
    """True when the decision was served after the 7-working-day period.

    Legal basis: 《中华人民共和国行政处罚法》第六十一条第一款："当事人不在场的，
    行政机关应当在七日内依照《中华人民共和国民事诉讼法》
    的有关规定，将行政处罚决定书送达当事人。" 第八十五条（"七日"为工作日）。
    Interpretation: a late service is still recorded (the document did reach the party) and
    flagged for supervision; refusing to record it would falsify the file.
    """
    return due is not None and served_on > due


def require_served_after_decision(*, decided_on: date, served_on: date) -> None:
    """Service cannot precede the decision. Legal basis: 《中华人民共和国行政处罚法》第六十一条."""
    if served_on < decided_on:
        raise refuse("送达日期不能早于决定日期", code="penalty.served_before_decision", article="第六十一条")


# --- Art. 72 / 73: late-payment surcharge ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Surcharge:
    amount: Decimal
    days_counted: int
    days_paused: int
    capped: bool
    legal_basis: str = "《中华人民共和国行政处罚法》第七十二条第一款第一项、第七十三条第三款"


def late_payment_surcharge(
    *, fine: Decimal, payment_due: date, on: date, pauses: Sequence[tuple[date, date | None]] = ()
) -> Surcharge:
    """Return the 加处罚款 owed on `on` for a fine due on `payment_due`.

    Legal basis: 《中华人民共和国行政处罚法》第七十二条第一款第一项："到期不缴纳罚款的，
    每日按罚款数额的百分之三加处罚款，加处罚款
    的数额不得超出罚款的数额"；第七十三条第三款："当事人申请行政复议或者提起行政诉讼的，
    加处罚款的数额在行政复议或者行政诉讼
    期间不予计算。"
    Interpretation: the first surcharge day is the day after the due date; `on` itself counts;
    a pause (first, last) is inclusive and an open pause (last None) runs through `on`. The
    amount is rounded half-up to the fen and then capped at the fine.
    """
    if fine <= 0 or on <= payment_due:
        return Surcharge(Decimal("0.00"), 0, 0, False)
    counted = paused = 0
    day = payment_due + timedelta(days=1)
    while day <= on:
        if any(first <= day <= (last or on) for first, last in pauses):
            paused += 1
        else:
            counted += 1
        day += timedelta(days=1)
    raw = (fine * SURCHARGE_DAILY_RATE * counted).quantize(CENT, rounding=ROUND_HALF_UP)
    capped = raw > fine
    return Surcharge(min(raw, fine.quantize(CENT)), counted, paused, capped)


def require_pause_consistent(*, pauses: Sequence[tuple[date, date | None]], starting: bool) -> None:
    """Only one reconsideration/litigation pause may be open at a time. Legal basis: 第七十三条第三款."""
    open_pauses = [p for p in pauses if p[1] is None]
    if starting and open_pauses:
        raise refuse("已有未结束的复议或诉讼期间", code="penalty.surcharge_pause_open", article="第七十三条第三款")
    if not starting and not open_pauses:
        raise refuse("没有进行中的复议或诉讼期间", code="penalty.surcharge_pause_missing", article="第七十三条第三款")


def requires_payment(types: Collection[str], fine: Decimal) -> bool:
    """A decision with a fine starts the 15-day payment period (Art. 67(3))."""
    return PenaltyType.FINE in types and fine > 0
