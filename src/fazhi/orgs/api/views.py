"""Orgs API: tokens, the current user, units and officers. Thin: parse, call, serialise."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth import authenticate
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.api.importing import ImportReportOutputSerializer, import_report_response
from fazhi.core.client_address import client_ip
from fazhi.core.errors import DomainError, Forbidden, NotFound
from fazhi.core.importing import ImportReport
from fazhi.orgs import importers, selectors, services
from fazhi.orgs.api import serializers as s
from fazhi.orgs.rules import CERTIFICATE_AUTHORITY_REFUSAL


class TokenObtainApi(APIView):
    """Exchange a username and password for an API token (rotates any previous token)."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list[type] = []

    @extend_schema(request=s.TokenInputSerializer, responses={200: s.TokenOutputSerializer}, summary="获取API令牌")
    def post(self, request: Request) -> Response:
        data = s.TokenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        username = data.validated_data["username"]
        if selectors.login_is_locked(username=username):
            raise DomainError("登录失败次数过多，请15分钟后再试。", code="login_locked")
        user = authenticate(request._request, username=username, password=data.validated_data["password"])
        if user is None:
            services.login_failure_record(username=username, ip_address=client_ip(request.META))
            raise DomainError("用户名或密码错误。", code="invalid_credentials")
        services.login_failures_clear(username=username)
        token = services.api_token_issue(actor=user, user=user, reason="通过API登录获取令牌")
        return Response({"token": token})


class MeApi(APIView):
    """Who am I: the user and their role grants."""

    @extend_schema(responses={200: s.MeOutputSerializer}, summary="当前用户")
    def get(self, request: Request) -> Response:
        grants = selectors.user_role_grants(user=request.user)
        payload = {"username": request.user.username, "display_name": str(request.user), "roles": grants}
        return Response(s.MeOutputSerializer(payload).data)


class OrgUnitListApi(APIView):
    """Units inside the caller's scope."""

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", str, description="单位类型"),
            OpenApiParameter("parent", str, description="上级单位编码"),
            OpenApiParameter("q", str, description="名称包含"),
        ],
        responses={200: s.OrgUnitOutputSerializer(many=True)},
        summary="单位列表",
    )
    def get(self, request: Request) -> Response:
        units = selectors.org_unit_list_visible_to(user=request.user)
        if kind := request.query_params.get("kind"):
            units = units.filter(kind=kind)
        if parent := request.query_params.get("parent"):
            units = units.filter(parent__code=parent)
        if query := request.query_params.get("q"):
            units = units.filter(name__contains=query)
        return Response(s.OrgUnitOutputSerializer(units, many=True).data)

    @extend_schema(
        request=s.OrgUnitCreateInputSerializer, responses={201: s.OrgUnitOutputSerializer}, summary="新增单位"
    )
    def post(self, request: Request) -> Response:
        data = s.OrgUnitCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        parent = selectors.org_unit_get_for_user(user=request.user, code=values["parent_code"])
        if not selectors.user_can_manage_unit(user=request.user, unit=parent):
            raise NotFound(f"单位“{parent.code}”不存在或无权访问。", code="org_unit_not_found")
        domains = list(selectors.enforcement_domain_list().filter(code__in=values["domains"]))
        missing = sorted(set(values["domains"]) - {d.code for d in domains})
        if missing:
            raise DomainError(
                f"未知的执法领域：{'、'.join(missing)}", code="unknown_domain", fields={"domains": missing}
            )
        unit = services.org_unit_create(
            actor=request.user,
            code=values["code"],
            name=values["name"],
            short_name=values["short_name"],
            document_prefix=values["document_prefix"],
            kind=values["kind"],
            parent=parent,
            is_enforcement_body=values["is_enforcement_body"],
            domains=domains,
            credit_code=values["credit_code"],
            reason=values["reason"],
        )
        return Response(s.OrgUnitOutputSerializer(unit).data, status=201)


class OrgUnitDetailApi(APIView):
    @extend_schema(responses={200: s.OrgUnitOutputSerializer}, summary="单位详情")
    def get(self, request: Request, code: str) -> Response:
        unit = selectors.org_unit_get_for_user(user=request.user, code=code)
        return Response(s.OrgUnitOutputSerializer(unit).data)


# The officers and certificates below are the 执法人员与执法证 registry: the same selectors as the page
# (orgs.views), so the API shows exactly what the page shows and refuses whom the page refuses (403).
REGISTRY_REFUSED = OpenApiResponse(description=selectors.CERTIFICATE_VIEW_REFUSAL)


class OfficerListApi(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("unit", str, description="单位编码（含下级）")],
        responses={200: s.OfficerOutputSerializer(many=True), 403: REGISTRY_REFUSED},
        summary="执法人员列表",
    )
    def get(self, request: Request) -> Response:
        selectors.certificate_view_units_or_refuse(user=request.user)
        officers = selectors.officer_registry_list_for(user=request.user)
        if unit_code := request.query_params.get("unit"):
            unit = selectors.org_unit_get_for_user(user=request.user, code=unit_code)
            officers = officers.filter(unit__path__startswith=unit.path)
        return Response(s.OfficerOutputSerializer(officers, many=True).data)


def _require_certificate_authority(request: Request, unit) -> None:  # type: ignore[no-untyped-def]
    """403 for a viewer (unit admin, system admin) of a registry record — orgs.rules.may_administer_certificates.
    Outside the registry the record was already NotFound (the same answer as "missing")."""
    if not selectors.user_can_administer_certificates(user=request.user, unit=unit):
        raise Forbidden(CERTIFICATE_AUTHORITY_REFUSAL, code="certificate_authority_required")


