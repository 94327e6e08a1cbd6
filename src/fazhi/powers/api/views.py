"""Powers API: lists, entries, import, export, counts and flexible-list suggestions. Thin: parse, call, serialise.

Reads are scoped to the caller's units; writes need the unit admin (or system admin) role over the
entry's unit. An entry outside the caller's administration answers the same 404 as a missing one.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.api.fields import DateField
from fazhi.core.api.importing import ImportReportOutputSerializer, import_report_response
from fazhi.core.api.pagination import BoundedLimitOffsetPagination
from fazhi.core.errors import DomainError, NotFound
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.selectors import org_unit_get_for_user
from fazhi.powers import selectors, services
from fazhi.powers.api import serializers as s
from fazhi.powers.choices import ListKind
from fazhi.powers.exporters import list_export
from fazhi.powers.importers import check_list_import_file, power_list_import_file
from fazhi.powers.models import PowerItem
from fazhi.powers.rules import ViolationFacts

LIST_PARAMETERS = [
    OpenApiParameter("q", str, description="编码或名称包含"),
    OpenApiParameter("unit", str, description="单位编码（含下级）"),
    OpenApiParameter("limit", int, description="每页条数"),
    OpenApiParameter("offset", int, description="起始位置"),
]


def _paginated(request: Request, view: APIView, rows: QuerySet[Any], output: type) -> Response:
    paginator = BoundedLimitOffsetPagination()
    page = paginator.paginate_queryset(rows, request, view=view)
    return paginator.get_paginated_response(output(page, many=True).data)


def _unit_param(request: Request) -> OrgUnit | None:
    code = request.query_params.get("unit")
    return org_unit_get_for_user(user=request.user, code=code) if code else None


def _managed_unit(request: Request, code: str) -> OrgUnit:
    """The unit by code if the caller administers it; NotFound otherwise (no existence leak)."""
    unit = org_unit_get_for_user(user=request.user, code=code)
    _require_manager(request, unit)
    return unit


def _require_manager(request: Request, unit: OrgUnit) -> None:
    if not selectors.user_can_manage_lists(user=request.user, unit=unit):
        raise NotFound("记录不存在或无权访问。", code="not_found")


def _visible_power_items(request: Request, codes: list[str]) -> list[PowerItem]:
    found = {i.code: i for i in selectors.power_item_list_visible_to(user=request.user).filter(code__in=codes)}
    missing = [code for code in codes if code not in found]
    if missing:
        message = f"未知的权责事项编码：{'、'.join(missing)}。"
        raise DomainError(message, code="unknown_power_item", fields={"power_item_codes": [message]})
    return [found[code] for code in codes]


# --- power items ---------------------------------------------------------------------------------


class PowerItemListApi(APIView):
    """The power items of the caller's units; unit admins add items to their units."""

    @extend_schema(
        parameters=[
            *LIST_PARAMETERS,
            OpenApiParameter("category", str, description="事项类别代码"),
            OpenApiParameter("status", str, description="状态代码"),
        ],
        responses={200: s.PowerItemPageSerializer},
        operation_id="powers_items_list",
        summary="权责事项列表",
    )
    def get(self, request: Request) -> Response:
        items = selectors.power_item_list_visible_to(
            user=request.user,
            query=request.query_params.get("q", ""),
            unit=_unit_param(request),
            category=request.query_params.get("category"),
            status=request.query_params.get("status"),
        )
        return _paginated(request, self, items, s.PowerItemOutputSerializer)

    @extend_schema(
        request=s.PowerItemCreateInputSerializer, responses={201: s.PowerItemOutputSerializer}, summary="新增权责事项"
    )
    def post(self, request: Request) -> Response:
        data = s.PowerItemCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        unit = _managed_unit(request, values.pop("owner_unit_code"))
        item = services.power_item_create(actor=request.user, owner_unit=unit, **values)
        item = selectors.power_item_get_for_user(user=request.user, code=item.code)
        return Response(s.PowerItemOutputSerializer(item).data, status=201)


