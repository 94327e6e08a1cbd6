"""Supervision API: indicators, drill-downs, snapshots and diffs, bulletins, case-file review, alerts.

Thin: parse, call a selector or a service, serialise. Every unit is resolved through
selectors.unit_get_for_user, so a unit outside the caller's scope answers the same 404 as a missing
one. Users without a supervision role (officers, legal reviewers, system admins …) get 403
supervision.no_access from the lists and the unit reads instead of empty answers, and a unit admin
403 supervision.supervisor_only for the supervisors' steps (publish, issue, draw), as the pages do.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.api.importing import ImportReportOutputSerializer, import_report_response
from fazhi.core.errors import NotFound
from fazhi.orgs.models import OrgUnit
from fazhi.supervision import bulletin_tables, importers, rules, selectors, services
from fazhi.supervision.api import serializers as s
from fazhi.supervision.documents import docx_response
from fazhi.supervision.models import AssessmentScheme, CaseFileReview, Snapshot
from fazhi.supervision.selectors.schemes import (
    assessment_scheme_get,
    assessment_scheme_versions,
    require_scheme_editor,
    require_scheme_reader,
    scheme_close_arguments,
    scheme_values,
)
from fazhi.supervision.selectors.scope import require_supervise, require_view


def _unit(request: Request, code: str | None, *, action: str = "") -> OrgUnit:
    """The unit asked for (default: the widest the caller sees). `action` names a supervisors' step
    (发布指标快照 …): a unit admin is refused it (403) before any unit is looked up."""
    if action:
        require_supervise(user=request.user, action=action)
    else:
        require_view(user=request.user)
    roles = selectors.SUPERVISE_ROLES if action else selectors.VIEW_ROLES
    if code:
        return selectors.unit_get_for_user(user=request.user, code=code, roles=roles)
    unit = selectors.unit_list_visible_to(user=request.user, roles=roles).order_by("depth", "path").first()
    if unit is None:
        raise NotFound("没有可查看的单位。", code="supervision.unit_not_found")
    return unit


def _period(request: Request, serializer_class: type = s.PeriodInput) -> tuple[OrgUnit, date, date, Any, dict]:
    data = serializer_class(data=request.query_params)
    data.is_valid(raise_exception=True)
    values = data.validated_data
    end = values.get("to") or timezone.localdate()
    start = values.get("from") or rules.quarter_start(end)
    as_of = values.get("as_of")
    as_of_day = timezone.localtime(as_of).date() if as_of else None
    # a reversed, absurd or unfinished period: 400 supervision.bad_period; a cut-off before it: bad_as_of
    rules.require_period(start, end, today=timezone.localdate(), as_of_day=as_of_day)
    unit = _unit(request, values.get("unit"))
    return unit, start, end, values.get("as_of"), values


def _snapshot_out(snapshot: Snapshot, *, with_payload: bool = True) -> dict[str, Any]:
    out = {
        "id": snapshot.pk,
        "kind": snapshot.kind,
        "title": snapshot.title,
        "unit": snapshot.unit.code,
        "from": snapshot.period_from.isoformat(),
        "to": snapshot.period_to.isoformat(),
        "as_of": snapshot.as_of.isoformat(),
        "created_at": snapshot.created_at.isoformat(),
    }
    if with_payload:
        out["figures"] = snapshot.payload.get("figures", {})
    return out


class IndicatorsApi(APIView):
    """Indicators of a unit (with everything under it) for a period, as of a cut-off; per unit too."""

    @extend_schema(parameters=[s.PeriodInput], responses={200: dict})
    def get(self, request: Request) -> Response:
        unit, start, end, as_of, _values = _period(request)
        services.rollups_merge_pending()  # an import's records count from the first read after it
        report = selectors.indicator_report(unit=unit, start=start, end=end, as_of=as_of)
        return Response(report.as_dict())


class DefinitionsApi(APIView):
    """The indicator definitions, every version, with their source and effective dates."""

    @extend_schema(responses={200: dict})
    def get(self, request: Request) -> Response:
        require_view(user=request.user)
        rows = [
            {
                "code": d.code,
                "version": d.version,
                "name": d.name,
                "numerator": d.numerator,
                "denominator": d.denominator,
                "multiplier": d.multiplier,
                "decimals": d.decimals,
                "unit_label": d.unit_label,
                "parameters": d.parameters,
                "source": d.source,
                "explanation": d.explanation,
                "confirmed": d.confirmed,
                "effective_from": d.effective_from.isoformat(),
                "effective_to": d.effective_to.isoformat() if d.effective_to else None,
            }
            for d in selectors.indicator_definition_list()
        ]
        return Response({"results": rows})


class DrillDownApi(APIView):
    """The rows behind a figure: kind is one of selectors.DRILLDOWNS."""

    @extend_schema(parameters=[s.DrillDownInput], responses={200: dict})
    def get(self, request: Request, kind: str) -> Response:
        unit, start, end, as_of, values = _period(request, s.DrillDownInput)
        services.rollups_merge_pending()
        result = selectors.drilldown(
            unit=unit,
            kind=kind,
            start=start,
            end=end,
            as_of=as_of,
            record_type=values.get("record_type"),
            limit=values["limit"],
            offset=values["offset"],
            party=values.get("party"),
        )
        return Response(
            {
                "kind": result.kind,
                "title": result.title,
                "unit": unit.code,
                "from": start.isoformat(),
                "to": end.isoformat(),
                "count": result.count,
                "offset": values["offset"],
                "columns": list(result.columns),
                "rows": [list(row) for row in result.rows],
            }
        )


class SnapshotListApi(APIView):
    """Published snapshots (GET); publish the figures of a unit and period (POST, supervisors)."""

    @extend_schema(responses={200: dict}, operation_id="supervision_snapshots_list")
    def get(self, request: Request) -> Response:
        require_view(user=request.user)
        rows = selectors.snapshot_list_visible_to(user=request.user)[:200]
        return Response({"results": [_snapshot_out(row, with_payload=False) for row in rows]})

    @extend_schema(request=s.SnapshotInput, responses={201: dict})
    def post(self, request: Request) -> Response:
        data = s.SnapshotInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        unit = _unit(request, values.get("unit"), action="发布指标快照")
        end = values.get("to") or timezone.localdate()
        snapshot = services.snapshot_publish(
            actor=request.user,
            unit=unit,
            start=values.get("from") or rules.quarter_start(end),
            end=end,
            as_of=values.get("as_of"),
            title=values.get("title", ""),
        )
        return Response(_snapshot_out(snapshot), status=201)


class SnapshotDetailApi(APIView):
    @extend_schema(responses={200: dict})
    def get(self, request: Request, snapshot_id: int) -> Response:
        require_view(user=request.user)
        return Response(_snapshot_out(selectors.snapshot_get_for_user(user=request.user, snapshot_id=snapshot_id)))


class SnapshotDiffApi(APIView):
    """Recompute a snapshot's figures now (or at as_of) and list each figure that changed."""

    @extend_schema(parameters=[s.DiffInput], responses={200: dict})
    def get(self, request: Request, snapshot_id: int) -> Response:
        require_view(user=request.user)
        snapshot = selectors.snapshot_get_for_user(user=request.user, snapshot_id=snapshot_id)
        data = s.DiffInput(data=request.query_params)
        data.is_valid(raise_exception=True)
        services.rollups_merge_pending()
        diff = selectors.snapshot_diff(snapshot=snapshot, as_of=data.validated_data.get("as_of"))
        return Response(
            {
                "snapshot": _snapshot_out(snapshot, with_payload=False),
                "recomputed_as_of": diff.recomputed_at.isoformat(),
                "changed": bool(diff.differences),
                "changed_after_cut_off": diff.changed_after_cut_off,
                "differences": [
                    {
                        "unit": d.unit_code,
                        "unit_name": selectors.snapshot_unit_label(snapshot=snapshot, code=d.unit_code),
                        "indicator": d.indicator,
                        "name": d.name,
                        "published": d.published,
                        "recomputed": d.recomputed,
                    }
                    for d in diff.differences
                ],
            }
        )


