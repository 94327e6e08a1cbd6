"""法制审核意见书: the reviewer's written opinion on a proposed penalty (行政处罚法 第五十八条).

What the reviewer reviews (:func:`review_subject`) is also what the case page shows them at the review
step: why the review is needed, the penalty as notified (kinds, fine, confiscation), its reasons and
legal basis, and where the fine lies against the power item's published discretion standard (第三十四条).
The document adds the reviewer, the date, the conclusion and the opinion with its reasons. The case keeps
the latest opinion only (earlier ones stay on the timeline), so the document is the latest review's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from fazhi.core.documents import Field, OfficialDocument, format_date
from fazhi.enforcement import rules
from fazhi.enforcement.choices import CaseProcedure
from fazhi.enforcement.documents import common
from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.rules.common import yuan as rules_yuan
from fazhi.powers.selectors import discretion_standards_for

TITLE = "法制审核意见书"
REVIEW_BASIS = "《中华人民共和国行政处罚法》第五十八条"
DISCRETION_BASIS = "《中华人民共和国行政处罚法》第三十四条"
NOT_MANDATORY = "不属于第五十八条第一款规定的情形，由承办机构提交审核"


def available(case: PenaltyCase) -> bool:
    """Once the reviewer has given the opinion on the current submission (通过 or 不通过)."""
    return (
        case.procedure == CaseProcedure.ORDINARY
        and case.legal_reviewed_on is not None
        and case.legal_review_passed is not None
    )


def yuan(amount: Decimal | None) -> str:
    """An amount as the messages write it (rules.common.yuan: 5000元, 1234.50元); an open end of a band as —."""
    return "—" if amount is None else rules_yuan(amount)


@dataclass(frozen=True, slots=True)
class Discretion:
    """Where the proposed fine lies against the discretion standard in force (行政处罚法 第三十四条)."""

    within: bool | None  # None: nothing to compare (no fine, no power item, no band)
    text: str


def discretion(case: PenaltyCase, *, on: date) -> Discretion:
    """The band (阶次) of the power item's discretion standard the proposed fine falls in, or that it falls
    outside every band, with the reason recorded for that (or that none is recorded yet)."""
    fine = case.proposed_fine
    if not fine:
        return Discretion(None, "未拟处罚款，不涉及罚款裁量阶次。")
    if case.power_item is None:
        return Discretion(None, "本案未关联权责事项，无裁量基准可对照。")
    standards = discretion_standards_for(power_item=case.power_item, on=on)
    bands = [s for s in standards if s.fine_min is not None or s.fine_max is not None]  # bands that set a fine
    if not bands:
        return Discretion(None, f"权责事项“{case.power_item.name}”没有{format_date(on)}有效的罚款裁量基准。")
    for band in bands:
        if rules.fine_within_discretion(fine=fine, bands=[(band.fine_min, band.fine_max)]):
            return Discretion(
                True,
                f"拟罚款{yuan(fine)}，在裁量基准“{band.get_severity_display()}”阶次"
                f"（{yuan(band.fine_min)}至{yuan(band.fine_max)}；违法情节：{band.circumstance}）内。",
            )
    ranges = "、".join(f"{b.get_severity_display()}{yuan(b.fine_min)}至{yuan(b.fine_max)}" for b in bands)
    reason = (
        f"阶次外处罚的理由：{case.discretion_reason}"
        if case.discretion_reason
        else f"尚未记录阶次外处罚的理由，作出决定时应当说明（{DISCRETION_BASIS}）"
    )
    return Discretion(False, f"拟罚款{yuan(fine)}，不在裁量基准任何阶次（{ranges}）内。{reason}。")


@dataclass(frozen=True, slots=True)
class ReviewSubject:
    """What a 法制审核 reviews: the case's grounds for review and the penalty as notified (第四十四条)."""

    reasons: tuple[str, ...]  # 第五十八条第一款 grounds; empty: the review was asked for without one
    penalty_labels: list[str]
    penalty_items: list[str]  # 罚款人民币伍仟元整（¥5,000.00）…
    fine: Decimal
    confiscation: Decimal
    grounds: str
    legal_basis: str
    discretion: Discretion

    @property
    def reasons_text(self) -> str:
        return "、".join(self.reasons) or NOT_MANDATORY


def review_subject(case: PenaltyCase, *, on: date) -> ReviewSubject:
    """What the reviewer reviews, with the discretion standard in force on `on` (the review's day)."""
    reasons = rules.legal_review_reasons(
        major_public_interest=case.major_public_interest,
        hearing_held=case.hearing_held_on is not None,
        complex_case=case.complex_case,
        other_legal_requirement=case.other_legal_review_required,
    )
    return ReviewSubject(
        reasons=reasons,
        penalty_labels=common.penalty_labels(case.proposed_penalty_types),
        penalty_items=common.penalty_items(
            types=case.proposed_penalty_types, fine=case.proposed_fine, confiscation=case.proposed_confiscation_value
        ),
        fine=case.proposed_fine,
        confiscation=case.proposed_confiscation_value,
        grounds=case.notice_grounds.strip(),
        legal_basis=case.notice_legal_basis.strip(),
        discretion=discretion(case, on=on),
    )


def reviewer_name(case: PenaltyCase) -> str:
    reviewer = case.legal_reviewer
    if reviewer is None:
        return "（未记录）"
    person = getattr(reviewer, "person", None)
    return person.name if person is not None else str(reviewer)


def conclusion(case: PenaltyCase) -> str:
    return "通过" if case.legal_review_passed else "不通过，退回补充调查"


def build(case: PenaltyCase, *, doc_number: str) -> OfficialDocument:
    assert case.legal_reviewed_on is not None
    subject = review_subject(case, on=case.legal_reviewed_on)
    officers = common.case_officers(case, on=case.legal_review_submitted_on or case.legal_reviewed_on)
    code_label = "身份证号" if common.party_is_person(case.party_kind) else "信用代码"
    document = OfficialDocument(issuer=case.unit.name, title=TITLE, doc_number=doc_number)
    document.add_fields(
        [
            Field("案由", case.cause, wide=True),
            Field("案件编号", case.number),
            Field("提交审核日期", common.date_or_blank(case.legal_review_submitted_on)),
            Field("当事人", case.party_name),
            Field(code_label, case.party_code),
            Field("承办人员", common.officers_text(officers), wide=True),
            Field("审核事由", f"{subject.reasons_text}（{REVIEW_BASIS}）", wide=True),
            Field("违法事实", common.not_blank(case.facts, "（见调查终结报告）"), wide=True),
            Field("拟处罚内容", "；".join(subject.penalty_items) or "（未告知）", wide=True),
            Field("理由", common.not_blank(subject.grounds, "（未记录）"), wide=True),
            Field("处罚依据", common.not_blank(subject.legal_basis, "（未记录）"), wide=True),
            Field("裁量基准", subject.discretion.text, wide=True),
            Field("审核结论", conclusion(case), wide=True),
            Field("审核意见及理由", case.legal_review_opinion, wide=True, min_height_mm=16),
            Field("审核人员", f"{reviewer_name(case)}　　（签名）：", min_height_mm=12),
            Field("审核日期", format_date(case.legal_reviewed_on)),
        ],
        pairs_per_row=2,
        label_width_mm=28,
    )
    return document
