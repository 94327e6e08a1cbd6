"""Reconsideration API: one APIView per operation. Thin: parse, fetch through selectors, call one service."""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import date
from typing import Any, ClassVar
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.api.fields import DateField
from fazhi.core.errors import DomainError
from fazhi.orgs.selectors import org_unit_get_for_user
from fazhi.reconsideration import documents, selectors, services
from fazhi.reconsideration.api import serializers as s
from fazhi.reconsideration.models import ReconsiderationCase
from fazhi.reconsideration.statistics import reconsideration_statistics, year_bounds


def case_payload(case: ReconsiderationCase) -> dict[str, Any]:
    """The case with its deadlines (and their explanation), timeline, checks and allowed actions."""
    checks = selectors.case_checks(case=case, on=timezone.localdate())
    return {
        **s.CaseOutput(case).data,
        "allowed_actions": selectors.case_allowed_actions(case=case),
        "deadlines": s.DeadlineOutput(selectors.case_tracked_deadlines(case=case), many=True).data,
        "events": s.EventOutput(selectors.case_events(case=case), many=True).data,
        "checks": {
            "simplified_eligible": checks.simplified.eligible,
            "simplified_reason": checks.simplified.reason,
            "simplified_basis": checks.simplified.legal_basis,
            "hearing_mandatory": checks.hearing.mandatory,
            "hearing_reason": checks.hearing.reason,
            "committee_reasons": checks.committee_reasons,
            "missing_before_decision": checks.missing_before_decision,
        },
        "documents": [k.code for k in documents.available_kinds(case=case)],
    }


class CaseListApi(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("status", str), OpenApiParameter("q", str, description="案号或申请人")],
        responses={200: s.CaseOutput(many=True), 403: OpenApiResponse(description=selectors.CASE_VIEW_REFUSAL)},
        summary="行政复议案件列表",
    )
    def get(self, request: Request) -> Response:
        selectors.case_viewer_required(user=request.user)
        cases = selectors.case_list_visible_to(
            user=request.user, status=request.query_params.get("status"), query=request.query_params.get("q", "")
        )
        return Response(s.CaseOutput(cases[:500], many=True).data)

    @extend_schema(request=s.RegisterInput, responses={201: s.CaseOutput}, summary="登记行政复议申请")
    def post(self, request: Request) -> Response:
        data = s.RegisterInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        authority = selectors.authority_get_for_user(user=request.user, code=values.pop("authority"))
        respondent = selectors.respondent_get_for_user(user=request.user, code=values.pop("respondent"))
        penalty_id, inspection_id = values.pop("penalty_case_id", None), values.pop("inspection_id", None)
        record_late = values.pop("record_late")
        case = services.application_register(
            actor=request.user,
            authority=authority,
            respondent=respondent,
            data=services.ApplicationData(**values),
            penalty_case=selectors.contested_penalty_case_get(user=request.user, case_id=penalty_id)
            if penalty_id
            else None,
            inspection=selectors.contested_inspection_get(user=request.user, inspection_id=inspection_id)
            if inspection_id
            else None,
            record_late=record_late,
        )
        return Response(case_payload(case), status=201)


class CaseDetailApi(APIView):
    @extend_schema(responses={200: s.CaseOutput}, summary="行政复议案件详情（含期限及计算说明、过程记录）")
    def get(self, request: Request, case_id: int) -> Response:
        return Response(case_payload(selectors.case_get_for_user(user=request.user, case_id=case_id)))


class CaseActionApi(APIView, ABC):
    """Base of the transition endpoints: scoped fetch for edit, optimistic version, one service call."""

    input_serializer: ClassVar[type[serializers.Serializer]]

    @abstractmethod
    def perform(self, request: Request, case: ReconsiderationCase, data: dict[str, Any]) -> Any:
        """Call the transition's service; each endpoint subclass defines it."""

    def post(self, request: Request, case_id: int) -> Response:
        case = selectors.case_get_for_user(user=request.user, case_id=case_id, action="edit")
        data = self.input_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        version = values.pop("version", None)
        if version is not None:
            case.version = version
        self.perform(request, case, values)
        return Response(case_payload(selectors.case_get_for_user(user=request.user, case_id=case_id)))


