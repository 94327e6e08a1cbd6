from datetime import date

import pytest

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import Conflict, DomainError
from fazhi.powers import selectors, services
from fazhi.powers.choices import ItemStatus, PowerCategory
from fazhi.powers.models import PowerItem
from fazhi.powers.tests.helpers import audit_events, the_one_audit_event

pytestmark = pytest.mark.django_db


def test_create_resolves_citations_keeps_text_and_writes_one_audit_row(cast, law) -> None:
    basis = "《中华人民共和国示范处罚法》第三条；《青禾市示范管理办法》第九条"
    item = services.power_item_create(
        actor=cast.unit_admin_north,
        code="N-CF-100",
        name="对未办理示范登记的行政处罚",
        category="行政处罚",
        owner_unit=cast.north,
        basis_text=basis,
        effective_from=date(2024, 1, 1),
        reason="年度清单调整",
    )
    item.refresh_from_db()
    assert item.category == PowerCategory.PENALTY
    assert item.basis_text == basis  # the unresolvable local rule stays in the text
    assert [a.pk for a in item.legal_articles.all()] == [law[3].pk]
    event = the_one_audit_event(AuditEventType.POWER_ITEM_CREATED, item)
    assert event.actor == cast.unit_admin_north
    assert event.reason == "年度清单调整"
    assert event.changes["code"] == [None, "N-CF-100"]
    assert event.changes["owner_unit"] == [None, "NORTH"]
    assert event.changes["legal_articles"] == [None, [law[3].pk]]


def test_create_without_legal_basis_is_refused_and_writes_nothing(cast) -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(DomainError) as error:
        services.power_item_create(
            actor=cast.unit_admin_north, code="N-X", name="无依据事项", category="行政检查", owner_unit=cast.north
        )
    assert error.value.code == "legal_basis_required"
    assert not PowerItem.objects.filter(code="N-X").exists()
    assert AuditEvent.objects.count() == before


def test_duplicate_code_is_a_conflict(cast, north_items) -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(Conflict) as error:
        services.power_item_create(
            actor=cast.unit_admin_north,
            code="N-CF-001",
            name="重复",
            category="行政处罚",
            owner_unit=cast.north,
            basis_text="《某法》第一条",
        )
    assert error.value.code == "power_item_code_taken"
    assert PowerItem.objects.get(code="N-CF-001").name == "对未办理示范登记的行政处罚"
    assert AuditEvent.objects.count() == before


def test_unknown_category_and_empty_name_are_refused(cast) -> None:
    with pytest.raises(DomainError, match="未知的事项类别"):
        services.power_item_create(
            actor=None, code="A1", name="x", category="行政处分", owner_unit=cast.north, basis_text="《某法》第一条"
        )
    with pytest.raises(DomainError, match="事项名称不能为空"):
        services.power_item_create(
            actor=None, code="A1", name=" ", category="行政处罚", owner_unit=cast.north, basis_text="《某法》第一条"
        )
    assert not PowerItem.objects.exists()


def test_update_records_only_the_changes(cast, law, north_items) -> None:
    item = north_items[0]
    updated = services.power_item_update(
        actor=cast.unit_admin_north,
        item=item,
        name="对未依法办理示范登记的行政处罚",
        status="暂停",
        basis_text="《中华人民共和国示范处罚法》第四条",
        reason="法规修订",
    )
    item.refresh_from_db()
    assert updated.pk == item.pk
    assert item.name == "对未依法办理示范登记的行政处罚"
    assert item.status == ItemStatus.SUSPENDED
    assert [a.number for a in item.legal_articles.all()] == [4]
    event = the_one_audit_event(AuditEventType.POWER_ITEM_UPDATED, item)
    assert set(event.changes) == {"name", "status", "basis_text", "legal_articles"}
    assert event.changes["status"] == ["active", "suspended"]


def test_update_without_changes_writes_no_audit(cast, north_items) -> None:
    item = north_items[0]
    services.power_item_update(actor=cast.unit_admin_north, item=item, name=item.name, basis_text=item.basis_text)
    assert audit_events(AuditEventType.POWER_ITEM_UPDATED, item) == []


def test_update_can_clear_and_set_dates_but_not_invert_them(cast, north_items) -> None:
    item = north_items[0]
    services.power_item_update(actor=None, item=item, effective_from=date(2024, 1, 1), effective_to=date(2024, 12, 31))
    with pytest.raises(DomainError, match="失效日期"):
        services.power_item_update(actor=None, item=item, effective_to=date(2023, 1, 1))
    item.refresh_from_db()
    assert item.effective_to == date(2024, 12, 31)
    services.power_item_update(actor=None, item=item, effective_to=None)
    item.refresh_from_db()
    assert item.effective_to is None
    assert len(audit_events(AuditEventType.POWER_ITEM_UPDATED, item)) == 2


def test_clearing_the_basis_of_an_item_is_refused(cast, north_items) -> None:
    item = north_items[0]
    with pytest.raises(DomainError) as error:
        services.power_item_update(actor=None, item=item, basis_text="")
    assert error.value.code == "legal_basis_required"
    item.refresh_from_db()
    assert item.basis_text


def test_a_move_to_another_owner_is_known_to_the_owner_changed_selector(cast, north_items) -> None:
    # Supervision's kept per-owner counts rely on it: they hold only while no item has moved.
    item = north_items[0]
    services.power_item_update(actor=None, item=item, name="改名而不改实施主体")
    assert selectors.power_item_owner_ever_changed() is False
    services.power_item_update(actor=None, item=item, owner_unit=cast.south)
    assert selectors.power_item_owner_ever_changed() is True
