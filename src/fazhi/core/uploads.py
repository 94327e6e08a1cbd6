"""Uploading a `fazhi import` file in the browser: the form, the page's answer, the saved file.

The readers (core.tabular) pick CSV or XLSX by the file's suffix and read from a path; an upload
arrives in memory or as a temporary file under another name. `saved_upload` checks the type and the
size first (a Chinese refusal, never a 500) and copies the upload to a temporary file with its own
suffix. `import_upload_handle` is what every upload page does with a request: bind the form, run the
domain's upload importer, and say which HTTP status the page answers with (the templates
core/_import_form.html and core/_import_result.html show the form and the outcome).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest

from fazhi.core.errors import DomainError
from fazhi.core.importing import ImportReport
from fazhi.core.tabular import file_format

# An upload of a million records as CSV is about 100 MB; a larger file is refused before it is read.
UPLOAD_MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SavedUpload:
    path: Path  # the temporary copy, named with the upload's suffix
    filename: str  # the name the file had on the uploader's computer (without folders)


@contextmanager
def saved_upload(upload: UploadedFile) -> Iterator[SavedUpload]:
    """Yield the upload saved as a temporary .csv or .xlsx file, removed when the block ends.

    Refused (400) before anything is written: another type (`file_type`), a file over
    UPLOAD_MAX_BYTES (`import.file_too_large`).
    """
    filename = Path(upload.name or "upload").name
    suffix = "." + file_format(filename)
    if upload.size and upload.size > UPLOAD_MAX_BYTES:
        raise DomainError(
            f"文件过大（{upload.size / 2**20:.0f} MB），单个文件不超过{UPLOAD_MAX_BYTES // 2**20} MB，请分批导入。",
            code="import.file_too_large",
        )
    with tempfile.TemporaryDirectory(prefix="fazhi-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        yield SavedUpload(path=path, filename=filename)


class ImportUploadForm(forms.Form):
    """An uploaded import file (CSV or XLSX with the columns of its `fazhi import` command) and 只校验."""

    file = forms.FileField(
        label="文件",
        help_text=(
            "支持 .xlsx 与 .csv（UTF-8 或 GB18030）。任一行有错误，整份文件都不导入；重复导入同一文件不会重复登记。"
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv", "class": "form-control"}),
        error_messages={"required": "请选择要导入的文件。", "empty": "上传的文件是空的。"},
    )
    dry_run = forms.BooleanField(
        label="只校验，不写入", required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )


@dataclass(frozen=True, slots=True)
class UploadOutcome:
    """What an upload page shows: the form, the import report or the refusal, and the HTTP status."""

    form: ImportUploadForm
    report: ImportReport | None
    refusal: DomainError | None
    status: int  # 200; 400 for a bad form, file or row; 409 for a concurrent import
    dry_run: bool

    def context(self) -> dict[str, Any]:
        return {"form": self.form, "report": self.report, "refusal": self.refusal, "dry_run": self.dry_run}


def import_upload_handle(request: HttpRequest, *, run: Callable[..., ImportReport]) -> UploadOutcome:
    """GET: an empty form. POST: the bound form's file imported by `run(file, user=…, dry_run=…)`.

    Bad rows answer 400 with the report; the importer's refusals (file type, size, 409 concurrent)
    with their own status. The page shows the counts (core/_import_result.html): no flash message too.
    """
    # Bound on every POST: a POST with neither fields nor file must show "请选择要导入的文件".
    form = ImportUploadForm(request.POST, request.FILES) if request.method == "POST" else ImportUploadForm()
    if request.method != "POST":
        return UploadOutcome(form, None, None, 200, dry_run=False)
    if not form.is_valid():
        return UploadOutcome(form, None, None, 400, dry_run=False)
    dry_run = form.cleaned_data["dry_run"]
    try:
        report = run(form.cleaned_data["file"], user=request.user, dry_run=dry_run)
    except DomainError as exc:
        return UploadOutcome(form, None, exc, exc.status_code, dry_run=dry_run)
    return UploadOutcome(form, report, None, 200 if report.ok else 400, dry_run=dry_run)
