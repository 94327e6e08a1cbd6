"""The 约谈 list and the ranks with tied scores, and the bulletin's wording (QA walkthrough).

Units with equal scores share their rank (standard competition ranking, shown as 并列) and every unit
tied with the N-th lowest score is proposed for 约谈, the list saying it exceeds N. The .docx lists
every record type so its parts add up; the scoring of 人均执法量 is explained; quarters are written
in Chinese numerals; a quarter not yet over is refused in plain words.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import docx
import pytest

from fazhi.core.errors import DomainError
from fazhi.orgs.choices import Role
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.tests.factories import RoleAssignmentFactory, UserFactory
from fazhi.supervision import bulletin_tables, documents, rules, services
from fazhi.supervision.tests.helpers import (
    RECORD_HEADERS,
    add_officers,
    add_power_items,
    run_import,
    small_district,
    write_csv,
)

# --- the pure rule -------------------------------------------------------------------------------------------


def _ranked(scores: dict[int, str], groups: dict[int, str]) -> list[rules.RankedUnit]:
    weights = {"participation_rate": {"weight": 100, "scale": "percent"}}
    rows = {unit: {"participation_rate": Decimal(score)} for unit, score in scores.items()}
    return rules.rank_units(rows=rows, groups=groups, weights=weights)


def test_every_unit_tied_with_the_nth_lowest_score_is_summoned():
    ranking = _ranked({1: "90", 2: "80", 3: "0", 4: "0", 5: "0", 6: "0"}, dict.fromkeys(range(1, 7), "市场"))
    # N=3 and four units share the lowest score: all four, not three picked by id
    assert sorted(r.unit_id for r in rules.bottom_units(ranking, 3)) == [3, 4, 5, 6]
    # the tie lies above the N-th: N units exactly
    assert [r.unit_id for r in rules.bottom_units(ranking, 5)][-1] == 2 and len(rules.bottom_units(ranking, 5)) == 5
    assert len(rules.bottom_units(ranking, 10)) == 6 and rules.bottom_units(ranking, 0) == []


def test_tied_units_share_the_better_rank_in_group_and_overall():
    ranking = _ranked({1: "90", 2: "0", 3: "0", 4: "0"}, {1: "市场", 2: "市场", 3: "市场", 4: "城管"})
    assert {r.unit_id: r.rank for r in ranking} == {1: 1, 2: 2, 3: 2, 4: 1}
    assert rules.overall_ranks(ranking) == {1: 1, 2: 2, 3: 2, 4: 2}


def test_the_refusal_of_an_unfinished_quarter_says_the_cut_off_is_before_its_end():
    with pytest.raises(DomainError) as refused:
        rules.require_quarter_ended(year=2026, quarter=4, cut_off_day=date(2026, 11, 24))
    message = refused.value.message
    assert "2026年第四季度至2026年12月31日才结束" in message
    assert "数据截止时间（2026年11月24日）在季度结束之前" in message and "不晚于" not in message


# --- the frozen bulletin as printed ------------------------------------------------------------------------


def _payload(summoned_scores: list[str], bottom_n: int) -> dict:
    ranking = [
        {"code": f"U{i}", "name": f"单位{i}", "group": "市场", "rank": 1 if s != "0.00" else 2, "group_size": 3,
         "score": s, "parts": {}, "indicators": {}}
        for i, s in enumerate(["50.00", *summoned_scores])
    ]  # fmt: skip
    summoned = [{**row, "overall_rank": 2, "ranked": len(ranking)} for row in ranking[1:]]
    return {"ranking": ranking, "summoned": summoned, "definitions": [],
            "scheme": {"name": "方案", "version": 1, "weights": {}, "bottom_n": bottom_n}}  # fmt: skip


def test_the_list_says_when_ties_make_it_longer_than_n_and_marks_shared_places():
    payload = _payload(["0.00", "0.00"], bottom_n=1)
    assert bulletin_tables.summoned_heading(payload) == "末位约谈建议：末位1名（含并列共2个单位）"
    assert [row["place"] for row in bulletin_tables.summoned(payload)] == ["综合得分并列第2/3名"] * 2
    assert [row.rank_label for row in bulletin_tables.rows(payload)] == ["1/3", "并列2/3", "并列2/3"]


def test_an_untied_list_keeps_its_plain_heading_and_places():
    payload = _payload(["0.00"], bottom_n=1)
    assert bulletin_tables.summoned_heading(payload) == "末位约谈建议（1个单位）"
    assert [row["place"] for row in bulletin_tables.summoned(payload)] == ["综合得分第2/2名"]
    assert [row.rank_label for row in bulletin_tables.rows(payload)] == ["1/3", "2/3"]


# --- issued bulletin: page and .docx -----------------------------------------------------------------------


@pytest.fixture
def tied_district(db, tmp_path):
    """Three units doing exactly the same: one inspection and one 其他 record each, same officers and items."""
    small_district(tmp_path)
    rows = []
    for unit, domain in (("SCJ1", "市场监管"), ("SCJ2", "市场监管"), ("CG1", "城市管理")):
        officers = add_officers(tmp_path, unit, 2, prefix=f"T{unit}", domain=domain)
        item = add_power_items(tmp_path, unit, 1, prefix=f"P{unit}")[0]
        rows.append([f"I{unit}", "行政检查", unit, item, officers[0], "2024-02-01", "2024-02-02"])
        rows.append([f"O{unit}", "其他", unit, item, officers[0], "2024-02-03", "2024-02-03"])
    run_import("records", write_csv(tmp_path / "records.csv", RECORD_HEADERS, rows))
    supervisor = UserFactory(username="sup_t")
    RoleAssignmentFactory(user=supervisor, role=Role.SUPERVISOR, unit=OrgUnit.objects.get(code="TJ"))
    return supervisor


def _issue(supervisor):
    return services.bulletin_issue(
        actor=supervisor, unit=OrgUnit.objects.get(code="TJ"), year=2024, quarter=1, number="测〔2024〕1号",
        issuer="测试新区全面依法治区委员会办公室", issued_on=date(2024, 4, 15), bottom_n=1,
    )  # fmt: skip


def test_an_issued_bulletin_summons_every_tied_unit_and_says_so(tied_district, client):
    bulletin = _issue(tied_district)
    payload = bulletin.snapshot.payload
    assert len({row["score"] for row in payload["ranking"]}) == 1  # all three score the same
    assert sorted(row["code"] for row in payload["summoned"]) == ["CG1", "SCJ1", "SCJ2"]
    assert bulletin.snapshot.title == "测试新区2024年第一季度行政执法情况通报"

    client.force_login(tied_district)
    page = client.get(f"/supervision/bulletins/{bulletin.pk}/").content.decode()
    assert "末位约谈建议：末位1名（含并列共3个单位）" in page
    assert page.count("综合得分并列第1/3名") == 3
    assert "并列1/2" in page  # the two market units share their group's first place
    assert "（v1，缺项计分：" not in page and "第1版 · 缺项计分：折算" in page
    assert "人均执法量按与同组最高值的比值计分" in page and "同组只有一个单位的，指标值大于0即得满分" in page
    assert "supervision/supervision.css" in page and "bulletin-ranking" in page


def test_the_docx_counts_every_record_type_so_the_parts_add_up(tied_district):
    bulletin = _issue(tied_district)
    document = docx.Document(io.BytesIO(documents.bulletin_docx(bulletin)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "归集执法信息6条，其中行政检查3条、行政处罚0条、教育改正0条、行政强制0条、其他3条；" in text
    assert "建议对综合得分排名最后1名（含并列共3个单位）进行约谈" in text and "综合得分并列第1/3名" in text
    assert "计分方法：人均执法量按与同组最高值的比值计分" in text
    assert "2024年第一季度行政执法情况通报" in text
    ranks = [row.cells[0].text for table in document.tables for row in table.rows[1:2]]
    assert "并列1" in ranks
