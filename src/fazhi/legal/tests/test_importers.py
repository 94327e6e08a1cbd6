"""`fazhi import laws PATH`: files, directories, all-or-nothing, the JSON report."""

from __future__ import annotations

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from fazhi.core.audit.models import AuditEvent
from fazhi.core.errors import DomainError
from fazhi.core.importing import importer_for
from fazhi.legal import services
from fazhi.legal.importers import import_laws
from fazhi.legal.models import LegalArticle, LegalSource, LegalSourceVersion
from fazhi.legal.parsing import parse_law_text
from fazhi.legal.tests.conftest import FIXTURES, LAW_2020, LAW_2023, LAW_TITLE, NO_ARTICLES, RULE_TXT, fixture_text

pytestmark = pytest.mark.django_db


def law_dir(tmp_path: Path, *names: str) -> Path:
    directory = tmp_path / "laws"
    directory.mkdir()
    for name in names:
        shutil.copy(FIXTURES / name, directory / name)
    return directory


def run_json(path: Path, *args: str) -> dict:
    out = StringIO()
    call_command("import", "laws", str(path), "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_importer_is_registered() -> None:
    spec = importer_for("laws")
    assert spec is not None
    assert (spec.label, spec.run) == ("法律法规", import_laws)


def test_directory_import_reports_sources_versions_and_articles(tmp_path: Path) -> None:
    directory = law_dir(tmp_path, LAW_2020, LAW_2023, RULE_TXT)

    report = run_json(directory)

    assert report["ok"] is True
    assert (report["created"], report["updated"], report["unchanged"]) == (2, 1, 0)
    details = report["details"]
    assert (details["sources_created"], details["versions_created"], details["articles_created"]) == (2, 3, 18)
    files = {row["file"]: row for row in details["files"]}
    assert files[LAW_2020]["outcome"] == "created"
    assert files[LAW_2020]["articles"] == 8
    assert files[LAW_2020]["status"] == "amended"
    assert files[LAW_2023]["outcome"] == "new_version"
    assert files[LAW_2023]["status"] == "in_force"
    assert files[RULE_TXT]["title"] == "示范档案管理办法"
    assert LegalSource.objects.count() == 2
    assert LegalSourceVersion.objects.count() == 3
    assert LegalArticle.objects.count() == 18


def test_second_run_is_unchanged(tmp_path: Path) -> None:
    directory = law_dir(tmp_path, LAW_2020, RULE_TXT)
    run_json(directory)
    audit_rows = AuditEvent.objects.count()

    report = run_json(directory)

    assert (report["created"], report["updated"], report["unchanged"]) == (0, 0, 2)
    assert report["details"]["articles_created"] == 0
    assert AuditEvent.objects.count() == audit_rows


def test_one_bad_file_imports_nothing(tmp_path: Path) -> None:
    directory = law_dir(tmp_path, LAW_2020, NO_ARTICLES, RULE_TXT)
    out = StringIO()

    with pytest.raises(CommandError):
        call_command("import", "laws", str(directory), "--json", stdout=out)

    report = json.loads(out.getvalue())
    assert report["ok"] is False
    # Files are taken in name order: 工作说明.md is the first.
    assert report["errors"] == [
        {
            "row": 1,
            "column": "文件",
            "message": f"文件“{NO_ARTICLES}”中没有找到条文：条文应在行首以“第…条”开始（如“第一条 为了……”）。",
        }
    ]
    assert not LegalSource.objects.exists()
    assert not LegalArticle.objects.exists()
    assert not AuditEvent.objects.exists()


def test_file_without_effective_date_is_a_row_error(tmp_path: Path) -> None:
    directory = law_dir(tmp_path, LAW_2020)
    (directory / "示范规定.md").write_text("# 示范规定\n第一条 为了示范。\n", encoding="utf-8")

    report = import_laws(directory, actor=None)

    # Name order: 示范执法法(…).md is row 1, 示范规定.md row 2.
    assert [(e.row, "示范规定.md" in e.message and "施行日期" in e.message) for e in report.errors] == [(2, True)]
    assert not LegalSource.objects.exists()


def test_a_failure_while_writing_rolls_back_the_whole_batch() -> None:
    # The first document is written, the second is refused inside the same transaction.
    good = parse_law_text(fixture_text(LAW_2020), filename=LAW_2020)
    undated = parse_law_text("# 示范规定\n第一条 为了示范。\n", filename="示范规定.md")

    with pytest.raises(DomainError) as caught:
        services.legal_source_import_batch(actor=None, documents=[good, undated])

    assert caught.value.code == "legal_effective_date_missing"
    assert not LegalSource.objects.exists()
    assert not LegalArticle.objects.exists()
    assert not AuditEvent.objects.exists()


def test_single_file_and_dry_run(tmp_path: Path) -> None:
    path = law_dir(tmp_path, LAW_2020) / LAW_2020

    dry = run_json(path, "--dry-run")
    assert (dry["created"], dry["details"]["files"][0]["articles"]) == (1, 8)
    assert not LegalSource.objects.exists()

    report = run_json(path)
    assert report["details"]["files"][0]["title"] == LAW_TITLE
    assert LegalSource.objects.filter(title=LAW_TITLE).exists()


def test_hidden_and_other_files_are_ignored(tmp_path: Path) -> None:
    directory = law_dir(tmp_path, LAW_2020)
    (directory / "notes.docx").write_bytes(b"PK\x03\x04")
    (directory / ".draft.md").write_text("草稿", encoding="utf-8")

    report = import_laws(directory, actor=None)

    assert report.ok
    assert [row["file"] for row in report.details["files"]] == [LAW_2020]


def test_gbk_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "示范规定(2020-01-01).txt"
    path.write_bytes("示范规定\n第一条 为了示范。\n".encode("gbk"))

    report = import_laws(path, actor=None)

    assert report.ok
    assert LegalArticle.objects.get().text == "为了示范。"


def test_empty_directory_is_an_error(tmp_path: Path) -> None:
    report = import_laws(law_dir(tmp_path), actor=None)
    assert not report.ok
    assert "没有 .md 或 .txt" in report.errors[0].message
