"""`fazhi indicators --unit CODE --from DATE --to DATE [--as-of DATETIME] [--json] [--ingest]`."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from fazhi.core.errors import DomainError
from fazhi.orgs.selectors import org_unit_get_by_code
from fazhi.supervision import rules, selectors, services


def _day(text: str) -> date:
    try:
        return rules.parse_day(text, label="日期")
    except DomainError as exc:
        raise CommandError(exc.message, returncode=2) from exc


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"“{text}”：{rules.AS_OF_FORMAT_MESSAGE}", returncode=2) from exc
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


class Command(BaseCommand):
    help = "计算行政执法监督指标（单位含下级单位）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="单位编码")
        parser.add_argument("--from", dest="start", required=True, help="统计期间起，如 2024-01-01")
        parser.add_argument("--to", dest="end", required=True, help="统计期间止，如 2024-12-31")
        parser.add_argument("--as-of", dest="as_of", help="数据截止时间，如 2024-12-23 18:00（默认：现在）")
        parser.add_argument("--json", action="store_true", help="以JSON输出")
        parser.add_argument("--ingest", action="store_true", help="先归集本平台新办理的执法记录")

    def handle(self, *args: Any, **options: Any) -> None:
        start, end = _day(options["start"]), _day(options["end"])
        as_of = _moment(options["as_of"]) if options.get("as_of") else None
        try:
            rules.require_period(start, end, today=timezone.localdate())  # as the page and the API
            unit = org_unit_get_by_code(code=options["unit"])
            if options["ingest"]:
                services.ingest_internal_records()
            services.rollups_merge_pending()  # imported records wait in batches until read
            report = selectors.indicator_report(unit=unit, start=start, end=end, as_of=as_of)
        except DomainError as exc:
            raise CommandError(f"{exc.message}（{exc.code}）", returncode=2) from exc
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))
            return
        self.stdout.write(f"{unit.name}  {start}至{end}  数据截至{timezone.localtime(report.as_of):%Y-%m-%d %H:%M}")
        for value in report.total.values:
            shown = "—" if value.value is None else f"{value.value}{value.unit_label}"
            basis = f"（{value.numerator}/{value.denominator}）" if value.denominator is not None else ""
            self.stdout.write(f"  {value.name}：{shown}{basis}")
