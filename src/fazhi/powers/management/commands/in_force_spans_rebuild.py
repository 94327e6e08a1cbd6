"""`fazhi in_force_spans_rebuild`: recompute every owner unit's in-force spans from the power items.

The services keep the spans current; this is for items written around them (bulk set-up, or a
database from before the spans existed — migration 0002 builds them once; run it after a bulk load).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from fazhi.powers import services


class Command(BaseCommand):
    help = "重新计算各实施主体的有效权责事项区间（权责事项总数据此统计）。"

    def handle(self, *args: Any, **options: Any) -> None:
        spans = services.in_force_spans_rebuild()
        self.stdout.write(f"已重新计算{spans}个实施主体有效事项区间。")
