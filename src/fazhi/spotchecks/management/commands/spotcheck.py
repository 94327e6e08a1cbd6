"""`fazhi spotcheck verify PLAN [--json]` and `fazhi spotcheck stats PLAN [--json]`.

verify replays the draw from the stored (published) input and the revealed seed and compares it
with the recorded result and the tasks; exit status 1 when anything differs.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.spotchecks import selectors
from fazhi.spotchecks.models import Plan


class Command(BaseCommand):
    help = "双随机抽查：复核抽取（verify）或输出计划统计（stats）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify", "stats"])
        parser.add_argument("plan", type=int, help="抽查计划ID")
        parser.add_argument("--json", action="store_true", help="以JSON输出")

    def handle(self, *args: Any, **options: Any) -> None:
        # The command line acts with the operator's full access: the plan is looked up unscoped.
        plan = Plan.objects.filter(pk=options["plan"]).first()
        if plan is None:
            raise CommandError(f"抽查计划{options['plan']}不存在。", returncode=2)
        if options["action"] == "stats":
            stats = selectors.plan_stats(plan=plan)
            if options["json"]:
                self.stdout.write(json.dumps(stats.as_dict(), ensure_ascii=False))
            else:
                for key, value in stats.as_dict().items():
                    self.stdout.write(f"{key}: {value}")
            return
        report = selectors.plan_verify(plan=plan)
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))
        else:
            for check in report.checks:
                self.stdout.write(f"{'✓' if check.ok else '✗'} {check.label} {check.detail}")
            for difference in report.differences[:50]:
                self.stdout.write(f"  差异 {difference.entity}：记录 {difference.expected}；重放 {difference.actual}")
            self.stdout.write("复核一致" if report.ok else "复核不一致")
        if not report.ok:
            raise CommandError("抽取复核不一致。", returncode=1)
