"""Admin for orgs: units are edited through the services (audited); the rest is read-only here.

People, officers, users and role grants are changed through the API, the importers and the
commands, which all call the services; a raw admin save would skip the audit row.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from fazhi.core.admin_services import ReadOnlyAdmin
from fazhi.orgs import services
from fazhi.orgs.models import EnforcementDomain, LoginFailure, Officer, OrgUnit, Person, RoleAssignment, User


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "document_prefix", "kind", "parent", "is_enforcement_body", "is_active")
    list_filter = ("kind", "is_enforcement_body", "is_active", "domains")
    search_fields = ("code", "name")
    ordering = ("path",)
    fields = (
        "code",
        "name",
        "short_name",
        "document_prefix",
        "kind",
        "parent",
        "is_enforcement_body",
        "domains",
        "credit_code",
        "is_active",
    )

    def get_readonly_fields(self, request: HttpRequest, obj: OrgUnit | None = None) -> tuple[str, ...]:
        # The code is part of every descendant's path and of import files: fixed once created.
        return ("code", "kind") if obj else ()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # units are deactivated, never deleted: records point at them

    def save_model(self, request: HttpRequest, obj: OrgUnit, form: Any, change: bool) -> None:
        if change:
            services.org_unit_update(
                actor=request.user,
                unit=obj,
                reason="后台修改",
                name=obj.name,
                short_name=obj.short_name,
                document_prefix=obj.document_prefix,
                parent=obj.parent,
                is_enforcement_body=obj.is_enforcement_body,
                is_active=obj.is_active,
            )
        else:
            created = services.org_unit_create(
                actor=request.user,
                code=obj.code,
                name=obj.name,
                kind=obj.kind,
                parent=obj.parent,
                short_name=obj.short_name,
                document_prefix=obj.document_prefix,
                is_enforcement_body=obj.is_enforcement_body,
                credit_code=obj.credit_code,
                reason="后台新增",
            )
            obj.pk = created.pk

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        unit = OrgUnit.objects.get(pk=form.instance.pk)
        services.org_unit_update(actor=request.user, unit=unit, domains=form.cleaned_data["domains"], reason="后台修改")


admin.site.register(EnforcementDomain, ReadOnlyAdmin)


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ("name", "gender", "has_legal_qualification")
    search_fields = ("name",)
    exclude = ("citizen_id", "phone")  # personal data stays out of list screens


@admin.register(Officer)
class OfficerAdmin(ReadOnlyAdmin):
    list_display = ("person", "unit", "title", "is_active")
    list_filter = ("is_active",)
    search_fields = ("person__name", "unit__name")


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ("username", "display_name", "is_active", "is_staff", "last_login")
    search_fields = ("username", "display_name")
    exclude = ("password",)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ReadOnlyAdmin):
    list_display = ("user", "role", "unit")
    list_filter = ("role",)


@admin.register(LoginFailure)
class LoginFailureAdmin(ReadOnlyAdmin):
    list_display = ("username", "ip_address", "occurred_at")
