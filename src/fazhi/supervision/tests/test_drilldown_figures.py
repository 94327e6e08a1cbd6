"""Every number of the dashboard opens the rows it counts (QA #5), a page at a time, and a unit
without sub-units has a chart of its own (QA #9).

docs/supervision.md §5: numerator and denominator each open their own rows, and the row count of a
drill-down equals its figure.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from decimal import Decimal
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fazhi.orgs.choices import Role
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.tests.factories import RoleAssignmentFactory, UserFactory
from fazhi.supervision import selectors, services
from fazhi.supervision.selectors.drilldowns import records_by_month
from fazhi.supervision.tests.helpers import RECORD_HEADERS, run_import, write_csv

pytestmark = pytest.mark.django_db

TJ_YEAR = {"start": date(2024, 1, 1), "end": date(2024, 12, 31)}
YEAR_2026 = {"start": date(2026, 1, 1), "end": date(2026, 12, 31)}


def assert_every_measure_matches_its_rows(
    unit: OrgUnit, period: dict[str, date], as_of: datetime | None = None
) -> dict[str, int]:
    """Each measure with a drill-down: its figure equals the drill-down's row count (the score sum
    equals the sum of the listed scores). Returns the counts, for the caller's own checks."""
    measures = selectors.indicator_report(unit=unit, breakdown=False, as_of=as_of, **period).total.measures
    counts = {}
    for measure, kind in selectors.MEASURE_DRILLDOWN.items():
        record_type = selectors.MEASURE_RECORD_TYPE.get(measure)
        rows = selectors.drilldown(unit=unit, kind=kind, record_type=record_type, limit=5000, as_of=as_of, **period)
        if measure == "reviews_score_sum":
            score = rows.columns.index("得分")
            assert sum((row[score] for row in rows.rows), Decimal(0)) == measures[measure], measure
        else:
            assert rows.count == measures[measure] == len(rows.rows), (measure, kind, rows.count, measures[measure])
        counts[measure] = rows.count
    return counts


def test_the_tianjin_figures_open_their_own_rows(tianjin):
    # given: TEDA 2024 (284 certified officers, 884 items in force, 1,273 records)
    unit = OrgUnit.objects.get(code="TJ")

    # then: 执法人员总数 opens the 284 officers (not the 31 idle ones), 权责事项总数 the 884 items
    # (not the 251 unexercised), 按时录入 the 1,273 records entered in time (not the 0 late ones)
    counts = assert_every_measure_matches_its_rows(unit, TJ_YEAR)
    assert counts["officers_total"] == 284
    assert counts["power_items_total"] == 884
    assert counts["records_on_time"] == 1273


def test_as_of_a_cut_off_the_rows_leave_out_what_reached_fazhi_later(tianjin, tmp_path):
    # given: a cut-off, then an import of a 2024 inspection by an officer who had not taken part
    cut_off = timezone.now()
    row = ["LATE1", "行政检查", "SCJ1", tianjin.items[700], tianjin.officers[270], "2024-12-20", "2024-12-20"]
    run_import("records", write_csv(tmp_path / "late.csv", RECORD_HEADERS, [row]))
    services.rollups_merge_pending()  # as every reader of the figures does first
    unit = OrgUnit.objects.get(code="TJ")

    # then: as of the cut-off every figure and its rows leave it out; now they both count it
    then = assert_every_measure_matches_its_rows(unit, TJ_YEAR, as_of=cut_off)
    now = assert_every_measure_matches_its_rows(unit, TJ_YEAR)
    assert (then["records_total"], then["officers_participating"]) == (1273, 253)
    assert (now["records_total"], now["officers_participating"]) == (1274, 254)
    months = records_by_month(unit=unit, as_of=cut_off, **TJ_YEAR)
    assert sum(sum(values) for values in months.counts.values()) == 1273


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def supervisor(tianjin):
    account = UserFactory(username="sup_drill")
    RoleAssignmentFactory(user=account, role=Role.SUPERVISOR, unit=OrgUnit.objects.get(code="TJ"))
    return account


def _links(html: str) -> dict[str, str]:
    """data-testid → href of the dashboard's figures: the cards' (the unit table repeats them per unit)."""
    cards = html[html.index('data-testid="indicator-cards"') : html.index('data-testid="unit-table"')]
    return {
        testid: unescape(href)
        for href, testid in re.findall(r'<a href="([^"]+)" data-testid="(figure-[a-z_]+)"', cards)
    }


