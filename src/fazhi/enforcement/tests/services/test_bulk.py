from datetime import date
from decimal import Decimal

import pytest
import time_machine

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.deadlines.models import TrackedDeadline
from fazhi.enforcement import services
from fazhi.enforcement.models import CaseEvent, Inspection, PenaltyCase
from fazhi.enforcement.tests.factories import BAD_USCC, USCC

pytestmark = pytest.mark.django_db


def inspection_row(world, **overrides):  # type: ignore[no-untyped-def]
    values = {
        "unit_code": "NORTH", "party_kind": "organisation", "party_name": "甲公司", "party_code": USCC,
        "occurred_on": date(2026, 3, 2), "officer_ids": (world.officer_a.pk, world.officer_b.pk),
        "outcome": "compliant", "origin": "random",
    }  # fmt: skip
    values.update(overrides)
    return services.InspectionRow(**values)


def test_bulk_inspections_in_batches_with_one_audit_row_each_naming_the_id_range(world) -> None:
    rows = [inspection_row(world) for _ in range(7)]
    result = services.inspection_bulk_import(actor=world.cast.inspector_north, rows=rows, batch_size=3)
    assert result.created == 7 and result.batches == 3 and result.errors == []
    ids = sorted(Inspection.objects.filter(backfilled=True).values_list("pk", flat=True))
    assert (result.first_id, result.last_id) == (ids[0], ids[-1])
    assert Inspection.officers.through.objects.count() == 14
    audits = AuditEvent.objects.filter(event_type=AuditEventType.INSPECTIONS_IMPORTED).order_by("pk")
    assert [a.changes["count"][1] for a in audits] == [3, 3, 1]
    assert [(a.changes["first_id"][1], a.changes["last_id"][1]) for a in audits] == [
        (ids[0], ids[2]),
        (ids[3], ids[5]),
        (ids[6], ids[6]),
    ]


def test_bulk_inspections_one_bad_row_writes_nothing_and_reports_every_bad_row(world) -> None:
    """Art. 42/55 and the identifier checks, file-level all-or-nothing (docs/enforcement.md §5)."""
    rows = [inspection_row(world) for _ in range(5)]
    rows.insert(2, inspection_row(world, party_code=BAD_USCC))
    rows.append(inspection_row(world, officer_ids=(world.officer_a.pk, world.uncertified.pk)))
    audits = AuditEvent.objects.count()
    result = services.inspection_bulk_import(actor=world.cast.inspector_north, rows=rows, batch_size=3)
    assert result.created == 0 and result.batches == 0
    assert [(e.row, e.code) for e in result.errors] == [(3, "party.invalid_code"), (7, "penalty.officer_not_certified")]
    assert "第四十二条" in result.errors[1].message
    assert not Inspection.objects.exists() and not Inspection.officers.through.objects.exists()
    assert AuditEvent.objects.count() == audits


def test_bulk_import_outside_scope_is_reported_per_row(world) -> None:
    result = services.inspection_bulk_import(actor=world.cast.inspector_south, rows=[inspection_row(world)])
    assert result.created == 0 and result.errors[0].code == "org_unit_not_found"


def test_bulk_cases_track_open_decision_deadlines(world) -> None:
    base = {
        "unit_code": "NORTH", "cause": "无照经营", "party_kind": "organisation", "party_name": "乙公司",
        "party_code": USCC, "violation_ended_on": date(2026, 2, 1), "discovered_on": date(2026, 2, 3),
        "filed_on": date(2026, 2, 4), "officer_ids": (world.officer_a.pk, world.officer_b.pk),
    }  # fmt: skip
    rows = [
        services.CaseRow(procedure="ordinary", status="investigating", **base),
        services.CaseRow(procedure="ordinary", status="closed", outcome="penalty_executed", decided_on=date(2026, 3, 1),
                         penalty_types=("fine",), fine_amount=Decimal("800"), closed_on=date(2026, 3, 20), **base),
        services.CaseRow(procedure="simplified", status="closed", outcome="penalty_executed", penalty_types=("fine",),
                         fine_amount=Decimal("5000"), **base),  # Art. 51: too much for 当场
    ]  # fmt: skip
    result = services.penalty_case_bulk_import(actor=world.cast.inspector_north, rows=rows)
    # Art. 51: one bad row → the file is refused as a whole, the error names the row and the article
    assert result.created == 0 and [(e.row, e.code) for e in result.errors] == [(3, "penalty.simplified_not_allowed")]
    assert "第五十一条" in result.errors[0].message
    assert not PenaltyCase.objects.exists() and not TrackedDeadline.objects.exists()
    result = services.penalty_case_bulk_import(actor=world.cast.inspector_north, rows=rows[:2])
    assert result.created == 2 and result.errors == []
    open_case = PenaltyCase.objects.get(status="investigating")
    assert open_case.decision_due == date(2026, 5, 6)  # 90 days end on 05-05, inside 劳动节 → next working day
    # NORTH is 市场监管: the sector rule in force on the filing date (Art. 60 + sector rule)
    assert open_case.decision_rule_code == "penalty.decision.market"
    assert TrackedDeadline.objects.filter(target_id=str(open_case.pk), rule_code="penalty.decision.market").exists()
    assert CaseEvent.objects.filter(type="imported").count() == 2
    assert AuditEvent.objects.filter(event_type=AuditEventType.PENALTY_CASES_IMPORTED).count() == 1


def test_bulk_cases_refuse_future_and_out_of_order_dates_naming_row_and_field(world) -> None:
    # the checks the services make one step at a time (require_act_date), with the import's today
    base = {
        "unit_code": "NORTH", "cause": "无照经营", "party_kind": "organisation", "party_name": "乙公司",
        "party_code": USCC, "violation_ended_on": date(2026, 2, 1), "discovered_on": date(2026, 2, 3),
        "officer_ids": (world.officer_a.pk, world.officer_b.pk),
    }  # fmt: skip
    closed = {
        "status": "closed",
        "outcome": "penalty_executed",
        "penalty_types": ("fine",),
        "fine_amount": Decimal(800),
    }
    rows = [
        services.CaseRow(procedure="ordinary", status="investigating", filed_on=date(2026, 2, 4), **base),
        services.CaseRow(procedure="ordinary", status="investigating", filed_on=date(2099, 1, 4), **base),
        services.CaseRow(procedure="ordinary", filed_on=date(2026, 2, 4), decided_on=date(2026, 2, 1),
                         closed_on=date(2026, 3, 1), **closed, **base),
    ]  # fmt: skip
    with time_machine.travel(date(2026, 11, 23), tick=False):
        result = services.penalty_case_bulk_import(actor=world.cast.inspector_north, rows=rows)

    assert result.created == 0 and not PenaltyCase.objects.exists()
    assert [(e.row, e.code) for e in result.errors] == [(2, "penalty.future_date"), (3, "penalty.date_out_of_order")]
    assert "立案日期（2099年1月4日）不能晚于今天" in result.errors[0].message
    assert "决定日期（2026年2月1日）不能早于2026年2月4日" in result.errors[1].message
