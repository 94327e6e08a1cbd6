"""Input and output shapes of the enforcement API (one input per operation; outputs shared).

Money is a decimal string in 元 (never a float). Every case transition input carries `version`:
the version the client last read; a stale version gets HTTP 409 (penalty.version_conflict).
"""

from __future__ import annotations

import copy
from typing import Any

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from fazhi.core.api.fields import DateField, DateTimeField
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
from fazhi.enforcement.models import CaseEvent, Evidence, Inspection, PenaltyCase, Publication
from fazhi.enforcement.rules.common import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS, money_input_messages
from fazhi.enforcement.rules.decision import NO_PENALTY_OUTCOMES

MONEY = {
    "max_digits": MONEY_MAX_DIGITS,
    "decimal_places": MONEY_DECIMAL_PLACES,
    "min_value": 0,
    "error_messages": money_input_messages(),
}


def _names(officers: Any) -> list[dict[str, Any]]:
    """Officer references of a related manager, or of an already-loaded list of officers."""
    rows = officers.all() if hasattr(officers, "all") else officers
    return [{"id": o.pk, "name": o.person.name} for o in rows]


# --- outputs -------------------------------------------------------------------------------------


class OfficerRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class FieldsBuiltOnceMixin:
    """Build a ModelSerializer's fields once per class and hand each instance a copy.

    ModelSerializer rebuilds its fields from the model on every instance (about 0.8 ms here: field
    kwargs, validators, choices); a copy costs a quarter of that. Safe only for serializers whose
    fields depend on nothing but the class (no context, no request), like the outputs below.
    """

    _built_fields: dict[str, serializers.Field]  # set per class on first use

    def get_fields(self) -> dict[str, serializers.Field]:
        cls = type(self)
        if "_built_fields" not in cls.__dict__:
            cls._built_fields = super().get_fields()  # type: ignore[misc]
        return copy.deepcopy(cls._built_fields)


class InspectionOutputSerializer(FieldsBuiltOnceMixin, serializers.ModelSerializer):
    unit_code = serializers.CharField(source="unit.code", label="单位编码")
    outcome_label = serializers.CharField(source="get_outcome_display", label="检查结果名称")
    origin_label = serializers.CharField(source="get_origin_display", label="检查来源名称")
    officers = serializers.SerializerMethodField(label="检查人员")
    check_items = serializers.SerializerMethodField(label="检查事项编码")

    class Meta:
        model = Inspection
        fields = [
            "id", "unit_code", "party_kind", "party_name", "party_code", "party_address", "occurred_on",
            "recorded_at", "officers", "check_items", "findings", "outcome", "outcome_label", "origin",
            "origin_label", "spot_check_task_id", "backfilled",
        ]  # fmt: skip

    # A just-recorded inspection carries the rows its service linked (services.inspection_record);
    # reading them back would cost three queries on the busiest write.
    def get_officers(self, obj: Inspection) -> list[dict[str, Any]]:
        recorded = getattr(obj, "recorded_officers", None)
        return _names(recorded if recorded is not None else obj.officers)

    def get_check_items(self, obj: Inspection) -> list[str]:
        recorded = getattr(obj, "recorded_check_items", None)
        return [item.code for item in (recorded if recorded is not None else obj.check_items.all())]


@extend_schema_serializer(component_name="PenaltyCaseOutput")  # "CaseOutput" is also a reconsideration/litigation name
class CaseOutputSerializer(serializers.ModelSerializer):
    unit_code = serializers.CharField(source="unit.code", label="单位编码")
    status_label = serializers.CharField(source="get_status_display", label="状态名称")
    procedure_label = serializers.CharField(source="get_procedure_display", label="程序名称")
    outcome_label = serializers.CharField(source="get_outcome_display", label="结案方式名称")
    case_source_label = serializers.CharField(source="get_case_source_display", label="案件来源名称")
    power_item_code = serializers.SerializerMethodField(label="权责事项编码")
    officers = serializers.SerializerMethodField(label="承办人员")
    is_education_correction = serializers.BooleanField(label="教育改正")

    class Meta:
        model = PenaltyCase
        exclude = ["created_by", "legal_reviewer", "power_item", "unit", "inspection", "created_at"]

    def get_power_item_code(self, obj: PenaltyCase) -> str | None:
        return obj.power_item.code if obj.power_item_id else None

    def get_officers(self, obj: PenaltyCase) -> list[dict[str, Any]]:
        return _names(obj.officers)


