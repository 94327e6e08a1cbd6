"""Input and output shapes of the powers API (one pair per operation, HackSoft style)."""

from __future__ import annotations

from rest_framework import serializers

from fazhi.core.api.fields import DateField
from fazhi.powers.choices import (
    CheckMethod,
    FileFormat,
    FlexibleMeasureKind,
    HarmLevel,
    ItemStatus,
    ListKind,
    MitigatingGround,
    PowerCategory,
    Severity,
)

MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": 0}


class LegalArticleRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    citation = serializers.CharField(label="引用")


class _WithArticles(serializers.Serializer):
    legal_articles = serializers.SerializerMethodField(label="已关联条文")

    def get_legal_articles(self, obj) -> list[dict]:  # type: ignore[no-untyped-def]
        return LegalArticleRefSerializer(
            [{"id": a.pk, "citation": a.citation} for a in obj.legal_articles.all()], many=True
        ).data


# --- power items ---------------------------------------------------------------------------------


class PowerItemOutputSerializer(_WithArticles):
    code = serializers.CharField(label="事项编码")
    name = serializers.CharField(label="事项名称")
    category = serializers.CharField(label="事项类别代码")
    category_label = serializers.CharField(source="get_category_display", label="事项类别")
    owner_unit_code = serializers.CharField(source="owner_unit.code", label="实施主体编码")
    owner_unit_name = serializers.CharField(source="owner_unit.name", label="实施主体")
    basis_text = serializers.CharField(label="设定依据")
    status = serializers.CharField(label="状态代码")
    status_label = serializers.CharField(source="get_status_display", label="状态")
    effective_from = DateField(label="生效日期", allow_null=True)
    effective_to = DateField(label="失效日期", allow_null=True)


class PowerItemCreateInputSerializer(serializers.Serializer):
    code = serializers.CharField(label="事项编码", max_length=64)
    name = serializers.CharField(label="事项名称", max_length=300)
    category = serializers.ChoiceField(label="事项类别", choices=PowerCategory.choices)
    owner_unit_code = serializers.CharField(label="实施主体编码", max_length=32)
    basis_text = serializers.CharField(label="设定依据", allow_blank=True, required=False, default="")
    status = serializers.ChoiceField(label="状态", choices=ItemStatus.choices, required=False, default="active")
    effective_from = DateField(label="生效日期", required=False, allow_null=True, default=None)
    effective_to = DateField(label="失效日期", required=False, allow_null=True, default=None)
    reason = serializers.CharField(label="操作原因", required=False, allow_blank=True, default="")


class PowerItemUpdateInputSerializer(serializers.Serializer):
    name = serializers.CharField(label="事项名称", max_length=300, required=False)
    category = serializers.ChoiceField(label="事项类别", choices=PowerCategory.choices, required=False)
    basis_text = serializers.CharField(label="设定依据", allow_blank=True, required=False)
    status = serializers.ChoiceField(label="状态", choices=ItemStatus.choices, required=False)
    effective_from = DateField(label="生效日期", required=False, allow_null=True)
    effective_to = DateField(label="失效日期", required=False, allow_null=True)
    reason = serializers.CharField(label="操作原因", required=False, allow_blank=True, default="")


class UnitPowerCountOutputSerializer(serializers.Serializer):
    unit_code = serializers.CharField(label="单位编码")
    unit_name = serializers.CharField(label="单位名称")
    total = serializers.IntegerField(label="权责事项总数")
    by_category = serializers.DictField(child=serializers.IntegerField(), label="分类数量")


# --- check items ---------------------------------------------------------------------------------


class CheckItemOutputSerializer(_WithArticles):
    code = serializers.CharField(label="检查事项编码")
    name = serializers.CharField(label="检查事项名称")
    owner_unit_code = serializers.CharField(source="owner_unit.code", label="实施主体编码")
    owner_unit_name = serializers.CharField(source="owner_unit.name", label="实施主体")
    power_item_codes = serializers.SerializerMethodField(label="权责事项编码")
    basis_text = serializers.CharField(label="检查依据")
    check_method = serializers.CharField(label="检查方式代码")
    check_method_label = serializers.CharField(source="get_check_method_display", label="检查方式")
    has_legal_basis = serializers.BooleanField(label="有法定依据")
    status = serializers.CharField(label="状态代码")

    def get_power_item_codes(self, item) -> list[str]:  # type: ignore[no-untyped-def]
        return [power_item.code for power_item in item.power_items.all()]


class CheckItemCreateInputSerializer(serializers.Serializer):
    code = serializers.CharField(label="检查事项编码", max_length=64)
    name = serializers.CharField(label="检查事项名称", max_length=300)
    owner_unit_code = serializers.CharField(label="实施主体编码", max_length=32)
    power_item_codes = serializers.ListField(
        child=serializers.CharField(max_length=64), label="权责事项编码", min_length=1
    )
    check_method = serializers.ChoiceField(label="检查方式", choices=CheckMethod.choices)
    basis_text = serializers.CharField(label="检查依据", allow_blank=True, required=False, default="")
    reason = serializers.CharField(label="操作原因", required=False, allow_blank=True, default="")


