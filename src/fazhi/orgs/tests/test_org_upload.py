"""单位导入 and 执法人员/执法证导入 in the browser and through the API: the commands' checks, limited to
the uploader's grants (system admins: their unit subtrees; supervisors: the certificates of their region)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from openpyxl import Workbook

from fazhi.core import uploads
from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import Conflict
from fazhi.core.importing import MAX_LISTED_ERRORS
from fazhi.orgs import importers, services
from fazhi.orgs.choices import OrgUnitKind, Role
from fazhi.orgs.models import Certificate, EnforcementDomain, OrgUnit
from fazhi.orgs.tests.factories import (
    EnforcementDomainFactory,
    OfficerFactory,
    OrgUnitFactory,
    PersonFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from fazhi.orgs.tests.files import csv_bytes

pytestmark = pytest.mark.django_db

UNITS_PAGE = reverse("orgs:unit_import")
OFFICERS_PAGE = reverse("orgs:officer_import")
UNITS_API = reverse("api-v1:org-unit-imports")
OFFICERS_API = reverse("api-v1:officer-imports")
UNIT_HEADERS = list(importers.UNIT_HEADERS)
OFFICER_HEADERS = list(importers.OFFICER_HEADERS)


@pytest.fixture
def world():
    """Two districts: 测试区 (R → G → D1, D2) and 邻区 (R2 → G2 → D3); D3 has an officer with certificate X1."""
    region = OrgUnitFactory(code="R", name="测试区", kind=OrgUnitKind.REGION)
    government = OrgUnitFactory(code="G", name="测试区人民政府", kind=OrgUnitKind.GOVERNMENT, parent=region)
    other_region = OrgUnitFactory(code="R2", name="邻区", kind=OrgUnitKind.REGION)
    other_government = OrgUnitFactory(code="G2", name="邻区人民政府", kind=OrgUnitKind.GOVERNMENT, parent=other_region)
    domain = EnforcementDomainFactory(code="SCJG", name="市场监管")
    units = {"R": region, "G": government, "R2": other_region, "G2": other_government}
    for code, parent in (("D1", government), ("D2", government), ("D3", other_government)):
        units[code] = OrgUnitFactory(code=code, name=f"{code}局", parent=parent)
        units[code].domains.add(domain)
    officer = OfficerFactory(person=PersonFactory(name="邻区人员"), unit=units["D3"])
    services.certificate_issue(
        actor=None, officer=officer, number="X1", issuer="邻区人民政府", domains=[domain],
        valid_from=date(2024, 1, 1), valid_to=date(2028, 12, 31),
    )  # fmt: skip
    return units


def _user(role: Role, unit: OrgUnit, **extra):
    user = UserFactory(**extra)
    RoleAssignmentFactory(user=user, role=role, unit=unit)
    return user


def _csv(headers: list[str], rows: list[list[str]], name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, csv_bytes(headers, rows), content_type="text/csv")


def _xlsx(headers: list[str], rows: list[list[str]], name: str) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def _units(rows: list[list[str]], name: str = "单位.csv") -> SimpleUploadedFile:
    return _csv(UNIT_HEADERS, rows, name)


def _officers(rows: list[list[str]], name: str = "执法证.csv") -> SimpleUploadedFile:
    return _csv(OFFICER_HEADERS, rows, name)


def _errors(response) -> list[tuple[int, str, str]]:
    """(row, column, message) of a page's error table, read from the API-shaped report in the context."""
    return [(e.row, e.column, e.message) for e in response.context["report"].errors]


# --- 单位导入 ---------------------------------------------------------------------------------------


def test_a_system_admin_imports_units_of_their_subtree_and_the_audit_names_them(client, world):
    admin = _user(Role.SYSTEM_ADMIN, world["G"])
    client.force_login(admin)

    response = client.post(
        UNITS_PAGE, {"file": _units([["D4", "区新设局", "G", "市场监管", "是"], ["D1", "D1局（更名）", "G", "", "否"]])}
    )

    assert response.status_code == 200
    assert "导入完成，新增 1，更新 1，未变 0。" in response.content.decode()
    assert OrgUnit.objects.get(code="D4").path == "/R/G/D4/"
    assert OrgUnit.objects.get(code="D1").name == "D1局（更名）"
    unit_events = [AuditEventType.ORG_UNIT_CREATED, AuditEventType.ORG_UNIT_UPDATED]
    events = AuditEvent.objects.filter(event_type__in=unit_events)
    assert {(e.actor_id, e.reason) for e in events} == {(admin.pk, "导入单位：单位.csv")}
    history = client.get(UNITS_PAGE).content.decode()
    assert "单位.csv" in history and "<td>1</td><td>1</td>" in history  # one created, one updated


