"""Admin for power lists: read-only. Lists change through the API, the web pages and the importers,
which all call the services; a raw admin save would skip the audit row and the derived fields."""

from __future__ import annotations

from django.contrib import admin

from fazhi.core.admin_services import ReadOnlyAdmin
from fazhi.powers.models import CheckItem, DiscretionStandard, FlexibleMeasure, ListImport, PowerItem


@admin.register(PowerItem)
class PowerItemAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "category", "owner_unit", "status", "effective_from", "effective_to")
    list_filter = ("category", "status")
    search_fields = ("code", "name")
    list_select_related = ("owner_unit",)
    raw_id_fields = ("legal_articles",)


@admin.register(CheckItem)
class CheckItemAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "owner_unit", "check_method", "has_legal_basis", "status")
    list_filter = ("check_method", "has_legal_basis", "status")
    search_fields = ("code", "name")
    list_select_related = ("owner_unit",)
    raw_id_fields = ("power_items", "legal_articles")


@admin.register(DiscretionStandard)
class DiscretionStandardAdmin(ReadOnlyAdmin):
    list_display = ("power_item", "severity", "fine_min", "fine_max", "effective_from", "effective_to")
    list_filter = ("severity",)
    search_fields = ("power_item__code", "power_item__name", "circumstance")
    list_select_related = ("power_item",)
    raw_id_fields = ("legal_articles",)


@admin.register(FlexibleMeasure)
class FlexibleMeasureAdmin(ReadOnlyAdmin):
    list_display = ("code", "kind", "is_first_violation", "violation", "owner_unit", "effective_from")
    list_filter = ("kind", "is_first_violation")
    search_fields = ("code", "violation")
    list_select_related = ("owner_unit",)
    raw_id_fields = ("legal_articles",)


@admin.register(ListImport)
class ListImportAdmin(ReadOnlyAdmin):
    list_display = ("imported_at", "kind", "filename", "row_count", "created", "updated", "unchanged", "imported_by")
    list_filter = ("kind",)