class BulletinListApi(APIView):
    """Issued bulletins (GET); issue the quarterly bulletin of a region (POST, supervisors)."""

    @extend_schema(responses={200: dict}, operation_id="supervision_bulletins_list")
    def get(self, request: Request) -> Response:
        require_view(user=request.user)
        rows = selectors.bulletin_list_visible_to(user=request.user)[:100]
        return Response({"results": [_bulletin_out(b, with_payload=False) for b in rows]})

    @extend_schema(request=s.BulletinInput, responses={201: dict})
    def post(self, request: Request) -> Response:
        data = s.BulletinInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        unit = _unit(request, values.get("unit"), action="印发通报")
        bulletin = services.bulletin_issue(
            actor=request.user,
            unit=unit,
            year=values["year"],
            quarter=values["quarter"],
            number=values["number"],
            issuer=values["issuer"],
            issued_on=values.get("issued_on") or timezone.localdate(),
            as_of=values.get("as_of"),
            bottom_n=values.get("bottom_n"),
        )
        return Response(_bulletin_out(bulletin), status=201)


def _bulletin_out(bulletin: Any, *, with_payload: bool = True) -> dict[str, Any]:
    out = {
        "id": bulletin.pk,
        "number": bulletin.number,
        "issuer": bulletin.issuer,
        "issued_on": bulletin.issued_on.isoformat(),
        "scheme": f"{bulletin.scheme_code} v{bulletin.scheme_version}",
        "bottom_n": bulletin.bottom_n,
        "snapshot": _snapshot_out(bulletin.snapshot, with_payload=False),
    }
    if with_payload:
        payload = bulletin.snapshot.payload
        out.update(
            ranking=payload["ranking"],
            not_ranked=payload.get("not_ranked", []),
            summoned=payload["summoned"],
            repeated=payload.get("repeated", []),
            missing_indicator_policy=bulletin_tables.policy(payload),  # 计零 for bulletins frozen before it was kept
        )
    return out