class CaseListOutputSerializer(serializers.ModelSerializer):
    unit_code = serializers.CharField(source="unit.code", label="单位编码")
    status_label = serializers.CharField(source="get_status_display", label="状态名称")

    class Meta:
        model = PenaltyCase
        fields = [
            "id", "number", "unit_code", "procedure", "status", "status_label", "outcome", "version", "cause",
            "party_name", "filed_on", "decision_due", "decided_on", "fine_amount", "closed_on",
        ]  # fmt: skip


class DeadlineOutputSerializer(serializers.Serializer):
    rule_code = serializers.CharField(label="规则代码")
    start = DateField(label="起算日")
    due = DateField(label="届满日")
    status = serializers.CharField(label="状态")
    legal_basis = serializers.CharField(label="法律依据")
    steps = serializers.ListField(child=serializers.CharField(), label="计算步骤")
    provisional = serializers.BooleanField(label="暂定", help_text="跨入尚无节假日数据的年份、按周一至周五推算")


class ActionOutputSerializer(serializers.Serializer):
    code = serializers.CharField(label="操作代码")
    label = serializers.CharField(label="操作")
    target = serializers.CharField(allow_null=True, label="目标状态")
    article = serializers.CharField(label="法律依据（条文）")
    law = serializers.CharField(label="所引法律")


class SurchargeOutputSerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, label="加处罚款（元）")
    days_counted = serializers.IntegerField(label="计算天数")
    days_paused = serializers.IntegerField(label="暂停天数")
    capped = serializers.BooleanField(label="已达上限")
    legal_basis = serializers.CharField(label="法律依据")


class InstalmentOutputSerializer(serializers.Serializer):
    due = DateField(label="缴款日期")
    amount = serializers.DecimalField(**MONEY, label="金额（元）")
    paid_on = DateField(allow_null=True, label="实际缴纳日期")
    surcharge = serializers.DecimalField(**MONEY, label="该期加处罚款（元）")


class PaymentOutputSerializer(serializers.Serializer):
    fine = serializers.DecimalField(**MONEY, label="现行罚款数额（元）", help_text="决定被变更的，为变更后的罚款")
    paid_in_part = serializers.DecimalField(**MONEY, label="已分期缴纳罚款（元）")
    outstanding = serializers.DecimalField(**MONEY, label="尚应缴纳罚款（元）")
    due = DateField(allow_null=True, label="缴款期限")
    plan_active = serializers.BooleanField(label="分期缴纳计划执行中")
    plan_ended_on = DateField(
        allow_null=True, label="分期缴纳计划终止日期",
        help_text="决定变更罚款数额的，分期缴纳计划终止，按变更后的罚款重新确定（第六十六条第二款、第六十七条第三款）",
    )  # fmt: skip
    instalments = InstalmentOutputSerializer(many=True, label="分期缴纳计划")


class CaseDetailOutputSerializer(serializers.Serializer):
    case = CaseOutputSerializer()
    deadlines = DeadlineOutputSerializer(many=True)
    allowed_actions = ActionOutputSerializer(many=True)
    surcharge_today = SurchargeOutputSerializer(allow_null=True)
    payment = PaymentOutputSerializer()


class CaseEventOutputSerializer(serializers.ModelSerializer):
    type_label = serializers.CharField(source="get_type_display", label="事项名称")
    stage_label = serializers.CharField(source="get_stage_display", label="阶段名称")

    class Meta:
        model = CaseEvent
        fields = ["id", "type", "type_label", "stage", "stage_label", "occurred_at", "on", "actor_display", "message",
                  "parameters"]  # fmt: skip


class EvidenceOutputSerializer(serializers.ModelSerializer):
    evidence_type_label = serializers.CharField(source="get_evidence_type_display", label="证据种类名称")

    class Meta:
        model = Evidence
        fields = [
            "id", "case", "inspection", "evidence_type", "evidence_type_label", "stage", "title", "description",
            "collected_on", "audio_video_recorded", "sha256", "size", "content_type", "original_name", "uploaded_at",
        ]  # fmt: skip