def test_rows_outside_the_admins_subtree_are_refused_by_row_and_nothing_is_written(client, world):
    client.force_login(_user(Role.SYSTEM_ADMIN, world["G"]))
    rows = [
        ["D4", "区新设局", "G", "", "是"],  # row 2 is fine
        ["D5", "邻区新设局", "G2", "", "是"],  # row 3: parent in another district
        ["D3", "D3局（改名）", "G2", "", "是"],  # row 4: the unit itself is another district's
        ["D1", "D1局", "R2", "", "是"],  # row 5: moving a unit out of the subtree
    ]

    response = client.post(UNITS_PAGE, {"file": _units(rows)})

    assert response.status_code == 400
    assert _errors(response) == [
        (3, "上级单位编码", "未知或不在您管辖范围内的上级单位编码“G2”。"),
        (4, "单位编码", "单位编码“D3”已被您管辖范围以外的单位使用，不能在此导入。"),
        (5, "上级单位编码", "未知或不在您管辖范围内的上级单位编码“R2”。"),
    ]
    assert not OrgUnit.objects.filter(code__in=["D4", "D5"]).exists()
    assert OrgUnit.objects.get(code="D3").name == "D3局" and OrgUnit.objects.get(code="D1").path == "/R/G/D1/"
    assert not AuditEvent.objects.filter(event_type=AuditEventType.ORG_UNIT_CREATED).exists()


def test_the_unit_at_the_top_of_the_grant_keeps_its_parent_above_the_grant(client, world):
    # The system admin's own unit G names its present parent R, which lies outside the grant: not a move.
    client.force_login(_user(Role.SYSTEM_ADMIN, world["G"]))

    response = client.post(UNITS_PAGE, {"file": _units([["G", "测试区人民政府（新名）", "R", "", "否"]])})

    assert response.status_code == 200
    assert OrgUnit.objects.get(code="G").name == "测试区人民政府（新名）"


def test_a_new_top_level_unit_needs_a_superuser_even_for_an_admin_granted_at_the_root(client, world):
    # A new region would lie outside every grant (a grant covers a subtree): not the admin's to create.
    client.force_login(_user(Role.SYSTEM_ADMIN, world["R"]))
    row = ["R9", "新区", "", "", "否"]

    refused = client.post(UNITS_PAGE, {"file": _units([row])})
    client.force_login(UserFactory(is_superuser=True))
    allowed = client.post(UNITS_PAGE, {"file": _units([row])})

    assert refused.status_code == 400
    assert _errors(refused) == [(2, "上级单位编码", "请填写上级单位编码：新增顶级单位只能由超级管理员在服务器上导入。")]
    assert allowed.status_code == 200
    assert OrgUnit.objects.get(code="R9").kind == OrgUnitKind.REGION


def test_a_refused_parent_row_is_reported_once_and_not_as_a_cycle(world):
    # The child is placed after its parent's row; a refused parent used to be read again as "visiting".
    rows = [["P1", "甲", "NOPE", "", "否"], ["C1", "乙", "P1", "", "否"]]
    path_file = _units(rows)
    with uploads.saved_upload(path_file) as saved:
        report = importers.import_units(saved.path, actor=None)

    assert [(e.row, e.message) for e in report.errors] == [(2, "未知的上级单位编码“NOPE”。")]


def test_a_dry_run_checks_the_units_and_writes_nothing(client, world):
    client.force_login(_user(Role.SYSTEM_ADMIN, world["G"]))

    response = client.post(UNITS_PAGE, {"file": _units([["D4", "区新设局", "G", "", "是"]]), "dry_run": "on"})

    assert response.status_code == 200
    assert "校验通过（未写入），新增 1" in response.content.decode()
    assert not OrgUnit.objects.filter(code="D4").exists()
    assert not AuditEvent.objects.filter(event_type=AuditEventType.ORG_UNIT_CREATED).exists()
    assert "还没有导入记录" in client.get(UNITS_PAGE).content.decode()


