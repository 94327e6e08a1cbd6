"""Demo data for supervision: the platform's own records ingested, a year of records "imported" from
departmental systems (one export per quarter), an indicator snapshot of the last quarter, the 通报
of each of the last four quarters, a case-file review sample and the alerts of today. Runs after the
enforcement demo (called from demo.steps)."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from fazhi.core.errors import DomainError
from fazhi.orgs.models import Certificate, OrgUnit
from fazhi.powers.models import PowerItem
from fazhi.supervision import rules, services
from fazhi.supervision.choices import RecordType

RECORDS_PER_UNIT = (20, 160)
TYPES = (RecordType.INSPECTION,) * 8 + (RecordType.PENALTY, RecordType.EDUCATION, RecordType.OTHER)
# A year of 通报, the span of the enforcement demo's cases (filed up to about a year back). Every quarter
# that gets a 通报 gets its departmental export too: without records, a quarter's units all score 0.00
# and tie, and the whole region is proposed for 约谈.
BULLETIN_QUARTERS = 4
# An earlier quarter's 通报 is issued, with its data cut off, half a month after the quarter ends (the
# demo records are entered at most 12 days late); the last quarter's is issued today.
ISSUE_DELAY = timedelta(days=15)


@dataclass
class DemoSupervision:
    ingested: int = 0
    imported: int = 0
    snapshot_id: int | None = None
    bulletin_id: int | None = None
    sample_id: int | None = None


def _last_quarter(today: date) -> tuple[int, int, date, date]:
    first_of_this = rules.quarter_start(today)
    last_day = first_of_this - timedelta(days=1)
    quarter = (last_day.month - 1) // 3 + 1
    start, end = rules.quarter_bounds(last_day.year, quarter)
    return last_day.year, quarter, start, end


def bulletin_quarters(today: date) -> list[tuple[int, int, date, date]]:
    """The quarters the demo issues a 通报 for: the last BULLETIN_QUARTERS ended before `today`, newest first."""
    quarters: list[tuple[int, int, date, date]] = []
    day = today
    for _ in range(BULLETIN_QUARTERS):
        quarters.append(_last_quarter(day))
        day = quarters[-1][2]  # the quarter's first day: the next one back ended the day before
    return quarters


def _imported_rows(rng: random.Random, region: OrgUnit, start: date, end: date, today: date) -> list[Any]:
    units = list(OrgUnit.objects.filter(path__startswith=region.path).order_by("path"))
    officers: dict[int, list[tuple[int, int]]] = {}
    for officer_id, unit_id in Certificate.objects.filter(officer__unit__in=units).values_list(
        "officer_id", "officer__unit_id"
    ):
        officers.setdefault(unit_id, []).append((officer_id, unit_id))
    items: dict[int, list[int]] = {}
    for pk, unit_id in PowerItem.objects.filter(owner_unit__in=units).values_list("pk", "owner_unit_id"):
        items.setdefault(unit_id, []).append(pk)
    rows = []
    days = (end - start).days + 1
    for unit in units:
        staff = officers.get(unit.pk)
        pool = items.get(unit.pk)
        if not staff or not pool:
            continue
        # Some officers and items stay idle, so the drill-downs have rows to show.
        staff = staff[: max(1, int(len(staff) * rng.uniform(0.6, 0.95)))]
        pool = pool[: max(1, int(len(pool) * rng.uniform(0.5, 0.9)))]
        for n in range(rng.randint(*RECORDS_PER_UNIT)):
            occurred = start + timedelta(days=rng.randrange(days))
            entered = min(occurred + timedelta(days=rng.choice((0, 1, 1, 2, 3, 5, 12))), today)
            first = rng.randrange(len(staff))
            rows.append(
                services.RecordInput(
                    key=f"DEMO-{unit.code}-{start:%Y%m}-{n:04d}",
                    record_type=rng.choice(TYPES),
                    unit_id=unit.pk,
                    occurred_on=occurred,
                    entered_on=entered,
                    officers=tuple(sorted({staff[first], staff[(first + 1) % len(staff)]})),
                    power_item_id=rng.choice(pool),
                    party_code=f"91990101DEMO{rng.randrange(60):06d}",  # a few entities, inspected repeatedly
                )
            )
    return rows


def load(*, actor: Any, rng: random.Random, region: OrgUnit, today: date | None = None) -> DemoSupervision:
    """Build the supervision demo (call once, after the enforcement demo)."""
    today = today or timezone.localdate()
    result = DemoSupervision()
    result.ingested = services.ingest_internal_records(actor=actor)
    quarters = bulletin_quarters(today)
    # Newest first: the last quarter draws the same records as when it was the only one imported.
    for year, quarter, start, end in quarters:
        rows = _imported_rows(rng, region, start, end, today)
        # The departments' export of a past quarter reached Fazhi after its last entry (at most 12
        # days after the quarter) and before the quarter's bulletin (ISSUE_DELAY): the bulletins
        # issued at a past cut-off count it, as they would have.
        reached = timezone.make_aware(datetime.combine(end + ISSUE_DELAY - timedelta(days=2), time(9)))
        imported = services.records_import(
            actor=actor, rows=rows, filename=f"演示：部门执法系统导出（{year}年{rules.quarter_zh(quarter)}）.csv",
            checksum=f"demo-{year}-{quarter}", ingested_at=min(reached, timezone.now()),
        )  # fmt: skip
        result.imported += imported.created
    _year, _quarter, start, end = quarters[0]
    snapshot = services.snapshot_publish(actor=actor, unit=region, start=start, end=end)
    result.snapshot_id = snapshot.pk
    issued: Counter[int] = Counter()  # 通报 issued per year, for the 期号
    for year, quarter, _start, end in reversed(quarters):
        latest = (year, quarter) == quarters[0][:2]
        issued_on = today if latest else end + ISSUE_DELAY
        issued[issued_on.year] += 1
        bulletin = services.bulletin_issue(
            actor=actor,
            unit=region,
            year=year,
            quarter=quarter,
            number=f"青法治办〔{issued_on.year}〕{issued[issued_on.year]}号",
            issuer="青禾区全面依法治区委员会办公室",
            issued_on=issued_on,
            as_of=None if latest else timezone.make_aware(datetime.combine(issued_on, time(9))),
        )
    result.bulletin_id = bulletin.pk  # the last quarter's
    for unit in OrgUnit.objects.filter(path__startswith=region.path, is_enforcement_body=True).order_by("path"):
        try:
            sample = services.review_sample_draw(
                actor=actor, unit=unit, start=date(today.year - 1, 1, 1), end=today, size=3,
                seed=int(f"{today:%Y%m%d}"), today=today,
            )  # fmt: skip
        except DomainError:
            continue  # no decided ordinary cases in this unit
        result.sample_id = sample.pk
        break
    services.alerts_refresh(today=today, now=timezone.now())
    return result
