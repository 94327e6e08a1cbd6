"""执法人员与执法证导入 in a real browser: a 司法局 supervisor opens the upload from the officer pages, reads
the refused row of another district by its number, corrects the file, imports it, and finds the new
certificate on the officer list and the upload under 我最近的导入."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.browser.test_deadline_calculator import PASSWORD, _log_in, chromium_page

from fazhi.orgs.choices import OrgUnitKind, Role
from fazhi.orgs.importers import OFFICER_HEADERS
from fazhi.orgs.tests.factories import (
    EnforcementDomainFactory,
    OrgUnitFactory,
    PersonFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from fazhi.orgs.tests.files import csv_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    path.write_bytes(csv_bytes(list(OFFICER_HEADERS), rows))
    return path


def test_a_supervisor_corrects_a_refused_row_and_imports_the_certificates(live_server, tmp_path):
    # Given two districts, each with a department, and a supervisor of the first (created before the browser).
    domain = EnforcementDomainFactory(code="SCJG", name="市场监管")
    regions = {}
    for region_code, name in (("BR", "浏览器测试区"), ("BR2", "浏览器邻区")):
        region = regions[region_code] = OrgUnitFactory(code=region_code, name=name, kind=OrgUnitKind.REGION)
        government = OrgUnitFactory(
            code=f"{region_code}-G", name=f"{name}人民政府", kind=OrgUnitKind.GOVERNMENT, parent=region
        )
        department = OrgUnitFactory(code=f"{region_code}-SCJ", name=f"{name}市场监督管理局", parent=government)
        department.domains.add(domain)
    user = UserFactory(username="sfj_upload", display_name="司法局", person=PersonFactory(), password=PASSWORD)
    RoleAssignmentFactory(user=user, role=Role.SUPERVISOR, unit=regions["BR"])
    good = ["BRZ0001", "王一", "BR-SCJ", "市场监管", "2024-01-01", "2028-12-31"]
    other_district = ["BRZ0002", "李二", "BR2-SCJ", "市场监管", "2024-01-01", "2028-12-31"]
    bad_file = _write_csv(tmp_path / "执法证（有错）.csv", [good, other_district])
    fixed_file = _write_csv(tmp_path / "执法证.csv", [good, [*other_district[:2], "BR-SCJ", *other_district[3:]]])

    with chromium_page() as (page, console_errors):
        base = live_server.url
        _log_in(page, base, "sfj_upload")
        # When they open the upload from the officer pages …
        page.locator("#fazhi-nav").get_by_role("link", name="执法人员与执法证").click()
        page.get_by_test_id("org-import-links").get_by_role("link", name="批量导入执法人员与执法证").click()

        # … a row of the other district is refused by its number, and nothing is imported;
        page.get_by_label("文件").set_input_files(str(bad_file))
        page.get_by_role("button", name="上传并导入").click()
        errors = page.get_by_test_id("import-errors")
        assert "未导入任何数据" in errors.inner_text()
        assert errors.locator("tbody tr").count() == 1
        row = errors.locator("tbody tr").first.inner_text()
        assert "第3行" in row and "所属单位编码" in row and "BR2-SCJ" in row

        # then the corrected file imports both certificates.
        page.get_by_label("文件").set_input_files(str(fixed_file))
        page.get_by_role("button", name="上传并导入").click()
        assert "导入完成，新增 2" in page.get_by_test_id("import-ok").inner_text()
        assert "执法证.csv" in page.get_by_test_id("org-import-history").inner_text()

        page.get_by_role("navigation", name="breadcrumb").get_by_role("link", name="执法人员与执法证").click()
        listed = page.get_by_test_id("officer-certificates").inner_text()
        assert "BRZ0001" in listed and "BRZ0002" in listed and "李二" in listed
        # The refused upload is answered 400, which the browser logs; nothing else may fail (CSP, scripts).
        assert [error for error in console_errors if "status of 400" not in error] == []