def test_the_dashboard_card_of_officers_total_opens_the_284_officers(supervisor):
    client = _client(supervisor)
    page = client.get(reverse("supervision:dashboard"), {"unit": "TJ", "start": "2024-01-01", "end": "2024-12-31"})
    html = page.content.decode()

    links = _links(html)
    officers = client.get(links["figure-officers_total"])
    numerator = re.search(r'按时录入的执法信息 <a href="([^"]+)">1273</a>', html)

    assert "/drill/officers_certified/" in links["figure-officers_total"]
    assert 'data-testid="row-count">284<' in officers.content.decode()
    assert numerator is not None and "/drill/records_on_time/" in numerator.group(1)
    on_time = client.get(unescape(numerator.group(1)))
    assert 'data-testid="row-count">1273<' in on_time.content.decode()


def test_a_drilldown_pages_through_every_row_with_the_exact_count(supervisor):
    client = _client(supervisor)
    url = reverse("supervision:drilldown", kwargs={"kind": "records"})
    query = {"unit": "TJ", "start": "2024-01-01", "end": "2024-12-31"}

    pages = [client.get(url, {**query, "page": n}) for n in (1, 2, 3)]

    keys = []
    for page in pages:
        html = page.content.decode()
        assert page.status_code == 200 and 'data-testid="row-count">1273<' in html
        keys += re.findall(r"<tr><td>(TJR\d+)</td>", html)
    assert len(keys) == len(set(keys)) == 1273  # 500 + 500 + 273, each record once
    assert "第1001至1273条（第3页，共3页）" in pages[2].content.decode()
    assert 'data-testid="drilldown-pages"' in pages[0].content.decode()


@pytest.mark.parametrize(
    ("kind", "asked", "shown"),
    [
        ("records", "abc", "第1至500条（第1页，共3页）"),
        ("records", "4", "第1001至1273条（第3页，共3页）"),
        ("records", "999999", "第1001至1273条（第3页，共3页）"),
        ("records", "99999999999999999999999", "第1001至1273条（第3页，共3页）"),
        ("power_items_in_force", "abc", "第1至500条（第1页，共2页）"),
        ("power_items_in_force", "999999", "第501至884条（第2页，共2页）"),
    ],
)
def test_a_page_that_is_not_there_shows_the_nearest_one_as_every_list_does(supervisor, kind, asked, shown):
    # QA: 404 页面不存在 here while every other list of the site clamps (Django's Paginator.get_page)
    url = reverse("supervision:drilldown", kwargs={"kind": kind})
    query = {"unit": "TJ", "start": "2024-01-01", "end": "2024-12-31", "page": asked}

    page = _client(supervisor).get(url, query)

    assert page.status_code == 200 and shown in page.content.decode()


def test_the_api_drilldown_has_the_new_kinds_and_an_offset(supervisor):
    client = _client(supervisor)
    query = {"unit": "TJ", "from": "2024-01-01", "to": "2024-12-31", "limit": 100}

    officers = client.get("/api/v1/supervision/drilldown/officers_certified/", query).json()
    items = client.get("/api/v1/supervision/drilldown/power_items_in_force/", {**query, "offset": 800}).json()
    refused = client.get("/api/v1/supervision/drilldown/records/", {**query, "offset": -1})

    assert officers["count"] == 284 and len(officers["rows"]) == 100
    assert items["count"] == 884 and len(items["rows"]) == 84 and items["offset"] == 800
    assert refused.status_code == 400


def test_a_unit_without_sub_units_has_a_chart_of_its_records_per_month(supervisor):
    # given: SCJ1 has no sub-units (the region's chart, of sub-units, would be empty)
    client = _client(supervisor)
    unit = OrgUnit.objects.get(code="SCJ1")
    assert not OrgUnit.objects.filter(parent=unit).exists()

    page = client.get(reverse("supervision:dashboard"), {"unit": "SCJ1", "start": "2024-01-01", "end": "2024-12-31"})
    html = page.content.decode()

    match = re.search(r'<script id="supervision-dashboard-chart" type="application/json">(.*?)</script>', html)
    assert match is not None and 'data-grouped-chart="supervision-dashboard-chart"' in html
    chart = json.loads(match.group(1))
    assert chart["labels"] == [f"2024年{m}月" for m in range(1, 13)]
    assert {s["name"] for s in chart["series"]} == {"行政检查", "行政处罚", "教育改正"}
    assert sum(sum(s["values"]) for s in chart["series"]) == 1273  # every record of the year, once
    # a month's bar opens that month's records
    january = client.get(unescape(chart["links"][0]))
    assert january.status_code == 200
    assert f'data-testid="row-count">{sum(s["values"][0] for s in chart["series"])}<' in january.content.decode()