class CheckItemUpdateInputSerializer(serializers.Serializer):
    name = serializers.CharField(label="检查事项名称", max_length=300, required=False)
    power_item_codes = serializers.ListField(
        child=serializers.CharField(max_length=64), label="权责事项编码", min_length=1, required=False
    )
    check_method = serializers.ChoiceField(label="检查方式", choices=CheckMethod.choices, required=False)
    basis_text = serializers.CharField(label="检查依据", allow_blank=True, required=False)
    status = serializers.ChoiceField(label="状态", choices=ItemStatus.choices, required=False)
    reason = serializers.CharField(label="操作原因", required=False, allow_blank=True, default="")


# --- discretion standards ------------------------------------------------------------------------


class DiscretionStandardOutputSerializer(_WithArticles):
    id = serializers.IntegerField()
    power_item_code = serializers.CharField(source="power_item.code", label="权责事项编码")
    severity = serializers.CharField(label="裁量阶次代码")
    severity_label = serializers.CharField(source="get_severity_display", label="裁量阶次")
    circumstance = serializers.CharField(label="违法情节")
    statutory_min = serializers.DecimalField(label="法定罚款下限（元）", allow_null=True, **MONEY)
    statutory_max = serializers.DecimalField(label="法定罚款上限（元）", allow_null=True, **MONEY)
    fine_min = serializers.DecimalField(label="罚款下限（元）", allow_null=True, **MONEY)
    fine_max = serializers.DecimalField(label="罚款上限（元）", allow_null=True, **MONEY)
    other_measures = serializers.CharField(label="其他处理措施")
    basis_text = serializers.CharField(label="裁量依据")
    effective_from = DateField(label="生效日期")
    effective_to = DateField(label="失效日期", allow_null=True)


class DiscretionStandardCreateInputSerializer(serializers.Serializer):
    power_item_code = serializers.CharField(label="权责事项编码", max_length=64)
    severity = serializers.ChoiceField(label="裁量阶次", choices=Severity.choices)
    circumstance = serializers.CharField(label="违法情节")
    statutory_min = serializers.DecimalField(label="法定罚款下限（元）", required=False, allow_null=True, **MONEY)
    statutory_max = serializers.DecimalField(label="法定罚款上限（元）", required=False, allow_null=True, **MONEY)
    fine_min = serializers.DecimalField(label="罚款下限（元）", required=False, allow_null=True, **MONEY)
    fine_max = serializers.DecimalField(label="罚款上限（元）", required=False, allow_null=True, **MONEY)
    other_measures = serializers.CharField(label="其他处理措施", required=False, allow_blank=True, default="")
    basis_text = serializers.CharField(label="裁量依据", required=False, allow_blank=True, default="")
    effective_from = DateField(label="生效日期")
    effective_to = DateField(label="失效日期", required=False, allow_null=True, default=None)
    reason = serializers.CharField(label="操作原因", required=False, allow_blank=True, default="")


class DiscretionStandardUpdateInputSerializer(serializers.Serializer):
    severity = serializers.ChoiceField(label="裁量阶次", choices=Severity.choices, required=False)
    circumstance = serializers.CharField(label="违法情节", required=False)
    statutory_min = serializers.DecimalField(label="法定罚款下限（元）", required=False, allow_null=True, **MONEY)
    statutory_max = serializers.DecimalField(label="法定罚款上限（元）", required=False, allow_null=True, **MONEY)
    fine_min = serializers.DecimalField(label="罚款下限（元）", required=False, allow_null=True, **MONEY)
    fine_max = serializers.DecimalField(label="罚款上限（元）", required=False, allow_null=True, **MONEY)
    other_measures = serializers.CharField(label="其他处理措施", required=False, allow_blank=True)
    basis_text = serializers.CharField(label="裁量依据", required=False, allow_blank=True)
    effective_from = DateField(label="生效日期", required=False)
    effective_to = DateField(label="失效日期", required=False, allow_null=True)
    reason = serializers.CharField(label="操作原因", required=False, allow_blank=True, default="")


# --- flexible measures ---------------------------------------------------------------------------


class FlexibleMeasureOutputSerializer(_WithArticles):
    id = serializers.IntegerField()
    code = serializers.CharField(label="清单编码")
    kind = serializers.CharField(label="清单类别代码")
    kind_label = serializers.CharField(source="get_kind_display", label="清单类别")
    is_first_violation = serializers.BooleanField(label="首违不罚")
    owner_unit_code = serializers.CharField(source="owner_unit.code", label="实施主体编码")
    power_item_code = serializers.CharField(source="power_item.code", label="权责事项编码")
    power_item_name = serializers.CharField(source="power_item.name", label="权责事项名称")
    violation = serializers.CharField(label="违法行为")
    conditions = serializers.CharField(label="适用条件")
    handling = serializers.CharField(label="处理方式")
    basis_text = serializers.CharField(label="法律依据")
    effective_from = DateField(label="生效日期")
    effective_to = DateField(label="失效日期", allow_null=True)


