"""Who is looking: the request user's display name, roles and unit, computed once per request.

The header, the menu and the start pages all need the same three facts; they are read through the
orgs selectors here once and cached on the request.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from fazhi.orgs.choices import Role
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.selectors import AnyUser, RoleGrant, user_primary_unit, user_role_grants

_CACHE_ATTRIBUTE = "_fazhi_viewer"


@dataclass(frozen=True, slots=True)
class Viewer:
    is_authenticated: bool
    display_name: str
    roles: tuple[Role, ...]  # in Role order; a superuser also counts as system admin
    grants: tuple[RoleGrant, ...]
    unit: OrgUnit | None

    @property
    def role_labels(self) -> list[str]:
        return [str(role.label) for role in self.roles]

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    def grants_for(self, role: Role) -> list[RoleGrant]:
        return [grant for grant in self.grants if grant.role == role]


ANONYMOUS_VIEWER = Viewer(is_authenticated=False, display_name="", roles=(), grants=(), unit=None)


def viewer_for_user(user: AnyUser) -> Viewer:
    """Return the Viewer of `user` (three small queries for a logged-in user, none for the public)."""
    if not user.is_authenticated:
        return ANONYMOUS_VIEWER
    grants = tuple(user_role_grants(user=user))
    held = {grant.role for grant in grants}
    if user.is_superuser:
        held.add(Role.SYSTEM_ADMIN)
    return Viewer(
        is_authenticated=True,
        display_name=str(user),
        roles=tuple(role for role in Role if role in held),
        grants=grants,
        unit=user_primary_unit(user=user) if grants else None,
    )


def viewer_for(request: HttpRequest) -> Viewer:
    """Return the Viewer of the request, computed on first use."""
    cached = getattr(request, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = viewer_for_user(request.user)
        setattr(request, _CACHE_ATTRIBUTE, cached)
    return cached
