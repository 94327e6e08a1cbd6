"""文号 of the enforcement documents: derived from the records, never stored, never counted twice.

The rule (docs/enforcement-documents.md §文号):

    文号 = 机关代字 + 文书代字 + 〔年份〕 + 顺序号 + 号          e.g. 北市监罚〔2026〕3号

- 机关代字: the unit's ``short_name`` when it is set (set it to the 代字 the unit really uses, e.g.
  "青市监"); otherwise a deterministic abbreviation of its name (:func:`agency_code`): the first
  character of the place part + the abbreviation of the sector ("北区市场监管局" → "北市监").
- 文书代字: one per document type (:data:`TYPE_CODES`): 立 / 罚告 / 法审 / 罚 / 送 / 责改 / 结; a
  责令改正通知书 issued from an inspection uses 检责改 so that it cannot collide with one from a case.
- 年份 and 顺序号: a case's documents all carry the case's own sequence number within its unit and
  the year it was filed (立案日期), an inspection's the inspection's sequence within its unit and the
  year of the inspection. The sequence is the rank by primary key among the unit's cases (inspections)
  of that year: primary keys only grow and cases are never deleted (PROTECT everywhere), so a number,
  once printed, never changes — no counter table, no lock, no race between two officers.
- 行政处罚决定书: the number recorded with the decision (``PenaltyCase.decision_number``, also the one
  published in 执法公示) wins; the derived number is used only when none was recorded, and is offered to
  the decision form by :func:`suggested_decision_number`.

Consequences, by design: all documents of one case share the serial (北市监立〔2026〕3号, 北市监罚告〔2026〕3号,
北市监罚〔2026〕3号 …); a document type may skip numbers (a case closed before 告知 never gets a 告知书).
"""

from __future__ import annotations

import re
from datetime import date

from fazhi.core.documents import format_doc_number
from fazhi.enforcement.documents.kinds import DocumentKind
from fazhi.enforcement.models import Inspection, PenaltyCase
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.selectors import org_unit_document_prefix

TYPE_CODES: dict[DocumentKind, str] = {
    DocumentKind.FILING_APPROVAL: "立",
    DocumentKind.PENALTY_NOTICE: "罚告",
    DocumentKind.LEGAL_REVIEW_OPINION: "法审",
    DocumentKind.DECISION: "罚",
    DocumentKind.SERVICE_RECEIPT: "送",
    DocumentKind.CORRECTION_ORDER: "责改",
    DocumentKind.CLOSURE_REPORT: "结",
}
INSPECTION_CORRECTION_CODE = "检责改"

# Sector words and their customary abbreviations, longest first so that "市场监督管理" wins over "市场".
_SECTOR_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("城市管理综合行政执法", "城管"),
    ("人力资源和社会保障", "人社"),
    ("住房和城乡建设", "住建"),
    ("规划和自然资源", "规资"),
    ("综合行政执法", "综执"),
    ("市场监督管理", "市监"),
    ("文化和旅游", "文旅"),
    ("交通运输", "交"),
    ("生态环境", "环"),
    ("应急管理", "应急"),
    ("卫生健康", "卫健"),
    ("农业农村", "农"),
    ("城市管理", "城管"),
    ("市场监管", "市监"),
    ("城管执法", "城管"),
    ("自然资源", "资"),
    ("人民政府", "政"),
    ("水务", "水"),
    ("税务", "税"),
    ("公安", "公"),
    ("城管", "城管"),
)
_UNIT_SUFFIX = re.compile(r"(委员会|办公室|综合执法支队|执法支队|执法大队|支队|大队|中队|局|委|办|厅|所)$")
_PLACE = re.compile(r"^(.+?(?:自治区|自治州|省|市|地区|盟|区|县|旗|街道|镇|乡))")
_WHITESPACE = re.compile(r"\s+")


def agency_code(*, name: str, short_name: str = "") -> str:
    """Return the 机关代字 of a unit: its short name if set, else a deterministic abbreviation.

    "北区市场监管局" → "北市监"; "青岛市市场监督管理局" → "青市监"; "南区城管执法局" → "南城管".
    The abbreviation is a fallback only: units should record their real 代字 as ``short_name``.
    """
    short = _WHITESPACE.sub("", short_name or "")
    if short:
        return short
    text = _WHITESPACE.sub("", name or "")
    for word, abbreviation in _SECTOR_ABBREVIATIONS:
        index = text.find(word)
        if index >= 0:
            return text[:1] + abbreviation if index > 0 else abbreviation
    stem = _UNIT_SUFFIX.sub("", text)
    place = _PLACE.match(stem)
    if place and len(place.group(1)) < len(stem):
        return place.group(1)[:1] + stem[len(place.group(1)) :][:2]
    return stem[:3] or "文书"


def unit_agency_code(unit: OrgUnit) -> str:
    """The unit's recorded 机关代字 (orgs), else its short name, else the abbreviation of its name."""
    return agency_code(name=unit.name, short_name=org_unit_document_prefix(unit=unit) or unit.short_name)


def _year_range(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def case_sequence(case: PenaltyCase) -> int:
    """The case's rank (1, 2, …) among the cases its unit filed in the same year, by primary key.

    Uses the (unit, filed_on) index; stable because primary keys only grow and cases are never deleted.
    """
    first, last = _year_range(case.filed_on.year)
    return PenaltyCase.objects.filter(
        unit_id=case.unit_id, filed_on__gte=first, filed_on__lte=last, pk__lte=case.pk
    ).count()


def inspection_sequence(inspection: Inspection) -> int:
    """The inspection's rank among its unit's inspections of the same year, by primary key."""
    first, last = _year_range(inspection.occurred_on.year)
    return Inspection.objects.filter(
        unit_id=inspection.unit_id, occurred_on__gte=first, occurred_on__lte=last, pk__lte=inspection.pk
    ).count()


def case_document_number(*, kind: DocumentKind, case: PenaltyCase) -> str:
    """The 文号 of document `kind` of `case` (the recorded decision number for the 决定书)."""
    if kind == DocumentKind.DECISION and case.decision_number.strip():
        return case.decision_number.strip()
    prefix = unit_agency_code(case.unit)
    return format_doc_number(prefix + TYPE_CODES[kind], case.filed_on.year, case_sequence(case))


def inspection_document_number(*, kind: DocumentKind, inspection: Inspection) -> str:
    """The 文号 of a document issued from an inspection (only the 责令改正通知书 today)."""
    prefix = unit_agency_code(inspection.unit)
    code = INSPECTION_CORRECTION_CODE if kind == DocumentKind.CORRECTION_ORDER else TYPE_CODES[kind]
    return format_doc_number(prefix + code, inspection.occurred_on.year, inspection_sequence(inspection))


def suggested_decision_number(case: PenaltyCase) -> str:
    """The derived 决定书文号 of `case`, to prefill the decision form (the officer may change it)."""
    prefix = unit_agency_code(case.unit)
    return format_doc_number(prefix + TYPE_CODES[DocumentKind.DECISION], case.filed_on.year, case_sequence(case))
