"""Spot-check API: plans, commit and draw, public draws with verification, tasks, 回避, statistics.

Thin: parse, call one service or selector, serialise. Public endpoints (no login) return only
committed/drawn plans, the draw's commitment and counts, and the published results, masked
(spotchecks.rules.plans.task_is_public: no risk class, no inspector, no entity before its result).
"""

from __future__ import annotations

from dataclasses import asdict

from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.errors import DomainError, NotFound
from fazhi.orgs.selectors import org_unit_get_for_user
from fazhi.powers.selectors import check_items_by_code
from fazhi.spotchecks import selectors, services
from fazhi.spotchecks.api import serializers as s
from fazhi.spotchecks.rules.plans import parse_quota


class PlanListApi(APIView):
    @extend_schema(responses={200: s.PlanOutputSerializer(many=True)}, summary="抽查计划列表")
    def get(self, request: Request) -> Response:
        return Response(s.PlanOutputSerializer(selectors.plan_list_visible_to(user=request.user), many=True).data)

    @extend_schema(request=s.PlanCreateInputSerializer, responses={201: s.PlanOutputSerializer}, summary="制定抽查计划")
    def post(self, request: Request) -> Response:
        data = s.PlanCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        organizer = org_unit_get_for_user(user=request.user, code=values["organizer"])
        departments = [
            services.DepartmentSpec(org_unit_get_for_user(user=request.user, code=d["unit"]), d["team_size"])
            for d in values["departments"]
        ]
        found = check_items_by_code(codes=values["check_items"])
        missing = sorted(set(values["check_items"]) - set(found))
        if missing:
            raise DomainError(
                f"检查事项不存在：{'、'.join(missing)}",
                code="spotcheck.check_item_unknown",
                fields={"check_items": missing},
            )
        quotas = None
        if values.get("quotas"):
            quotas = services.default_quotas()
            quotas.update({c.upper(): parse_quota(v, risk_class=c.upper()) for c, v in values["quotas"].items()})
        plan = services.plan_create(
            actor=request.user,
            name=values["name"],
            organizer=organizer,
            departments=departments,
            check_items=[found[code] for code in values["check_items"]],
            period_start=values["period_start"],
            period_end=values["period_end"],
            quotas=quotas,
            scope_area=values["scope_area"],
            scope_industry=values["scope_industry"],
            scope_tag=values["scope_tag"],
            max_checks_per_year=values["max_checks_per_year"],
            exclude_inspected_days=values["exclude_inspected_days"],
            avoid_repeat_inspector=values["avoid_repeat_inspector"],
            abnormal_as_highest=values["abnormal_as_highest"],
        )
        return Response(
            s.PlanOutputSerializer(selectors.plan_get_for_user(user=request.user, plan_id=plan.pk)).data, status=201
        )


class PlanDetailApi(APIView):
    @extend_schema(responses={200: s.PlanOutputSerializer}, summary="抽查计划详情")
    def get(self, request: Request, plan_id: int) -> Response:
        return Response(s.PlanOutputSerializer(selectors.plan_get_for_user(user=request.user, plan_id=plan_id)).data)


class PlanCommitApi(APIView):
    @extend_schema(request=s.CommitInputSerializer, responses={201: s.DrawOutputSerializer}, summary="公布抽取承诺")
    def post(self, request: Request, plan_id: int) -> Response:
        plan = selectors.plan_get_for_planner(user=request.user, plan_id=plan_id)
        data = s.CommitInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        draw = services.plan_commit(actor=request.user, plan=plan, seed_source=data.validated_data["seed_source"])
        return Response(s.DrawOutputSerializer(draw).data, status=201)


