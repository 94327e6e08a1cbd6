"""Pure rules of the penalty procedure (行政处罚法 2021): who, when, how much, in which order.

No ORM, no clock, no settings: callers pass dates, amounts, verdicts and parameters.
Every function's docstring carries its `Legal basis:`; every refusal names the rule and the article.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.deadlines.rules import add_months
from fazhi.enforcement.choices import PartyKind, PenaltyType
from fazhi.enforcement.rules.common import refuse
from fazhi.enforcement.rules.parameters import (
    LIMITATION_YEARS,
    LIMITATION_YEARS_EXTENDED,
    STATUTORY_SIMPLIFIED_LIMITS,
    HearingThreshold,
    SimplifiedLimits,
)

# --- Art. 9: penalty types and their relative severity ---------------------------------------------

# Severity rank in the order of 行政处罚法 Art. 9 (声誉罚 < 财产罚 < 资格罚 < 行为罚 < 人身罚); used by
# the Art. 45 comparison. Within one Art. 9 item the kinds rank equally.
PENALTY_SEVERITY: dict[str, int] = {
    PenaltyType.WARNING: 1,
    PenaltyType.CRITICISM: 1,
    PenaltyType.FINE: 2,
    PenaltyType.CONFISCATE_GAINS: 2,
    PenaltyType.CONFISCATE_PROPERTY: 2,
    PenaltyType.SUSPEND_LICENCE: 3,
    PenaltyType.DOWNGRADE_QUALIFICATION: 3,
    PenaltyType.REVOKE_LICENCE: 3,
    PenaltyType.RESTRICT_BUSINESS: 4,
    PenaltyType.SUSPEND_BUSINESS: 4,
    PenaltyType.ORDER_CLOSURE: 4,
    PenaltyType.RESTRICT_PRACTICE: 4,
    PenaltyType.DETENTION: 5,
    PenaltyType.OTHER: 2,
}


def require_penalty_types(types: Collection[str]) -> None:
    """At least one penalty type, each from the statutory list.

    Legal basis: 《中华人民共和国行政处罚法》第九条："行政处罚的种类：（一）警告、通报批评；（二）罚款、没收违法所得、
    没收非法财物；（三）暂扣许可证件、降低资质等级、吊销许可证件；（四）限制开展生产经营活动、责令停产停业、责令关闭、
    限制从业；（五）行政拘留；（六）法律、行政法规规定的其他行政处罚。"
    """
    unknown = sorted(set(types) - set(PenaltyType.values))
    if not types or unknown:
        raise refuse(
            f"行政处罚种类无效：{'、'.join(unknown) or '未填写'}；只能是法定的处罚种类",
            code="penalty.invalid_penalty_type",
            article="第九条",
            fields={"penalty_types": ["请选择法定的行政处罚种类。"]},
        )


def require_fine_consistent(*, types: Collection[str], fine: Decimal) -> None:
    """A fine amount is given exactly when 罚款 is among the types; money is never negative.

    Legal basis: 《中华人民共和国行政处罚法》第九条第二项（罚款）、第五十九条第一款第三项（行政处罚的种类和依据）。
    """
    if fine < 0:
        raise refuse(
            "罚款数额不能为负数", code="penalty.fine_negative", article="第九条", fields={"fine": ["不能为负数。"]}
        )
    if PenaltyType.FINE in types and fine <= 0:
        raise refuse("处罚种类包含罚款时应填写罚款数额", code="penalty.fine_missing", article="第九条")
    if PenaltyType.FINE not in types and fine > 0:
        raise refuse("未选择罚款的，不能填写罚款数额", code="penalty.fine_without_type", article="第九条")


# --- Art. 36: limitation ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Limitation:
    years: int
    expires_on: date  # the last day on which the act may still be discovered
    legal_basis: str


def limitation_period(*, violation_ended_on: date, life_health_or_finance_with_harm: bool) -> Limitation:
    """Return the period within which a violation must be discovered to be punishable.

    Legal basis: 《中华人民共和国行政处罚法》第三十六条："违法行为在二年内未被发现的，不再给予行政处罚；
    涉及公民生命健康安全、
    金融安全且有危害后果的，上述期限延长至五年。法律另有规定的除外。前款规定的期限，从违法行为发生之日起计算；
    违法行为有连续或者继续状态的，从行为终了之日起计算。"
    Interpretation: years are counted as months (民法典第二百零二条): the period ends on the
    corresponding day; the caller passes the day the act ended for continuing acts.
    """
    years = LIMITATION_YEARS_EXTENDED if life_health_or_finance_with_harm else LIMITATION_YEARS
    return Limitation(
        years=years,
        expires_on=add_months(violation_ended_on, 12 * years),
        legal_basis="《中华人民共和国行政处罚法》第三十六条",
    )


def require_within_limitation(
    *, violation_ended_on: date, discovered_on: date, life_health_or_finance_with_harm: bool
) -> Limitation:
    """Refuse to open a case for a violation discovered after the limitation period (checked at 立案).

    Legal basis: 《中华人民共和国行政处罚法》第三十六条（see limitation_period）。
    """
    if discovered_on < violation_ended_on:
        raise refuse(
            "发现违法行为的日期不能早于违法行为发生（终了）之日",
            code="penalty.discovery_before_violation",
            article="第三十六条",
            fields={"discovered_on": ["日期错误。"]},
        )
    limitation = limitation_period(
        violation_ended_on=violation_ended_on, life_health_or_finance_with_harm=life_health_or_finance_with_harm
    )
    if discovered_on > limitation.expires_on:
        raise refuse(
            f"违法行为在{limitation.years}年内未被发现"
            f"（{format_date_zh(violation_ended_on)}至{format_date_zh(discovered_on)}），"
            "不再给予行政处罚",
            code="penalty.limitation_expired",
            article="第三十六条",
        )
    return limitation


# --- Art. 42 / 55: two certified officers ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OfficerVerdict:
    """Whether one officer held a valid certificate for the act (from orgs.selectors)."""

    officer_id: int
    name: str
    ok: bool
    reason: str


MIN_OFFICERS = 2


def require_certified_officers(*, verdicts: Sequence[OfficerVerdict], act: str) -> None:
    """At least two distinct officers, every one holding a certificate valid for the act's date and domain.

    Legal basis: 《中华人民共和国行政处罚法》第四十二条："行政处罚应当由具有行政执法资格的执法人员实施。
    执法人员不得少于两人，
    法律另有规定的除外。" 第五十五条第一款："执法人员在调查或者进行检查时，应当主动向当事人或者有关人员出示执法证件。"
    Interpretation: every officer named on the act must be certified; one uncertified officer
    beside two certified ones is still refused, because the record would show an unqualified
    person enforcing.
    """
    distinct = {verdict.officer_id for verdict in verdicts}
    if len(distinct) < MIN_OFFICERS:
        raise refuse(
            f"{act}的执法人员不得少于两人",
            code="penalty.officers_fewer_than_two",
            article="第四十二条",
            fields={"officer_ids": ["至少需要两名执法人员。"]},
        )
    failed = [verdict for verdict in verdicts if not verdict.ok]
    if failed:
        raise refuse(
            f"{act}的执法人员应当持有有效执法证：" + "；".join(v.reason for v in failed),
            code="penalty.officer_not_certified",
            article="第四十二条、第五十五条",
            fields={"officer_ids": [v.reason for v in failed]},
        )


# --- Art. 51: simplified procedure ------------------------------------------------------------------


def simplified_procedure_allowed(
    *, party_kind: str, types: Collection[str], fine: Decimal, limits: SimplifiedLimits = STATUTORY_SIMPLIFIED_LIMITS
) -> tuple[bool, str]:
    """Return (allowed, reason) for deciding on the spot.

    Legal basis: 《中华人民共和国行政处罚法》第五十一条："违法事实确凿并有法定依据，对公民处以二百元以下、
    对法人或者其他组织
    处以三千元以下罚款或者警告的行政处罚的，可以当场作出行政处罚决定。法律另有规定的，从其规定。"
    Interpretation: only 警告 and 罚款 qualify (通报批评 is not named); the ceilings include the
    boundary ("以下" includes the amount itself). Sector laws pass other `limits`.
    """
    extra = sorted(set(types) - {PenaltyType.WARNING, PenaltyType.FINE})
    if not types or extra:
        labels = "、".join(str(PenaltyType(t).label) for t in extra if t in PenaltyType.values) or "未填写"
        return False, f"当场处罚只能给予警告或者罚款，不能给予：{labels}"
    ceiling = limits.person_max if party_kind == PartyKind.PERSON else limits.organisation_max
    if fine > ceiling:
        who = "公民" if party_kind == PartyKind.PERSON else "法人或者其他组织"
        return False, f"对{who}当场处以罚款不得超过{ceiling}元（拟罚款{fine}元）"
    return True, ""


def require_simplified_procedure_allowed(
    *, party_kind: str, types: Collection[str], fine: Decimal, limits: SimplifiedLimits = STATUTORY_SIMPLIFIED_LIMITS
) -> None:
    """Refuse an on-the-spot decision outside Art. 51. Legal basis: 《中华人民共和国行政处罚法》第五十一条."""
    allowed, reason = simplified_procedure_allowed(party_kind=party_kind, types=types, fine=fine, limits=limits)
    if not allowed:
        raise refuse(reason + "，应当适用普通程序", code="penalty.simplified_not_allowed", article="第五十一条")


# --- Art. 63: hearing rights --------------------------------------------------------------------------

ALWAYS_HEARING_TYPES = frozenset(
    {
        PenaltyType.DOWNGRADE_QUALIFICATION,
        PenaltyType.REVOKE_LICENCE,
        PenaltyType.SUSPEND_BUSINESS,
        PenaltyType.ORDER_CLOSURE,
        PenaltyType.RESTRICT_PRACTICE,
    }
)


@dataclass(frozen=True, slots=True)
class HearingRight:
    applies: bool
    reasons: tuple[str, ...]
    threshold_basis: str
    threshold_confirmed: bool


def hearing_right(
    *,
    party_kind: str,
    types: Collection[str],
    fine: Decimal,
    confiscation_value: Decimal,
    threshold: HearingThreshold,
    other_severe: bool = False,
) -> HearingRight:
    """Decide whether the party must be told of the right to a hearing.

    Legal basis: 《中华人民共和国行政处罚法》第六十三条第一款："行政机关拟作出下列行政处罚决定，
    应当告知当事人有要求听证的权利，
    当事人要求听证的，行政机关应当组织听证：（一）较大数额罚款；（二）没收较大数额违法所得、没收较大价值非法财物；
    （三）降低资质等级、吊销许可证件；（四）责令停产停业、责令关闭、限制从业；（五）其他较重的行政处罚；
    （六）法律、法规、规章规定的其他情形。"
    Interpretation: 较大数额 is the sector's configured threshold (rules.parameters), reached at
    the amount itself ("以上"); items (五)(六) are the caller's `other_severe` judgment.
    """
    minimum = threshold.person_min if party_kind == PartyKind.PERSON else threshold.organisation_min
    reasons: list[str] = []
    if PenaltyType.FINE in types and fine >= minimum:
        reasons.append(f"较大数额罚款（{fine}元，标准{minimum}元以上）")
    confiscation = {PenaltyType.CONFISCATE_GAINS, PenaltyType.CONFISCATE_PROPERTY} & set(types)
    if confiscation and confiscation_value >= minimum:
        reasons.append(f"没收较大数额违法所得或较大价值非法财物（{confiscation_value}元）")
    for kind in sorted(ALWAYS_HEARING_TYPES & set(types)):
        reasons.append(str(PenaltyType(kind).label))
    if other_severe:
        reasons.append("其他较重的行政处罚或法律、法规、规章规定的其他情形")
    return HearingRight(
        applies=bool(reasons),
        reasons=tuple(reasons),
        threshold_basis=threshold.legal_basis,
        threshold_confirmed=threshold.confirmed,
    )


# --- Art. 44 / 62: notice before the decision -------------------------------------------------------


def require_complete_notice(
    *,
    facts: str,
    grounds: str,
    legal_basis: str,
    rights_statement_defence: bool,
    hearing_applies: bool,
    rights_hearing: bool,
) -> None:
    """The notice must give the facts, grounds and basis and tell the rights (and the hearing right where due).

    Legal basis: 《中华人民共和国行政处罚法》第四十四条："行政机关在作出行政处罚决定之前，
    应当告知当事人拟作出的行政处罚内容及
    事实、理由、依据，并告知当事人依法享有的陈述、申辩、要求听证等权利。"
    第六十三条第一款（应当告知当事人有要求听证的权利）。
    """
    missing = [
        label for label, value in (("事实", facts), ("理由", grounds), ("依据", legal_basis)) if not value.strip()
    ]
    if missing:
        raise refuse(
            f"告知书应当载明拟处罚的{'、'.join(missing)}",
            code="penalty.notice_incomplete",
            article="第四十四条",
            fields={"notice": [f"缺少：{'、'.join(missing)}"]},
        )
    if not rights_statement_defence:
        raise refuse(
            "应当告知当事人依法享有陈述、申辩的权利", code="penalty.defence_rights_missing", article="第四十四条"
        )
    if hearing_applies and not rights_hearing:
        raise refuse(
            "拟作出的处罚属于听证范围，应当告知当事人有要求听证的权利",
            code="penalty.hearing_rights_missing",
            article="第六十三条",
        )


def require_notified_before_decision(*, notified: bool, waived: bool) -> None:
    """No decision without the prior notice, unless the party expressly waived.

    Legal basis: 《中华人民共和国行政处罚法》第六十二条："行政机关及其执法人员在作出行政处罚决定之前，
    未依照本法第四十四条、
    第四十五条的规定向当事人告知拟作出的行政处罚内容及事实、理由、依据，或者拒绝听取当事人的陈述、申辩，
    不得作出行政处罚决定；
    当事人明确放弃陈述或者申辩权利的除外。"
    """
    if not notified and not waived:
        raise refuse(
            "作出处罚决定前未告知当事人拟处罚内容及权利，不得作出决定",
            code="penalty.notice_missing",
            article="第六十二条",
        )


# What the party did with a notice and the hearing it led to (with the request period the notice opened):
# each field with its value before any answer.
NOTICE_ANSWERS: dict[str, object] = {
    "rights_waived": False,
    "defence_made": False,
    "defence_summary": "",
    "defence_adopted": False,
    "hearing_request_due": None,
    "hearing_requested_on": None,
    "hearing_notice_on": None,
    "hearing_scheduled_on": None,
    "hearing_place": "",
    "hearing_held_on": None,
    "hearing_chair": "",
    "hearing_record": "",
}


def answers_reset_by_notice(*, previous_notified_on: date | None) -> dict[str, object]:
    """The party's answers to the previous notice that a renewed 告知 sets back (empty for the first notice).

    Legal basis: 《中华人民共和国行政处罚法》第四十四条 (each notice tells the party the penalty now proposed,
    with its facts, reasons and basis, and their rights to state, defend and ask for a hearing);
    第四十五条第一款 (the statement is heard and reviewed, and adopted where it stands); 第六十二条 (no decision
    unless the party was heard on the notice or expressly waived); 第六十三条、第六十四条第一项 (the hearing
    is asked for within five working days after the notice).
    Interpretation: a waiver, a statement and its adoption, a hearing request and the hearing held answer
    one notice and the penalty it proposed. A renewed notice (after a failed 法制审核 sent the case back to
    调查取证) proposes the penalty anew, so the party's rights run again from it: a waiver or statement
    given on the old proposal does not end the new statement period, and an old request or hearing does
    not stand for one on the new proposal. The previous answers stay in the audit rows and the timeline.
    """
    if previous_notified_on is None:
        return {}
    return dict(NOTICE_ANSWERS)


# The party's 陈述、申辩 period after the notice (core.deadlines rule, migration 0005): the law sets none,
# so it is an unconfirmed configurable default (5 working days, as the 告知书 tells the party).
STATEMENT_RULE = "penalty.statement"


def require_statement_period_over(
    *,
    on: date,
    statement_due: date | None,
    statement_heard: bool,
    waived: bool,
    hearing_applies: bool,
    hearing_requested: bool,
    request_due: date | None,
) -> None:
    """No decision while the party may still state and defend, or still ask for a hearing.

    Legal basis: 《中华人民共和国行政处罚法》第六十二条："行政机关及其执法人员在作出行政处罚决定之前，
    未依照本法第四十四条、第四十五条的规定向当事人告知……或者拒绝听取当事人的陈述、申辩，不得作出行政处罚决定；
    当事人明确放弃陈述或者申辩权利的除外。"；第四十四条、第四十五条（陈述、申辩的权利）；
    第六十四条第一项："当事人要求听证的，应当在行政机关告知后五日内提出"。
    Interpretation: the law sets no period for the statement. `statement_due` is the last day of the
    configured period (STATEMENT_RULE from the notice day, an unconfirmed default; None: no period
    applies). A decision on or before that day would cut the party off before the period the notice
    gave them, so it comes after it, unless the party has already been heard (`statement_heard`: a
    statement recorded or a hearing held) or expressly waived (`waived`, the Art. 62 exception). The
    hearing-request period runs on its own: the Art. 62 waiver is of 陈述、申辩 (Art. 44/45), a right
    distinct from the hearing (Art. 63/64), so neither a statement nor its waiver ends it; a request
    does (the case records no waiver of the hearing itself: the party may only let the period run out).
    """
    if hearing_applies and not hearing_requested and request_due is not None and on <= request_due:
        raise refuse(
            f"当事人要求听证的期限至{format_date_zh(request_due)}尚未届满，不得作出决定",
            code="penalty.hearing_request_period_running",
            article="第六十四条第一项",
        )
    if not statement_heard and not waived and statement_due is not None and on <= statement_due:
        raise refuse(
            f"当事人陈述、申辩的期限至{format_date_zh(statement_due)}尚未届满，当事人尚未陈述、申辩，"
            "也未明确放弃，不得作出决定",
            code="penalty.statement_period_running",
            article="第四十四条、第四十五条、第六十二条",
        )


def require_hearing_request_in_time(*, requested_on: date, request_due: date) -> None:
    """A hearing must be requested within 5 working days of the notice.

    Legal basis: 《中华人民共和国行政处罚法》第六十四条第一项："当事人要求听证的，应当在行政机关告知后五日内提出"；
    第八十五条（"五日"为工作日）。
    """
    if requested_on > request_due:
        raise refuse(
            f"听证申请应当在告知后五个工作日内（{format_date_zh(request_due)}前）提出",
            code="penalty.hearing_request_late",
            article="第六十四条第一项",
        )


def require_hearing_chair_not_investigator(*, chair_officer_id: int | None, investigator_ids: Collection[int]) -> None:
    """The hearing is chaired by someone who did not investigate the case.

    Legal basis: 《中华人民共和国行政处罚法》第六十四条第四项："听证由行政机关指定的非本案调查人员主持"。
    """
    if chair_officer_id is not None and chair_officer_id in investigator_ids:
        raise refuse(
            "听证主持人不得是本案调查人员", code="penalty.hearing_chair_is_investigator", article="第六十四条第四项"
        )
