"""`fazhi tick [--loop --interval S] [--json]`: scheduled work and the outbox, in one worker."""

from __future__ import annotations

import json
import signal
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fazhi.core.outbox.services import process_pending, run_periodic


class Command(BaseCommand):
    help = "执行定时任务（期限提醒等）并处理待办消息；--loop 持续运行。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="持续运行，直到收到 SIGTERM")
        parser.add_argument("--interval", type=float, default=30.0, help="循环间隔秒数")
        parser.add_argument("--limit", type=int, default=500, help="每轮最多处理的消息数")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        stopping = False

        def stop(signum: int, frame: Any) -> None:
            nonlocal stopping
            stopping = True  # finish the current round, then exit cleanly

        signal.signal(signal.SIGTERM, stop)
        while True:
            periodic = run_periodic()
            summary = process_pending(limit=options["limit"])
            summary.periodic = periodic
            if options["json"]:
                self.stdout.write(json.dumps(summary.as_dict(), ensure_ascii=False))
            else:
                self.stdout.write(
                    f"已处理{summary.processed}条，重试{summary.retried}条，失败{summary.failed}条；"
                    f"定时任务：{periodic or '无'}"
                )
            if not options["loop"] or stopping:
                return
            time.sleep(options["interval"])
