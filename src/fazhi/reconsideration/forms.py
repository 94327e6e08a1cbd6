"""HTML input validation for the reconsideration pages; forms only shape input, services write."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.form_fields import DateField
from fazhi.core.form_styles import IsoDateInput
from fazhi.enforcement.forms import money_field, penalty_types_field
from fazhi.reconsideration.choices import (
    ApplicantKind,
    Category,
    Channel,
    LetterKind,
    Outcome,
    PreAcceptanceEnding,
    Procedure,
    SuspensionGround,
    TerminationGround,
)

UNKNOWN_RESPONDENT = "所选被申请人不属于该行政复议机关的受理范围，请重新选择。"
TEXT = forms.TextInput(attrs={"class": "form-control"})
AREA = forms.Textarea(attrs={"class": "form-control", "rows": 3})
SELECT = forms.Select(attrs={"class": "form-select"})
CHECK = forms.CheckboxInput(attrs={"class": "form-check-input"})
DECISION_CHOICES = [(o.value, o.label) for o in Outcome if o not in (Outcome.MEDIATED, Outcome.TERMINATED)]


def _date(label: str, **kwargs: Any) -> forms.DateField:
    return DateField(label=label, widget=IsoDateInput, **kwargs)


def _text(label: str, *, area: bool = False, required: bool = True, help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, widget=AREA if area else TEXT, required=required, help_text=help_text)


def _flag(label: str) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, widget=CHECK)


class ApplicationForm(forms.Form):
    """The application (Art. 22) as the officer records it, or as the public submits it online."""

    applicant_kind = forms.ChoiceField(label="申请人类型", choices=ApplicantKind.choices, widget=SELECT)
    applicant_name = _text("申请人姓名或名称")
    applicant_id_number = _text("公民身份号码/统一社会信用代码")
    applicant_address = _text("住所或通讯地址", required=False)
    applicant_phone = _text("联系电话", required=False)
    applicant_representative = _text("法定代表人或主要负责人", required=False)
    respondent = forms.ChoiceField(
        label="被申请人", widget=SELECT, error_messages={"invalid_choice": UNKNOWN_RESPONDENT}
    )
    category = forms.ChoiceField(label="案件类别（行政复议法第十一条）", choices=Category.choices, widget=SELECT)
    # The documents write "申请人不服被申请人作出的{act}", so the act itself is asked for, not who made it.
    contested_act = _text(
        "被申请的行政行为（名称、文号）",
        help_text="填写行为本身，如“2026年3月1日青市监罚〔2026〕5号行政处罚决定”；文书中写作“被申请人作出的……”。",
    )
    act_document_number = _text("原行为文号", required=False)
    act_on = _date("行政行为作出日期", required=False)
    known_on = _date("知道或者应当知道该行政行为之日")
    informed_of_rights = forms.BooleanField(label="行政机关已告知复议权利、复议机关和申请期限", required=False,
                                            initial=True, widget=CHECK)  # fmt: skip
    rights_known_on = _date("知道复议权利之日（未告知时）", required=False)
    request = _text("行政复议请求", area=True)
    facts = _text("主要事实", area=True, required=False)
    reasons = _text("理由", area=True, required=False)
    enterprise_related = _flag("涉企案件")
    amount_involved = forms.DecimalField(label="涉及款额（元）", required=False, min_value=0,
                                         widget=forms.NumberInput(attrs={"class": "form-control"}))  # fmt: skip
    on_the_spot = _flag("行政行为系当场作出")
    warning_or_criticism = _flag("行政行为是警告或者通报批评")
    disclosure_refused = _flag("申请政府信息公开被拒绝")
    hearing_requested = _flag("请求听证")

    def __init__(self, *args: Any, respondents: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["respondent"].choices = respondents


class OfficerApplicationForm(ApplicationForm):
    channel = forms.ChoiceField(label="申请方式", choices=Channel.choices, widget=SELECT)
    received_on = _date("收到申请日期")
    posted_on = _date("交邮日期（邮寄）", required=False)
    penalty_case_id = forms.IntegerField(label="关联行政处罚案件ID（如有）", required=False,
                                         widget=forms.NumberInput(attrs={"class": "form-control"}))  # fmt: skip
    facts_clear = _flag("事实清楚、权利义务关系明确、争议不大")
    parties_consent_simplified = _flag("当事人各方同意适用简易程序")
    major_or_complex = _flag("重大、疑难、复杂")
    record_late = _flag("超过申请期限，登记后作不予受理")

    field_order = ["channel", "received_on", "posted_on"]


class PublicApplicationForm(ApplicationForm):
    authority = forms.ChoiceField(label="行政复议机关", widget=SELECT)
    agree = forms.BooleanField(label="本人承诺所填内容真实", required=True, widget=CHECK)

    field_order = ["authority"]

    def __init__(self, *args: Any, authorities: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authority"].choices = authorities


# --- one form per transition (the action code of rules.procedure.ACTIONS) -------------------------------


class CorrectionRequestForm(forms.Form):
    requested_on = _date("通知日期")
    items = _text("需要补正的事项（一次性告知，每行一项）", area=True)


class CorrectionReceiptForm(forms.Form):
    received_on = _date("收到补正材料日期")
    late_reason = _text("逾期补正的正当理由", required=False)


class AbandonForm(forms.Form):
    on = _date("认定日期")


class AcceptForm(forms.Form):
    accepted_on = _date("受理日期")
    procedure = forms.ChoiceField(label="审理程序", choices=Procedure.choices, widget=SELECT)


class RefuseForm(forms.Form):
    refused_on = _date("决定日期")
    reason = _text("不予受理的理由", area=True)


class PreAcceptanceClosureForm(forms.Form):
    closed_on = _date("结案日期")
    ending = forms.ChoiceField(label="方式", choices=PreAcceptanceEnding.choices, widget=SELECT)
    summary = _text("调解、和解情况及申请人撤回申请的意思表示", area=True)


class ConvertForm(forms.Form):
    converted_on = _date("转换日期")
    approved_by = _text("批准的行政复议机构负责人")
    reason = _text("不宜适用简易程序的理由", area=True)


class CopyForm(forms.Form):
    sent_on = _date("发送日期")
    respondent_received_on = _date("被申请人收到日期", required=False)


class ReplyForm(forms.Form):
    received_on = _date("收到答复日期")
    summary = _text("答复要点", area=True)


class FlagsForm(forms.Form):
    major_or_complex = _flag("重大、疑难、复杂（应当听证、提请委员会）")
    technical = _flag("专业性、技术性较强（提请委员会）")
    provincial_own_act = _flag("第二十四条第二款规定的案件")
    committee_deemed_necessary = _flag("复议机构认为有必要提请委员会")
    hearing_requested = _flag("申请人请求听证")


class HearingScheduleForm(forms.Form):
    notified_on = _date("书面通知日期")
    scheduled_on = _date("听证日期")
    place = _text("地点")
    matters = _text("拟听证事项", area=True)
    chair = _text("主持人")
    hearers = _text("听证员（两名以上，用顿号或逗号分隔）")
    recorder = _text("记录员")

    def clean_hearers(self) -> list[str]:
        raw = self.cleaned_data["hearers"].replace("，", "、").replace(",", "、")
        return [name.strip() for name in raw.split("、") if name.strip()]


class HearingHeldForm(forms.Form):
    hearing_id = forms.IntegerField(widget=forms.HiddenInput)
    respondent_head_attended = _flag("被申请人负责人参加")
    absence_reason = _text("负责人未参加的理由及委托人员", required=False)
    transcript_summary = _text("听证笔录摘要", area=True, required=False)


class HearingDeclineForm(forms.Form):
    reason = _text("不组织听证的理由", area=True)


class InvestigationForm(forms.Form):
    on = _date("调查日期")
    investigators = _text("调查人员（不少于两人，用顿号分隔）")
    subject = _text("调查对象或事项")
    findings = _text("调查情况", area=True, required=False)

    def clean_investigators(self) -> list[str]:
        raw = self.cleaned_data["investigators"].replace("，", "、").replace(",", "、")
        return [name.strip() for name in raw.split("、") if name.strip()]


class CommitteeForm(forms.Form):
    consulted_on = _date("咨询日期")
    opinion = _text("委员会咨询意见", area=True)


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label="延长日数（最多30日）", widget=forms.NumberInput(attrs={"class": "form-control"}))
    extended_on = _date("批准日期")
    approved_by = _text("批准的行政复议机构负责人")
    reason = _text("情况复杂的理由", area=True)


class SuspensionForm(forms.Form):
    ground = forms.ChoiceField(label="中止情形（第三十九条）", choices=SuspensionGround.choices, widget=SELECT)
    started_on = _date("中止日期")
    reason = _text("说明", required=False)


class ResumptionForm(forms.Form):
    resumed_on = _date("恢复日期")


class ChangedPenaltyFields(forms.Form):
    """The penalty as a 变更 of the linked penalty case states it (复议法 Art. 63, 行政诉讼法 Art. 77).

    The penalty case then carries it; the services refuse a 变更 without it and a heavier one. Blank
    means "not given" (no initial 0). `penalty_linked=False` (the act is not a penalty case of this
    platform) leaves the fields out.
    """

    new_penalty_types = penalty_types_field(
        "变更后的处罚种类（变更行政处罚决定时选择；不选则沿用原决定）", required=False
    )
    new_fine_amount = money_field("变更后的罚款数额（元；变更行政处罚决定且仍处罚款时必填）", initial=None)
    new_confiscation_value = money_field("变更后的没收金额（元；不填则沿用原决定）", initial=None)

    def __init__(self, *args: Any, penalty_linked: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not penalty_linked:
            for name in ("new_penalty_types", "new_fine_amount", "new_confiscation_value"):
                del self.fields[name]


class DecisionForm(ChangedPenaltyFields):
    outcome = forms.ChoiceField(label="决定类型", choices=DECISION_CHOICES, widget=SELECT)
    decided_on = _date("决定日期")
    summary = _text(
        "决定内容",
        area=True,
        help_text="决定书写作“本机关决定：……”，如“撤销被申请人作出的青市监罚〔2026〕5号行政处罚决定。”",
    )
    reasons = _text("查明事实和理由", area=True)
    legal_basis = _text("决定依据", required=False)
    approval = _text("复议机关负责人同意或集体讨论通过（第六十一条）")
    partial = _flag("部分撤销/部分确认")
    redo_ordered = _flag("责令重新作出行政行为")
    third_party_contrary_request = _flag("第三人提出相反请求（第六十三条第二款：可作出对申请人更为不利的变更）")

    field_order = ["outcome", "decided_on", "summary", "reasons", "legal_basis", "approval", "partial", "redo_ordered"]

    def __init__(self, *args: Any, penalty_linked: bool = True, third_party: bool = True, **kwargs: Any) -> None:
        """`third_party`: the case has a third party (else no Art. 63(2) exception); see ChangedPenaltyFields."""
        super().__init__(*args, penalty_linked=penalty_linked, **kwargs)
        if not third_party:
            del self.fields["third_party_contrary_request"]


class MediationForm(forms.Form):
    mediated_on = _date("调解书签收日期")
    agreement = _text("调解协议内容", area=True)
    approval = _text("审批情况", required=False)


class TerminationForm(forms.Form):
    ground = forms.ChoiceField(label="终止情形（第四十一条）", choices=TerminationGround.choices, widget=SELECT)
    terminated_on = _date("终止日期")
    reason = _text("事实和理由", area=True)


class LetterForm(forms.Form):
    kind = forms.ChoiceField(label="种类", choices=LetterKind.choices, widget=SELECT)
    recipient = forms.ChoiceField(label="收文机关", widget=SELECT)
    issued_on = _date("制发日期")
    content = _text("发现的问题和意见", area=True)

    def __init__(self, *args: Any, recipients: list[tuple[str, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["recipient"].choices = list(recipients)


class StatisticsFilterForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100,
                              widget=forms.NumberInput(attrs={"class": "form-control"}))  # fmt: skip
    unit = forms.ChoiceField(label="被申请人", required=False, widget=SELECT)
    category = forms.ChoiceField(label="类别", required=False, choices=[("", "全部"), *Category.choices], widget=SELECT)

    def __init__(self, *args: Any, units: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "全部（本级及下级）"), *units]
