"""Who may see supervision data, and of which units: the scope every scoped read filters on.

A 执法监督人员 (supervisor) sees every unit of the subtree their role covers; a 单位管理员 (unit
admin) sees their own unit's subtree; nobody else sees supervision data. Separate because every
other module of reads for users (snapshots, review, alerts) filters through _grant_paths and _path_q
here, and nothing here reads a supervision table.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from fazhi.core.errors import NotFound
from fazhi.orgs.choices import Role
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.selectors import AnyUser, user_role_grants

VIEW_ROLES = frozenset({Role.SUPERVISOR, Role.UNIT_ADMIN})
SUPERVISE_ROLES = frozenset({Role.SUPERVISOR})


def _grant_paths(user: AnyUser, roles: frozenset[Role]) -> list[str] | None:
    """Paths of the subtrees the user covers with one of `roles`; None means everything (superuser)."""
    if getattr(user, "is_superuser", False):
        return None
    return [grant.unit_path for grant in user_role_grants(user=user) if grant.role in roles]


def _path_q(paths: list[str] | None, field_name: str) -> Q:
    if paths is None:
        return Q()
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(**{f"{field_name}__startswith": path})
    return query


def user_can_supervise(*, user: AnyUser) -> bool:
    """True for supervisors (and superusers): ranking, bulletins, 案卷抽取 and 评查."""
    paths = _grant_paths(user, SUPERVISE_ROLES)
    return paths is None or bool(paths)


def user_can_view(*, user: AnyUser) -> bool:
    paths = _grant_paths(user, VIEW_ROLES)
    return paths is None or bool(paths)


def unit_list_visible_to(*, user: AnyUser, roles: frozenset[Role] = VIEW_ROLES) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(_path_q(_grant_paths(user, roles), "path")).order_by("path")


def unit_get_for_user(*, user: AnyUser, code: str, roles: frozenset[Role] = VIEW_ROLES) -> OrgUnit:
    """The unit by code if the user may see its supervision data; NotFound otherwise."""
    unit = unit_list_visible_to(user=user, roles=roles).filter(code=code).first()
    if unit is None:
        raise NotFound(f"单位“{code}”不存在或无权访问。", code="supervision.unit_not_found")
    return unit


def default_unit_for(*, user: AnyUser) -> OrgUnit | None:
    """The widest unit the user may see (the region of a supervisor, the unit of a unit admin)."""
    return unit_list_visible_to(user=user).order_by("depth", "path").first()
