"""The start page "/" (a section per role) and the per-role pages."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from fazhi.orgs.choices import Role
from fazhi.orgs.tests.factories import RoleAssignmentFactory

# cast attribute, role, section title, its own page, text only that section shows
ROLES = [
    ("inspector_north", Role.OFFICER, "我的工作台", "web:officer_home", "本单位其他在岗执法人员"),
    ("reviewer_north", Role.LEGAL_REVIEWER, "法制审核工作台", "web:legal_reviewer_home", "待法制审核事项"),
    ("unit_admin_north", Role.UNIT_ADMIN, "单位管理", "web:unit_admin_home", 'data-testid="officer-table"'),
    ("supervisor", Role.SUPERVISOR, "监督总览", "web:supervisor_home", 'data-testid="unit-tree"'),
    (
        "reconsideration_officer",
        Role.RECONSIDERATION_OFFICER,
        "复议工作台",
        "web:reconsideration_officer_home",
        'data-testid="reconsideration-rules"',
    ),
    ("system_admin", Role.SYSTEM_ADMIN, "系统管理", "web:system_admin_home", "配置（后台）"),
]
IDS = [str(row[1]) for row in ROLES]


def test_public_landing_page(client, db):
    response = client.get(reverse("web:home"))

    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("web:deadline_calculator") in html
    assert reverse("web:login") in html


# Modules the platform does not have (fazhi/urls.py mounts none of them).
NOT_IMPLEMENTED = ("重大决策", "重大行政决策", "规范性文件", "年度法治政府建设情况报告", "政府信息公开")


def test_the_landing_page_claims_only_what_exists_and_labels_planned_modules(client, db):
    html = client.get(reverse("web:home")).content.decode()
    main = html.split('id="main"')[1]
    # the planned-modules box, if any, is the one place that may name what does not exist
    described, _marker, planned = main.partition('data-testid="planned-modules"')
    planned, _end, rest = planned.partition("</ul>")
    described += rest

    for name in NOT_IMPLEMENTED:
        assert name not in described, name
    assert "规划中（尚未实现）" in planned and "重大行政决策" in planned and "年度法治政府建设情况报告" in planned
    # every public service the page describes answers a visitor
    public = described.split('data-testid="public-services"')[1]
    links = re.findall(r'href="([^"]+)"', public)
    for url_name in ("enforcement_public:list", "spotchecks:public_list", "reconsideration:public_apply"):
        assert reverse(url_name) in links
    for link in set(links):
        assert client.get(link).status_code == 200, link


@pytest.mark.parametrize(("who", "role", "title", "url_name", "marker"), ROLES, ids=IDS)
def test_home_shows_the_section_of_the_role(who, role, title, url_name, marker, staffed, client_for):
    response = client_for(getattr(staffed, who)).get(reverse("web:home"))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="section-{role}"' in html
    assert marker in html
    other_sections = set(re.findall(r'id="section-([a-z_]+)"', html)) - {str(role)}
    assert other_sections == set()


@pytest.mark.parametrize(("who", "role", "title", "url_name", "marker"), ROLES, ids=IDS)
def test_role_page_renders_for_the_role(who, role, title, url_name, marker, staffed, client_for):
    response = client_for(getattr(staffed, who)).get(reverse(url_name))

    assert response.status_code == 200
    assert f'<h1 class="h3 mb-4">{title}</h1>' in response.content.decode()
    assert marker in response.content.decode()


@pytest.mark.parametrize(("who", "role", "title", "url_name", "marker"), ROLES, ids=IDS)
def test_role_page_is_forbidden_without_the_role(who, role, title, url_name, marker, staffed, client_for):
    response = client_for(staffed.outsider).get(reverse(url_name))

    assert response.status_code == 403
    assert "没有访问此页面的角色" in response.content.decode()


def test_role_page_needs_login(client, db):
    response = client.get(reverse("web:supervisor_home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_several_roles_give_several_sections(staffed, client_for):
    RoleAssignmentFactory(user=staffed.inspector_north, role=Role.UNIT_ADMIN, unit=staffed.north)

    html = client_for(staffed.inspector_north).get(reverse("web:home")).content.decode()

    assert re.findall(r'<section class="card mb-4 fazhi-section" id="section-([a-z_]+)"', html) == [
        "officer",
        "unit_admin",
    ]


def test_user_without_role_is_told_so(staffed, client_for):
    html = client_for(staffed.outsider).get(reverse("web:home")).content.decode()

    assert "尚未分配角色" in html


def test_officer_sees_unit_and_colleagues(staffed, client_for):
    html = client_for(staffed.inspector_north).get(reverse("web:officer_home")).content.decode()

    assert "北区市场监管局" in html
    # NORTH: 3 active officers, one of them the user, plus one inactive.
    assert 'data-testid="colleague-count">2<' in html
    assert "执法队员" in html


def test_officer_workspace_offers_the_on_the_spot_penalty_beside_filing(staffed, client_for):
    html = client_for(staffed.inspector_north).get(reverse("web:officer_home")).content.decode()

    # 简易程序 (行政处罚法 Art. 51) is an officer's commonest decision: one click from the workspace
    assert f'href="{reverse("enforcement:case_on_the_spot")}"' in html and "当场处罚" in html
    assert f'href="{reverse("enforcement:case_open")}"' in html


def test_unit_admin_sees_own_unit_officers_only(staffed, client_for):
    html = client_for(staffed.unit_admin_north).get(reverse("web:unit_admin_home")).content.decode()

    assert 'data-testid="officer-count">4<' in html
    assert "北区同事甲" in html
    assert "北区离岗人员" in html
    assert "南区同事" not in html


def test_supervisor_sees_tree_counts_and_chart_data(staffed, client_for):
    response = client_for(staffed.supervisor).get(reverse("web:supervisor_home"))

    html = response.content.decode()
    assert 'data-testid="unit-count">4<' in html  # region, government, NORTH, SOUTH
    assert 'data-testid="officer-total">5<' in html  # active officers only
    chart_script = re.search(r'<script id="supervision-chart-data" type="application/json">(.*?)</script>', html)
    chart = json.loads(chart_script[1])
    assert dict(zip(chart["labels"], chart["values"], strict=True)) == {"北区市场监管局": 3, "南区城管执法局": 2}
    assert "web/js/supervision-chart.js" in html
    assert "vendor/echarts/echarts.min.js" in html
    # subtree totals: the region row counts everyone beneath it
    region_row = re.search(r"测试区</td>\s*<td class=\"text-end\">(\d+)</td>\s*<td class=\"text-end\">(\d+)</td>", html)
    assert region_row.groups() == ("0", "5")


def test_supervisor_scope_is_its_subtree(staffed, client_for):
    RoleAssignmentFactory(user=staffed.inspector_south, role=Role.SUPERVISOR, unit=staffed.south)

    html = client_for(staffed.inspector_south).get(reverse("web:supervisor_home")).content.decode()

    assert 'data-testid="unit-count">1<' in html
    assert 'data-testid="officer-total">2<' in html
    assert "北区市场监管局" not in html.split('data-testid="unit-tree"', 1)[1]


def test_reconsideration_desk_lists_rules_with_calculator_links(staffed, client_for):
    html = client_for(staffed.reconsideration_officer).get(reverse("web:reconsideration_officer_home")).content.decode()

    assert 'data-testid="reconsideration-rules"' in html
    assert "reconsideration." in html
    assert f"{reverse('web:deadline_calculator')}?rule=reconsideration." in html


def test_system_admin_links(staffed, client_for):
    html = client_for(staffed.system_admin).get(reverse("web:system_admin_home")).content.decode()

    assert reverse("admin:index") in html
    assert reverse("api-v1:docs") in html
    assert reverse("web:healthz") in html


def test_superuser_without_roles_gets_system_admin_section(staffed, client_for):
    staffed.outsider.is_superuser = True
    staffed.outsider.save(update_fields=["is_superuser"])

    html = client_for(staffed.outsider).get(reverse("web:home")).content.decode()

    assert 'id="section-system_admin"' in html


@pytest.mark.parametrize("who", ["inspector_north", "unit_admin_north"])
def test_officer_and_unit_admin_workspaces_link_to_pages_not_to_the_api(who, staffed, client_for):
    # The browsable API is an English developer tool: the workspaces of case officers and unit
    # admins link only to Chinese pages (system admins keep the API documentation links).
    html = client_for(getattr(staffed, who)).get(reverse("web:home")).content.decode()
    assert "/api/v1/" not in html