def test_wrong_missing_empty_and_oversized_files_are_refused_in_chinese(client, world, monkeypatch):
    client.force_login(_user(Role.SYSTEM_ADMIN, world["G"]))

    wrong = client.post(UNITS_PAGE, {"file": SimpleUploadedFile("units.txt", b"abc")})
    missing = client.post(UNITS_PAGE, {})
    empty = client.post(UNITS_PAGE, {"file": SimpleUploadedFile("units.csv", b"")})
    api_wrong = client.post(UNITS_API, {"file": SimpleUploadedFile("units.txt", b"abc")})
    monkeypatch.setattr(uploads, "UPLOAD_MAX_BYTES", 10)
    large = client.post(UNITS_PAGE, {"file": _units([["D4", "区新设局", "G", "", "是"]])})

    assert wrong.status_code == 400 and 'data-error-code="file_type"' in wrong.content.decode()
    assert "请使用 .xlsx 或 .csv 文件" in wrong.content.decode()
    assert missing.status_code == 400 and "请选择要导入的文件。" in missing.content.decode()
    assert empty.status_code == 400 and "上传的文件是空的。" in empty.content.decode()
    assert api_wrong.status_code == 400 and api_wrong.json()["error"]["code"] == "file_type"
    assert large.status_code == 400 and 'data-error-code="import.file_too_large"' in large.content.decode()
    assert not OrgUnit.objects.filter(code="D4").exists()


@pytest.mark.parametrize("role", [Role.UNIT_ADMIN, Role.SUPERVISOR, Role.OFFICER])
def test_only_system_admins_may_upload_units(client, world, role):
    client.force_login(_user(role, world["G"]))

    assert client.get(UNITS_PAGE).status_code == 404
    assert client.get(reverse("orgs:unit_import_template")).status_code == 404
    response = client.post(UNITS_API, {"file": _units([["D4", "区新设局", "G", "", "是"]])})
    assert response.status_code == 404
    assert not OrgUnit.objects.filter(code="D4").exists()


def test_anonymous_users_are_sent_to_log_in_and_the_api_refuses_them(client, world):
    assert client.get(UNITS_PAGE).status_code == 302
    assert client.post(OFFICERS_API, {}).status_code in (401, 403)


def test_the_unit_template_has_the_headers_the_importer_reads(client, world):
    client.force_login(_user(Role.SYSTEM_ADMIN, world["G"]))

    template = client.get(reverse("orgs:unit_import_template"))
    response = client.post(UNITS_PAGE, {"file": SimpleUploadedFile("模板.csv", template.content)})

    assert template.content.startswith("\ufeff".encode())
    assert template.content.decode("utf-8-sig").strip().split(",") == [*UNIT_HEADERS, *importers.UNIT_OPTIONAL]
    assert "units-template.csv" in template["Content-Disposition"]
    # headers accepted, so the only complaint is that there are no rows
    assert response.status_code == 400 and _errors(response) == [(1, "文件", "文件中没有数据行。")]


def test_the_units_api_imports_an_xlsx_and_lists_bad_rows_with_400(client, world):
    client.force_login(_user(Role.SYSTEM_ADMIN, world["G"]))

    ok = client.post(UNITS_API, {"file": _xlsx(UNIT_HEADERS, [["D4", "区新设局", "G", "", "是"]], "u.xlsx")})
    refused = client.post(UNITS_API, {"file": _xlsx(UNIT_HEADERS, [["D5", "x", "G", "", "也许"]], "bad.xlsx")})

    assert ok.status_code == 200
    assert ok.json() | {"details": None} == {
        "kind": "units", "source": "u.xlsx", "ok": True, "created": 1, "updated": 0, "unchanged": 0, "errors": [],
        "error_total": 0, "errors_truncated": False, "details": None,
    }  # fmt: skip
    assert refused.status_code == 400
    error = refused.json()["error"]
    assert error["code"] == "import_rows_invalid"
    assert [(row["row"], row["column"]) for row in error["fields"]["rows"]] == [(2, "是否执法主体")]
    assert not OrgUnit.objects.filter(code="D5").exists()