class PlanDrawApi(APIView):
    @extend_schema(request=s.DrawInputSerializer, responses={200: s.DrawOutputSerializer}, summary="公开种子并抽取")
    def post(self, request: Request, plan_id: int) -> Response:
        plan = selectors.plan_get_for_planner(user=request.user, plan_id=plan_id)
        data = s.DrawInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        draw = services.plan_draw(
            actor=request.user,
            plan=plan,
            seed_text=data.validated_data["seed"],
            witnesses=data.validated_data["witnesses"],
        )
        return Response(s.DrawOutputSerializer(draw).data)


class PlanPublishApi(APIView):
    @extend_schema(request=None, responses={200: dict}, summary="公示抽查结果")
    def post(self, request: Request, plan_id: int) -> Response:
        plan = selectors.plan_get_for_planner(user=request.user, plan_id=plan_id)
        return Response({"published": services.plan_results_publish(actor=request.user, plan=plan)})


class PlanStatsApi(APIView):
    @extend_schema(responses={200: dict}, summary="抽查计划统计")
    def get(self, request: Request, plan_id: int) -> Response:
        plan = selectors.plan_get_for_user(user=request.user, plan_id=plan_id)
        return Response(selectors.plan_stats(plan=plan).as_dict())


class PublicPlanListApi(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(responses={200: s.PlanOutputSerializer(many=True)}, summary="公开：抽查计划")
    def get(self, request: Request) -> Response:
        return Response(s.PlanOutputSerializer(selectors.plan_list_public(), many=True).data)


class PublicPlanDetailApi(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        responses={200: s.PublicPlanOutputSerializer}, summary="公开：抽查计划、抽取记录与已公示的抽查结果（已脱敏）"
    )
    def get(self, request: Request, plan_id: int) -> Response:
        plan = selectors.plan_get_public(plan_id=plan_id)
        draw = selectors.plan_draw(plan=plan)
        payload = {
            "plan": plan,
            "draw": draw,
            "summary": asdict(selectors.plan_public_summary(plan=plan, draw=draw)),
            "results": [asdict(r) for r in selectors.plan_public_results(plan=plan)],
        }
        return Response(s.PublicPlanOutputSerializer(payload).data)


class PublicPlanVerifyApi(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(request=None, responses={200: s.VerifyOutputSerializer}, summary="公开：复核抽取（服务器端重放）")
    def post(self, request: Request, plan_id: int) -> Response:
        plan = selectors.plan_get_public(plan_id=plan_id)
        return Response(selectors.plan_verify(plan=plan).as_public_dict())


class MyTaskListApi(APIView):
    @extend_schema(responses={200: s.TaskOutputSerializer(many=True)}, summary="我的抽查任务")
    def get(self, request: Request) -> Response:
        return Response(s.TaskOutputSerializer(selectors.task_list_for_officer(user=request.user), many=True).data)


class TaskResultApi(APIView):
    @extend_schema(request=s.TaskResultInputSerializer, responses={200: s.TaskOutputSerializer}, summary="登记抽查结果")
    def post(self, request: Request, task_id: int) -> Response:
        task = selectors.task_get_for_user(user=request.user, task_id=task_id)
        data = s.TaskResultInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        task = services.task_result_record(actor=request.user, task=task, **data.validated_data)
        return Response(s.TaskOutputSerializer(selectors.task_get_for_user(user=request.user, task_id=task.pk)).data)


class ConflictCreateApi(APIView):
    @extend_schema(request=s.ConflictInputSerializer, responses={201: s.ConflictOutputSerializer}, summary="登记回避")
    def post(self, request: Request) -> Response:
        data = s.ConflictInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        officer = selectors.officer_get_for_conflict(user=request.user, officer_id=values["officer_id"])
        try:
            entity = selectors.entity_get_by_code(credit_code=values["credit_code"])
        except NotFound as exc:
            raise DomainError(exc.message, code=exc.code, fields={"credit_code": [exc.message]}) from exc
        conflict = services.conflict_declare(
            actor=request.user, officer=officer, entity=entity, reason=values["reason"]
        )
        return Response(s.ConflictOutputSerializer(conflict).data, status=201)
