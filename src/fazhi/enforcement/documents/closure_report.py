"""结案报告: the report that asks for (and records) the closing of a case (行政处罚法 第四十七条 归档)."""

from __future__ import annotations

from fazhi.core.documents import Field, OfficialDocument, format_date
from fazhi.enforcement.choices import CaseOutcome, CaseStatus
from fazhi.enforcement.documents import common
from fazhi.enforcement.documents.kinds import DocumentKind
from fazhi.enforcement.documents.numbering import case_document_number
from fazhi.enforcement.models import PenaltyCase

TITLE = "结案报告"


def available(case: PenaltyCase) -> bool:
    """When the decision has been performed (asking to close) or the case is closed."""
    return case.status in {CaseStatus.EXECUTED, CaseStatus.CLOSED}


def _result(case: PenaltyCase) -> str:
    if case.decided_on and case.penalty_types:
        number = case_document_number(kind=DocumentKind.DECISION, case=case)
        items = "；".join(
            common.penalty_items(types=case.penalty_types, fine=case.fine_amount, confiscation=case.confiscation_value)
        )
        return f"{format_date(case.decided_on)}作出行政处罚决定（{number}）：{items}。"
    if case.outcome:
        return str(CaseOutcome(case.outcome).label) + "。"
    return "（无）"


def _execution(case: PenaltyCase) -> str:
    lines = []
    if case.served_on:
        lines.append(f"{format_date(case.served_on)}送达决定书（{case.service_method or '送达方式未记录'}）。")
    if case.paid_on:
        lines.append(f"{format_date(case.paid_on)}缴纳罚款{common.money(case.paid_amount)}。")
    if case.surcharge_amount:
        lines.append(f"加处罚款{common.money(case.surcharge_amount)}。")
    if case.executed_on:
        lines.append(f"{format_date(case.executed_on)}履行（执行）完毕。")
    return "".join(lines) or "（不涉及执行）"


def _period(case: PenaltyCase) -> str:
    if not case.decided_on:
        return "未作出处罚决定。"
    days = (case.decided_on - case.filed_on).days
    text = f"自立案至作出决定共{days}日"
    if case.decision_due:
        text += f"，决定期限至{format_date(case.decision_due)}，" + (
            "在期限内作出。" if case.decided_on <= case.decision_due else "超过期限。"
        )
    return text


def build(case: PenaltyCase, *, doc_number: str) -> OfficialDocument:
    officers = common.case_officers(case, on=case.filed_on)
    code_label = "身份证号" if common.party_is_person(case.party_kind) else "信用代码"
    outcome = str(CaseOutcome(case.outcome).label) if case.outcome else "（待批准结案）"
    document = OfficialDocument(issuer=case.unit.name, title=TITLE, doc_number=doc_number)
    document.add_fields(
        [
            Field("案由", case.cause, wide=True),
            Field("案件编号", case.number),
            Field("立案日期", format_date(case.filed_on)),
            Field("当事人", case.party_name),
            Field(code_label, case.party_code),
            Field("承办人员", "、".join(o.name for o in officers), wide=True),
            Field("处理结果", _result(case), wide=True),
            Field("执行情况", _execution(case), wide=True),
            Field("办案期限", _period(case), wide=True),
            Field("结案方式", outcome),
            Field("结案日期", common.date_or_blank(case.closed_on)),
            Field("结案说明", common.not_blank(case.closure_basis, "（无）"), wide=True),
            Field(
                "承办意见", common.sign_line("承办人", "案件已办理完毕，建议结案归档。"), wide=True, min_height_mm=16
            ),
            Field("审核意见", common.sign_line("审核人"), wide=True, min_height_mm=14),
            Field("审批意见", common.sign_line("负责人"), wide=True, min_height_mm=14),
        ],
        pairs_per_row=2,
        label_width_mm=28,
    )
    return document
