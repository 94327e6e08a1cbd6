"""HTML input validation of the supervision pages (each valid form calls one selector or service)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from fazhi.core.form_errors import name_required_fields
from fazhi.core.form_fields import DateField
from fazhi.core.form_styles import IsoDateInput, bootstrap_widgets
from fazhi.supervision.choices import MissingIndicatorPolicy, RecordType
from fazhi.supervision.rules import AS_OF_FORMAT_MESSAGE, SCALE_PERCENT, SEED_MAX, SEED_MESSAGE, quarter_zh
from fazhi.supervision.services import SCHEME_SCALES


class StyledForm(forms.Form):
    """The supervision templates render `{{ field }}`: the widgets carry the Bootstrap classes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self)


_DATE_ERRORS = {"invalid": "日期格式不正确，请按“年-月-日”填写，例如 2025-03-31。"}


class PeriodForm(StyledForm):
    """The period of the dashboard and drill-downs (GET). Reversed or out-of-range periods are refused by
    rules.require_period in the view, with the same message as the API and the command."""

    # The field whose error is reported, with the code the error page shows.
    ERROR_CODES = {
        "start": "supervision.bad_period",
        "end": "supervision.bad_period",
        "as_of": "supervision.bad_as_of",
        "record_type": "supervision.bad_record_type",
        "party": "supervision.bad_party",
    }

    unit = forms.CharField(label="单位", required=False)
    start = DateField(label="期间起", required=False, error_messages=_DATE_ERRORS, widget=IsoDateInput())
    end = DateField(label="期间止", required=False, error_messages=_DATE_ERRORS, widget=IsoDateInput())
    as_of = forms.DateTimeField(
        label="数据截止",
        required=False,
        error_messages={"invalid": AS_OF_FORMAT_MESSAGE},
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    record_type = forms.ChoiceField(
        label="记录类型",
        required=False,
        choices=[("", "全部"), *RecordType.choices],
        error_messages={"invalid_choice": "未知的记录类型“%(value)s”。"},
    )
    # the entity of the "party_inspections" drill-down (统一社会信用代码 or 公民身份号码)
    party = forms.CharField(label="检查对象", required=False, max_length=64)

    def first_error(self) -> tuple[str, str]:
        """(message, code) of the first invalid field, for the 400 page."""
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else ""
            message = f"{label}：{errors[0]}" if label else str(errors[0])
            return message, self.ERROR_CODES.get(name, "supervision.bad_input")
        return "输入无效。", "supervision.bad_input"


class SnapshotForm(StyledForm):
    unit = forms.CharField(widget=forms.HiddenInput)
    start = forms.DateField(widget=forms.HiddenInput)
    end = forms.DateField(widget=forms.HiddenInput)
    title = forms.CharField(label="快照标题", required=False, max_length=200)


class BulletinForm(StyledForm):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    # 第一季度, not 第1季度: the quarter as the 通报 titles write it (rules.quarter_zh)
    quarter = forms.TypedChoiceField(label="季度", coerce=int, choices=[(q, quarter_zh(q)) for q in (1, 2, 3, 4)])
    number = forms.CharField(label="期号", max_length=64)
    issuer = forms.CharField(label="发文机关", max_length=128)
    bottom_n = forms.IntegerField(label="末位约谈单位数", min_value=0, max_value=100, required=False)


class SampleForm(StyledForm):
    unit = forms.ChoiceField(label="被评查单位")
    period_from = forms.DateField(label="决定日期起", widget=IsoDateInput())
    period_to = forms.DateField(label="决定日期止", widget=IsoDateInput())
    size = forms.IntegerField(label="抽取数量", min_value=1, max_value=200)
    seed = forms.IntegerField(
        label="随机种子",
        min_value=0,
        max_value=SEED_MAX,
        error_messages={
            "invalid": "随机种子应为整数。",
            "min_value": SEED_MESSAGE,
            "max_value": SEED_MESSAGE,
        },
    )

    def __init__(self, *args: Any, units: list[tuple[str, str]], **kwargs: Any) -> None:
        """`units`: (code, name) of the enforcement bodies the supervisor may review."""
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "请选择"), *units]