class FlexibleSuggestionOutputSerializer(serializers.Serializer):
    measure_code = serializers.CharField(source="measure.code", label="清单编码")
    kind = serializers.CharField(label="清单类别")
    violation = serializers.CharField(source="measure.violation", label="违法行为")
    handling = serializers.CharField(source="measure.handling", label="处理方式")
    mandatory = serializers.BooleanField(label="依法应当适用")
    reason = serializers.CharField(label="理由")
    rule_basis = serializers.CharField(label="规则依据")
    legal_basis = serializers.ListField(child=serializers.CharField(), label="清单依据")


class PublicationOutputSerializer(serializers.ModelSerializer):
    unit_code = serializers.CharField(source="unit.code", label="单位编码")

    class Meta:
        model = Publication
        exclude = ["unit", "published_by", "withdrawn_by", "created_at", "updated_at"]


class PublicPublicationOutputSerializer(serializers.Serializer):
    """The public shape: masked at publication time, nothing else."""

    id = serializers.IntegerField()
    unit_name = serializers.CharField(source="unit.name", label="公示机关")
    decision_number = serializers.CharField(label="决定书文号")
    decided_on = DateField(label="决定日期")
    party_display = serializers.CharField(label="当事人")
    party_code_display = serializers.CharField(label="证件号码")
    cause = serializers.CharField(label="违法行为类型")
    facts_summary = serializers.CharField(label="主要违法事实")
    penalty_summary = serializers.CharField(label="处罚内容")
    legal_basis = serializers.CharField(label="处罚依据")
    published_on = DateField(label="公示日期")


class WorkItemOutputSerializer(serializers.Serializer):
    kind = serializers.CharField()
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    due = DateField(allow_null=True)
    due_what = serializers.CharField(help_text="届满日所属的期限，如“行政处罚决定公示期限”（检查为空）")
    due_provisional = serializers.BooleanField(help_text="届满日为暂定：该年度尚无节假日数据，按周一至周五推算")
    urgency = serializers.CharField()


class BulkErrorOutputSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    code = serializers.CharField()
    message = serializers.CharField()


class BulkResultOutputSerializer(serializers.Serializer):
    """All or nothing: with any error, created is 0 and nothing was written (HTTP 400)."""

    created = serializers.IntegerField()
    batches = serializers.IntegerField()
    first_id = serializers.IntegerField(allow_null=True)
    last_id = serializers.IntegerField(allow_null=True)
    errors = BulkErrorOutputSerializer(many=True)


# --- inputs ----------------------------------------------------------------------------------------


class PartyInputSerializer(serializers.Serializer):
    party_kind = serializers.ChoiceField(choices=PartyKind.choices, label="当事人类型")
    party_name = serializers.CharField(max_length=200, label="姓名或名称")
    party_code = serializers.CharField(max_length=32, label="统一社会信用代码/公民身份号码")
    party_address = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)


class InspectionCreateInputSerializer(PartyInputSerializer):
    unit_code = serializers.CharField(max_length=32, label="检查单位编码")
    occurred_on = DateField(label="检查日期")
    officer_ids = serializers.ListField(child=serializers.IntegerField(), min_length=1, label="检查人员")
    outcome = serializers.ChoiceField(choices=InspectionOutcome.choices)
    origin = serializers.ChoiceField(choices=InspectionOrigin.choices)
    check_item_codes = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    findings = serializers.CharField(required=False, default="", allow_blank=True)
    spot_check_task_id = serializers.IntegerField(required=False, allow_null=True, default=None)


