"""`fazhi import laws PATH`: import one law file, or every .md/.txt file under a directory.

All-or-nothing for the whole batch: every file is read and parsed before anything is written, and
a file that cannot be used (no 第…条 articles, garbled numbering, unknown encoding, no 施行日期) is
reported as a RowError whose row is the file's 1-based position in the batch — then nothing at all
is imported. The writes themselves run in one transaction (services.legal_source_import_batch).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fazhi.core.errors import DomainError
from fazhi.core.importing import ImportReport, RowError
from fazhi.legal import selectors, services
from fazhi.legal.parsing import ParsedLaw, parse_law_text

LAW_FILE_SUFFIXES = frozenset({".md", ".markdown", ".txt"})
# The longest codes (民法典) are about 1 MB of UTF-8; anything far larger is not one law text.
MAX_FILE_BYTES = 8 * 1024 * 1024


def law_files(path: Path) -> list[Path]:
    """Return the files to import: `path` itself, or the .md/.txt files below it in name order."""
    if path.is_file():
        return [path]
    return sorted(
        candidate
        for candidate in path.rglob("*")
        if candidate.is_file()
        and candidate.suffix.lower() in LAW_FILE_SUFFIXES
        and not any(part.startswith(".") for part in candidate.relative_to(path).parts)
    )


def read_law_file(path: Path) -> str:
    """Return the file's text: UTF-8 (with or without BOM), else GB18030 — older government files use GBK."""
    data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise DomainError(f"文件“{path.name}”过大（超过{MAX_FILE_BYTES // 1024 // 1024}MB），不是单部法规文本。")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    # Rarely reached: GB18030 decodes most byte strings.
    raise DomainError(f"文件“{path.name}”的编码无法识别，请另存为UTF-8。")


def _file_label(path: Path, root: Path) -> str:
    return path.name if root.is_file() else str(path.relative_to(root))


def import_laws(path: Path, *, actor: Any, dry_run: bool = False) -> ImportReport:
    """Import law texts from a file or directory; return the report the `import` command prints."""
    report = ImportReport(kind="laws", source=str(path))
    files = law_files(path)
    if not files:
        report.add_error(RowError(row=1, column="文件", message=f"目录“{path}”中没有 .md 或 .txt 法规文件。"))
        return report

    parsed: list[ParsedLaw] = []
    for row, file in enumerate(files, start=1):
        label = _file_label(file, path)
        try:
            document = parse_law_text(read_law_file(file), filename=label)
            if document.effective_from is None:
                raise DomainError(
                    f"文件“{label}”无法确定施行日期：请写明“施行日期：YYYY-MM-DD”，或在文件名中注明日期，"
                    "如“行政处罚法(2021-01-22).md”。"
                )
            parsed.append(document)
        except DomainError as exc:
            report.add_error(RowError(row=row, column="文件", message=exc.message))
        except OSError as exc:
            report.add_error(RowError(row=row, column="文件", message=f"文件“{label}”无法读取：{exc.strerror}"))
    if report.errors:
        return report

    if dry_run:
        # Predict from what is stored; a title repeated inside the batch counts once per file.
        rows = []
        for document in parsed:
            source, version = selectors.legal_version_find(title=document.title, checksum=document.checksum)
            outcome = "unchanged" if version else ("new_version" if source else "created")
            rows.append(_row(document, outcome=outcome))
        _tally(report, rows)
        return report

    results = services.legal_source_import_batch(actor=actor, documents=parsed)
    rows = [
        {
            **_row(document, outcome=str(result.outcome)),
            "source_id": result.source.pk,
            "version_id": result.version.pk,
            "version": result.version.label,
            "status": result.version.status,
            "effective_from": result.version.effective_from.isoformat(),
        }
        for document, result in zip(parsed, results, strict=True)
    ]
    _tally(report, rows)
    return report


def _row(document: ParsedLaw, *, outcome: str) -> dict[str, Any]:
    return {
        "file": document.filename,
        "title": document.title,
        "level": document.level,
        "articles": len(document.articles),
        "outcome": outcome,
        "warnings": list(document.warnings),
    }


def _tally(report: ImportReport, rows: list[dict[str, Any]]) -> None:
    report.created = sum(1 for row in rows if row["outcome"] == "created")
    report.updated = sum(1 for row in rows if row["outcome"] == "new_version")
    report.unchanged = sum(1 for row in rows if row["outcome"] == "unchanged")
    written = [row for row in rows if row["outcome"] != "unchanged"]
    report.details = {
        "files": rows,
        "sources_created": report.created,
        "versions_created": len(written),
        "articles_created": sum(row["articles"] for row in written),
    }
