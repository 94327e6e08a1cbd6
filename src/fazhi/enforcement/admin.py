"""Admin for enforcement: records are read-only; the configuration data is edited through the audited services.

The 较大数额 thresholds (PenaltyThresholdVersion) and the sector decision-period rules
(SectorDecisionRule) have add/change forms with a required 变更理由. The form validates by calling
the service in a savepoint that is rolled back (so the service's refusals show as form errors),
then save_model calls the service for real: one audit row per saved change, nothing else writes.
Rows are never deleted: close a version with 失效日期 and add a new one. The form and admin bases
are shared with the other apps' configuration admins (fazhi.core.admin_services).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from fazhi.core.admin_services import ReadOnlyAdmin, ServiceAdmin, ServiceForm
from fazhi.enforcement import services
from fazhi.enforcement.models import (
    CaseEvent,
    Evidence,
    EvidencePreservation,
    Inspection,
    PenaltyCase,
    PenaltyThresholdVersion,
    Publication,
    Recusal,
    SectorDecisionRule,
)


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ("occurred_on", "unit", "party_name", "outcome", "origin", "recorded_at")
    list_filter = ("outcome", "origin")
    search_fields = ("party_name", "party_code")
    date_hierarchy = "occurred_on"
    list_select_related = ("unit",)


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    can_delete = False
    fields = ("occurred_at", "type", "stage", "on", "actor_display", "message")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PenaltyCase)
class PenaltyCaseAdmin(ReadOnlyAdmin):
    list_display = ("number", "unit", "procedure", "status", "outcome", "party_name", "filed_on", "decision_due")
    list_filter = ("procedure", "status", "outcome")
    search_fields = ("number", "party_name", "party_code", "decision_number")
    date_hierarchy = "filed_on"
    list_select_related = ("unit",)
    inlines = [CaseEventInline]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ("title", "evidence_type", "stage", "case", "inspection", "size", "sha256", "uploaded_at")
    list_filter = ("evidence_type", "stage")
    search_fields = ("title", "sha256")


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ("decision_number", "unit", "party_display", "status", "published_on", "published_late")
    list_filter = ("status", "published_late")
    search_fields = ("decision_number", "party_display")


@admin.register(Recusal)
class RecusalAdmin(ReadOnlyAdmin):
    list_display = ("case", "officer", "source", "status", "declared_on", "decided_on", "decided_by")
    list_filter = ("source", "status")


@admin.register(EvidencePreservation)
class EvidencePreservationAdmin(ReadOnlyAdmin):
    list_display = ("case", "registered_on", "approved_by", "decision_due", "decided_on", "decision", "decided_late")
    list_filter = ("decision", "decided_late")


class PenaltyThresholdVersionForm(ServiceForm):
    class Meta:
        model = PenaltyThresholdVersion
        fields = [
            "sector",
            "party_kind",
            "amount",
            "effective_from",
            "effective_to",
            "legal_basis",
            "confirmed",
            "note",
        ]

    def call_service(self, *, actor: Any) -> PenaltyThresholdVersion:
        data = self.cleaned_data
        return services.penalty_threshold_version_save(
            actor=actor,
            sector=data["sector"],
            party_kind=data["party_kind"],
            amount=data["amount"],
            effective_from=data["effective_from"],
            effective_to=data.get("effective_to"),
            legal_basis=data["legal_basis"],
            confirmed=data.get("confirmed", False),
            note=data.get("note", ""),
            reason=data["reason"],
            version=self.instance if self.instance.pk else None,
        )


class SectorDecisionRuleForm(ServiceForm):
    class Meta:
        model = SectorDecisionRule
        fields = ["sector", "rule_code", "effective_from", "effective_to", "legal_basis", "confirmed", "note"]

    def call_service(self, *, actor: Any) -> SectorDecisionRule:
        data = self.cleaned_data
        return services.sector_decision_rule_save(
            actor=actor,
            sector=data["sector"],
            rule_code=data["rule_code"],
            effective_from=data["effective_from"],
            effective_to=data.get("effective_to"),
            legal_basis=data["legal_basis"],
            confirmed=data.get("confirmed", False),
            note=data.get("note", ""),
            reason=data["reason"],
            version=self.instance if self.instance.pk else None,
        )


@admin.register(PenaltyThresholdVersion)
class PenaltyThresholdVersionAdmin(ServiceAdmin):
    form = PenaltyThresholdVersionForm
    list_display = ("sector", "party_kind", "amount", "effective_from", "effective_to", "confirmed", "legal_basis")
    list_filter = ("party_kind", "confirmed", "sector")


@admin.register(SectorDecisionRule)
class SectorDecisionRuleAdmin(ServiceAdmin):
    form = SectorDecisionRuleForm
    list_display = ("sector", "rule_code", "effective_from", "effective_to", "confirmed", "legal_basis")
    list_filter = ("confirmed", "sector")
