"""Input and output shapes of the spot-check API (one pair per operation, HackSoft style)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from fazhi.core.api.fields import DateField
from fazhi.enforcement.choices import InspectionOutcome
from fazhi.spotchecks.choices import SeedSource


class DepartmentInputSerializer(serializers.Serializer):
    unit = serializers.CharField(label="部门编码")
    team_size = serializers.IntegerField(label="每户检查人员数", default=2)


class PlanCreateInputSerializer(serializers.Serializer):
    name = serializers.CharField(label="计划名称", max_length=200)
    organizer = serializers.CharField(label="组织单位编码")
    departments = DepartmentInputSerializer(many=True, label="参与部门")
    check_items = serializers.ListField(child=serializers.CharField(), label="抽查事项编码", allow_empty=True)
    period_start = DateField(label="检查期间起")
    period_end = DateField(label="检查期间止")
    quotas = serializers.DictField(
        child=serializers.CharField(), required=False, label='各类比例/数量，如 {"A": "3%", "D": "20"}'
    )
    scope_area = serializers.CharField(required=False, default="", allow_blank=True, label="所属区域前缀")
    scope_industry = serializers.CharField(required=False, default="", allow_blank=True, label="行业代码前缀")
    scope_tag = serializers.CharField(required=False, default="", allow_blank=True, label="标签")
    max_checks_per_year = serializers.IntegerField(required=False, default=1, min_value=0, label="年度次数上限")
    exclude_inspected_days = serializers.IntegerField(required=False, default=0, min_value=0, label="排除近N日已检查")
    avoid_repeat_inspector = serializers.BooleanField(required=False, default=True, label="不连续由同一人检查")
    abnormal_as_highest = serializers.BooleanField(required=False, default=True, label="经营异常按D类")


class DepartmentOutputSerializer(serializers.Serializer):
    unit = serializers.CharField()
    name = serializers.CharField()
    team_size = serializers.IntegerField()


class PlanOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    organizer = serializers.CharField(source="organizer.code")
    departments = serializers.SerializerMethodField()
    period_start = DateField()
    period_end = DateField()
    quotas = serializers.JSONField()
    status = serializers.CharField()
    is_joint = serializers.BooleanField()

    @extend_schema_field(DepartmentOutputSerializer(many=True))
    def get_departments(self, plan) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
        return [{"unit": d.unit.code, "name": d.unit.name, "team_size": d.team_size} for d in plan.departments.all()]


class CommitInputSerializer(serializers.Serializer):
    seed_source = serializers.ChoiceField(choices=SeedSource.choices, default=SeedSource.COMMIT_REVEAL)


class DrawInputSerializer(serializers.Serializer):
    seed = serializers.CharField(required=False, default="", allow_blank=True, label="现场随机源")
    witnesses = serializers.CharField(required=False, default="", allow_blank=True, label="见证人（逗号分隔）")


class DrawOutputSerializer(serializers.Serializer):
    plan = serializers.IntegerField(source="plan_id")
    algorithm_version = serializers.CharField()
    seed_source = serializers.CharField()
    input_hash = serializers.CharField()
    seed_hash = serializers.CharField()
    seed = serializers.CharField()
    witnesses = serializers.CharField()
    candidate_count = serializers.IntegerField()
    eligible_count = serializers.IntegerField()
    committed_at = serializers.DateTimeField()
    revealed_at = serializers.DateTimeField(allow_null=True)
    result_hash = serializers.CharField()


class PublicTeamOutputSerializer(serializers.Serializer):
    department = serializers.CharField()
    occurred_on = DateField()
    outcome = serializers.CharField()
    findings = serializers.CharField()


class PublicResultOutputSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    credit_code = serializers.CharField()
    name = serializers.CharField()
    teams = PublicTeamOutputSerializer(many=True)


class PublicSummaryOutputSerializer(serializers.Serializer):
    candidates = serializers.IntegerField(label="名录范围内对象数")
    eligible = serializers.IntegerField(label="可抽取对象数")
    drawn = serializers.IntegerField(label="抽取对象数")
    published = serializers.IntegerField(label="已公示结果的对象数")
    pending = serializers.IntegerField(label="尚未公示结果的对象数")


class PublicPlanOutputSerializer(serializers.Serializer):
    plan = PlanOutputSerializer()
    draw = DrawOutputSerializer(allow_null=True)
    summary = PublicSummaryOutputSerializer()
    results = PublicResultOutputSerializer(many=True)


class VerifyOutputSerializer(serializers.Serializer):
    plan = serializers.IntegerField()
    ok = serializers.BooleanField()
    entities = serializers.IntegerField()
    checks = serializers.ListField(child=serializers.DictField())
    differences = serializers.ListField(child=serializers.DictField())
    difference_count = serializers.IntegerField()


class TaskOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    plan = serializers.IntegerField(source="plan_id")
    plan_name = serializers.CharField(source="plan.name")
    entity = serializers.CharField(source="entity.credit_code")
    entity_name = serializers.CharField(source="entity.name")
    unit = serializers.CharField(source="unit.code")
    status = serializers.CharField()
    inspectors = serializers.SerializerMethodField()
    inspection = serializers.IntegerField(source="inspection_id", allow_null=True)
    publicity_due = DateField(allow_null=True)

    def get_inspectors(self, task) -> list[int]:  # type: ignore[no-untyped-def]
        return [i.officer_id for i in task.inspectors.all()]


class TaskResultInputSerializer(serializers.Serializer):
    occurred_on = DateField(label="检查日期")
    outcome = serializers.ChoiceField(choices=InspectionOutcome.choices, label="检查结果")
    findings = serializers.CharField(required=False, default="", allow_blank=True, label="检查情况")


class ConflictInputSerializer(serializers.Serializer):
    officer_id = serializers.IntegerField(label="执法人员ID")
    credit_code = serializers.CharField(label="统一社会信用代码")
    reason = serializers.CharField(label="回避事由", max_length=200)


class ConflictOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    officer_id = serializers.IntegerField()
    credit_code = serializers.CharField(source="entity.credit_code")
    reason = serializers.CharField()
