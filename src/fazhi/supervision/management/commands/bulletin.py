"""`fazhi bulletin --unit CODE --year Y --quarter Q --number 期号 --issuer 机关 [--bottom N] [--out FILE.docx]`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from fazhi.core.actors import system_actor
from fazhi.core.errors import DomainError
from fazhi.orgs.selectors import org_unit_get_by_code
from fazhi.supervision import documents, services


class Command(BaseCommand):
    help = "计算并印发季度行政执法情况通报（冻结快照），可输出 GB/T 9704 版式 .docx。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="通报范围（区域）单位编码")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--quarter", type=int, required=True, choices=[1, 2, 3, 4])
        parser.add_argument("--number", required=True, help="期号，如 滨法治办〔2025〕1号")
        parser.add_argument("--issuer", required=True, help="发文机关")
        parser.add_argument("--bottom", type=int, help="末位约谈单位数（默认取考核方案）")
        parser.add_argument("--out", help="把通报 .docx 写到该文件")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            unit = org_unit_get_by_code(code=options["unit"])
            services.ingest_internal_records()
            bulletin = services.bulletin_issue(
                actor=system_actor(),
                unit=unit,
                year=options["year"],
                quarter=options["quarter"],
                number=options["number"],
                issuer=options["issuer"],
                issued_on=timezone.localdate(),
                bottom_n=options.get("bottom"),
            )
        except DomainError as exc:
            raise CommandError(f"{exc.message}（{exc.code}）", returncode=2) from exc
        if options.get("out"):
            Path(options["out"]).write_bytes(documents.bulletin_docx(bulletin))
        payload = bulletin.snapshot.payload
        if options["json"]:
            self.stdout.write(json.dumps({"id": bulletin.pk, **payload}, ensure_ascii=False, default=str))
            return
        self.stdout.write(f"已印发：{bulletin.snapshot.title}（{bulletin.number}）")
        for row in payload["ranking"]:
            self.stdout.write(f"  {row['group']} 第{row['rank']}名 {row['name']} {row['score']}分")
        for row in payload.get("not_ranked", []):
            self.stdout.write(f"  {row['group']} 不参与排名 {row['name']}：{row['reason']}")
        names = "、".join(row["name"] for row in payload["summoned"]) or "无"
        self.stdout.write(f"建议约谈：{names}")
