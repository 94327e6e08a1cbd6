"""HTML input of the enforcement pages. Forms only validate and shape input; the views pass
`cleaned_data` to the very services the API calls (field names = the services' keyword arguments).

Every case-action form carries the hidden `version` the page was rendered with: a stale version
is refused by the service (HTTP 409), exactly as over the API.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils import timezone

from fazhi.core.form_fields import DateField
from fazhi.core.form_styles import ISO_DATE, IsoDateInput
from fazhi.enforcement.choices import (
    CaseOutcome,
    CaseSource,
    CashCollectionGround,
    DecisionChangeKind,
    EnforcementRoute,
    EvidenceStage,
    EvidenceType,
    InspectionOrigin,
    InspectionOutcome,
    PartyKind,
    PaymentArrangement,
    PenaltyType,
    PreservationDecision,
    RecusalSource,
    SurchargePauseReason,
)
from fazhi.enforcement.rules.common import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS, money_input_messages
from fazhi.enforcement.rules.decision import NO_PENALTY_OUTCOMES

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}
CHECK = {"class": "form-check-input"}
MONEY = {"max_digits": MONEY_MAX_DIGITS, "decimal_places": MONEY_DECIMAL_PLACES, "min_value": Decimal(0)}
CENT = Decimal("0.01")

DATE_ERRORS = {"required": "请填写日期。", "invalid": "日期格式不正确，请按“年-月-日”填写。"}


def _today() -> date:
    return timezone.localdate()


def date_field(label: str, *, required: bool = True) -> forms.DateField:
    return DateField(
        label=label,
        required=required,
        initial=_today,
        input_formats=[ISO_DATE],
        error_messages=DATE_ERRORS,
        widget=IsoDateInput,
    )


def text_field(label: str, *, required: bool = True, rows: int = 0, max_length: int | None = None) -> forms.CharField:
    widget: forms.Widget = forms.Textarea(attrs={"rows": rows, **TEXT}) if rows else forms.TextInput(attrs=TEXT)
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=widget,
        error_messages={"required": f"请填写{label}。"},
    )


def _amount_name(label: str) -> str:
    """The amount's name inside a message: 拟罚款数额（元） → 拟罚款数额."""
    return label.split("（", 1)[0]


def money_field(label: str, *, required: bool = False, initial: Decimal | None = Decimal(0)) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        initial=initial,
        **MONEY,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", **TEXT}),
        error_messages=money_input_messages(_amount_name(label)),
    )


def bool_field(label: str, *, initial: bool = False) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, initial=initial, widget=forms.CheckboxInput(attrs=CHECK))


def penalty_types_field(
    label: str = "处罚种类",
    *,
    required: bool = True,
    choices: list[tuple[str, str]] | None = None,
    invalid_choice: str | None = None,
) -> forms.MultipleChoiceField:
    """The 处罚种类 checkboxes: every kind of Art. 9, or `choices` with its own `invalid_choice` message."""
    messages = {"required": "请至少选择一种处罚种类。"} | ({"invalid_choice": invalid_choice} if invalid_choice else {})
    return forms.MultipleChoiceField(
        label=label,
        required=required,
        choices=PenaltyType.choices if choices is None else choices,
        widget=forms.CheckboxSelectMultiple(attrs=CHECK),
        error_messages=messages,
    )


class PartyFields(forms.Form):
    """当事人 / 检查对象: an organisation by 统一社会信用代码 or a person by 公民身份号码 (checked by the service)."""

    party_kind = forms.ChoiceField(
        label="对象类型", choices=PartyKind.choices, initial=PartyKind.ORGANISATION, widget=forms.Select(attrs=SELECT)
    )
    party_name = text_field("姓名或名称", max_length=200)
    party_code = forms.CharField(
        label="统一社会信用代码/公民身份号码",
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "off", **TEXT}),
        error_messages={"required": "请填写统一社会信用代码或公民身份号码。"},
    )
    party_address = text_field("地址", required=False, max_length=300)