def _action(name: str, serializer: type[serializers.Serializer], summary: str, call: Any) -> type[CaseActionApi]:
    """Build one APIView class per operation (with its own schema), all sharing CaseActionApi.post."""

    def perform(self: CaseActionApi, request: Request, case: ReconsiderationCase, data: dict[str, Any]) -> Any:
        return call(request, case, data)

    post = extend_schema(request=serializer, responses={200: s.CaseOutput}, summary=summary)(CaseActionApi.post)
    return type(name, (CaseActionApi,), {"input_serializer": serializer, "perform": perform, "post": post})


U = services
CorrectionRequestApi = _action("CorrectionRequestApi", s.CorrectionRequestInput, "通知补正",
    lambda r, c, d: U.case_request_correction(actor=r.user, case=c, **d))  # fmt: skip
CorrectionReceiptApi = _action("CorrectionReceiptApi", s.CorrectionReceiptInput, "收到补正材料",
    lambda r, c, d: U.case_receive_correction(actor=r.user, case=c, **d))  # fmt: skip
AbandonApi = _action("AbandonApi", s.OnDateInput, "逾期未补正视为放弃",
    lambda r, c, d: U.case_abandon(actor=r.user, case=c, on=d["on"]))  # fmt: skip
AcceptApi = _action("AcceptApi", s.AcceptInput, "受理", lambda r, c, d: U.case_accept(actor=r.user, case=c, **d))
RefuseApi = _action("RefuseApi", s.RefuseInput, "不予受理", lambda r, c, d: U.case_refuse(actor=r.user, case=c, **d))
PreAcceptanceClosureApi = _action("PreAcceptanceClosureApi", s.PreAcceptanceClosureInput, "案前调解和解结案",
    lambda r, c, d: U.case_close_before_acceptance(actor=r.user, case=c, **d))  # fmt: skip
ConvertApi = _action("ConvertApi", s.ConvertInput, "简易程序转为普通程序",
    lambda r, c, d: U.case_convert_to_general(actor=r.user, case=c, **d))  # fmt: skip
CopyApi = _action("CopyApi", s.CopyInput, "发送申请书副本", lambda r, c, d: U.case_send_copy(actor=r.user, case=c, **d))
ReplyApi = _action("ReplyApi", s.ReplyInput, "登记被申请人答复",
    lambda r, c, d: U.case_record_reply(actor=r.user, case=c, **d))  # fmt: skip
FlagsApi = _action(
    "FlagsApi", s.FlagsInput, "修改审理标记", lambda r, c, d: U.case_update_flags(actor=r.user, case=c, **d)
)
HearingScheduleApi = _action("HearingScheduleApi", s.HearingScheduleInput, "安排听证",
    lambda r, c, d: U.hearing_schedule(actor=r.user, case=c, **d))  # fmt: skip
HearingDeclineApi = _action("HearingDeclineApi", s.ReasonInput, "不组织听证",
    lambda r, c, d: U.hearing_decline(actor=r.user, case=c, **d))  # fmt: skip
InvestigationApi = _action("InvestigationApi", s.InvestigationInput, "调查取证",
    lambda r, c, d: U.investigation_record(actor=r.user, case=c, **d))  # fmt: skip
CommitteeApi = _action("CommitteeApi", s.CommitteeInput, "委员会咨询意见",
    lambda r, c, d: U.committee_consultation_record(actor=r.user, case=c, **d))  # fmt: skip
ExtensionApi = _action("ExtensionApi", s.ExtensionInput, "延长审理期限",
    lambda r, c, d: U.case_extend(actor=r.user, case=c, **d))  # fmt: skip
SuspensionApi = _action(
    "SuspensionApi", s.SuspensionInput, "中止", lambda r, c, d: U.case_suspend(actor=r.user, case=c, **d)
)
ResumptionApi = _action("ResumptionApi", s.ResumptionInput, "恢复审理",
    lambda r, c, d: U.case_resume(actor=r.user, case=c, **d))  # fmt: skip
DecisionApi = _action("DecisionApi", s.DecisionInput, "作出行政复议决定",
    lambda r, c, d: U.case_decide(actor=r.user, case=c, **d))  # fmt: skip
MediationApi = _action(
    "MediationApi", s.MediationInput, "调解结案", lambda r, c, d: U.case_mediate(actor=r.user, case=c, **d)
)
TerminationApi = _action("TerminationApi", s.TerminationInput, "终止行政复议",
    lambda r, c, d: U.case_terminate(actor=r.user, case=c, **d))  # fmt: skip


