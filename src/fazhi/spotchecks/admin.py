"""Read-only admin for the spot-check tables: every write goes through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from fazhi.spotchecks.models import DirectoryImport, Draw, Entity, InspectorConflict, Plan, Task


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


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
