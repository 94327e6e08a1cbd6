"""综合查一次: each entity of the repeated-inspections list links to the inspections behind it — which
departments, which days — exactly the records counted for it, within the viewer's scope."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from django.urls import reverse

from fazhi.orgs.choices import Role
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.tests.factories import OrgUnitFactory
from fazhi.supervision.choices import RecordSource, RecordType
from fazhi.supervision.models import EnforcementRecord
from fazhi.supervision.tests.helpers import role_client, small_district

pytestmark = pytest.mark.django_db

PERIOD = {"start": "2024-01-01", "end": "2024-03-31"}
REPEATED = "911201160000000001"  # inspected by SCJ1 (twice on one day) and by CG1 on another day
JOINT = "911201160000000002"  # SCJ1 and CG1 together, on one day: a joint check, not a repeat


@pytest.fixture
def inspections(tmp_path):
    small_district(tmp_path)
    units = {u.code: u for u in OrgUnit.objects.all()}
    units["ELSE1"] = OrgUnitFactory(code="ELSE1", parent=OrgUnitFactory(code="ELSE"))
    facts = [
        # (key, type, unit, day, party)
        ("K1", RecordType.INSPECTION, "SCJ1", date(2024, 1, 5), REPEATED),
        ("K2", RecordType.INSPECTION, "SCJ1", date(2024, 1, 5), REPEATED),
        ("K3", RecordType.INSPECTION, "CG1", date(2024, 2, 10), REPEATED),
        ("K4", RecordType.PENALTY, "SCJ2", date(2024, 1, 20), REPEATED),  # not an inspection
        ("K5", RecordType.INSPECTION, "SCJ2", date(2024, 4, 5), REPEATED),  # after the period
        ("K6", RecordType.INSPECTION, "ELSE1", date(2024, 3, 1), REPEATED),  # another region
        ("K7", RecordType.INSPECTION, "SCJ1", date(2024, 3, 3), JOINT),
        ("K8", RecordType.INSPECTION, "CG1", date(2024, 3, 3), JOINT),
    ]
    EnforcementRecord.objects.bulk_create(
        EnforcementRecord(
            source=RecordSource.IMPORTED, key=key, record_type=kind, unit=units[unit],
            occurred_on=day, entered_on=day, party_code=party,
        )
        for key, kind, unit, day, party in facts
    )  # fmt: skip


def _party_links(page_html: str) -> dict[str, str]:
    """party code → the href of its link, from the rows of a repeated-inspections table."""
    found = re.findall(r'<a href="([^"]+)" data-testid="party-link"[^>]*>([^<]+)</a>', page_html)
    found += re.findall(r'<td><a href="([^"]+)">(\d{18})</a></td>', page_html)
    return {code: html.unescape(href) for href, code in found}


def _rows(response) -> list[tuple[str, str]]:
    """(department, day) of each row of a party_inspections page."""
    return [(row[1], row[2]) for row, _link in response.context["rows"]]


def test_the_dashboard_links_each_candidate_to_exactly_its_inspections(inspections):
    client = role_client(Role.SUPERVISOR, "TJ")

    dashboard = client.get(reverse("supervision:dashboard"), {"unit": "TJ", **PERIOD})
    links = _party_links(dashboard.content.decode())

    assert dashboard.status_code == 200
    assert set(links) == {REPEATED}  # the joint check is no candidate
    assert links[REPEATED].startswith(reverse("supervision:drilldown", kwargs={"kind": "party_inspections"}))
    assert f"party={REPEATED}" in links[REPEATED] and "unit=TJ" in links[REPEATED]
    counted = dashboard.context["repeated"].rows[0]
    assert (counted[0], counted[3]) == (REPEATED, 3)  # 3 inspections counted for it

    target = client.get(links[REPEATED])

    assert target.status_code == 200
    assert target.context["result"].count == 3
    # the departments and days behind the count: not the penalty, not April, not the other region
    assert _rows(target) == [
        ("第一市场监管所", "2024年1月5日"),
        ("第一市场监管所", "2024年1月5日"),
        ("城市管理综合执法大队", "2024年2月10日"),
    ]
    assert REPEATED in target.content.decode() and 'data-testid="row-count">3<' in target.content.decode()


def test_the_full_list_links_the_same_page(inspections):
    client = role_client(Role.SUPERVISOR, "TJ")
    dashboard_links = _party_links(
        client.get(reverse("supervision:dashboard"), {"unit": "TJ", **PERIOD}).content.decode()
    )

    full = client.get(reverse("supervision:drilldown", kwargs={"kind": "repeated_entities"}), {"unit": "TJ", **PERIOD})

    assert full.status_code == 200
    assert set(dashboard_links) == {REPEATED} and _party_links(full.content.decode()) == dashboard_links


def test_the_inspections_stay_within_the_viewers_scope(inspections):
    client = role_client(Role.UNIT_ADMIN, "SCJ1")
    url = reverse("supervision:drilldown", kwargs={"kind": "party_inspections"})

    own = client.get(url, {"unit": "SCJ1", "party": REPEATED, **PERIOD})
    region = client.get(url, {"unit": "TJ", "party": REPEATED, **PERIOD})

    assert own.status_code == 200 and _rows(own) == [("第一市场监管所", "2024年1月5日")] * 2
    assert region.status_code == 404


def test_the_api_lists_them_and_a_missing_party_is_refused(inspections):
    client = role_client(Role.SUPERVISOR, "TJ")
    api = "/api/v1/supervision/drilldown/party_inspections/"
    period = {"unit": "TJ", "from": PERIOD["start"], "to": PERIOD["end"]}

    listed = client.get(api, {**period, "party": REPEATED})
    missing = client.get(api, period)
    page = client.get(reverse("supervision:drilldown", kwargs={"kind": "party_inspections"}), {"unit": "TJ", **PERIOD})

    assert listed.status_code == 200 and listed.json()["count"] == 3
    assert missing.status_code == 400 and missing.json()["error"]["code"] == "supervision.party_required"
    assert page.status_code == 400 and "supervision.party_required" in page.content.decode()
