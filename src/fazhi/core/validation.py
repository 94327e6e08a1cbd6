"""Model validation as services use it: Django's ValidationError becomes our DomainError (HTTP 400).

One translation for every app, so every refusal of a model invariant has the same shape: the
messages joined in Chinese, a stable code chosen by the service, and the fields that failed.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.errors import DomainError


def domain_error_from_validation(exc: ValidationError, *, code: str) -> DomainError:
    """Return the DomainError carrying the messages and per-field errors of `exc`."""
    fields = exc.message_dict if hasattr(exc, "error_dict") else {}
    return DomainError("；".join(exc.messages), code=code, fields=fields)


def full_clean(
    instance: models.Model,
    *,
    code: str,
    exclude: list[str] | None = None,
    validate_unique: bool = True,
    validate_constraints: bool = True,
) -> None:
    """Run `instance.full_clean()`; raise DomainError(code) instead of ValidationError."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=validate_unique, validate_constraints=validate_constraints)
    except ValidationError as exc:
        raise domain_error_from_validation(exc, code=code) from exc


def require_not_future(on: date, *, field: str, label: str, code: str, today: date | None = None) -> date:
    """Refuse an act dated after today (the local date unless `today` is given): a register records
    what was done, never in advance. A data check no article states; HTTP 400 with the field marked.
    The dates read as people write them (2026年7月1日): the message is shown on the forms as is."""
    today = today or timezone.localdate()
    if on > today:
        raise DomainError(
            f"{label}（{format_date_zh(on)}）晚于今天（{format_date_zh(today)}），不能登记尚未发生的事项。",
            code=code,
            fields={field: ["不能晚于今天。"]},
        )
    return on
