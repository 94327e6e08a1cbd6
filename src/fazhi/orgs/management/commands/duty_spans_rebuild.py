"""`fazhi duty_spans_rebuild`: recompute every officer's 持证在岗 spans from the certificates.

The services keep the spans current; this is for officers and certificates written around them
(bulk set-up, or a database from before the spans existed — run it once after `migrate`).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from fazhi.orgs import services


class Command(BaseCommand):
    help = "重新计算全部执法人员的持证在岗区间（执法人员总数、参与执法人数据此统计）。"

    def handle(self, *args: Any, **options: Any) -> None:
        officers = services.officer_duty_rebuild()
        self.stdout.write(f"已重新计算{officers}名持证人员的持证在岗区间。")
