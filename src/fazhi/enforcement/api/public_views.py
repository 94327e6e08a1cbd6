"""Public API of 行政处罚公示: GET /api/v1/public/penalties/ (search, paginated) and …/<id>/ (no login, throttled).

Same reads as the public pages (fazhi.enforcement.public_selectors): PUBLIC_FIELDS only, natural
persons masked, withdrawn decisions gone from the list and answering 410 with the withdrawal
notice in the one error shape.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from fazhi.core.api.fields import DateField
from fazhi.core.errors import NotFound as DomainNotFound
from fazhi.enforcement import public_selectors

DEFAULT_RATE = "120/minute"


class PublicPenaltyThrottle(AnonRateThrottle):
    """Per-IP limit for anonymous callers; REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["public_penalties"] overrides."""

    scope = "public_penalties"

    def get_rate(self) -> str:
        return str(api_settings.DEFAULT_THROTTLE_RATES.get(self.scope) or DEFAULT_RATE)


class PublicPenaltyPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any] | None:
        """DRF's pages, with a page that does not exist named as such (404 `bad_page`), not as a record."""
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as exc:
            raise DomainNotFound("页码无效或超出范围：请从第1页起按 next 链接翻页。", code="bad_page") from exc


class PublicPenaltyOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    decision_number = serializers.CharField(label="决定书文号")
    unit_code = serializers.CharField(label="处罚机关编码")
    unit_name = serializers.CharField(label="处罚机关")
    party = serializers.CharField(source="party_display", label="当事人（自然人已隐名）")
    party_code = serializers.CharField(source="party_code_display", label="证件号码（自然人已隐去中间位）")
    cause = serializers.CharField(label="违法行为类型")
    facts = serializers.CharField(source="facts_summary", label="主要违法事实")
    penalty = serializers.CharField(source="penalty_summary", label="处罚内容")
    legal_basis = serializers.CharField(label="处罚依据")
    decided_on = DateField(label="决定日期")
    published_on = DateField(label="公示日期")


class PublicPenaltyFilterSerializer(serializers.Serializer):
    unit = serializers.CharField(required=False, allow_blank=True, max_length=32, label="处罚机关编码")
    party = serializers.CharField(required=False, allow_blank=True, max_length=100, label="当事人（公示名称）")
    decided_from = DateField(required=False, label="决定日期自")
    decided_to = DateField(required=False, label="决定日期至")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        first, last = attrs.get("decided_from"), attrs.get("decided_to")
        if first and last and first > last:
            raise serializers.ValidationError({"decided_to": ["结束日期不能早于开始日期。"]})
        return attrs


class ErrorSerializer(serializers.Serializer):
    class _Body(serializers.Serializer):
        code = serializers.CharField()
        message = serializers.CharField()
        fields = serializers.DictField()

    error = _Body()


class _PublicApi(APIView):
    permission_classes = [permissions.AllowAny]
    authentication_classes: list[type] = []  # public data: no session, so no CSRF, same answer for everyone
    throttle_classes = [PublicPenaltyThrottle]


class PublicPenaltyListApi(_PublicApi):
    @extend_schema(
        parameters=[
            OpenApiParameter("unit", str, description="处罚机关编码"),
            OpenApiParameter("party", str, description="当事人（按公示名称模糊查询；自然人仅能按隐名形式查询）"),
            OpenApiParameter("decided_from", str, description="决定日期自（YYYY-MM-DD）"),
            OpenApiParameter("decided_to", str, description="决定日期至（YYYY-MM-DD）"),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int, description="每页条数（最多 100）"),
        ],
        responses={200: PublicPenaltyOutputSerializer(many=True), 400: ErrorSerializer, 429: ErrorSerializer},
        summary="行政处罚决定公示列表（公开，无需登录）",
        tags=["public"],
        auth=[],
    )
    def get(self, request: Request) -> Response:
        query = PublicPenaltyFilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        publications = public_selectors.public_penalty_list(
            unit_code=data.get("unit") or None,
            party=data.get("party") or None,
            decided_from=data.get("decided_from"),
            decided_to=data.get("decided_to"),
        )
        paginator = PublicPenaltyPagination()
        page = paginator.paginate_queryset(publications, request, view=self) or []
        rows = public_selectors.public_penalty_rows(page)
        return paginator.get_paginated_response(PublicPenaltyOutputSerializer(rows, many=True).data)


class PublicPenaltyDetailApi(_PublicApi):
    @extend_schema(
        responses={
            200: PublicPenaltyOutputSerializer,
            404: ErrorSerializer,
            410: OpenApiResponse(ErrorSerializer, description="已撤回（第四十八条第二款）：仅返回撤回日期和说明"),
        },
        summary="行政处罚决定公示详情（公开，无需登录）",
        tags=["public"],
        auth=[],
    )
    def get(self, request: Request, publication_id: int) -> Response:
        penalty = public_selectors.public_penalty_get(publication_id=publication_id)
        return Response(PublicPenaltyOutputSerializer(penalty).data)
