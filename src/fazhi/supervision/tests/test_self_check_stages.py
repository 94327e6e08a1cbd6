"""完整性自查 applies each rule only where it applies (QA #4): the rule set data says which rules belong to
the decision stage (未到该环节 before it) and which to a penalty decision (不适用 to a case closed without one)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.errors import DomainError
from fazhi.enforcement import services as enforcement
from fazhi.enforcement.choices import CaseOutcome
from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.tests.factories import decided_case, investigate, notify, open_case
from fazhi.supervision import rules, selectors

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)  # long after the 90-day decision period of a case filed on 2026-03-03


def _by_rule(check):
    return {finding.rule: finding for finding in check.findings}


def test_a_case_closed_as_first_offence_is_not_told_it_has_no_decision(world, client):
    case = investigate(world, open_case(world))
    case = enforcement.case_close_without_penalty(
        actor=world.cast.inspector_north, case=case, outcome=CaseOutcome.FIRST_OFFENCE, closed_on=date(2026, 3, 20),
        legal_basis="《中华人民共和国行政处罚法》第三十三条第一款", corrected=True, education_given=True,
    )  # fmt: skip

    check = selectors.case_self_check(case=case, today=TODAY)

    findings = _by_rule(check)
    assert findings["R04"].status == "na" and "尚未作出决定" not in findings["R04"].detail
    assert "首违不罚" in findings["R04"].detail
    assert check.missing == [] and check.score == Decimal("100.0")
    client.force_login(world.cast.unit_admin_north)
    page = client.get(f"/supervision/cases/{case.pk}/self-check/").content.decode()
    assert "已过，尚未作出决定" not in page and 'data-testid="complete"' in page


def test_an_undecided_case_loses_no_points_for_decision_stage_rules(world, client):
    # given: a case at 法制审核 that needs it (complex), notified, not yet decided, inside its deadline
    case = notify(world, investigate(world, open_case(world)))
    PenaltyCase.objects.filter(pk=case.pk).update(complex_case=True)
    case.refresh_from_db()

    check = selectors.case_self_check(case=case, today=date(2026, 3, 20))

    findings = _by_rule(check)
    for rule in ("R02", "R03", "R05", "R06", "R08", "R09", "R10"):
        assert findings[rule].status == rules.NOT_REACHED, rule
        assert findings[rule].deduction == 0 and "未到该环节" in findings[rule].detail
    assert findings["R02"].status != "pass"  # not 符合 with "尚未作出决定"
    assert check.missing == [] and check.score == Decimal("100.0")
    client.force_login(world.cast.unit_admin_north)
    page = client.get(f"/supervision/cases/{case.pk}/self-check/").content.decode()
    assert "未到该环节" in page


def test_an_undecided_case_past_its_deadline_is_still_a_finding(world):
    case = notify(world, investigate(world, open_case(world)))

    findings = _by_rule(selectors.case_self_check(case=case, today=TODAY))

    assert findings["R04"].status == "fail" and "尚未作出决定" in findings["R04"].detail


def test_a_bad_applies_value_in_a_rule_set_is_refused():
    data = {"ruleset": {"code": "x"}, "rules": [
        {"code": "R01", "title": "t", "check": "evidence_attached", "deduction": 5, "article": "a", "applies": "later"}
    ]}  # fmt: skip
    with pytest.raises(DomainError) as refused:
        rules.parse_rule_set(data)
    assert refused.value.code == "supervision.bad_rule"


def test_the_self_check_page_writes_the_finding_dates_in_chinese(world, client):
    case = decided_case(world)
    client.force_login(world.cast.unit_admin_north)

    page = client.get(f"/supervision/cases/{case.pk}/self-check/").content.decode()

    assert f"<td>{format_date_zh(case.decided_on)}作出决定（期限" in page
    assert not re.search(r"\d{4}-\d{2}-\d{2}", page)  # QA: "2026-07-30告知。"