class CaseOpenInputSerializer(PartyInputSerializer):
    unit_code = serializers.CharField(max_length=32, label="办案单位编码")
    cause = serializers.CharField(max_length=300, label="案由")
    violation_ended_on = DateField(label="违法行为发生（终了）日期")
    discovered_on = DateField(label="发现日期")
    filed_on = DateField(label="立案日期")
    officer_ids = serializers.ListField(child=serializers.IntegerField(), min_length=1)
    facts = serializers.CharField(required=False, default="", allow_blank=True)
    power_item_code = serializers.CharField(required=False, allow_null=True, default=None)
    inspection_id = serializers.IntegerField(required=False, allow_null=True, default=None)
    case_source = serializers.ChoiceField(
        choices=CaseSource.choices,
        required=False,
        allow_null=True,
        default=None,
        label="案件来源",
        help_text="不填：依来源检查的检查来源确定（投诉举报、上级交办，其余为监督检查发现），无来源检查的为其他途径发现",
    )
    life_health_or_finance_with_harm = serializers.BooleanField(required=False, default=False)
    major_public_interest = serializers.BooleanField(required=False, default=False)
    complex_case = serializers.BooleanField(required=False, default=False)
    other_legal_review_required = serializers.BooleanField(required=False, default=False)
    complex_or_major = serializers.BooleanField(required=False, default=False)
    first_violation = serializers.BooleanField(required=False, default=False)
    harm = serializers.ChoiceField(choices=["none", "minor", "significant"], required=False, default="significant")
    corrected_in_time = serializers.BooleanField(required=False, default=False)
    minor_violation = serializers.BooleanField(required=False, default=False)
    no_fault = serializers.BooleanField(required=False, default=False)


class OnTheSpotInputSerializer(PartyInputSerializer):
    unit_code = serializers.CharField(max_length=32)
    cause = serializers.CharField(max_length=300)
    decided_on = DateField()
    place = serializers.CharField(max_length=200)
    officer_ids = serializers.ListField(child=serializers.IntegerField(), min_length=1)
    facts = serializers.CharField()
    penalty_types = serializers.ListField(child=serializers.ChoiceField(choices=PenaltyType.choices), min_length=1)
    fine_amount = serializers.DecimalField(**MONEY)
    legal_basis = serializers.CharField()
    rights_notified = serializers.BooleanField(label="已告知事实、理由、依据和陈述申辩权")
    decision_number = serializers.CharField(required=False, default="", allow_blank=True)
    remedies = serializers.CharField(required=False, default="", allow_blank=True)
    power_item_code = serializers.CharField(required=False, allow_null=True, default=None)


class VersionedInputSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, label="案件版本（最后读取时的版本）")


class InvestigateInputSerializer(VersionedInputSerializer):
    on = DateField()
    officer_ids = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)


class NotifyInputSerializer(VersionedInputSerializer):
    notified_on = DateField()
    facts = serializers.CharField()
    grounds = serializers.CharField()
    legal_basis = serializers.CharField()
    penalty_types = serializers.ListField(child=serializers.ChoiceField(choices=PenaltyType.choices), min_length=1)
    fine = serializers.DecimalField(**MONEY, required=False, default=0)
    confiscation_value = serializers.DecimalField(**MONEY, required=False, default=0)
    other_severe = serializers.BooleanField(required=False, default=False)
    rights_statement_defence = serializers.BooleanField(required=False, default=True)
    rights_hearing = serializers.BooleanField(required=False, default=False)


class StatementInputSerializer(VersionedInputSerializer):
    on = DateField()
    summary = serializers.CharField(required=False, default="", allow_blank=True)
    adopted = serializers.BooleanField(required=False, default=False)
    waived = serializers.BooleanField(required=False, default=False)


class HearingRequestInputSerializer(VersionedInputSerializer):
    requested_on = DateField()


class HearingHoldInputSerializer(VersionedInputSerializer):
    held_on = DateField()
    chair = serializers.CharField(max_length=64)
    record = serializers.CharField()
    chair_officer_id = serializers.IntegerField(required=False, allow_null=True, default=None)
    notice_on = DateField(required=False, allow_null=True, default=None, label="听证通知日期（未经通知登记的）")


class HearingScheduleInputSerializer(VersionedInputSerializer):
    notice_on = DateField(label="通知日期")
    hearing_on = DateField(label="举行听证日期（通知日后至少七个工作日）")
    place = serializers.CharField(max_length=200)


class OfficersAssignInputSerializer(VersionedInputSerializer):
    # No minimum here: "at least two" is the service's Art. 42 check, refused with the article in the message.
    officer_ids = serializers.ListField(child=serializers.IntegerField())
    on = DateField()
    reason = serializers.CharField()


class RecusalDeclareInputSerializer(VersionedInputSerializer):
    officer_id = serializers.IntegerField()
    source = serializers.ChoiceField(choices=RecusalSource.choices)
    declared_on = DateField()
    reason = serializers.CharField()


