import pytest

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import DomainError
from fazhi.powers import services
from fazhi.powers.choices import CheckMethod
from fazhi.powers.models import CheckItem
from fazhi.powers.tests.helpers import audit_events, the_one_audit_event

pytestmark = pytest.mark.django_db


def test_create_derives_has_legal_basis_and_links_power_items(cast, law, north_items) -> None:
    item = services.check_item_create(
        actor=cast.unit_admin_north,
        code="N-JC-1",
        name="示范经营场所登记情况检查",
        owner_unit=cast.north,
        power_items=[north_items[0]],
        check_method="现场检查",
        basis_text="《中华人民共和国示范处罚法》第二条",
    )
    item.refresh_from_db()
    assert item.has_legal_basis is True
    assert item.check_method == CheckMethod.ON_SITE
    assert list(item.power_items.values_list("code", flat=True)) == ["N-CF-001"]
    assert [a.number for a in item.legal_articles.all()] == [2]
    event = the_one_audit_event(AuditEventType.CHECK_ITEM_CREATED, item)
    assert event.changes["has_legal_basis"] == [None, True]
    assert event.changes["power_items"] == [None, ["N-CF-001"]]


def test_item_without_basis_is_kept_but_flagged(cast, north_items) -> None:
    item = services.check_item_create(
        actor=None, code="N-JC-2", name="无依据检查", owner_unit=cast.north, power_items=[north_items[0]],
        check_method="书面检查", basis_text="无",
    )  # fmt: skip
    item.refresh_from_db()
    assert item.has_legal_basis is False


def test_power_item_of_another_unit_is_refused_and_nothing_written(cast, north_items) -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(DomainError) as error:
        services.check_item_create(
            actor=None, code="N-JC-3", name="跨单位", owner_unit=cast.north, power_items=[north_items[2]],
            check_method="现场检查", basis_text="《某法》第一条",
        )  # fmt: skip
    assert error.value.code == "power_item_other_unit"
    assert not CheckItem.objects.filter(code="N-JC-3").exists()
    assert AuditEvent.objects.count() == before


def test_check_item_needs_a_power_item(cast) -> None:
    with pytest.raises(DomainError, match="至少要关联一个权责事项"):
        services.check_item_create(
            actor=None, code="N-JC-4", name="x", owner_unit=cast.north, power_items=[], check_method="现场检查"
        )


def test_update_rederives_the_basis_flag(cast, north_items) -> None:
    item = services.check_item_create(
        actor=None, code="N-JC-5", name="检查", owner_unit=cast.north, power_items=[north_items[0]],
        check_method="现场检查", basis_text="《某法》第一条",
    )  # fmt: skip
    services.check_item_update(actor=cast.unit_admin_north, item=item, basis_text="", reason="依据废止")
    item.refresh_from_db()
    assert item.has_legal_basis is False
    events = audit_events(AuditEventType.CHECK_ITEM_UPDATED, item)
    assert len(events) == 1
    assert events[0].changes["has_legal_basis"] == [True, False]
    assert events[0].changes["basis_text"] == ["《某法》第一条", ""]


def test_update_with_the_same_values_writes_nothing(cast, north_items) -> None:
    item = services.check_item_create(
        actor=None, code="N-JC-6", name="检查", owner_unit=cast.north, power_items=[north_items[0]],
        check_method="现场检查", basis_text="《某法》第一条",
    )  # fmt: skip
    services.check_item_update(
        actor=None, item=item, name="检查", power_items=[north_items[0]], check_method="现场检查"
    )
    assert audit_events(AuditEventType.CHECK_ITEM_UPDATED, item) == []
