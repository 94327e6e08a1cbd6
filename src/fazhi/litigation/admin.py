"""Read-only admin for litigation records: every write goes through the services."""

from __future__ import annotations

from django.contrib import admin

from fazhi.litigation.models import LitigationCase
from fazhi.reconsideration.admin import ReadOnlyAdmin


@admin.register(LitigationCase)
class LitigationCaseAdmin(ReadOnlyAdmin):
    list_display = ["case_number", "court", "plaintiff_name", "status", "outcome", "defence_due"]
    list_filter = ["status", "outcome", "instance"]
