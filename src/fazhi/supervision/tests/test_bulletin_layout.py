"""The bulletin's ranking laid out as a 通报 prints it, the same on the page and in the .docx (QA).

A 执法领域 with two or more ranked units keeps its own table; the units alone in theirs share one table
that gives each its 执法领域 and score, with no rank: a table and a "1/1" per such unit ran the demo
bulletin to 21 pages. Only the layout moves: every ranked unit is printed once, with its frozen score.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import docx
import lxml.html
import pytest

from fazhi.orgs.choices import Role
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.tests.factories import RoleAssignmentFactory, UserFactory
from fazhi.supervision import bulletin_tables, documents, services
from fazhi.supervision.tests.helpers import (
    RECORD_HEADERS,
    UNIT_HEADERS,
    add_officers,
    add_power_items,
    run_import,
    small_district,
    write_csv,
)

# Besides the market units (市场监管, two: a real peer group) and CG1 (城市管理, alone): three more
# units, each alone in its 执法领域.
MORE_UNITS = [
    ("JT1", "交通运输综合行政执法支队", "交通运输"),
    ("WJ1", "卫生健康综合监督执法所", "卫生健康"),
    ("YJ1", "应急管理综合执法大队", "应急管理"),
]
SINGLE_HEADER = ["执法领域", "单位", "各项指标值／得分", "得分"]
PEER_HEADER = ["名次", "单位", "各项指标值／得分", "得分"]


def district_with_single_units(tmp_path: Path, *, password: str = "Layout-Test-2026"):
    """Six units in five 执法领域, each with officers, an item and an inspection; the supervisor."""
    small_district(tmp_path)
    write_csv(tmp_path / "more-units.csv", UNIT_HEADERS, [[c, n, "TJG", d, "是"] for c, n, d in MORE_UNITS])
    run_import("units", tmp_path / "more-units.csv")
    domains = [("SCJ1", "市场监管"), ("SCJ2", "市场监管"), ("CG1", "城市管理"), *((c, d) for c, _n, d in MORE_UNITS)]
    rows = []
    for unit, domain in domains:
        officers = add_officers(tmp_path, unit, 2, prefix=f"L{unit}", domain=domain)
        item = add_power_items(tmp_path, unit, 1, prefix=f"M{unit}")[0]
        # SCJ1's two officers both take part, SCJ2's one of two: the market group has ranks 1 and 2
        taking_part = officers if unit == "SCJ1" else officers[:1]
        rows += [[f"I{unit}{n}", "行政检查", unit, item, number, "2024-02-01", "2024-02-02"]
                 for n, number in enumerate(taking_part)]  # fmt: skip
    run_import("records", write_csv(tmp_path / "records.csv", RECORD_HEADERS, rows))
    user = UserFactory(username="sup_layout", password=password)
    RoleAssignmentFactory(user=user, role=Role.SUPERVISOR, unit=OrgUnit.objects.get(code="TJ"))
    return user


@pytest.fixture
def supervisor(db, tmp_path):
    return district_with_single_units(tmp_path)


def issue(user):
    return services.bulletin_issue(
        actor=user, unit=OrgUnit.objects.get(code="TJ"), year=2024, quarter=1, number="测法治办〔2024〕9号",
        issuer="测试新区全面依法治区委员会办公室", issued_on=date(2024, 4, 15), bottom_n=2,
    )  # fmt: skip


def _table_rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_docx_prints_one_table_for_the_units_alone_in_their_field(supervisor):
    bulletin = issue(supervisor)
    payload = bulletin.snapshot.payload
    sizes = {row["code"]: row["group_size"] for row in payload["ranking"]}
    assert sizes == {"SCJ1": 2, "SCJ2": 2, "CG1": 1, "JT1": 1, "WJ1": 1, "YJ1": 1}

    document = docx.Document(io.BytesIO(documents.bulletin_docx(bulletin)))
    tables = [_table_rows(t) for t in document.tables]
    peer = [t for t in tables if t[0] == PEER_HEADER]
    single = [t for t in tables if t[0] == SINGLE_HEADER]
    assert len(peer) == 1 and len(single) == 1  # was a table for each of the five 执法领域

    # the market group keeps its ranks; the four units alone have their field and score, no rank
    assert [(r[0], r[1]) for r in peer[0][1:]] == [("1", "第一市场监管所"), ("2", "第二市场监管所")]
    expected = [(row["group"], row["name"], row["score"]) for row in payload["ranking"] if row["group_size"] == 1]
    assert [(r[0], r[1], r[3]) for r in single[0][1:]] == expected
    assert len(expected) == 4

    # every ranked unit once, with the score frozen in the bulletin (only the layout changed)
    printed = {r[1]: r[3] for t in (*peer, *single) for r in t[1:]}
    assert printed == {row["name"]: row["score"] for row in payload["ranking"]}

    paragraphs = [p.text for p in document.paragraphs]
    assert any(p.endswith("市场监管（2个单位）") for p in paragraphs)
    assert not any("（1个单位）" in p for p in paragraphs)
    assert any(p.endswith(bulletin_tables.SINGLE_UNIT_HEADING) for p in paragraphs)
    assert "以下4个单位所在执法领域本期仅有一个单位参与排名，不作组内排名" in "\n".join(paragraphs)


def test_the_page_shows_the_same_tables_as_the_docx(supervisor, client):
    bulletin = issue(supervisor)
    payload = bulletin.snapshot.payload
    client.force_login(supervisor)
    response = client.get(f"/supervision/bulletins/{bulletin.pk}/")
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content.decode())
    tables = page.xpath('//table[@data-testid="ranking-table"]')
    assert [t.get("data-ranking") for t in tables] == ["peer-group", "single-unit"]
    peer, single = tables

    assert [h.text_content() for h in page.xpath('//*[@data-testid="peer-group"]')] == ["市场监管（2个单位）"]
    assert [r.text_content() for r in peer.xpath('.//td[@data-testid="rank"]')] == ["1/2", "2/2"]

    heading = page.xpath('//*[@data-testid="single-unit-heading"]')[0].text_content()
    assert heading == bulletin_tables.SINGLE_UNIT_HEADING
    assert single.xpath(".//thead//th")[0].text_content() == "执法领域"
    shown = [
        (tr.get("data-unit"), tr.xpath('./td[@data-testid="group"]')[0].text_content())
        for tr in single.xpath("./tbody/tr")
    ]
    assert shown == [(row["code"], row["group"]) for row in payload["ranking"] if row["group_size"] == 1]
    assert not single.xpath('.//td[@data-testid="rank"]') and "1/1" not in response.content.decode()


def _payload(groups: list[str]) -> dict:
    sizes = {group: groups.count(group) for group in groups}
    ranking = [{"code": f"U{i}", "name": f"单位{i}", "group": group, "rank": 1, "group_size": sizes[group],
                "score": "50.00", "parts": {}, "indicators": {}} for i, group in enumerate(groups)]  # fmt: skip
    return {"ranking": ranking, "summoned": [], "definitions": [],
            "scheme": {"name": "方案", "version": 1, "weights": {}, "bottom_n": 0}}  # fmt: skip


def test_the_split_keeps_the_bulletin_order_and_names_an_only_table():
    ranking = bulletin_tables.rows(_payload(["城管", "城管", "交通", "市场", "市场", "水务"]))
    assert [(g.name, [r.code for r in g.rows]) for g in ranking.peer_groups] == [
        ("城管", ["U0", "U1"]),
        ("市场", ["U3", "U4"]),
    ]
    assert [r.code for r in ranking.single_unit_rows] == ["U2", "U5"]
    assert ranking.single_unit_heading == bulletin_tables.SINGLE_UNIT_HEADING

    alone = bulletin_tables.rows(_payload(["交通", "水务"]))
    assert alone.peer_groups == [] and alone.single_unit_heading == bulletin_tables.ONLY_SINGLE_UNITS_HEADING
    assert bulletin_tables.rows(_payload(["城管", "城管"])).single_unit_rows == []
