"""HTML input of the unit-admin pages (officers and their 行政执法证). Forms validate only; the views
call the orgs services (certificate_issue / certificate_change / certificate_set_status)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from fazhi.core.form_fields import DateField
from fazhi.core.form_styles import ISO_DATE, IsoDateInput

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}
CHECK = {"class": "form-check-input"}
DATE_ERRORS = {"required": "请填写日期。", "invalid": "日期格式不正确，请按“年-月-日”填写。"}


def _today() -> date:
    return timezone.localdate()


def _date(label: str, *, required: bool = True, initial: Any = _today) -> forms.DateField:
    return DateField(
        label=label,
        required=required,
        initial=initial,
        input_formats=[ISO_DATE],
        error_messages=DATE_ERRORS,
        widget=IsoDateInput,
    )


def _reason(label: str = "原因", *, initial: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        initial=initial,
        widget=forms.TextInput(attrs=TEXT),
        error_messages={"required": f"请填写{label}。"},
    )


class DomainChoiceMixin(forms.Form):
    domains = forms.MultipleChoiceField(
        label="执法领域",
        widget=forms.CheckboxSelectMultiple(attrs=CHECK),
        error_messages={"required": "请至少选择一个执法领域。", "invalid_choice": "未知的执法领域。"},
    )

    def set_domains(self, domains: list[Any]) -> None:
        field = self.fields["domains"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(d.code, d.name) for d in domains]


class CertificateIssueForm(DomainChoiceMixin):
    """申领: register a newly issued certificate."""

    number = forms.CharField(
        label="执法证号",
        max_length=32,
        widget=forms.TextInput(attrs=TEXT),
        error_messages={"required": "请填写执法证号。"},
    )
    issuer = forms.CharField(
        label="发证机关",
        max_length=128,
        widget=forms.TextInput(attrs=TEXT),
        error_messages={"required": "请填写发证机关。"},
    )
    valid_from = _date("有效期起")
    valid_to = _date("有效期止", initial=None)
    reason = _reason(initial="申领发证")

    field_order = ["number", "issuer", "domains", "valid_from", "valid_to", "reason"]


class CertificateChangeForm(DomainChoiceMixin):
    """变更: a new end of validity and/or new domains, from a date."""

    effective_on = _date("变更生效日期")
    valid_to = _date("新的有效期止", required=False, initial=None)
    reason = _reason("变更原因")

    field_order = ["effective_on", "valid_to", "domains", "reason"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["domains"].required = False


class CertificateStatusForm(forms.Form):
    """暂扣 / 恢复 / 注销 from a date, with the reason."""

    effective_on = _date("生效日期")
    reason = _reason()


class OfficerFilterForm(forms.Form):
    unit = forms.ChoiceField(label="单位", required=False, widget=forms.Select(attrs=SELECT))
    q = forms.CharField(label="姓名或执法证号", required=False, widget=forms.TextInput(attrs=TEXT))
    expiring = forms.BooleanField(label="只看30日内到期", required=False, widget=forms.CheckboxInput(attrs=CHECK))

    def __init__(self, *args: Any, units: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "全部单位"), *((u.code, u.name) for u in units)]  # type: ignore[attr-defined]
