"""送达回证: the proof that the 行政处罚决定书 reached the party (行政处罚法 第六十一条; 民事诉讼法 送达).

Printed blank where the party signs; the 送达方式 and 送达日期 are filled in once the service is recorded.
"""

from __future__ import annotations

from fazhi.core.documents import Field, OfficialDocument, format_date
from fazhi.enforcement.choices import CaseProcedure
from fazhi.enforcement.documents import common
from fazhi.enforcement.documents.kinds import DocumentKind
from fazhi.enforcement.documents.numbering import case_document_number
from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.rules import execution as execution_rules

TITLE = "送达回证"
SERVICE_RULE = "依照《中华人民共和国行政处罚法》第六十一条送达：宣告后当场交付；当事人不在场的，七个工作日内送达。"


def available(case: PenaltyCase) -> bool:
    """After a 普通程序 decision (the 简易程序 decision is handed over on the spot and signed on itself).

    A decision revoked or confirmed void before it was served is not served any more
    (rules.execution.actions_barred_by_change), so there is no receipt to print; one already served
    keeps its receipt in the file.
    """
    decided = case.procedure == CaseProcedure.ORDINARY and case.decided_on is not None and bool(case.penalty_types)
    return decided and (case.served_on is not None or not execution_rules.decision_set_aside(case.decision_change_kind))


def build(case: PenaltyCase, *, doc_number: str) -> OfficialDocument:
    decision_number = case_document_number(kind=DocumentKind.DECISION, case=case)
    officers = common.case_officers(case, on=case.served_on or case.decided_on or case.filed_on)
    notes = [SERVICE_RULE]
    if case.service_due:
        notes.append(f"送达期限：{format_date(case.service_due)}前。")
    if case.payment_due:
        notes.append(f"缴款期限：自收到决定书之日起十五日内，至{format_date(case.payment_due)}。")
    document = OfficialDocument(issuer=case.unit.name, title=TITLE, doc_number=doc_number)
    document.add_fields(
        [
            Field("送达文书名称及文号", f"行政处罚决定书（{decision_number}）", wide=True),
            Field("受送达人", case.party_name, wide=True),
            Field("送达地点", common.not_blank(case.party_address, ""), wide=True),
            Field("送达方式", case.service_method),
            Field("送达日期", common.date_or_blank(case.served_on)),
            Field("受送达人签名或盖章", "\n　　　　　　　　　　　　　　　年　　月　　日", wide=True, min_height_mm=20),
            Field("代收人及代收理由", "", wide=True, min_height_mm=12),
            Field("送达人", "\n".join(f"{o.name}（执法证号：{o.certificate}）　签名：" for o in officers), wide=True),
            Field("见证人", "", wide=True, min_height_mm=12),
            Field("送达机关", f"{case.unit.name}（印章）", wide=True, min_height_mm=12),
            Field("备注", "\n".join(notes), wide=True),
        ],
        pairs_per_row=2,
        label_width_mm=32,
    )
    return document
