"""Read-only admin for the spot-check tables: every write goes through the services."""

from __future__ import annotations

from django.contrib import admin

from fazhi.core.admin_services import ReadOnlyAdmin
from fazhi.spotchecks.models import DirectoryImport, Draw, Entity, InspectorConflict, Plan, Task


@admin.register(Entity)
class EntityAdmin(ReadOnlyAdmin):
    list_display = ("credit_code", "name", "area", "industry_code", "risk_class", "abnormal")
    list_filter = ("risk_class", "abnormal")
    search_fields = ("credit_code", "name")


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ("name", "organizer", "period_start", "period_end", "status")
    list_filter = ("status",)


@admin.register(Draw)
class DrawAdmin(ReadOnlyAdmin):
    list_display = ("plan", "algorithm_version", "seed_source", "input_hash", "seed_hash", "revealed_at")
    exclude = ("input_blob", "sealed_seed")


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ("plan", "position", "entity", "unit", "status", "publicity_due")
    list_filter = ("status",)


admin.site.register(InspectorConflict, ReadOnlyAdmin)
admin.site.register(DirectoryImport, ReadOnlyAdmin)