class HearingHeldApi(CaseActionApi):
    input_serializer = s.HearingHeldInput

    @extend_schema(request=s.HearingHeldInput, responses={200: s.CaseOutput}, summary="登记听证举行情况")
    def post(self, request: Request, case_id: int, hearing_id: int) -> Response:  # type: ignore[override]
        self.hearing_id = hearing_id
        return super().post(request, case_id)

    def perform(self, request: Request, case: ReconsiderationCase, data: dict[str, Any]) -> Any:
        hearing = case.hearings.filter(pk=self.hearing_id).first()
        if hearing is None:
            raise DomainError("听证不存在。", code="reconsideration.hearing_not_found")
        return services.hearing_record_held(actor=request.user, case=case, hearing=hearing, **data)


class LetterIssueApi(APIView):
    @extend_schema(request=s.LetterInput, responses={201: s.LetterOutput}, summary="制发意见书/建议书")
    def post(self, request: Request, case_id: int) -> Response:
        case = selectors.case_get_for_user(user=request.user, case_id=case_id, action="edit")
        data = s.LetterInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        recipient = org_unit_get_for_user(user=request.user, code=values.pop("recipient"))
        letter = services.letter_issue(actor=request.user, case=case, recipient=recipient, **values)
        return Response(s.LetterOutput(letter).data, status=201)


class LetterReportApi(APIView):
    @extend_schema(request=s.LetterReportInput, responses={200: s.LetterOutput}, summary="登记意见书整改情况")
    def post(self, request: Request, letter_id: int) -> Response:
        letter = selectors.letter_get_for_user(user=request.user, letter_id=letter_id, action="edit")
        data = s.LetterReportInput(data=request.data)
        data.is_valid(raise_exception=True)
        letter = services.letter_record_report(actor=request.user, letter=letter, **data.validated_data)
        return Response(s.LetterOutput(letter).data)


class DocumentApi(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("public", bool, description="隐去个人信息的公开版")],
        responses={(200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"): bytes},
        summary="下载行政复议文书（.docx）",
    )
    def get(self, request: Request, case_id: int, kind: str) -> HttpResponse:
        case = selectors.case_get_for_user(user=request.user, case_id=case_id)
        name, content = documents.build_document(case=case, kind=kind, public=request.query_params.get("public") == "1")
        return docx_response(name, content)


def docx_response(name: str, content: bytes) -> HttpResponse:
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


class AlertListApi(APIView):
    @extend_schema(responses={200: s.AlertOutput(many=True)}, summary="纠错提醒（以案促改）")
    def get(self, request: Request) -> Response:
        alerts = selectors.review_alert_list_visible_to(user=request.user)
        return Response(s.AlertOutput(alerts[:500], many=True).data)


class AlertAcknowledgeApi(APIView):
    @extend_schema(request=None, responses={200: s.AlertOutput}, summary="纠错提醒已阅")
    def post(self, request: Request, alert_id: int) -> Response:
        alert = selectors.review_alert_get_for_user(user=request.user, alert_id=alert_id)
        return Response(s.AlertOutput(services.review_alert_acknowledge(actor=request.user, alert=alert)).data)


class StatisticsInput(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    start = DateField(required=False)
    end = DateField(required=False)
    unit = serializers.CharField(required=False)
    category = serializers.CharField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "year" not in attrs and not ("start" in attrs and "end" in attrs):
            raise serializers.ValidationError("请提供 year，或 start 与 end。")
        return attrs


class StatisticsApi(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("year", int),
            OpenApiParameter("start", date),
            OpenApiParameter("end", date),
            OpenApiParameter("unit", str, description="被申请人单位编码（含下级）"),
            OpenApiParameter("category", str, description="案件类别（第十一条）"),
        ],
        responses={200: OpenApiTypes.OBJECT},
        summary="行政复议与应诉统计（收案、受理、审结、纠错率、调撤率、复议首选率、出庭应诉率、败诉率）",
    )
    def get(self, request: Request) -> Response:
        params = StatisticsInput(data=request.query_params)
        params.is_valid(raise_exception=True)
        values = params.validated_data
        start, end = (values["start"], values["end"]) if "start" in values else year_bounds(values["year"])
        unit = selectors.statistics_unit_for_user(user=request.user, code=values.get("unit"))
        report = reconsideration_statistics(start=start, end=end, unit=unit, category=values.get("category"))
        return Response(report.as_dict())
