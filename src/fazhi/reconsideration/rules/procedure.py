"""Rules of the review itself: which procedure, hearing, committee, investigation, 中止/终止, the state machine.

Pure: no ORM, no clock, no settings. Articles are those of 《中华人民共和国行政复议法》(2023).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from fazhi.core.calendars.rules import WorkingDayCalendar, format_date_zh
from fazhi.core.errors import Conflict, DomainError
from fazhi.reconsideration.choices import (
    TERMINABLE_SUSPENSION_GROUNDS,
    CaseStatus,
    Procedure,
)

LAW = "《中华人民共和国行政复议法》"
SIMPLIFIED_AMOUNT_LIMIT = Decimal("3000")
RULE_ACCEPTANCE = "reconsideration.acceptance"
RULE_CORRECTION_NOTICE = "reconsideration.correction_notice"
RULE_CORRECTION_REPLY = "reconsideration.correction_reply"
RULE_SUSPENSION_LIMIT = "reconsideration.suspension_limit"


# --- the state machine -------------------------------------------------------------------------

S = CaseStatus


@dataclass(frozen=True, slots=True)
class Action:
    code: str
    label: str
    allowed_from: frozenset[str]
    article: str


ACTIONS: dict[str, Action] = {
    a.code: a
    for a in (
        Action("request_correction", "通知补正", frozenset({S.RECEIVED}), "第三十一条"),
        Action("receive_correction", "收到补正材料", frozenset({S.AWAITING_CORRECTION}), "第三十一条"),
        Action("abandon", "视为放弃申请", frozenset({S.AWAITING_CORRECTION}), "第三十一条第二款"),
        Action("accept", "受理", frozenset({S.RECEIVED}), "第三十条"),
        Action("refuse", "不予受理", frozenset({S.RECEIVED}), "第三十条第二款"),
        Action(
            "close_before_acceptance",
            "案前调解和解",
            frozenset({S.RECEIVED, S.AWAITING_CORRECTION}),
            "第五条、第七十四条",
        ),
        Action("convert", "转为普通程序", frozenset({S.ACCEPTED}), "第五十五条"),
        Action("send_copy", "发送申请书副本", frozenset({S.ACCEPTED}), "第四十八条、第五十四条"),
        Action("record_reply", "登记答复", frozenset({S.ACCEPTED, S.SUSPENDED}), "第四十八条、第五十四条"),
        Action("hearing", "听证", frozenset({S.ACCEPTED}), "第五十条、第五十一条"),
        Action("investigate", "调查取证", frozenset({S.ACCEPTED}), "第四十五条"),
        Action("consult_committee", "委员会咨询", frozenset({S.ACCEPTED}), "第五十二条"),
        Action("extend", "延长审理期限", frozenset({S.ACCEPTED}), "第六十二条"),
        Action("suspend", "中止", frozenset({S.ACCEPTED}), "第三十九条"),
        Action("resume", "恢复审理", frozenset({S.SUSPENDED}), "第三十九条第二款"),
        Action("decide", "作出决定", frozenset({S.ACCEPTED}), "第六十一条至第七十二条"),
        Action("mediate", "调解", frozenset({S.ACCEPTED, S.SUSPENDED}), "第七十三条"),
        Action("terminate", "终止", frozenset({S.ACCEPTED, S.SUSPENDED}), "第四十一条"),
        Action(
            "update_flags",
            "修改审理标记",
            frozenset({S.RECEIVED, S.AWAITING_CORRECTION, S.ACCEPTED, S.SUSPENDED}),
            "第五十条、第五十二条",
        ),
        Action("issue_letter", "制发意见书/建议书", frozenset(CaseStatus.values), "第七十六条"),
    )
}


def require_action(*, status: str, action: str) -> Action:
    """Refuse an action the case's status does not allow (HTTP 409 with the article).

    Legal basis: the article named in ACTIONS for each step (行政复议法 Chapters 3 and 4).
    """
    spec = ACTIONS[action]
    if status not in spec.allowed_from:
        raise Conflict(
            f"案件当前状态为“{CaseStatus(status).label}”，不能{spec.label}（{LAW}{spec.article}）。",
            code="reconsideration.action_not_allowed",
        )
    return spec


def allowed_actions(*, status: str) -> list[Action]:
    return [a for a in ACTIONS.values() if status in a.allowed_from]


# --- simplified procedure (Art. 53–55) ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SimplifiedEligibility:
    """Whether the simplified procedure may apply, the grounds found, and the citation (shown as a suggestion)."""

    eligible: bool
    grounds: tuple[str, ...]
    reason: str
    legal_basis: str


def simplified_eligibility(
    *,
    facts_clear: bool,
    on_the_spot: bool,
    warning_or_criticism: bool,
    amount: Decimal | None,
    disclosure: bool,
    parties_consent: bool,
) -> SimplifiedEligibility:
    """Return whether the simplified procedure may be used, with the reason.

    Legal basis: 《中华人民共和国行政复议法》第五十三条："行政复议机关审理下列行政复议案件，认为事实清楚、
    权利义务关系明确、争议不大的，可以适用简易程序：（一）被申请行政复议的行政行为是当场作出；（二）被申请
    行政复议的行政行为是警告或者通报批评；（三）案件涉及款额三千元以下；（四）属于政府信息公开案件。
    除前款规定以外的行政复议案件，当事人各方同意适用简易程序的，可以适用简易程序。"
    """
    grounds = []
    if on_the_spot:
        grounds.append("被申请的行政行为是当场作出（第五十三条第一款第一项）")
    if warning_or_criticism:
        grounds.append("被申请的行政行为是警告或者通报批评（第五十三条第一款第二项）")
    if amount is not None and amount <= SIMPLIFIED_AMOUNT_LIMIT:
        grounds.append(f"案件涉及款额{amount}元，在三千元以下（第五十三条第一款第三项）")
    if disclosure:
        grounds.append("属于政府信息公开案件（第五十三条第一款第四项）")
    basis = f"{LAW}第五十三条"
    if grounds and facts_clear:
        return SimplifiedEligibility(True, tuple(grounds), "；".join(grounds) + "，且事实清楚、争议不大", basis)
    if parties_consent:
        return SimplifiedEligibility(True, ("当事人各方同意适用简易程序（第五十三条第二款）",),
                                     "当事人各方同意适用简易程序", f"{basis}第二款")  # fmt: skip
    if grounds:
        return SimplifiedEligibility(
            False, tuple(grounds), "属于第五十三条所列案件，但尚未认定事实清楚、争议不大", basis
        )
    return SimplifiedEligibility(False, (), "不属于第五十三条第一款所列案件，当事人各方也未同意适用简易程序", basis)


def require_procedure_allowed(*, procedure: str, eligibility: SimplifiedEligibility) -> None:
    """Refuse the simplified procedure for an ineligible case without the parties' consent.

    Legal basis: 《中华人民共和国行政复议法》第五十三条 (see simplified_eligibility).
    """
    if procedure == Procedure.SIMPLIFIED and not eligibility.eligible:
        raise DomainError(
            f"本案不能适用简易程序：{eligibility.reason}（{eligibility.legal_basis}）。",
            code="reconsideration.simplified_not_eligible",
            fields={"procedure": ["不符合简易程序适用条件。"]},
        )


# --- hearing (Art. 50, 51) ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HearingRequirement:
    mandatory: bool
    requested: bool
    reason: str
    legal_basis: str


def hearing_requirement(*, major_or_complex: bool, applicant_requested: bool) -> HearingRequirement:
    """Return whether a hearing must be held (or the applicant's request answered) before deciding.

    Legal basis: 《中华人民共和国行政复议法》第五十条："审理重大、疑难、复杂的行政复议案件，行政复议机构应当
    组织听证。行政复议机构认为有必要听证，或者申请人请求听证的，行政复议机构可以组织听证。"
    Interpretation: an applicant's request is never left unanswered: the case cannot be decided
    until a hearing is held or the refusal is recorded with its reason.
    """
    if major_or_complex:
        return HearingRequirement(
            True, applicant_requested, "案件重大、疑难、复杂，应当组织听证", f"{LAW}第五十条第一款"
        )
    if applicant_requested:
        return HearingRequirement(
            False, True, "申请人请求听证，应当组织听证或者说明不组织的理由", f"{LAW}第五十条第二款"
        )
    return HearingRequirement(False, False, "", f"{LAW}第五十条")


def require_hearing_panel(*, chair: str, hearers: Sequence[str], recorder: str) -> None:
    """Refuse a hearing panel without a chair, two hearers and a recorder.

    Legal basis: 《中华人民共和国行政复议法》第五十条第三款："听证由一名行政复议人员任主持人，两名以上行政复议
    人员任听证员，一名记录员制作听证笔录。"
    """
    names = [name.strip() for name in hearers if name.strip()]
    if not chair.strip() or len(names) < 2 or not recorder.strip():
        raise DomainError(
            f"听证须由一名主持人、两名以上听证员和一名记录员组成（{LAW}第五十条第三款）。",
            code="reconsideration.hearing_panel_incomplete",
            fields={"hearers": ["至少两名听证员。"]},
        )


def require_hearing_notice(*, notified_on: date, hearing_on: date, calendar: WorkingDayCalendar) -> None:
    """Refuse a hearing notified fewer than five (working) days before it.

    Legal basis: 《中华人民共和国行政复议法》第五十一条第一款："行政复议机构组织听证的，应当于举行听证的五日前
    将听证的时间、地点和拟听证事项书面通知当事人。" 第八十八条第二款: "五日" are working days.
    Interpretation: at least five working days must lie after the notice day, the hearing day not among them.
    """
    earliest = calendar.add_working_days(notified_on, 5)
    if hearing_on <= earliest:
        raise DomainError(
            f"听证通知应当于举行听证的五日（工作日）前送达；{format_date_zh(notified_on)}通知的，最早可于"
            f"{format_date_zh(earliest)}之后举行（{LAW}第五十一条、第八十八条）。",
            code="reconsideration.hearing_notice_too_late",
            fields={"held_on": ["距通知不足五个工作日。"]},
        )


# --- committee (Art. 52) and investigation (Art. 45) --------------------------------------------


def committee_reasons(
    *, major_or_complex: bool, technical: bool, provincial_own_act: bool, deemed_necessary: bool
) -> list[str]:
    """Return why the 行政复议委员会 must be consulted (empty: no consultation required).

    Legal basis: 《中华人民共和国行政复议法》第五十二条第二款："审理行政复议案件涉及下列情形之一的，行政复议
    机构应当提请行政复议委员会提出咨询意见：（一）案情重大、疑难、复杂；（二）专业性、技术性较强；（三）本法
    第二十四条第二款规定的行政复议案件；（四）行政复议机构认为有必要。"
    """
    reasons = []
    if major_or_complex:
        reasons.append("案情重大、疑难、复杂（第五十二条第二款第一项）")
    if technical:
        reasons.append("专业性、技术性较强（第五十二条第二款第二项）")
    if provincial_own_act:
        reasons.append("第二十四条第二款规定的案件（第五十二条第二款第三项）")
    if deemed_necessary:
        reasons.append("行政复议机构认为有必要（第五十二条第二款第四项）")
    return reasons


def require_investigators(*, names: Sequence[str]) -> list[str]:
    """Return the cleaned names; refuse an investigation by fewer than two staff.

    Legal basis: 《中华人民共和国行政复议法》第四十五条第二款："调查取证时，行政复议人员不得少于两人，并应当
    出示行政复议工作证件。"
    """
    cleaned = sorted({name.strip() for name in names if name and name.strip()})
    if len(cleaned) < 2:
        raise DomainError(
            f"调查取证时，行政复议人员不得少于两人（{LAW}第四十五条第二款）。",
            code="reconsideration.too_few_investigators",
            fields={"investigators": ["至少两人。"]},
        )
    return cleaned


# --- 中止 / 终止 (Art. 39–41) ------------------------------------------------------------------------


def can_terminate_after_suspension(*, ground: str, limit_due: date, today: date) -> bool:
    """True when a 中止 on ground (一), (二) or (四) has lasted past its 60 days (limit_due computed by the engine).

    Legal basis: 《中华人民共和国行政复议法》第四十一条第五项："依照本法第三十九条第一款第一项、第二项、第四项的
    规定中止行政复议满六十日，行政复议中止的原因仍未消除。"
    """
    return ground in TERMINABLE_SUSPENSION_GROUNDS and today > limit_due
