"""The deadline calculator in a real browser: Debian's Chromium driven by Playwright.

Never `playwright install`: the browser is the system package (`make system-deps`). The live server
runs in a thread against the test database; the deadline rules come from the deadlines data
migration, so the test asks for serialized rollback — a transactional test elsewhere may have
flushed them, and this restores them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright import sync_api

from fazhi.orgs.choices import OrgUnitKind, Role
from fazhi.orgs.tests.factories import OfficerFactory, OrgUnitFactory, PersonFactory, RoleAssignmentFactory, UserFactory

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "Browser-Test-2025"
SCREENSHOT = Path("/tmp/fazhi-calculator.png")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@contextmanager
def chromium_page() -> Iterator[tuple[object, list[str]]]:
    """A fresh Chromium page plus the console errors it reports (CSP violations land there).

    Open it only after the test data exists: Playwright's sync API runs an event loop in this
    thread, and Django refuses ORM calls while one is running.
    """
    if not CHROMIUM.exists():
        # A missing browser is a broken environment, not a reason to pass: `make test` installs it.
        pytest.fail("Debian chromium is not installed: run `make system-deps`")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
        page = context.new_page()
        console_errors: list[str] = []
        page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: console_errors.append(str(error)))
        try:
            yield page, console_errors
        finally:
            context.close()
            browser.close()


def _user(username: str, role: Role, unit) -> None:
    person = PersonFactory(name=username)
    user = UserFactory(username=username, display_name=f"{username}（测试）", person=person, password=PASSWORD)
    RoleAssignmentFactory(user=user, role=role, unit=unit)


def _log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base_url}/")


def test_officer_computes_a_working_day_deadline_over_national_day(live_server):
    # Given an officer of a unit (created before the browser starts: the ORM is not async-safe).
    region = OrgUnitFactory(code="BR", name="浏览器测试区", kind=OrgUnitKind.REGION)
    unit = OrgUnitFactory(code="BR-SCJG", name="浏览器测试区市场监督管理局", parent=region)
    _user("browser_officer", Role.OFFICER, unit)

    with chromium_page() as (page, console_errors):
        _officer_scenario(page, console_errors, live_server.url)


def _officer_scenario(page, console_errors: list[str], base_url: str) -> None:
    # When they log in and open 期限计算器 from the navigation …
    _log_in(page, base_url, "browser_officer")
    assert "browser_officer（测试）" in page.get_by_test_id("current-user").inner_text()
    # (signed in, the public pages and the calculator sit in the 公开信息 dropdown)
    page.locator("#fazhi-nav").get_by_role("button", name="公开信息").click()
    page.locator("#fazhi-nav").get_by_role("link", name="期限计算器").click()
    page.wait_for_url(re.compile(r"/deadlines/calculator/$"))

    # … and compute 送达 (7 working days) from Tuesday 2025-09-30.
    page.get_by_label("期限规则").select_option("penalty.service")
    page.get_by_label("起算日").fill("2025-09-30")
    page.get_by_role("button", name="计算届满日").click()

    # Then (HTMX swap, URL pushed): 10/1–10/8 are holidays and Saturday 10/11 a make-up working day,
    # so the 7 working days are 10/9, 10/10, 10/11, 10/13, 10/14, 10/15, 10/16.
    due = page.get_by_test_id("due-date")
    due.wait_for()
    assert due.inner_text() == "2025年10月16日（星期四）"
    steps = page.get_by_test_id("steps").inner_text()
    assert re.search(r"国庆|节假日|假期|放假", steps), steps
    assert "2025-10-11" in steps or "10月11日" in steps, steps  # the make-up working day is explained
    assert "rule=penalty.service" in page.url and "start=2025-09-30" in page.url
    assert page.get_by_test_id("legal-basis").inner_text().strip()

    # htmx briefly keeps the old indicator's classes on the swapped-in one (settling); wait it out.
    # (a locator assertion, not wait_for_function: the page's CSP forbids the eval that one needs)
    sync_api.expect(page.locator("#calculator-indicator")).to_have_css("opacity", "0")
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert not console_errors, console_errors

    # The pushed URL also works as a plain page load (no JavaScript involved in the answer).
    page.goto(page.url)
    assert page.get_by_test_id("due-date").inner_text() == "2025年10月16日（星期四）"


def test_bad_input_shows_the_error_in_place(live_server):
    with chromium_page() as (page, console_errors):
        _bad_input_scenario(page, console_errors, live_server.url)


def _bad_input_scenario(page, console_errors: list[str], base_url: str) -> None:
    page.goto(f"{base_url}/deadlines/calculator/")
    page.get_by_label("期限规则").select_option("penalty.service")
    page.get_by_label("起算日").fill("2031-03-03")
    page.get_by_role("button", name="计算届满日").click()

    errors = page.get_by_test_id("calculator-errors")
    errors.wait_for()
    # the code is kept for support staff and tests, not printed to the citizen
    assert errors.locator('[data-error-code="calendar_year_missing"]').count() == 1
    assert "calendar_year_missing" not in errors.inner_text()
    # The 400 answer was swapped in by HTMX; the browser logs the status, nothing else.
    assert all("400" in message for message in console_errors), console_errors


def test_supervision_chart_renders_under_the_csp(live_server):
    region = OrgUnitFactory(code="BS", name="图表测试区", kind=OrgUnitKind.REGION)
    for index, size in enumerate((5, 3, 1)):
        unit = OrgUnitFactory(code=f"BS-{index}", name=f"图表测试单位{index}", parent=region)
        for _ in range(size):
            OfficerFactory(unit=unit)
    _user("browser_supervisor", Role.SUPERVISOR, region)

    with chromium_page() as (page, console_errors):
        _log_in(page, live_server.url, "browser_supervisor")
        page.goto(f"{live_server.url}/workspace/supervision/")
        page.locator(".fazhi-chart canvas").first.wait_for()
        page.wait_for_timeout(1500)  # let the bars finish their entry animation before the screenshot
        page.screenshot(path="/tmp/fazhi-supervision.png", full_page=True)
        assert page.get_by_test_id("officer-total").inner_text() == "9"
        assert not console_errors, console_errors


def test_api_docs_render_from_local_assets(live_server):
    region = OrgUnitFactory(code="BD", name="文档测试区", kind=OrgUnitKind.REGION)
    _user("browser_admin", Role.SYSTEM_ADMIN, region)

    with chromium_page() as (page, console_errors):
        _log_in(page, live_server.url, "browser_admin")
        page.goto(f"{live_server.url}/api/v1/docs/")
        title = page.locator(".swagger-ui .info .title")
        title.wait_for(timeout=30_000)
        assert "Fazhi" in title.inner_text()
        csp_errors = [message for message in console_errors if "Content Security Policy" in message]
        assert not csp_errors, csp_errors
