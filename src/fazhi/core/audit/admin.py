"""Read-only admin: the audit log has no change or delete path anywhere in the code."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from fazhi.core.admin_services import ReadOnlyAdmin
from fazhi.core.audit.models import AuditEvent, AuditEventType


class EventTypeFilter(admin.SimpleListFilter):
    """Filter by event type with the Chinese labels of the enum (the field itself has no choices)."""

    title = "事件类型"
    parameter_name = "event_type"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(str(event.value), event.label) for event in AuditEventType]

    def queryset(self, request: HttpRequest, queryset: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
        value = self.value()
        return queryset.filter(event_type=int(value)) if value and value.isdigit() else queryset


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):  # append-only: rows come from record_audit
    list_display = ("id", "chain", "sequence", "occurred_at", "event", "actor_display", "target_repr", "reason")
    list_filter = (EventTypeFilter,)
    search_fields = ("target_repr", "actor_display", "reason")
    ordering = ("-id",)

    @admin.display(description="事件类型", ordering="event_type")
    def event(self, obj: AuditEvent) -> str:
        return obj.event_label
