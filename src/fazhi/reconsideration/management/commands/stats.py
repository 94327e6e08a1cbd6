"""`fazhi stats reconsideration --year YYYY [--unit CODE] [--category CAT] --json`: the published figures.

Other domains may add themselves to DOMAINS (a positional argument), e.g. `fazhi stats litigation`.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.errors import NotFound
from fazhi.orgs.selectors import org_unit_get_by_code
from fazhi.reconsideration.statistics import StatisticsReport, reconsideration_statistics, year_bounds

DOMAINS = ("reconsideration", "litigation")


class Command(BaseCommand):
    help = "按报告口径统计：行政复议（收案、受理、审结、纠错率、调撤率、复议首选率）与行政应诉（出庭应诉率、败诉率）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("domain", choices=DOMAINS, help="统计领域")
        parser.add_argument("--year", type=int, required=True, help="年度 YYYY")
        parser.add_argument("--unit", help="被申请人/被告单位编码（含下级）")
        parser.add_argument("--category", help="案件类别（行政复议法第十一条）")
        parser.add_argument("--json", action="store_true", help="以JSON输出")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            unit = org_unit_get_by_code(code=options["unit"]) if options["unit"] else None
        except NotFound as exc:
            raise CommandError(exc.message) from exc
        start, end = year_bounds(options["year"])
        report = reconsideration_statistics(start=start, end=end, unit=unit, category=options["category"])
        payload = report.as_dict()
        if options["domain"] == "litigation":
            payload = {"period": payload["period"], "unit": payload["unit"], "litigation": payload["litigation"]}
        if options["json"]:
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self._print(report, options["domain"])

    def _print(self, report: StatisticsReport, domain: str) -> None:
        t, lit = report.totals, report.litigation
        pct = lambda v: "—" if v is None else f"{v}%"  # noqa: E731
        period = f"统计期间：{format_date_zh(report.start)}至{format_date_zh(report.end)}"
        lines = [period + (f"，单位：{report.unit_code}" if report.unit_code else "")]
        if domain == "reconsideration":
            lines += [
                f"收到复议申请 {t.received} 件，受理 {t.accepted} 件，不予受理 {t.not_accepted} 件，"
                f"适用简易程序 {t.simplified} 件，涉企 {t.enterprise_related} 件",
                f"办结 {t.concluded} 件（案前调解和解 {t.closed_before_acceptance} 件，"
                f"受理后审结 {t.concluded_after_acceptance} 件，其中案中调解和解 {t.in_case_mediation} 件）",
                f"审结方式：{t.by_outcome}",
                f"纠错率 {pct(t.correction_rate)}，调撤率 {pct(t.mediation_withdrawal_rate)}，"
                f"复议首选率 {pct(report.first_choice_rate)}",
            ]
        lines += [
            f"行政诉讼一审立案 {lit.filed} 件（未经复议 {lit.direct} 件），审结 {lit.concluded} 件，败诉 {lit.lost} 件",
            f"负责人出庭应诉率 {pct(lit.head_appearance_rate)}"
            f"（负责人未出庭且无正当理由 {lit.unexcused_absence_cases} 件，"
            f"负责人和工作人员均未出庭 {lit.nobody_appeared_cases} 件），败诉率 {pct(lit.loss_rate)}",
        ]
        self.stdout.write("\n".join(lines))