class OfficerChoiceMixin(forms.Form):
    """`officer_ids`: the unit's officers as checkboxes; the certificate check itself is the service's."""

    officer_ids = forms.TypedMultipleChoiceField(
        label="执法人员（至少两名持有效执法证）",
        coerce=int,
        widget=forms.CheckboxSelectMultiple(attrs=CHECK),
        error_messages={"required": "请选择执法人员。", "invalid_choice": "所选执法人员不属于本单位。"},
    )

    def set_officers(self, officers: list[Any]) -> None:
        field = self.fields["officer_ids"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(o.pk, o.person.name) for o in officers]


class UnitChoiceMixin(forms.Form):
    unit_code = forms.ChoiceField(label="执法单位", widget=forms.Select(attrs=SELECT))

    def set_units(self, units: list[Any]) -> None:
        field = self.fields["unit_code"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(u.code, u.name) for u in units]


class InspectionForm(UnitChoiceMixin, PartyFields, OfficerChoiceMixin):
    occurred_on = date_field("检查日期")
    check_item_codes = forms.MultipleChoiceField(
        label="检查事项（本单位检查清单）",
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECK),
        error_messages={"invalid_choice": "检查事项不属于本单位检查清单。"},
    )
    findings = text_field("检查情况", required=False, rows=3)
    outcome = forms.ChoiceField(label="检查结果", choices=InspectionOutcome.choices, widget=forms.Select(attrs=SELECT))
    origin = forms.ChoiceField(label="检查来源", choices=InspectionOrigin.choices, widget=forms.Select(attrs=SELECT))

    field_order = [
        "unit_code", "party_kind", "party_name", "party_code", "party_address", "occurred_on", "officer_ids",
        "check_item_codes", "findings", "outcome", "origin",
    ]  # fmt: skip

    def set_check_items(self, items: list[Any]) -> None:
        field = self.fields["check_item_codes"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(i.code, f"{i.code} {i.name}") for i in items]


class PowerItemChoiceMixin(forms.Form):
    """`power_item_code`: the unit's active penalty power items (权责清单), optional."""

    power_item_code = forms.ChoiceField(label="权责事项（行政处罚）", required=False, widget=forms.Select(attrs=SELECT))

    def set_power_items(self, items: list[Any]) -> None:
        field = self.fields["power_item_code"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "（不关联）")] + [(i.code, f"{i.code} {i.name}") for i in items]

    def clean_power_item_code(self) -> str | None:
        return self.cleaned_data.get("power_item_code") or None


HARM_CHOICES = [("none", "无危害后果"), ("minor", "危害后果轻微"), ("significant", "有一定危害后果")]


class CaseOpenForm(UnitChoiceMixin, PartyFields, OfficerChoiceMixin, PowerItemChoiceMixin):
    """立案 (行政处罚法 Art. 54) with the facts the statutory steps and the 三张清单 depend on."""

    cause = text_field("案由", max_length=300)
    # Chosen, not defaulted: the 立案审批表 prints it, and a silent 其他途径发现 hid where cases came from.
    case_source = forms.ChoiceField(
        label="案件来源",
        choices=[("", "请选择"), *CaseSource.choices],
        widget=forms.Select(attrs=SELECT),
        error_messages={"required": "请选择案件来源。", "invalid_choice": "案件来源不在可选范围内。"},
    )
    violation_ended_on = date_field("违法行为发生（终了）日期")
    discovered_on = date_field("发现日期")
    filed_on = date_field("立案日期")
    facts = text_field("违法事实", required=False, rows=3)
    inspection_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    life_health_or_finance_with_harm = bool_field("涉及公民生命健康安全、金融安全且有危害后果（追责期限五年）")
    major_public_interest = bool_field("涉及重大公共利益")
    complex_case = bool_field("案件情况疑难复杂、涉及多个法律关系")
    other_legal_review_required = bool_field("法律、法规规定应当进行法制审核")
    complex_or_major = bool_field("情节复杂或者重大违法行为（须集体讨论）")
    first_violation = bool_field("初次违法")
    harm = forms.ChoiceField(
        label="危害后果", choices=HARM_CHOICES, initial="significant", widget=forms.Select(attrs=SELECT)
    )
    corrected_in_time = bool_field("及时改正")
    minor_violation = bool_field("违法行为轻微")
    no_fault = bool_field("当事人有证据足以证明没有主观过错")


