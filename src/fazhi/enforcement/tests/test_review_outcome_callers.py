"""以案促改 end to end: a reconsideration decision or a judgment about a penalty case changes the case itself.

The reconsideration and litigation services call services.penalty_case_record_review_outcome with the
change kind their outcome amounts to (行政复议法 Art. 63–67, 行政诉讼法 Art. 70–77).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.tests.factories import decide, decided_case, investigate, notify, open_case
from fazhi.litigation import services as litigation_services
from fazhi.litigation.choices import DefendantRole
from fazhi.litigation.choices import Outcome as LawsuitOutcome
from fazhi.reconsideration import services as reconsideration_services
from fazhi.reconsideration.choices import Outcome
from fazhi.reconsideration.tests import factories as rf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _spring_2026():  # type: ignore[no-untyped-def]
    """Today is 2026-06-30, as in the reconsideration tests whose factories these use."""
    with time_machine.travel("2026-06-30 10:00:00+08:00", tick=False):
        yield


def _decided_before_the_application(world) -> PenaltyCase:  # type: ignore[no-untyped-def]
    """A penalty decision of 2026-02-09, before the application (known 02-20, filed 03-02)."""
    case = open_case(
        world, violation_ended_on=date(2026, 1, 10), discovered_on=date(2026, 1, 12), filed_on=date(2026, 1, 13)
    )
    case = notify(world, investigate(world, case, on=date(2026, 1, 14)), notified_on=date(2026, 1, 26))
    return decide(world, case, decided_on=date(2026, 2, 9))


@pytest.mark.parametrize(
    ("outcome", "partial", "kind"),
    [
        (Outcome.REVOKED, False, "revoked"),
        (Outcome.REVOKED, True, "changed"),  # 部分撤销: the rest of the decision stays in force
        (Outcome.CHANGED, False, "changed"),
        (Outcome.CONFIRMED_ILLEGAL, False, "confirmed_illegal"),
        (Outcome.CONFIRMED_VOID, False, "confirmed_void"),
        (Outcome.ORDERED_PERFORMANCE, False, ""),
    ],
)
def test_a_reconsideration_decision_records_the_change_on_the_penalty_case(
    world, outcome: str, partial: bool, kind: str
) -> None:
    penalty = _decided_before_the_application(world)
    version = penalty.version
    case = rf.replied(world.cast, penalty_case=penalty)

    # A 变更 states the penalty that replaces the original (行政复议法 Art. 63; refused without it).
    content = {"new_fine_amount": Decimal("3000")} if outcome == Outcome.CHANGED else {}
    reconsideration_services.case_decide(
        actor=world.cast.reconsideration_officer, case=case, outcome=outcome, decided_on=date(2026, 4, 20),
        summary="决定内容。", reasons="决定理由。", legal_basis="《中华人民共和国行政复议法》", approval="经负责人同意",
        partial=partial, **content,
    )  # fmt: skip

    penalty.refresh_from_db()
    assert penalty.decision_change_kind == kind
    assert penalty.decision_changed_on == (date(2026, 4, 20) if kind else None)
    assert penalty.version == (version + 1 if kind else version)
    if partial:
        # the live caller of the kind-alone path: what remains is left to the decision's text, so the case
        # keeps its content and the unit is asked to record it (services.penalty_case_record_review_outcome)
        assert penalty.fine_amount == Decimal("5000")
        assert "请登记决定变更并填写变更后的罚款数额" in penalty.events.order_by("pk").last().message


def test_a_judgment_revoking_the_decision_records_it_on_the_penalty_case(world) -> None:
    penalty = decided_case(world)
    lawsuit = litigation_services.litigation_case_register(
        actor=world.cast.reconsideration_officer, responsible_unit=world.cast.government,
        data=litigation_services.LawsuitData(
            court="测试区人民法院", case_number="（2026）测0101行初1号", plaintiff_kind="person", plaintiff_name="张三",
            category="penalty", act_description="行政处罚决定", filed_on=date(2026, 6, 1),
            complaint_received_on=date(2026, 6, 3),
        ),
        defendants=[(world.cast.north, DefendantRole.ORIGINAL)], penalty_case=penalty,
    )  # fmt: skip

    litigation_services.litigation_case_conclude(
        actor=world.cast.reconsideration_officer, case=lawsuit, outcome=LawsuitOutcome.LOST, loss_kind="revoked",
        concluded_on=date(2026, 6, 29), judgment_number="（2026）测0101行初1号判决",
    )  # fmt: skip

    penalty.refresh_from_db()
    assert (penalty.decision_change_kind, penalty.decision_changed_on) == ("revoked", date(2026, 6, 29))
