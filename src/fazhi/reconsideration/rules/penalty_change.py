"""A 变更 of a penalty decision of this platform by the 复议机关 or a court: its content and its limit.

Pure: no ORM, no clock, no settings. Shared by the reconsideration decision (《中华人民共和国行政复议法》
第六十三条) and the litigation judgment (《中华人民共和国行政诉讼法》第七十七条), which both change the penalty
the case then carries (enforcement.services.penalty_case_record_review_outcome). What a penalty decision
may contain and how a change reads are enforcement's rules (rules.decision_change), reused here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from fazhi.core.errors import DomainError
from fazhi.enforcement.choices import DecisionChangeKind, PenaltyType
from fazhi.enforcement.rules.common import yuan
from fazhi.enforcement.rules.decision import penalty_excess
from fazhi.enforcement.rules.decision_change import (
    DecisionContent,
    change_text,
    changed_decision_content,
    content_given,
    content_text,
)

__all__ = [
    "JUDGMENT",
    "REVIEW",
    "ChangeLaw",
    "ChangedPenaltyRecord",
    "DecisionContent",
    "change_text",
    "changed_penalty",
    "content_from_record",
    "content_text",
    "require_content_applicable",
    "require_exception_possible",
    "require_not_heavier",
    "review_outcome_content",
]

# The input fields of the changed content, named as enforcement's own 变更 form and API name them.
TYPES_FIELD, FINE_FIELD, CONFISCATION_FIELD = "new_penalty_types", "new_fine_amount", "new_confiscation_value"
# penalty_excess names the fields of a penalty decision; the change forms name them as above.
EXCESS_FIELDS = {"penalty_types": TYPES_FIELD, "fine_amount": FINE_FIELD, "confiscation_value": CONFISCATION_FIELD}


@dataclass(frozen=True, slots=True)
class ChangeLaw:
    """How one law words a 变更 and its bar on a heavier one, for the refusals' messages and codes."""

    code_prefix: str  # reconsideration / litigation
    outcome: str  # the outcomes that change a penalty, as a sentence names them
    article: str  # the article that allows the 变更
    bar: str  # the sentence of the bar on a heavier 变更
    bar_article: str
    exception: str  # the case the bar excepts
    exception_field: str  # the input by which the user states that exception


REVIEW = ChangeLaw(
    code_prefix="reconsideration",
    outcome="变更决定（或者部分撤销决定）",
    article="《中华人民共和国行政复议法》第六十三条",
    bar="行政复议机关不得作出对申请人更为不利的变更决定",
    bar_article="《中华人民共和国行政复议法》第六十三条第二款",
    exception="第三人提出相反请求",
    exception_field="third_party_contrary_request",
)
JUDGMENT = ChangeLaw(
    code_prefix="litigation",
    outcome="判决变更",
    article="《中华人民共和国行政诉讼法》第七十七条",
    bar="人民法院判决变更，不得加重原告的义务或者减损原告的权益",
    bar_article="《中华人民共和国行政诉讼法》第七十七条第二款",
    exception="利害关系人同为原告，且诉讼请求相反",
    exception_field="contrary_co_plaintiff",
)


def changed_penalty(
    *,
    law: ChangeLaw,
    original: DecisionContent,
    penalty_types: Sequence[str] | None,
    fine: Decimal | None,
    confiscation: Decimal | None,
    required: bool,
    exception: bool,
) -> DecisionContent | None:
    """Return the penalty as the 变更 states it; None when the change states none and need not.

    `original`: the penalty the case carries now; `penalty_types`, `fine`, `confiscation`: the
    content after the change (empty or None: not given; kinds not given stay as decided, see
    enforcement's changed_decision_content); `required`: the outcome is a 变更 (a partial 撤销 may state
    what remains, it need not); `exception`: the user states the case the bar excepts.
    Refused (400): a 变更 without its content ({prefix}.change_content_required, on the field to fill),
    content a penalty decision cannot have (penalty.*), a heavier penalty ({prefix}.adverse_change).

    Legal basis: 《中华人民共和国行政复议法》第六十三条第一款（复议机关决定变更该行政行为）、第二款（"行政复议
    机关不得作出对申请人更为不利的变更决定，但是第三人提出相反请求的除外"）；《中华人民共和国行政诉讼法》第七十七条
    （"行政处罚明显不当……人民法院可以判决变更。人民法院判决变更，不得加重原告的义务或者减损原告的权益。但利害
    关系人同为原告，且诉讼请求相反的除外"）.
    Interpretation: a 变更 of a penalty replaces the penalty, so the decision states the penalty that
    replaces it; heavier is what enforcement's penalty_excess calls heavier than a notified penalty (a
    higher fine or confiscation, a kind not in the original unless it replaces a more severe one dropped).
    """
    if not content_given(penalty_types=penalty_types, fine=fine, confiscation=confiscation):
        if not required:
            return None
        fined = PenaltyType.FINE in original.penalty_types
        missing, field = ("变更后的罚款数额", FINE_FIELD) if fined else ("变更后的处罚种类", TYPES_FIELD)
        raise DomainError(
            f"变更行政处罚决定的，应当写明变更后的处罚内容：请填写{missing}（原决定{content_text(original)}）"
            f"（{law.article}）。",
            code=f"{law.code_prefix}.change_content_required",
            fields={field: ["变更行政处罚决定时必填。"]},
        )
    changed = changed_decision_content(
        kind=DecisionChangeKind.CHANGED, original=original, penalty_types=penalty_types, fine=fine,
        confiscation=confiscation,
    )  # fmt: skip
    assert changed is not None  # a 变更 always has content (changed_decision_content)
    require_not_heavier(law=law, original=original, changed=changed, exception=exception)
    return changed


