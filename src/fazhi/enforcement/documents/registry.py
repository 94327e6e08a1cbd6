"""Which documents a case or an inspection can have now, and rendering one of them.

One row per document kind in :data:`REGISTRY`: whether it belongs to cases or inspections, when it
makes sense (e.g. no 决定书 before the decision), and the module that lays it out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fazhi.core.documents import OfficialDocument
from fazhi.core.errors import Conflict, DomainError
from fazhi.enforcement.choices import CaseProcedure
from fazhi.enforcement.documents import (
    closure_report,
    correction_order,
    decision,
    filing_approval,
    legal_review_opinion,
    penalty_notice,
    service_receipt,
)
from fazhi.enforcement.documents.kinds import DocumentKind, GeneratedDocument
from fazhi.enforcement.documents.numbering import case_document_number, inspection_document_number
from fazhi.enforcement.models import Inspection, PenaltyCase


@dataclass(frozen=True, slots=True)
class _CaseDocument:
    available: Callable[[PenaltyCase], bool]
    build: Callable[..., OfficialDocument]


CASE_DOCUMENTS: dict[DocumentKind, _CaseDocument] = {
    DocumentKind.FILING_APPROVAL: _CaseDocument(filing_approval.available, filing_approval.build),
    DocumentKind.CORRECTION_ORDER: _CaseDocument(correction_order.available_for_case, correction_order.build_for_case),
    DocumentKind.PENALTY_NOTICE: _CaseDocument(penalty_notice.available, penalty_notice.build),
    DocumentKind.LEGAL_REVIEW_OPINION: _CaseDocument(legal_review_opinion.available, legal_review_opinion.build),
    DocumentKind.DECISION: _CaseDocument(decision.available, decision.build),
    DocumentKind.SERVICE_RECEIPT: _CaseDocument(service_receipt.available, service_receipt.build),
    DocumentKind.CLOSURE_REPORT: _CaseDocument(closure_report.available, closure_report.build),
}
INSPECTION_DOCUMENTS: dict[DocumentKind, Callable[[Inspection], bool]] = {
    DocumentKind.CORRECTION_ORDER: correction_order.available_for_inspection,
}


def available_documents(target: PenaltyCase | Inspection) -> list[DocumentKind]:
    """The documents that make sense for the case (or inspection) in its current state, in file order."""
    if isinstance(target, PenaltyCase):
        return [kind for kind, spec in CASE_DOCUMENTS.items() if spec.available(target)]
    return [kind for kind, available in INSPECTION_DOCUMENTS.items() if available(target)]


def document_title(kind: DocumentKind, case: PenaltyCase | None = None) -> str:
    if kind == DocumentKind.DECISION and case is not None and case.procedure == CaseProcedure.SIMPLIFIED:
        return decision.TITLE_ON_THE_SPOT
    return str(kind.label)


def render_document(
    *,
    kind: DocumentKind | str,
    case: PenaltyCase | None = None,
    inspection: Inspection | None = None,
    masked: bool = False,
) -> GeneratedDocument:
    """Lay out document `kind` of `case` or `inspection` and return the .docx with its 文号.

    The caller has already fetched the case or inspection through a scoped selector. Raises
    DomainError ``document.unknown_kind`` for a kind that does not exist for the target, and Conflict
    ``document.not_available`` (HTTP 409) for one that does not fit the current state (e.g. a
    决定书 before the decision). ``masked=True`` (决定书 only) builds the published version.
    """
    if (case is None) == (inspection is None):
        raise DomainError("请指定案件或检查记录之一。", code="document.target_invalid")
    try:
        kind = DocumentKind(kind)
    except ValueError as exc:
        raise DomainError(f"未知的文书类型“{kind}”。", code="document.unknown_kind") from exc
    if masked and kind != DocumentKind.DECISION:
        raise DomainError("只有行政处罚决定书有公开版。", code="document.no_public_version")
    if case is not None:
        spec = CASE_DOCUMENTS[kind]
        title = document_title(kind, case)
        if not spec.available(case):
            status = case.get_status_display()
            raise Conflict(f"案件当前状态（{status}）不能生成{title}。", code="document.not_available")
        number = case_document_number(kind=kind, case=case)
        built = spec.build(case, doc_number=number, masked=True) if masked else spec.build(case, doc_number=number)
    else:
        assert inspection is not None
        available = INSPECTION_DOCUMENTS.get(kind)
        title = str(kind.label)
        if available is None:
            raise DomainError(f"行政检查没有{title}。", code="document.unknown_kind")
        if not available(inspection):
            raise Conflict(f"该检查的结果不能生成{title}。", code="document.not_available")
        number = inspection_document_number(kind=kind, inspection=inspection)
        built = correction_order.build_for_inspection(inspection, doc_number=number)
    suffix = "（公开版）" if masked else ""
    filename = f"{title}{suffix}-{number}.docx".replace("/", "-").replace("\\", "-")
    content = built.render_to_bytes()
    return GeneratedDocument(kind=kind, filename=filename, content=content, doc_number=number, title=title)
