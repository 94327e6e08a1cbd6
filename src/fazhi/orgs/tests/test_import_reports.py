"""`fazhi import units|officers`: the plain-text report and the upload page name the 执法领域 a file
created; a cycle of 上级单位 is printed whole, also when it runs through units already registered."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from fazhi.orgs.models import EnforcementDomain, OrgUnit
from fazhi.orgs.tests.factories import UserFactory
from fazhi.orgs.tests.files import csv_bytes

pytestmark = pytest.mark.django_db

UNIT_HEADERS = ["单位编码", "单位名称", "上级单位编码", "执法领域", "是否执法主体", "单位类型"]
OFFICER_HEADERS = ["执法证号", "姓名", "所属单位编码", "执法领域", "证件有效期起", "证件有效期止"]
UNITS = [
    ["R", "测试区", "", "", "否", ""],
    ["G", "测试区人民政府", "R", "", "否", ""],
    ["C1", "甲中心", "G", "", "否", "其他单位"],
    ["C2", "乙中心", "C1", "", "否", "其他单位"],
    ["C3", "丙中心", "C2", "", "否", "其他单位"],
    ["D1", "区市场监督管理局", "G", "市场监管", "是", ""],
]


def _run(kind: str, path: Path, *extra: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import", kind, str(path), *extra, stdout=out, stderr=err)
    except CommandError:
        pass
    return out.getvalue(), err.getvalue()


def _file(tmp_path: Path, name: str, headers: list[str], rows: list[list[str]]) -> Path:
    path = tmp_path / name
    path.write_bytes(csv_bytes(headers, rows))
    return path


@pytest.fixture
def units(tmp_path):
    _out, err = _run("units", _file(tmp_path, "units.csv", UNIT_HEADERS, UNITS))
    assert not err, err


def test_the_plain_report_of_units_names_the_domains_the_file_created(units, tmp_path):
    rows = [["D2", "区城管委", "G", "城市管理；市场监菅", "是", ""]]  # 市场监菅: a typo

    dry, _err = _run("units", _file(tmp_path, "d.csv", UNIT_HEADERS, rows), "--dry-run")
    out, _err = _run("units", _file(tmp_path, "u.csv", UNIT_HEADERS, rows))

    assert "将新建执法领域：城市管理、市场监菅" in dry
    assert "新建执法领域：城市管理、市场监菅" in out
    assert EnforcementDomain.objects.filter(name="市场监菅").exists()


def test_the_plain_report_of_officers_names_the_domains_the_file_created(units, tmp_path):
    rows = [
        ["Z001", "张三", "D1", "市场监管", "2024-01-01", "2028-12-31"],
        ["Z002", "李四", "D1", "市场监督", "2024-01-01", "2028-12-31"],
    ]
    out, _err = _run("officers", _file(tmp_path, "o.csv", OFFICER_HEADERS, rows))

    assert "新增2" in out and "新建执法领域：市场监督" in out
    again, _err = _run("officers", _file(tmp_path, "o.csv", OFFICER_HEADERS, rows))
    assert "新建执法领域" not in again  # nothing new the second time


def test_the_upload_page_names_the_domains_created_for_units_and_officers(units, client):
    client.force_login(UserFactory(is_superuser=True))
    unit_file = SimpleUploadedFile(
        "单位.csv", csv_bytes(UNIT_HEADERS[:5], [["D2", "区城管委", "G", "城管执法", "是"]]), content_type="text/csv"
    )
    officer_file = SimpleUploadedFile(
        "执法证.csv",
        csv_bytes(OFFICER_HEADERS, [["Z001", "张三", "D1", "市场监督", "2024-01-01", "2028-12-31"]]),
        content_type="text/csv",
    )

    unit_page = client.post(reverse("orgs:unit_import"), {"file": unit_file}).content.decode()
    officer_page = client.post(reverse("orgs:officer_import"), {"file": officer_file}).content.decode()

    assert "新建执法领域：城管执法" in unit_page
    assert "新建执法领域：市场监督" in officer_page


def test_a_cycle_through_registered_units_is_printed_whole(units, tmp_path):
    # C1 under C3, which lies under C2 under C1 in the register
    _out, err = _run("units", _file(tmp_path, "c.csv", UNIT_HEADERS, [["C1", "甲中心", "C3", "", "否", "其他单位"]]))

    assert "第2行［上级单位编码］：上级单位形成循环：C1 → C3 → C2 → C1" in err
    assert OrgUnit.objects.get(code="C1").path == "/R/G/C1/"


def test_a_cycle_partly_in_the_file_and_partly_registered_is_printed_whole(units, tmp_path):
    # C2 (in the file) under C3 (registered, under C2): C2 → C3 → C2; C1 under C2 follows it
    rows = [["C2", "乙中心", "C3", "", "否", "其他单位"], ["C1", "甲中心", "C2", "", "否", "其他单位"]]
    _out, err = _run("units", _file(tmp_path, "c.csv", UNIT_HEADERS, rows))

    assert "第2行［上级单位编码］：上级单位形成循环：C2 → C3 → C2" in err


def test_a_cycle_within_the_file_is_printed_whole(units, tmp_path):
    rows = [["X1", "甲", "X2", "", "否", "其他单位"], ["X2", "乙", "X1", "", "否", "其他单位"]]
    _out, err = _run("units", _file(tmp_path, "c.csv", UNIT_HEADERS, rows))

    assert "第2行［上级单位编码］：上级单位形成循环：X1 → X2 → X1" in err
    assert "第3行［上级单位编码］：上级单位形成循环：X1 → X2 → X1" in err
