"""Who may see supervision data, and of which units: the scope every scoped read filters on.

A 执法监督人员 (supervisor) sees every unit of the subtree their role covers; a 单位管理员 (unit
admin) sees their own unit's subtree, and the bulletins of the regions their unit belongs to
(bulletin_region_q); nobody else sees supervision data: require_view refuses them with 403, as
require_supervise refuses a unit admin the supervisors' steps. Separate because every other module of
reads for users (snapshots, review, alerts) filters through _grant_paths and _path_q here, and
nothing here reads a supervision table.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from fazhi.core.errors import Forbidden, NotFound
from fazhi.orgs.choices import Role
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.selectors import AnyUser, user_role_grants

VIEW_ROLES = frozenset({Role.SUPERVISOR, Role.UNIT_ADMIN})
SUPERVISE_ROLES = frozenset({Role.SUPERVISOR})
UNIT_ADMIN_ROLES = frozenset({Role.UNIT_ADMIN})

# DESIGN.md §1: supervision data is the supervisors' (their region) and the unit admins' (their
# unit). Officers, legal reviewers and reconsideration officers see their own cases; the system
# admin keeps the configuration (the 考核指标体系 in 后台配置), not the figures, bulletins or case files.
NO_ACCESS_MESSAGE = "执法监督数据仅供执法监督人员和单位管理员查看，您的角色没有查看权限。"


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


def require_view(*, user: AnyUser) -> None:
    """Refuse (Forbidden, 403 supervision.no_access) a user with no supervision role at all.

    Every supervision page would be empty for them, and an empty list reads as "nothing here"; a
    refusal that says why reveals nothing about what exists (a wrong unit is still NotFound).
    """
    if not user_can_view(user=user):
        raise Forbidden(NO_ACCESS_MESSAGE, code="supervision.no_access")


def require_supervise(*, user: AnyUser, action: str) -> None:
    """Refuse (Forbidden, 403) a step only supervisors take: `action` names it (印发通报, 发布快照 …).

    A user with no supervision role gets supervision.no_access; a unit admin, who may read the
    result, gets supervision.supervisor_only.
    """
    require_view(user=user)
    if not user_can_supervise(user=user):
        raise Forbidden(
            f"{action}由执法监督人员办理；单位管理员可以查看，不能{action}。", code="supervision.supervisor_only"
        )


def _ancestor_paths(path: str) -> list[str]:
    """The path of the unit and of each of its ancestors: "/QH/QH-SCJG/" → ["/QH/", "/QH/QH-SCJG/"]."""
    codes = [code for code in path.strip("/").split("/") if code]
    return ["/" + "/".join(codes[: length + 1]) + "/" for length in range(len(codes))]


def bulletin_region_q(*, user: AnyUser, field_name: str) -> Q:
    """The bulletins `user` may read, as a filter on the path of each bulletin's region (`field_name`).

    Supervisors and unit admins: the regions within their subtrees, as every other supervision read.
    A unit admin also: every region that contains their unit. A bulletin ranks the units of its
    region and proposes the lowest for 约谈; the admin of a unit it names must be able to read why
    (read only: issuing stays the supervisors', require_supervise).
    """
    paths = _grant_paths(user, VIEW_ROLES)
    if paths is None:
        return Q()
    query = _path_q(paths, field_name)
    for path in _grant_paths(user, UNIT_ADMIN_ROLES) or []:
        query |= Q(**{f"{field_name}__in": _ancestor_paths(path)})
    return query


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
