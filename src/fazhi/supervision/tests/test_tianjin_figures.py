"""The published Tianjin figures (RULES.md §10), reproduced from data loaded with the import commands."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.management import call_command

from fazhi.orgs import services as org_services
from fazhi.orgs.choices import CertificateEventKind
from fazhi.orgs.models import Certificate, OrgUnit
from fazhi.supervision import selectors

pytestmark = pytest.mark.django_db


def _values(report) -> dict[str, str | None]:
    return {v.code: (None if v.value is None else str(v.value)) for v in report.total.values}


def test_teda_2024_figures_from_imported_files(tianjin):
    # given: 284 officers, 884 power items and 1,273 records, each file imported with `fazhi import`

    unit = OrgUnit.objects.get(code="SCJ1")

    # when
    report = selectors.indicator_report(unit=unit, start=date(2024, 1, 1), end=date(2024, 12, 31))

    # then: exactly the published figures
    values = _values(report)
    assert values["officers_total"] == "284"
    assert values["officers_participating"] == "253"
    assert values["participation_rate"] == "89.08"
    assert values["power_items_total"] == "884"
    assert values["power_items_exercised"] == "633"
    assert values["exercise_rate"] == "71.61"
    assert values["records_total"] == "1273"
    assert values["records_inspection"] == "1055"
    assert values["records_penalty"] == "212"
    assert values["records_education"] == "6"
    assert values["records_per_officer"] == "5.03"
    assert values["upload_timeliness"] == "100.00"


def test_region_total_equals_the_unit_and_the_cli_prints_the_same(tianjin):

    out = io.StringIO()

    call_command("indicators", "--unit", "TJ", "--from", "2024-01-01", "--to", "2024-12-31", "--json", stdout=out)

    data = json.loads(out.getvalue())
    total = {i["code"]: i for i in data["total"]["indicators"]}
    assert total["participation_rate"]["value"] == "89.08"
    assert total["participation_rate"]["numerator"] == 253
    assert total["participation_rate"]["denominator"] == 284
    assert total["exercise_rate"]["value"] == "71.61"
    assert total["records_per_officer"]["value"] == "5.03"
    units = {row["unit"]["code"] for row in data["units"]}
    assert units >= {"SCJ1", "SCJ2", "CG1"}
    assert "TJ" not in units  # the region has no figures of its own: no block of zeros beside the total


def test_drill_downs_show_the_rows_behind_each_number(tianjin):
    district = tianjin
    unit = OrgUnit.objects.get(code="TJ")
    period = {"unit": unit, "start": date(2024, 1, 1), "end": date(2024, 12, 31)}

    idle = selectors.drilldown(kind="officers_not_participating", **period)
    unused = selectors.drilldown(kind="power_items_not_exercised", **period, limit=1000)
    records = selectors.drilldown(kind="records", record_type="education", **period)

    assert idle.count == 31
    assert sorted(row[2] for row in idle.rows) == sorted(district.officers[253:])
    assert unused.count == 251
    assert sorted(row[1] for row in unused.rows) == sorted(district.items[633:])
    assert records.count == 6


def test_a_period_not_made_of_whole_months_reads_the_edge_days(tianjin):
    # the records run from 2024-01-02, one a day for 300 days: 10 March–20 April holds 42 days

    unit = OrgUnit.objects.get(code="SCJ1")

    report = selectors.indicator_report(unit=unit, start=date(2024, 3, 10), end=date(2024, 4, 20))
    rows = selectors.drilldown(unit=unit, kind="records", start=date(2024, 3, 10), end=date(2024, 4, 20))
    participants = selectors.drilldown(
        unit=unit, kind="officers_participating", start=date(2024, 3, 10), end=date(2024, 4, 20)
    )

    values = {v.code: v for v in report.total.values}
    assert values["records_total"].value == rows.count
    assert values["officers_participating"].value == participants.count
    assert rows.count > 0


def test_a_suspended_certificate_leaves_both_the_figure_and_the_rows(tianjin):
    certificate = Certificate.objects.get(number=tianjin.officers[0])  # a participating officer
    org_services.certificate_set_status(
        actor=None, certificate=certificate, kind=CertificateEventKind.SUSPENDED, effective_on=date(2024, 6, 1),
        reason="暂扣",
    )  # fmt: skip
    unit = OrgUnit.objects.get(code="SCJ1")
    period = {"unit": unit, "start": date(2024, 1, 1), "end": date(2024, 12, 31)}

    values = _values(selectors.indicator_report(**period))
    rows = selectors.drilldown(kind="officers_participating", **period)
    before_suspension = _values(selectors.indicator_report(unit=unit, start=date(2024, 1, 1), end=date(2024, 3, 31)))

    assert values["officers_total"] == "283" and values["officers_participating"] == "252"
    assert rows.count == 252
    assert before_suspension["officers_total"] == "284"  # counted on the last day of the period