class RecusalDecideInputSerializer(VersionedInputSerializer):
    recusal_id = serializers.IntegerField()
    granted = serializers.BooleanField()
    decided_on = DateField()
    decided_by = serializers.CharField(max_length=64)
    note = serializers.CharField(required=False, default="", allow_blank=True)


class PreservationRegisterInputSerializer(VersionedInputSerializer):
    registered_on = DateField()
    items = serializers.CharField()
    reason = serializers.CharField()
    approved_by = serializers.CharField(max_length=64)
    approved_on = DateField()


class PreservationDecideInputSerializer(VersionedInputSerializer):
    preservation_id = serializers.IntegerField()
    decided_on = DateField()
    decision = serializers.ChoiceField(choices=PreservationDecision.choices)
    note = serializers.CharField(required=False, default="", allow_blank=True)


class InstalmentInputSerializer(serializers.Serializer):
    due = DateField()
    amount = serializers.DecimalField(**MONEY)


class PaymentArrangeInputSerializer(VersionedInputSerializer):
    kind = serializers.ChoiceField(choices=PaymentArrangement.choices)
    applied_on = DateField()
    approved_on = DateField()
    approver = serializers.CharField(max_length=64)
    new_due = DateField(required=False, allow_null=True, default=None)
    instalments = InstalmentInputSerializer(many=True, required=False, default=list)
    reason = serializers.CharField()

    def validate_instalments(self, value: list[dict[str, Any]]) -> list[tuple[Any, Any]]:
        return [(item["due"], item["amount"]) for item in value]


class CashCollectInputSerializer(VersionedInputSerializer):
    collected_on = DateField()
    ground = serializers.ChoiceField(choices=CashCollectionGround.choices)
    receipt_number = serializers.CharField(max_length=64)
    party_requested = serializers.BooleanField(required=False, default=False)
    landed_on = DateField(required=False, allow_null=True, default=None)


class CashHandoverInputSerializer(VersionedInputSerializer):
    handed_over_on = DateField()


class CashDepositInputSerializer(VersionedInputSerializer):
    deposited_on = DateField()


class EnforcementDemandInputSerializer(VersionedInputSerializer):
    served_on = DateField(label="催告书送达日期")
    note = serializers.CharField(required=False, default="", allow_blank=True)


class EnforcementApplyInputSerializer(VersionedInputSerializer):
    route = serializers.ChoiceField(choices=EnforcementRoute.choices)
    applied_on = DateField()
    body = serializers.CharField(max_length=200)
    note = serializers.CharField(required=False, default="", allow_blank=True)


class DatedInputSerializer(VersionedInputSerializer):
    on = DateField()


class LegalReviewInputSerializer(VersionedInputSerializer):
    reviewed_on = DateField()
    passed = serializers.BooleanField()
    opinion = serializers.CharField()


class CollectiveDiscussionInputSerializer(VersionedInputSerializer):
    discussed_on = DateField()
    summary = serializers.CharField()


class ExtendInputSerializer(VersionedInputSerializer):
    days = serializers.IntegerField(min_value=1)
    approved_on = DateField()
    reason = serializers.CharField()


class DecideInputSerializer(VersionedInputSerializer):
    decided_on = DateField()
    decision_number = serializers.CharField(max_length=64)
    penalty_types = serializers.ListField(child=serializers.ChoiceField(choices=PenaltyType.choices), min_length=1)
    fine_amount = serializers.DecimalField(**MONEY, required=False, default=0)
    confiscation_value = serializers.DecimalField(**MONEY, required=False, default=0)
    legal_basis = serializers.CharField()
    performance_terms = serializers.CharField()
    remedies = serializers.CharField()
    discretion_reason = serializers.CharField(required=False, allow_blank=True, default="")


class ServeInputSerializer(VersionedInputSerializer):
    served_on = DateField()
    method = serializers.CharField(max_length=64)


class SurchargePauseInputSerializer(VersionedInputSerializer):
    reason = serializers.ChoiceField(choices=SurchargePauseReason.choices)
    first = DateField()


class SurchargeResumeInputSerializer(VersionedInputSerializer):
    last = DateField()


class ExecuteInputSerializer(VersionedInputSerializer):
    executed_on = DateField()
    paid_amount = serializers.DecimalField(**MONEY, required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, default="", allow_blank=True)


