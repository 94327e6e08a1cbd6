"""Read-only admin for reconsideration records: every write goes through the services."""

from __future__ import annotations

from django.contrib import admin

from fazhi.core.admin_services import ReadOnlyAdmin
from fazhi.reconsideration.models import Letter, ReconsiderationCase, ReviewAlert


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
