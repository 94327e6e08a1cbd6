"""Admin for the holiday table; saves and deletes go through the audited services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from fazhi.core.calendars import services
from fazhi.core.calendars.models import CalendarDay, CalendarYear


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("day", "kind", "name", "citation")
    list_filter = ("kind",)
    date_hierarchy = "day"

    def save_model(self, request: HttpRequest, obj: CalendarDay, form: Any, change: bool) -> None:
        saved = services.calendar_day_set(
            actor=request.user, day=obj.day, kind=obj.kind, name=obj.name, citation=obj.citation, reason="后台维护"
        )
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: CalendarDay) -> None:
        services.calendar_day_delete(actor=request.user, day=obj.day, reason="后台删除")

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for row in list(queryset):
            services.calendar_day_delete(actor=request.user, day=row.day, reason="后台批量删除")


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ("year", "is_complete", "citation")

    def save_model(self, request: HttpRequest, obj: CalendarYear, form: Any, change: bool) -> None:
        saved = services.calendar_year_mark(
            actor=request.user, year=obj.year, citation=obj.citation, is_complete=obj.is_complete, reason="后台维护"
        )
        obj.pk = saved.pk

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # unmark (is_complete=False) instead, which is audited
