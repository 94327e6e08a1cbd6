from __future__ import annotations

from rest_framework import serializers

from fazhi.core.api.fields import DateField


class DeadlineComputeInputSerializer(serializers.Serializer):
    rule = serializers.CharField(label="规则代码", max_length=64)
    start = DateField(label="起算日", input_formats=["%Y-%m-%d"])
    extend = serializers.IntegerField(label="延长天数", required=False, default=0, min_value=0, max_value=3650)


class DeadlineComputeOutputSerializer(serializers.Serializer):
    rule = serializers.CharField(label="规则代码")
    name = serializers.CharField(label="名称")
    start = DateField(label="起算日")
    due = DateField(label="届满日")
    legal_basis = serializers.CharField(label="法律依据")
    quoted_text = serializers.CharField(label="法条摘录")
    steps = serializers.ListField(child=serializers.CharField(), label="计算步骤")
    confirmed = serializers.BooleanField(label="已核实")
    extension = serializers.IntegerField(label="延长")
    paused_days = serializers.IntegerField(label="中止天数")
    provisional = serializers.BooleanField(label="暂定", help_text="跨入尚无节假日数据的年份、按周一至周五推算")


class DeadlineRuleOutputSerializer(serializers.Serializer):
    code = serializers.CharField(label="规则代码")
    name = serializers.CharField(source="name_zh", label="名称")
    count = serializers.IntegerField(label="期间长度")
    unit = serializers.CharField(label="计算单位")
    unit_label = serializers.CharField(label="单位名称")
    period_label = serializers.CharField(label="期限", help_text="如“15日”“5个工作日”“6个月”“5年”")
    legal_basis = serializers.CharField(label="法律依据")
    quoted_text = serializers.CharField(label="法条摘录")
    confirmed = serializers.BooleanField(label="已核实")
    max_extension = serializers.IntegerField(label="可延长上限")
    extension_unit = serializers.CharField(label="延长单位")
    effective_from = DateField(label="生效日期")
    effective_to = DateField(label="失效日期", allow_null=True)
    note = serializers.CharField(label="说明")
