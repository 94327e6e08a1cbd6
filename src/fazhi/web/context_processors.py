"""Template context for every page: the viewer (name, roles, unit) and the menu built for them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from fazhi.web.navigation import menu_entries
from fazhi.web.viewer import viewer_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Add `viewer` and `nav_menu`, both lazy: a template that never shows them costs no query."""

    def menu() -> list[Any]:
        viewer = viewer_for(request)
        match = getattr(request, "resolver_match", None)
        return menu_entries(
            is_authenticated=viewer.is_authenticated,
            roles=viewer.roles,
            current_view=match.view_name if match else None,
        )

    return {"viewer": SimpleLazyObject(lambda: viewer_for(request)), "nav_menu": SimpleLazyObject(menu)}
