"""Read-only admin: the audit log has no change or delete path anywhere in the code."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from fazhi.core.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("sequence", "occurred_at", "event_type", "actor_display", "target_repr", "reason")
    list_filter = ("event_type",)
    search_fields = ("target_repr", "actor_display", "reason")
    ordering = ("-sequence",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
