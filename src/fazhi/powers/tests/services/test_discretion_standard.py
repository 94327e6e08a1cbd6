from datetime import date
from decimal import Decimal

import pytest

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import DomainError
from fazhi.powers import services
from fazhi.powers.models import DiscretionStandard
from fazhi.powers.tests.helpers import audit_events, the_one_audit_event

pytestmark = pytest.mark.django_db


def _create(item, **overrides):
    values = {
        "actor": None,
        "power_item": item,
        "severity": "general",
        "circumstance": "首次被发现，逾期未超过三十日",
        "effective_from": date(2024, 1, 1),
        "statutory_min": Decimal("1000"),
        "statutory_max": Decimal("10000"),
        "fine_min": Decimal("1000"),
        "fine_max": Decimal("4000"),
        "basis_text": "《中华人民共和国示范处罚法》第三条",
    }
    values.update(overrides)
    return services.discretion_standard_create(**values)


def test_create_stores_the_band_and_one_audit_row(cast, law, north_items) -> None:
    standard = _create(north_items[0], actor=cast.unit_admin_north, other_measures="责令改正")
    standard.refresh_from_db()
    assert (standard.fine_min, standard.fine_max) == (Decimal("1000.00"), Decimal("4000.00"))
    assert [a.number for a in standard.legal_articles.all()] == [3]
    event = the_one_audit_event(AuditEventType.DISCRETION_STANDARD_SAVED, standard)
    assert event.actor == cast.unit_admin_north
    assert event.changes["fine_max"] == [None, "4000.00"]
    assert event.changes["power_item"] == [None, "N-CF-001"]


def test_band_outside_the_statutory_range_is_refused(cast, north_items) -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(DomainError) as error:
        _create(north_items[0], fine_max=Decimal("20000"))
    assert error.value.code == "invalid_fine_range"
    assert "超过法定上限" in error.value.message
    assert not DiscretionStandard.objects.exists()
    assert AuditEvent.objects.count() == before


def test_standard_only_for_penalty_items(cast, north_items) -> None:
    with pytest.raises(DomainError) as error:
        _create(north_items[1])  # a coercion item
    assert error.value.code == "not_a_penalty_item"


def test_update_checks_the_resulting_band(cast, north_items) -> None:
    standard = _create(north_items[0])
    with pytest.raises(DomainError):
        services.discretion_standard_update(actor=None, standard=standard, fine_min=Decimal("5000"))
    standard.refresh_from_db()
    assert standard.fine_min == Decimal("1000.00")
    services.discretion_standard_update(
        actor=cast.unit_admin_north, standard=standard, fine_max=Decimal("5000"), reason="细化"
    )
    standard.refresh_from_db()
    assert standard.fine_max == Decimal("5000.00")
    events = audit_events(AuditEventType.DISCRETION_STANDARD_SAVED, standard)
    assert len(events) == 2  # create + this update
    assert events[-1].changes == {"fine_max": ["4000.00", "5000.00"]}


def test_update_can_remove_the_fine(cast, north_items) -> None:
    standard = _create(north_items[0], severity="minor")
    services.discretion_standard_update(actor=None, standard=standard, fine_min=None, fine_max=None)
    standard.refresh_from_db()
    assert standard.fine_min is None and standard.fine_max is None
