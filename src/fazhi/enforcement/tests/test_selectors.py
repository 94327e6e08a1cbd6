from datetime import date

import pytest

from fazhi.core.errors import NotFound
from fazhi.enforcement import selectors
from fazhi.enforcement.choices import Urgency
from fazhi.enforcement.tests.factories import open_case, record_inspection

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "visible"),
    [("inspector_north", True), ("reviewer_north", True), ("supervisor", True), ("unit_admin_north", True),
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
