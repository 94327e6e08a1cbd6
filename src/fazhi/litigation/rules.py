"""Statutory rules of 行政应诉: defendants, the defence deadline, the head's appearance, 败诉.

Pure: no ORM, no clock, no settings. Sources: 《中华人民共和国行政诉讼法》(2017), 最高人民法院《关于适用
〈中华人民共和国行政诉讼法〉的解释》(法释〔2018〕1号), 最高人民法院《关于行政机关负责人出庭应诉若干问题
的规定》(法释〔2020〕3号, "出庭应诉规定").
"""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.core.errors import DomainError
from fazhi.litigation.choices import AbsenceExcuse, DefendantRole, LossKind, Outcome
from fazhi.reconsideration.choices import Outcome as ReviewOutcome

ACT = "《中华人民共和国行政诉讼法》"
RULES_2020 = "《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》"
INTERPRETATION = "《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》"
RULE_DEFENCE = "litigation.defence"

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


def require_head_appearance_recorded(
    *, head_appeared: bool, head_name: str, excuse: str, excuse_proof: bool, delegate_name: str, lawyer_only: bool
) -> None:
    """Refuse a hearing record that does not satisfy the head-appearance rules.

    Legal basis: 《中华人民共和国行政诉讼法》第三条第三款："被诉行政机关负责人应当出庭应诉。不能出庭的，应当委托
    行政机关相应的工作人员出庭。" 出庭应诉规定第八条 (不可抗力；意外事件；需要履行他人不能代替的公务；无法出庭的
    其他正当事由), 第九条第一款 ("应当提交相关证明材料，并加盖行政机关印章或者由该机关主要负责人签字认可"),
    法释〔2018〕1号第一百二十八条第二款 (不得仅委托律师出庭).
    """
    if head_appeared:
        if not head_name.strip():
            raise DomainError("请填写出庭的负责人姓名。", code="litigation.head_name_required",
                              fields={"head_name": ["必填。"]})  # fmt: skip
        return
    if excuse not in AbsenceExcuse.values:
        raise DomainError(
            f"负责人不能出庭的，应当属于不可抗力、意外事件、需要履行他人不能代替的公务或其他正当事由（{RULES_2020}第八条）。",
            code="litigation.excuse_required", fields={"excuse": ["请选择不能出庭的理由。"]},
        )  # fmt: skip
    if not excuse_proof:
        raise DomainError(
            f"负责人有正当理由不能出庭的，应当提交证明材料，并加盖行政机关印章或由主要负责人签字认可（{RULES_2020}第九条）。",
            code="litigation.excuse_proof_required", fields={"excuse_proof": ["须提交证明材料。"]},
        )  # fmt: skip
    if lawyer_only or not delegate_name.strip():
        raise DomainError(
            f"负责人不能出庭的，应当委托行政机关相应的工作人员出庭，不得仅委托律师出庭（{ACT}第三条第三款；"
            f"{INTERPRETATION}第一百二十八条第二款）。",
            code="litigation.delegate_required", fields={"delegate_name": ["须委托相应的工作人员。"]},
        )  # fmt: skip


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
