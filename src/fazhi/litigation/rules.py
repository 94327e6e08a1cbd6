"""Statutory rules of 行政应诉: defendants, the defence deadline, the head's appearance, 败诉.

Pure: no ORM, no clock, no settings. Sources: 《中华人民共和国行政诉讼法》(2017), 最高人民法院《关于适用
〈中华人民共和国行政诉讼法〉的解释》(法释〔2018〕1号), 最高人民法院《关于行政机关负责人出庭应诉若干问题
的规定》(法释〔2020〕3号, "出庭应诉规定").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Protocol

from fazhi.core.calendars.rules import WorkingDayCalendar, format_date_zh
from fazhi.core.deadlines.rules import RuleParams, compute_deadline
from fazhi.core.errors import DomainError
from fazhi.litigation.choices import AbsenceExcuse, DefendantRole, LossKind, Outcome
from fazhi.reconsideration.choices import CaseStatus as ReviewStatus
from fazhi.reconsideration.choices import Outcome as ReviewOutcome

ACT = "《中华人民共和国行政诉讼法》"
RULES_2020 = "《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》"
INTERPRETATION = "《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》"
REVIEW_ACT = "《中华人民共和国行政复议法》"
RULE_DEFENCE = "litigation.defence"
# 复议后起诉的起诉期限 (Art. 45): 15 days, a deadline rule of core.deadlines (versioned parameters).
RULE_SUIT_AFTER_RECONSIDERATION = "litigation.suit_after_reconsideration"
SUIT_LATE_FLAG = "起诉可能超过法定起诉期限（行政诉讼法第四十五条），答辩时可提出"

# 复议机关"改变"原行政行为 (法释〔2018〕1号 Art. 22): the authority alone is the defendant.
CHANGED_OUTCOMES = frozenset(
    {ReviewOutcome.CHANGED, ReviewOutcome.REVOKED, ReviewOutcome.CONFIRMED_VOID, ReviewOutcome.ORDERED_PERFORMANCE}
)
# 复议"维持", incl. 驳回复议请求 (法释〔2018〕1号 Art. 133).
UPHELD_OUTCOMES = frozenset({ReviewOutcome.UPHELD, ReviewOutcome.CLAIM_DISMISSED})


@dataclass(frozen=True, slots=True)
class ExpectedDefendants:
    roles: tuple[str, ...]  # DefendantRole values, in order
    reason: str
    legal_basis: str


def expected_defendants(*, review_outcome: str, procedural_illegality_only: bool = False) -> ExpectedDefendants:
    """Return who must be sued after a reconsideration ended with `review_outcome` ("" = no decision).

    Legal basis: 《中华人民共和国行政诉讼法》第二十六条第二款："经复议的案件，复议机关决定维持原行政行为的，作出
    原行政行为的行政机关和复议机关是共同被告；复议机关改变原行政行为的，复议机关是被告。" 第三款: no decision in
    time → the original agency (or the authority, for its inaction). 法释〔2018〕1号第一百三十三条："'复议机关决定
    维持原行政行为'，包括复议机关驳回复议申请或者复议请求的情形，但以复议申请不符合受理条件为由驳回的除外。"
    第二十二条: 确认无效 is a change; 确认违法 is a change except when only for procedural illegality.
    """
    basis = f"{ACT}第二十六条第二款"
    if review_outcome in UPHELD_OUTCOMES or (
        review_outcome == ReviewOutcome.CONFIRMED_ILLEGAL and procedural_illegality_only
    ):
        return ExpectedDefendants(
            (DefendantRole.ORIGINAL, DefendantRole.RECONSIDERATION_AUTHORITY),
            "复议机关决定维持原行政行为，原行政机关和复议机关是共同被告",
            f"{basis}；{INTERPRETATION}第一百三十三条、第一百三十四条",
        )
    if review_outcome in CHANGED_OUTCOMES or review_outcome == ReviewOutcome.CONFIRMED_ILLEGAL:
        return ExpectedDefendants(
            (DefendantRole.RECONSIDERATION_AUTHORITY,), "复议机关改变原行政行为，复议机关是被告",
            f"{basis}；{INTERPRETATION}第二十二条",
        )  # fmt: skip
    return ExpectedDefendants(
        (DefendantRole.ORIGINAL,), "未经复议决定维持或改变，作出原行政行为的行政机关是被告", f"{ACT}第二十六条"
    )


def require_defendants(*, given: set[str], expected: ExpectedDefendants) -> None:
    """Refuse a defendant list that contradicts Art. 26 (e.g. only one of two co-defendants).

    Legal basis: see expected_defendants; 法释〔2018〕1号第一百三十四条 (the court adds the other co-defendant).
    """
    if given != set(expected.roles):
        labels = "、".join(str(DefendantRole(role).label) for role in expected.roles)
        raise DomainError(
            f"被告应为：{labels}（{expected.reason}，{expected.legal_basis}）。",
            code="litigation.defendants_mismatch",
            fields={"defendants": [expected.reason]},
        )


def require_sued_after_reconsideration(
    *, filed_on: date, number: str, status: str, concluded_on: date | None, decision_due: date | None
) -> None:
    """Refuse a lawsuit after reconsideration (复议后起诉) dated while the 复议 was still running.

    One sues after the 复议机关 ended the case (decision, 不予受理, 驳回申请, …: `concluded_on`), or after the
    decision period ran out without a decision (`decision_due` passed while the case was 受理、审理中; a
    中止 stops the period). `filed_on` is the court's 立案 date, which cannot precede the suit.

    Legal basis: 《中华人民共和国行政诉讼法》第四十五条："公民、法人或者其他组织不服复议决定的，可以在收到复议
    决定书之日起十五日内向人民法院提起诉讼。复议机关逾期不作决定的，申请人可以在复议期满之日起十五日内向人民法院
    提起诉讼。" 《中华人民共和国行政复议法》第二十九条第一款："行政复议机关已经依法受理的，在行政复议期间不得向
    人民法院提起行政诉讼。" 第三十四条 (复议前置: 不予受理、驳回申请或者超过行政复议期限不作答复 → 起诉).
    Interpretation: the 15-day limit itself is the court's to apply (it runs from receipt of the
    decision, which the register may not know); only the impossible order of dates is refused, and a
    suit after the limit is flagged (suit_period).
    """
    basis = f"{ACT}第四十五条；{REVIEW_ACT}第二十九条第一款"
    if concluded_on is not None:
        if filed_on < concluded_on:
            raise DomainError(
                f"立案日期（{format_date_zh(filed_on)}）早于行政复议案件{number}的结案日期（{format_date_zh(concluded_on)}）："
                f"经复议的案件，应当在收到复议决定书后起诉（{basis}）。",
                code="litigation.sued_before_reconsideration_ended",
                fields={"filed_on": ["早于复议结案日期。"]},
            )  # fmt: skip
        return
    if status == ReviewStatus.ACCEPTED and decision_due is not None and filed_on > decision_due:
        return  # 复议机关逾期不作决定: one may sue once the period has ended (Art. 45, second sentence)
    period = (
        f"审理期限至{format_date_zh(decision_due)}届满" if status == ReviewStatus.ACCEPTED and decision_due
        else f"{ReviewStatus(status).label}"
    )  # fmt: skip
    raise DomainError(
        f"行政复议案件{number}尚未作出决定（{period}），立案日期（{format_date_zh(filed_on)}）在行政复议期间："
        f"复议期间不得起诉，复议机关逾期不作决定的，在复议期满后方可起诉（{basis}）。",
        code="litigation.reconsideration_pending",
        fields={"filed_on": ["在行政复议期间。"]},
    )


@dataclass(frozen=True, slots=True)
class SuitPeriodStart:
    """Where the Art. 45 period of a suit after 复议 starts: the day and what happened on it."""

    on: date
    event: str  # "收到复议决定书" / "复议期满"


def suit_period_start(
    *,
    filed_on: date,
    decision_received_on: date | None,
    review_concluded_on: date | None,
    review_period_end: date | None,
) -> SuitPeriodStart | None:
    """Return the start of the 起诉期限 of a suit after 复议, or None when it is not known.

    `review_concluded_on` / `review_period_end`: the linked 复议 case of this platform (None when the
    复议 was another agency's, or none is linked). A suit brought while that 复议 had not ended, after its
    period ran out, counts from the period's end; otherwise from the day the plaintiff received the
    复议决定书, when that is recorded.

    Legal basis: 《中华人民共和国行政诉讼法》第四十五条："公民、法人或者其他组织不服复议决定的，可以在收到复议
    决定书之日起十五日内向人民法院提起诉讼。复议机关逾期不作决定的，申请人可以在复议期满之日起十五日内向人民法院
    提起诉讼。"
    """
    decided_before_suit = review_concluded_on is not None and review_concluded_on <= filed_on
    if not decided_before_suit and review_period_end is not None and filed_on > review_period_end:
        return SuitPeriodStart(review_period_end, "复议期满")
    if decision_received_on is not None:
        return SuitPeriodStart(decision_received_on, "收到复议决定书")
    return None


@dataclass(frozen=True, slots=True)
class SuitPeriod:
    """The 起诉期限 of a suit after 复议 and whether the suit came after it (then `flag` is shown)."""

    start: date
    event: str
    due: date
    late: bool
    legal_basis: str
    steps: tuple[str, ...]  # how `due` was counted (core.deadlines), for the page and the API
    flag: str  # SUIT_LATE_FLAG when late, else ""

    @property
    def summary(self) -> str:
        """自2026年3月2日收到复议决定书起十五日，至2026年3月17日届满."""
        return f"自{format_date_zh(self.start)}{self.event}起十五日，至{format_date_zh(self.due)}届满"


def suit_period(
    *, start: SuitPeriodStart, filed_on: date, params: RuleParams, calendar: WorkingDayCalendar
) -> SuitPeriod:
    """Return the Art. 45 period from `start` and whether a suit 立案 on `filed_on` came after it.

    A flag for the defence, never a refusal: the agency cannot refuse a suit, the court decides on the
    time limit (行政诉讼法第五十一条, 法释〔2018〕1号第六十九条第一款第（二）项).

    Legal basis: 《中华人民共和国行政诉讼法》第四十五条 (fifteen days, see suit_period_start); 第一百零一条
    (期间: 民事诉讼法 applies where this law is silent); 法释〔2018〕1号第四十八条："期间开始的时和日，不计算在期间
    内。期间届满的最后一日是节假日的，以节假日后的第一日为期间届满的日期。" — calendar days (the law does not say
    working days, RULES.md §11.7), the start day excluded, an end on a rest day moved to the next working
    day: core.deadlines.rules.compute_deadline with the rule's versioned parameters (`params`).
    Interpretation: "可能" because the register knows the court's 立案日期, not the day the complaint was
    handed in or posted (第五十一条第二款: up to seven days earlier; 法释第四十八条第四款: posted before
    the end is in time), nor time lost to 不可抗力 (第四十八条第一款) or a 复议决定书 that did not state
    the limit (法释第六十四条: up to one year).
    """
    result = compute_deadline(params=params, start=start.on, calendar=calendar)
    late = filed_on > result.due
    return SuitPeriod(
        start=start.on,
        event=start.event,
        due=result.due,
        late=late,
        legal_basis=f"{ACT}第四十五条；{INTERPRETATION}第四十八条",
        steps=result.steps,
        flag=SUIT_LATE_FLAG if late else "",
    )


def require_hearing_input(*, head_appeared: bool, head_name: str, excuse: str) -> None:
    """Refuse a hearing record whose entries cannot be stored: a head who appeared without a name, an
    excuse that is not one of the Art. 8 kinds. How the head's appearance went is recorded, never refused:
    see head_absence_findings.

    Legal basis: 出庭应诉规定第六条第一款 (the head's 身份证明 names him: "载明该负责人的姓名、职务"), 第八条
    (the four kinds of 不能出庭的情形).
    """
    if head_appeared and not head_name.strip():
        raise DomainError("请填写出庭的负责人姓名。", code="litigation.head_name_required",
                          fields={"head_name": ["必填。"]})  # fmt: skip
    if not head_appeared and excuse and excuse not in AbsenceExcuse.values:
        raise DomainError("不能出庭的理由无效。", code="litigation.invalid_choice", fields={"excuse": ["无效。"]})


class HearingFacts(Protocol):
    """What a hearing record says about who appeared (a CourtHearing satisfies it)."""

    head_appeared: bool
    excuse: str
    excuse_proof: bool
    delegate_name: str
    lawyer_only: bool


# The consequence every finding carries (出庭应诉规定第十二条第一款、第二款).
ABSENCE_CONSEQUENCE = "人民法院应当向监察机关、被诉行政机关的上一级行政机关提出司法建议，并在裁判文书中载明"
UNEXCUSED_ABSENCE = "负责人未出庭且无正当理由"
NOBODY_APPEARED = "负责人和相应的工作人员均未出庭应诉"


@dataclass(frozen=True, slots=True)
class AbsenceFinding:
    """A fact of a hearing on which the court shall make a 司法建议 (出庭应诉规定 Art. 12)."""

    code: str
    summary: str  # the headline shown on the case page and in the statistics
    detail: str
    legal_basis: str
    consequence: ClassVar[str] = ABSENCE_CONSEQUENCE


def head_absence_findings(hearing: HearingFacts, *, appeared_earlier: bool = False) -> tuple[AbsenceFinding, ...]:
    """Return what the court will hold against the agency for this hearing (empty when nothing).

    The hearing happened as recorded: an absence without an excuse, or with an excuse but no proof, is
    recorded and flagged here, not refused (it is what lowers the 负责人出庭应诉率 and triggers the
    司法建议). `appeared_earlier`: the head already appeared at an earlier hearing of the same instance.

    Legal basis: 《中华人民共和国行政诉讼法》第三条第三款："被诉行政机关负责人应当出庭应诉。不能出庭的，应当委托
    行政机关相应的工作人员出庭。" 出庭应诉规定第七条第一款 (appearing at one hearing of an instance
    "一般可以认定其已经履行出庭应诉义务"), 第八条 (the excuses), 第九条第一款 ("应当提交相关证明材料，并加盖
    行政机关印章或者由该机关主要负责人签字认可"), 第十二条第一款 ("（一）行政机关负责人未出庭应诉，且未说明理由
    或者理由不成立的；…（三）行政机关负责人和行政机关相应的工作人员均不出庭应诉的" → 司法建议), 法释〔2018〕1号
    第一百二十八条第二款 ("不得仅委托律师出庭"), 第一百三十二条 (仅委托律师出庭: 记录在案、在裁判文书中载明).
    Interpretation: an excuse without the Art. 9 proof is counted as 理由不成立 (the court reviews it,
    Art. 9(2)); we flag it rather than guess the court's finding.
    """
    if hearing.head_appeared:
        return ()
    findings = []
    art12 = f"{RULES_2020}第十二条第一款"
    if not appeared_earlier:
        if hearing.excuse not in AbsenceExcuse.values:
            findings.append(AbsenceFinding(
                "litigation.head_absent_without_excuse", UNEXCUSED_ABSENCE, "未说明不能出庭的理由",
                f"{RULES_2020}第八条；{art12}第（一）项",
            ))  # fmt: skip
        elif not hearing.excuse_proof:
            findings.append(AbsenceFinding(
                "litigation.head_absent_excuse_unproven", UNEXCUSED_ABSENCE,
                f"所称理由（{AbsenceExcuse(hearing.excuse).label}）未提交加盖行政机关印章或者由主要负责人签字认可的证明材料",
                f"{RULES_2020}第九条第一款；{art12}第（一）项",
            ))  # fmt: skip
    if hearing.lawyer_only or not hearing.delegate_name.strip():
        findings.append(AbsenceFinding(
            "litigation.nobody_appeared", NOBODY_APPEARED,
            "仅委托律师出庭" if hearing.lawyer_only else "未委托行政机关相应的工作人员出庭",
            f"{ACT}第三条第三款；{art12}第（三）项；{INTERPRETATION}第一百二十八条第二款、第一百三十二条",
        ))  # fmt: skip
    return tuple(findings)


def instance_absence_findings(hearings: Iterable[HearingFacts]) -> list[tuple[AbsenceFinding, ...]]:
    """head_absence_findings for each hearing of one instance, in the order they were held.

    Legal basis: 出庭应诉规定第七条第一款 (one appearance per instance generally suffices); see
    head_absence_findings.
    """
    found, appeared = [], False
    for hearing in hearings:
        found.append(head_absence_findings(hearing, appeared_earlier=appeared))
        appeared = appeared or hearing.head_appeared
    return found


def require_outcome(*, outcome: str, loss_kind: str) -> None:
    """A 败诉 must say which judgment (撤销, 变更, 确认违法/无效, 履行, 赔偿); other outcomes none.

    Legal basis: 《中华人民共和国行政诉讼法》第六十九条至第七十八条 (the judgment types).
    """
    if outcome not in Outcome.values:
        raise DomainError("审结结果无效。", code="litigation.invalid_outcome", fields={"outcome": ["无效。"]})
    if outcome == Outcome.LOST and loss_kind not in LossKind.values:
        raise DomainError(
            f"败诉的，请选择判决类型（{ACT}第七十条至第七十八条）。", code="litigation.loss_kind_required",
            fields={"loss_kind": ["必选。"]},
        )  # fmt: skip
    if outcome != Outcome.LOST and loss_kind:
        raise DomainError(
            "只有败诉才有判决类型。", code="litigation.loss_kind_unexpected", fields={"loss_kind": ["应为空。"]}
        )


def is_loss(outcome: str) -> bool:
    """True for 败诉 (counted in 败诉率 and fed back like a 复议纠错).

    Legal basis: none (indicator). Interpretation: 败诉率 = 败诉 / 审结 in the period (RULES.md §4).
    """
    return outcome == Outcome.LOST
