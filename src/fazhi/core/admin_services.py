"""Admin base classes that keep the admin a thin interface over the audited services (STYLE S1).

Why this module exists: several apps edit their versioned configuration data in the admin
(enforcement's 较大数额 thresholds and sector decision rules, supervision's 考核指标体系), and each
must write through its service so that every change carries its 变更理由 and its audit row. The
form, the dry run and the admin below are the same for all of them, so they live here once
instead of being copied into each app's admin.py. Core imports no domain app: each app's form
names its own service in `call_service`.

- ServiceForm: a ModelForm whose save is a service call. `clean` calls the service in a savepoint
  that is always rolled back, so the service's refusals (DomainError) show as form errors and
  nothing is written; the model's own validation is left to the service.
- ServiceAdmin: hands the user to the form, saves by calling the service for real (one audit row
  per saved change), and offers no delete: a version is closed with its 失效日期, never deleted.
- ReadOnlyAdmin: records and shipped definitions that the admin may show but never write.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest

from fazhi.core.errors import DomainError


class ReadOnlyAdmin(admin.ModelAdmin):
    """Show rows only: no add, change or delete (they change through services or shipped versions)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class _DryRun(Exception):
    """Raised inside the validation savepoint to roll the trial service call back."""


class ServiceForm(forms.ModelForm):
    """A ModelForm whose save is a service call; `call_service` maps the cleaned data to the service."""

    reason = forms.CharField(label="变更理由", widget=forms.Textarea(attrs={"rows": 2}))
    actor: Any = None
    # Each concrete form defines call_service(self, *, actor) -> the saved row: the one service it stands for.
    call_service: Callable[..., Any]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        try:
            with transaction.atomic():
                self.call_service(actor=self.actor)
                raise _DryRun
        except _DryRun:
            pass
        except DomainError as error:
            raise ValidationError(error.message) from error
        return cleaned

    def _post_clean(self) -> None:
        # The service runs full_clean itself; the form only needs the cleaned data.
        pass


class ServiceAdmin(admin.ModelAdmin):
    """Add and change through the form's service call; never delete."""

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        form.actor = request.user
        return form

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        saved = form.call_service(actor=request.user)
        for field in saved._meta.concrete_fields:
            setattr(obj, field.attname, getattr(saved, field.attname))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