class _ReviewForm(StyledForm):
    """The review steps' forms: labels without Django's ASCII colon, as the other supervision pages
    write them (their templates print the label alone)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ScoreForm(_ReviewForm):
    judgement_deduction = forms.DecimalField(label="酌情扣分", min_value=0, max_digits=5, decimal_places=1, initial=0)
    judgement_note = forms.CharField(label="评查意见", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class RectificationForm(_ReviewForm):
    note = forms.CharField(label="整改情况", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class RecheckForm(_ReviewForm):
    note = forms.CharField(label="复核意见", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    passed = forms.TypedChoiceField(
        label="复核结论", coerce=lambda v: v == "yes", choices=[("yes", "整改到位，复核通过"), ("no", "退回整改")]
    )


class AssessmentSchemeForm(StyledForm):
    """A new version of the 考核指标体系. Only parses: services.assessment_scheme_save checks the rest
    (weights of known indicators adding up to 100, a scale it knows, no overlap with another version).

    One weight and one scale per indicator (`indicators`: (code, name)); a blank or 0 weight leaves
    the indicator out of the scheme.
    """

    code = forms.CharField(
        label="方案代码", max_length=48, help_text="字母、数字、下划线或连字符；同一方案的各版本用同一代码。"
    )
    name = forms.CharField(label="方案名称", max_length=100)
    missing_indicator_policy = forms.ChoiceField(label="缺项计分方式", choices=MissingIndicatorPolicy.choices)
    bottom_n = forms.IntegerField(label="末位约谈单位数", error_messages={"invalid": "末位约谈单位数应为整数。"})
    effective_from = DateField(label="生效日期", error_messages=_DATE_ERRORS, widget=IsoDateInput())
    effective_to = DateField(
        label="失效日期（含当日）", required=False, error_messages=_DATE_ERRORS, widget=IsoDateInput()
    )
    bulletin_basis = forms.CharField(label="通报依据", max_length=200, required=False)
    source = forms.CharField(label="依据", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(label="变更理由", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, indicators: list[tuple[str, str]], **kwargs: Any) -> None:
        self.indicators = indicators
        super().__init__(*args, **kwargs)
        for code, name in indicators:
            self.fields[f"weight_{code}"] = forms.DecimalField(
                label=f"{name}权重", required=False, max_digits=6, decimal_places=2,
                error_messages={"invalid": f"{name}的权重应为数字。"},
            )  # fmt: skip
            self.fields[f"scale_{code}"] = forms.ChoiceField(
                label=f"{name}换算方式", choices=list(SCHEME_SCALES.items()), initial=SCALE_PERCENT, required=False
            )
        bootstrap_widgets(self)
        name_required_fields(self)

    @staticmethod
    def initial_from(values: dict[str, Any]) -> dict[str, Any]:
        """The form's initial data from a version's values (selectors.schemes.scheme_values)."""
        initial = {k: v for k, v in values.items() if k not in ("weights", "effective_from", "effective_to")}
        for code, spec in (values.get("weights") or {}).items():
            initial[f"weight_{code}"] = spec.get("weight")
            initial[f"scale_{code}"] = spec.get("scale")
        return initial

    def scheme_fields(self) -> list[forms.BoundField]:
        """The fields of the scheme itself (the declared ones), before the table of weights."""
        return [self[name] for name in type(self).base_fields]

    def indicator_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        """(indicator name, its weight field, its scale field) for the template's table."""
        return [(name, self[f"weight_{code}"], self[f"scale_{code}"]) for code, name in self.indicators]

    def service_arguments(self) -> dict[str, Any]:
        """The cleaned data as services.assessment_scheme_save takes it."""
        data = self.cleaned_data
        weights: dict[str, dict[str, Any]] = {}
        for code, _name in self.indicators:
            weight: Decimal | None = data.get(f"weight_{code}")
            if weight is not None and weight != 0:
                weights[code] = {"weight": weight, "scale": data.get(f"scale_{code}") or SCALE_PERCENT}
        names = ("code", "name", "missing_indicator_policy", "bottom_n", "effective_from", "effective_to")
        return {
            **{name: data.get(name) for name in names},
            "weights": weights,
            "bulletin_basis": data.get("bulletin_basis", ""),
            "source": data.get("source", ""),
            "reason": data.get("reason", ""),
        }


class SchemeCloseForm(StyledForm):
    """Close a version of the 考核指标体系 (its 失效日期), so that a new version can take over."""

    scheme = forms.IntegerField(widget=forms.HiddenInput)
    effective_to = DateField(label="失效日期（含当日）", error_messages=_DATE_ERRORS, widget=IsoDateInput())
    reason = forms.CharField(label="变更理由", max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        name_required_fields(self)