class PowerItemDetailApi(APIView):
    @extend_schema(responses={200: s.PowerItemOutputSerializer}, summary="权责事项详情")
    def get(self, request: Request, code: str) -> Response:
        item = selectors.power_item_get_for_user(user=request.user, code=code)
        return Response(s.PowerItemOutputSerializer(item).data)

    @extend_schema(
        request=s.PowerItemUpdateInputSerializer, responses={200: s.PowerItemOutputSerializer}, summary="修改权责事项"
    )
    def patch(self, request: Request, code: str) -> Response:
        item = selectors.power_item_get_for_user(user=request.user, code=code)
        _require_manager(request, item.owner_unit)
        data = s.PowerItemUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.power_item_update(actor=request.user, item=item, **data.validated_data)
        item = selectors.power_item_get_for_user(user=request.user, code=code)
        return Response(s.PowerItemOutputSerializer(item).data)


class PowerItemCountsApi(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("on", OpenApiTypes.DATE, description="统计日期（默认今天）")],
        responses={200: s.UnitPowerCountOutputSerializer(many=True)},
        summary="各单位权责事项数",
    )
    def get(self, request: Request) -> Response:
        on_text = request.query_params.get("on")
        on = DateField().run_validation(on_text) if on_text else timezone.localdate()
        rows = selectors.power_item_counts_visible_to(user=request.user, on=on)
        return Response(s.UnitPowerCountOutputSerializer(rows, many=True).data)


# --- check items ---------------------------------------------------------------------------------


class CheckItemListApi(APIView):
    @extend_schema(
        parameters=[*LIST_PARAMETERS, OpenApiParameter("has_legal_basis", bool, description="是否有检查依据")],
        responses={200: s.CheckItemPageSerializer},
        operation_id="powers_check_items_list",
        summary="检查事项列表",
    )
    def get(self, request: Request) -> Response:
        basis = request.query_params.get("has_legal_basis")
        items = selectors.check_item_list_visible_to(
            user=request.user,
            query=request.query_params.get("q", ""),
            unit=_unit_param(request),
            has_legal_basis=None if basis is None else basis.lower() in {"1", "true", "yes"},
        )
        return _paginated(request, self, items, s.CheckItemOutputSerializer)

    @extend_schema(
        request=s.CheckItemCreateInputSerializer, responses={201: s.CheckItemOutputSerializer}, summary="新增检查事项"
    )
    def post(self, request: Request) -> Response:
        data = s.CheckItemCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        unit = _managed_unit(request, values.pop("owner_unit_code"))
        power_items = _visible_power_items(request, values.pop("power_item_codes"))
        item = services.check_item_create(actor=request.user, owner_unit=unit, power_items=power_items, **values)
        item = selectors.check_item_get_for_user(user=request.user, code=item.code)
        return Response(s.CheckItemOutputSerializer(item).data, status=201)


class CheckItemDetailApi(APIView):
    @extend_schema(responses={200: s.CheckItemOutputSerializer}, summary="检查事项详情")
    def get(self, request: Request, code: str) -> Response:
        item = selectors.check_item_get_for_user(user=request.user, code=code)
        return Response(s.CheckItemOutputSerializer(item).data)

    @extend_schema(
        request=s.CheckItemUpdateInputSerializer, responses={200: s.CheckItemOutputSerializer}, summary="修改检查事项"
    )
    def patch(self, request: Request, code: str) -> Response:
        item = selectors.check_item_get_for_user(user=request.user, code=code)
        _require_manager(request, item.owner_unit)
        data = s.CheckItemUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        if "power_item_codes" in values:
            values["power_items"] = _visible_power_items(request, values.pop("power_item_codes"))
        services.check_item_update(actor=request.user, item=item, **values)
        item = selectors.check_item_get_for_user(user=request.user, code=code)
        return Response(s.CheckItemOutputSerializer(item).data)


# --- discretion standards ------------------------------------------------------------------------


