"""A penalty case from 立案 to 结案 in a real browser (Debian Chromium through Playwright).

An officer opens the case, investigates, notifies a fine large enough for the hearing right, records
the party's hearing request, schedules and holds the hearing and submits the case for 法制审核; the
legal reviewer logs in and passes it; the officer decides, serves, publishes, records the payment and
closes the case. Every step is a small form on the case page, swapped in place by HTMX and handled by
the same service as the API. At the end the public 行政处罚公示 page shows the decision with the
party's name masked.

Never `playwright install`: the browser is the system package. The page's CSP forbids eval, so the
waits are locator assertions (sync_api.expect), never wait_for_function. Dates are chosen inside the
years the working-day calendar knows, because the statutory deadlines are computed on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright import sync_api

from fazhi.core.calendars.selectors import working_calendar
from fazhi.enforcement.models import PenaltyCase, Publication
from fazhi.enforcement.rules import ACTIONS
from fazhi.enforcement.selectors import publication_list_public
from fazhi.orgs import services as org_services
from fazhi.orgs.choices import OrgUnitKind, Role
from fazhi.orgs.tests.factories import (
    EnforcementDomainFactory,
    OfficerFactory,
    OrgUnitFactory,
    PersonFactory,
    RoleAssignmentFactory,
    UserFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
PASSWORD = "Browser-Test-2025"
CASE_SCREENSHOT = Path("/tmp/fazhi-case-page.png")
WORK_SCREENSHOT = Path("/tmp/fazhi-my-work.png")
CLOSED_SCREENSHOT = Path("/tmp/fazhi-case-closed.png")
PARTY_NAME = "李明华"
PARTY_ID = "11010519491231002X"  # valid GB 11643 check digit


@contextmanager
def chromium_page() -> Iterator[tuple[object, list[str]]]:
    """A fresh Chromium page and the console errors it reports (as in test_deadline_calculator.py)."""
    if not CHROMIUM.exists():
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


def _first_day(today: date) -> date:
    """The filing date: 40 days before the latest day whose 90-day decision period the calendar covers."""
    calendar = working_calendar()
    year = today.year
    while calendar.has_data_for(year + 1):
        year += 1
    return min(today, date(year, 12, 31) - timedelta(days=95)) - timedelta(days=40)


def _world() -> dict[str, object]:
    domain = EnforcementDomainFactory(code="SCJG", name="市场监管")
    region = OrgUnitFactory(code="BP", name="流程测试区", kind=OrgUnitKind.REGION)
    unit = OrgUnitFactory(code="BP-SCJG", name="流程测试区市场监督管理局", parent=region, is_enforcement_body=True)
    unit.domains.add(domain)
    officer_person = PersonFactory(name="周执法")
    officer_user = UserFactory(username="case_officer", display_name="周执法", person=officer_person, password=PASSWORD)
    RoleAssignmentFactory(user=officer_user, role=Role.OFFICER, unit=unit)
    posts = [
        OfficerFactory(unit=unit, person=officer_person),
        OfficerFactory(unit=unit, person=PersonFactory(name="王协办")),
    ]
    for index, post in enumerate(posts, start=1):
        org_services.certificate_issue(
            actor=None, officer=post, number=f"BP-{index}", issuer="流程测试区人民政府", domains=[domain],
            valid_from=date(2020, 1, 1), valid_to=date(2035, 12, 31),
        )  # fmt: skip
    reviewer_person = PersonFactory(name="林审核", has_legal_qualification=True)
    reviewer = UserFactory(username="case_reviewer", display_name="林审核", person=reviewer_person, password=PASSWORD)
    RoleAssignmentFactory(user=reviewer, role=Role.LEGAL_REVIEWER, unit=unit)
    return {"unit": unit}


def _log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base_url}/")


def _act(page, code: str, fields: dict[str, str], checks: tuple[str, ...] = (), status: str | None = None) -> None:
    """Open the action's <details>, fill it, submit; wait for the HTMX swap to show the new state."""
    action = page.get_by_test_id(f"action-{code}")
    done = f"已办理：{ACTIONS[code].label}。"
    if action.get_attribute("open") is None:
        action.locator("summary").click()
    for label, value in fields.items():
        action.get_by_label(label, exact=True).fill(value)
    for label in checks:
        action.get_by_label(label, exact=True).check()
    action.locator("button[type=submit]").click()
    notice = page.get_by_test_id("case-notice")
    sync_api.expect(notice).to_have_text(done)  # this swap's notice, not the previous one
    if status is not None:
        sync_api.expect(page.get_by_test_id("case-status")).to_have_text(status)


