"""The kinds of enforcement documents (执法文书) and what rendering one returns."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    """One value per document, in case-file order; the value is the URL slug (…/documents/<kind>.docx)."""

    FILING_APPROVAL = "filing-approval", _("立案审批表")
    CORRECTION_ORDER = "correction-order", _("责令改正通知书")
    PENALTY_NOTICE = "penalty-notice", _("行政处罚告知书")
    LEGAL_REVIEW_OPINION = "legal-review-opinion", _("法制审核意见书")
    DECISION = "decision", _("行政处罚决定书")
    SERVICE_RECEIPT = "service-receipt", _("送达回证")
    CLOSURE_REPORT = "closure-report", _("结案报告")


DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_CONTENT_TYPE = "application/pdf"


@dataclass(frozen=True, slots=True)
class GeneratedDocument:
    """A rendered document: the download file name, the .docx bytes and the 文号 printed on it."""

    kind: DocumentKind
    filename: str
    content: bytes
    doc_number: str
    title: str
    content_type: str = DOCX_CONTENT_TYPE

    @property
    def bytes(self) -> bytes:  # the name the issue uses: GeneratedDocument(filename, bytes, doc_number)
        return self.content