@pytest.mark.parametrize(
    "failure",
    [
        IntegrityError('duplicate key value violates unique constraint "orgs_orgunit_code_key"'),
        Conflict("单位编码“D4”已存在。", code="org_unit_code_taken"),  # org_unit_create's own check
    ],
)
def test_a_concurrent_import_of_the_same_unit_code_answers_409(client, world, monkeypatch, failure):
    # What the write meets when another import committed the same 单位编码 after this file was checked.
    def clash(**kwargs):
        raise failure

    monkeypatch.setattr(services, "org_unit_create", clash)
    client.force_login(_user(Role.SYSTEM_ADMIN, world["G"]))
    row = ["D4", "区新设局", "G", "", "是"]

    page = client.post(UNITS_PAGE, {"file": _units([row])})
    api = client.post(UNITS_API, {"file": _units([row])})

    assert page.status_code == 409 and 'data-error-code="import.concurrent"' in page.content.decode()
    assert api.status_code == 409 and api.json()["error"]["code"] == "import.concurrent"


# --- 执法人员/执法证导入 -----------------------------------------------------------------------------


def _officer_row(number: str, unit: str, name: str = "王一", domains: str = "市场监管") -> list[str]:
    return [number, name, unit, domains, "2024-01-01", "2028-12-31"]


def test_a_supervisor_imports_certificates_of_their_region_and_the_audit_names_them(client, world):
    supervisor = _user(Role.SUPERVISOR, world["G"])
    client.force_login(supervisor)

    response = client.post(OFFICERS_PAGE, {"file": _officers([_officer_row("N1", "D1"), _officer_row("N2", "D2")])})

    assert response.status_code == 200
    assert "导入完成，新增 2，更新 0，未变 0。" in response.content.decode()
    certificate = Certificate.objects.get(number="N1")
    assert (certificate.officer.unit.code, certificate.officer.person.name) == ("D1", "王一")
    issued = AuditEvent.objects.filter(event_type=AuditEventType.CERTIFICATE_ISSUED, reason__startswith="导入")
    assert {(e.actor_id, e.reason) for e in issued} == {(supervisor.pk, "导入执法人员：执法证.csv")}
    assert issued.count() == 2
    assert "执法证.csv" in client.get(OFFICERS_PAGE).content.decode()


def test_officer_rows_outside_the_supervisors_region_are_refused_and_nothing_is_written(client, world):
    client.force_login(_user(Role.SUPERVISOR, world["G"]))
    rows = [
        _officer_row("N1", "D1"),  # row 2 is fine
        _officer_row("N2", "D3"),  # row 3: a unit of another district
        _officer_row("X1", "D1", name="冒名"),  # row 4: a certificate registered in another district
        _officer_row("N3", "D2", domains="新领域"),  # row 5: an upload does not create domains
    ]

    response = client.post(OFFICERS_PAGE, {"file": _officers(rows)})

    assert response.status_code == 400
    assert _errors(response) == [
        (3, "所属单位编码", "未知或不在您管辖范围内的单位编码“D3”。"),
        (4, "执法证号", "执法证号“X1”已登记在您管辖范围以外的单位，不能在此导入。"),
        (5, "执法领域", "未知的执法领域“新领域”（新的执法领域由系统管理员添加）。"),
    ]
    assert "邻区人员" not in response.content.decode()  # the other district's holder is not named
    assert list(Certificate.objects.values_list("number", flat=True)) == ["X1"]
    assert Certificate.objects.get(number="X1").valid_to == date(2028, 12, 31)
    assert not EnforcementDomain.objects.filter(name="新领域").exists()


def test_a_dry_run_checks_the_certificates_and_writes_nothing(client, world):
    client.force_login(_user(Role.SUPERVISOR, world["G"]))

    response = client.post(OFFICERS_PAGE, {"file": _officers([_officer_row("N1", "D1")]), "dry_run": "on"})

    assert response.status_code == 200
    assert "校验通过（未写入），新增 1" in response.content.decode()
    assert list(Certificate.objects.values_list("number", flat=True)) == ["X1"]


@pytest.mark.parametrize("role", [Role.UNIT_ADMIN, Role.SYSTEM_ADMIN])
def test_those_who_only_view_certificates_are_told_who_issues_them(client, world, role):
    client.force_login(_user(role, world["G"]))

    page = client.get(OFFICERS_PAGE)
    api = client.post(OFFICERS_API, {"file": _officers([_officer_row("N1", "D1")])})

    assert page.status_code == 403
    assert api.status_code == 403 and api.json()["error"]["code"] == "certificate_authority_required"
    assert not Certificate.objects.filter(number="N1").exists()


