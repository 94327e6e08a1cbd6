"""`fazhi import <kind> FILE [--dry-run] [--json]`: all-or-nothing imports, bad rows by number."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.core.actors import system_actor
from fazhi.core.errors import DomainError
from fazhi.core.importing import importer_for, importer_kinds, run_import


class Command(BaseCommand):
    help = "导入数据文件（CSV/XLSX 或法规文本）。任一行有错误则整份文件都不导入。"

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = ", ".join(spec.kind for spec in importer_kinds()) or "—"
        parser.add_argument("kind", help=f"导入类型：{kinds}")
        parser.add_argument("path", help="文件或目录路径")
        parser.add_argument("--dry-run", action="store_true", help="只校验，不写入")
        parser.add_argument("--json", action="store_true", help="以JSON输出报告")

    def handle(self, *args: Any, **options: Any) -> None:
        kind = options["kind"]
        spec = importer_for(kind)
        if spec is None:
            known = "、".join(s.kind for s in importer_kinds())
            raise CommandError(f"未知的导入类型：{kind}（可用：{known}）", returncode=2)
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(f"文件不存在：{path}", returncode=2)
        try:
            report = run_import(kind=kind, path=path, actor=system_actor(), dry_run=options["dry_run"])
        except DomainError as exc:
            raise CommandError(f"{exc.message}（{exc.code}）", returncode=2) from exc
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))
        else:
            self._print_human(report, dry_run=options["dry_run"], label=spec.label)
        if not report.ok:
            raise CommandError(f"{report.error_total}处错误，未导入任何数据。", returncode=1)

    def _print_human(self, report: Any, *, dry_run: bool, label: str) -> None:
        if report.ok:
            verb = "校验通过（未写入）" if dry_run else "导入完成"
            self.stdout.write(f"{label}{verb}：新增{report.created}，更新{report.updated}，未变{report.unchanged}。")
            created_domains = report.details.get("created_domains")
            if created_domains:
                # A typo in 执法领域 makes a new ranking peer group: say so, not only in --json.
                prefix = "将新建执法领域" if dry_run else "新建执法领域"
                self.stdout.write(f"{prefix}：{'、'.join(created_domains)}（如为笔误，请更正文件后重新导入）。")
            return
        for error in report.errors:
            column = f"［{error.column}］" if error.column else ""
            self.stderr.write(f"第{error.row}行{column}：{error.message}")
        if report.errors_truncated:
            self.stderr.write(f"……共{report.error_total}处错误，只列出前{len(report.errors)}处。")
