"""The bulletin's ranking tables fit a 1366×768 screen, in a real browser (Debian Chromium through
Playwright; never `playwright install`).

At 1366 px the content column is 1116 px wide and the ranking (名次 or 执法领域, 单位, 指标值 and 得分 of
seven indicators, 合计, 适用权重, 得分) scrolled sideways by 160-200 px (QA). It fits now, and not by
hiding anything: every figure is shown whole, on one line.
"""

from __future__ import annotations

import pytest
from tests.browser.test_deadline_calculator import PASSWORD, _log_in, chromium_page

from fazhi.supervision.tests.test_bulletin_layout import district_with_single_units, issue

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Each ranking table against the .table-responsive box around it, and the figure cells (text-nowrap:
# 名次, values, points, 不适用, sums) whose content would be cut or pushed over a neighbour.
MEASURE = """() => Array.from(document.querySelectorAll('[data-testid="ranking-table"]')).map(table => ({
    ranking: table.dataset.ranking,
    width: table.scrollWidth,
    room: table.parentElement.clientWidth,
    clipped: Array.from(table.querySelectorAll('td.text-nowrap'))
        .filter(cell => cell.scrollWidth > cell.clientWidth).map(cell => cell.textContent),
}))"""


def test_the_ranking_tables_fit_1366_by_768_without_hiding_a_figure(live_server, tmp_path):
    # Given a bulletin with a peer group and units alone in their 执法领域 (created before the browser)
    user = district_with_single_units(tmp_path, password=PASSWORD)
    bulletin = issue(user)

    with chromium_page() as (page, console_errors):
        page.set_viewport_size({"width": 1366, "height": 768})
        _log_in(page, live_server.url, user.username)
        page.goto(f"{live_server.url}/supervision/bulletins/{bulletin.pk}/")
        tables = page.evaluate(MEASURE)

        assert [t["ranking"] for t in tables] == ["peer-group", "single-unit"]
        for table in tables:
            assert table["width"] <= table["room"], table  # no sideways scrolling
            assert table["clipped"] == [], table
        assert console_errors == []