def test_people_without_a_certificate_role_get_not_found(client, world):
    client.force_login(_user(Role.OFFICER, world["D1"]))

    assert client.get(OFFICERS_PAGE).status_code == 404
    assert client.get(reverse("orgs:officer_import_template")).status_code == 404
    assert client.post(OFFICERS_API, {"file": _officers([_officer_row("N1", "D1")])}).status_code == 404


def test_the_officer_template_round_trips_and_the_api_lists_bad_rows(client, world):
    client.force_login(_user(Role.SUPERVISOR, world["G"]))

    template = client.get(reverse("orgs:officer_import_template"))
    empty = client.post(OFFICERS_API, {"file": SimpleUploadedFile("模板.csv", template.content)})
    bad = client.post(OFFICERS_API, {"file": _officers([_officer_row("N1", "D1"), _officer_row("N2", "D3")])})

    assert template.content.decode("utf-8-sig").strip().split(",") == [*OFFICER_HEADERS, *importers.OFFICER_OPTIONAL]
    assert empty.status_code == 400 and empty.json()["error"]["fields"]["rows"][0]["message"] == "文件中没有数据行。"
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "import_rows_invalid"
    assert [(r["row"], r["column"]) for r in bad.json()["error"]["fields"]["rows"]] == [(3, "所属单位编码")]
    assert not Certificate.objects.filter(number="N1").exists()


def test_a_concurrent_import_of_the_same_certificate_answers_409(client, world, monkeypatch):
    # What PostgreSQL raises when another transaction committed the same 执法证号 first.
    def clash(**kwargs):
        raise IntegrityError('duplicate key value violates unique constraint "orgs_certificate_number_key"')

    monkeypatch.setattr(services, "certificate_issue", clash)
    client.force_login(_user(Role.SUPERVISOR, world["G"]))

    page = client.post(OFFICERS_PAGE, {"file": _officers([_officer_row("N1", "D1")])})
    api = client.post(OFFICERS_API, {"file": _officers([_officer_row("N1", "D1")])})

    assert page.status_code == 409 and 'data-error-code="import.concurrent"' in page.content.decode()
    assert api.status_code == 409 and api.json()["error"]["code"] == "import.concurrent"


def test_the_officer_page_links_each_user_to_the_uploads_they_may_make(client, world):
    supervisor = _user(Role.SUPERVISOR, world["G"])
    admin = _user(Role.SYSTEM_ADMIN, world["G"])

    client.force_login(supervisor)
    supervisor_links = client.get(reverse("orgs:officer_list")).content.decode()
    client.force_login(admin)
    admin_links = client.get(reverse("orgs:officer_list")).content.decode()

    assert OFFICERS_PAGE in supervisor_links and UNITS_PAGE not in supervisor_links
    assert UNITS_PAGE in admin_links and OFFICERS_PAGE not in admin_links


def test_the_system_admin_workspace_links_to_the_unit_upload(client, world):
    client.force_login(_user(Role.SYSTEM_ADMIN, world["G"]))

    assert UNITS_PAGE in client.get(reverse("web:system_admin_home")).content.decode()


def test_a_broken_workbook_or_wrong_headers_are_bad_files_not_errors_of_the_server(client, world):
    client.force_login(_user(Role.SUPERVISOR, world["G"]))

    broken = client.post(OFFICERS_PAGE, {"file": SimpleUploadedFile("人员.xlsx", b"PK\x03\x04 not a workbook")})
    headers = client.post(OFFICERS_PAGE, {"file": _csv(["姓名", "电话"], [["王一", "123"]], "人员.csv")})

    assert broken.status_code == 400 and [(row, column) for row, column, _ in _errors(broken)] == [(1, "文件")]
    assert headers.status_code == 400 and [(row, column) for row, column, _ in _errors(headers)] == [(1, "文件")]


def test_a_wholly_wrong_upload_lists_its_first_thousand_bad_rows(client, world):
    client.force_login(_user(Role.SUPERVISOR, world["G"]))
    rows = [_officer_row(f"N{n}", "NOPE") for n in range(MAX_LISTED_ERRORS + 5)]

    response = client.post(OFFICERS_PAGE, {"file": _officers(rows)})

    assert response.status_code == 400
    assert len(_errors(response)) == MAX_LISTED_ERRORS
    # the heading counts every bad row, not the listed ones
    assert f"{MAX_LISTED_ERRORS + 5} 处错误（只列出前 {MAX_LISTED_ERRORS} 处）" in response.content.decode()
