"""Admin for rule versions: new versions go through the audited service; old ones are read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from fazhi.core.admin_services import ReadOnlyAdmin
from fazhi.core.deadlines import services
from fazhi.core.deadlines.models import DeadlineRule, DeadlineRuleVersion, TrackedDeadline


class VersionInline(admin.TabularInline):
    model = DeadlineRuleVersion
    extra = 0
    can_delete = False
    fields = ("effective_from", "effective_to", "count", "unit", "max_extension", "legal_basis", "confirmed")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ("code", "name_zh")
    search_fields = ("code", "name_zh")
    inlines = [VersionInline]
    readonly_fields = ("code",)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DeadlineRuleVersion)
class DeadlineRuleVersionAdmin(admin.ModelAdmin):
    list_display = ("rule", "count", "unit", "effective_from", "effective_to", "confirmed", "legal_basis")
    list_filter = ("unit", "confirmed")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None  # versions are immutable once saved: add a new version instead

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: DeadlineRuleVersion, form: Any, change: bool) -> None:
        saved = services.deadline_rule_version_save(
            actor=request.user,
            rule_code=obj.rule.code,
            name_zh=obj.rule.name_zh,
            count=obj.count,
            unit=obj.unit,
            effective_from=obj.effective_from,
            effective_to=obj.effective_to,
            legal_basis=obj.legal_basis,
            quoted_text=obj.quoted_text,
            confirmed=obj.confirmed,
            max_extension=obj.max_extension,
            extension_unit=obj.extension_unit,
            extension_basis=obj.extension_basis,
            note=obj.note,
            reason="后台新增版本",
        )
        obj.pk = saved.pk


@admin.register(TrackedDeadline)
class TrackedDeadlineAdmin(ReadOnlyAdmin):  # tracked and closed by the services that own the deadline
    list_display = ("rule_code", "target_type", "target_id", "start", "due", "status")
    list_filter = ("status", "rule_code")
