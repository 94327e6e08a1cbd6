"""`fazhi deadline RULE START [--extend N] [--json]`: compute a statutory deadline and explain it."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.core.deadlines.selectors import deadline_compute, deadline_rule_list
from fazhi.core.errors import DomainError


class Command(BaseCommand):
    help = "计算法定期限的届满日，并说明计算过程。RULE 为规则代码（如 penalty.service），START 为起算日 YYYY-MM-DD。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("rule", nargs="?", help="规则代码；省略时列出全部规则")
        parser.add_argument("start", nargs="?", help="起算日 YYYY-MM-DD")
        parser.add_argument("--extend", type=int, default=0, help="依法延长的天数")
        parser.add_argument("--json", action="store_true", help="以JSON输出")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["rule"]:
            for rule in deadline_rule_list():
                flag = "" if rule.confirmed else "（默认值，未经核实）"
                self.stdout.write(f"{rule.code:<40} {rule.name_zh}：{rule.period_label}{flag}  {rule.legal_basis}")
            return
        if not options["start"]:
            raise CommandError("请提供起算日 START（YYYY-MM-DD）。", returncode=2)
        try:
            start = date.fromisoformat(options["start"])
        except ValueError as exc:
            raise CommandError(f"起算日“{options['start']}”不是有效日期，应为 YYYY-MM-DD。", returncode=2) from exc
        try:
            result = deadline_compute(rule_code=options["rule"], start=start, extension=options["extend"])
        except DomainError as exc:
            raise CommandError(f"{exc.message}（{exc.code}）", returncode=2) from exc
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
            return
        self.stdout.write(f"{result.name_zh}（{result.rule}）")
        self.stdout.write(f"届满日：{result.due.isoformat()}")
        self.stdout.write(f"法律依据：{result.legal_basis}")
        for number, step in enumerate(result.steps, start=1):
            self.stdout.write(f"  {number}. {step}")
