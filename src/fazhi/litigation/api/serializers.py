"""Input/Output serializers of the litigation API."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from fazhi.core.api.fields import DateField
from fazhi.litigation import selectors
from fazhi.litigation.choices import (
    AbsenceExcuse,
    DefendantRole,
    HeadPosition,
    Instance,
    LossKind,
    Outcome,
    PlaintiffKind,
)
from fazhi.litigation.models import LitigationCase
from fazhi.reconsideration.api.serializers import ChangedPenaltyInput, ChangedPenaltyOutput
from fazhi.reconsideration.choices import Category


class DefendantInput(serializers.Serializer):
    unit = serializers.CharField()
    role = serializers.ChoiceField(choices=DefendantRole.choices)


@extend_schema_serializer(component_name="LitigationRegisterInput")
class RegisterInput(serializers.Serializer):
    responsible_unit = serializers.CharField(help_text="应诉主办单位编码")
    court = serializers.CharField(max_length=128)
    case_number = serializers.CharField(max_length=64)
    instance = serializers.ChoiceField(choices=Instance.choices, default=Instance.FIRST)
    plaintiff_kind = serializers.ChoiceField(choices=PlaintiffKind.choices)
    plaintiff_name = serializers.CharField(max_length=200)
    plaintiff_id_number = serializers.CharField(required=False, allow_blank=True, default="")
    category = serializers.ChoiceField(choices=Category.choices)
    act_description = serializers.CharField(max_length=500)
    filed_on = DateField()
    complaint_received_on = DateField()
    enterprise_related = serializers.BooleanField(required=False, default=False)
    after_reconsideration = serializers.BooleanField(required=False, default=False)
    head_summoned = serializers.BooleanField(required=False, default=False)
    decision_received_on = DateField(
        required=False, allow_null=True, default=None,
        help_text="原告收到行政复议决定书日期（复议后起诉；行政诉讼法第四十五条的起诉期限自该日起算）",
    )  # fmt: skip
    reconsideration_case_id = serializers.IntegerField(required=False, allow_null=True)
    penalty_case_id = serializers.IntegerField(required=False, allow_null=True)
    defendants = DefendantInput(many=True, required=False, default=list)


class Versioned(serializers.Serializer):
    version = serializers.IntegerField(required=False, min_value=1)


class DefenceInput(Versioned):
    submitted_on = DateField()


class HearingInput(Versioned):
    held_on = DateField()
    head_appeared = serializers.BooleanField()
    head_name = serializers.CharField(required=False, allow_blank=True, default="")
    head_position = serializers.ChoiceField(choices=HeadPosition.choices, required=False, allow_blank=True, default="")
    excuse = serializers.ChoiceField(choices=AbsenceExcuse.choices, required=False, allow_blank=True, default="")
    excuse_proof = serializers.BooleanField(required=False, default=False)
    delegate_name = serializers.CharField(required=False, allow_blank=True, default="")
    delegate_title = serializers.CharField(required=False, allow_blank=True, default="")
    lawyer_only = serializers.BooleanField(required=False, default=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ConcludeInput(Versioned, ChangedPenaltyInput):
    """The instance's end; a 判决变更 of the linked penalty case states the penalty as changed (Art. 77)."""

    outcome = serializers.ChoiceField(choices=Outcome.choices)
    loss_kind = serializers.ChoiceField(choices=LossKind.choices, required=False, allow_blank=True, default="")
    concluded_on = DateField()
    judgment_number = serializers.CharField(required=False, allow_blank=True, default="")
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    contrary_co_plaintiff = serializers.BooleanField(
        required=False, default=False, help_text="利害关系人同为原告且诉讼请求相反（行政诉讼法第七十七条第二款）"
    )


class SuggestionInput(Versioned):
    received_on = DateField()
    content = serializers.CharField()


class SuggestionAnswerInput(serializers.Serializer):
    answered_on = DateField()
    answer = serializers.CharField()


class DefendantOutput(serializers.Serializer):
    unit = serializers.CharField(source="unit.code")
    unit_name = serializers.CharField(source="unit.name")
    role = serializers.CharField()


class AbsenceFindingOutput(serializers.Serializer):
    code = serializers.CharField()
    summary = serializers.CharField()
    detail = serializers.CharField()
    legal_basis = serializers.CharField()


class HearingOutput(serializers.Serializer):
    """A hearing as recorded, with what the court will hold against the agency (出庭应诉规定 Art. 12)."""

    held_on = DateField(source="hearing.held_on")
    head_appeared = serializers.BooleanField(source="hearing.head_appeared")
    head_name = serializers.CharField(source="hearing.head_name")
    excuse = serializers.CharField(source="hearing.excuse")
    excuse_proof = serializers.BooleanField(source="hearing.excuse_proof")
    delegate_name = serializers.CharField(source="hearing.delegate_name")
    lawyer_only = serializers.BooleanField(source="hearing.lawyer_only")
    findings = AbsenceFindingOutput(many=True)


class SuitPeriodOutput(serializers.Serializer):
    """The 起诉期限 of a suit after 复议 (行政诉讼法 Art. 45); `late`: 立案 after it, `flag` says so."""

    start = DateField()
    event = serializers.CharField(help_text="起算事由：收到复议决定书 / 复议期满")
    due = DateField()
    late = serializers.BooleanField()
    flag = serializers.CharField(help_text="late 时为“起诉可能超过法定起诉期限……答辩时可提出”，否则为空")
    legal_basis = serializers.CharField()
    steps = serializers.ListField(child=serializers.CharField())


@extend_schema_serializer(component_name="LitigationCaseOutput")
class CaseOutput(ChangedPenaltyOutput):
    id = serializers.IntegerField(source="pk")
    version = serializers.IntegerField()
    court = serializers.CharField()
    case_number = serializers.CharField()
    instance = serializers.CharField()
    status = serializers.CharField()
    plaintiff_name = serializers.CharField()
    category = serializers.CharField()
    responsible_unit = serializers.CharField(source="responsible_unit.code")
    reconsideration_case_id = serializers.IntegerField(allow_null=True)
    reconsideration_case_number = serializers.CharField(source="reconsideration_case.number", default=None)
    penalty_case_id = serializers.IntegerField(allow_null=True)
    after_reconsideration = serializers.BooleanField()
    decision_received_on = DateField(allow_null=True)
    filed_on = DateField()
    defence_due = DateField(allow_null=True)
    defence_submitted_on = DateField(allow_null=True)
    defence_late = serializers.BooleanField()
    outcome = serializers.CharField()
    loss_kind = serializers.CharField()
    concluded_on = DateField(allow_null=True)
    defendants = DefendantOutput(many=True, source="defendants.all")
    hearings = serializers.SerializerMethodField()
    suit_period = serializers.SerializerMethodField()

    @extend_schema_field(HearingOutput(many=True))
    def get_hearings(self, case: LitigationCase) -> list[dict[str, Any]]:
        return HearingOutput(selectors.case_hearings(case=case), many=True).data  # type: ignore[return-value]

    @extend_schema_field(SuitPeriodOutput(allow_null=True))
    def get_suit_period(self, case: LitigationCase) -> dict[str, Any] | None:
        periods = self.context.get("suit_periods")  # a list computes them together (case_suit_periods)
        period = periods[case.pk] if periods is not None else selectors.case_suit_period(case=case)
        return SuitPeriodOutput(period).data if period is not None else None  # type: ignore[return-value]
