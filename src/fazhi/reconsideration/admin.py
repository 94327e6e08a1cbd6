"""Read-only admin for reconsideration records: every write goes through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from fazhi.reconsideration.models import Letter, ReconsiderationCase, ReviewAlert


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(ReconsiderationCase)
class ReconsiderationCaseAdmin(ReadOnlyAdmin):
    list_display = ["number", "applicant_name", "respondent", "status", "outcome", "received_on", "decision_due"]
    list_filter = ["status", "outcome", "category", "procedure"]
    search_fields = ["number", "applicant_name"]


@admin.register(Letter)
class LetterAdmin(ReadOnlyAdmin):
    list_display = ["number", "kind", "recipient", "issued_on", "report_due", "reported_on"]


@admin.register(ReviewAlert)
class ReviewAlertAdmin(ReadOnlyAdmin):
    list_display = ["raised_on", "unit", "source", "reference", "outcome", "acknowledged_at"]