# Art. 51 names only these two; another kind is refused by the form, the amount limits by the service.
ON_THE_SPOT_TYPES = [(t.value, t.label) for t in (PenaltyType.WARNING, PenaltyType.FINE)]


class OnTheSpotForm(UnitChoiceMixin, PartyFields, OfficerChoiceMixin, PowerItemChoiceMixin):
    """当场处罚 (简易程序, 行政处罚法 Art. 51, 52): the decision as handed over, for services.case_decide_on_the_spot.

    The form checks only the shape of the input: the Art. 51 ceilings (200 元 for a 公民, 3,000 元 for a
    法人或者其他组织), the two certified officers (Art. 42, 52) and the Art. 44 notice are the service's checks,
    refused with the article in the message exactly as over the API.
    """

    decided_on = date_field("当场处罚决定日期")
    place = text_field("地点", max_length=200)
    cause = text_field("案由（违法行为）", max_length=300)
    facts = text_field("违法事实", rows=3)
    penalty_types = penalty_types_field(
        choices=ON_THE_SPOT_TYPES,
        invalid_choice="当场处罚只能给予警告或者罚款（《中华人民共和国行政处罚法》第五十一条）。",
    )
    fine_amount = money_field("罚款数额（元）")
    legal_basis = text_field("处罚依据", rows=2)
    rights_notified = bool_field("已当场告知当事人违法事实、处罚理由和依据，并听取其陈述、申辩")
    decision_number = text_field("决定书编号（预定格式、编有号码的决定书）", required=False, max_length=64)
    remedies = text_field("申请行政复议、提起行政诉讼的途径和期限", required=False, rows=2)

    field_order = [
        "unit_code", "party_kind", "party_name", "party_code", "party_address", "decided_on", "place", "cause",
        "power_item_code", "facts", "penalty_types", "fine_amount", "legal_basis", "officer_ids", "rights_notified",
        "decision_number", "remedies",
    ]  # fmt: skip

    def clean_fine_amount(self) -> Decimal:
        return self.cleaned_data.get("fine_amount") or Decimal(0)


# --- case actions ---------------------------------------------------------------------------------


class VersionedForm(forms.Form):
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def set_choices(self, name: str, choices: list[tuple[Any, str]]) -> None:
        """Fill a choice field from the case (its officers, pending recusals…), read by the view."""
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class InvestigateForm(VersionedForm):
    on = date_field("调查开始日期")


