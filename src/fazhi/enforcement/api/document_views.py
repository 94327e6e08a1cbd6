"""API downloads: the 执法文书 of a case (list + file) and evidence files.

GET /api/v1/enforcement/cases/<id>/documents/                 the documents the case has now, with 文号
GET /api/v1/enforcement/cases/<id>/documents/<kind>/           the .docx (?output=pdf for the PDF)
GET /api/v1/enforcement/evidence/<id>/download/                the stored evidence file

Scoped by the same selectors as the HTML views (uniform 404); errors in the one JSON shape. The
query parameter is `output`, not `format`, because DRF reserves `format` for content negotiation.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.errors import DomainError, NotFound
from fazhi.enforcement import selectors
from fazhi.enforcement.document_views import document_response, evidence_file_response
from fazhi.enforcement.documents import (
    DOCX_CONTENT_TYPE,
    PDF_CONTENT_TYPE,
    DocumentKind,
    available_documents,
    document_title,
    render_document,
)
from fazhi.enforcement.documents.numbering import case_document_number


class AnyFileRenderer(BaseRenderer):
    """Lets a client that asks for the file's own type (Accept: application/pdf) through negotiation.

    Only errors are ever rendered by it (files are returned as plain HttpResponses); they stay JSON.
    """

    media_type = "*/*"
    format = "file"
    charset = None

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        if isinstance(data, bytes):
            return data
        return json.dumps(data, ensure_ascii=False).encode()


class DocumentOutputSerializer(serializers.Serializer):
    kind = serializers.CharField(label="文书类型")
    title = serializers.CharField(label="文书名称")
    doc_number = serializers.CharField(label="文号")
    download_url = serializers.CharField(label="下载 .docx")
    pdf_url = serializers.CharField(label="下载 PDF")


class _FileApi(APIView):
    renderer_classes = [JSONRenderer, AnyFileRenderer]


class CaseDocumentListApi(APIView):
    @extend_schema(responses={200: DocumentOutputSerializer(many=True)}, summary="案件可生成的执法文书（含文号）")
    def get(self, request: Request, case_id: int) -> Response:
        case = selectors.penalty_case_get_for_user(user=request.user, case_id=case_id)
        rows = []
        for kind in available_documents(case):
            url = reverse("api-v1:enforcement-case-document", kwargs={"case_id": case.pk, "kind": kind.value})
            rows.append(
                {
                    "kind": kind.value,
                    "title": document_title(kind, case),
                    "doc_number": case_document_number(kind=kind, case=case),
                    "download_url": url,
                    "pdf_url": f"{url}?output=pdf",
                }
            )
        return Response(DocumentOutputSerializer(rows, many=True).data)


class CaseDocumentDownloadApi(_FileApi):
    @extend_schema(
        parameters=[OpenApiParameter("output", str, enum=["docx", "pdf"], description="docx（默认）或 pdf")],
        responses={
            (200, DOCX_CONTENT_TYPE): OpenApiTypes.BINARY,
            (200, PDF_CONTENT_TYPE): OpenApiTypes.BINARY,
            404: OpenApiResponse(description="案件不存在、无权访问或文书类型不存在"),
            409: OpenApiResponse(description="案件当前状态不能生成该文书（如决定前的决定书）"),
            503: OpenApiResponse(description="服务器未安装 LibreOffice，无法生成 PDF"),
        },
        summary="下载执法文书（.docx / PDF）",
    )
    def get(self, request: Request, case_id: int, kind: str) -> HttpResponse:
        case = selectors.penalty_case_get_for_user(user=request.user, case_id=case_id)
        if kind not in DocumentKind.values:
            raise NotFound("文书类型不存在。", code="document.unknown_kind")
        output = request.query_params.get("output", "docx")
        if output not in {"docx", "pdf"}:
            raise DomainError(
                "output 只能是 docx 或 pdf。", code="document.invalid_output", fields={"output": ["无效。"]}
            )
        return document_response(render_document(kind=kind, case=case), ext=output)


class EvidenceDownloadApi(_FileApi):
    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, 404: OpenApiResponse(description="不存在")},
        summary="下载证据文件",
    )
    def get(self, request: Request, evidence_id: int) -> HttpResponse:
        evidence = selectors.evidence_get_for_user(user=request.user, evidence_id=evidence_id)
        return evidence_file_response(evidence)
