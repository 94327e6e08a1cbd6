"""Admin for the legal library: read-only; status changes go through the services (audited).

Texts come in through `fazhi import laws PATH`; a raw admin save would skip the checksum, the
version chain and the audit row, so nothing here is editable.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from fazhi.core.admin_services import ReadOnlyAdmin
from fazhi.core.errors import DomainError
from fazhi.legal import services
from fazhi.legal.choices import LegalStatus
from fazhi.legal.models import LegalArticle, LegalSource, LegalSourceVersion


class VersionInline(admin.TabularInline):
    model = LegalSourceVersion
    fields = ("label", "promulgated_on", "effective_from", "effective_to", "status", "document_number", "article_count")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(LegalSource)
class LegalSourceAdmin(ReadOnlyAdmin):
    list_display = ("title", "short_title", "level", "issuer", "document_number")
    list_filter = ("level",)
    search_fields = ("title", "short_title")
    inlines = [VersionInline]
    actions = ["mark_repealed_today", "undo_repeal"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Needed to run the actions below; every field stays read-only.
        return request.user.has_perm("legal.change_legalsource")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("title", "short_title", "level", "issuer", "document_number")

    def _set_status(self, request: HttpRequest, queryset: QuerySet[LegalSource], status: str, reason: str) -> None:
        for source in queryset:
            try:
                services.legal_source_set_status(
                    actor=request.user, source=source, status=status, reason=reason, effective_on=timezone.localdate()
                )
            except DomainError as exc:
                self.message_user(request, f"《{source.title}》：{exc.message}", level=messages.ERROR)
            else:
                self.message_user(request, f"《{source.title}》已设置为“{LegalStatus(status).label}”。")

    @admin.action(description="标记为已废止（自今日起失效）", permissions=["change"])
    def mark_repealed_today(self, request: HttpRequest, queryset: QuerySet[LegalSource]) -> None:
        self._set_status(request, queryset, LegalStatus.REPEALED, "管理后台标记废止")

    @admin.action(description="撤销废止标记", permissions=["change"])
    def undo_repeal(self, request: HttpRequest, queryset: QuerySet[LegalSource]) -> None:
        self._set_status(request, queryset, LegalStatus.IN_FORCE, "管理后台撤销废止标记")


@admin.register(LegalSourceVersion)
class LegalSourceVersionAdmin(ReadOnlyAdmin):
    list_display = ("source", "label", "effective_from", "effective_to", "status", "article_count", "imported_at")
    list_filter = ("status",)
    search_fields = ("source__title", "source__short_title")
    list_select_related = ("source",)


@admin.register(LegalArticle)
class LegalArticleAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "version", "chapter", "paragraph_count")
    search_fields = ("text", "version__source__title")
    list_select_related = ("version__source",)
    list_filter = ("version__status",)