class DiscretionStandardListApi(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("power_item", str, description="权责事项编码"),
            OpenApiParameter("on", OpenApiTypes.DATE, description="在该日有效"),
            OpenApiParameter("limit", int),
            OpenApiParameter("offset", int),
        ],
        responses={200: s.DiscretionStandardPageSerializer},
        operation_id="powers_discretion_standards_list",
        summary="裁量基准列表",
    )
    def get(self, request: Request) -> Response:
        code = request.query_params.get("power_item")
        power_item = selectors.power_item_get_for_user(user=request.user, code=code) if code else None
        on_text = request.query_params.get("on")
        on = DateField().run_validation(on_text) if on_text else None
        standards = selectors.discretion_standard_list_visible_to(user=request.user, power_item=power_item, on=on)
        return _paginated(
            request,
            self,
            standards,
            s.DiscretionStandardOutputSerializer,
        )

    @extend_schema(
        request=s.DiscretionStandardCreateInputSerializer,
        responses={201: s.DiscretionStandardOutputSerializer},
        summary="新增裁量基准",
    )
    def post(self, request: Request) -> Response:
        data = s.DiscretionStandardCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        power_item = selectors.power_item_get_for_user(user=request.user, code=values.pop("power_item_code"))
        _require_manager(request, power_item.owner_unit)
        standard = services.discretion_standard_create(actor=request.user, power_item=power_item, **values)
        standard = selectors.discretion_standard_get_for_user(user=request.user, standard_id=standard.pk)
        return Response(s.DiscretionStandardOutputSerializer(standard).data, status=201)


class DiscretionStandardDetailApi(APIView):
    @extend_schema(responses={200: s.DiscretionStandardOutputSerializer}, summary="裁量基准详情")
    def get(self, request: Request, standard_id: int) -> Response:
        standard = selectors.discretion_standard_get_for_user(user=request.user, standard_id=standard_id)
        return Response(s.DiscretionStandardOutputSerializer(standard).data)

    @extend_schema(
        request=s.DiscretionStandardUpdateInputSerializer,
        responses={200: s.DiscretionStandardOutputSerializer},
        summary="修改裁量基准",
    )
    def patch(self, request: Request, standard_id: int) -> Response:
        standard = selectors.discretion_standard_get_for_user(user=request.user, standard_id=standard_id)
        _require_manager(request, standard.power_item.owner_unit)
        data = s.DiscretionStandardUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.discretion_standard_update(actor=request.user, standard=standard, **data.validated_data)
        standard = selectors.discretion_standard_get_for_user(user=request.user, standard_id=standard_id)
        return Response(s.DiscretionStandardOutputSerializer(standard).data)


# --- flexible measures ---------------------------------------------------------------------------


class FlexibleMeasureListApi(APIView):
    @extend_schema(
        parameters=[
            *LIST_PARAMETERS,
            OpenApiParameter("kind", str, description="清单类别：no_penalty / lighter_penalty / no_coercive_measure"),
        ],
        responses={200: s.FlexibleMeasurePageSerializer},
        operation_id="powers_flexible_measures_list",
        summary="柔性执法清单（三张清单）",
    )
    def get(self, request: Request) -> Response:
        measures = selectors.flexible_measure_list_visible_to(
            user=request.user,
            kind=request.query_params.get("kind"),
            unit=_unit_param(request),
            query=request.query_params.get("q", ""),
        )
        return _paginated(request, self, measures, s.FlexibleMeasureOutputSerializer)

    @extend_schema(
        request=s.FlexibleMeasureCreateInputSerializer,
        responses={201: s.FlexibleMeasureOutputSerializer},
        summary="新增柔性执法清单事项",
    )
    def post(self, request: Request) -> Response:
        data = s.FlexibleMeasureCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        unit = _managed_unit(request, values.pop("owner_unit_code"))
        power_item = selectors.power_item_get_for_user(user=request.user, code=values.pop("power_item_code"))
        measure = services.flexible_measure_create(actor=request.user, owner_unit=unit, power_item=power_item, **values)
        measure = selectors.flexible_measure_get_for_user(user=request.user, measure_id=measure.pk)
        return Response(s.FlexibleMeasureOutputSerializer(measure).data, status=201)


