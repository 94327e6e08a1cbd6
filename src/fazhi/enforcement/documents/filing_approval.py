"""立案审批表: the internal form that records the 立案 of a penalty case (行政处罚法 第五十四条第二款)."""

from __future__ import annotations

from fazhi.core.documents import Field, OfficialDocument, format_date
from fazhi.enforcement.choices import CaseProcedure, InspectionOrigin
from fazhi.enforcement.documents import common
from fazhi.enforcement.models import PenaltyCase

TITLE = "立案审批表"
FILING_BASIS = "《中华人民共和国行政处罚法》第五十四条第二款：符合立案标准的，行政机关应当及时立案。"


def available(case: PenaltyCase) -> bool:
    """Every 普通程序 case has been filed; 简易程序 decisions are made on the spot without 立案."""
    return case.procedure == CaseProcedure.ORDINARY


def _source(case: PenaltyCase) -> str:
    """案件来源 as recorded at 立案, with the inspection it came from.

    E.g. 监督检查发现（行政检查：2026年3月2日，双随机抽查）; 投诉举报 for a case not opened from an inspection.
    """
    source = case.get_case_source_display()
    inspection = case.inspection
    if inspection is None:
        return source
    origin = InspectionOrigin(inspection.origin).label if inspection.origin in InspectionOrigin.values else ""
    return f"{source}（行政检查：{format_date(inspection.occurred_on)}{'，' if origin else ''}{origin}）"


def build(case: PenaltyCase, *, doc_number: str) -> OfficialDocument:
    code_label = "身份证号" if common.party_is_person(case.party_kind) else "信用代码"
    address_label = "住址" if common.party_is_person(case.party_kind) else "住所"
    basis = FILING_BASIS
    if case.power_item is not None:
        basis += f"\n权责事项：{case.power_item.name}"
        if case.power_item.basis_text.strip():
            basis += f"\n设定依据：{case.power_item.basis_text.strip()}"
    officers = common.case_officers(case, on=case.filed_on)
    document = OfficialDocument(issuer=case.unit.name, title=TITLE, doc_number=doc_number)
    document.add_fields(
        [
            common_field("案由", case.cause, wide=True),
            common_field("案件编号", case.number),
            common_field("立案日期", format_date(case.filed_on)),
            common_field("违法日期", format_date(case.violation_ended_on)),
            common_field("发现日期", format_date(case.discovered_on)),
            common_field("案件来源", _source(case), wide=True),
            common_field("当事人", case.party_name),
            common_field(code_label, case.party_code),
            common_field(address_label, common.not_blank(case.party_address, "（未登记）"), wide=True),
            common_field("承办人员", "、".join(f"{o.name}（执法证号：{o.certificate}）" for o in officers), wide=True),
            common_field("案情摘要", common.not_blank(case.facts, "（待调查）"), wide=True, height=16),
            common_field("立案依据", basis, wide=True),
            common_field("承办意见", common.sign_line("承办人", "建议立案调查。"), wide=True, height=12),
            common_field("审核意见", common.sign_line("审核人"), wide=True, height=12),
            common_field("审批意见", common.sign_line("负责人"), wide=True, height=12),
        ],
        pairs_per_row=2,
        label_width_mm=26,
    )
    return document


def common_field(label: str, value: str, *, wide: bool = False, height: float = 8) -> Field:
    # 8 mm rows (one line of table text) keep the whole 审批表 on one A4 page, 审批意见 included.
    return Field(label, value, wide=wide, min_height_mm=height)
