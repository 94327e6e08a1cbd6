"""公示及时率 (version 2): every decision whose publication period ended in the period counts, published
or not, so a unit that never publishes cannot rank above one that publishes late (QA4 finding 4).

The period is the case's tracked publicity.penalty deadline (7 working days from the decision,
国办发〔2018〕118号); a decision set aside before it was published owes nothing (处罚法 Art. 48(2)); a
deadline still ahead of today is not counted yet.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine

from fazhi.enforcement import services as enforcement_services
from fazhi.enforcement.selectors import case_tracked_deadlines
from fazhi.enforcement.tests.factories import decided_case
from fazhi.supervision import rules, selectors, services
from fazhi.supervision.models import EnforcementRecord

pytestmark = pytest.mark.django_db
YEAR = (date(2026, 1, 1), date(2026, 12, 31))


def _figures(unit, start=YEAR[0], end=YEAR[1]):
    report = selectors.indicator_report(unit=unit, start=start, end=end, breakdown=False)
    return {**report.total.measures, **{v.code: v.value for v in report.total.values}}


def _publication_due(case) -> date:
    return case_tracked_deadlines(case=case).get(rule_code="publicity.penalty").due


def test_the_rule_counts_never_published_as_not_in_time():
    due = date(2026, 4, 9)
    assert rules.published_by_due(published_on=date(2026, 4, 9), publish_due=due)
    assert not rules.published_by_due(published_on=date(2026, 4, 10), publish_due=due)
    assert not rules.published_by_due(published_on=None, publish_due=due)


def test_a_decision_never_published_scores_zero_not_not_applicable(world):
    # given: a decision (30 March 2026) that was never published
    case = decided_case(world)
    services.ingest_internal_records()

    # then: its deadline is on the fact row, and the unit scores 0 % instead of "—"
    due = _publication_due(case)
    assert EnforcementRecord.objects.get().publish_due == due
    figures = _figures(world.cast.north)
    assert (figures["publications_due"], figures["publications_by_due"]) == (1, 0)
    assert figures["publication_timeliness"] == 0

    # and the drill-down lists it as not published
    drill = selectors.drilldown(unit=world.cast.north, kind="publications_late", start=YEAR[0], end=YEAR[1])
    assert drill.count == 1
    assert drill.rows[0][-2:] == (f"{due.year}年{due.month}月{due.day}日", "未公示")


def test_publishing_by_the_deadline_counts_and_late_does_not(world):
    case = decided_case(world)
    due = _publication_due(case)
    enforcement_services.publication_publish(actor=world.cast.inspector_north, case=case, published_on=due)
    services.ingest_internal_records()

    figures = _figures(world.cast.north)
    assert (figures["publications_due"], figures["publications_by_due"]) == (1, 1)
    assert figures["publication_timeliness"] == 100
    assert selectors.drilldown(unit=world.cast.north, kind="publications_late", start=YEAR[0], end=YEAR[1]).count == 0


def test_a_decision_revoked_before_publication_owes_none(world):
    case = decided_case(world)
    enforcement_services.case_decision_change_record(
        actor=world.cast.inspector_north, case=case, kind="revoked", changed_on=date(2026, 4, 1), reason="复议撤销"
    )
    services.ingest_internal_records()

    assert EnforcementRecord.objects.get().publish_due is None
    figures = _figures(world.cast.north)
    assert figures["publications_due"] == 0 and figures["publication_timeliness"] is None


def test_a_deadline_still_ahead_is_not_counted_yet(world):
    case = decided_case(world)
    due = _publication_due(case)
    services.ingest_internal_records()

    # on the day before the deadline, the unpublished decision is not late yet; on the day after, it is
    with time_machine.travel(due - timedelta(days=1), tick=False):
        before = _figures(world.cast.north, end=date(2026, 6, 30))
        drill = selectors.drilldown(
            unit=world.cast.north, kind="publications_late", start=YEAR[0], end=date(2026, 6, 30)
        )
    assert (before["publications_due"], before["publication_timeliness"], drill.count) == (0, None, 0)
    with time_machine.travel(due + timedelta(days=1), tick=False):
        after = _figures(world.cast.north, end=date(2026, 6, 30))
    assert (after["publications_due"], after["publication_timeliness"]) == (1, 0)
