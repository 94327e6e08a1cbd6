"""Admin for supervision's configuration: the 考核指标体系 is edited through its audited service.

A district sets its own scheme here (weights, how an indicator a unit has no value for is scored —
折算 or 计零 —, 末位约谈单位数, the regulations the 通报 cites) as a
new version with its 生效日期, after closing the one in force with a 失效日期; every save asks for a
变更理由 and writes an audit row (supervision.services.assessment_scheme_save). Indicator
definitions are shown read-only: they change only by new versions shipped with the code, because
the measures they name are computed by the code.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from fazhi.core.admin_services import ReadOnlyAdmin, ServiceAdmin, ServiceForm
from fazhi.supervision import services
from fazhi.supervision.models import AssessmentScheme, IndicatorDefinition

SCALE_HELP = "；".join(f"{code}＝{label}" for code, label in services.SCHEME_SCALES.items())
WEIGHTS_HELP = (
    '按 JSON 填写，每个指标一项：{"participation_rate": {"weight": 25, "scale": "percent"}, '
    '"records_per_officer": {"weight": 10, "scale": "peer_max"}, …}。指标代码须为“指标定义”中的代码；'
    f"权重为大于0的数，各指标权重合计应为100（通报满分100分）；换算方式：{SCALE_HELP}。"
)


class AssessmentSchemeForm(ServiceForm):
    class Meta:
        model = AssessmentScheme
        fields = [
            "code",
            "name",
            "weights",
            "missing_indicator_policy",
            "bottom_n",
            "effective_from",
            "effective_to",
            "bulletin_basis",
            "source",
        ]
        help_texts = {
            "code": "字母、数字、下划线或连字符；同一方案的各版本用同一代码。",
            "weights": WEIGHTS_HELP,
            "effective_from": "新版本生效前，请先为正在生效的版本设置失效日期：同一方案的各版本生效期间不能重叠。",
        }
        widgets = {"weights": forms.Textarea(attrs={"rows": 10, "cols": 80})}

    def call_service(self, *, actor: Any) -> AssessmentScheme:
        data = self.cleaned_data
        return services.assessment_scheme_save(
            actor=actor,
            # read-only once saved: the change form shows the code but does not carry it
            code=data.get("code", self.instance.code),
            name=data["name"],
            weights=data["weights"],
            bottom_n=data["bottom_n"],
            effective_from=data["effective_from"],
            effective_to=data.get("effective_to"),
            bulletin_basis=data.get("bulletin_basis", ""),
            source=data.get("source", ""),
            missing_indicator_policy=data["missing_indicator_policy"],
            reason=data["reason"],
            version=self.instance if self.instance.pk else None,
        )


@admin.register(AssessmentScheme)
class AssessmentSchemeAdmin(ServiceAdmin):
    form = AssessmentSchemeForm
    list_display = (
        "code",
        "version",
        "name",
        "missing_indicator_policy",
        "bottom_n",
        "effective_from",
        "effective_to",
        "bulletin_basis",
    )
    list_filter = ("code",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        # The service numbers the versions, and a saved version keeps its code.
        return ("code", "version") if obj is not None else ()


@admin.register(IndicatorDefinition)
class IndicatorDefinitionAdmin(ReadOnlyAdmin):
    list_display = ("code", "version", "name", "effective_from", "effective_to")
    search_fields = ("code", "name")
