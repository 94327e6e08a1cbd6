from datetime import date

import pytest

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import Conflict, DomainError
from fazhi.powers import services
from fazhi.powers.choices import FlexibleMeasureKind
from fazhi.powers.models import FlexibleMeasure
from fazhi.powers.tests.helpers import audit_events, the_one_audit_event

pytestmark = pytest.mark.django_db


def _create(cast, item, **overrides):
    values = {
        "actor": cast.unit_admin_north,
        "code": "N-BYCF-1",
        "kind": FlexibleMeasureKind.NO_PENALTY,
        "is_first_violation": True,
        "owner_unit": cast.north,
        "power_item": item,
        "violation": "未在经营场所公示示范登记证",
        "conditions": "初次违法且危害后果轻微，并在责令改正期限内改正",
        "effective_from": date(2024, 1, 1),
        "basis_text": "《中华人民共和国行政处罚法》第三十三条第一款",
    }
    values.update(overrides)
    return services.flexible_measure_create(**values)


def test_create_first_violation_entry(cast, north_items) -> None:
    measure = _create(cast, north_items[0])
    measure.refresh_from_db()
    assert measure.is_first_violation is True
    # the real 行政处罚法 is not in the test library: the citation is kept as text only
    assert measure.legal_articles.count() == 0
    assert measure.basis_text == "《中华人民共和国行政处罚法》第三十三条第一款"
    event = the_one_audit_event(AuditEventType.FLEXIBLE_MEASURE_SAVED, measure)
    assert event.changes["kind"] == [None, "no_penalty"]
    assert event.changes["is_first_violation"] == [None, True]


def test_first_violation_flag_on_the_lighter_list_is_refused(cast, north_items) -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(DomainError) as error:
        _create(cast, north_items[0], kind=FlexibleMeasureKind.LIGHTER_PENALTY)
    assert error.value.code == "first_violation_wrong_list"
    assert not FlexibleMeasure.objects.exists()
    assert AuditEvent.objects.count() == before


def test_no_coercive_measure_entry_needs_a_coercion_item(cast, north_items) -> None:
    with pytest.raises(DomainError) as error:
        _create(cast, north_items[0], kind=FlexibleMeasureKind.NO_COERCIVE_MEASURE, is_first_violation=False)
    assert error.value.code == "measure_item_category"
    measure = _create(
        cast, north_items[1], code="N-BQZ-1", kind=FlexibleMeasureKind.NO_COERCIVE_MEASURE, is_first_violation=False
    )
    assert measure.power_item == north_items[1]


def test_entry_cannot_cover_another_units_item(cast, north_items) -> None:
    with pytest.raises(DomainError) as error:
        _create(cast, north_items[2])  # SOUTH's item on NORTH's list
    assert error.value.code == "power_item_other_unit"


def test_duplicate_code_is_a_conflict(cast, north_items) -> None:
    _create(cast, north_items[0])
    with pytest.raises(Conflict):
        _create(cast, north_items[0])
    assert FlexibleMeasure.objects.count() == 1


def test_update_ends_an_entry_and_records_it(cast, north_items) -> None:
    measure = _create(cast, north_items[0])
    services.flexible_measure_update(actor=None, measure=measure, effective_to=date(2025, 12, 31), reason="清单调整")
    measure.refresh_from_db()
    assert measure.effective_to == date(2025, 12, 31)
    events = audit_events(AuditEventType.FLEXIBLE_MEASURE_SAVED, measure)
    assert [e.changes for e in events][-1] == {"effective_to": [None, "2025-12-31"]}
    with pytest.raises(DomainError):
        services.flexible_measure_update(actor=None, measure=measure, effective_to=date(2023, 1, 1))
    measure.refresh_from_db()
    assert measure.effective_to == date(2025, 12, 31)