def _upload_evidence(page, collected_on: str) -> None:
    """登记证据 through the case page's upload form (no decision without evidence, 行政处罚法 Art. 40)."""
    page.locator("#action-add_evidence summary").click()
    form = page.get_by_test_id("evidence-form")
    form.get_by_label("文件").set_input_files(
        {"name": "现场检查笔录.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n% browser test\n"}
    )
    form.get_by_label("证据种类").select_option("record")
    form.get_by_label("执法环节").select_option("investigation")
    form.get_by_label("名称").fill("现场检查笔录")
    form.get_by_label("取得日期").fill(collected_on)
    form.locator("button[type=submit]").click()
    sync_api.expect(page.get_by_test_id("case-evidence")).to_contain_text("现场检查笔录")


def test_officer_takes_a_case_from_filing_to_closure(live_server, settings, tmp_path) -> None:
    # uploaded evidence goes to a temporary store, not the project's var/media
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}}}  # fmt: skip
    _world()
    first = _first_day(timezone.localdate())
    day = {n: (first + timedelta(days=n)).isoformat() for n in range(-10, 40)}
    base = live_server.url

    with chromium_page() as (page, console_errors):
        # 立案 through the form, reached from the navigation
        _log_in(page, base, "case_officer")
        page.locator("#fazhi-nav").get_by_role("link", name="我的案件与检查").click()
        page.get_by_test_id("enforcement-nav").get_by_role("link", name="立案").click()
        form = page.get_by_test_id("case-open-form")
        form.get_by_label("对象类型").select_option("person")
        form.get_by_label("姓名或名称").fill(PARTY_NAME)
        form.get_by_label("统一社会信用代码/公民身份号码").fill(PARTY_ID)
        form.get_by_label("地址", exact=True).fill("流程测试区示范路8号")
        form.get_by_label("案由").fill("经营超过保质期的食品")
        form.get_by_label("案件来源").select_option("complaint")
        form.get_by_label("违法事实").fill("当事人在其经营场所销售超过保质期的食品。")
        form.get_by_label("违法行为发生（终了）日期").fill(day[-10])
        form.get_by_label("发现日期").fill(day[-1])
        form.get_by_label("立案日期").fill(day[0])
        form.get_by_label(re.compile("周执法")).check()
        form.get_by_label(re.compile("王协办")).check()
        form.get_by_role("button", name="立案").click()
        sync_api.expect(page.get_by_test_id("case-status")).to_have_text("已立案")
        assert PARTY_ID in page.get_by_test_id("case-party").inner_text()  # full party data for the officer
        case_url = page.url

        _act(page, "investigate", {"调查开始日期": day[1]}, status="调查取证")
        _upload_evidence(page, day[1])
        _act(
            page, "notify",
            {"告知日期": day[5], "理由": "违反《中华人民共和国食品安全法》第三十四条",
             "依据": "《中华人民共和国食品安全法》第一百二十四条", "拟罚款数额（元）": "20000"},
            checks=("罚款", "已告知要求听证的权利"), status="已告知（陈述申辩期）",
        )  # fmt: skip
        _act(page, "request_hearing", {"申请听证日期": day[6]}, status="听证")
        _act(page, "schedule_hearing", {"通知日期": day[7], "举行听证日期（通知后至少七个工作日）": day[25],
                                         "听证地点": "第一听证室"})  # fmt: skip
        _act(page, "hold_hearing", {"听证日期": day[25], "听证主持人（非本案调查人员）": "法制科 张主持",
                                     "听证笔录摘要": "当事人对事实无异议，请求从轻。"})  # fmt: skip
        _act(page, "submit_legal_review", {"提交日期": day[26]}, status="法制审核")
        assert not page.get_by_test_id("action-record_legal_review").count()  # not the officer's step
        page.screenshot(path=str(CASE_SCREENSHOT), full_page=True)  # an open case: deadlines, actions
        page.locator("#fazhi-nav").get_by_role("link", name="我的案件与检查").click()
        sync_api.expect(page.get_by_test_id("my-cases")).to_contain_text(PARTY_NAME)
        page.screenshot(path=str(WORK_SCREENSHOT), full_page=True)

        # 法制审核 by the reviewer
        page.get_by_role("button", name="退出").click()
        _log_in(page, base, "case_reviewer")
        page.locator("#fazhi-nav").get_by_role("link", name="待法制审核").click()
        page.get_by_test_id("review-table").get_by_role("link", name="审核").click()
        _act(page, "record_legal_review", {"审核日期": day[27], "审核意见": "事实清楚，证据确凿，程序合法，同意。"},
             checks=("通过",))  # fmt: skip
        sync_api.expect(page.get_by_test_id("case-timeline")).to_contain_text("法制审核通过")

        # back to the officer: decision, service, publication, payment, closure
        page.get_by_role("button", name="退出").click()
        _log_in(page, base, "case_officer")
        page.goto(case_url)
        _act(page, "decide", {"决定日期": day[28], "决定书文号": "流市监罚〔2026〕8号"}, status="已作出决定")
        _act(page, "serve", {"送达日期": day[29]}, status="已送达（待履行）")
        _act(page, "publish", {"公示日期": day[30]})
        sync_api.expect(page.get_by_test_id("publication-status")).to_have_text("公示中")
        masked = page.get_by_test_id("publication-party").inner_text()
        assert masked != PARTY_NAME and masked.startswith("李")
        _act(page, "execute", {"履行/执行完毕日期": day[35]}, status="执行完毕")
        _act(page, "close", {"结案日期": day[36]}, status="已结案")
        timeline = page.get_by_test_id("case-timeline").inner_text()
        steps = ("立案", "开始调查取证", "告知拟处罚内容及权利", "申请听证", "举行听证", "提交法制审核",
                 "法制审核意见", "作出处罚决定", "送达决定书", "公示处罚决定", "履行/执行完毕", "结案")  # fmt: skip
        for step in steps:
            assert step in timeline, step
        sync_api.expect(page.get_by_test_id("document-list")).to_contain_text("行政处罚决定书")
        page.screenshot(path=str(CLOSED_SCREENSHOT), full_page=True)

        # The public 行政处罚公示 page (no login) shows the decision with the party's name masked.
        page.get_by_role("button", name="退出").click()
        page.goto(f"{base}/public/penalties/")
        table = page.get_by_test_id("penalty-table")
        sync_api.expect(table).to_contain_text("流市监罚〔2026〕8号")
        sync_api.expect(table).to_contain_text(masked)
        sync_api.expect(table).not_to_contain_text(PARTY_NAME)
        assert not console_errors, console_errors

    # After the browser (the ORM is not usable while Playwright's loop runs in this thread):
    case = PenaltyCase.objects.get()
    assert case.status == "closed" and case.outcome == "penalty_executed" and case.legal_review_passed
    # The public publicity list (what the public page shows) has the decision, the name masked.
    public = list(publication_list_public())
    assert [p.decision_number for p in public] == ["流市监罚〔2026〕8号"]
    assert public[0].party_display == Publication.objects.get().party_display != PARTY_NAME
    assert PARTY_ID not in public[0].party_code_display
