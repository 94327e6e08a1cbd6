"""执法文书: the enforcement documents of penalty cases and inspections, laid out by core.documents (GB/T 9704).

One module per document (filing_approval 立案审批表, penalty_notice 行政处罚告知书, legal_review_opinion
法制审核意见书, decision 行政处罚决定书, service_receipt 送达回证, correction_order 责令改正通知书, closure_report
结案报告), the 文号 rule in
numbering, and the registry that says which documents fit a case's state. See docs/enforcement-documents.md.

    kinds = available_documents(case)                  # [DocumentKind.FILING_APPROVAL, …]
    generated = render_document(kind=DocumentKind.DECISION, case=case)
    generated.filename, generated.content, generated.doc_number
"""

from fazhi.enforcement.documents.kinds import (
    DOCX_CONTENT_TYPE,
    PDF_CONTENT_TYPE,
    DocumentKind,
    GeneratedDocument,
)
from fazhi.enforcement.documents.numbering import agency_code, suggested_decision_number
from fazhi.enforcement.documents.registry import available_documents, document_title, render_document

__all__ = [
    "DOCX_CONTENT_TYPE",
    "PDF_CONTENT_TYPE",
    "DocumentKind",
    "GeneratedDocument",
    "agency_code",
    "available_documents",
    "document_title",
    "render_document",
    "suggested_decision_number",
]
