"""执法监督 in a real browser (Debian Chromium via Playwright; never `playwright install`).

A supervisor opens the district's dashboard for 2024 on the TEDA figures loaded through the import
commands (RULES.md §10): the published 89.08 % participation shows, the ECharts chart is drawn, a
click on a unit's bar opens that unit's dashboard, every number opens the rows behind it, and a
quarterly bulletin is issued, shown with its ranking and chart, and downloaded as .docx.
"""

from __future__ import annotations

import re

import pytest
from tests.browser.test_deadline_calculator import PASSWORD, _log_in, chromium_page

from fazhi.orgs.choices import Role
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.tests.factories import PersonFactory, RoleAssignmentFactory, UserFactory
from fazhi.supervision.tests.helpers import tianjin_district

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PERIOD = "start=2024-01-01&end=2024-12-31"


def _chart_is_drawn(page, name: str) -> None:
    container = page.locator(f'[data-grouped-chart="{name}"]')
    canvas = container.locator("canvas").first
    canvas.wait_for()
    box = canvas.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 200


def _click_bar(page, name: str, label: str) -> None:
    """Click the middle of the first series' bar of the category `label`, where ECharts laid it out."""
    page.locator(f'[data-grouped-chart="{name}"]').scroll_into_view_if_needed()
    x, y = page.evaluate(
        """([name, label]) => {
            const container = document.querySelector(`[data-grouped-chart="${name}"]`);
            const index = JSON.parse(document.getElementById(name).textContent).labels.indexOf(label);
            const bar = echarts.getInstanceByDom(container).getModel().getSeriesByIndex(0).getData()
                .getItemLayout(index);
            const rect = container.getBoundingClientRect();
            return [rect.left + bar.x + bar.width / 2, rect.top + bar.y + bar.height / 2];
        }""",
        [name, label],
    )
    page.mouse.click(x, y)


def test_supervisor_reads_the_dashboard_drills_down_and_issues_a_bulletin(live_server, tmp_path):
    tianjin_district(tmp_path)
    region = OrgUnit.objects.get(code="TJ")
    unit = OrgUnit.objects.get(code="SCJ1")
    user = UserFactory(username="sup_browser", display_name="监督员（测试）", person=PersonFactory(), password=PASSWORD)
    RoleAssignmentFactory(user=user, role=Role.SUPERVISOR, unit=region)

    with chromium_page() as (page, console_errors):
        base = live_server.url
        cards = page.get_by_test_id("indicator-cards")
        # With less motion asked for, the bars are drawn at once (no grow-in animation), so a bar
        # is where its value says when the test clicks it.
        page.emulate_media(reduced_motion="reduce")
        _log_in(page, base, "sup_browser")
        page.goto(f"{base}/supervision/?unit=TJ&{PERIOD}")

        # The published figure, and the chart drawn from the same rows.
        assert cards.get_by_test_id("figure-participation_rate").inner_text() == "89.08%"
        _chart_is_drawn(page, "supervision-dashboard-chart")

        # A unit's bar opens that unit's own dashboard.
        _click_bar(page, "supervision-dashboard-chart", unit.name)
        page.wait_for_url(re.compile(r"/supervision/\?unit=SCJ1"))
        assert unit.name in page.locator("h1").inner_text()
        # A unit without sub-units has a chart too: its records per month; a month's bar opens them.
        _chart_is_drawn(page, "supervision-dashboard-chart")
        _click_bar(page, "supervision-dashboard-chart", "2024年1月")
        page.wait_for_url(re.compile(r"/supervision/drill/records/\?unit=SCJ1&start=2024-01-01&end=2024-01-31"))
        assert int(page.get_by_test_id("row-count").inner_text()) > 0

        # Every number opens its rows: the 31 officers who did not take part (284 − 253) …
        page.goto(f"{base}/supervision/?unit=TJ&{PERIOD}")
        cards.get_by_test_id("figure-participation_rate").click()
        page.wait_for_url(re.compile(r"/supervision/drill/"))
        assert page.get_by_test_id("row-count").inner_text() == "31"
        assert page.get_by_test_id("drilldown-table").locator("tbody tr").count() == 31
        # … and the 251 power items not exercised (884 − 633).
        page.go_back()
        cards.get_by_test_id("figure-exercise_rate").click()
        page.wait_for_url(re.compile(r"/supervision/drill/"))
        assert page.get_by_test_id("row-count").inner_text() == "251"

        # A quarterly bulletin: issued from the form, shown with its ranking and chart, downloadable.
        page.goto(f"{base}/supervision/bulletins/")
        form = page.get_by_test_id("bulletin-form")
        form.get_by_label("年度").fill("2024")
        form.get_by_label("季度").select_option("2")
        form.get_by_label("期号").fill("测法治办〔2024〕2号")
        form.get_by_label("发文机关").fill("测试新区司法局")
        form.get_by_label("末位约谈单位数").fill("1")
        form.get_by_role("button").click()
        page.wait_for_url(re.compile(r"/supervision/bulletins/\d+/$"))
        # SCJ1 is ranked; the two units with no officers, items or records that quarter have no figure
        # to score and are listed apart instead of ranked with 0 points
        assert page.get_by_test_id("ranking-table").locator("tbody tr").count() == 1
        assert page.get_by_test_id("not-ranked").locator("li").count() == 2
        _chart_is_drawn(page, "bulletin-chart")
        # Readable at 1366 px: the short cells (执法领域, 名次, 不适用, the weights' "（25分）" headers'
        # sub-columns, the figures) stay on one line — the table scrolls sideways instead of squeezing
        # them one character per line — and a unit name takes at most two lines.
        lines = page.evaluate(
            """() => Array.from(document.querySelectorAll('[data-testid="ranking-table"] .text-nowrap, '
                    + '[data-testid="ranking-table"] td.bulletin-unit')).map(cell => {
                const range = document.createRange();
                range.selectNodeContents(cell.firstChild || cell);
                const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
                return [cell.classList.contains('bulletin-unit'), tops.size];
            })"""
        )
        assert lines and all(count <= (2 if is_unit else 1) for is_unit, count in lines), lines
        page.screenshot(path=str(tmp_path / "bulletin.png"), full_page=True)
        with page.expect_download() as download_info:
            page.get_by_test_id("docx-link").click()
        download = download_info.value
        assert download.suggested_filename.endswith(".docx")
        assert open(download.path(), "rb").read(2) == b"PK"

        assert console_errors == []