class NotifyForm(VersionedForm):
    notified_on = date_field("告知日期")
    facts = text_field("违法事实", rows=3)
    grounds = text_field("理由", rows=2)
    legal_basis = text_field("依据", rows=2)
    penalty_types = penalty_types_field("拟处罚种类")
    fine = money_field("拟罚款数额（元）")
    confiscation_value = money_field("拟没收金额（元）")
    other_severe = bool_field("其他较重的行政处罚（降低资质等级、吊销许可证件等）")
    rights_statement_defence = bool_field("已告知陈述、申辩权", initial=True)
    rights_hearing = bool_field("已告知要求听证的权利")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["grounds"].help_text = (
            "写明违法行为违反的法律规定，如：违反了《中华人民共和国食品安全法》第三十四条第十项的规定。"
            "告知书写作“本机关认为，你单位的上述行为违反了……”；其他理由按原文写入。"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in ("fine", "confiscation_value"):
            if data.get(name) is None:
                data[name] = Decimal(0)
        return data


class StatementForm(VersionedForm):
    on = date_field("陈述申辩日期")
    summary = text_field("陈述申辩意见", required=False, rows=2)
    adopted = bool_field("采纳")
    waived = bool_field("当事人明确放弃陈述申辩")


class HearingRequestForm(VersionedForm):
    requested_on = date_field("申请听证日期")


class HearingScheduleForm(VersionedForm):
    notice_on = date_field("通知日期")
    hearing_on = date_field("举行听证日期（通知后至少七个工作日）")
    place = text_field("听证地点", max_length=200)


class HearingHoldForm(VersionedForm):
    held_on = date_field("听证日期")
    chair = text_field("听证主持人（非本案调查人员）", max_length=64)
    record = text_field("听证笔录摘要", rows=3)
    notice_on = date_field("听证通知日期（未登记通知时填写）", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["notice_on"].initial = None


class DatedForm(VersionedForm):
    on = date_field("提交日期")


class LegalReviewForm(VersionedForm):
    reviewed_on = date_field("审核日期")
    passed = forms.TypedChoiceField(
        label="审核结论",
        choices=[("true", "通过"), ("false", "不通过，退回补充调查")],
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect(attrs=CHECK),
        error_messages={"required": "请选择审核结论。"},
    )
    opinion = text_field("审核意见", rows=3)


class CollectiveDiscussionForm(VersionedForm):
    discussed_on = date_field("集体讨论日期")
    summary = text_field("集体讨论意见", rows=3)


class ExtendForm(VersionedForm):
    days = forms.IntegerField(
        label="延长日数", min_value=1, widget=forms.NumberInput(attrs={"min": "1", **TEXT}),
        error_messages={"required": "请填写延长日数。"},
    )  # fmt: skip
    approved_on = date_field("批准日期")
    reason = text_field("延长理由和批准情况", rows=2)


class DecideForm(VersionedForm):
    decided_on = date_field("决定日期")
    decision_number = text_field("决定书文号", max_length=64)
    penalty_types = penalty_types_field()
    fine_amount = money_field("罚款数额（元）")
    confiscation_value = money_field("没收金额（元）")
    legal_basis = text_field("处罚依据", rows=2)
    performance_terms = text_field("履行方式和期限", rows=2)
    remedies = text_field("申请行政复议、提起行政诉讼的途径和期限", rows=2)
    discretion_reason = text_field("裁量阶次外处罚的理由（罚款不在裁量基准阶次内时必填）", required=False, rows=2)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in ("fine_amount", "confiscation_value"):
            if data.get(name) is None:
                data[name] = Decimal(0)
        return data


class ServeForm(VersionedForm):
    served_on = date_field("送达日期")
    method = forms.ChoiceField(
        label="送达方式",
        choices=[(m, m) for m in ("直接送达", "留置送达", "邮寄送达", "委托送达", "电子送达", "公告送达")],
        widget=forms.Select(attrs=SELECT),
    )


class SurchargePauseForm(VersionedForm):
    reason = forms.ChoiceField(
        label="暂停原因", choices=SurchargePauseReason.choices, widget=forms.Select(attrs=SELECT)
    )
    first = date_field("暂停起始日")


class SurchargeResumeForm(VersionedForm):
    last = date_field("暂停结束日（含）")


class ExecuteForm(VersionedForm):
    executed_on = date_field("履行/执行完毕日期")
    paid_amount = forms.DecimalField(
        label="实缴金额（元，留空按应缴全额）",
        required=False,
        **MONEY,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", **TEXT}),
        error_messages=money_input_messages("实缴金额"),
    )
    note = text_field("说明", required=False, rows=2)


# --- 回避 (Art. 43) and 先行登记保存 (Art. 56) ------------------------------------------------------------
# Choices that depend on the case (its officers, pending recusals, undecided preservations) are set by
# the view with set_choices; a choice that is no longer open on submit is refused as invalid.


class RecusalDeclareForm(VersionedForm):
    officer_id = forms.TypedChoiceField(
        label="需回避的执法人员",
        coerce=int,
        widget=forms.Select(attrs=SELECT),
        error_messages={"required": "请选择执法人员。", "invalid_choice": "所选执法人员不是本案承办人员。"},
    )
    source = forms.ChoiceField(label="提出方", choices=RecusalSource.choices, widget=forms.Select(attrs=SELECT))
    declared_on = date_field("提出日期")
    reason = text_field("回避事由（直接利害关系或者其他关系可能影响公正执法的情况）", rows=2)


RECUSAL_DECISIONS = [("true", "决定回避"), ("false", "决定不予回避")]


class OfficersAssignForm(VersionedForm):
    """指派承办人员, e.g. the replacement after a granted recusal (Art. 42, 43).

    The choices are the officers who may be assigned today (selectors.case_assignable_officers); the
    field sets no minimum, so "at least two" and the certificate on the chosen date stay the service's
    checks and are refused with Art. 42 in the message.
    """

    officer_ids = forms.TypedMultipleChoiceField(
        label="承办执法人员（至少两名持有效执法证）",
        coerce=int,
        widget=forms.CheckboxSelectMultiple(attrs=CHECK),
        error_messages={
            "required": "请选择执法人员。",
            "invalid_choice": "所选执法人员不能指派：须为本单位持有效执法证且未回避的执法人员"
            "（《中华人民共和国行政处罚法》第四十二条、第四十三条）。",
        },
    )
    on = date_field("指派日期")
    reason = text_field("指派理由（如原承办人员回避）", rows=2)


class RecusalDecideForm(VersionedForm):
    recusal_id = forms.TypedChoiceField(
        label="回避申请",
        coerce=int,
        widget=forms.Select(attrs=SELECT),
        error_messages={"required": "请选择回避申请。", "invalid_choice": "该回避申请已经作出决定，请刷新页面。"},
    )
    granted = forms.TypedChoiceField(
        label="决定",
        choices=RECUSAL_DECISIONS,
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect(attrs=CHECK),
        error_messages={"required": "请选择是否回避。"},
    )
    decided_on = date_field("决定日期")
    decided_by = text_field("决定的行政机关负责人", max_length=64)
    note = text_field("决定说明", required=False, rows=2)


class PreservationRegisterForm(VersionedForm):
    registered_on = date_field("登记保存日期")
    items = text_field("登记保存物品（名称、数量）", rows=2)
    reason = text_field("证据可能灭失或者以后难以取得的情况", rows=2)
    # Not required here: a missing approval is refused by the service with Art. 56 in the message.
    approved_by = text_field("批准的行政机关负责人", required=False, max_length=64)
    approved_on = date_field("批准日期", required=False)


class PreservationDecideForm(VersionedForm):
    preservation_id = forms.TypedChoiceField(
        label="登记保存记录",
        coerce=int,
        widget=forms.Select(attrs=SELECT),
        error_messages={
            "required": "请选择登记保存记录。",
            "invalid_choice": "该登记保存已经作出处理决定，请刷新页面。",
        },
    )
    decided_on = date_field("处理决定日期")
    decision = forms.ChoiceField(
        label="处理决定", choices=PreservationDecision.choices, widget=forms.Select(attrs=SELECT)
    )
    note = text_field("处理说明", required=False, rows=2)


# --- 缴纳与执行 (Art. 66, 68–72; 行政强制法 Art. 35, 46, 53, 54) ----------------------------------------------


INSTALMENT_EXAMPLE = "2026年5月15日 2500"
_CHINESE_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def _instalment_date(text: str) -> date:
    """2026年5月15日 as people write it, or 2026-05-15; ValueError otherwise (also for 2026年2月30日)."""
    if match := _CHINESE_DATE.fullmatch(text):
        return date(*(int(part) for part in match.groups()))
    return date.fromisoformat(text)


def parse_instalments(text: str) -> list[tuple[date, Decimal]]:
    """Read an instalment plan typed one line per instalment: "2026年5月15日 2500" (date, then amount in 元).

    The date may also be written 2026-05-15. The checks of the plan itself (at least two, dates rising,
    amounts adding up to the fine) are the service's, with Art. 66(2) in the message; this only reads the lines.
    """
    plan = []
    for number, line in enumerate(text.splitlines(), start=1):
        parts = line.replace("，", " ").replace(",", " ").split()
        if not parts:
            continue
        try:
            if len(parts) != 2:
                raise ValueError(line)
            due = _instalment_date(parts[0])
            amount = Decimal(parts[1].removesuffix("元"))
            if not amount.is_finite():
                raise ValueError(line)
            cents = amount.quantize(CENT)  # InvalidOperation for absurd sizes
        except (ValueError, InvalidOperation) as exc:
            raise forms.ValidationError(
                f"第{number}行格式不正确，请按“缴款日期 金额（元）”填写，如 {INSTALMENT_EXAMPLE}。"
            ) from exc
        if cents != amount:
            raise forms.ValidationError(f"第{number}行的金额以元为单位，最多保留两位小数。")
        plan.append((due, cents))
    return plan


class PaymentArrangeForm(VersionedForm):
    kind = forms.ChoiceField(
        label="方式",
        choices=[c for c in PaymentArrangement.choices if c[0]],
        widget=forms.Select(attrs=SELECT),
    )
    applied_on = date_field("当事人申请日期")
    approved_on = date_field("批准日期")
    # Not required here: a missing approver is refused by the service with Art. 66(2) in the message.
    approver = text_field("批准的行政机关负责人", required=False, max_length=64)
    new_due = date_field("暂缓缴纳至（暂缓缴纳时填写）", required=False)
    instalments = text_field("分期计划（分期缴纳时填写）", required=False, rows=3)
    reason = text_field("当事人确有经济困难的情况", rows=2)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_due"].initial = None
        self.fields["instalments"].help_text = f"每行一期：缴款日期 金额（元），如 {INSTALMENT_EXAMPLE}"

    def clean_instalments(self) -> list[tuple[date, Decimal]]:
        return parse_instalments(self.cleaned_data.get("instalments") or "")


class CashCollectForm(VersionedForm):
    collected_on = date_field("收缴日期")
    ground = forms.ChoiceField(
        label="当场收缴情形", choices=CashCollectionGround.choices, widget=forms.Select(attrs=SELECT)
    )
    # Not required here: without a receipt the service refuses with Art. 70 in the message.
    receipt_number = text_field("财政部门统一制发的专用票据号码", required=False, max_length=64)
    party_requested = bool_field("当事人提出当场缴纳（第六十九条）")
    landed_on = date_field("抵岸日期（在水上当场收缴时填写）", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["landed_on"].initial = None


class CashHandoverForm(VersionedForm):
    handed_over_on = date_field("交至行政机关日期")


class CashDepositForm(VersionedForm):
    deposited_on = date_field("缴付指定银行日期")


class EnforcementDemandForm(VersionedForm):
    served_on = date_field("催告书送达日期")
    note = text_field("说明", required=False, rows=2)


class EnforcementApplyForm(VersionedForm):
    route = forms.ChoiceField(label="方式", choices=EnforcementRoute.choices, widget=forms.Select(attrs=SELECT))
    applied_on = date_field("申请或实施日期")
    body = text_field("受理法院或执行机关", max_length=200)
    note = text_field("说明", required=False, rows=2)


class CloseForm(VersionedForm):
    closed_on = date_field("结案日期")
    note = text_field("结案说明", required=False, rows=2)


NO_PENALTY_CHOICES = [(c.value, c.label) for c in CaseOutcome if c in NO_PENALTY_OUTCOMES]


class CloseWithoutPenaltyForm(VersionedForm):
    outcome = forms.ChoiceField(label="不予处罚情形", choices=NO_PENALTY_CHOICES, widget=forms.Select(attrs=SELECT))
    closed_on = date_field("结案日期")
    legal_basis = text_field("依据", rows=2)
    corrected = bool_field("当事人已改正")
    education_given = bool_field("已对当事人进行教育")


class TransferForm(VersionedForm):
    closed_on = date_field("移送日期")
    recipient = text_field("接收机关", max_length=200)


class ExecutionEndForm(VersionedForm):
    closed_on = date_field("结案日期")
    note = text_field("结案说明（可不填）", required=False, rows=2)


class WithdrawCaseForm(VersionedForm):
    closed_on = date_field("撤销日期")
    reason = text_field("撤销立案理由", rows=2)


class DecisionChangeForm(VersionedForm):
    kind = forms.ChoiceField(label="情形", choices=DecisionChangeKind.choices, widget=forms.Select(attrs=SELECT))
    changed_on = date_field("变更/撤销日期")
    reason = text_field("理由", rows=2)
    # 变更 only (行政复议法 Art. 63; 行政诉讼法 Art. 77): the decision's content as changed; the service refuses
    # a 变更 without it and new content with the other kinds. Blank means "not given", hence no initial 0.
    new_penalty_types = penalty_types_field("变更后的处罚种类（仅变更时选择；不选则沿用原决定）", required=False)
    new_fine_amount = money_field("变更后的罚款数额（元；变更且仍处罚款时必填）", initial=None)
    new_confiscation_value = money_field("变更后的没收金额（元；不填则沿用原决定）", initial=None)


class PublishForm(VersionedForm):
    published_on = date_field("公示日期")


class PublicationWithdrawForm(VersionedForm):
    withdrawn_on = date_field("撤回日期")
    reason = text_field("撤回说明（公开）", rows=2)
    change_kind = forms.ChoiceField(
        label="原因类型",
        required=False,
        choices=[("", "按案件登记的决定变更情形"), *DecisionChangeKind.choices],
        widget=forms.Select(attrs=SELECT),
    )


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label="文件", widget=forms.ClearableFileInput(attrs=TEXT), error_messages={"required": "请选择文件。"}
    )
    evidence_type = forms.ChoiceField(label="证据种类", choices=EvidenceType.choices, widget=forms.Select(attrs=SELECT))
    stage = forms.ChoiceField(label="执法环节", choices=EvidenceStage.choices, widget=forms.Select(attrs=SELECT))
    title = text_field("名称", required=False, max_length=200)
    description = text_field("说明", required=False, rows=2)
    collected_on = date_field("取得日期")
    audio_video_recorded = bool_field("已全程音像记录")


# --- lists ----------------------------------------------------------------------------------------


class MyWorkFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label="类型",
        required=False,
        choices=[("", "案件和检查"), ("case", "行政处罚案件"), ("inspection", "行政检查")],
        widget=forms.Select(attrs=SELECT),
    )
    urgency = forms.ChoiceField(
        label="期限",
        required=False,
        choices=[("", "全部"), ("overdue", "已逾期"), ("urgent", "3个工作日内到期"), ("normal", "其他")],
        widget=forms.Select(attrs=SELECT),
    )
    q = forms.CharField(label="当事人或案由", required=False, widget=forms.TextInput(attrs=TEXT))


class CaseFilterForm(forms.Form):
    q = forms.CharField(label="编号、当事人或案由", required=False, widget=forms.TextInput(attrs=TEXT))
    status = forms.ChoiceField(label="状态", required=False, widget=forms.Select(attrs=SELECT))
    procedure = forms.ChoiceField(label="程序", required=False, widget=forms.Select(attrs=SELECT))

    def __init__(self, *args: Any, statuses: list[tuple[str, str]], procedures: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "全部状态"), *statuses]  # type: ignore[attr-defined]
        self.fields["procedure"].choices = [("", "全部程序"), *procedures]  # type: ignore[attr-defined]
