"""Input/Output serializers of the reconsideration API (HackSoft style: one Input per operation)."""

from __future__ import annotations

from rest_framework import serializers

from fazhi.core.api.fields import DateField
from fazhi.enforcement.rules.common import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS, money_input_messages
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


class VersionedInput(serializers.Serializer):
    """Every transition may carry the version the client saw; a stale one gets HTTP 409."""

    version = serializers.IntegerField(required=False, min_value=1, help_text="客户端所见的案件版本号")


class RegisterInput(serializers.Serializer):
    authority = serializers.CharField(help_text="复议机关单位编码")
    respondent = serializers.CharField(help_text="被申请人单位编码")
    channel = serializers.ChoiceField(choices=Channel.choices)
    received_on = DateField()
    posted_on = DateField(required=False, allow_null=True)
    applicant_kind = serializers.ChoiceField(choices=ApplicantKind.choices)
    applicant_name = serializers.CharField(max_length=200)
    applicant_id_number = serializers.CharField(max_length=20)
    applicant_address = serializers.CharField(required=False, allow_blank=True, default="")
    applicant_phone = serializers.CharField(required=False, allow_blank=True, default="")
    applicant_representative = serializers.CharField(required=False, allow_blank=True, default="")
    agent_name = serializers.CharField(required=False, allow_blank=True, default="")
    third_party = serializers.CharField(required=False, allow_blank=True, default="")
    request = serializers.CharField()
    facts = serializers.CharField(required=False, allow_blank=True, default="")
    reasons = serializers.CharField(required=False, allow_blank=True, default="")
    category = serializers.ChoiceField(choices=Category.choices)
    enterprise_related = serializers.BooleanField(required=False, default=False)
    contested_act = serializers.CharField(max_length=500)
    act_document_number = serializers.CharField(required=False, allow_blank=True, default="")
    act_on = DateField(required=False, allow_null=True)
    known_on = DateField()
    informed_of_rights = serializers.BooleanField(required=False, default=True)
    rights_known_on = DateField(required=False, allow_null=True)
    real_estate = serializers.BooleanField(required=False, default=False)
    obstacle_from = DateField(required=False, allow_null=True)
    obstacle_to = DateField(required=False, allow_null=True)
    penalty_case_id = serializers.IntegerField(required=False, allow_null=True)
    inspection_id = serializers.IntegerField(required=False, allow_null=True)
    disclosure_reference = serializers.CharField(required=False, allow_blank=True, default="")
    on_the_spot = serializers.BooleanField(required=False, default=False)
    warning_or_criticism = serializers.BooleanField(required=False, default=False)
    amount_involved = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)
    disclosure_refused = serializers.BooleanField(required=False, default=False)
    facts_clear = serializers.BooleanField(required=False, default=False)
    parties_consent_simplified = serializers.BooleanField(required=False, default=False)
    major_or_complex = serializers.BooleanField(required=False, default=False)
    technical = serializers.BooleanField(required=False, default=False)
    hearing_requested = serializers.BooleanField(required=False, default=False)
    record_late = serializers.BooleanField(required=False, default=False, help_text="超期申请登记后不予受理")


class CorrectionRequestInput(VersionedInput):
    requested_on = DateField()
    items = serializers.CharField()


class CorrectionReceiptInput(VersionedInput):
    received_on = DateField()
    late_reason = serializers.CharField(required=False, allow_blank=True, default="")


class OnDateInput(VersionedInput):
    on = DateField()


class AcceptInput(VersionedInput):
    accepted_on = DateField()
    procedure = serializers.ChoiceField(choices=Procedure.choices, default=Procedure.GENERAL)


class RefuseInput(VersionedInput):
    refused_on = DateField()
    reason = serializers.CharField()


class PreAcceptanceClosureInput(VersionedInput):
    closed_on = DateField()
    ending = serializers.ChoiceField(choices=PreAcceptanceEnding.choices)
    summary = serializers.CharField()


class ConvertInput(VersionedInput):
    converted_on = DateField()
    approved_by = serializers.CharField()
    reason = serializers.CharField()


class CopyInput(VersionedInput):
    sent_on = DateField()
    respondent_received_on = DateField(required=False, allow_null=True)


class ReplyInput(VersionedInput):
    received_on = DateField()
    summary = serializers.CharField()


class FlagsInput(VersionedInput):
    major_or_complex = serializers.BooleanField()
    technical = serializers.BooleanField()
    provincial_own_act = serializers.BooleanField()
    committee_deemed_necessary = serializers.BooleanField()
    hearing_requested = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class HearingScheduleInput(VersionedInput):
    notified_on = DateField()
    scheduled_on = DateField()
    place = serializers.CharField()
    matters = serializers.CharField()
    chair = serializers.CharField()
    hearers = serializers.ListField(child=serializers.CharField(), allow_empty=True)
    recorder = serializers.CharField()


class HearingHeldInput(VersionedInput):
    respondent_head_attended = serializers.BooleanField()
    absence_reason = serializers.CharField(required=False, allow_blank=True, default="")
    transcript_summary = serializers.CharField(required=False, allow_blank=True, default="")


class ReasonInput(VersionedInput):
    reason = serializers.CharField()


class InvestigationInput(VersionedInput):
    on = DateField()
    investigators = serializers.ListField(child=serializers.CharField(), allow_empty=True)
    subject = serializers.CharField()
    findings = serializers.CharField(required=False, allow_blank=True, default="")


class CommitteeInput(VersionedInput):
    consulted_on = DateField()
    opinion = serializers.CharField()


class ExtensionInput(VersionedInput):
    days = serializers.IntegerField()
    extended_on = DateField()
    approved_by = serializers.CharField()
    reason = serializers.CharField()


