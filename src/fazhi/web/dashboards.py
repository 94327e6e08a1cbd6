"""The start-page sections, one per role: each gathers what its template shows from selectors.

A section is a plain dataclass; `SECTIONS` maps every role to its builder, title and template so the
home page ("/", one section per role the user holds) and the per-role pages reuse the same parts.
Nothing here writes. Reads go through the orgs and deadlines selectors; the only shaping done here is
presentation (grouping counts into a tree, picking chart bars).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.urls import NoReverseMatch, reverse

from fazhi.core.deadlines.selectors import deadline_rule_list
from fazhi.enforcement.selectors import cases_awaiting_legal_review
from fazhi.orgs.choices import Role
from fazhi.orgs.models import Officer, OrgUnit, User
from fazhi.orgs.selectors import (
    RoleGrant,
    officer_list_visible_to,
    org_unit_list_visible_to,
    user_list_visible_to,
)
from fazhi.web.viewer import Viewer

# Rule codes are "<domain>.<what>"; the reconsideration desk works with these domains' deadlines.
RECONSIDERATION_RULE_PREFIXES = ("reconsideration.", "litigation.")
CHART_MAX_BARS = 40


@dataclass(frozen=True, slots=True)
class Link:
    label: str
    url: str
    description: str = ""


def _link(label: str, url_name: str, description: str = "", **kwargs: str) -> Link | None:
    """A link to a named URL, or None when that URL is not installed (e.g. an app without admin models)."""
    try:
        return Link(label=label, url=reverse(url_name, kwargs=kwargs or None), description=description)
    except NoReverseMatch:
        return None


def _links(*candidates: Link | None) -> list[Link]:
    return [link for link in candidates if link is not None]


def _officers_in_grants(*, user: User, grants: list[RoleGrant]) -> QuerySet[Officer]:
    """Officers visible to `user`, narrowed to the subtrees of `grants` (one role's scope)."""
    visible = officer_list_visible_to(user=user)
    if not grants:
        return visible.none()
    return visible.filter(reduce(or_, (Q(unit__path__startswith=grant.unit_path) for grant in grants)))


def _units(grants: list[RoleGrant]) -> list[dict[str, str]]:
    return [{"code": grant.unit_code, "name": grant.unit_name} for grant in grants]


# --- 执法人员 -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OfficerSection:
    units: list[dict[str, str]]
    posts: list[Officer]  # the user's own officer posts, if their person record has any
    colleague_count: int
    links: list[Link]


def officer_section(*, user: User, viewer: Viewer, full: bool, params: dict[str, str]) -> OfficerSection:
    grants = viewer.grants_for(Role.OFFICER)
    unit_ids = [grant.unit_id for grant in grants]
    in_units = officer_list_visible_to(user=user).filter(unit_id__in=unit_ids, is_active=True)
    own = in_units.filter(person_id=user.person_id) if user.person_id else in_units.none()
    colleagues = in_units.exclude(person_id=user.person_id) if user.person_id else in_units
    return OfficerSection(
        units=_units(grants),
        posts=list(own),
        colleague_count=colleagues.count(),
        links=_links(
            _link("我的案件与检查", "enforcement:my_work", "未结案件按法定期限紧急程度排列"),
            _link("登记行政检查", "enforcement:inspection_create", "两名以上持证执法人员，按检查清单登记"),
            _link("立案", "enforcement:case_open", "普通程序行政处罚案件立案"),
            _link("当场处罚", "enforcement:case_on_the_spot", "简易程序：警告或小额罚款，当场作出决定"),
            _link("期限计算器", "web:deadline_calculator", "按规则计算法定期限的届满日"),
        ),
    )


# --- 法制审核人员 ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LegalReviewerSection:
    units: list[dict[str, str]]
    has_legal_qualification: bool
    awaiting_review: int
    links: list[Link]


def legal_reviewer_section(*, user: User, viewer: Viewer, full: bool, params: dict[str, str]) -> LegalReviewerSection:
    return LegalReviewerSection(
        units=_units(viewer.grants_for(Role.LEGAL_REVIEWER)),
        has_legal_qualification=bool(user.person and user.person.has_legal_qualification),
        awaiting_review=cases_awaiting_legal_review(user=user).count(),
        links=_links(
            _link("待法制审核的案件", "enforcement:review_list", "《行政处罚法》第五十八条规定的法制审核"),
            _link("期限计算器", "web:deadline_calculator", "审核期限、听证告知期限等"),
        ),
    )


# --- 单位管理员 -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnitAdminSection:
    units: list[dict[str, str]]
    officer_count: int
    active_count: int
    page: Page  # the officers table; the home page shows the first rows only
    links: list[Link]


UNIT_ADMIN_PAGE_SIZE = 50
UNIT_ADMIN_HOME_ROWS = 10


def unit_admin_section(*, user: User, viewer: Viewer, full: bool, params: dict[str, str]) -> UnitAdminSection:
    grants = viewer.grants_for(Role.UNIT_ADMIN)
    officers = _officers_in_grants(user=user, grants=grants)
    paginator = Paginator(officers, UNIT_ADMIN_PAGE_SIZE if full else UNIT_ADMIN_HOME_ROWS)
    page = paginator.get_page(params.get("page") if full else 1)
    return UnitAdminSection(
        units=_units(grants),
        officer_count=paginator.count,
        active_count=officers.filter(is_active=True).count(),
        page=page,
        links=_links(
            _link(
                "执法人员与执法证",
                "orgs:officer_list",
                "查看本单位执法人员和执法证，30日内到期的证件标出；发证、暂扣、注销由司法行政机关办理",
            ),
            _link("权责清单与检查清单", "powers:item_list", "本单位权责事项、检查事项和柔性执法清单"),
            _link("执法案件", "enforcement:case_list", "本单位行政处罚案件"),
        ),
    )


# --- 执法监督人员 ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnitRow:
    unit: OrgUnit
    level: int  # depth below the top of the scope, for indentation
    direct: int  # active officers of this unit itself
    total: int  # active officers of the unit and everything beneath it


@dataclass(frozen=True, slots=True)
class SupervisorSection:
    units: list[dict[str, str]]
    rows: list[UnitRow]
    officer_total: int
    chart: dict[str, Any] = field(default_factory=dict)


def _unit_rows(units: list[OrgUnit], direct: dict[int, int]) -> list[UnitRow]:
    """Order units as a tree (by path) and add subtree totals: each count is added to every ancestor."""
    totals: dict[str, int] = defaultdict(int)
    for unit in units:
        count = direct.get(unit.pk, 0)
        codes = [code for code in unit.path.strip("/").split("/") if code]
        for length in range(1, len(codes) + 1):
            totals["/" + "/".join(codes[:length]) + "/"] += count
    top = min((unit.depth for unit in units), default=0)
    return [UnitRow(unit, unit.depth - top, direct.get(unit.pk, 0), totals[unit.path]) for unit in units]


def supervisor_section(*, user: User, viewer: Viewer, full: bool, params: dict[str, str]) -> SupervisorSection:
    grants = viewer.grants_for(Role.SUPERVISOR)
    units = list(org_unit_list_visible_to(user=user, roles={Role.SUPERVISOR}))
    counted = (
        _officers_in_grants(user=user, grants=grants)
        .filter(is_active=True)
        .order_by()  # drop the selector's ordering so it does not join the GROUP BY
        .values("unit_id")
        .annotate(n=Count("pk"))
    )
    direct = {row["unit_id"]: row["n"] for row in counted}
    rows = _unit_rows(units, direct)
    bars = sorted((row for row in rows if row.direct), key=lambda row: (-row.direct, row.unit.path))
    bars = bars[:CHART_MAX_BARS]
    return SupervisorSection(
        units=_units(grants),
        rows=rows,
        officer_total=sum(direct.values()),
        chart={
            "title": "各单位在岗执法人员数",
            "labels": [row.unit.short_name or row.unit.name for row in bars],
            "values": [row.direct for row in bars],
            "truncated": len([row for row in rows if row.direct]) > CHART_MAX_BARS,
        },
    )


# --- 复议工作人员 ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReconsiderationSection:
    units: list[dict[str, str]]
    rules: list[Any]
    links: list[Link]


def reconsideration_section(
    *, user: User, viewer: Viewer, full: bool, params: dict[str, str]
) -> ReconsiderationSection:
    rules = [rule for rule in deadline_rule_list() if rule.code.startswith(RECONSIDERATION_RULE_PREFIXES)]
    return ReconsiderationSection(
        units=_units(viewer.grants_for(Role.RECONSIDERATION_OFFICER)),
        rules=rules,
        links=_links(_link("期限计算器", "web:deadline_calculator", "复议、应诉期限的届满日与计算过程")),
    )


# --- 系统管理员 -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SystemAdminSection:
    units: list[dict[str, str]]
    unit_count: int
    user_count: int
    configuration_links: list[Link]
    technical_links: list[Link]


def system_admin_section(*, user: User, viewer: Viewer, full: bool, params: dict[str, str]) -> SystemAdminSection:
    return SystemAdminSection(
        units=_units(viewer.grants_for(Role.SYSTEM_ADMIN)),
        unit_count=org_unit_list_visible_to(user=user).count(),
        user_count=user_list_visible_to(user=user).count(),
        configuration_links=_links(
            _link("单位导入", "orgs:unit_import", "上传单位文件（CSV/XLSX），维护管理范围内的单位树"),
            _link(
                "工作日历（节假日与调休）",
                "admin:app_list",
                "维护 chinesecalendar 之外年份的放假与调休",
                app_label="calendars",
            ),
            _link("期限规则参数", "admin:app_list", "天数、工作日/自然日、延长上限、法律依据", app_label="deadlines"),
            _link("组织机构、人员与角色", "admin:app_list", "单位树、执法人员、用户和角色授权", app_label="orgs"),
            _link("后台首页", "admin:index"),
        ),
        technical_links=_links(
            _link("接口文档（Swagger UI）", "api-v1:docs", "REST API /api/v1/"),
            _link("接口文档（ReDoc）", "api-v1:redoc"),
            _link("OpenAPI 描述文件", "api-v1:schema"),
            _link("健康检查 /healthz", "web:healthz", "数据库与迁移状态（JSON）"),
        ),
    )


# --- registry -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SectionSpec:
    role: Role
    title: str
    url_name: str  # the role's own page
    template: str
    build: Callable[..., Any]


SECTIONS: dict[Role, SectionSpec] = {
    spec.role: spec
    for spec in (
        SectionSpec(Role.OFFICER, "我的工作台", "web:officer_home", "web/sections/officer.html", officer_section),
        SectionSpec(
            Role.LEGAL_REVIEWER,
            "法制审核工作台",
            "web:legal_reviewer_home",
            "web/sections/legal_reviewer.html",
            legal_reviewer_section,
        ),
        SectionSpec(
            Role.UNIT_ADMIN, "单位管理", "web:unit_admin_home", "web/sections/unit_admin.html", unit_admin_section
        ),
        SectionSpec(
            Role.SUPERVISOR, "监督总览", "web:supervisor_home", "web/sections/supervisor.html", supervisor_section
        ),
        SectionSpec(
            Role.RECONSIDERATION_OFFICER,
            "复议工作台",
            "web:reconsideration_officer_home",
            "web/sections/reconsideration_officer.html",
            reconsideration_section,
        ),
        SectionSpec(
            Role.SYSTEM_ADMIN,
            "系统管理",
            "web:system_admin_home",
            "web/sections/system_admin.html",
            system_admin_section,
        ),
    )
}


@dataclass(frozen=True, slots=True)
class RenderedSection:
    spec: SectionSpec
    data: Any


def sections_for(
    *, user: User, viewer: Viewer, roles: list[Role], full: bool, params: dict[str, str]
) -> list[RenderedSection]:
    """Build the sections of `roles` (in Role order) for the viewer."""
    return [
        RenderedSection(SECTIONS[role], SECTIONS[role].build(user=user, viewer=viewer, full=full, params=params))
        for role in Role
        if role in roles
    ]
