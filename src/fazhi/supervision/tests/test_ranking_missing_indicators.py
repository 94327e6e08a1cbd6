"""Issue 4, "rank units fairly": a unit with no penalty decision has no 按期办结率 / 公示及时率 ("—");
the scheme's missing-indicator policy decides whether those items are 不适用 (折算, the default) or
score 0 (计零), and a unit with no figure at all is listed as 不参与排名, never summoned. The
bulletin page, the .docx and the scheme admin show it.

District (Q1 2024, shipped example weights; nobody's case file was reviewed, so 案卷评查平均分 is
"—" everywhere): SCJ1 decides its case in time and publishes in time; SCJ2 only inspects; CG1
decides late but publishes in time; SCJ3 has a name and nothing else.
"""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from django.test import Client

from fazhi.orgs.choices import Role
from fazhi.orgs.models import Certificate, OrgUnit
from fazhi.orgs.tests.factories import RoleAssignmentFactory, UserFactory
from fazhi.powers.models import PowerItem
from fazhi.supervision import documents, services
from fazhi.supervision.choices import MissingIndicatorPolicy, RecordSource
from fazhi.supervision.models import AssessmentScheme
from fazhi.supervision.tests.helpers import (
    UNIT_HEADERS,
    add_officers,
    add_power_items,
    run_import,
    small_district,
    write_csv,
)

pytestmark = pytest.mark.django_db

FEB = date(2024, 2, 1)


@pytest.fixture
def district(tmp_path):
    small_district(tmp_path)
    run_import(
        "units", write_csv(tmp_path / "more.csv", UNIT_HEADERS, [["SCJ3", "第三市场监管所", "TJG", "市场监管", "是"]])
    )
    rows = []
    for code, domain, case in (
        # publish_due: 7 working days after the decision (publicity.penalty); published 2 days after it
        (
            "SCJ1",
            "市场监管",
            {
                "decided_on": date(2024, 2, 20),
                "decision_due": date(2024, 3, 1),
                "published_on": date(2024, 2, 22),
                "publish_due": date(2024, 2, 29),
            },
        ),
        ("SCJ2", "市场监管", None),
        (
            "CG1",
            "城市管理",
            {
                "decided_on": date(2024, 3, 10),
                "decision_due": date(2024, 3, 1),
                "published_on": date(2024, 3, 12),
                "publish_due": date(2024, 3, 19),
            },
        ),
    ):
        numbers = add_officers(tmp_path, code, 2, prefix=f"M{code}", domain=domain)
        officers = tuple(
            sorted((c.officer_id, c.officer.unit_id) for c in Certificate.objects.filter(number__in=numbers))
        )
        item = PowerItem.objects.get(code=add_power_items(tmp_path, code, 1, prefix=f"I{code}")[0]).pk
        unit = OrgUnit.objects.get(code=code).pk
        common = {"unit_id": unit, "occurred_on": FEB, "entered_on": FEB, "officers": officers, "power_item_id": item}
        rows.append(services.RecordInput(key=f"{code}-1", record_type="inspection", **common))
        if case is None:
            rows.append(services.RecordInput(key=f"{code}-2", record_type="inspection", **common))
        else:  # published in time
            rows.append(
                services.RecordInput(key=f"{code}-2", record_type="penalty", **common, **case, published_late=False)
            )
    services.records_write(source=RecordSource.IMPORTED, rows=rows)
    supervisor = UserFactory(username="sup")
    RoleAssignmentFactory(user=supervisor, role=Role.SUPERVISOR, unit=OrgUnit.objects.get(code="TJ"))
    return supervisor


def _issue(supervisor, policy: str | None = None):
    if policy is not None:
        AssessmentScheme.objects.update(missing_indicator_policy=policy)
    return services.bulletin_issue(
        actor=supervisor, unit=OrgUnit.objects.get(code="TJ"), year=2024, quarter=1, number="测法治办〔2024〕1号",
        issuer="测试新区全面依法治区委员会办公室", issued_on=date(2024, 4, 15), bottom_n=1,
    )  # fmt: skip


def _ranking(bulletin) -> dict[str, dict]:
    return {row["code"]: row for row in bulletin.snapshot.payload["ranking"]}


def test_a_unit_without_decisions_is_not_penalised_and_not_summoned(district):
    bulletin = _issue(district)  # the shipped scheme: 折算
    payload = bulletin.snapshot.payload
    ranking = _ranking(bulletin)

    inspector = ranking["SCJ2"]
    assert inspector["indicators"]["decision_timeliness"]["value"] is None
    assert inspector["parts"]["decision_timeliness"] is None and inspector["parts"]["publication_timeliness"] is None
    # 25 + 25 + 15 + 10 points of the 75 applicable: full marks, as SCJ1 with 90 of 90
    assert (inspector["points"], inspector["applicable_weight"], inspector["score"]) == ("75.00", "75", "100.00")
    assert ranking["SCJ1"]["score"] == "100.00" and ranking["SCJ1"]["applicable_weight"] == "90"
    assert ranking["CG1"]["score"] == "88.89"  # 80 of 90: the late decision costs its 10 points, prorated
    assert [row["code"] for row in payload["summoned"]] == ["CG1"]  # the late decider, not the inspector
    assert payload["scheme"]["missing_indicator_policy"] == "prorate"
    # SCJ3: nothing to score
    assert [(row["code"], row["group"]) for row in payload["not_ranked"]] == [("SCJ3", "市场监管")]
    assert "不参与排名" in payload["not_ranked"][0]["reason"]
    assert ranking["SCJ1"]["group_size"] == 2 and "SCJ3" in payload["figures"]