class CloseInputSerializer(VersionedInputSerializer):
    closed_on = DateField()
    note = serializers.CharField(required=False, default="", allow_blank=True)


class CloseWithoutPenaltyInputSerializer(VersionedInputSerializer):
    outcome = serializers.ChoiceField(choices=[(c.value, c.label) for c in CaseOutcome if c in NO_PENALTY_OUTCOMES])
    closed_on = DateField()
    legal_basis = serializers.CharField()
    corrected = serializers.BooleanField(required=False, default=False)
    education_given = serializers.BooleanField(required=False, default=False)


class TransferInputSerializer(VersionedInputSerializer):
    closed_on = DateField()
    recipient = serializers.CharField(max_length=200)


class ExecutionEndInputSerializer(VersionedInputSerializer):
    closed_on = DateField()
    note = serializers.CharField(required=False, default="", allow_blank=True)


class WithdrawCaseInputSerializer(VersionedInputSerializer):
    closed_on = DateField()
    reason = serializers.CharField()


class DecisionChangeInputSerializer(VersionedInputSerializer):
    kind = serializers.ChoiceField(choices=DecisionChangeKind.choices)
    changed_on = DateField()
    reason = serializers.CharField()
    # 变更 only (行政复议法 Art. 63; 行政诉讼法 Art. 77): the decision's content as changed. Omitted kinds stay
    # as decided; the fine is required while the changed decision imposes one (400 penalty.change_*).
    # The kinds are plain strings checked by the service (400 penalty.invalid_penalty_type), as in the case
    # import: a second ChoiceField over PenaltyType would give the schema a second name for its enum.
    new_penalty_types = serializers.ListField(
        child=serializers.CharField(), required=False, label="变更后的处罚种类", help_text="取值同 penalty_types"
    )
    new_fine_amount = serializers.DecimalField(**MONEY, required=False, allow_null=True, label="变更后的罚款数额（元）")
    new_confiscation_value = serializers.DecimalField(
        **MONEY, required=False, allow_null=True, label="变更后的没收金额（元）"
    )


class EvidenceUploadInputSerializer(serializers.Serializer):
    file = serializers.FileField(label="文件")
    evidence_type = serializers.ChoiceField(choices=EvidenceType.choices)
    stage = serializers.ChoiceField(choices=EvidenceStage.choices)
    title = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    description = serializers.CharField(required=False, default="", allow_blank=True)
    collected_on = DateField()
    audio_video_recorded = serializers.BooleanField(required=False, default=False)


class PublishInputSerializer(serializers.Serializer):
    published_on = DateField()


class PublicationWithdrawInputSerializer(serializers.Serializer):
    withdrawn_on = DateField()
    reason = serializers.CharField()
    change_kind = serializers.ChoiceField(choices=DecisionChangeKind.choices, required=False, default="")


class InspectionImportRowSerializer(InspectionCreateInputSerializer):
    recorded_at = DateTimeField(required=False, allow_null=True, default=None)


class InspectionImportInputSerializer(serializers.Serializer):
    rows = InspectionImportRowSerializer(many=True)


class CaseImportRowSerializer(PartyInputSerializer):
    unit_code = serializers.CharField(max_length=32)
    procedure = serializers.CharField()
    status = serializers.CharField()
    cause = serializers.CharField(max_length=300)
    violation_ended_on = DateField()
    discovered_on = DateField()
    filed_on = DateField()
    officer_ids = serializers.ListField(child=serializers.IntegerField())
    number = serializers.CharField(required=False, default="", allow_blank=True)
    facts = serializers.CharField(required=False, default="", allow_blank=True)
    outcome = serializers.CharField(required=False, default="", allow_blank=True)
    life_health_or_finance_with_harm = serializers.BooleanField(required=False, default=False)
    decision_number = serializers.CharField(required=False, default="", allow_blank=True)
    decided_on = DateField(required=False, allow_null=True, default=None)
    penalty_types = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    fine_amount = serializers.DecimalField(**MONEY, required=False, default=0)
    served_on = DateField(required=False, allow_null=True, default=None)
    closed_on = DateField(required=False, allow_null=True, default=None)


class CaseImportInputSerializer(serializers.Serializer):
    rows = CaseImportRowSerializer(many=True)
