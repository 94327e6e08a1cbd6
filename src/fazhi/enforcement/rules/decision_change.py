"""Pure rules of a decision changed (变更) by a reconsideration organ, a court or the unit itself.

A 变更 replaces the decision's content: from the change on, the case carries the content as changed
(what is paid, executed, shown and counted), and the content as first decided stays in the record of
the change (audit row and timeline entry). 撤销, 确认违法 and 确认无效 carry no new content (see
rules.execution for what each of them bars).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from fazhi.enforcement.choices import DecisionChangeKind, PenaltyType
from fazhi.enforcement.rules.common import refuse, yuan
from fazhi.enforcement.rules.penalties import require_fine_consistent, require_penalty_types

REVIEW_LAW = "《中华人民共和国行政复议法》"
CENT = Decimal("0.01")  # amounts are stored in 元 with 2 decimals (rules.common.MONEY_DECIMAL_PLACES)
CONFISCATION_TYPES = frozenset({PenaltyType.CONFISCATE_GAINS, PenaltyType.CONFISCATE_PROPERTY})


@dataclass(frozen=True, slots=True)
class DecisionContent:
    """What a penalty decision imposes (行政处罚法 Art. 59(1)(三)): the kinds, the fine, the value confiscated."""

    penalty_types: tuple[str, ...]
    fine: Decimal
    confiscation: Decimal


def changed_decision_content(
    *,
    kind: str,
    original: DecisionContent,
    penalty_types: Sequence[str] | None = None,
    fine: Decimal | None = None,
    confiscation: Decimal | None = None,
) -> DecisionContent | None:
    """Return the decision's content as changed by a 变更; None for the other change kinds.

    `penalty_types`, `fine`, `confiscation`: the content after the change; an empty or None value is
    "not given". Kinds not given stay as decided; the fine must be given whenever the changed decision
    still imposes one (the amount is what is paid and executed from now on); a confiscated value not
    given stays as decided while a confiscation remains, else it is 0.
    Refused (400): a 变更 without any new content (penalty.change_content_required), a fine missing
    (penalty.change_fine_required), new content for 撤销/确认违法/确认无效, which change no content
    (penalty.change_content_not_applicable), and content that a decision could not have (Art. 9).

    Legal basis: 《中华人民共和国行政复议法》第六十三条（行政行为内容不适当、未正确适用依据或者经查清事实的，
    复议机关决定变更该行政行为）；《中华人民共和国行政诉讼法》第七十七条第一款（行政处罚明显不当的，人民法院
    可以判决变更）；《中华人民共和国行政处罚法》第九条（处罚种类）、第五十九条第一款第三项（决定书载明处罚的
    种类）.
    Interpretation: a change decision states the penalty that replaces the original, so recording a
    变更 without it would leave the case executing the original. Whether the change is heavier
    (复议法 Art. 63(2), 行政诉讼法 Art. 77(2) forbid that, with exceptions for a third party's or
    another plaintiff's contrary request) is the deciding organ's judgement, checked where it decides
    (reconsideration); it is recorded here as decided.
    """
    if kind != DecisionChangeKind.CHANGED:
        require_no_new_content(penalty_types=penalty_types, fine=fine, confiscation=confiscation)
        return None
    given = content_given(penalty_types=penalty_types, fine=fine, confiscation=confiscation)
    if not given:
        fined = PenaltyType.FINE in original.penalty_types
        raise refuse(
            f"登记变更决定应当填写变更后的处罚内容：{'变更后的罚款数额' if fined else '变更后的处罚种类'}"
            f"（原决定{content_text(original)}）",
            code="penalty.change_content_required",
            article="第六十三条；《中华人民共和国行政诉讼法》第七十七条",
            law=REVIEW_LAW,
            fields={"new_fine_amount" if fined else "new_penalty_types": ["变更时必填。"]},
        )
    types = tuple(penalty_types) if penalty_types else original.penalty_types
    require_penalty_types(types)
    if PenaltyType.FINE in types and fine is None:
        raise refuse(
            "变更后的处罚包含罚款的，应当填写变更后的罚款数额",
            code="penalty.change_fine_required",
            article="第六十三条；《中华人民共和国行政诉讼法》第七十七条",
            law=REVIEW_LAW,
            fields={"new_fine_amount": ["变更时必填。"]},
        )
    new_fine = Decimal(fine).quantize(CENT) if fine is not None else Decimal(0)
    require_fine_consistent(types=types, fine=new_fine)
    if confiscation is None:
        confiscation = original.confiscation if CONFISCATION_TYPES & set(types) else Decimal(0)
    if confiscation < 0:
        raise refuse(
            "没收金额不能为负数", code="penalty.confiscation_negative", article="第九条",
            fields={"new_confiscation_value": ["不能为负数。"]},
        )  # fmt: skip
    return DecisionContent(penalty_types=types, fine=new_fine, confiscation=Decimal(confiscation).quantize(CENT))


def content_given(*, penalty_types: Sequence[str] | None, fine: Decimal | None, confiscation: Decimal | None) -> bool:
    """Does the input state any new content (an empty list or None is "not given")?"""
    return bool(penalty_types) or fine is not None or confiscation is not None


def require_no_new_content(
    *, penalty_types: Sequence[str] | None, fine: Decimal | None, confiscation: Decimal | None
) -> None:
    """Refuse new content with a change (or a review outcome) that changes no content (400).

    Legal basis: 《中华人民共和国行政复议法》第六十三条（only a 变更 replaces the content; 撤销 第六十四条, 确认违法
    第六十五条 and 确认无效 第六十七条 leave it as decided or without effect）.
    """
    if content_given(penalty_types=penalty_types, fine=fine, confiscation=confiscation):
        raise refuse(
            "只有变更决定才登记变更后的处罚内容；撤销、确认违法、确认无效或者不改变决定的结果不改变处罚内容",
            code="penalty.change_content_not_applicable",
            article="第六十三条",
            law=REVIEW_LAW,
            fields={"new_fine_amount": ["仅变更时填写。"]},
        )


def content_text(content: DecisionContent) -> str:
    """The penalty as a sentence names it: 警告、罚款5000元、没收违法所得（2000元）."""
    parts = []
    for kind in content.penalty_types:
        label = str(PenaltyType(kind).label)
        if kind == PenaltyType.FINE:
            label += yuan(content.fine)
        elif kind in CONFISCATION_TYPES and content.confiscation:
            label += f"（{yuan(content.confiscation)}）"
        parts.append(label)
    return "、".join(parts) or "无"


def change_text(*, original: DecisionContent, changed: DecisionContent) -> str:
    """What a 变更 changed, for the timeline: 罚款由5000元变更为3000元; 处罚内容未变 when nothing differs.

    Legal basis: 《中华人民共和国行政处罚法》第四十七条（全过程记录）: the record keeps the original next to
    the change.
    """
    parts = []
    if set(original.penalty_types) != set(changed.penalty_types):
        before = "、".join(str(PenaltyType(t).label) for t in original.penalty_types)
        after = "、".join(str(PenaltyType(t).label) for t in changed.penalty_types)
        parts.append(f"处罚种类由{before}变更为{after}")
    if original.fine != changed.fine:
        parts.append(f"罚款由{yuan(original.fine)}变更为{yuan(changed.fine)}")
    if original.confiscation != changed.confiscation:
        parts.append(f"没收金额由{yuan(original.confiscation)}变更为{yuan(changed.confiscation)}")
    return "；".join(parts) or f"处罚内容未变（{content_text(changed)}）"


def refund_after_change(*, paid: bool, original_fine: Decimal, changed_fine: Decimal) -> Decimal:
    """The part of a fine already paid that a 变更 lowering it makes refundable; 0 otherwise.

    Legal basis: 《中华人民共和国行政强制法》第四十一条（执行完毕后，据以执行的行政决定被变更的，应当退还财物）.
    """
    return original_fine - changed_fine if paid and changed_fine < original_fine else Decimal(0)
