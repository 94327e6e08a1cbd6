"""The quarterly bulletin (selectors.bulletin_data) equals a reference computed the long way: each
ranked unit measured with its whole subtree by indicator_report, its peer group read unit by unit,
scored by rules.rank_units — on a district with nested enforcement bodies, an office that is not one,
records entered late, and periods that are and are not one whole rollup bucket."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from fazhi.orgs import services as org_services
from fazhi.orgs.choices import CertificateEventKind
from fazhi.orgs.models import Certificate, OfficerDutySpan, OrgUnit
from fazhi.powers import services as power_services
from fazhi.powers.models import OwnerInForceSpan, PowerItem
from fazhi.supervision import rules, selectors, services
from fazhi.supervision.choices import RecordSource
from fazhi.supervision.selectors import bulletin_reads
from fazhi.supervision.tests.helpers import (
    UNIT_HEADERS,
    add_officers,
    add_power_items,
    reached_on_entry_days,
    run_import,
    write_csv,
)

pytestmark = pytest.mark.django_db
region_rows = bulletin_reads.region_rows

# (unit code, domain of its officers, officers, power items, records) — SCJ1K is an office, not a body
STAFF = [
    ("SCJ1", "市场监管", 6, 8, 40),
    ("SCJ1D", "市场监管", 4, 5, 25),
    ("SCJ1K", "市场监管", 3, 2, 9),
    ("SCJ2", "市场监管", 5, 6, 18),
    ("CG1", "城市管理", 4, 7, 30),
    ("CG1D", "城市管理", 3, 3, 0),  # staff and items, no record: a zero participation rate
]


@pytest.fixture
def region(tmp_path) -> OrgUnit:
    write_csv(
        tmp_path / "units.csv",
        UNIT_HEADERS,
        [
            ["TJ", "测试新区", "", "", "否"],
            ["TJG", "测试新区人民政府", "TJ", "", "否"],
            ["SCJ1", "第一市场监管所", "TJG", "市场监管", "是"],
            ["SCJ1D", "第一市场监管所稽查队", "SCJ1", "市场监管", "是"],
            ["SCJ1K", "第一市场监管所办公室", "SCJ1", "", "否"],
            ["SCJ2", "第二市场监管所", "TJG", "市场监管", "是"],
            ["CG1", "城市管理综合执法大队", "TJG", "城市管理", "是"],
            ["CG1D", "城市管理执法中队", "CG1", "城市管理", "是"],
        ],
    )
    run_import("units", tmp_path / "units.csv")
    days = [date(2024, 1, 1) + timedelta(days=(n * 37) % 181) for n in range(200)]  # Q1 and Q2
    rows: list[services.RecordInput] = []
    for code, domain, n_officers, n_items, n_records in STAFF:
        numbers = add_officers(tmp_path, code, n_officers, prefix=f"{code}N", domain=domain)
        items = add_power_items(tmp_path, code, n_items, prefix=f"{code}P")
        officers = [
            (c.officer_id, c.officer.unit_id)
            for c in Certificate.objects.select_related("officer").filter(number__in=numbers).order_by("number")
        ]
        item_ids = list(PowerItem.objects.filter(code__in=items).order_by("code").values_list("pk", flat=True))
        unit_id = OrgUnit.objects.get(code=code).pk
        for n in range(n_records):
            day = days[(n * 7 + len(rows)) % len(days)]
            rows.append(
                services.RecordInput(
                    key=f"{code}-{n}", record_type=("inspection", "penalty", "education")[n % 3], unit_id=unit_id,
                    occurred_on=day, entered_on=day + timedelta(days=(0, 3, 12, 40)[n % 4]),
                    officers=(officers[n % (len(officers) - 1)],),  # the last officer never takes part
                    power_item_id=item_ids[(n * n) % len(item_ids)],
                )
            )  # fmt: skip
    services.records_write(source=RecordSource.IMPORTED, rows=rows)
    reached_on_entry_days()  # history: the as-of case cuts off in 2024
    # what the kept counts overcount on 31 March: an officer who took part, suspended in March, and
    # cited power items suspended or out of force by then
    org_services.certificate_set_status(
        actor=None, certificate=Certificate.objects.get(number="SCJ1DN00000"), kind=CertificateEventKind.SUSPENDED,
        effective_on=date(2024, 3, 10), reason="测试",
    )  # fmt: skip
    power_services.power_item_update(actor=None, item=PowerItem.objects.get(code="SCJ1P00000"), status="suspended")
    power_services.power_item_update(
        actor=None, item=PowerItem.objects.get(code="CG1P00001"), effective_to=date(2024, 3, 20)
    )
    return OrgUnit.objects.get(code="TJ")


def _reference(region: OrgUnit, *, start: date, end: date, as_of: datetime | None, bottom_n: int) -> dict:
    scheme = selectors.assessment_scheme_on(day=end)
    values, groups, indicators = {}, {}, {}
    for unit in OrgUnit.objects.filter(path__startswith=region.path, is_enforcement_body=True):
        total = selectors.indicator_report(unit=unit, start=start, end=end, as_of=as_of, breakdown=False).total
        values[unit.pk] = {v.code: v.value for v in total.values}
        indicators[unit.pk] = {v.code: v.as_dict() for v in total.values}
        first = unit.domains.order_by("code").first()
        groups[unit.pk] = first.name if first else selectors.OTHER_GROUP
    ranking = rules.rank_units(
        rows=values, groups=groups, weights=scheme.weights, missing=scheme.missing_indicator_policy
    )
    units = {u.pk: u for u in OrgUnit.objects.all()}

    def head(r: rules.RankedUnit) -> dict:
        return {"code": units[r.unit_id].code, "name": units[r.unit_id].name, "group": r.peer_group,
                "score": str(r.score), "rank": r.rank, "group_size": r.group_size}  # fmt: skip

    whole = selectors.indicator_report(unit=region, start=start, end=end, as_of=as_of, breakdown=False)
    return {
        "rows": [
            {
                **head(r),
                "parts": {k: None if v is None else str(v) for k, v in r.parts.items()},
                "points": str(r.points),
                "applicable_weight": str(r.applicable_weight),
                "indicators": indicators[r.unit_id],
            }
            for r in ranking
        ],
        # the place among all ranked units by score: one more than the units that scored higher
        "summoned": [
            {**head(r), "overall_rank": 1 + sum(o.score > r.score for o in ranking), "ranked": len(ranking)}
            for r in rules.bottom_units(ranking, bottom_n)
        ],
        "total": {v.code: v.as_dict() for v in whole.total.values},
    }


@pytest.mark.parametrize(
    ("start", "end", "as_of"),
    [
        (date(2024, 1, 1), date(2024, 3, 31), None),  # a whole quarter: the bulletin's own path
        (date(2024, 2, 1), date(2024, 2, 29), None),  # a whole month
        (date(2024, 1, 1), date(2024, 2, 15), None),  # edge days read from the records
        (date(2024, 1, 1), date(2024, 3, 31), datetime(2024, 4, 5, 18, 0, tzinfo=ZoneInfo("Asia/Shanghai"))),
    ],
)
def test_the_bulletin_equals_the_reference_computed_unit_by_unit(region, start, end, as_of):
    scheme = selectors.assessment_scheme_on(day=end)

    data = selectors.bulletin_data(
        unit=region, start=start, end=end, as_of=as_of, scheme=scheme, bottom_n=2, with_repeated=False
    )

    expected = _reference(region, start=start, end=end, as_of=as_of, bottom_n=2)
    assert data.rows == expected["rows"]
    assert data.summoned == expected["summoned"]
    assert data.total == expected["total"]
    by_code = {row["code"]: row for row in data.rows}
    assert set(by_code) == {"SCJ1", "SCJ1D", "SCJ2", "CG1", "CG1D"}
    # SCJ1 is measured with its brigade and its office: more staff than its own
    assert (
        by_code["SCJ1"]["indicators"]["records_total"]["value"]
        != by_code["SCJ1D"]["indicators"]["records_total"]["value"]
    )


@pytest.mark.parametrize(
    ("start", "end"), [(date(2024, 1, 1), date(2024, 3, 31)), (date(2024, 2, 1), date(2024, 2, 29))]
)
def test_the_one_statement_read_measures_each_unit_like_unit_measures(region, monkeypatch, start, end):
    scope = OrgUnit.objects.filter(path__startswith=region.path)
    calls = []
    monkeypatch.setattr(bulletin_reads, "region_rows", lambda **kw: calls.append(kw) or region_rows(**kw))

    units, fast = selectors.bulletin._region_units(scope=scope, start=start, end=end, as_of=None, lag_days=7)

    assert calls, "a whole quarter or month reads the kept counts in one statement"
    general = selectors.unit_measures(units=[u[0] for u in units], start=start, end=end, lag_days=7)
    assert fast == general
    q1 = {u[1]: fast[u[0]] for u in units}
    assert q1["SCJ1D"]["officers_participating"] < q1["SCJ1D"]["officers_total"]
    assert [u[3] for u in units] == sorted(u[3] for u in units)  # by path: subtrees are runs
    assert {u[1]: u[5] for u in units if u[4]} == {
        "SCJ1": "市场监管", "SCJ1D": "市场监管", "SCJ2": "市场监管", "CG1": "城市管理", "CG1D": "城市管理"
    }  # fmt: skip


def test_sum_measures_adds_decimals_and_counts_a_missing_measure_as_zero():
    rows = [{"records_total": 2, "reviews_score_sum": Decimal("80.5")}, {"records_total": 3}]

    total = selectors.sum_measures(rows)

    assert total["records_total"] == 5 and total["reviews_score_sum"] == Decimal("80.5")
    assert total["officers_total"] == 0 and set(total) == set(rules.MEASURES)
    assert selectors.sum_measures([]) == dict.fromkeys(rules.MEASURES, 0)


@pytest.mark.parametrize("incomplete", ["no duty spans", "no in-force spans", "an item moved"])
def test_with_the_kept_counts_incomplete_the_bulletin_reads_the_detailed_rows(region, incomplete):
    start, end = date(2024, 1, 1), date(2024, 3, 31)
    if incomplete == "no duty spans":
        OfficerDutySpan.objects.all().delete()
    elif incomplete == "no in-force spans":
        OwnerInForceSpan.objects.all().delete()
    else:
        power_services.power_item_update(
            actor=None, item=PowerItem.objects.get(code="SCJ2P00001"), owner_unit=OrgUnit.objects.get(code="CG1")
        )
    scope = OrgUnit.objects.filter(path__startswith=region.path)
    assert bulletin_reads.region_rows(scope=scope, on=end, bucket=("q", start), lag_days=7) is None

    data = selectors.bulletin_data(
        unit=region, start=start, end=end, as_of=None, scheme=selectors.assessment_scheme_on(day=end), bottom_n=2,
        with_repeated=False,
    )  # fmt: skip

    assert data.rows == _reference(region, start=start, end=end, as_of=None, bottom_n=2)["rows"]
