from datetime import date

import pytest

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import DomainError
from fazhi.enforcement.choices import PartyKind
from fazhi.enforcement.models import Inspection
from fazhi.enforcement.tests.assertions import assert_one_audit
from fazhi.enforcement.tests.factories import BAD_USCC, CITIZEN_ID, record_inspection

pytestmark = pytest.mark.django_db


def test_recording_an_inspection(world) -> None:
    inspection = record_inspection(world, findings="未发现问题")
    inspection.refresh_from_db()
    assert inspection.unit == world.cast.north and inspection.findings == "未发现问题"
    assert set(inspection.officers.all()) == {world.officer_a, world.officer_b}
    assert inspection.recorded_at is not None and inspection.recorded_by == world.cast.inspector_north
    audit = assert_one_audit(AuditEventType.INSPECTION_RECORDED, inspection, world.cast.inspector_north)
    assert audit.changes["origin"] == [None, "random"]


def test_natural_person_is_identified_by_citizen_id_masked_in_the_audit(world) -> None:
    inspection = record_inspection(world, party_kind=PartyKind.PERSON, party_name="张三", party_code=CITIZEN_ID.lower())
    assert inspection.party_code == CITIZEN_ID
    audit = assert_one_audit(AuditEventType.INSPECTION_RECORDED, inspection)
    assert audit.changes["party_code"][1] == "110105********002X"


@pytest.mark.parametrize(
    ("_case", "overrides", "code"),
    [
        ("Art. 42: one officer", {"officer_ids": "one"}, "penalty.officers_fewer_than_two"),
        ("Art. 42: uncertified officer", {"officer_ids": "uncertified"}, "penalty.officer_not_certified"),
        ("Art. 42: certificate expired on the date", {"officer_ids": "expired"}, "penalty.officer_not_certified"),
        ("Art. 42: officer of another unit", {"officer_ids": "south"}, "penalty.officer_not_in_unit"),
        ("bad USCC", {"party_code": BAD_USCC}, "party.invalid_code"),
        ("unknown check item", {"check_item_codes": ["NOPE"]}, "inspection.check_item_unknown"),
    ],
)
def test_refused_inspection_writes_nothing(world, _case: str, overrides: dict, code: str) -> None:
    officer_sets = {
        "one": [world.officer_a.pk],
        "uncertified": [world.officer_a.pk, world.uncertified.pk],
        "expired": [world.officer_a.pk, world.expired.pk],
        "south": [world.officer_a.pk, world.south_officer.pk],
    }
    if "officer_ids" in overrides:
        overrides = {"officer_ids": officer_sets[overrides["officer_ids"]]}
    before = AuditEvent.objects.count()
    with pytest.raises(DomainError) as error:
        record_inspection(world, **overrides)
    assert error.value.code == code
    assert not Inspection.objects.exists() and AuditEvent.objects.count() == before


def test_expired_certificate_still_counts_for_acts_before_expiry(world) -> None:
    officer_ids = [world.officer_a.pk, world.expired.pk]
    inspection = record_inspection(world, officer_ids=officer_ids, occurred_on=date(2025, 6, 3))
    assert inspection.pk