class CertificateListApi(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("status", str, description="状态"), OpenApiParameter("unit", str)],
        responses={200: s.CertificateOutputSerializer(many=True), 403: REGISTRY_REFUSED},
        summary="执法证列表",
    )
    def get(self, request: Request) -> Response:
        selectors.certificate_view_units_or_refuse(user=request.user)
        certificates = selectors.certificate_registry_list_for(user=request.user)
        if status := request.query_params.get("status"):
            certificates = certificates.filter(status=status)
        if unit_code := request.query_params.get("unit"):
            unit = selectors.org_unit_get_for_user(user=request.user, code=unit_code)
            certificates = certificates.filter(officer__unit__path__startswith=unit.path)
        return Response(s.CertificateOutputSerializer(certificates.order_by("number"), many=True).data)

    @extend_schema(
        request=s.CertificateIssueInputSerializer,
        responses={201: s.CertificateOutputSerializer},
        summary="登记执法证（发证登记，限司法行政机关）",
    )
    def post(self, request: Request) -> Response:
        data = s.CertificateIssueInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        officer = selectors.officer_registry_get_for_user(user=request.user, officer_id=values["officer_id"])
        _require_certificate_authority(request, officer.unit)
        domains = list(selectors.enforcement_domain_list().filter(code__in=values["domains"]))
        missing = sorted(set(values["domains"]) - {d.code for d in domains})
        if missing:
            raise DomainError(
                f"未知的执法领域：{'、'.join(missing)}", code="unknown_domain", fields={"domains": missing}
            )
        certificate = services.certificate_issue(
            actor=request.user,
            officer=officer,
            number=values["number"],
            issuer=values["issuer"],
            domains=domains,
            valid_from=values["valid_from"],
            valid_to=values["valid_to"],
            reason=values["reason"],
        )
        return Response(s.CertificateOutputSerializer(certificate).data, status=201)


class CertificateDetailApi(APIView):
    @extend_schema(responses={200: s.CertificateOutputSerializer}, summary="执法证详情")
    def get(self, request: Request, number: str) -> Response:
        certificate = selectors.certificate_registry_get_for_user(user=request.user, number=number)
        return Response(s.CertificateOutputSerializer(certificate).data)


class CertificateStatusApi(APIView):
    @extend_schema(
        request=s.CertificateStatusInputSerializer,
        responses={200: s.CertificateOutputSerializer},
        summary="执法证暂扣/恢复/注销（限司法行政机关）",
    )
    def post(self, request: Request, number: str) -> Response:
        certificate = selectors.certificate_registry_get_for_user(user=request.user, number=number)
        _require_certificate_authority(request, certificate.officer.unit)
        data = s.CertificateStatusInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        certificate = services.certificate_set_status(
            actor=request.user, certificate=certificate, **data.validated_data
        )
        return Response(s.CertificateOutputSerializer(certificate).data)


class OfficerCertificateValidityApi(APIView):
    @extend_schema(
        parameters=[s.CertificateValidityInputSerializer],
        responses={200: s.CertificateValidityOutputSerializer},
        summary="执法人员在某日是否持有有效执法证",
    )
    def get(self, request: Request, officer_id: int) -> Response:
        officer = selectors.officer_registry_get_for_user(user=request.user, officer_id=officer_id)
        params = s.CertificateValidityInputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        on = params.validated_data["on"]
        verdict = selectors.officer_certificate_validity(officer=officer, on=on)
        return Response({"officer_id": officer.pk, "on": on, "ok": verdict.ok, "reason": verdict.reason})


def _import_schema(summary: str, refused: str) -> dict[str, Any]:
    """The OpenAPI description shared by the two upload endpoints."""
    return {
        "request": {"multipart/form-data": s.OrgImportInputSerializer},
        "responses": {
            200: ImportReportOutputSerializer,
            400: OpenApiResponse(description="错误行列表（fields.rows），或文件类型、大小不符"),
            403: OpenApiResponse(description=refused),
            404: OpenApiResponse(description="无权导入"),
            409: OpenApiResponse(description="另一次导入正在写入相同的编码"),
        },
        "summary": summary,
    }


def _import_upload(request: Request, *, require: Callable[..., None], run: Callable[..., ImportReport]) -> Response:
    """Refuse a user who may not upload (404/403), then import the multipart `file` (200, 400 rows, 409)."""
    require(user=request.user)
    data = s.OrgImportInputSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    report = run(data.validated_data["file"], user=request.user, dry_run=data.validated_data["dry_run"])
    return import_report_response(report)


class UnitImportApi(APIView):
    """单位导入: upload a unit file for the caller's system-admin subtrees (superusers: every unit); any bad
    row means nothing is imported (400 with every bad row), as `fazhi import units`."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(**_import_schema("导入单位（限系统管理员）", "—"))
    def post(self, request: Request) -> Response:
        return _import_upload(request, require=importers.require_unit_uploader, run=importers.import_units_upload)


class OfficerImportApi(APIView):
    """执法人员/执法证导入: upload an officer file for the units whose certificates the caller administers
    (司法行政机关 supervisors, their region); as `fazhi import officers`, all or nothing."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(**_import_schema("导入执法人员与执法证（限司法行政机关）", CERTIFICATE_AUTHORITY_REFUSAL))
    def post(self, request: Request) -> Response:
        return _import_upload(request, require=importers.require_officer_uploader, run=importers.import_officers_upload)
