"""HTML input validation only; the views pass cleaned data to the services."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.form_errors import labelled_errors
from fazhi.core.form_fields import DateField
from fazhi.core.form_styles import IsoDateInput
from fazhi.enforcement.choices import InspectionOutcome
from fazhi.spotchecks.choices import SeedSource
from fazhi.spotchecks.rules.draw import MIN_TEAM_SIZE, RISK_CLASSES
from fazhi.spotchecks.rules.plans import team_size_error

MAX_TEAM_SIZE = 20  # a sanity bound of the form, not a legal one

TEXT = {"class": "form-control"}


def error_list(form: forms.Form) -> list[dict[str, str]]:
    """Every input error of a bound form, each naming its field by the Chinese label (core.form_errors)."""
    return [{"message": f"{message}。", "code": f"form.{code}"} for message, code in labelled_errors(form)]


class PlanForm(forms.Form):
    name = forms.CharField(label="计划名称", max_length=200, widget=forms.TextInput(attrs=TEXT))
    organizer = forms.ChoiceField(label="组织单位", widget=forms.Select(attrs={"class": "form-select"}))
    departments = forms.MultipleChoiceField(
        label="参与部门（选择两个以上即为联合抽查）", widget=forms.CheckboxSelectMultiple
    )
    # No min_value: Django's own message (确保该值大于或等于2) would win over the rule's, which names the law.
    team_size = forms.IntegerField(
        label="每个部门每户检查人员数",
        initial=MIN_TEAM_SIZE,
        widget=forms.NumberInput(attrs={**TEXT, "min": MIN_TEAM_SIZE, "max": MAX_TEAM_SIZE}),
    )
    check_items = forms.MultipleChoiceField(
        label="抽查事项（仅列出有检查依据的事项）", widget=forms.CheckboxSelectMultiple
    )
    period_start = DateField(label="检查期间起", widget=IsoDateInput)
    period_end = DateField(label="检查期间止", widget=IsoDateInput)
    quota_A = forms.CharField(label="A类", initial="3%", widget=forms.TextInput(attrs=TEXT))  # noqa: N815 — the class letter is the statutory name
    quota_B = forms.CharField(label="B类", initial="5%", widget=forms.TextInput(attrs=TEXT))  # noqa: N815 — the class letter is the statutory name
    quota_C = forms.CharField(label="C类", initial="10%", widget=forms.TextInput(attrs=TEXT))  # noqa: N815 — the class letter is the statutory name
    quota_D = forms.CharField(label="D类", initial="20%", widget=forms.TextInput(attrs=TEXT))  # noqa: N815 — the class letter is the statutory name
    scope_area = forms.CharField(label="所属区域（前缀，可空）", required=False, widget=forms.TextInput(attrs=TEXT))
    scope_industry = forms.CharField(
        label="行业代码前缀（逗号分隔，可空）", required=False, widget=forms.TextInput(attrs=TEXT)
    )
    max_checks_per_year = forms.IntegerField(
        label="同一部门每年抽查同一对象次数上限（0为不限）",
        min_value=0,
        initial=1,
        widget=forms.NumberInput(attrs=TEXT),
    )
    exclude_inspected_days = forms.IntegerField(
        label="排除近N日内已检查的对象（0为不排除）", min_value=0, initial=0, widget=forms.NumberInput(attrs=TEXT)
    )
    avoid_repeat_inspector = forms.BooleanField(label="同一对象不连续由同一检查人员检查", required=False, initial=True)

    def __init__(self, *args: Any, units: list[tuple[str, str]], items: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organizer"].choices = units
        self.fields["departments"].choices = units
        self.fields["check_items"].choices = items
        self.fields["check_items"].required = False  # the service refuses a plan without items, with the law

    def clean_team_size(self) -> int:
        size: int = self.cleaned_data["team_size"]
        if error := team_size_error(size):
            raise forms.ValidationError(error.rstrip("。"), code="team_too_small")
        if size > MAX_TEAM_SIZE:
            raise forms.ValidationError(f"每户检查人员最多{MAX_TEAM_SIZE}名", code="team_too_large")
        return size

    def quota_texts(self) -> dict[str, str]:
        return {c: self.cleaned_data[f"quota_{c}"] for c in RISK_CLASSES}


class CommitForm(forms.Form):
    seed_source = forms.ChoiceField(
        label="随机源", choices=SeedSource.choices, initial=SeedSource.COMMIT_REVEAL, widget=forms.RadioSelect
    )


class DrawForm(forms.Form):
    seed = forms.CharField(label="现场随机源（如骰子点数）", required=False, widget=forms.TextInput(attrs=TEXT))
    witnesses = forms.CharField(label="见证人（逗号分隔）", required=False, widget=forms.TextInput(attrs=TEXT))


class ResultForm(forms.Form):
    occurred_on = DateField(label="检查日期", widget=IsoDateInput)
    outcome = forms.ChoiceField(
        label="检查结果", choices=InspectionOutcome.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    findings = forms.CharField(
        label="检查情况", required=False, widget=forms.Textarea(attrs={"class": "form-control", "rows": 3})
    )
