"""The navigation menu: one explicit registry of items, filtered by the roles of the viewer.

Every item names its Chinese label, the URL name it links to and its audience — the roles that see
it, plus two pseudo-audiences: ANONYMOUS (not logged in) and AUTHENTICATED (any logged-in user, even
one without a role). Items appear in `order`; items sharing a `group` are shown as one dropdown.

How an app adds its pages: append MenuItems to MENU below, in this module. The web shell is the one
layer that may depend on every domain app, while domain apps must never import fazhi.web (an
import-linter contract in pyproject.toml), so the menu is composed here rather than collected from
the apps. For example, when enforcement/ gets its case list:

    MenuItem(key="enforcement.cases", label="执法案件", url_name="enforcement:case_list",
             audience=frozenset({Role.OFFICER, Role.UNIT_ADMIN}), order=25),

`register_menu_item()` does the same at run time, for code outside the domain layer (a site-specific
plug-in app calling it from its AppConfig.ready()). There is no discovery and no signal.

Hiding an item is only navigation, never authorisation: each view still checks the role.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.urls import reverse

from fazhi.orgs.choices import Role
from fazhi.orgs.rules import CERTIFICATE_VIEW_ROLES

ANONYMOUS = "anonymous"
AUTHENTICATED = "authenticated"
PUBLIC = frozenset({ANONYMOUS, AUTHENTICATED})
ALL_ROLES = frozenset(Role)
PUBLIC_GROUP = "公开信息"


@dataclass(frozen=True, slots=True)
class MenuItem:
    """One navigation entry. `audience` holds Role values and/or ANONYMOUS / AUTHENTICATED."""

    key: str
    label: str
    url_name: str
    audience: frozenset[str]
    order: int = 100
    group: str = ""  # items with the same non-empty group label form one dropdown
    # Public pages: flat for visitors (they see little else), one dropdown of this label for signed-in
    # users, whose own work entries would otherwise push the bar onto two rows.
    signed_in_group: str = ""
    url_kwargs: tuple[tuple[str, str], ...] = ()

    def is_visible(self, *, is_authenticated: bool, roles: Iterable[str]) -> bool:
        if not is_authenticated:
            return ANONYMOUS in self.audience
        return AUTHENTICATED in self.audience or not self.audience.isdisjoint(roles)

    def url(self) -> str:
        return reverse(self.url_name, kwargs=dict(self.url_kwargs) or None)


@dataclass(frozen=True, slots=True)
class MenuEntry:
    """What a template renders: a link, or a dropdown whose `children` are links."""

    label: str
    url: str = ""
    active: bool = False
    children: tuple[MenuEntry, ...] = field(default=())


# The shell's own pages. Per-role start pages live under web: too; later apps append theirs.
MENU: list[MenuItem] = [
    MenuItem(key="web.home", label="首页", url_name="web:home", audience=frozenset({AUTHENTICATED}), order=10),
    MenuItem(
        key="web.officer", label="我的工作台", url_name="web:officer_home", audience=frozenset({Role.OFFICER}), order=20
    ),
    MenuItem(
        key="web.legal_review",
        label="法制审核工作台",
        url_name="web:legal_reviewer_home",
        audience=frozenset({Role.LEGAL_REVIEWER}),
        order=30,
    ),
    MenuItem(
        key="web.unit_admin",
        label="单位管理",
        url_name="web:unit_admin_home",
        audience=frozenset({Role.UNIT_ADMIN}),
        order=40,
    ),
    MenuItem(
        key="powers.lists",
        label="权责清单",
        url_name="powers:item_list",
        audience=frozenset({Role.UNIT_ADMIN}),
        order=45,
    ),
    MenuItem(
        key="web.supervision",
        label="监督总览",
        url_name="web:supervisor_home",
        audience=frozenset({Role.SUPERVISOR}),
        order=50,
    ),
    MenuItem(
        key="web.reconsideration",
        label="复议工作台",
        url_name="reconsideration:workbench",
        audience=frozenset({Role.RECONSIDERATION_OFFICER}),
        order=60,
    ),
    MenuItem(
        key="web.system_admin",
        label="系统管理",
        url_name="web:system_admin_home",
        audience=frozenset({Role.SYSTEM_ADMIN}),
        order=70,
        group="系统管理",
    ),
    MenuItem(
        key="web.admin_site",
        label="后台配置",
        url_name="admin:index",
        audience=frozenset({Role.SYSTEM_ADMIN}),
        order=71,
        group="系统管理",
    ),
    MenuItem(
        key="web.api_docs",
        label="接口文档",
        url_name="api-v1:docs",
        audience=frozenset({Role.SYSTEM_ADMIN}),
        order=72,
        group="系统管理",
    ),
    MenuItem(
        key="spotchecks.tasks",
        label="我的抽查任务",
        url_name="spotchecks:my_tasks",
        audience=frozenset({Role.OFFICER}),
        order=22,
    ),
    MenuItem(
        key="spotchecks.plans",
        label="抽查计划",
        url_name="spotchecks:plan_list",
        audience=frozenset({Role.SUPERVISOR, Role.UNIT_ADMIN}),
        order=55,
    ),
    MenuItem(
        key="enforcement.public",
        label="行政处罚公示",
        url_name="enforcement_public:list",
        audience=PUBLIC,
        order=84,
        signed_in_group=PUBLIC_GROUP,
    ),
    MenuItem(
        key="spotchecks.public",
        label="双随机公示",
        url_name="spotchecks:public_list",
        audience=PUBLIC,
        order=85,
        signed_in_group=PUBLIC_GROUP,
    ),
    MenuItem(
        key="enforcement.my_work",
        label="我的案件与检查",
        url_name="enforcement:my_work",
        audience=frozenset({Role.OFFICER}),
        order=21,
    ),
    MenuItem(
        key="enforcement.cases",
        label="执法案件",
        url_name="enforcement:case_list",
        audience=frozenset({Role.OFFICER, Role.UNIT_ADMIN}),
        order=24,
    ),
    MenuItem(
        key="enforcement.review",
        label="待法制审核",
        url_name="enforcement:review_list",
        audience=frozenset({Role.LEGAL_REVIEWER}),
        order=31,
    ),
    MenuItem(
        key="orgs.officers",
        label="执法人员与执法证",
        url_name="orgs:officer_list",
        # whoever the page admits (orgs.rules.CERTIFICATE_VIEW_ROLES): the 司法行政机关's supervisors keep the
        # registry, unit admins and system admins view it
        audience=CERTIFICATE_VIEW_ROLES,
        order=42,
    ),
    MenuItem(
        key="reconsideration.alerts",
        label="纠错提醒",
        url_name="reconsideration:alerts",
        audience=frozenset({Role.UNIT_ADMIN}),
        order=46,
    ),
    MenuItem(
        key="reconsideration.apply",
        label="申请行政复议",
        url_name="reconsideration:public_apply",
        audience=frozenset({ANONYMOUS}),
        order=86,
    ),
    MenuItem(
        key="supervision.dashboard",
        label="执法监督",
        url_name="supervision:dashboard",
        audience=frozenset({Role.SUPERVISOR, Role.UNIT_ADMIN}),
        order=52,
    ),
    MenuItem(
        key="web.calculator",
        label="期限计算器",
        url_name="web:deadline_calculator",
        audience=PUBLIC,
        order=90,
        signed_in_group=PUBLIC_GROUP,
    ),
    MenuItem(key="web.login", label="登录", url_name="web:login", audience=frozenset({ANONYMOUS}), order=1000),
]


def register_menu_item(item: MenuItem) -> None:
    """Add `item` to the menu. Re-registering the same item is a no-op; a different one with its key fails."""
    for existing in MENU:
        if existing.key == item.key:
            if existing == item:
                return
            raise ValueError(f"导航菜单项 {item.key!r} 已注册为不同的内容。")
    MENU.append(item)


def visible_items(*, is_authenticated: bool, roles: Iterable[str]) -> list[MenuItem]:
    """Return the registered items the viewer may see, in menu order."""
    role_values = frozenset(str(role) for role in roles)
    shown = [item for item in MENU if item.is_visible(is_authenticated=is_authenticated, roles=role_values)]
    return sorted(shown, key=lambda item: (item.order, item.key))


def menu_entries(*, is_authenticated: bool, roles: Iterable[str], current_view: str | None) -> list[MenuEntry]:
    """Return the menu as rendered: visible items resolved to URLs, grouped items folded into dropdowns.

    A dropdown sits where its first item would; it is active when one of its children is.
    """
    # A group sits where its first item would have been; its later items join it there.
    slots: list[MenuEntry | str] = []
    groups: dict[str, list[MenuEntry]] = {}
    for item in visible_items(is_authenticated=is_authenticated, roles=roles):
        entry = MenuEntry(label=item.label, url=item.url(), active=item.url_name == current_view)
        group = item.group or (item.signed_in_group if is_authenticated else "")
        if not group:
            slots.append(entry)
        elif group in groups:
            groups[group].append(entry)
        else:
            groups[group] = [entry]
            slots.append(group)
    return [
        MenuEntry(label=slot, active=any(c.active for c in groups[slot]), children=tuple(groups[slot]))
        if isinstance(slot, str)
        else slot
        for slot in slots
    ]
