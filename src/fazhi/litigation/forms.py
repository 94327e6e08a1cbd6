"""HTML input validation for the litigation pages."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.form_fields import DateField
from fazhi.core.form_styles import IsoDateInput
from fazhi.litigation.choices import AbsenceExcuse, HeadPosition, Instance, LossKind, Outcome, PlaintiffKind
from fazhi.reconsideration.choices import Category
from fazhi.reconsideration.forms import ChangedPenaltyFields

TEXT = forms.TextInput(attrs={"class": "form-control"})
SELECT = forms.Select(attrs={"class": "form-select"})
CHECK = forms.CheckboxInput(attrs={"class": "form-check-input"})


class RegisterForm(forms.Form):
    court = forms.CharField(label="受理法院", widget=TEXT)
    case_number = forms.CharField(label="案号", widget=TEXT)
    instance = forms.ChoiceField(label="审级", choices=Instance.choices, widget=SELECT)
    plaintiff_kind = forms.ChoiceField(label="原告类型", choices=PlaintiffKind.choices, widget=SELECT)
    plaintiff_name = forms.CharField(label="原告", widget=TEXT)
    plaintiff_id_number = forms.CharField(label="证件号码", required=False, widget=TEXT)
    category = forms.ChoiceField(label="类别", choices=Category.choices, widget=SELECT)
    act_description = forms.CharField(label="被诉行政行为", widget=TEXT)
    filed_on = DateField(label="立案日期", widget=IsoDateInput)
    complaint_received_on = DateField(label="收到起诉状副本日期", widget=IsoDateInput)
    defendant = forms.ChoiceField(label="被告（未关联复议案件时）", required=False, widget=SELECT)
    # The 案号 people know the case by (a typed number was the database id); the page offers the
    # visible cases' numbers as suggestions (<datalist id="reconsideration-numbers">).
    reconsideration_case_number = forms.CharField(
        label="关联行政复议案件案号", required=False, max_length=64,
        help_text="复议后起诉的，填写本机关复议案件的案号，如“测府复〔2026〕1号”",
        widget=forms.TextInput(attrs={"class": "form-control", "list": "reconsideration-numbers"}),
    )  # fmt: skip
    decision_received_on = DateField(
        label="原告收到行政复议决定书日期", required=False, widget=IsoDateInput,
        help_text="复议后起诉的，起诉期限自收到复议决定书之日起十五日（行政诉讼法第四十五条）；不知道的可不填",
    )  # fmt: skip
    enterprise_related = forms.BooleanField(label="涉企", required=False, widget=CHECK)
    after_reconsideration = forms.BooleanField(label="经复议后起诉（他机关复议）", required=False, widget=CHECK)
    head_summoned = forms.BooleanField(label="法院通知负责人出庭", required=False, widget=CHECK)

    def __init__(self, *args: Any, units: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["defendant"].choices = [("", "—"), *units]


class DefenceForm(forms.Form):
    submitted_on = DateField(label="提交日期", widget=IsoDateInput)


class HearingForm(forms.Form):
    held_on = DateField(label="开庭日期", widget=IsoDateInput)
    head_appeared = forms.BooleanField(label="负责人出庭", required=False, widget=CHECK)
    head_name = forms.CharField(label="出庭负责人", required=False, widget=TEXT)
    head_position = forms.ChoiceField(label="职务类别", required=False, choices=[("", "—"), *HeadPosition.choices],
                                      widget=SELECT)  # fmt: skip
    # Recorded as it happened: no reason, or no proof, is registered and flagged (出庭应诉规定第十二条).
    excuse = forms.ChoiceField(label="不能出庭的理由", required=False, widget=SELECT,
                               choices=[("", "未说明理由"), *AbsenceExcuse.choices])  # fmt: skip
    excuse_proof = forms.BooleanField(label="已提交证明材料（加盖印章或主要负责人签字）", required=False, widget=CHECK)
    delegate_name = forms.CharField(label="委托出庭的工作人员", required=False, widget=TEXT)
    delegate_title = forms.CharField(label="工作人员职务", required=False, widget=TEXT)
    lawyer_only = forms.BooleanField(label="仅委托律师出庭（无相应的工作人员）", required=False, widget=CHECK)


class ConcludeForm(ChangedPenaltyFields):
    """The instance's end; a 判决变更 of the linked penalty case states the penalty as changed (Art. 77)."""

    outcome = forms.ChoiceField(label="结果", choices=Outcome.choices, widget=SELECT)
    loss_kind = forms.ChoiceField(
        label="败诉类型", required=False, choices=[("", "—"), *LossKind.choices], widget=SELECT
    )
    concluded_on = DateField(label="审结日期", widget=IsoDateInput)
    judgment_number = forms.CharField(label="裁判文书号", required=False, widget=TEXT)
    summary = forms.CharField(
        label="裁判要旨", required=False, widget=forms.Textarea(attrs={"class": "form-control", "rows": 2})
    )
    contrary_co_plaintiff = forms.BooleanField(
        label="利害关系人同为原告且诉讼请求相反（第七十七条第二款：可判决加重原告的义务）", required=False, widget=CHECK
    )

    field_order = ["outcome", "loss_kind", "concluded_on", "judgment_number", "summary"]


class SuggestionForm(forms.Form):
    received_on = DateField(label="收到日期", widget=IsoDateInput)
    content = forms.CharField(label="司法建议内容", widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}))
