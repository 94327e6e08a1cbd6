"""责令改正通知书: the order to correct the violation (行政处罚法 第二十八条第一款), from a case or an inspection.

The correction deadline is not recorded in the data model; the document leaves it blank for the
officer to fill in by hand (or is regenerated once the field exists).
"""

from __future__ import annotations

from datetime import date

from fazhi.core.documents import OfficialDocument, format_date
from fazhi.enforcement.choices import CaseOutcome, CaseStatus, InspectionOutcome
from fazhi.enforcement.documents import common
from fazhi.enforcement.models import Inspection, PenaltyCase
from fazhi.orgs.models import OrgUnit

TITLE = "责令改正通知书"
ARTICLE_28 = "《中华人民共和国行政处罚法》第二十八条第一款"
_NO_VIOLATION = {CaseOutcome.WITHDRAWN, CaseOutcome.FACTS_NOT_ESTABLISHED}


def available_for_case(case: PenaltyCase) -> bool:
    """Once a violation is being investigated — never for a withdrawn case or one whose facts failed."""
    return case.status != CaseStatus.FILED and case.outcome not in _NO_VIOLATION


def available_for_inspection(inspection: Inspection) -> bool:
    """When the inspection found a violation (责令改正, or 立案 on the spot)."""
    return inspection.outcome in {InspectionOutcome.ORDER_CORRECTION, InspectionOutcome.CASE_OPENED}


def build_for_case(case: PenaltyCase, *, doc_number: str) -> OfficialDocument:
    grounds = case.notice_grounds.strip() or case.decision_legal_basis.strip()
    if not grounds and case.power_item is not None:
        grounds = case.power_item.basis_text.strip()
    return _build(
        unit=case.unit,
        party_name=case.party_name,
        party_kind=case.party_kind,
        facts=common.not_blank(case.facts, case.cause),
        grounds=grounds,
        doc_number=doc_number,
        signed_on=case.filed_on,
    )


def build_for_inspection(inspection: Inspection, *, doc_number: str) -> OfficialDocument:
    items = list(inspection.check_items.all())
    grounds = "；".join(item.basis_text.strip() for item in items if item.basis_text.strip())
    return _build(
        unit=inspection.unit,
        party_name=inspection.party_name,
        party_kind=inspection.party_kind,
        facts=f"本机关于{format_date(inspection.occurred_on)}对{common.you(inspection.party_kind)}进行了检查，发现"
        + common.not_blank(inspection.findings, "存在违法行为。"),
        grounds=grounds,
        doc_number=doc_number,
        signed_on=inspection.occurred_on,
        checked=[item.name for item in items],
    )


def _build(
    *,
    unit: OrgUnit,
    party_name: str,
    party_kind: str,
    facts: str,
    grounds: str,
    doc_number: str,
    signed_on: date,
    checked: list[str] | None = None,
) -> OfficialDocument:
    party = common.you(party_kind)
    document = OfficialDocument(issuer=unit.name, title=TITLE, doc_number=doc_number)
    document.add_recipient(party_name)
    document.add_paragraph(common.facts_with_lead(facts, lead="经查，"))
    if checked:
        document.add_paragraph("检查事项：" + "；".join(checked) + "。")
    sentence = common.grounds_sentence(grounds, party=party)
    if sentence:
        document.add_paragraph(sentence)
    document.add_paragraph(
        f"根据{ARTICLE_28}的规定，本机关责令{party}立即停止上述违法行为，并于＿＿＿＿年＿＿月＿＿日前改正，"
        "将改正情况书面报告本机关。逾期不改正的，本机关将依法处理。"
    )
    document.add_paragraph(
        f"{party}如不服本通知，可以自收到本通知书之日起六十日内向{common.reconsideration_body(unit)}申请行政复议"
        "，也可以自收到本通知书之日起六个月内依法向人民法院提起行政诉讼。"
    )
    document.add_signature(signed_on=signed_on, seal_placeholder=True)
    return document
