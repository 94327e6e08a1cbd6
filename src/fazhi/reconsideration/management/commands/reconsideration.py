"""`fazhi reconsideration deem-accepted [--today YYYY-MM-DD] [--dry-run]`: apply Art. 30(3) (视为受理).

Run daily (e.g. after `fazhi tick`): cases whose 5-day acceptance review ran out without a refusal
are accepted from the review's last day, with the system actor in the audit log.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from fazhi.core.actors import system_actor
from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.errors import DomainError
from fazhi.reconsideration import selectors, services


class Command(BaseCommand):
    help = "行政复议：审查期限届满未作出不予受理决定的，依法视为受理（行政复议法第三十条第三款）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["deem-accepted"])
        parser.add_argument("--today", type=date.fromisoformat, help="按该日期判断（默认今天）")
        parser.add_argument("--dry-run", action="store_true", help="只列出，不写入")

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"] or timezone.localdate()
        actor = system_actor()
        done = 0
        for case in selectors.cases_due_for_deemed_acceptance(today=today):
            if options["dry_run"]:
                self.stdout.write(f"{case.number} 审查期限{format_date_zh(case.acceptance_due)}已届满，将视为受理")
                continue
            try:
                services.case_deem_accepted(actor=actor, case=case, today=today)
                done += 1
            except DomainError as exc:
                self.stderr.write(f"{case.number}：{exc.message}")
        self.stdout.write(f"视为受理 {done} 件。")
