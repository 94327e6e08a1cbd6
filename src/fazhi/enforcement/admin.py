"""Admin for enforcement: records are read-only; the configuration data is edited through the audited services.

The 较大数额 thresholds (PenaltyThresholdVersion) and the sector decision-period rules
(SectorDecisionRule) have add/change forms with a required 变更理由. The form validates by calling
the service in a savepoint that is rolled back (so the service's refusals show as form errors),
then save_model calls the service for real: one audit row per saved change, nothing else writes.
Rows are never deleted: close a version with 失效日期 and add a new one.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest

from fazhi.core.errors import DomainError
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


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


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


class _DryRun(Exception):
    """Raised inside the validation savepoint to roll the trial service call back."""


class _ServiceForm(forms.ModelForm):
    """A ModelForm whose save is a service call; `service_kwargs` maps the cleaned data to the service."""

    reason = forms.CharField(label="变更理由", widget=forms.Textarea(attrs={"rows": 2}))
    actor: Any = None

    def call_service(self, *, actor: Any) -> Any:
        """Call the service this form stands for; each concrete form defines it (abstract hook)."""
        raise NotImplementedError(f"{type(self).__name__} must define call_service()")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        try:
            with transaction.atomic():
                self.call_service(actor=self.actor)
                raise _DryRun
        except _DryRun:
            pass
        except DomainError as error:
            raise ValidationError(error.message) from error
        return cleaned

    def _post_clean(self) -> None:
        # The service runs full_clean itself; the form only needs the cleaned data.
        pass


class PenaltyThresholdVersionForm(_ServiceForm):
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


class SectorDecisionRuleForm(_ServiceForm):
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


class _ServiceAdmin(admin.ModelAdmin):
    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        form.actor = request.user
        return form

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        saved = form.call_service(actor=request.user)
        for field in saved._meta.concrete_fields:
            setattr(obj, field.attname, getattr(saved, field.attname))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PenaltyThresholdVersion)
class PenaltyThresholdVersionAdmin(_ServiceAdmin):
    form = PenaltyThresholdVersionForm
    list_display = ("sector", "party_kind", "amount", "effective_from", "effective_to", "confirmed", "legal_basis")
    list_filter = ("party_kind", "confirmed", "sector")


@admin.register(SectorDecisionRule)
class SectorDecisionRuleAdmin(_ServiceAdmin):
    form = SectorDecisionRuleForm
    list_display = ("sector", "rule_code", "effective_from", "effective_to", "confirmed", "legal_basis")
    list_filter = ("confirmed", "sector")
