"""Build the files of `fazhi import units/officers/powers/records` and import them with the commands.

`tianjin_district` reproduces the published TEDA 2024 figures (RULES.md §10, source report 003):
284 certified officers of whom 253 took part in enforcement, 884 power items of which 633 were
exercised, and 1,273 records (1,055 inspections, 212 penalties, 6 education-and-correction).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from fazhi.orgs.choices import Role
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.tests.factories import RoleAssignmentFactory, UserFactory
from fazhi.powers.models import PowerItem
from fazhi.supervision import rules, services
from fazhi.supervision.models import (
    EnforcementRecord,
    OfficerRollup,
    PowerItemRollup,
    UnitActivityRollup,
    UnitRollup,
)
from fazhi.supervision.selectors import item_counts, officer_counts

UNIT_HEADERS = ["单位编码", "单位名称", "上级单位编码", "执法领域", "是否执法主体"]
OFFICER_HEADERS = ["执法证号", "姓名", "所属单位编码", "执法领域", "证件有效期起", "证件有效期止"]
POWER_HEADERS = ["事项编码", "事项名称", "事项类别", "实施主体编码", "设定依据"]
RECORD_HEADERS = ["记录编号", "记录类型", "单位编码", "权责事项编码", "执法证号", "发生日期", "录入日期"]


def write_csv(path: Path, headers: list[str], rows: list[list[str]], *, bom: bool = True) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    path.write_bytes(("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8"))
    return path


def write_xlsx(path: Path, headers: list[str], rows: list[list[str]], *, title: str = "") -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])  # a title line above the header, as government spreadsheets have
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def run_import(kind: str, path: Path) -> None:
    call_command("import", kind, str(path), stdout=io.StringIO())


def import_records_json(path: Path, *extra: str) -> dict:
    """`fazhi import records PATH --json` and its report, whether the file was imported or refused."""
    out = io.StringIO()
    try:
        call_command("import", "records", str(path), "--json", *extra, stdout=out, stderr=io.StringIO())
    except CommandError:
        pass  # a refused file exits non-zero; its report is on stdout all the same
    return json.loads(out.getvalue())


def role_client(role: Role, unit: str) -> Client:
    """A browser logged in as a new user holding `role` on the unit with code `unit`."""
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=role, unit=OrgUnit.objects.get(code=unit))
    client = Client()
    client.force_login(user)
    return client


@dataclass
class District:
    region: str
    units: list[str]
    officers: list[str]  # certificate numbers, in unit order
    items: list[str]


def take_the_general_path(patched: pytest.MonkeyPatch) -> None:
    """Make selectors.unit_measures count officers and power items the general way for every period,
    as if no period were one whole rollup bucket (no spans, no kept counts, no one-bucket join).

    Patched in each module that calls `_single_bucket`, since each looks the name up in its own
    namespace: patching the package or `buckets` alone would leave the counts on their fast paths.
    """
    for module in (officer_counts, item_counts):
        patched.setattr(module, "_single_bucket", lambda plan: None)


def small_district(tmp_path: Path) -> District:
    """Region TJ → government TJG → two market units (SCJ1, SCJ2) and one urban unit (CG1)."""
    write_csv(
        tmp_path / "units.csv",
        UNIT_HEADERS,
        [
            ["SCJ1", "第一市场监管所", "TJG", "市场监管", "是"],  # child before its parent: order is resolved
            ["TJ", "测试新区", "", "", "否"],
            ["TJG", "测试新区人民政府", "TJ", "", "否"],
            ["SCJ2", "第二市场监管所", "TJG", "市场监管", "是"],
            ["CG1", "城市管理综合执法大队", "TJG", "城市管理", "是"],
        ],
    )
    run_import("units", tmp_path / "units.csv")
    return District("TJ", ["SCJ1", "SCJ2", "CG1"], [], [])


def add_officers(tmp_path: Path, unit: str, count: int, *, prefix: str, domain: str = "市场监管") -> list[str]:
    numbers = [f"{prefix}{n:05d}" for n in range(count)]
    write_csv(
        tmp_path / f"officers-{prefix}.csv",
        OFFICER_HEADERS,
        [[number, f"执法员{number}", unit, domain, "2020-01-01", "2027-12-31"] for number in numbers],
    )
    run_import("officers", tmp_path / f"officers-{prefix}.csv")
    return numbers


def add_power_items(tmp_path: Path, unit: str, count: int, *, prefix: str) -> list[str]:
    codes = [f"{prefix}{n:05d}" for n in range(count)]
    write_csv(
        tmp_path / f"powers-{prefix}.csv",
        POWER_HEADERS,
        [[code, f"权责事项{code}", "行政检查", unit, "《中华人民共和国食品安全法》第一百一十条"] for code in codes],
    )
    run_import("powers", tmp_path / f"powers-{prefix}.csv")
    return codes


def record_rows(
    *,
    unit: str,
    officers: list[str],
    items: list[str],
    kinds: list[tuple[str, int]],
    start: date,
    prefix: str,
    late_every: int = 0,
) -> list[list[str]]:
    """Rows spread over the officers and items given (each used at least once), two officers a row."""
    rows = []
    total = sum(n for _kind, n in kinds)
    kind_list = [kind for kind, n in kinds for _ in range(n)]
    for index in range(total):
        first = officers[index % len(officers)]
        second = officers[(index + 1) % len(officers)]
        occurred = start + timedelta(days=index % 300)
        lag = 12 if late_every and index % late_every == 0 else 2
        rows.append(
            [
                f"{prefix}{index:06d}",
                kind_list[index],
                unit,
                items[index % len(items)],
                f"{first}；{second}" if first != second else first,
                occurred.isoformat(),
                (occurred + timedelta(days=lag)).isoformat(),
            ]
        )
    return rows


def tianjin_district(tmp_path: Path) -> District:
    """The TEDA 2024 figures, all loaded through the import commands."""
    district = small_district(tmp_path)
    officers = add_officers(tmp_path, "SCJ1", 284, prefix="TJZ")
    items = add_power_items(tmp_path, "SCJ1", 884, prefix="TJQ")
    rows = record_rows(
        unit="SCJ1",
        officers=officers[:253],
        items=items[:633],
        kinds=[("行政检查", 1055), ("行政处罚", 212), ("教育改正", 6)],
        start=date(2024, 1, 2),
        prefix="TJR",
    )
    write_csv(tmp_path / "records.csv", RECORD_HEADERS, rows)
    run_import("records", tmp_path / "records.csv")
    services.rollups_merge_pending()  # as every reader of the figures does first
    reached_on_entry_days()
    district.officers, district.items = officers, items
    return district


def reached_on_entry_days() -> None:
    """Date the stored records as having reached Fazhi at the start of their 录入日期 (test history).

    Data loaded today for past periods reached Fazhi today, after any past cut-off; the fixtures that
    publish at a past cut-off state their history this way (an as-of figure then leaves out exactly
    the records entered after the cut-off day).
    """
    days = EnforcementRecord.objects.values_list("entered_on", flat=True).distinct().order_by()
    for day in list(days):
        EnforcementRecord.objects.filter(entered_on=day).update(
            first_ingested_at=timezone.make_aware(datetime.combine(day, time.min))
        )


# --- rollups recounted from the facts -------------------------------------------------------------------

UNIT_ROLLUP_COLUMNS = [f.name for f in UnitRollup._meta.concrete_fields if f.get_internal_type() == "IntegerField"]


def increments_from_the_facts() -> rules.Increments:
    """What every rollup row should hold, recomputed from the stored fact rows alone."""
    expected = rules.Increments()
    for record in EnforcementRecord.objects.prefetch_related("links"):
        expected.add(
            rules.RecordFact(
                record_type=record.record_type,
                unit_id=record.unit_id,
                occurred_on=record.occurred_on,
                entered_on=record.entered_on,
                officers=tuple(sorted((link.officer_id, link.officer_unit_id) for link in record.links.all())),
                power_item_id=record.power_item_id,
                decided_on=record.decided_on,
                decision_due=record.decision_due,
                published_on=record.published_on,
                published_late=record.published_late,
                publish_due=record.publish_due,
            )
        )
    expected.compact()
    return expected


def rollups_recounted() -> tuple[dict, dict, dict]:
    """Every non-zero rollup value that the stored fact rows alone imply, by rules.Increments.

    Returns (units, officers, items): {(unit, grain, bucket): {column: n}}, {(officer, unit, grain,
    bucket): n}, {(item, grain, bucket): n} — the reference the set-based writes must equal.
    """
    expected = increments_from_the_facts()
    return dict(expected.units), dict(expected.officers), dict(expected.items)


def rollups_stored() -> tuple[dict, dict, dict]:
    """The non-zero values of the three rollup tables, shaped like rollups_recounted()."""
    units = {}
    for row in UnitRollup.objects.values("unit_id", "grain", "bucket", *UNIT_ROLLUP_COLUMNS):
        values = {column: row[column] for column in UNIT_ROLLUP_COLUMNS if row[column]}
        if values:
            units[(row["unit_id"], row["grain"], row["bucket"])] = values
    officers = {
        (officer, unit, grain, bucket): n
        for officer, unit, grain, bucket, n in OfficerRollup.objects.values_list(
            "officer_id", "unit_id", "grain", "bucket", "n"
        )
        if n
    }
    items = {
        (item, grain, bucket): n
        for item, grain, bucket, n in PowerItemRollup.objects.values_list("power_item_id", "grain", "bucket", "n")
        if n
    }
    return units, officers, items


def activity_recounted() -> dict[tuple, dict[str, int]]:
    """The per-unit distinct counts the stored fact rows alone imply (UnitActivityRollup, non-zero):
    {(unit, grain, bucket): {"officers": n, "power_items": n}} — officers for the unit of their
    link (officer_unit_id), power items for their owner now."""
    expected = increments_from_the_facts()
    owners = dict(PowerItem.objects.values_list("pk", "owner_unit_id"))
    counts: dict[tuple, dict[str, int]] = {}
    for (_officer, unit, grain, bucket), n in expected.officers.items():
        if n > 0:
            row = counts.setdefault((unit, grain, bucket), {})
            row["officers"] = row.get("officers", 0) + 1
    for (item, grain, bucket), n in expected.items.items():
        if n > 0:
            row = counts.setdefault((owners[item], grain, bucket), {})
            row["power_items"] = row.get("power_items", 0) + 1
    return counts


def activity_stored() -> dict[tuple, dict[str, int]]:
    """The non-zero values of UnitActivityRollup, shaped like activity_recounted()."""
    stored = {}
    for unit, grain, bucket, officers, items in UnitActivityRollup.objects.values_list(
        "unit_id", "grain", "bucket", "officers", "power_items"
    ):
        values = {name: n for name, n in (("officers", officers), ("power_items", items)) if n}
        if values:
            stored[(unit, grain, bucket)] = values
    return stored
