"""双随机、一公开 in a real browser (Debian Chromium via Playwright; never `playwright install`).

A supervisor defines a joint plan for two departments, commits and draws it; a drawn officer records
the result (an enforcement inspection); the supervisor publishes; the public page shows the masked
result and its verify button replays the draw on the server and reports that it reproduces.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright import sync_api
from tests.browser.test_deadline_calculator import PASSWORD, _log_in, chromium_page

from fazhi.orgs.choices import OrgUnitKind, Role
from fazhi.orgs.tests.factories import OrgUnitFactory, PersonFactory, RoleAssignmentFactory, UserFactory
from fazhi.powers.tests.factories import CheckItemFactory
from fazhi.spotchecks.tests.factories import EntityFactory, certified_officer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _user(username: str, role: Role, unit, person=None):  # type: ignore[no-untyped-def]
    person = person or PersonFactory(name=username)
    user = UserFactory(username=username, display_name=f"{username}（测试）", person=person, password=PASSWORD)
    RoleAssignmentFactory(user=user, role=role, unit=unit)
    return user


def test_joint_plan_draw_result_publication_and_verification(live_server):
    region = OrgUnitFactory(code="SR", name="抽查测试区", kind=OrgUnitKind.REGION)
    market = OrgUnitFactory(code="SR-SCJG", name="抽查测试区市场监管局", parent=region, is_enforcement_body=True)
    health = OrgUnitFactory(code="SR-WSJK", name="抽查测试区卫生健康委", parent=region, is_enforcement_body=True)
    _user("sc_supervisor", Role.SUPERVISOR, region)
    # Both market officers are the team: the officer who logs in is certain to be drawn.
    officer_person = PersonFactory(name="王检查")
    _user("sc_officer", Role.OFFICER, market, person=officer_person)
    certified_officer(unit=market, person=officer_person)
    certified_officer(unit=market)
    certified_officer(unit=health)
    certified_officer(unit=health)
    CheckItemFactory(code="SR-JC-1", name="经营场所公示信息检查", owner_unit=market)
    CheckItemFactory(code="SR-JC-2", name="从业人员健康证明检查", owner_unit=health)
    EntityFactory(name="浏览器测试商贸有限公司", risk_class="D")

    with chromium_page() as (page, console_errors):
        base = live_server.url
        # The supervisor defines a joint plan for the two departments …
        _log_in(page, base, "sc_supervisor")
        page.locator("#fazhi-nav").get_by_role("link", name="抽查计划").click()
        page.get_by_role("link", name="制定抽查计划").click()
        page.get_by_label("计划名称").fill("浏览器联合抽查")
        page.get_by_label("组织单位").select_option("SR")
        page.get_by_label("抽查测试区市场监管局（SR-SCJG）").check()
        page.get_by_label("抽查测试区卫生健康委（SR-WSJK）").check()
        page.get_by_label(re.compile("SR-JC-1")).check()
        page.get_by_label(re.compile("SR-JC-2")).check()
        page.get_by_label("检查期间起").fill(date.today().replace(day=1).isoformat())
        page.get_by_label("检查期间止").fill(date.today().replace(month=12, day=31).isoformat())
        page.get_by_label("D类").fill("100%")
        page.get_by_role("button", name="保存计划").click()
        sync_api.expect(page.get_by_test_id("plan-departments")).to_contain_text("联合抽查")

        # … commits (hashes published) and draws (seed revealed).
        page.get_by_role("button", name="公布抽取承诺").click()
        sync_api.expect(page.get_by_test_id("plan-status")).to_have_text("已公布抽取承诺")
        seed_hash = page.get_by_test_id("seed-hash").inner_text()
        assert re.fullmatch(r"[0-9a-f]{64}", seed_hash)
        page.get_by_role("button", name="公开种子并抽取").click()
        sync_api.expect(page.get_by_test_id("plan-status")).to_have_text("已抽取")
        sync_api.expect(page.get_by_test_id("stat-drawn")).to_have_text("1")
        page.context.clear_cookies()

        # The drawn officer records the result.
        _log_in(page, base, "sc_officer")
        page.goto(f"{base}/spotchecks/tasks/")
        page.get_by_test_id("my-tasks").get_by_role("link", name="浏览器测试商贸有限公司").click()
        page.get_by_label("检查日期").fill(date.today().isoformat())
        page.get_by_label("检查结果").select_option("order_correction")
        page.get_by_label("检查情况").fill("负责人电话13812345678，未公示营业执照")
        page.get_by_role("button", name="登记检查结果").click()
        sync_api.expect(page.get_by_test_id("task-status")).to_have_text("已检查")
        page.context.clear_cookies()

        # The supervisor publishes; the statistics show the inspection and the problem.
        _log_in(page, base, "sc_supervisor")
        page.goto(f"{base}/spotchecks/plans/")
        page.get_by_role("link", name="浏览器联合抽查").click()
        sync_api.expect(page.get_by_test_id("stat-inspected")).to_have_text("1")
        sync_api.expect(page.get_by_test_id("stat-problems")).to_have_text("1")
        page.get_by_role("button", name="公示抽查结果").click()
        page.context.clear_cookies()

        # The public page (no login) shows the masked result and verifies the draw.
        page.goto(f"{base}/spotchecks/")
        page.get_by_role("link", name="浏览器联合抽查").click()
        sync_api.expect(page.get_by_test_id("seed-hash")).to_have_text(seed_hash)
        results = page.get_by_test_id("public-results")
        sync_api.expect(results).to_contain_text("责令改正")
        sync_api.expect(results).to_contain_text("138****5678")
        # inspectors are never named publicly (rules.plans.task_is_public), not even masked
        sync_api.expect(results).not_to_contain_text("王")
        sync_api.expect(results).not_to_contain_text("13812345678")
        page.get_by_test_id("verify-button").click()
        sync_api.expect(page.get_by_test_id("verify-verdict")).to_contain_text("复核一致")
        page.screenshot(path="/tmp/fazhi-spotchecks.png", full_page=True)
        assert not console_errors, console_errors
