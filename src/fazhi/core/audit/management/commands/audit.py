"""`fazhi audit verify [--json] [--against CHECKPOINT]` and `fazhi audit checkpoint`."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.core.audit.checkpoints import Checkpoint, CheckpointFormatError, current_checkpoint, parse_checkpoint
from fazhi.core.audit.selectors import audit_chain_verify


def _parse_checkpoint(value: str) -> Checkpoint:
    try:
        return parse_checkpoint(value)
    except CheckpointFormatError:
        raise CommandError(
            "校验点格式应为 HASH@序号1.序号2.…（64位十六进制哈希，各链末条序号以“.”分隔）。", returncode=2
        ) from None


class Command(BaseCommand):
    help = "审计日志：verify 校验防篡改哈希链；checkpoint 输出当前链头以便对外公布。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="校验审计日志是否被修改或删除")
        verify.add_argument("--json", action="store_true")
        verify.add_argument("--against", help="已公布的校验点 HASH@序号1.序号2.…")
        sub.add_parser("checkpoint", help="输出各链当前末条的校验点 HASH@序号1.序号2.…")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "checkpoint":
            self.stdout.write(str(current_checkpoint()))
            return
        checkpoint = _parse_checkpoint(options["against"]) if options.get("against") else None
        report = audit_chain_verify(checkpoint=checkpoint)
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))
        elif report.ok:
            self.stdout.write(f"审计日志完整：已校验{len(report.chains)}条链共{report.checked}条记录。")
        else:
            self.stdout.write(f"发现{len(report.problems)}处篡改迹象（已校验{report.checked}条）：")
            for problem in report.problems:
                self.stdout.write(f"  第{problem.chain}链序号{problem.sequence} [{problem.kind}] {problem.detail}")
        if not report.ok:
            raise CommandError("审计日志校验未通过。", returncode=1)