def require_not_heavier(
    *, law: ChangeLaw, original: DecisionContent, changed: DecisionContent, exception: bool
) -> None:
    """Refuse a 变更 that makes the penalty heavier, unless the user states the law's exception (400).

    Legal basis: 《中华人民共和国行政复议法》第六十三条第二款；《中华人民共和国行政诉讼法》第七十七条第二款
    (see changed_penalty). The refusal names each heavier part on its field.
    """
    excess = penalty_excess(notified=original, decided=changed)
    if not excess or exception:
        return
    notes = {
        "penalty_types": "增加了原决定没有的、更重的处罚种类。",
        "fine_amount": f"高于原决定的罚款{yuan(original.fine)}。",
        "confiscation_value": f"高于原决定的没收金额{yuan(original.confiscation)}。",
    }
    raise DomainError(
        f"{law.bar}：变更后的处罚重于原决定（{change_text(original=original, changed=changed)}）（{law.bar_article}）。"
        f"属于{law.exception}的，应当注明该情形。",
        code=f"{law.code_prefix}.adverse_change",
        fields={EXCESS_FIELDS[e.field]: [notes[e.field]] for e in excess},
    )


def require_content_applicable(
    *,
    law: ChangeLaw,
    penalty_types: Sequence[str] | None,
    fine: Decimal | None,
    confiscation: Decimal | None,
    changes_penalty: bool,
    penalty_linked: bool,
) -> None:
    """Refuse a changed penalty where the outcome changes no penalty of this platform (400).

    `changes_penalty`: the outcome is a 变更 (or a partial 撤销) of the act; `penalty_linked`: the act
    is a penalty case of this platform.
    Legal basis: 《中华人民共和国行政复议法》第六十三条、第六十四条；《中华人民共和国行政诉讼法》第七十条、第七十七条
    (only a 变更 replaces the act's content; 撤销, 确认违法, 确认无效, 维持 and the others state none).
    Interpretation: the change of an act not registered here is stated in the decision's text, which
    is all the platform keeps of it.
    """
    if not content_given(penalty_types=penalty_types, fine=fine, confiscation=confiscation):
        return
    if not changes_penalty:
        raise DomainError(
            f"只有{law.outcome}才填写变更后的处罚内容（{law.article}）。",
            code=f"{law.code_prefix}.change_content_not_applicable",
            fields={FINE_FIELD: ["仅变更时填写。"]},
        )
    if not penalty_linked:
        raise DomainError(
            "被变更的行政行为不是本平台登记的行政处罚案件，无从记入变更后的处罚内容；请在决定内容中写明变更情况。",
            code=f"{law.code_prefix}.change_content_not_applicable",
            fields={FINE_FIELD: ["未关联行政处罚案件。"]},
        )


def require_exception_possible(*, law: ChangeLaw, exception: bool, third_party: str) -> None:
    """Refuse the third party's contrary request where the case has no third party (400).

    Legal basis: 《中华人民共和国行政复议法》第六十三条第二款（"但是第三人提出相反请求的除外"）; 第十六条 (第三人).
    """
    if exception and not third_party.strip():
        raise DomainError(
            f"本案未登记第三人，不能以{law.exception}为由作出更为不利的变更决定（{law.bar_article}）。",
            code=f"{law.code_prefix}.no_third_party",
            fields={law.exception_field: ["本案没有第三人。"]},
        )


class ChangedPenaltyRecord(Protocol):
    """A decision record that stores the penalty a 变更 stated (ReconsiderationCase, LitigationCase)."""

    changed_penalty_types: list[str]
    changed_fine_amount: Decimal | None
    changed_confiscation_value: Decimal | None


def content_from_record(record: ChangedPenaltyRecord) -> DecisionContent | None:
    """The changed penalty stored on a decision record (None when the record states none)."""
    if not record.changed_penalty_types:
        return None
    return DecisionContent(
        tuple(record.changed_penalty_types), record.changed_fine_amount or Decimal(0),
        record.changed_confiscation_value or Decimal(0),
    )  # fmt: skip


def review_outcome_content(record: ChangedPenaltyRecord) -> dict[str, Any]:
    """The stored changed penalty as enforcement's penalty_case_record_review_outcome takes it ({} for none)."""
    changed = content_from_record(record)
    if changed is None:
        return {}
    return {
        "new_penalty_types": list(changed.penalty_types), "new_fine_amount": changed.fine,
        "new_confiscation_value": changed.confiscation,
    }  # fmt: skip