def test_zero_policy_reproduces_the_old_ranking(district):
    bulletin = _issue(district, MissingIndicatorPolicy.ZERO)
    ranking = _ranking(bulletin)

    # the old scores: Σ points, a missing indicator 0
    assert {code: row["score"] for code, row in ranking.items()} == {"SCJ1": "90.00", "SCJ2": "75.00", "CG1": "80.00"}
    assert ranking["SCJ2"]["parts"]["decision_timeliness"] == "0.00"
    assert [row["code"] for row in bulletin.snapshot.payload["summoned"]] == ["SCJ2"]  # the inspector, as before
    assert [row["code"] for row in bulletin.snapshot.payload["not_ranked"]] == ["SCJ3"]


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


def test_the_page_and_the_docx_show_every_scored_column(district):
    bulletin = _issue(district)
    client = Client()
    client.force_login(district)

    page = client.get(f"/supervision/bulletins/{bulletin.pk}/").content.decode()

    assert "缺项计分：折算" in page and "按期办结率（10分）" in page and "案卷评查平均分（10分）" in page
    row = page[page.index('data-unit="SCJ2"') :].split("</tr>")[0]
    assert row.count("不适用") == 3 and "75.00÷75×100" in row and "100.00" in row
    assert "第三市场监管所（市场监管）：本期各项考核指标均无数值" in page

    text = _docx_text(documents.bulletin_docx(bulletin))
    assert "按期办结率（10）：—／不适用" in text
    assert "人员参与率（25）：100.00%／25.00分" in text
    assert "合计75.00分，按适用权重75折算：75.00÷75×100" in text
    assert "以下1个单位不参与排名，也不列入末位约谈：第三市场监管所" in text
    assert "该项不适用、不计分，得分按其余适用指标折算" in text


def test_a_bulletin_frozen_before_the_policy_reads_as_zero_scored(district):
    bulletin = _issue(district, MissingIndicatorPolicy.ZERO)
    payload = bulletin.snapshot.payload
    del payload["scheme"]["missing_indicator_policy"], payload["not_ranked"]
    for row in payload["ranking"]:
        del row["points"], row["applicable_weight"]
    bulletin.snapshot.payload = payload  # as issued before this change: printed from what it holds

    text = _docx_text(documents.bulletin_docx(bulletin))

    assert "按期办结率（10）：—／0.00分" in text and "合计75.00分" in text and "该项计0分" in text


def _save_payload(bulletin, payload) -> None:
    type(bulletin.snapshot).objects.filter(pk=bulletin.snapshot.pk).update(payload=payload)


def _scoring_note(client, bulletin) -> str:
    page = client.get(f"/supervision/bulletins/{bulletin.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    return html[html.index('data-testid="scoring-note"') :].split("</p>")[0]


def test_the_page_and_the_docx_state_the_policy_frozen_with_the_bulletin(district):
    # given: a bulletin frozen under 计零, its label in an earlier wording; the scheme has moved to 折算 since
    bulletin = _issue(district, MissingIndicatorPolicy.ZERO)
    payload = bulletin.snapshot.payload
    payload["scheme"]["missing_indicator_policy_label"] = "计零（无数值的指标计0分）"
    _save_payload(bulletin, payload)
    AssessmentScheme.objects.update(missing_indicator_policy=MissingIndicatorPolicy.PRORATE)
    client = Client()
    client.force_login(district)
    bulletin.refresh_from_db()

    note = _scoring_note(client, bulletin)
    text = _docx_text(documents.bulletin_docx(bulletin))

    # then: both say what the bulletin was scored by, in its own words
    for printed in (note, text):
        assert "缺项计分方式：计零（无数值的指标计0分）。单位某项指标本期无数值" in printed
        assert "该项计0分" in printed and "折算" not in printed.split("缺项计分方式：")[1].split("。")[0]


def test_a_bulletin_frozen_before_the_label_states_the_policy_its_code_names(district):
    bulletin = _issue(district)  # 折算
    payload = bulletin.snapshot.payload
    del payload["scheme"]["missing_indicator_policy_label"]
    _save_payload(bulletin, payload)
    client = Client()
    client.force_login(district)
    bulletin.refresh_from_db()

    expected = f"缺项计分方式：{MissingIndicatorPolicy.PRORATE.label}。单位某项指标本期无数值"
    assert expected in _scoring_note(client, bulletin)
    assert expected in _docx_text(documents.bulletin_docx(bulletin))

    # frozen before the policy itself was kept: scored 计零, and said so
    del payload["scheme"]["missing_indicator_policy"]
    _save_payload(bulletin, payload)
    bulletin.refresh_from_db()
    expected = f"缺项计分方式：{MissingIndicatorPolicy.ZERO.label}。单位某项指标本期无数值"
    assert expected in _scoring_note(client, bulletin)
    assert expected in _docx_text(documents.bulletin_docx(bulletin))