class BulletinDetailApi(APIView):
    @extend_schema(responses={200: dict})
    def get(self, request: Request, bulletin_id: int) -> Response:
        require_view(user=request.user)
        return Response(_bulletin_out(selectors.bulletin_get_for_user(user=request.user, bulletin_id=bulletin_id)))


class BulletinDocxApi(APIView):
    """The bulletin as a GB/T 9704 .docx."""

    @extend_schema(responses={(200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"): bytes})
    def get(self, request: Request, bulletin_id: int) -> HttpResponse:
        require_view(user=request.user)
        bulletin = selectors.bulletin_get_for_user(user=request.user, bulletin_id=bulletin_id)
        return docx_response(bulletin)


def _self_check_out(check: selectors.SelfCheck) -> dict[str, Any]:
    return {
        "case": check.case.pk,
        "rule_set": f"{check.rule_set.code} v{check.rule_set.version}",
        "score": str(check.score),
        "complete": not check.missing,
        "missing": [f.as_dict() for f in check.missing],
        "findings": [f.as_dict() for f in check.findings],
    }


class CaseSelfCheckApi(APIView):
    """完整性自查: the review rules run on one case of the caller's unit; nothing is written."""

    @extend_schema(responses={200: dict})
    def get(self, request: Request, case_id: int) -> Response:
        case = selectors.case_get_for_review(user=request.user, case_id=case_id)
        return Response(_self_check_out(selectors.case_self_check(case=case, today=timezone.localdate())))


def _review_out(review: CaseFileReview) -> dict[str, Any]:
    return {
        "id": review.pk,
        "case": review.case_id,
        "unit": review.unit.code,
        "status": review.status,
        "score": None if review.score is None else str(review.score),
        "findings": review.findings,
        "judgement_deduction": str(review.judgement_deduction),
        "judgement_note": review.judgement_note,
        "rectification_note": review.rectification_note,
        "recheck_note": review.recheck_note,
    }


class ReviewSampleApi(APIView):
    """Draw a reproducible sample of a unit's case files (supervisors)."""

    @extend_schema(request=s.SampleInput, responses={201: dict})
    def post(self, request: Request) -> Response:
        data = s.SampleInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        unit = _unit(request, values["unit"], action="抽取评查案卷")
        sample = services.review_sample_draw(
            actor=request.user,
            unit=unit,
            start=values["period_from"],
            end=values["period_to"],
            size=values["size"],
            seed=values["seed"],
            today=timezone.localdate(),
        )
        return Response(
            {
                "id": sample.pk,
                "seed": sample.seed,
                "candidates_digest": sample.candidates_digest,
                "reviews": [_review_out(r) for r in sample.reviews.select_related("unit")],
            },
            status=201,
        )


class ReviewScoreApi(APIView):
    """评查 (supervisors): 404 outside the caller's scope, 403 for the reviewed unit itself."""

    @extend_schema(request=s.ScoreInput, responses={200: dict})
    def post(self, request: Request, review_id: int) -> Response:
        review = selectors.review_get_for_user(user=request.user, review_id=review_id)
        data = s.ScoreInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        review = services.case_file_review_score(
            actor=request.user,
            review=review,
            reviewed_on=values.get("reviewed_on") or timezone.localdate(),
            judgement_deduction=values["judgement_deduction"],
            judgement_note=values["judgement_note"],
            today=timezone.localdate(),
        )
        return Response(_review_out(review))


class ReviewRectificationApi(APIView):
    """The reviewed unit reports its rectification: unit admins of the unit; a supervisor gets 403."""

    @extend_schema(request=s.NoteInput, responses={200: dict})
    def post(self, request: Request, review_id: int) -> Response:
        review = selectors.review_get_for_user(user=request.user, review_id=review_id)
        data = s.NoteInput(data=request.data)
        data.is_valid(raise_exception=True)
        review = services.review_rectification_submit(
            actor=request.user,
            review=review,
            note=data.validated_data["note"],
            on=data.validated_data.get("on") or timezone.localdate(),
        )
        return Response(_review_out(review))


class ReviewRecheckApi(APIView):
    """复核 (supervisors): 404 outside the caller's scope, 403 for the reviewed unit itself."""

    @extend_schema(request=s.RecheckInput, responses={200: dict})
    def post(self, request: Request, review_id: int) -> Response:
        review = selectors.review_get_for_user(user=request.user, review_id=review_id)
        data = s.RecheckInput(data=request.data)
        data.is_valid(raise_exception=True)
        review = services.review_recheck(
            actor=request.user,
            review=review,
            passed=data.validated_data["passed"],
            note=data.validated_data["note"],
            on=data.validated_data.get("on") or timezone.localdate(),
        )
        return Response(_review_out(review))


class AlertListApi(APIView):
    """Open alerts of the caller's units (the unit's to-do list)."""

    @extend_schema(responses={200: dict})
    def get(self, request: Request) -> Response:
        require_view(user=request.user)
        rows = selectors.alert_list_visible_to(user=request.user)[:500]
        return Response(
            {
                "results": [
                    {
                        "id": a.pk,
                        "kind": a.kind,
                        "kind_label": a.get_kind_display(),
                        "unit": a.unit.code,
                        "title": a.title,
                        "due_on": a.due_on.isoformat() if a.due_on else None,
                        "raised_at": a.raised_at.isoformat(),
                    }
                    for a in rows
                ]
            }
        )


class RecordImportApi(APIView):
    """执法信息导入: upload a record-intake file for the units in the caller's scope (supervisors, unit
    admins); any bad row means nothing is imported (400 with every bad row), as `fazhi import records`."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": s.RecordImportInput},
        responses={
            200: ImportReportOutputSerializer,
            400: OpenApiResponse(description="错误行列表（fields.rows）"),
            409: OpenApiResponse(description="另一次导入正在写入相同的记录编号"),
        },
        summary="导入执法信息",
    )
    def post(self, request: Request) -> Response:
        require_view(user=request.user)  # the uploaders are the supervision roles (user_can_import_records)
        data = s.RecordImportInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        report = importers.import_records_upload(values["file"], user=request.user, dry_run=values["dry_run"])
        return import_report_response(report)


def _scheme_out(scheme: AssessmentScheme) -> dict[str, Any]:
    return {"id": scheme.pk, "version": scheme.version, **scheme_values(scheme)}


class SchemeListApi(APIView):
    """考核指标体系: every version with its last save (GET, supervisors); a new version (POST, the
    supervisors of every top-level unit). 400 for bad weights or dates, 409 for an overlapping version."""

    @extend_schema(responses={200: dict}, operation_id="supervision_schemes_list")
    def get(self, request: Request) -> Response:
        require_scheme_reader(user=request.user)
        rows = [
            {
                **_scheme_out(v.scheme),
                "saved_by": v.saved_by,
                "saved_at": v.saved_at.isoformat() if v.saved_at else None,
                "reason": v.reason,
            }
            for v in assessment_scheme_versions()
        ]
        return Response({"results": rows})

    @extend_schema(request=s.SchemeInput, responses={201: dict})
    def post(self, request: Request) -> Response:
        require_scheme_editor(user=request.user)
        data = s.SchemeInput(data=request.data)
        data.is_valid(raise_exception=True)
        scheme = services.assessment_scheme_save(actor=request.user, **data.validated_data)
        return Response(_scheme_out(scheme), status=201)


class SchemeCloseApi(APIView):
    """Set a version's 失效日期 (the only change a version a bulletin used allows), so a new one can follow."""

    @extend_schema(request=s.SchemeCloseInput, responses={200: dict})
    def post(self, request: Request, scheme_id: int) -> Response:
        require_scheme_editor(user=request.user)
        data = s.SchemeCloseInput(data=request.data)
        data.is_valid(raise_exception=True)
        scheme = assessment_scheme_get(scheme_id=scheme_id)
        saved = services.assessment_scheme_save(
            actor=request.user, **scheme_close_arguments(scheme=scheme, **data.validated_data)
        )
        return Response(_scheme_out(saved))