class FlexibleMeasureCreateInputSerializer(serializers.Serializer):
    code = serializers.CharField(label="清单编码", max_length=64)
    kind = serializers.ChoiceField(label="清单类别", choices=FlexibleMeasureKind.choices)
    is_first_violation = serializers.BooleanField(label="首违不罚", required=False, default=False)
    owner_unit_code = serializers.CharField(label="实施主体编码", max_length=32)
    power_item_code = serializers.CharField(label="权责事项编码", max_length=64)
    violation = serializers.CharField(label="违法行为", max_length=300)
    conditions = serializers.CharField(label="适用条件")
    handling = serializers.CharField(label="处理方式", required=False, allow_blank=True, default="")
    basis_text = serializers.CharField(label="法律依据", required=False, allow_blank=True, default="")
    effective_from = DateField(label="生效日期")
    effective_to = DateField(label="失效日期", required=False, allow_null=True, default=None)
    reason = serializers.CharField(label="操作原因", required=False, allow_blank=True, default="")


class FlexibleMeasureUpdateInputSerializer(serializers.Serializer):
    violation = serializers.CharField(label="违法行为", max_length=300, required=False)
    conditions = serializers.CharField(label="适用条件", required=False)
    handling = serializers.CharField(label="处理方式", required=False, allow_blank=True)
    is_first_violation = serializers.BooleanField(label="首违不罚", required=False)
    basis_text = serializers.CharField(label="法律依据", required=False, allow_blank=True)
    effective_from = DateField(label="生效日期", required=False)
    effective_to = DateField(label="失效日期", required=False, allow_null=True)
    reason = serializers.CharField(label="操作原因", required=False, allow_blank=True, default="")


class SuggestionQuerySerializer(serializers.Serializer):
    unit = serializers.CharField(label="办案单位编码")
    power_item = serializers.CharField(label="权责事项编码")
    on = DateField(label="违法行为发生日期")
    first_violation = serializers.BooleanField(label="初次违法", required=False, default=False)
    harm = serializers.ChoiceField(label="危害后果", choices=HarmLevel.choices, required=False, default="significant")
    corrected_in_time = serializers.BooleanField(label="及时改正", required=False, default=False)
    minor_violation = serializers.BooleanField(label="违法行为轻微", required=False, default=False)
    no_fault = serializers.BooleanField(label="没有主观过错", required=False, default=False)
    mitigating = serializers.MultipleChoiceField(
        label="从轻减轻情形", choices=MitigatingGround.choices, required=False, default=set
    )


class SuggestionOutputSerializer(serializers.Serializer):
    measure = FlexibleMeasureOutputSerializer(label="清单事项")
    mandatory = serializers.BooleanField(label="法定应当适用")
    reason = serializers.CharField(label="理由")
    rule_basis = serializers.CharField(label="规则依据")
    legal_basis = serializers.ListField(child=serializers.CharField(), label="清单事项的法律依据")


# --- import / export -----------------------------------------------------------------------------


class ImportInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(label="清单类型", choices=ListKind.choices)
    file = serializers.FileField(label="文件（.xlsx 或 .csv）")
    dry_run = serializers.BooleanField(label="只校验，不写入", required=False, default=False)


class ExportQuerySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(label="清单类型", choices=ListKind.choices)
    # Not "format": DRF reserves ?format= for choosing a renderer.
    file_format = serializers.ChoiceField(label="文件格式", choices=FileFormat.choices, default="xlsx", required=False)
    unit = serializers.CharField(label="单位编码（含下级）", required=False, allow_blank=True, default="")
    q = serializers.CharField(label="编码或名称包含", required=False, allow_blank=True, default="")


def _page(output: type[serializers.Serializer], name: str) -> type[serializers.Serializer]:
    """A limit/offset page of `output` rows, for the OpenAPI schema."""
    fields = {
        "count": serializers.IntegerField(label="总数"),
        "next": serializers.CharField(allow_null=True, label="下一页"),
        "previous": serializers.CharField(allow_null=True, label="上一页"),
        "results": output(many=True),
    }
    return type(name, (serializers.Serializer,), fields)


PowerItemPageSerializer = _page(PowerItemOutputSerializer, "PowerItemPageSerializer")
CheckItemPageSerializer = _page(CheckItemOutputSerializer, "CheckItemPageSerializer")
DiscretionStandardPageSerializer = _page(DiscretionStandardOutputSerializer, "DiscretionStandardPageSerializer")
FlexibleMeasurePageSerializer = _page(FlexibleMeasureOutputSerializer, "FlexibleMeasurePageSerializer")
