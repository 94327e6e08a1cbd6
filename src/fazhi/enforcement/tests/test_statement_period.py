"""陈述、申辩 before the decision (行政处罚法 Art. 44, 45, 62): no decision inside the party's statement period.

The notice of 2026-03-16 (Mon) gives the party the configured period (penalty.statement, an unconfirmed
default of 5 working days: 03-17, 18, 19, 20, 23), so the decision comes on 03-24 at the earliest,
unless the party has already stated and defended or expressly waived.
"""

from __future__ import annotations

from datetime import date

import pytest
from rest_framework.test import APIClient

from fazhi.core.deadlines.selectors import deadline_rule_list
from fazhi.core.errors import DomainError
from fazhi.enforcement import selectors, services
from fazhi.enforcement.documents import DocumentKind, render_document
from fazhi.enforcement.tests.assertions import Unchanged
from fazhi.enforcement.tests.factories import decide, investigate, notify, open_case
from fazhi.enforcement.tests.test_documents import text_of

pytestmark = pytest.mark.django_db
NOTIFIED = date(2026, 3, 16)
STATEMENT_DUE = date(2026, 3, 23)


def _notified(world):  # type: ignore[no-untyped-def]
    return notify(world, investigate(world, open_case(world)), notified_on=NOTIFIED)


def test_the_statement_period_is_shipped_as_an_unconfirmed_configurable_default() -> None:
    rule = {r.code: r for r in deadline_rule_list()}["penalty.statement"]

    assert (rule.count, rule.unit, rule.confirmed) == (5, "working_day", False)
    assert "第六十二条" in rule.legal_basis and "未核实" in rule.note


def test_the_case_knows_when_its_statement_period_ends(world) -> None:
    assert selectors.case_statement_due(case=open_case(world)) is None
    assert selectors.case_statement_due(case=_notified(world)) == STATEMENT_DUE


@pytest.mark.parametrize("decided_on", [date(2026, 3, 17), STATEMENT_DUE])
def test_a_decision_inside_the_statement_period_is_refused_and_nothing_written(world, decided_on: date) -> None:
    case = _notified(world)
    unchanged = Unchanged(case)

    with pytest.raises(DomainError) as refused:
        decide(world, case, decided_on=decided_on)

    assert refused.value.code == "penalty.statement_period_running" and refused.value.status_code == 400
    assert "至2026年3月23日尚未届满" in refused.value.message and "第六十二条" in refused.value.message
    unchanged.check()


def test_the_decision_comes_after_the_period(world) -> None:
    case = decide(world, _notified(world), decided_on=date(2026, 3, 24))

    assert case.status == "decided"


@pytest.mark.parametrize("waived", [False, True])
def test_a_party_heard_or_waiving_may_be_decided_on_before_the_period_ends(world, waived: bool) -> None:
    case = services.case_statement_record(
        actor=world.cast.inspector_north, case=_notified(world), on=date(2026, 3, 17),
        summary="" if waived else "当事人称已整改。", waived=waived,
    )  # fmt: skip

    case = decide(world, case, decided_on=date(2026, 3, 18))

    assert case.status == "decided"


def test_http_decide_inside_the_period_is_400_and_the_page_names_the_end(world, client) -> None:
    case = _notified(world)
    api = APIClient()
    api.force_authenticate(world.cast.inspector_north)

    response = api.post(f"/api/v1/enforcement/cases/{case.pk}/decide/", {
        "version": case.version, "decided_on": "2026-03-17", "decision_number": "罚〔2026〕1号",
        "penalty_types": ["fine"], "fine_amount": "5000.00", "legal_basis": "第一百二十四条",
        "performance_terms": "十五日内缴纳", "remedies": "复议或诉讼",
    }, format="json")  # fmt: skip
    client.force_login(world.cast.inspector_north)
    html = client.get(f"/enforcement/cases/{case.pk}/").content.decode()

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "penalty.statement_period_running"
    assert 'data-testid="statement-due"' in html and "2026年3月23日届满" in html


def test_the_notice_tells_the_party_the_same_end_of_the_period(world) -> None:
    text = text_of(render_document(kind=DocumentKind.PENALTY_NOTICE, case=_notified(world)).content)

    assert "至2026年3月23日（含当日" in text
