"""Enforcement API: thin views — parse, fetch through a scoped selector, call one service, serialise.

Case transitions are generated from one table (TRANSITIONS below): each is an APIView with its own
InputSerializer and OpenAPI entry at POST /api/v1/enforcement/cases/<id>/<action>/.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.api.pagination import limit_and_offset
from fazhi.enforcement import selectors, services
from fazhi.enforcement.api import serializers as s
from fazhi.enforcement.models import PenaltyCase


def _case_detail(case: PenaltyCase) -> dict[str, Any]:
    return {
        "case": case,
        "deadlines": list(selectors.case_tracked_deadlines(case=case)),
        "allowed_actions": selectors.case_allowed_actions(case=case, on=timezone.localdate()),
        "surcharge_today": selectors.surcharge_now(case=case, on=timezone.localdate()),
        "payment": selectors.case_payment_status(case=case, on=timezone.localdate()),
    }


def _limit(request: Request) -> tuple[int, int]:
    return limit_and_offset(request, default=100)


# --- inspections ---------------------------------------------------------------------------------


class InspectionListApi(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("unit", str, description="单位编码（含下级）"),
            OpenApiParameter("outcome", str),
            OpenApiParameter("origin", str),
            OpenApiParameter("limit", int),
            OpenApiParameter("offset", int),
        ],
        responses={200: s.InspectionOutputSerializer(many=True)},
        summary="行政检查列表",
    )
    def get(self, request: Request) -> Response:
        inspections = selectors.inspection_list_visible_to(user=request.user).prefetch_related(
            "officers__person", "check_items"
        )
        if unit := request.query_params.get("unit"):
            inspections = inspections.filter(unit__code=unit)
        for name in ("outcome", "origin"):
            if value := request.query_params.get(name):
                inspections = inspections.filter(**{name: value})
        limit, offset = _limit(request)
        return Response(s.InspectionOutputSerializer(inspections[offset : offset + limit], many=True).data)

    @extend_schema(
        request=s.InspectionCreateInputSerializer, responses={201: s.InspectionOutputSerializer}, summary="登记行政检查"
    )
    def post(self, request: Request) -> Response:
        data = s.InspectionCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        unit = selectors.unit_get_for_action(user=request.user, code=values.pop("unit_code"), action="edit")
        inspection = services.inspection_record(actor=request.user, unit=unit, **values)
        return Response(s.InspectionOutputSerializer(inspection).data, status=201)


class InspectionDetailApi(APIView):
    @extend_schema(responses={200: s.InspectionOutputSerializer}, summary="行政检查详情")
    def get(self, request: Request, inspection_id: int) -> Response:
        inspection = selectors.inspection_get_for_user(user=request.user, inspection_id=inspection_id)
        return Response(s.InspectionOutputSerializer(inspection).data)


class _EvidenceUploadMixin:
    parser_classes = [MultiPartParser, FormParser]

    def _upload(self, request: Request, **owner: Any) -> Response:
        data = s.EvidenceUploadInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        upload = values.pop("file")
        evidence = services.evidence_add(
            actor=request.user, stream=upload, original_name=upload.name,
            content_type=upload.content_type or "application/octet-stream", **values, **owner,
        )  # fmt: skip
        return Response(s.EvidenceOutputSerializer(evidence).data, status=201)


class InspectionEvidenceApi(_EvidenceUploadMixin, APIView):
    @extend_schema(
        request={"multipart/form-data": s.EvidenceUploadInputSerializer},
        responses={201: s.EvidenceOutputSerializer},
        summary="上传检查证据",
    )
    def post(self, request: Request, inspection_id: int) -> Response:
        inspection = selectors.inspection_get_for_user(user=request.user, inspection_id=inspection_id, action="edit")
        return self._upload(request, inspection=inspection)


# --- cases -------------------------------------------------------------------------------------------


class CaseListApi(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("unit", str),
            OpenApiParameter("status", str),
            OpenApiParameter("procedure", str),
            OpenApiParameter("outcome", str),
            OpenApiParameter("limit", int),
            OpenApiParameter("offset", int),
        ],
        responses={200: s.CaseListOutputSerializer(many=True)},
        summary="行政处罚案件列表",
    )
    def get(self, request: Request) -> Response:
        cases = selectors.penalty_case_list_visible_to(user=request.user)
        if unit := request.query_params.get("unit"):
            cases = cases.filter(unit__code=unit)
        for name in ("status", "procedure", "outcome"):
            if value := request.query_params.get(name):
                cases = cases.filter(**{name: value})
        limit, offset = _limit(request)
        return Response(s.CaseListOutputSerializer(cases[offset : offset + limit], many=True).data)

    @extend_schema(request=s.CaseOpenInputSerializer, responses={201: s.CaseDetailOutputSerializer}, summary="立案")
    def post(self, request: Request) -> Response:
        data = s.CaseOpenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        unit = selectors.unit_get_for_action(user=request.user, code=values.pop("unit_code"), action="edit")
        inspection_id = values.pop("inspection_id")
        inspection = (
            selectors.inspection_get_for_user(user=request.user, inspection_id=inspection_id, action="edit")
            if inspection_id
            else None
        )
        case = services.case_open(actor=request.user, unit=unit, inspection=inspection, **values)
        return Response(s.CaseDetailOutputSerializer(_case_detail(case)).data, status=201)


class CaseOnTheSpotApi(APIView):
    @extend_schema(
        request=s.OnTheSpotInputSerializer,
        responses={201: s.CaseDetailOutputSerializer},
        summary="当场处罚（简易程序）",
    )
    def post(self, request: Request) -> Response:
        data = s.OnTheSpotInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        unit = selectors.unit_get_for_action(user=request.user, code=values.pop("unit_code"), action="edit")
        case = services.case_decide_on_the_spot(actor=request.user, unit=unit, **values)
        return Response(s.CaseDetailOutputSerializer(_case_detail(case)).data, status=201)


class CaseDetailApi(APIView):
    @extend_schema(responses={200: s.CaseDetailOutputSerializer}, summary="案件详情（含期限与可办理操作）")
    def get(self, request: Request, case_id: int) -> Response:
        case = selectors.penalty_case_get_for_user(user=request.user, case_id=case_id)
        return Response(s.CaseDetailOutputSerializer(_case_detail(case)).data)


class CaseTimelineApi(APIView):
    @extend_schema(responses={200: s.CaseEventOutputSerializer(many=True)}, summary="案件全过程记录")
    def get(self, request: Request, case_id: int) -> Response:
        case = selectors.penalty_case_get_for_user(user=request.user, case_id=case_id)
        return Response(s.CaseEventOutputSerializer(selectors.case_events(case=case), many=True).data)


class CaseTransitionsApi(APIView):
    @extend_schema(responses={200: s.ActionOutputSerializer(many=True)}, summary="当前可办理的操作")
    def get(self, request: Request, case_id: int) -> Response:
        case = selectors.penalty_case_get_for_user(user=request.user, case_id=case_id)
        actions = selectors.case_allowed_actions(case=case, on=timezone.localdate())
        return Response(s.ActionOutputSerializer(actions, many=True).data)


class CaseFlexibleSuggestionsApi(APIView):
    @extend_schema(
        responses={200: s.FlexibleSuggestionOutputSerializer(many=True)},
        summary="柔性执法清单提示（不予处罚/从轻减轻）",
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = selectors.penalty_case_get_for_user(user=request.user, case_id=case_id)
        suggestions = selectors.case_flexible_suggestions(case=case, on=timezone.localdate())
        return Response(s.FlexibleSuggestionOutputSerializer(suggestions, many=True).data)


class CaseEvidenceApi(_EvidenceUploadMixin, APIView):
    @extend_schema(responses={200: s.EvidenceOutputSerializer(many=True)}, summary="案件证据列表")
    def get(self, request: Request, case_id: int) -> Response:
        case = selectors.penalty_case_get_for_user(user=request.user, case_id=case_id)
        return Response(s.EvidenceOutputSerializer(selectors.case_evidence(case=case), many=True).data)

    @extend_schema(
        request={"multipart/form-data": s.EvidenceUploadInputSerializer},
        responses={201: s.EvidenceOutputSerializer},
        summary="上传案件证据",
    )
    def post(self, request: Request, case_id: int) -> Response:
        case = selectors.penalty_case_get_for_user(user=request.user, case_id=case_id, action="edit")
        return self._upload(request, case=case)


def _transition_api(
    name: str, input_serializer: type[s.VersionedInputSerializer], service: Callable[..., PenaltyCase], summary: str,
    action: str = "edit",
) -> type[APIView]:  # fmt: skip
    """Build the APIView of one case transition: version check in the service, uniform 404 by scope."""

    @extend_schema(request=input_serializer, responses={200: s.CaseDetailOutputSerializer}, summary=summary)
    def post(self: APIView, request: Request, case_id: int) -> Response:
        data = input_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        case = selectors.penalty_case_get_for_user(user=request.user, case_id=case_id, action=action)
        case.version = values.pop("version")  # the client's copy: a stale version is refused (409)
        case = service(actor=request.user, case=case, **values)
        return Response(s.CaseDetailOutputSerializer(_case_detail(case)).data)

    return type(name, (APIView,), {"post": post, "__doc__": summary})


# Services whose result is a side record (回避, 先行登记保存): the endpoint answers with the case detail,
# read again through the selector because the service may have moved the case (its version, officers,
# or status).


def _reloaded(actor: Any, case: PenaltyCase) -> PenaltyCase:
    return selectors.penalty_case_get_for_user(user=actor, case_id=case.pk)


def _recusal_declare(*, actor: Any, case: PenaltyCase, **values: Any) -> PenaltyCase:
    services.case_recusal_declare(actor=actor, case=case, **values)
    return _reloaded(actor, case)


def _recusal_decide(*, actor: Any, case: PenaltyCase, recusal_id: int, **values: Any) -> PenaltyCase:
    # `case` carries the client's version: the service answers 409 when it is stale.
    recusal = selectors.recusal_get_for_user(user=actor, recusal_id=recusal_id, action="edit")
    services.case_recusal_decide(actor=actor, case=case, recusal=recusal, **values)
    return _reloaded(actor, case)


def _preservation_register(*, actor: Any, case: PenaltyCase, **values: Any) -> PenaltyCase:
    services.evidence_preservation_register(actor=actor, case=case, **values)
    return _reloaded(actor, case)


def _preservation_decide(*, actor: Any, case: PenaltyCase, preservation_id: int, **values: Any) -> PenaltyCase:
    # `case` carries the client's version: the service answers 409 when it is stale.
    preservation = selectors.preservation_get_for_user(user=actor, preservation_id=preservation_id, action="edit")
    services.evidence_preservation_decide(actor=actor, case=case, preservation=preservation, **values)
    return _reloaded(actor, case)


TRANSITIONS: list[tuple[str, type[APIView]]] = [
    (path, _transition_api(name, serializer, service, summary, action))
    for path, name, serializer, service, summary, action in [
        ("investigate", "CaseInvestigateApi", s.InvestigateInputSerializer, services.case_investigation_start,
         "开始调查取证", "edit"),
        ("notify", "CaseNotifyApi", s.NotifyInputSerializer, services.case_notify, "告知拟处罚内容及权利", "edit"),
        ("statement", "CaseStatementApi", s.StatementInputSerializer, services.case_statement_record, "记录陈述申辩",
         "edit"),
        ("hearing-request", "CaseHearingRequestApi", s.HearingRequestInputSerializer, services.case_hearing_request,
         "登记听证申请", "edit"),
        ("hearing", "CaseHearingApi", s.HearingHoldInputSerializer, services.case_hearing_hold, "登记听证", "edit"),
        ("legal-review-submit", "CaseLegalReviewSubmitApi", s.DatedInputSerializer, services.case_legal_review_submit,
         "提交法制审核", "edit"),
        ("legal-review", "CaseLegalReviewApi", s.LegalReviewInputSerializer, services.case_legal_review_record,
         "法制审核意见（法制审核人员）", "review"),
        ("collective-discussion", "CaseCollectiveDiscussionApi", s.CollectiveDiscussionInputSerializer,
         services.case_collective_discussion_record, "登记集体讨论", "edit"),
        ("extend-deadline", "CaseExtendDeadlineApi", s.ExtendInputSerializer, services.case_decision_deadline_extend,
         "延长办案期限", "edit"),
        ("decide", "CaseDecideApi", s.DecideInputSerializer, services.case_decide, "作出行政处罚决定", "edit"),
        ("serve", "CaseServeApi", s.ServeInputSerializer, services.case_serve, "送达决定书", "edit"),
        ("surcharge-pause", "CaseSurchargePauseApi", s.SurchargePauseInputSerializer, services.case_surcharge_pause,
         "复议/诉讼期间暂停加处罚款", "edit"),
        ("surcharge-resume", "CaseSurchargeResumeApi", s.SurchargeResumeInputSerializer, services.case_surcharge_resume,
         "恢复计算加处罚款", "edit"),
        ("execute", "CaseExecuteApi", s.ExecuteInputSerializer, services.case_execution_record, "登记履行/执行完毕",
         "edit"),
        ("close", "CaseCloseApi", s.CloseInputSerializer, services.case_close, "结案", "edit"),
        ("close-without-penalty", "CaseCloseWithoutPenaltyApi", s.CloseWithoutPenaltyInputSerializer,
         services.case_close_without_penalty, "不予处罚结案（含首违不罚、教育改正）", "edit"),
        ("transfer", "CaseTransferApi", s.TransferInputSerializer, services.case_transfer, "移送司法机关", "edit"),
        ("withdraw", "CaseWithdrawApi", s.WithdrawCaseInputSerializer, services.case_withdraw, "撤销立案", "edit"),
        ("execution-end", "CaseExecutionEndApi", s.ExecutionEndInputSerializer, services.case_execution_end,
         "终结执行并结案（决定被撤销或确认无效，行政强制法第四十条第（四）项）", "edit"),
        ("decision-change", "CaseDecisionChangeApi", s.DecisionChangeInputSerializer,
         services.case_decision_change_record, "登记决定变更/撤销", "edit"),
        ("hearing-schedule", "CaseHearingScheduleApi", s.HearingScheduleInputSerializer, services.case_hearing_schedule,
         "通知听证时间、地点（第六十四条第二项）", "edit"),
        ("officers", "CaseOfficersAssignApi", s.OfficersAssignInputSerializer, services.case_officers_assign,
         "指派承办人员", "edit"),
        ("recusal", "CaseRecusalDeclareApi", s.RecusalDeclareInputSerializer, _recusal_declare,
         "登记回避申请（第四十三条）", "edit"),
        ("recusal-decision", "CaseRecusalDecideApi", s.RecusalDecideInputSerializer, _recusal_decide,
         "作出回避决定（第四十三条第三款）", "edit"),
        ("preservation", "CasePreservationApi", s.PreservationRegisterInputSerializer, _preservation_register,
         "先行登记保存（第五十六条）", "edit"),
        ("preservation-decision", "CasePreservationDecideApi", s.PreservationDecideInputSerializer,
         _preservation_decide, "登记保存处理决定（第五十六条）", "edit"),
        ("payment-arrangement", "CasePaymentArrangeApi", s.PaymentArrangeInputSerializer, services.case_payment_arrange,
         "批准暂缓或分期缴纳（第六十六条）", "edit"),
        ("instalment-payment", "CaseInstalmentPayApi", s.DatedInputSerializer, services.case_instalment_pay,
         "登记分期缴款（第六十六条第二款；最后一期登记履行完毕）", "edit"),
        ("cash-collect", "CaseCashCollectApi", s.CashCollectInputSerializer, services.case_cash_collect,
         "当场收缴罚款（第六十八条、第六十九条）", "edit"),
        ("cash-handover", "CaseCashHandoverApi", s.CashHandoverInputSerializer, services.case_cash_handover_record,
         "收缴罚款交至行政机关（第七十一条）", "edit"),
        ("cash-deposit", "CaseCashDepositApi", s.CashDepositInputSerializer, services.case_cash_deposit_record,
         "收缴罚款缴付银行（第七十一条）", "edit"),
        ("enforcement-demand", "CaseEnforcementDemandApi", s.EnforcementDemandInputSerializer,
         services.case_enforcement_demand, "催告履行（行政强制法第三十五条、第五十四条）", "edit"),
        ("enforcement-apply", "CaseEnforcementApplyApi", s.EnforcementApplyInputSerializer,
         services.case_enforcement_apply, "申请或实施强制执行（第七十二条；行政强制法第五十三条）", "edit"),
    ]
]  # fmt: skip


# --- publications ------------------------------------------------------------------------------


class CasePublishApi(APIView):
    @extend_schema(
        request=s.PublishInputSerializer, responses={201: s.PublicationOutputSerializer}, summary="公示处罚决定"
    )
    def post(self, request: Request, case_id: int) -> Response:
        data = s.PublishInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = selectors.penalty_case_get_for_user(user=request.user, case_id=case_id, action="edit")
        publication = services.publication_publish(actor=request.user, case=case, **data.validated_data)
        return Response(s.PublicationOutputSerializer(publication).data, status=201)


class PublicationListApi(APIView):
    @extend_schema(responses={200: s.PublicationOutputSerializer(many=True)}, summary="执法公示管理列表")
    def get(self, request: Request) -> Response:
        limit, offset = _limit(request)
        publications = selectors.publication_list_visible_to(user=request.user)[offset : offset + limit]
        return Response(s.PublicationOutputSerializer(publications, many=True).data)


class PublicationWithdrawApi(APIView):
    @extend_schema(
        request=s.PublicationWithdrawInputSerializer, responses={200: s.PublicationOutputSerializer}, summary="撤回公示"
    )
    def post(self, request: Request, publication_id: int) -> Response:
        data = s.PublicationWithdrawInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        publication = selectors.publication_get_for_user(
            user=request.user, publication_id=publication_id, action="edit"
        )
        publication = services.publication_withdraw(actor=request.user, publication=publication, **data.validated_data)
        return Response(s.PublicationOutputSerializer(publication).data)


class PublicPublicationListApi(APIView):
    """Public: live publications, masked; no login."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        parameters=[OpenApiParameter("unit", str), OpenApiParameter("limit", int), OpenApiParameter("offset", int)],
        responses={200: s.PublicPublicationOutputSerializer(many=True)},
        summary="行政处罚决定公示（公开）",
    )
    def get(self, request: Request) -> Response:
        limit, offset = _limit(request)
        rows = selectors.publication_list_public(unit_code=request.query_params.get("unit"))[offset : offset + limit]
        return Response(s.PublicPublicationOutputSerializer(rows, many=True).data)


