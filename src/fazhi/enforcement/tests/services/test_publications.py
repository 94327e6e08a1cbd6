from datetime import date

import pytest

from fazhi.core.audit.models import AuditEventType
from fazhi.core.errors import Conflict
from fazhi.core.outbox.models import OutboxMessage
from fazhi.enforcement import selectors, services
from fazhi.enforcement.choices import PublicationStatus
from fazhi.enforcement.tests.assertions import assert_one_audit, last_event
from fazhi.enforcement.tests.factories import CITIZEN_ID, decide, decided_case, investigate, notify, open_case

pytestmark = pytest.mark.django_db


def person_case(world):  # type: ignore[no-untyped-def]
    case = open_case(world, party_kind="person", party_name="张三丰", party_code=CITIZEN_ID,
                     facts="张三丰（电话13812345678）销售过期食品。")  # fmt: skip
    case = notify(world, investigate(world, case), fine="1000")
    return decide(world, case, fine_amount="1000")


def test_art48_publish_masks_the_natural_person(world) -> None:
    case = person_case(world)
    actor = world.cast.inspector_north
    publication = services.publication_publish(actor=actor, case=case, published_on=date(2026, 4, 3))
    publication.refresh_from_db()
    assert publication.party_display == "张**" and publication.party_code_display == "110105********002X"
    assert "13812345678" not in publication.facts_summary and publication.penalty_summary == "罚款1000.00元"
    assert "张三丰" not in publication.facts_summary  # the stored row itself, not only the page, is masked
    assert publication.publish_due == date(2026, 4, 9) and not publication.published_late  # 7 working days, 清明
    assert_one_audit(AuditEventType.PUBLICATION_PUBLISHED, publication)
    assert last_event(case).type == "published"
    assert not OutboxMessage.objects.exists()  # the no-op placeholder handler and its messages were removed
    public = list(selectors.publication_list_public())
    assert [p.pk for p in public] == [publication.pk]
    with pytest.raises(Conflict):
        services.publication_publish(actor=world.cast.inspector_north, case=case, published_on=date(2026, 4, 3))


def test_late_publication_is_flagged(world) -> None:
    publication = services.publication_publish(actor=world.cast.inspector_north, case=decided_case(world),
                                               published_on=date(2026, 4, 20))  # fmt: skip
    assert publication.published_late


def test_art48_withdrawal_within_three_working_days_of_the_change(world) -> None:
    actor = world.cast.inspector_north
    case = decided_case(world)
    publication = services.publication_publish(actor=actor, case=case, published_on=date(2026, 4, 1))
    case = services.case_decision_change_record(actor=actor, case=case, kind="revoked", changed_on=date(2026, 5, 6),
                                                reason="复议决定撤销")  # fmt: skip
    publication = services.publication_withdraw(actor=actor, publication=publication, withdrawn_on=date(2026, 5, 11),
                                                reason="原处罚决定已被撤销")  # fmt: skip
    assert publication.status == PublicationStatus.WITHDRAWN and publication.change_kind == "revoked"
    # 3 working days from Wed 05-06: 05-07, 05-08 and Sat 05-09 (a 调休 working day) → withdrawn 05-11 is late
    assert publication.withdraw_due == date(2026, 5, 9) and publication.withdrawn_late
    assert_one_audit(AuditEventType.PUBLICATION_WITHDRAWN, publication)
    assert list(selectors.publication_list_public()) == []
    with pytest.raises(Conflict):
        services.publication_withdraw(actor=actor, publication=publication, withdrawn_on=date(2026, 5, 11), reason="x")


def test_a_case_without_decision_cannot_be_published(world) -> None:
    with pytest.raises(Conflict):
        services.publication_publish(actor=world.cast.inspector_north, case=open_case(world),
                                     published_on=date(2026, 4, 3))  # fmt: skip
