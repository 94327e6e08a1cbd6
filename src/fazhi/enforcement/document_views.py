"""Downloads for officers: the 执法文书 of a case or inspection (.docx, .pdf) and evidence files.

Every object is fetched through the scoped selectors, so "missing" and "not yours" are the same 404
(STYLE §8); anonymous users are sent to the login page. A document that does not fit the case's
state (a 决定书 before the decision) answers 409 with the reason. Files carry Content-Disposition:
attachment (evidence is never rendered inline: an uploaded HTML file must not run in our origin)
and Cache-Control: private, no-store (they hold personal data).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from fazhi.core.documents import convert_to_pdf
from fazhi.core.errors import DomainError, NotFound
from fazhi.enforcement import selectors
from fazhi.enforcement.documents import (
    DOCX_CONTENT_TYPE,
    PDF_CONTENT_TYPE,
    DocumentKind,
    GeneratedDocument,
    available_documents,
    document_title,
    render_document,
)
from fazhi.enforcement.models import Evidence, Inspection, PenaltyCase

ERROR_TEMPLATE = "enforcement/documents/unavailable.html"


def file_response(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def document_response(generated: GeneratedDocument, *, ext: str) -> HttpResponse:
    """The .docx as rendered, or its PDF rendering (LibreOffice; 503 when not installed)."""
    if ext == "pdf":
        filename = generated.filename.removesuffix(".docx") + ".pdf"
        return file_response(convert_to_pdf(generated.content), filename=filename, content_type=PDF_CONTENT_TYPE)
    return file_response(generated.content, filename=generated.filename, content_type=DOCX_CONTENT_TYPE)


def _kind(value: str) -> DocumentKind:
    try:
        return DocumentKind(value)
    except ValueError as exc:
        raise Http404("文书类型不存在。") from exc


def _case(request: HttpRequest, case_id: int) -> PenaltyCase:
    try:
        return selectors.penalty_case_get_for_user(user=request.user, case_id=case_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _inspection(request: HttpRequest, inspection_id: int) -> Inspection:
    try:
        return selectors.inspection_get_for_user(user=request.user, inspection_id=inspection_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _refused(request: HttpRequest, error: DomainError) -> HttpResponse:
    return render(request, ERROR_TEMPLATE, {"error": error}, status=error.status_code)


@require_safe
@never_cache
@login_required
def case_documents_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """The documents the case has now, with download links (also embeddable as a partial)."""
    case = _case(request, case_id)
    kinds = available_documents(case)
    items = [{"kind": kind, "title": document_title(kind, case)} for kind in kinds]
    template = "enforcement/documents/case_documents.html"
    if request.htmx:
        template += "#document-list"
    return render(request, template, {"case": case, "items": items})


@require_safe
@never_cache
@login_required
def case_document_download_view(request: HttpRequest, case_id: int, kind: str, ext: str) -> HttpResponse:
    case = _case(request, case_id)
    try:
        return document_response(render_document(kind=_kind(kind), case=case), ext=ext)
    except DomainError as error:
        return _refused(request, error)


@require_safe
@never_cache
@login_required
def inspection_document_download_view(request: HttpRequest, inspection_id: int, kind: str, ext: str) -> HttpResponse:
    inspection = _inspection(request, inspection_id)
    try:
        return document_response(render_document(kind=_kind(kind), inspection=inspection), ext=ext)
    except DomainError as error:
        if error.code == "document.unknown_kind":
            raise Http404(error.message) from error
        return _refused(request, error)


@require_safe
@never_cache
@login_required
def evidence_download_view(request: HttpRequest, evidence_id: int) -> FileResponse:
    """The stored evidence file, as an attachment with its recorded content type and original name."""
    try:
        evidence = selectors.evidence_get_for_user(user=request.user, evidence_id=evidence_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return evidence_file_response(evidence)


def evidence_file_response(evidence: Evidence) -> FileResponse:
    response = FileResponse(
        selectors.evidence_open(evidence=evidence),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
