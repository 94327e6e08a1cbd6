"""`fazhi audit verify [--json] [--against HASH@SEQ]` and `fazhi audit checkpoint`."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.core.audit.selectors import audit_chain_head, audit_chain_verify


def _parse_checkpoint(value: str) -> tuple[str, int]:
    digest, _, sequence = value.partition("@")
    if len(digest) != 64 or not sequence.isdigit():
        raise CommandError("校验点格式应为 HASH@序号（64位十六进制哈希）。", returncode=2)
    return digest.lower(), int(sequence)


class Command(BaseCommand):
    help = "审计日志：verify 校验防篡改哈希链；checkpoint 输出当前链头以便对外公布。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="校验审计日志是否被修改或删除")
        verify.add_argument("--json", action="store_true")
        verify.add_argument("--against", help="已公布的校验点 HASH@序号")
        sub.add_parser("checkpoint", help="输出当前链头 HASH@序号")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "checkpoint":
            head = audit_chain_head()
            self.stdout.write(f"{head.row_hash}@{head.sequence}")
            return
        checkpoint = _parse_checkpoint(options["against"]) if options.get("against") else None
        report = audit_chain_verify(checkpoint=checkpoint)
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))
        elif report.ok:
            self.stdout.write(
                f"审计日志完整：已校验{report.checked}条，链头 {report.last_hash}@{report.last_sequence}。"
            )
        else:
            self.stdout.write(f"发现{len(report.problems)}处篡改迹象（已校验{report.checked}条）：")
            for problem in report.problems:
                self.stdout.write(f"  序号{problem.sequence} [{problem.kind}] {problem.detail}")
        if not report.ok:
            raise CommandError("审计日志校验未通过。", returncode=1)
