"""Litigation API: one APIView per operation."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.errors import NotFound
from fazhi.litigation import selectors, services
from fazhi.litigation.api import serializers as s
from fazhi.litigation.models import LitigationCase
from fazhi.reconsideration import selectors as reconsideration_selectors


def _edit(request: Request, case_id: int, data: dict[str, Any]) -> LitigationCase:
    case = selectors.case_get_for_user(user=request.user, case_id=case_id, action="edit")
    version = data.pop("version", None)
    if version is not None:
        case.version = version
    return case


def _output(request: Request, case_id: int) -> Response:
    return Response(s.CaseOutput(selectors.case_get_for_user(user=request.user, case_id=case_id)).data)


class CaseListApi(APIView):
    @extend_schema(
        responses={200: s.CaseOutput(many=True), 403: OpenApiResponse(description=selectors.CASE_VIEW_REFUSAL)},
        summary="行政应诉案件列表",
    )
    def get(self, request: Request) -> Response:
        selectors.case_viewer_required(user=request.user)
        cases = selectors.case_list_visible_to(user=request.user, query=request.query_params.get("q", ""))
        rows = list(cases[:500])
        periods = selectors.case_suit_periods(cases=rows)
        return Response(s.CaseOutput(rows, many=True, context={"suit_periods": periods}).data)

    @extend_schema(request=s.RegisterInput, responses={201: s.CaseOutput}, summary="登记行政应诉案件")
    def post(self, request: Request) -> Response:
        data = s.RegisterInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        responsible = (
            selectors.responsible_unit_list_for_user(user=request.user)
            .filter(code=values.pop("responsible_unit"))
            .first()
        )
        if responsible is None:
            raise NotFound("应诉主办单位不存在或无权办理。", code="litigation.unit_not_found")
        defendants = [
            (selectors.defendant_unit_get_for_user(user=request.user, code=d["unit"]), d["role"])
            for d in values.pop("defendants")
        ]
        recon_id, penalty_id = values.pop("reconsideration_case_id", None), values.pop("penalty_case_id", None)
        case = services.litigation_case_register(
            actor=request.user,
            responsible_unit=responsible,
            data=services.LawsuitData(**values),
            defendants=defendants,
            reconsideration_case=reconsideration_selectors.case_get_for_user(user=request.user, case_id=recon_id)
            if recon_id
            else None,
            penalty_case=reconsideration_selectors.contested_penalty_case_get(user=request.user, case_id=penalty_id)
            if penalty_id
            else None,
        )
        return Response(s.CaseOutput(case).data, status=201)


class CaseDetailApi(APIView):
    @extend_schema(responses={200: s.CaseOutput}, summary="行政应诉案件详情")
    def get(self, request: Request, case_id: int) -> Response:
        return _output(request, case_id)


class DefenceApi(APIView):
    @extend_schema(request=s.DefenceInput, responses={200: s.CaseOutput}, summary="提交答辩状")
    def post(self, request: Request, case_id: int) -> Response:
        data = s.DefenceInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        services.litigation_defence_submit(actor=request.user, case=_edit(request, case_id, values), **values)
        return _output(request, case_id)


class HearingApi(APIView):
    @extend_schema(request=s.HearingInput, responses={200: s.CaseOutput}, summary="登记开庭及负责人出庭情况")
    def post(self, request: Request, case_id: int) -> Response:
        data = s.HearingInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        services.litigation_hearing_record(actor=request.user, case=_edit(request, case_id, values), **values)
        return _output(request, case_id)


class ConcludeApi(APIView):
    @extend_schema(request=s.ConcludeInput, responses={200: s.CaseOutput}, summary="登记裁判结果")
    def post(self, request: Request, case_id: int) -> Response:
        data = s.ConcludeInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        services.litigation_case_conclude(actor=request.user, case=_edit(request, case_id, values), **values)
        return _output(request, case_id)


class SuggestionApi(APIView):
    @extend_schema(request=s.SuggestionInput, responses={200: s.CaseOutput}, summary="登记司法建议")
    def post(self, request: Request, case_id: int) -> Response:
        data = s.SuggestionInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        services.judicial_suggestion_record(actor=request.user, case=_edit(request, case_id, values), **values)
        return _output(request, case_id)


class SuggestionAnswerApi(APIView):
    @extend_schema(request=s.SuggestionAnswerInput, responses={200: s.CaseOutput}, summary="回复司法建议")
    def post(self, request: Request, case_id: int, suggestion_id: int) -> Response:
        case = selectors.case_get_for_user(user=request.user, case_id=case_id, action="edit")
        suggestion = case.suggestions.filter(pk=suggestion_id).first()
        if suggestion is None:
            raise NotFound("司法建议不存在。", code="litigation.suggestion_not_found")
        data = s.SuggestionAnswerInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.judicial_suggestion_answer(actor=request.user, suggestion=suggestion, **data.validated_data)
        return _output(request, case_id)
