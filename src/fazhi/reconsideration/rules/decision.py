"""Rules of the decision: its period and extension, the gates before it, its types, 纠错, the letters.

Pure: no ORM, no clock, no settings. Articles are those of 《中华人民共和国行政复议法》(2023).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.errors import Conflict, DomainError
from fazhi.reconsideration.choices import CORRECTION_OUTCOMES, DECISION_OUTCOMES, Outcome, Procedure

LAW = "《中华人民共和国行政复议法》"
MAX_EXTENSION_DAYS = 30
RULE_COPY = "reconsideration.copy"
RULE_COPY_SIMPLIFIED = "reconsideration.copy.simplified"
RULE_REPLY = "reconsideration.reply"
RULE_REPLY_SIMPLIFIED = "reconsideration.reply.simplified"
RULE_DECISION = "reconsideration.decision"
RULE_DECISION_SIMPLIFIED = "reconsideration.decision.simplified"
RULE_OPINION_REPORT = "reconsideration.opinion_report"

OUTCOME_ARTICLES: dict[str, str] = {
    Outcome.CHANGED: "第六十三条",
    Outcome.REVOKED: "第六十四条",
    Outcome.CONFIRMED_ILLEGAL: "第六十五条",
    Outcome.ORDERED_PERFORMANCE: "第六十六条",
    Outcome.CONFIRMED_VOID: "第六十七条",
    Outcome.UPHELD: "第六十八条",
    Outcome.CLAIM_DISMISSED: "第六十九条",
    Outcome.APPLICATION_DISMISSED: "第三十三条",
    Outcome.MEDIATED: "第七十三条",
    Outcome.TERMINATED: "第四十一条",
}


def copy_rule(procedure: str) -> str:
    """The rule code for sending the application copy to the respondent.

    Legal basis: 《中华人民共和国行政复议法》第四十八条 ("自行政复议申请受理之日起七日内") and 第五十四条
    ("自受理行政复议申请之日起三日内") — working days (第八十八条第二款).
    """
    return RULE_COPY_SIMPLIFIED if procedure == Procedure.SIMPLIFIED else RULE_COPY


def reply_rule(procedure: str) -> str:
    """The rule code for the respondent's reply (10 or 5 working days from receiving the copy).

    Legal basis: 《中华人民共和国行政复议法》第四十八条、第五十四条、第八十八条第二款.
    """
    return RULE_REPLY_SIMPLIFIED if procedure == Procedure.SIMPLIFIED else RULE_REPLY


def decision_rule(procedure: str) -> str:
    """The rule code of the decision period: 60 days (general) or 30 days (simplified) from acceptance.

    Legal basis: 《中华人民共和国行政复议法》第六十二条："适用普通程序审理的行政复议案件，行政复议机关应当
    自受理申请之日起六十日内作出行政复议决定 …… 适用简易程序审理的行政复议案件，行政复议机关应当自受理
    申请之日起三十日内作出行政复议决定。"
    """
    return RULE_DECISION_SIMPLIFIED if procedure == Procedure.SIMPLIFIED else RULE_DECISION


def require_extension_allowed(*, procedure: str, days: int, already_extended: int) -> None:
    """Refuse an extension the law does not allow: simplified cases, a second extension, more than 30 days.

    Legal basis: 《中华人民共和国行政复议法》第六十二条第一款："情况复杂，不能在规定期限内作出行政复议决定的，
    经行政复议机构的负责人批准，可以适当延长，并书面告知当事人；但是延长期限最多不得超过三十日。"
    第二款 gives the simplified procedure 30 days without extension.
    """
    if procedure == Procedure.SIMPLIFIED:
        raise DomainError(
            f"简易程序案件的审理期限不得延长；确需延长的，应先转为普通程序（{LAW}第六十二条第二款、第五十五条）。",
            code="reconsideration.extension_not_allowed",
            fields={"days": ["简易程序不得延长。"]},
        )
    if already_extended:
        raise DomainError(
            f"本案已延长过审理期限，不得再次延长（{LAW}第六十二条第一款）。",
            code="reconsideration.extension_repeated",
            fields={"days": ["只能延长一次。"]},
        )
    if days < 1 or days > MAX_EXTENSION_DAYS:
        raise DomainError(
            f"延长期限应为1至{MAX_EXTENSION_DAYS}日，最多不得超过三十日（{LAW}第六十二条第一款）。",
            code="reconsideration.extension_too_long",
            fields={"days": ["最多三十日。"]},
        )


def require_decided_in_time(*, decided_on: date, due: date, extended: bool, accepted_on: date) -> None:
    """Refuse a decision dated after its deadline, or before the case was accepted.

    Legal basis: 《中华人民共和国行政复议法》第六十二条 (see decision_rule); a late decision needs the
    extension recorded first, and never beyond the extended deadline.
    """
    if decided_on < accepted_on:
        raise DomainError(
            "决定日期不能早于受理日期。", code="reconsideration.decided_before_acceptance",
            fields={"decided_on": ["早于受理日期。"]},
        )  # fmt: skip
    if decided_on > due:
        hint = "已延长的期限也已届满" if extended else "且未登记经批准的延长"
        raise DomainError(
            f"决定日期{format_date_zh(decided_on)}已超过审理期限{format_date_zh(due)}，{hint}（{LAW}第六十二条）。",
            code="reconsideration.decision_late",
            fields={"decided_on": [f"审理期限为{format_date_zh(due)}。"]},
        )


@dataclass(frozen=True, slots=True)
class ReplyPeriods:
    """The article and the two periods (in words, as the documents cite them) of the reply stage."""

    article: str
    send: str
    reply: str


def reply_periods(procedure: str) -> ReplyPeriods:
    """Return the article and periods for sending the copy and replying under the case's procedure.

    Legal basis: 《中华人民共和国行政复议法》第四十八条 (普通程序: 七日内发送, 十日内答复) and 第五十四条
    (简易程序: 三日内发送, 五日内答复); working days (第八十八条第二款).
    """
    if procedure == Procedure.SIMPLIFIED:
        return ReplyPeriods("第五十四条", "三日", "五日")
    return ReplyPeriods("第四十八条", "七日", "十日")


@dataclass(frozen=True, slots=True)
class ReplyStage:
    """Where the respondent's reply stands on a day, as far as a decision is concerned.

    `ready`: a decision may be made; `missing`: why not (shown before the decision, "" when ready);
    `code`: the refusal's error code; `missed`: the reply period ended without a reply (Art. 70 applies).
    """

    ready: bool
    missing: str
    code: str
    missed: bool


def reply_stage(
    *, procedure: str, copy_sent_on: date | None, reply_received_on: date | None, reply_due: date | None, on: date
) -> ReplyStage:
    """Return whether the respondent has been heard, so that a decision dated `on` may be made.

    Legal basis: 《中华人民共和国行政复议法》第四十八条："行政复议机构应当自行政复议申请受理之日起七日内，将
    行政复议申请书副本或者行政复议申请笔录复印件发送被申请人。被申请人应当自收到行政复议申请书副本或者
    行政复议申请笔录复印件之日起十日内，提出书面答复，并提交作出行政行为的证据、依据和其他有关材料。"
    第五十四条 (简易程序): the same with "三日内" and "五日内". 第七十条: only a respondent who does not reply
    as Art. 48/54 require is treated as having no evidence or basis. 第八十八条第二款: these periods are
    working days (the deadline engine computed `reply_due` with them).
    Interpretation: a decision taken before the copy is sent, or while the respondent may still reply,
    would decide without hearing it and could not rely on Art. 70; so it waits until the reply is
    recorded or `reply_due` (the last day to reply) has passed. Art. 49 (听取意见) is not modelled.
    """
    periods = reply_periods(procedure)
    if copy_sent_on is None:
        return ReplyStage(
            False,
            f"尚未向被申请人发送行政复议申请书副本，被申请人尚未得到答复的机会（{LAW}{periods.article}：受理之日起"
            f"{periods.send}内发送）",
            "reconsideration.decision_before_copy",
            False,
        )
    if reply_received_on is not None:
        return ReplyStage(True, "", "", False)
    if reply_due is None or on <= reply_due:
        until = f"至{format_date_zh(reply_due)}届满" if reply_due is not None else "尚未确定"
        return ReplyStage(
            False,
            f"被申请人的答复期限{until}，尚未登记其书面答复；应在收到答复或者答复期限届满后作出决定"
            f"（{LAW}{periods.article}：自收到申请书副本之日起{periods.reply}内提出书面答复）",
            "reconsideration.decision_before_reply_period",
            False,
        )
    return ReplyStage(True, "", "", True)


def require_reply_stage_passed(stage: ReplyStage) -> None:
    """Refuse a decision before the respondent has been heard (HTTP 409; see reply_stage for the basis)."""
    if not stage.ready:
        raise Conflict(f"尚不能作出决定：{stage.missing}。", code=stage.code, fields={"decided_on": [stage.missing]})


@dataclass(frozen=True, slots=True)
class DecisionGates:
    """What must have happened before the decision (empty lists: nothing missing)."""

    missing: tuple[str, ...]


def decision_gates(
    *,
    hearing_mandatory: bool,
    hearing_requested: bool,
    hearing_held: bool,
    hearing_declined_reason: str,
    committee_required: bool,
    committee_consulted: bool,
) -> DecisionGates:
    """Return the steps missing before a decision may be made.

    Legal basis: 《中华人民共和国行政复议法》第五十条 (hearing 应当/申请人请求), 第五十二条第二款 (committee
    应当提请), 第六十一条第三款："提请行政复议委员会提出咨询意见的行政复议案件，行政复议机关应当将咨询意见
    作为作出行政复议决定的重要参考依据。"
    """
    missing = []
    if hearing_mandatory and not hearing_held:
        missing.append(f"重大、疑难、复杂案件应当组织听证（{LAW}第五十条第一款）")
    elif hearing_requested and not hearing_held and not hearing_declined_reason.strip():
        missing.append(f"申请人请求听证，尚未组织听证或者说明不组织的理由（{LAW}第五十条第二款）")
    if committee_required and not committee_consulted:
        missing.append(f"应当提请行政复议委员会提出咨询意见（{LAW}第五十二条第二款）")
    return DecisionGates(tuple(missing))


def require_gates_passed(gates: DecisionGates) -> None:
    if gates.missing:
        raise DomainError(
            "尚不能作出决定：" + "；".join(gates.missing) + "。",
            code="reconsideration.decision_gates",
            fields={"outcome": list(gates.missing)},
        )


def require_decision_outcome(outcome: str) -> Outcome:
    """Refuse anything but a decision type of Art. 63–69 / Art. 33.

    Legal basis: 《中华人民共和国行政复议法》第六十三条至第六十九条, 第三十三条 (驳回申请 after acceptance);
    调解 (第七十三条) and 终止 (第四十一条) have their own services.
    """
    if outcome not in DECISION_OUTCOMES:
        raise DomainError(
            "行政复议决定类型无效。", code="reconsideration.invalid_outcome", fields={"outcome": ["无效。"]}
        )
    return Outcome(outcome)


def is_correction(outcome: str) -> bool:
    """True for 纠错 outcomes: 撤销, 变更, 确认违法, 确认无效, 责令履行.

    Legal basis: 《中华人民共和国行政复议法》第六十三条至第六十七条 (the decisions that change, revoke or
    condemn the act). Interpretation: RULES.md §3 reproduces the published 纠错率 with 撤销 + 确认违法 +
    责令履职; 变更 and 确认无效 are included as corrections by their nature (unconfirmed in the reports).
    """
    return outcome in CORRECTION_OUTCOMES


def require_no_adverse_change(
    *, outcome: str, heavier_for_applicant: bool, third_party_contrary_request: bool = False
) -> None:
    """Refuse a 变更 that makes things worse for the applicant, unless a third party asked for the contrary.

    `heavier_for_applicant`: the officer's own finding (for an act whose content the platform does not
    hold; a penalty case's changed penalty is compared by penalty_change.require_not_heavier).
    Legal basis: 《中华人民共和国行政复议法》第六十三条第二款："行政复议机关不得作出对申请人更为不利的变更决定，
    但是第三人提出相反请求的除外。"
    """
    if outcome == Outcome.CHANGED and heavier_for_applicant and not third_party_contrary_request:
        raise DomainError(
            f"行政复议机关不得作出对申请人更为不利的变更决定，但是第三人提出相反请求的除外（{LAW}第六十三条第二款）。",
            code="reconsideration.adverse_change",
            fields={"heavier_for_applicant": ["禁止不利变更。"]},
        )
