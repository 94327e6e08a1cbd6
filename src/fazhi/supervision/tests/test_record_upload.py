"""执法信息导入 in the browser and through the API: the command's checks, scoped to the uploader's units."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.importing import MAX_LISTED_ERRORS
from fazhi.orgs.choices import Role
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.tests.factories import RoleAssignmentFactory, UserFactory
from fazhi.supervision import services
from fazhi.supervision.models import EnforcementRecord, RecordImport
from fazhi.supervision.tests.helpers import (
    RECORD_HEADERS,
    add_officers,
    add_power_items,
    run_import,
    small_district,
    write_csv,
    write_xlsx,
)

pytestmark = pytest.mark.django_db

PAGE = reverse("supervision:record_import")
API = reverse("api-v1:supervision-record-imports")


@pytest.fixture
def world(tmp_path):
    small_district(tmp_path)
    return {
        "SCJ1": (add_officers(tmp_path, "SCJ1", 2, prefix="A"), add_power_items(tmp_path, "SCJ1", 1, prefix="PA")),
        "SCJ2": (add_officers(tmp_path, "SCJ2", 2, prefix="B"), add_power_items(tmp_path, "SCJ2", 1, prefix="PB")),
    }


def _user(role: Role, unit_code: str):
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=role, unit=OrgUnit.objects.get(code=unit_code))
    return user


def _row(world, key: str, unit: str) -> list[str]:
    officers, items = world[unit]
    return [key, "行政检查", unit, items[0], "；".join(officers), "2024-03-01", "2024-03-02"]


def _upload(tmp_path: Path, rows: list[list[str]], name: str = "部门系统导出.csv") -> SimpleUploadedFile:
    path = write_csv(tmp_path / "upload.csv", RECORD_HEADERS, rows)
    return SimpleUploadedFile(name, path.read_bytes(), content_type="text/csv")


@time_machine.travel(datetime(2026, 3, 4, 16, 30, tzinfo=UTC), tick=False)  # 2026年3月5日 00:30 in Shanghai
def test_a_supervisor_uploads_a_file_and_the_records_count_under_their_name(client, world, tmp_path):
    supervisor = _user(Role.SUPERVISOR, "TJ")
    client.force_login(supervisor)

    upload = _upload(tmp_path, [_row(world, "K1", "SCJ1"), _row(world, "K2", "SCJ2")])
    response = client.post(PAGE, {"file": upload})

    assert response.status_code == 200
    assert "部门系统导出.csv：导入完成，新增 2，更新 0，未变 0。" in response.content.decode()
    assert set(EnforcementRecord.objects.values_list("key", flat=True)) == {"K1", "K2"}
    log = RecordImport.objects.get()
    assert (log.filename, log.rows, log.created, log.imported_by) == ("部门系统导出.csv", 2, 2, supervisor)
    event = AuditEvent.objects.get(event_type=AuditEventType.SUPERVISION_RECORDS_IMPORTED)
    assert event.actor_id == supervisor.pk
    history = client.get(PAGE).content.decode()
    assert "部门系统导出.csv" in history  # the history lists the upload, its moment in Chinese local time (QA)
    assert '<td class="text-nowrap">2026年3月5日 00:30</td>' in history


def test_a_unit_admin_cannot_import_records_of_another_unit_and_nothing_is_written(client, world, tmp_path):
    client.force_login(_user(Role.UNIT_ADMIN, "SCJ1"))

    upload = _upload(tmp_path, [_row(world, "K1", "SCJ1"), _row(world, "K2", "SCJ2")])
    response = client.post(PAGE, {"file": upload})

    assert response.status_code == 400
    page = response.content.decode()
    assert "第3行" in page and "未知或不在您管辖范围内的单位编码“SCJ2”" in page
    assert not EnforcementRecord.objects.exists() and not RecordImport.objects.exists()


def test_an_upload_cannot_change_a_record_imported_for_a_unit_outside_the_scope(client, world, tmp_path):
    run_import("records", write_csv(tmp_path / "server.csv", RECORD_HEADERS, [_row(world, "K9", "SCJ2")]))
    client.force_login(_user(Role.UNIT_ADMIN, "SCJ1"))

    response = client.post(PAGE, {"file": _upload(tmp_path, [_row(world, "K9", "SCJ1")])})

    assert response.status_code == 400
    assert "记录编号“K9”已由您管辖范围以外的单位导入" in response.content.decode()
    assert EnforcementRecord.objects.get(key="K9").unit.code == "SCJ2"


def test_a_dry_run_checks_the_file_and_writes_nothing(client, world, tmp_path):
    client.force_login(_user(Role.UNIT_ADMIN, "SCJ1"))

    response = client.post(PAGE, {"file": _upload(tmp_path, [_row(world, "K1", "SCJ1")]), "dry_run": "on"})

    assert response.status_code == 200
    assert "校验通过（未写入），新增 1" in response.content.decode()
    assert not EnforcementRecord.objects.exists() and not RecordImport.objects.exists()


def test_a_file_of_another_type_or_no_file_is_refused_in_chinese(client, world):
    client.force_login(_user(Role.SUPERVISOR, "TJ"))

    wrong = client.post(PAGE, {"file": SimpleUploadedFile("records.txt", b"abc")})
    missing = client.post(PAGE, {})

    assert wrong.status_code == 400
    assert 'data-error-code="file_type"' in wrong.content.decode()
    assert "请使用 .xlsx 或 .csv 文件" in wrong.content.decode()
    assert missing.status_code == 400 and "请选择要导入的文件。" in missing.content.decode()


def test_people_without_a_supervision_scope_are_refused(client, world, tmp_path):
    client.force_login(_user(Role.OFFICER, "SCJ1"))

    assert client.get(PAGE).status_code == 403
    assert client.get(reverse("supervision:record_import_template")).status_code == 403
    response = client.post(API, {"file": _upload(tmp_path, [_row(world, "K1", "SCJ1")])})
    assert response.status_code == 403 and response.json()["error"]["code"] == "supervision.no_access"
    assert not EnforcementRecord.objects.exists()


def test_the_template_has_the_headers_the_importer_reads(client, world, tmp_path):
    client.force_login(_user(Role.SUPERVISOR, "TJ"))

    template = client.get(reverse("supervision:record_import_template"))
    response = client.post(PAGE, {"file": SimpleUploadedFile("模板.csv", template.content)})

    assert template.content.startswith("\ufeff".encode())
    assert template.content.decode("utf-8-sig").strip().split(",")[:7] == RECORD_HEADERS
    # headers accepted, so the only complaint is that there are no rows
    assert response.status_code == 400 and "文件中没有数据行。" in response.content.decode()


def test_the_api_imports_an_xlsx_and_lists_bad_rows_with_400(client, world, tmp_path):
    client.force_login(_user(Role.SUPERVISOR, "TJ"))
    good = write_xlsx(tmp_path / "good.xlsx", RECORD_HEADERS, [_row(world, "K1", "SCJ1")])
    bad_row = [*_row(world, "K2", "SCJ1")[:5], "2024-13-01", "2024-03-02"]
    bad = write_xlsx(tmp_path / "bad.xlsx", RECORD_HEADERS, [_row(world, "K3", "SCJ1"), bad_row])

    ok = client.post(API, {"file": SimpleUploadedFile("good.xlsx", good.read_bytes())})
    refused = client.post(API, {"file": SimpleUploadedFile("bad.xlsx", bad.read_bytes())})

    assert ok.status_code == 200
    assert ok.json() | {"details": None} == {
        "kind": "records", "source": "good.xlsx", "ok": True, "created": 1, "updated": 0, "unchanged": 0, "errors": [],
        "error_total": 0, "errors_truncated": False, "details": None,
    }  # fmt: skip
    assert refused.status_code == 400
    error = refused.json()["error"]
    assert error["code"] == "import_rows_invalid"
    assert [(row["row"], row["column"]) for row in error["fields"]["rows"]] == [(3, "发生日期")]
    assert error["error_total"] == 1 and error["message"] == "1处错误，未导入任何数据。"
    assert set(EnforcementRecord.objects.values_list("key", flat=True)) == {"K1"}


def test_the_api_counts_every_bad_row_and_lists_the_first_thousand(client, world, tmp_path):
    client.force_login(_user(Role.SUPERVISOR, "TJ"))
    rows = [[*_row(world, f"K{n}", "SCJ1")[:5], "2024-13-01", "2024-03-02"] for n in range(MAX_LISTED_ERRORS + 3)]
    bad = write_csv(tmp_path / "bad.csv", RECORD_HEADERS, rows)

    error = client.post(API, {"file": SimpleUploadedFile("bad.csv", bad.read_bytes())}).json()["error"]

    assert len(error["fields"]["rows"]) == MAX_LISTED_ERRORS and error["error_total"] == MAX_LISTED_ERRORS + 3
    assert error["message"] == f"{MAX_LISTED_ERRORS + 3}处错误（只列出前{MAX_LISTED_ERRORS}处），未导入任何数据。"


def test_a_concurrent_import_of_the_same_keys_answers_409(client, world, tmp_path, monkeypatch):
    # What PostgreSQL raises when another transaction committed the same (source, 记录编号) first.
    def clash(**kwargs):
        raise IntegrityError('duplicate key value violates unique constraint "sup_record_source_key"')

    monkeypatch.setattr(services, "records_import", clash)
    client.force_login(_user(Role.SUPERVISOR, "TJ"))

    page = client.post(PAGE, {"file": _upload(tmp_path, [_row(world, "K1", "SCJ1")])})
    api = client.post(API, {"file": _upload(tmp_path, [_row(world, "K1", "SCJ1")])})

    assert page.status_code == 409 and 'data-error-code="import.concurrent"' in page.content.decode()
    assert api.status_code == 409 and api.json()["error"]["code"] == "import.concurrent"
