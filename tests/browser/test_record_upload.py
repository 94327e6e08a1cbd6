"""执法信息导入 in a real browser: a unit admin uploads a departmental export, reads the bad row by its
number, corrects the file, imports it, and the records count on the unit's dashboard."""

from __future__ import annotations

import pytest
from tests.browser.test_deadline_calculator import PASSWORD, _log_in, chromium_page

from fazhi.orgs.choices import Role
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.tests.factories import PersonFactory, RoleAssignmentFactory, UserFactory
from fazhi.supervision.tests.helpers import RECORD_HEADERS, add_officers, add_power_items, small_district, write_csv

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_unit_admin_corrects_a_bad_row_and_imports_the_file(live_server, tmp_path):
    small_district(tmp_path)
    officers = add_officers(tmp_path, "SCJ1", 2, prefix="A")
    items = add_power_items(tmp_path, "SCJ1", 1, prefix="PA")
    user = UserFactory(username="admin_upload", display_name="管理员", person=PersonFactory(), password=PASSWORD)
    RoleAssignmentFactory(user=user, role=Role.UNIT_ADMIN, unit=OrgUnit.objects.get(code="SCJ1"))
    good = ["R1", "行政检查", "SCJ1", items[0], "；".join(officers), "2024-03-01", "2024-03-02"]
    other_unit = ["R2", "行政处罚", "SCJ2", items[0], officers[0], "2024-03-05", "2024-03-06"]
    bad_file = write_csv(tmp_path / "导出（有错）.csv", RECORD_HEADERS, [good, other_unit])
    fixed_file = write_csv(tmp_path / "导出.csv", RECORD_HEADERS, [good, [*other_unit[:2], "SCJ1", *other_unit[3:]]])

    with chromium_page() as (page, console_errors):
        base = live_server.url
        _log_in(page, base, "admin_upload")
        page.goto(f"{base}/supervision/?unit=SCJ1")
        page.get_by_test_id("supervision-nav").get_by_role("link", name="执法信息导入").click()

        page.get_by_label("文件").set_input_files(str(bad_file))
        page.get_by_role("button", name="上传并导入").click()
        errors = page.get_by_test_id("import-errors")
        assert "未导入任何数据" in errors.inner_text()
        assert errors.locator("tbody tr").count() == 1
        row = errors.locator("tbody tr").first.inner_text()
        assert "第3行" in row and "单位编码" in row and "SCJ2" in row

        page.get_by_label("文件").set_input_files(str(fixed_file))
        page.get_by_role("button", name="上传并导入").click()
        assert "导入完成，新增 2" in page.get_by_test_id("import-ok").inner_text()
        assert "导出.csv" in page.get_by_test_id("record-import-history").inner_text()

        page.goto(f"{base}/supervision/?unit=SCJ1&start=2024-01-01&end=2024-12-31")
        assert page.get_by_test_id("indicator-cards").get_by_test_id("figure-records_total").inner_text() == "2条"
        # The refused upload is answered 400, which the browser logs; nothing else may fail (CSP, scripts).
        assert [error for error in console_errors if "status of 400" not in error] == []
