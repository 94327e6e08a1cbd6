"""The set-based writes of records_write: every rollup row equals a recount from the facts, whatever
mix of creates, changes and removals (imported or internal) reached it; overlapping re-imports."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.orgs.models import Certificate, OrgUnit
from fazhi.powers.models import PowerItem
from fazhi.supervision import services
from fazhi.supervision.choices import RecordSource
from fazhi.supervision.models import EnforcementRecord, OfficerRollup, PowerItemRollup, RecordOfficer, UnitRollup
from fazhi.supervision.tests.helpers import (
    RECORD_HEADERS,
    activity_recounted,
    activity_stored,
    add_officers,
    add_power_items,
    import_records_json,
    rollups_recounted,
    rollups_stored,
    small_district,
    write_csv,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tmp_path):
    small_district(tmp_path)
    officers = add_officers(tmp_path, "SCJ1", 4, prefix="W")
    items = add_power_items(tmp_path, "SCJ1", 3, prefix="PW")
    return officers, items


def _assert_rollups_equal_the_facts() -> None:
    services.rollups_merge_pending()  # an import's new records count once merged (as every reader does)
    assert rollups_stored() == rollups_recounted()
    assert activity_stored() == activity_recounted()


def _officer_pairs(key: str) -> set[str]:
    return set(
        Certificate.objects.filter(
            officer_id__in=RecordOfficer.objects.filter(record__key=key).values("officer_id")
        ).values_list("number", flat=True)
    )


def test_a_partly_overlapping_file_creates_the_new_rows_and_moves_only_the_changed_ones(world, tmp_path):
    officers, items = world
    first = [
        ["K1", "行政检查", "SCJ1", items[0], f"{officers[0]}；{officers[1]}", "2024-03-01", "2024-03-02"],
        ["K2", "行政处罚", "SCJ1", items[1], officers[1], "2024-03-05", "2024-03-20"],
        ["K3", "教育改正", "SCJ1", "", officers[2], "2024-04-01", "2024-04-02"],
    ]
    assert import_records_json(write_csv(tmp_path / "v1.csv", RECORD_HEADERS, first))["created"] == 3
    # the second file repeats K2 (changed: another month, officer and item) and K3 (unchanged),
    # leaves K1 out and brings K4 and K5
    second = [
        ["K2", "行政处罚", "SCJ1", items[2], officers[3], "2024-05-05", "2024-05-06"],
        first[2],
        ["K4", "行政强制", "SCJ1", items[0], officers[0], "2024-06-30", "2024-07-01"],
        ["K5", "其他", "SCJ1", items[1], f"{officers[2]};{officers[3]}", "2024-07-01", "2024-08-15"],
    ]

    report = import_records_json(write_csv(tmp_path / "v2.csv", RECORD_HEADERS, second))

    assert (report["created"], report["updated"], report["unchanged"]) == (2, 1, 1)
    assert sorted(EnforcementRecord.objects.values_list("key", flat=True)) == ["K1", "K2", "K3", "K4", "K5"]
    assert _officer_pairs("K2") == {officers[3]}  # the old link is gone, not added to
    assert EnforcementRecord.objects.get(key="K2").occurred_on == date(2024, 5, 5)
    _assert_rollups_equal_the_facts()
    # and the overlapping file imported again changes nothing
    before = rollups_stored()
    assert import_records_json(write_csv(tmp_path / "v3.csv", RECORD_HEADERS, second))["unchanged"] == 4
    assert rollups_stored() == before
    _assert_rollups_equal_the_facts()


def test_officers_separated_by_both_semicolons_are_each_named_once(world, tmp_path):
    officers, items = world
    cell = f"{officers[0]}；{officers[1]};{officers[2]} ; {officers[0]}"  # full- and half-width, a repeat
    rows = [["S1", "行政检查", "SCJ1", items[0], cell, "2024-03-01", "2024-03-01"]]

    report = import_records_json(write_csv(tmp_path / "s.csv", RECORD_HEADERS, rows))

    assert report["ok"] and report["created"] == 1
    assert _officer_pairs("S1") == set(officers[:3])
    assert RecordOfficer.objects.count() == 3
    services.rollups_merge_pending()
    assert OfficerRollup.objects.filter(grain="m").count() == 3  # each officer counted once
    assert set(OfficerRollup.objects.values_list("n", flat=True)) == {1}
    _assert_rollups_equal_the_facts()


def test_a_change_that_moves_no_rollup_row_writes_no_rollup_row(world, tmp_path):
    officers, items = world
    headers = [*RECORD_HEADERS, "检查对象代码"]
    row = ["P1", "行政检查", "SCJ1", items[0], officers[0], "2024-03-01", "2024-03-02", "91120116MA05000001"]
    import_records_json(write_csv(tmp_path / "p1.csv", headers, [row]))
    services.rollups_merge_pending()
    tables = (UnitRollup, OfficerRollup, PowerItemRollup)
    before = [list(model.objects.order_by("pk").values()) for model in tables]

    # only the inspected entity changes: the record is updated, no rollup row moves or appears
    report = import_records_json(write_csv(tmp_path / "p2.csv", headers, [[*row[:7], "91120116MA05000002"]]))

    assert report["updated"] == 1
    assert EnforcementRecord.objects.get(key="P1").party_code == "91120116MA05000002"
    assert [list(model.objects.order_by("pk").values()) for model in tables] == before


def _ids(officers, items):
    unit = OrgUnit.objects.get(code="SCJ1")
    certificates = Certificate.objects.select_related("officer").filter(number__in=officers).order_by("number")
    people = [(c.officer_id, c.officer.unit_id) for c in certificates]
    item_ids = list(PowerItem.objects.filter(code__in=items).order_by("code").values_list("pk", flat=True))
    return unit.pk, people, item_ids


def test_cases_with_decisions_and_publications_count_like_rules_increments_through_changes_and_removal(world):
    # Internal cases carry the decision and publication dates; each grain counts them on their own
    # dates. The writes aggregate in SQL: this holds them equal to the pure rules.Increments.
    unit, people, item_ids = _ids(*world)

    def case(key, **values):
        base = dict(
            key=key, record_type="penalty", unit_id=unit, occurred_on=date(2024, 3, 30),
            entered_on=date(2024, 4, 2), officers=(people[0], people[1]), power_item_id=item_ids[0],
        )  # fmt: skip
        return services.RecordInput(**{**base, **values})

    rows = [
        case("penalty_case:1", decided_on=date(2024, 4, 20), decision_due=date(2024, 6, 28),
             published_on=date(2024, 4, 25), published_late=False),
        case("penalty_case:2", decided_on=date(2024, 7, 1), decision_due=date(2024, 6, 28),
             published_on=date(2024, 7, 20), published_late=True),
        case("penalty_case:3", decided_on=date(2024, 5, 2), decision_due=None, published_on=date(2024, 5, 3)),
        case("penalty_case:4", record_type="education", power_item_id=None, officers=(people[2],),
             occurred_on=date(2024, 12, 31), entered_on=date(2025, 1, 2)),  # Q4, entered a year later
    ]  # fmt: skip
    outcome = services.records_write(source=RecordSource.INTERNAL, rows=rows)
    assert outcome.created == 4
    _assert_rollups_equal_the_facts()
    units, _officers, _items = rollups_stored()
    assert units[(unit, "q", date(2024, 4, 1))] == {
        "decided": 2, "decided_in_time": 2, "published": 2, "published_in_time": 2,
    }  # fmt: skip
    assert units[(unit, "q", date(2024, 7, 1))] == {"decided": 1, "published": 1}

    # when: case 1 is decided late and moves to another quarter, case 2 loses its publication,
    # case 3 is withdrawn (removed), case 4 is unchanged
    changed = [
        case("penalty_case:1", occurred_on=date(2024, 7, 2), entered_on=date(2024, 7, 2), officers=(people[3],),
             power_item_id=item_ids[1], decided_on=date(2024, 9, 30), decision_due=date(2024, 9, 29)),
        case("penalty_case:2", decided_on=date(2024, 7, 1), decision_due=date(2024, 6, 28)),
        rows[3],
    ]  # fmt: skip
    outcome = services.records_write(source=RecordSource.INTERNAL, rows=changed, remove_keys=["penalty_case:3"])

    # then
    assert (outcome.created, outcome.updated, outcome.unchanged, outcome.removed) == (0, 2, 1, 1)
    assert EnforcementRecord.objects.count() == 3
    assert not RecordOfficer.objects.filter(record__key="penalty_case:3").exists()
    _assert_rollups_equal_the_facts()
    units, _officers, _items = rollups_stored()
    assert units[(unit, "q", date(2024, 7, 1))] == {
        "n_total": 1, "n_penalty": 1, **{f"lag_le_{d}": 1 for d in (1, 3, 5, 7, 10, 15, 30)}, "decided": 2,
    }  # fmt: skip

    # and removing everything leaves no non-zero rollup value
    services.records_write(source=RecordSource.INTERNAL, rows=[], remove_keys=[r.key for r in rows])
    assert rollups_stored() == ({}, {}, {})
    assert activity_stored() == {}


def test_a_dry_run_writes_nothing(world):
    unit, people, item_ids = _ids(*world)
    row = services.RecordInput(
        key="D1", record_type="inspection", unit_id=unit, occurred_on=date(2024, 3, 1),
        entered_on=date(2024, 3, 1), officers=(people[0],), power_item_id=item_ids[0],
    )  # fmt: skip

    outcome = services.records_write(source=RecordSource.IMPORTED, rows=[row], dry_run=True)

    assert outcome.created == 1
    assert not EnforcementRecord.objects.exists() and not UnitRollup.objects.exists()
