"""Legal library API: search sources and articles, resolve citations. Read-only; login required.

Thin: parse the query with an InputSerializer, call a selector, serialise. Errors reach the client
through the project's exception handler in the one shape {"error": {"code", "message", "fields"}}.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.api.pagination import BoundedLimitOffsetPagination
from fazhi.legal import selectors
from fazhi.legal.api import serializers as s

_PAGING = [
    OpenApiParameter("limit", int, description="每页条数（默认50）"),
    OpenApiParameter("offset", int, description="起始位置"),
]


class LegalSourceListApi(APIView):
    """Sources whose title or short title contains `q`."""

    @extend_schema(
        parameters=[s.SourceListInputSerializer, *_PAGING],
        responses={200: s.SourcePageOutputSerializer},
        operation_id="legal_sources_list",
        summary="法律法规列表/检索",
    )
    def get(self, request: Request) -> Response:
        params = s.SourceListInputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        sources = selectors.legal_source_search(
            query=params.validated_data["q"], level=params.validated_data.get("level")
        )
        paginator = BoundedLimitOffsetPagination()
        page = paginator.paginate_queryset(sources, request, view=self)
        return paginator.get_paginated_response(s.SourceOutputSerializer(page, many=True).data)


class LegalSourceDetailApi(APIView):
    """One source with all its versions."""

    @extend_schema(responses={200: s.SourceDetailOutputSerializer}, summary="法律法规详情（含版本）")
    def get(self, request: Request, source_id: int) -> Response:
        source = selectors.legal_source_get(source_id=source_id)
        current = selectors.legal_version_current(source=source)
        payload = {
            **s.SourceOutputSerializer(source).data,
            "versions": s.VersionOutputSerializer(selectors.legal_source_versions(source=source), many=True).data,
            "current_version_id": current.pk if current else None,
        }
        return Response(payload)


class LegalArticleSearchApi(APIView):
    """Articles whose text contains `q` (in the versions that apply on `on`, default today)."""

    @extend_schema(
        parameters=[s.ArticleSearchInputSerializer, *_PAGING],
        responses={200: s.ArticlePageOutputSerializer},
        summary="条文检索",
    )
    def get(self, request: Request) -> Response:
        params = s.ArticleSearchInputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        values = params.validated_data
        source = selectors.legal_source_get(source_id=values["source"]) if values.get("source") else None
        articles = selectors.legal_article_search(
            query=values["q"], source=source, on=values.get("on"), all_versions=values["all_versions"]
        )
        paginator = BoundedLimitOffsetPagination()
        page = paginator.paginate_queryset(articles, request, view=self)
        return paginator.get_paginated_response(s.ArticleOutputSerializer(page, many=True).data)


class LegalCitationResolveApi(APIView):
    """Resolve 《中华人民共和国行政处罚法》第五十一条 to the article text in force (or on `on`)."""

    @extend_schema(
        parameters=[s.CitationResolveInputSerializer],
        responses={200: s.CitationResolveOutputSerializer},
        summary="解析法条引用",
    )
    def get(self, request: Request) -> Response:
        params = s.CitationResolveInputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        resolved = selectors.legal_citation_resolve(
            params.validated_data["citation"], on=params.validated_data.get("on")
        )
        payload = {
            "citation": resolved.citation,
            "paragraph": resolved.paragraph,
            "paragraph_text": resolved.paragraph_text,
            "article": s.ArticleOutputSerializer(resolved.article).data,
            "version": s.VersionOutputSerializer(resolved.version).data,
        }
        return Response(payload)
