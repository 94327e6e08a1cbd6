"""The system actor: commands and jobs act as it, so every audit row has an actor."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

SYSTEM_USERNAME = "system"


def system_actor() -> Any:
    """Return the inactive 'system' user, creating it on first use (it can never log in)."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"is_active": False, "display_name": "系统"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
