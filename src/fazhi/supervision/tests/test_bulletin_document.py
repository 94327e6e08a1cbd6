"""What the bulletin .docx says to its readers: the 指标口径 in plain words, and the 综合查一次 list
with the true number of entities even when only the first ones are listed."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest

from fazhi.orgs.choices import Role
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.tests.factories import RoleAssignmentFactory, UserFactory
from fazhi.supervision import documents, services
from fazhi.supervision.models import AssessmentScheme, IndicatorDefinition
from fazhi.supervision.selectors import bulletin as bulletin_selectors
from fazhi.supervision.tests.helpers import add_officers, add_power_items, run_import, small_district, write_csv

pytestmark = pytest.mark.django_db

HEADERS = ["记录编号", "记录类型", "单位编码", "权责事项编码", "执法证号", "发生日期", "录入日期", "检查对象代码"]
# Entity A: inspected by all three units, each on its own day; B and C by two; D by one unit only and
# E by two units together on one day (a joint check): neither D nor E is a repeat.
VISITS = {"91120116A00000001X": ("SCJ1", "SCJ2", "CG1"), "91120116B00000002X": ("SCJ1", "CG1"),
          "91120116C00000003X": ("SCJ2", "CG1"), "91120116D00000004X": ("SCJ1",)}  # fmt: skip
JOINT = ("91120116E00000005X", ("SCJ1", "CG1"))


@pytest.fixture
def district(tmp_path):
    small_district(tmp_path)
    officers = {unit: add_officers(tmp_path, unit, 2, prefix=f"Z{unit}", domain=domain)
                for unit, domain in (("SCJ1", "市场监管"), ("SCJ2", "市场监管"), ("CG1", "城市管理"))}  # fmt: skip
    items = {unit: add_power_items(tmp_path, unit, 1, prefix=f"Q{unit}") for unit in officers}
    rows = []
    for party, units in [*VISITS.items(), JOINT]:
        for index, unit in enumerate(units):
            day = "2024-02-01" if party == JOINT[0] else f"2024-02-0{index + 1}"
            rows.append([f"R{party[8]}{unit}", "行政检查", unit, items[unit][0], "；".join(officers[unit]),
                         day, "2024-02-10", party])  # fmt: skip
    run_import("records", write_csv(tmp_path / "records.csv", HEADERS, rows))
    supervisor = UserFactory(username="sup")
    RoleAssignmentFactory(user=supervisor, role=Role.SUPERVISOR, unit=OrgUnit.objects.get(code="TJ"))
    return supervisor


def _issue(supervisor, quarter: int = 1):
    return services.bulletin_issue(
        actor=supervisor, unit=OrgUnit.objects.get(code="TJ"), year=2024, quarter=quarter,
        number=f"测法治办〔2024〕{quarter}号",
        issuer="测试新区全面依法治区委员会办公室", issued_on=date(2024, 4, 15), bottom_n=1,
    )  # fmt: skip


def _text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


def _repeated_table(data: bytes):
    return next(t for t in docx.Document(io.BytesIO(data)).tables if t.rows[0].cells[0].text == "检查对象代码")


def test_the_definitions_section_explains_each_indicator_without_internal_notes(district):
    data = documents.bulletin_docx(_issue(district))
    text = _text(data)
    participation = IndicatorDefinition.objects.get(code="participation_rate", version=1)
    assert participation.explanation and f"人员参与率：{participation.explanation}" in text
    # the provenance stays on the definition, for its maintainers, not in what the units receive
    # (its reference to the project's notes, RULES.md, left the definition in migration 0014)
    assert "复现经开区2024年：253/284 = 89.08%" in participation.source
    assert "RULES.md" not in text and "复现" not in text


def test_a_definition_without_explanation_prints_its_source(district):
    IndicatorDefinition.objects.filter(code="participation_rate").update(explanation="")
    text = _text(documents.bulletin_docx(_issue(district)))
    source = IndicatorDefinition.objects.get(code="participation_rate", version=1).source
    assert f"人员参与率：{source}" in text


def test_all_repeated_entities_listed_when_few(district):
    bulletin = _issue(district)
    payload = bulletin.snapshot.payload
    assert payload["repeated_total"] == 3
    assert payload["repeated"][0]["party_code"] == "91120116A00000001X"  # most departments first
    data = documents.bulletin_docx(bulletin)
    assert "本期有3户检查对象被两个及以上部门分别上门检查，建议" in _text(data)
    table = _repeated_table(data)
    assert [cell.text for cell in table.rows[0].cells] == ["检查对象代码", "部门数", "上门次数", "检查次数", "检查部门"]
    assert [cell.text for cell in table.rows[1].cells][:4] == ["91120116A00000001X", "3", "3", "3"]
    # the departments without the region's name ("测试新区…"): none of these units carries it
    assert table.rows[1].cells[4].text == "第一市场监管所、第二市场监管所、城市管理综合执法大队"
    assert len(table.rows) == 1 + 3


def test_the_count_covers_entities_beyond_the_listed_ones(district, monkeypatch):
    monkeypatch.setattr(bulletin_selectors, "REPEATED_LISTED", 2)  # the bulletin keeps two rows
    monkeypatch.setattr(documents, "REPEATED_PRINTED", 1)  # the document prints one
    bulletin = _issue(district)
    payload = bulletin.snapshot.payload
    assert len(payload["repeated"]) == 2 and payload["repeated_total"] == 3
    data = documents.bulletin_docx(bulletin)
    assert "本期有3户检查对象被两个及以上部门分别上门检查（下表列出检查部门最多的1户，完整名单见平台）" in _text(data)
    assert len(_repeated_table(data).rows) == 1 + 1


def test_a_bulletin_frozen_before_the_total_was_kept_counts_its_rows(district):
    bulletin = _issue(district)
    payload = dict(bulletin.snapshot.payload)
    del payload["repeated_total"]
    for definition in payload["definitions"]:
        del definition["explanation"]
    AssessmentScheme.objects.update(bulletin_basis="《某省行政执法监督条例》")  # changed since: not reread
    payload["scheme"] = {key: value for key, value in payload["scheme"].items() if key != "bulletin_basis"}
    bulletin.snapshot.payload = payload  # as issued by an earlier version: printed from what it holds
    text = _text(documents.bulletin_docx(bulletin))
    assert "本期有3户检查对象" in text
    exercise = next(d for d in payload["definitions"] if d["code"] == "exercise_rate")
    assert f"履责率：{exercise['source']}" in text  # its definitions printed as frozen, sources and all
    assert "根据《天津市行政执法监督平台管理办法》和本区" in text  # what every bulletin cited then


def test_department_names_drop_the_region_only_when_every_name_carries_it():
    names = ["青禾区市场监督管理局", "青禾区应急管理局"]
    assert documents._short_names(names, region="青禾区") == ["市场监督管理局", "应急管理局"]
    assert documents._short_names([*names, "天津市公安局"], region="青禾区") == [*names, "天津市公安局"]
    assert documents._short_names(["青禾区"], region="青禾区") == ["青禾区"]  # never an empty name


def _opening(data: bytes) -> str:
    return next(p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.text.startswith("根据"))


def test_the_opening_cites_the_basis_the_scheme_names(district):
    assert _opening(documents.bulletin_docx(_issue(district))).startswith(
        "根据《天津市行政执法监督平台管理办法》和本区行政执法考核指标体系，现将2024年1月1日至2024年3月31日"
    )  # the shipped scheme
    AssessmentScheme.objects.update(bulletin_basis="《某省行政执法监督条例》")  # one period, one bulletin:
    assert _opening(documents.bulletin_docx(_issue(district, quarter=2))).startswith(
        "根据《某省行政执法监督条例》和本区行政执法考核指标体系"
    )
    AssessmentScheme.objects.update(bulletin_basis="")
    opening = _opening(documents.bulletin_docx(_issue(district, quarter=3)))
    assert opening.startswith("根据本区行政执法考核指标体系，现将")
