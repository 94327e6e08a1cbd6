"""Public deadline API: the 期限计算器 is open to everyone, like the web page."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.deadlines.api.serializers import (
    DeadlineComputeInputSerializer,
    DeadlineComputeOutputSerializer,
    DeadlineRuleOutputSerializer,
)
from fazhi.core.deadlines.selectors import deadline_compute, deadline_rule_list


class DeadlineComputeApi(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("rule", str, required=True, description="规则代码，如 penalty.service"),
            OpenApiParameter("start", str, required=True, description="起算日 YYYY-MM-DD"),
            OpenApiParameter("extend", int, description="依法延长的天数"),
        ],
        responses={200: DeadlineComputeOutputSerializer},
        summary="计算法定期限",
    )
    def get(self, request: Request) -> Response:
        data = DeadlineComputeInputSerializer(data=request.query_params)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        result = deadline_compute(rule_code=values["rule"], start=values["start"], extension=values["extend"])
        return Response(DeadlineComputeOutputSerializer(result.as_dict()).data)


class DeadlineRuleListApi(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(responses={200: DeadlineRuleOutputSerializer(many=True)}, summary="期限规则列表")
    def get(self, request: Request) -> Response:
        return Response(DeadlineRuleOutputSerializer(deadline_rule_list(), many=True).data)
