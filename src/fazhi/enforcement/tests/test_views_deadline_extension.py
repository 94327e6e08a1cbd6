"""The 法定期限 panel after 延长办案期限: the replaced period says it was extended, the current one leads.

Protects against the QA finding where the old decision period stayed listed first under the same
name with status 已关闭, next to the new one, and officers could not tell which one runs.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.enforcement import selectors, services
from fazhi.enforcement.tests.factories import open_case

pytestmark = pytest.mark.django_db


def page_of(world, case) -> str:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(world.cast.inspector_north)
    return client.get(reverse("enforcement:case_detail", kwargs={"case_id": case.pk})).content.decode()


def deadline_rows(html: str) -> list[str]:
    panel = html.split('data-testid="case-deadlines"', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr\b.*?</tr>", panel.split("<tbody>", 1)[1], flags=re.S)


def extend(world, case, days: int, approved_on: date):  # type: ignore[no-untyped-def]
    return services.case_decision_deadline_extend(
        actor=world.cast.inspector_north, case=case, days=days, approved_on=approved_on, reason="案情复杂，经负责人批准"
    )


def test_the_period_before_an_extension_is_marked_extended_and_listed_after_the_current_one(world) -> None:
    case = open_case(world)
    before = selectors.case_open_deadline(case=case, rule_code=case.decision_rule_code)
    case = extend(world, case, 30, date(2026, 3, 20))
    after = selectors.case_open_deadline(case=case, rule_code=case.decision_rule_code)
    assert before is not None and after is not None and after.due > before.due

    rows = deadline_rows(page_of(world, case))
    extended = [row for row in rows if 'data-testid="deadline-extended"' in row]
    assert len(extended) == 1
    old = extended[0]
    assert "已延长" in old and "已关闭" not in old and "（延长前）" in old
    assert f"<del>{before.due.year}年" in old  # the replaced due date is struck through
    assert f"延长至{after.due.year}年{after.due.month}月{after.due.day}日" in old
    # the running period comes first and says by how much it was extended
    assert rows.index(old) > next(i for i, row in enumerate(rows) if "已延长30日" in row)
    assert all("已关闭" not in row for row in rows)


def test_a_second_extension_points_each_replaced_period_at_its_successor(world) -> None:
    case = extend(world, open_case(world), 10, date(2026, 3, 20))
    first = selectors.case_open_deadline(case=case, rule_code=case.decision_rule_code)
    case = extend(world, case, 20, date(2026, 3, 25))
    tracked = list(selectors.case_tracked_deadlines(case=case).filter(rule_code=case.decision_rule_code))
    replaced = selectors.deadlines_extended_by(tracked=tracked)
    assert len(tracked) == 3 and len(replaced) == 2
    assert first is not None and replaced[first.pk].extension == 30
    current = [t for t in tracked if t.pk not in replaced]
    assert [t.status for t in current] == ["open"] and current[0].extension == 30


def test_a_period_closed_by_the_end_of_the_case_is_not_called_extended(world) -> None:
    case = open_case(world)
    services.case_withdraw(actor=world.cast.inspector_north, case=case, closed_on=date(2026, 3, 5), reason="不属于管辖")
    tracked = list(selectors.case_tracked_deadlines(case=case))
    assert selectors.deadlines_extended_by(tracked=tracked) == {}
    html = page_of(world, case)
    assert 'data-testid="deadline-extended"' not in html and "已关闭" in html
