"""The menu registry, and which menu labels each kind of user sees."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.orgs.choices import Role
from fazhi.web import navigation
from fazhi.web.navigation import ANONYMOUS, AUTHENTICATED, MENU, MenuItem, menu_entries, register_menu_item
from fazhi.web.tests.conftest import menu_labels

ALL_LABELS = {
    "首页",
    "我的工作台",
    "法制审核工作台",
    "单位管理",
    "权责清单",
    "监督总览",
    "复议工作台",
    "系统管理",
    "后台配置",
    "接口文档",
    "期限计算器",
    "登录",
    "行政处罚公示",
    "我的案件与检查",
    "执法案件",
    "待法制审核",
    "执法人员与执法证",
    "执法监督",
    "我的抽查任务",
    "抽查计划",
    "双随机公示",
    "纠错提醒",
    "申请行政复议",
}

# cast attribute (None = anonymous) → the exact menu labels, in order.
MATRIX = [
    ("anonymous", None, ["行政处罚公示", "双随机公示", "申请行政复议", "期限计算器", "登录"]),
    (
        "officer",
        "inspector_north",
        [
            "首页",
            "我的工作台",
            "我的案件与检查",
            "我的抽查任务",
            "执法案件",
            "公开信息",
            "行政处罚公示",
            "双随机公示",
            "期限计算器",
        ],
    ),
    (
        "legal_reviewer",
        "reviewer_north",
        ["首页", "法制审核工作台", "待法制审核", "公开信息", "行政处罚公示", "双随机公示", "期限计算器"],
    ),
    (
        "unit_admin",
        "unit_admin_north",
        [
            "首页",
            "执法案件",
            "单位管理",
            "执法人员与执法证",
            "权责清单",
            "纠错提醒",
            "执法监督",
            "抽查计划",
            "公开信息",
            "行政处罚公示",
            "双随机公示",
            "期限计算器",
        ],
    ),
    (
        "supervisor",
        "supervisor",
        [
            "首页",
            "执法人员与执法证",
            "监督总览",
            "执法监督",
            "抽查计划",
            "公开信息",
            "行政处罚公示",
            "双随机公示",
            "期限计算器",
        ],
    ),
    (
        "reconsideration_officer",
        "reconsideration_officer",
        ["首页", "复议工作台", "公开信息", "行政处罚公示", "双随机公示", "期限计算器"],
    ),
    (
        "system_admin",
        "system_admin",
        [
            "首页",
            "执法人员与执法证",  # the page admits them (orgs.rules.CERTIFICATE_VIEW_ROLES)
            "系统管理",
            "系统管理",
            "后台配置",
            "接口文档",
            "公开信息",
            "行政处罚公示",
            "双随机公示",
            "期限计算器",
        ],
    ),
    ("no role", "outsider", ["首页", "公开信息", "行政处罚公示", "双随机公示", "期限计算器"]),
]


@pytest.mark.parametrize(("_case", "who", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_menu_by_role(_case, who, expected, cast, client_for):
    user = getattr(cast, who) if who else None

    response = client_for(user).get(reverse("web:deadline_calculator"))

    assert response.status_code == 200
    assert menu_labels(response.content.decode()) == expected


def test_user_with_two_roles_sees_both_menus(cast, client_for):
    from fazhi.orgs.tests.factories import RoleAssignmentFactory

    RoleAssignmentFactory(user=cast.inspector_north, role=Role.SUPERVISOR, unit=cast.region)

    labels = menu_labels(client_for(cast.inspector_north).get(reverse("web:home")).content.decode())

    assert labels == [
        "首页",
        "我的工作台",
        "我的案件与检查",
        "我的抽查任务",
        "执法案件",
        "执法人员与执法证",
        "监督总览",
        "执法监督",
        "抽查计划",
        "公开信息",
        "行政处罚公示",
        "双随机公示",
        "期限计算器",
    ]


def test_header_shows_name_roles_and_unit(cast, client_for):
    html = client_for(cast.unit_admin_north).get(reverse("web:home")).content.decode()
    header = html.split('data-testid="current-user"', 1)[1].split("</div>", 1)[0]

    assert "unit_admin_north" in header
    assert "单位管理员" in header
    assert "北区市场监管局" in header
    assert 'action="/logout/"' in header  # logout is a POST form


def test_active_item_is_marked(cast, client_for):
    html = client_for(cast.inspector_north).get(reverse("web:deadline_calculator")).content.decode()

    assert f'href="{reverse("web:deadline_calculator")}" aria-current="page"' in html


def test_every_registered_item_resolves():
    for item in MENU:
        assert item.url().startswith("/"), item.key
    assert {item.label for item in MENU} == ALL_LABELS


@pytest.mark.parametrize(
    ("audience", "is_authenticated", "roles", "visible"),
    [
        (frozenset({ANONYMOUS}), False, set(), True),
        (frozenset({ANONYMOUS}), True, {Role.OFFICER}, False),
        (frozenset({AUTHENTICATED}), True, set(), True),
        (frozenset({AUTHENTICATED}), False, set(), False),
        (frozenset({Role.SUPERVISOR}), True, {Role.OFFICER}, False),
        (frozenset({Role.SUPERVISOR}), True, {Role.OFFICER, Role.SUPERVISOR}, True),
        (frozenset({Role.SUPERVISOR}), False, set(), False),
    ],
)
def test_item_visibility(audience, is_authenticated, roles, visible):
    item = MenuItem(key="t", label="测试", url_name="web:home", audience=audience)

    assert item.is_visible(is_authenticated=is_authenticated, roles=roles) is visible


def test_grouped_items_fold_into_one_dropdown():
    entries = menu_entries(is_authenticated=True, roles={Role.SYSTEM_ADMIN}, current_view="admin:index")

    dropdown = next(entry for entry in entries if entry.children)
    assert dropdown.label == "系统管理"
    assert [child.label for child in dropdown.children] == ["系统管理", "后台配置", "接口文档"]
    assert dropdown.active  # because its child 后台配置 is the current page


def test_register_menu_item(monkeypatch):
    monkeypatch.setattr(navigation, "MENU", list(MENU))
    item = MenuItem(key="test.extra", label="扩展", url_name="web:home", audience=frozenset({Role.OFFICER}), order=95)

    register_menu_item(item)
    register_menu_item(item)  # idempotent

    labels = [i.label for i in navigation.visible_items(is_authenticated=True, roles={Role.OFFICER})]
    assert labels.count("扩展") == 1
    with pytest.raises(ValueError, match=r"test\.extra"):
        register_menu_item(MenuItem(key="test.extra", label="别的", url_name="web:home", audience=frozenset()))
