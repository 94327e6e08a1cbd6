from datetime import date

import pytest

from fazhi.core.errors import NotFound
from fazhi.enforcement import selectors
from fazhi.enforcement.choices import Urgency
from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.tests.factories import open_case, record_inspection

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "visible"),
    # the legal reviewer of the unit sees only the cases routed to 法制审核 (test below)
    [("inspector_north", True), ("reviewer_north", False), ("supervisor", True), ("unit_admin_north", True),
     ("inspector_south", False), ("system_admin", False), ("outsider", False)],
)  # fmt: skip
def test_cases_are_scoped_to_the_org_subtree(world, who: str, visible: bool) -> None:
    case = open_case(world)
    user = getattr(world.cast, who)
    assert selectors.penalty_case_list_visible_to(user=user).filter(pk=case.pk).exists() is visible
    if not visible:
        with pytest.raises(NotFound) as missing:
            selectors.penalty_case_get_for_user(user=user, case_id=10**9)
        with pytest.raises(NotFound) as foreign:
            selectors.penalty_case_get_for_user(user=user, case_id=case.pk)
        assert missing.value.as_dict() == foreign.value.as_dict()  # uniform 404


def test_supervisor_may_view_but_not_edit(world) -> None:
    case = open_case(world)
    assert selectors.penalty_case_get_for_user(user=world.cast.supervisor, case_id=case.pk)
    with pytest.raises(NotFound):
        selectors.penalty_case_get_for_user(user=world.cast.supervisor, case_id=case.pk, action="edit")


def test_my_work_lists_open_cases_by_deadline_then_inspections(world) -> None:
    later = open_case(world, filed_on=date(2026, 3, 10), discovered_on=date(2026, 3, 10))
    sooner = open_case(world)
    record_inspection(world)
    items = selectors.my_work(user=world.cast.inspector_north, today=date(2026, 5, 29))
    assert [(i.kind, i.id) for i in items][:2] == [("case", sooner.pk), ("case", later.pk)]
    assert items[0].urgency == Urgency.URGENT and items[0].due == date(2026, 6, 1)
    assert items[0].due_what == "行政处罚决定期限（市场监管）"  # which deadline the date is (a market unit)
    assert items[-1].kind == "inspection"
    assert selectors.my_work(user=world.cast.inspector_south, today=date(2026, 5, 29)) == []


def test_allowed_actions_follow_the_state(world) -> None:
    case = open_case(world)
    assert [a.code for a in selectors.case_allowed_actions(case=case)] == [
        "investigate", "assign_officers", "declare_recusal", "preserve_evidence", "extend_deadline", "withdraw",
        "add_evidence",
    ]  # fmt: skip


def test_a_legal_reviewer_sees_the_cases_routed_to_them(world) -> None:
    # DESIGN §1: "cases routed to them" — the cases of their units submitted for 法制审核 (Art. 58)
    reviewer = world.cast.reviewer_north
    waiting = open_case(world)
    routed = open_case(world)
    PenaltyCase.objects.filter(pk=routed.pk).update(legal_review_submitted_on=date(2026, 3, 20))

    visible = set(selectors.penalty_case_list_visible_to(user=reviewer).values_list("pk", flat=True))

    assert routed.pk in visible and waiting.pk not in visible
    assert selectors.penalty_case_get_for_user(user=reviewer, case_id=routed.pk).pk == routed.pk
    with pytest.raises(NotFound):
        selectors.penalty_case_get_for_user(user=reviewer, case_id=waiting.pk)