class FlexibleMeasureDetailApi(APIView):
    @extend_schema(responses={200: s.FlexibleMeasureOutputSerializer}, summary="柔性执法清单事项详情")
    def get(self, request: Request, measure_id: int) -> Response:
        measure = selectors.flexible_measure_get_for_user(user=request.user, measure_id=measure_id)
        return Response(s.FlexibleMeasureOutputSerializer(measure).data)

    @extend_schema(
        request=s.FlexibleMeasureUpdateInputSerializer,
        responses={200: s.FlexibleMeasureOutputSerializer},
        summary="修改柔性执法清单事项",
    )
    def patch(self, request: Request, measure_id: int) -> Response:
        measure = selectors.flexible_measure_get_for_user(user=request.user, measure_id=measure_id)
        _require_manager(request, measure.owner_unit)
        data = s.FlexibleMeasureUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.flexible_measure_update(actor=request.user, measure=measure, **data.validated_data)
        measure = selectors.flexible_measure_get_for_user(user=request.user, measure_id=measure_id)
        return Response(s.FlexibleMeasureOutputSerializer(measure).data)


class FlexibleMeasureSuggestionApi(APIView):
    """Which flexible-list entries fit a case: the enforcement app asks this when a case is decided."""

    @extend_schema(
        parameters=[s.SuggestionQuerySerializer],
        responses={200: s.SuggestionOutputSerializer(many=True)},
        summary="柔性执法清单适用建议",
    )
    def get(self, request: Request) -> Response:
        query = s.SuggestionQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        values = query.validated_data
        unit = org_unit_get_for_user(user=request.user, code=values["unit"])
        power_item = selectors.power_item_get_for_user(user=request.user, code=values["power_item"])
        facts = ViolationFacts(
            first_violation=values["first_violation"],
            harm=values["harm"],
            corrected_in_time=values["corrected_in_time"],
            minor_violation=values["minor_violation"],
            no_fault=values["no_fault"],
            mitigating_grounds=frozenset(values["mitigating"]),
        )
        suggestions = selectors.flexible_measure_suggestions(
            unit=unit, power_item=power_item, on=values["on"], facts=facts
        )
        return Response(s.SuggestionOutputSerializer(suggestions, many=True).data)


# --- import / export -----------------------------------------------------------------------------


class ListImportApi(APIView):
    """Upload a 权责清单 or 检查清单 file; any bad row means nothing is imported (400 with every bad row)."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": s.ImportInputSerializer},
        responses={200: ImportReportOutputSerializer, 400: OpenApiResponse(description="错误行列表")},
        summary="导入权责清单/检查清单",
    )
    def post(self, request: Request) -> Response:
        if not selectors.user_manages_any_unit(user=request.user):
            raise PermissionDenied("只有单位管理员可以导入清单。")
        data = s.ImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        run = power_list_import_file if data.validated_data["kind"] == ListKind.POWERS else check_list_import_file
        report = run(
            actor=request.user,
            data=upload.read(),
            filename=upload.name,
            dry_run=data.validated_data["dry_run"],
            restrict_to=request.user,
        )
        return import_report_response(report)


class ListExportApi(APIView):
    """Download the lists the caller sees as XLSX or CSV, with the import headers."""

    @extend_schema(
        parameters=[s.ExportQuerySerializer],
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
        summary="导出权责清单/检查清单",
    )
    def get(self, request: Request) -> HttpResponse:
        query = s.ExportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        values = query.validated_data
        unit = org_unit_get_for_user(user=request.user, code=values["unit"]) if values["unit"] else None
        exported = list_export(
            user=request.user,
            kind=values["kind"],
            file_format=values["file_format"],
            today=timezone.localdate(),
            query=values["q"],
            unit=unit,
        )
        response = HttpResponse(exported.content, content_type=exported.content_type)
        response["Content-Disposition"] = _attachment(exported.filename)
        return response


def _attachment(filename: str) -> str:
    # RFC 6266: an ASCII fallback name plus the Chinese name percent-encoded.
    return f"attachment; filename=\"export.{filename.rsplit('.', 1)[-1]}\"; filename*=UTF-8''{quote(filename)}"
