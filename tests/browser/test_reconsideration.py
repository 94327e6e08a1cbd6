"""A reconsideration officer handles a case end to end in a real browser (Debian Chromium via Playwright).

Files the application (linked to a penalty case), accepts it, sends the copy, records the reply,
decides 撤销 and downloads the decision; then the penalty case's own page shows the outcome and the
unit's 纠错提醒 list has it. Never `playwright install`; the page CSP forbids eval, so only locator
assertions are used.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta

import docx
import pytest
from conftest import CAST_PASSWORD
from django.utils import timezone
from playwright import sync_api
from tests.browser.test_deadline_calculator import chromium_page

from fazhi.enforcement.tests.factories import build_world, decided_case

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(CAST_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base_url}/")


def _step(page, code: str):
    """Open one step's form on the case page and return its container."""
    box = page.get_by_test_id(f"step-{code}")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    return box


def test_officer_files_accepts_replies_revokes_and_the_penalty_case_shows_it(live_server, cast, settings):
    # Given a decided penalty case of NORTH (built before the browser starts: the ORM is not async-safe).
    # Deadlines may end next year, whose holiday table the test database may lack.
    settings.FAZHI_CALENDAR_WEEKDAY_FALLBACK = True
    penalty = decided_case(build_world(cast))
    today = timezone.localdate()
    iso = today.isoformat()

    with chromium_page() as (page, console_errors):
        base = live_server.url
        _log_in(page, base, "reconsideration_officer")
        page.locator("#fazhi-nav").get_by_role("link", name="复议工作台").click()
        page.wait_for_url(re.compile(r"/reconsideration/$"))

        # When the officer registers an application in person, linked to the penalty case …
        page.get_by_role("link", name="登记申请").first.click()
        form = page.get_by_test_id("register-form")
        form.get_by_label("申请方式").select_option("in_person")
        form.get_by_label("收到申请日期").fill(iso)
        form.get_by_label("申请人类型").select_option("organisation")
        form.get_by_label("申请人姓名或名称").fill("青禾示范商贸有限公司")
        form.get_by_label("公民身份号码/统一社会信用代码").fill("91350100M000100Y43")
        form.get_by_label("被申请人").select_option("NORTH")
        form.get_by_label("案件类别（行政复议法第十一条）").select_option("penalty")
        form.get_by_label("被申请的行政行为（名称、文号）").fill("测市监罚〔2026〕1号行政处罚决定")
        form.get_by_label("知道或者应当知道该行政行为之日").fill((today - timedelta(days=10)).isoformat())
        form.get_by_label("行政复议请求").fill("撤销被申请人作出的行政处罚决定")
        form.get_by_label("主要事实").fill("被申请人认定事实不清。")
        form.get_by_label("关联行政处罚案件ID（如有）").fill(str(penalty.pk))
        form.get_by_role("button", name="登记申请").click()
        page.wait_for_url(re.compile(r"/reconsideration/cases/\d+/$"))
        sync_api.expect(page.get_by_test_id("case-status")).to_have_text("已收到，待审查")
        sync_api.expect(page.get_by_test_id("deadlines")).to_contain_text("行政复议受理审查期限")

        # … accepts it under the general procedure …
        box = _step(page, "accept")
        box.get_by_label("受理日期").fill(iso)
        box.get_by_label("审理程序").select_option("general")
        box.get_by_role("button", name="受理").click()
        sync_api.expect(page.get_by_test_id("case-status")).to_have_text("已受理，审理中")
        sync_api.expect(page.get_by_test_id("deadlines")).to_contain_text("行政复议决定期限（普通程序）")

        # … sends the copy to the respondent and records its reply …
        box = _step(page, "send_copy")
        box.get_by_label("发送日期").fill(iso)
        box.get_by_role("button", name="发送申请书副本").click()
        sync_api.expect(page.get_by_test_id("timeline")).to_contain_text("发送申请书副本")
        box = _step(page, "record_reply")
        box.get_by_label("收到答复日期").fill(iso)
        box.get_by_label("答复要点").fill("原处罚认定事实清楚。")
        box.get_by_role("button", name="登记被申请人答复").click()
        sync_api.expect(page.get_by_test_id("timeline")).to_contain_text("收到被申请人书面答复")

        # … and decides 撤销.
        box = _step(page, "decide")
        box.get_by_label("决定类型").select_option("revoked")
        box.get_by_label("决定日期").fill(iso)
        box.get_by_label("决定内容").fill("撤销被申请人作出的行政处罚决定。")
        box.get_by_label("查明事实和理由").fill("主要事实不清、证据不足。")
        box.get_by_label("复议机关负责人同意或集体讨论通过（第六十一条）").fill("经复议机关负责人同意")
        box.get_by_role("button", name="作出行政复议决定").click()
        sync_api.expect(page.get_by_test_id("case-outcome")).to_have_text("撤销")
        sync_api.expect(page.get_by_test_id("penalty-timeline")).to_contain_text("行政复议结果：撤销")

        # Then the decision document downloads and opens.
        with page.expect_download() as info:
            page.get_by_test_id("documents").get_by_role("link", name="行政复议决定书").click()
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(info.value.path().read_bytes())).paragraphs)
        assert "行政复议决定书" in text and "复决字" in text and "撤销" in text
        page.screenshot(path="/tmp/fazhi-reconsideration.png", full_page=True)
        assert not console_errors, console_errors

        # And the original penalty case shows the outcome to its own officers, with the unit's alert.
        page.get_by_role("button", name="退出").click()
        _log_in(page, base, "inspector_north")
        page.goto(f"{base}/enforcement/cases/{penalty.pk}/")
        sync_api.expect(page.get_by_test_id("case-timeline")).to_contain_text("行政复议结果：撤销")
        page.goto(f"{base}/reconsideration/alerts/")
        sync_api.expect(page.get_by_test_id("alerts")).to_contain_text("撤销")