class SuspensionInput(VersionedInput):
    ground = serializers.ChoiceField(choices=SuspensionGround.choices)
    started_on = DateField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ResumptionInput(VersionedInput):
    resumed_on = DateField()


def _money(label: str) -> serializers.DecimalField:
    """An optional amount in 元, with enforcement's limits and Chinese messages."""
    return serializers.DecimalField(
        max_digits=MONEY_MAX_DIGITS, decimal_places=MONEY_DECIMAL_PLACES, min_value=0, required=False,
        allow_null=True, label=label, error_messages=money_input_messages(label),
    )  # fmt: skip


class ChangedPenaltyInput(serializers.Serializer):
    """The penalty as a 变更 of a penalty case of this platform states it (复议法 Art. 63, 行政诉讼法 Art. 77).

    Required for a 变更 of a linked penalty case (400 *.change_content_required); kinds not given stay
    as decided. The kinds are plain strings the service checks, as in enforcement's
    DecisionChangeInputSerializer (no second enum name for PenaltyType in the schema).
    """

    new_penalty_types = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        label="变更后的处罚种类",
        help_text="取值同执法案件 penalty_types",
    )
    new_fine_amount = _money("变更后的罚款数额（元）")
    new_confiscation_value = _money("变更后的没收金额（元）")


class DecisionInput(VersionedInput, ChangedPenaltyInput):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    decided_on = DateField()
    summary = serializers.CharField()
    reasons = serializers.CharField()
    legal_basis = serializers.CharField(required=False, allow_blank=True, default="")
    approval = serializers.CharField()
    partial = serializers.BooleanField(required=False, default=False)
    redo_ordered = serializers.BooleanField(required=False, default=False)
    heavier_for_applicant = serializers.BooleanField(required=False, default=False)
    third_party_contrary_request = serializers.BooleanField(
        required=False, default=False, help_text="第三人提出相反请求（第六十三条第二款）"
    )


class MediationInput(VersionedInput):
    mediated_on = DateField()
    agreement = serializers.CharField()
    approval = serializers.CharField(required=False, allow_blank=True, default="")


class TerminationInput(VersionedInput):
    ground = serializers.ChoiceField(choices=TerminationGround.choices)
    terminated_on = DateField()
    reason = serializers.CharField()


class LetterInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=LetterKind.choices)
    recipient = serializers.CharField(help_text="收文机关单位编码")
    issued_on = DateField()
    content = serializers.CharField()


class LetterReportInput(serializers.Serializer):
    reported_on = DateField()
    summary = serializers.CharField()


class ChangedPenaltyOutput(serializers.Serializer):
    """The penalty a 变更 of a penalty case of this platform stated (empty/null for any other outcome)."""

    changed_penalty_types = serializers.ListField(child=serializers.CharField())
    changed_fine_amount = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    changed_confiscation_value = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)


class CaseOutput(ChangedPenaltyOutput):
    id = serializers.IntegerField(source="pk")
    number = serializers.CharField()
    version = serializers.IntegerField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    procedure = serializers.CharField()
    authority = serializers.CharField(source="authority.code")
    respondent = serializers.CharField(source="respondent.code")
    respondent_name = serializers.CharField(source="respondent.name")
    channel = serializers.CharField()
    received_on = DateField()
    applicant_kind = serializers.CharField()
    applicant_name = serializers.CharField()
    category = serializers.CharField()
    enterprise_related = serializers.BooleanField()
    contested_act = serializers.CharField()
    penalty_case_id = serializers.IntegerField(allow_null=True)
    inspection_id = serializers.IntegerField(allow_null=True)
    prerequisite = serializers.BooleanField()
    prerequisite_basis = serializers.CharField()
    window_due = DateField(allow_null=True)
    window_late = serializers.BooleanField()
    acceptance_due = DateField(allow_null=True)
    correction_due = DateField(allow_null=True)
    accepted_on = DateField(allow_null=True)
    accepted_deemed = serializers.BooleanField()
    copy_due = DateField(allow_null=True)
    copy_sent_on = DateField(allow_null=True)
    reply_due = DateField(allow_null=True)
    reply_received_on = DateField(allow_null=True)
    reply_late = serializers.BooleanField()
    decision_due = DateField(allow_null=True)
    extension_days = serializers.IntegerField()
    concluded_on = DateField(allow_null=True)
    outcome = serializers.CharField()
    termination_ground = serializers.CharField()
    pre_acceptance_ending = serializers.CharField()


class DeadlineOutput(serializers.Serializer):
    rule = serializers.CharField(source="rule_code")
    start = DateField()
    due = DateField()
    status = serializers.CharField()
    legal_basis = serializers.CharField()
    steps = serializers.ListField(child=serializers.CharField())


class EventOutput(serializers.Serializer):
    type = serializers.CharField()
    label = serializers.CharField(source="get_type_display")
    on = DateField(allow_null=True)
    occurred_at = serializers.DateTimeField()
    actor = serializers.CharField(source="actor_display")
    message = serializers.CharField()


class LetterOutput(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    case_id = serializers.IntegerField()
    kind = serializers.CharField()
    number = serializers.CharField()
    recipient = serializers.CharField(source="recipient.code")
    issued_on = DateField()
    report_due = DateField(allow_null=True)
    reported_on = DateField(allow_null=True)


class AlertOutput(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    unit = serializers.CharField(source="unit.code")
    unit_name = serializers.CharField(source="unit.name")
    source = serializers.CharField()
    reference = serializers.CharField()
    outcome = serializers.CharField()
    message = serializers.CharField()
    raised_on = DateField()
    penalty_case_id = serializers.IntegerField(allow_null=True)
    acknowledged_at = serializers.DateTimeField(allow_null=True)