# --- my work and imports -----------------------------------------------------------------------------


class MyWorkApi(APIView):
    @extend_schema(responses={200: s.WorkItemOutputSerializer(many=True)}, summary="我的案件和检查（按期限紧急程度）")
    def get(self, request: Request) -> Response:
        items = selectors.my_work(user=request.user, today=timezone.localdate())
        return Response(s.WorkItemOutputSerializer(items, many=True).data)


class InspectionImportApi(APIView):
    @extend_schema(
        request=s.InspectionImportInputSerializer,
        responses={200: s.BulkResultOutputSerializer, 400: s.BulkResultOutputSerializer},
        summary="批量导入行政检查（整批校验，任一行有误则全部不导入）",
    )
    def post(self, request: Request) -> Response:
        data = s.InspectionImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rows = [
            services.InspectionRow(
                **{**row, "officer_ids": tuple(row["officer_ids"]), "check_item_codes": tuple(row["check_item_codes"])}
            )
            for row in data.validated_data["rows"]
        ]
        result = services.inspection_bulk_import(actor=request.user, rows=rows)
        return Response(s.BulkResultOutputSerializer(result).data, status=400 if result.errors else 200)


class CaseImportApi(APIView):
    @extend_schema(
        request=s.CaseImportInputSerializer,
        responses={200: s.BulkResultOutputSerializer, 400: s.BulkResultOutputSerializer},
        summary="批量导入行政处罚案件（整批校验，任一行有误则全部不导入）",
    )
    def post(self, request: Request) -> Response:
        data = s.CaseImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rows = [
            services.CaseRow(
                **{**row, "officer_ids": tuple(row["officer_ids"]), "penalty_types": tuple(row["penalty_types"])}
            )
            for row in data.validated_data["rows"]
        ]
        result = services.penalty_case_bulk_import(actor=request.user, rows=rows)
        return Response(s.BulkResultOutputSerializer(result).data, status=400 if result.errors else 200)
