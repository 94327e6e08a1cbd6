"""A 变更 of a penalty case of this platform states the penalty that replaces it (行政复议法 Art. 63).

Protects against a 复议 变更 leaving the penalty case on the original fine (payment, 加处罚款 and the case
page went on with it, and its timeline asked the unit to enter the content): the decision now takes the
changed penalty, refuses a 变更 without it and one heavier than the original (Art. 63(2), unless a
registered third party asked for the contrary), stores it, prints it in the 决定书 and puts it on the
penalty case in the same transaction.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import docx
import pytest

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import DomainError
from fazhi.enforcement.models import CaseEvent as PenaltyEvent
from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.tests.factories import build_world, decide, investigate, notify, open_case
from fazhi.reconsideration import documents, services
from fazhi.reconsideration.choices import EventType, Outcome
from fazhi.reconsideration.models import CaseEvent, ReconsiderationCase
from fazhi.reconsideration.rules import decision
from fazhi.reconsideration.tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("spring_2026")]


def _penalty(cast: Any) -> PenaltyCase:
    """A decision of 2026-02-09 fining 5000 元, before the application (known 02-20, filed 03-02)."""
    world = build_world(cast)
    case = open_case(
        world, violation_ended_on=date(2026, 1, 10), discovered_on=date(2026, 1, 12), filed_on=date(2026, 1, 13)
    )
    case = notify(world, investigate(world, case, on=date(2026, 1, 14)), notified_on=date(2026, 1, 26))
    return decide(world, case, decided_on=date(2026, 2, 9))


def _decide(cast: Any, case: ReconsiderationCase, outcome: str = Outcome.CHANGED, **extra: Any) -> ReconsiderationCase:
    return services.case_decide(
        actor=cast.reconsideration_officer, case=case, outcome=outcome, decided_on=date(2026, 4, 20),
        summary="变更被申请人作出的行政处罚决定。", reasons="处罚明显不当。", legal_basis="",
        approval="经复议机关负责人同意", **extra,
    )  # fmt: skip


def _state(case: ReconsiderationCase, penalty: PenaltyCase) -> tuple[Any, ...]:
    case.refresh_from_db()
    penalty.refresh_from_db()
    return (
        case.status, case.version, case.changed_fine_amount, penalty.version, penalty.fine_amount,
        penalty.decision_change_kind, AuditEvent.objects.count(), CaseEvent.objects.count(),
    )  # fmt: skip


def test_a_change_puts_the_changed_fine_on_the_decision_and_on_the_penalty_case(cast):
    penalty = _penalty(cast)
    case = f.replied(cast, penalty_case=penalty)

    decided = _decide(cast, case, new_fine_amount=Decimal("3000"))

    stored = ReconsiderationCase.objects.get(pk=decided.pk)
    assert (stored.changed_penalty_types, stored.changed_fine_amount) == (["fine"], Decimal("3000"))
    assert stored.changed_confiscation_value == Decimal(0)
    penalty.refresh_from_db()
    assert (penalty.decision_change_kind, penalty.fine_amount) == ("changed", Decimal("3000"))
    # the penalty case's record keeps the original and names the change, without asking the unit again
    event = PenaltyEvent.objects.filter(case=penalty, type="decision_revoked").get()
    assert "罚款由5000元变更为3000元" in event.message and "请登记决定变更" not in event.message
    assert event.parameters["original_fine"] == "5000.00"
    # the reconsideration record says it too: the timeline entry and the audit row
    decided_event = CaseEvent.objects.get(case=case, type=EventType.DECIDED)
    assert decided_event.message.endswith("；罚款由5000元变更为3000元")
    audit = AuditEvent.objects.get(event_type=AuditEventType.RECONSIDERATION_DECIDED)
    assert audit.changes["changed_fine_amount"] == [None, "3000.00"]


def test_a_change_of_a_penalty_case_without_the_changed_penalty_is_refused_and_nothing_written(cast):
    penalty = _penalty(cast)
    case = f.replied(cast, penalty_case=penalty)
    before = _state(case, penalty)

    with pytest.raises(DomainError) as refused:
        _decide(cast, case)

    assert refused.value.code == "reconsideration.change_content_required" and refused.value.status_code == 400
    assert refused.value.fields == {"new_fine_amount": ["变更行政处罚决定时必填。"]}
    assert "原决定罚款5000元" in refused.value.message and "行政复议法》第六十三条" in refused.value.message
    assert _state(case, penalty) == before


def test_a_heavier_change_is_refused_on_its_field_and_nothing_written(cast):
    penalty = _penalty(cast)
    case = f.replied(cast, penalty_case=penalty)
    before = _state(case, penalty)

    with pytest.raises(DomainError) as higher:
        _decide(cast, case, new_fine_amount=Decimal("8000"))
    with pytest.raises(DomainError) as added:  # a licence suspension added to the same fine
        _decide(cast, case, new_penalty_types=["fine", "suspend_licence"], new_fine_amount=Decimal("5000"))

    assert higher.value.code == "reconsideration.adverse_change" and higher.value.status_code == 400
    assert (
        "不得作出对申请人更为不利的变更决定：变更后的处罚重于原决定（罚款由5000元变更为8000元）" in higher.value.message
    )
    assert "第六十三条第二款" in higher.value.message
    assert higher.value.fields == {"new_fine_amount": ["高于原决定的罚款5000元。"]}
    assert added.value.code == "reconsideration.adverse_change" and set(added.value.fields) == {"new_penalty_types"}
    assert _state(case, penalty) == before


def test_a_heavier_change_is_made_when_the_registered_third_party_asked_for_it(cast):
    penalty = _penalty(cast)
    without = f.replied(cast, penalty_case=penalty)
    with pytest.raises(DomainError) as no_third_party:
        _decide(cast, without, new_fine_amount=Decimal("8000"), third_party_contrary_request=True)
    assert no_third_party.value.code == "reconsideration.no_third_party"
    assert no_third_party.value.fields == {"third_party_contrary_request": ["本案没有第三人。"]}

    case = f.replied(cast, penalty_case=penalty, third_party="李四（被侵害人）")
    decided = _decide(cast, case, new_fine_amount=Decimal("8000"), third_party_contrary_request=True)

    decided.refresh_from_db()
    penalty.refresh_from_db()
    assert decided.third_party_contrary_request and penalty.fine_amount == Decimal("8000")


def test_a_warning_in_place_of_the_fine_is_lighter_and_ends_the_fine(cast):
    penalty = _penalty(cast)
    case = f.replied(cast, penalty_case=penalty)

    _decide(cast, case, new_penalty_types=["warning"])

    penalty.refresh_from_db()
    assert (penalty.penalty_types, penalty.fine_amount) == (["warning"], Decimal(0))


def test_changed_content_where_nothing_is_changed_is_refused(cast):
    penalty = _penalty(cast)
    revoked = f.replied(cast, penalty_case=penalty)
    not_linked = f.replied(cast)

    with pytest.raises(DomainError) as on_revocation:
        _decide(cast, revoked, outcome=Outcome.REVOKED, new_fine_amount=Decimal("3000"))
    with pytest.raises(DomainError) as on_unlinked_act:
        _decide(cast, not_linked, new_fine_amount=Decimal("3000"))

    assert on_revocation.value.code == "reconsideration.change_content_not_applicable"
    assert on_unlinked_act.value.code == "reconsideration.change_content_not_applicable"
    assert "不是本平台登记的行政处罚案件" in on_unlinked_act.value.message
    # a 变更 of an act that is not a penalty case of this platform states its change in the text alone
    assert _decide(cast, not_linked).changed_penalty_types == []


def test_a_partial_revocation_may_state_what_remains(cast):
    penalty = _penalty(cast)
    case = f.replied(cast, penalty_case=penalty)

    _decide(cast, case, outcome=Outcome.REVOKED, partial=True, new_fine_amount=Decimal("2000"))

    penalty.refresh_from_db()
    assert (penalty.decision_change_kind, penalty.fine_amount) == ("changed", Decimal("2000"))


def test_the_decision_document_states_the_changed_penalty_where_it_decides(cast):
    case = _decide(cast, f.replied(cast, penalty_case=_penalty(cast)), new_fine_amount=Decimal("3000"))

    _name, content = documents.build_document(case=case, kind="decision")

    paragraphs = [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]
    decided = next(i for i, text in enumerate(paragraphs) if "本机关决定：" in text)
    assert paragraphs[decided + 1] == "变更后的行政处罚：罚款人民币叁仟元整（¥3,000.00）。"


def test_the_officers_own_finding_of_a_heavier_change_yields_to_a_third_partys_request():
    with pytest.raises(DomainError) as refused:
        decision.require_no_adverse_change(outcome=Outcome.CHANGED, heavier_for_applicant=True)
    assert refused.value.code == "reconsideration.adverse_change"

    decision.require_no_adverse_change(
        outcome=Outcome.CHANGED, heavier_for_applicant=True, third_party_contrary_request=True
    )
