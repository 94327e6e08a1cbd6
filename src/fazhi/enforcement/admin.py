"""Read-only admin for enforcement records: every change goes through the services (audited)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from fazhi.enforcement.models import CaseEvent, Evidence, Inspection, PenaltyCase, Publication


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
