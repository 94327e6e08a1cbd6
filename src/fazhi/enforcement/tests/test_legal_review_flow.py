"""法制审核 (Art. 58): one opinion per submission; a reviewed case leaves the reviewer's queue.

Protects against the QA finding where an approved case stayed in 待法制审核 with a 审核 button,
and a second opinion (未通过) sent the approved case back to 调查取证.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.core.audit.models import AuditEventType
from fazhi.core.errors import Conflict
from fazhi.enforcement import selectors, services
from fazhi.enforcement.choices import CaseStatus
from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.tests.assertions import Unchanged, assert_one_audit
from fazhi.enforcement.tests.factories import investigate, notify, open_case

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def submitted(world) -> PenaltyCase:  # type: ignore[no-untyped-def]
    case = notify(world, investigate(world, open_case(world, major_public_interest=True)))
    return services.case_legal_review_submit(actor=world.cast.inspector_north, case=case, on=date(2026, 3, 20))


def review(world, case: PenaltyCase, *, passed: bool) -> PenaltyCase:  # type: ignore[no-untyped-def]
    return services.case_legal_review_record(
        actor=world.reviewer, case=case, reviewed_on=date(2026, 3, 21), passed=passed, opinion="事实清楚"
    )


@pytest.mark.parametrize("first_passed", [True, False])
def test_a_second_opinion_on_the_same_submission_is_refused(world, first_passed: bool) -> None:
    # given a submission that already has an opinion
    case = review(world, submitted(world), passed=first_passed)
    case.refresh_from_db()
    unchanged = Unchanged(case)
    # when the reviewer records another one
    with pytest.raises(Conflict) as error:
        review(world, case, passed=not first_passed)
    # then it is refused with a Chinese message citing Art. 58, and nothing was written
    assert error.value.code in {"penalty.legal_review_already_recorded", "penalty.transition_not_allowed"}
    assert error.value.status_code == 409 and "第五十八条" in error.value.message
    unchanged.check()
    assert_one_audit(AuditEventType.PENALTY_CASE_LEGAL_REVIEWED, case, world.reviewer)


def test_a_passed_review_cannot_be_overturned_into_a_failed_one(world) -> None:
    case = review(world, submitted(world), passed=True)
    with pytest.raises(Conflict) as error:
        review(world, case, passed=False)
    assert error.value.code == "penalty.legal_review_already_recorded"
    assert "不能重复提交审核意见" in error.value.message
    case.refresh_from_db()
    assert case.status == CaseStatus.LEGAL_REVIEW and case.legal_review_passed is True


def test_a_resubmission_after_a_failed_review_may_be_reviewed_again(world) -> None:
    case = review(world, submitted(world), passed=False)
    assert case.status == CaseStatus.INVESTIGATING
    case = notify(world, case, notified_on=date(2026, 3, 23))
    case = services.case_legal_review_submit(actor=world.cast.inspector_north, case=case, on=date(2026, 3, 24))
    assert list(selectors.cases_awaiting_legal_review(user=world.reviewer)) == [case]
    case = services.case_legal_review_record(
        actor=world.reviewer, case=case, reviewed_on=date(2026, 3, 25), passed=True, opinion="补充调查后同意"
    )
    case.refresh_from_db()
    assert case.legal_review_passed is True and case.legal_reviewed_on == date(2026, 3, 25)


def test_a_reviewed_case_leaves_the_queue_and_the_count(world) -> None:
    case = submitted(world)
    assert list(selectors.cases_awaiting_legal_review(user=world.reviewer)) == [case]
    review(world, case, passed=True)
    assert not selectors.cases_awaiting_legal_review(user=world.reviewer).exists()
    assert [c.pk for c in selectors.cases_reviewed_by(user=world.reviewer)] == [case.pk]


def test_review_page_and_case_page_after_the_opinion(world) -> None:
    case = review(world, submitted(world), passed=True)
    reviewer = client_for(world.reviewer)
    listing = reviewer.get(reverse("enforcement:review_list")).content.decode()
    assert "#action-record_legal_review" not in listing and "目前没有等待法制审核的案件" in listing
    assert case.number in listing  # under 我最近审核的案件
    home = reviewer.get(reverse("web:legal_reviewer_home")).content.decode()
    assert 'data-testid="awaiting-review"><a href="/enforcement/review/">0件</a>' in home
    page = reviewer.get(reverse("enforcement:case_detail", kwargs={"case_id": case.pk})).content.decode()
    assert 'data-testid="action-record_legal_review"' not in page


def test_a_second_opinion_posted_from_a_fresh_page_is_409_in_chinese(world) -> None:
    case = review(world, submitted(world), passed=True)
    case.refresh_from_db()
    unchanged = Unchanged(case)
    url = reverse("enforcement:case_action", kwargs={"case_id": case.pk, "action": "record_legal_review"})
    payload = {"version": case.version, "reviewed_on": "2026-03-22", "passed": "false", "opinion": "改为不同意"}
    response = client_for(world.reviewer).post(url, payload, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    assert "不能重复提交审核意见" in response.content.decode()
    unchanged.check()


def test_a_second_opinion_over_the_api_is_409(world) -> None:
    case = review(world, submitted(world), passed=True)
    case.refresh_from_db()
    unchanged = Unchanged(case)
    client = client_for(world.reviewer)
    url = f"/api/v1/enforcement/cases/{case.pk}/legal-review/"
    response = client.post(
        url,
        {"version": case.version, "reviewed_on": "2026-03-22", "passed": False, "opinion": "改为不同意"},
        content_type="application/json",
    )
    assert response.status_code == 409, response.content
    assert response.json()["error"]["code"] == "penalty.legal_review_already_recorded"
    unchanged.check()


def test_every_opinion_stays_on_the_timeline_and_the_latest_is_shown(world) -> None:
    # given a failed review, a resubmission and a passed review, each with its own opinion
    case = services.case_legal_review_record(
        actor=world.reviewer, case=submitted(world), reviewed_on=date(2026, 3, 21), passed=False, opinion="证据不足"
    )
    case = notify(world, case, notified_on=date(2026, 3, 23))
    case = services.case_legal_review_submit(actor=world.cast.inspector_north, case=case, on=date(2026, 3, 24))
    case = services.case_legal_review_record(
        actor=world.reviewer, case=case, reviewed_on=date(2026, 3, 25), passed=True, opinion="补充调查后同意"
    )
    # then both opinions are kept on the timeline, in order
    reviews = list(case.events.filter(type="legal_reviewed").order_by("occurred_at", "pk"))
    assert [(e.parameters["passed"], e.parameters["opinion"]) for e in reviews] == [
        (False, "证据不足"),
        (True, "补充调查后同意"),
    ]
    assert reviews[0].message.startswith("法制审核未通过：证据不足")
    assert reviews[1].message == "法制审核通过：补充调查后同意"
    # and the case page shows both in the timeline and the latest in the header
    page = client_for(world.reviewer).get(reverse("enforcement:case_detail", kwargs={"case_id": case.pk}))
    html = page.content.decode()
    assert "法制审核未通过：证据不足" in html and "法制审核通过：补充调查后同意" in html
    assert 'data-testid="legal-review-opinion"' in html
    header = html.split('data-testid="legal-review-opinion">', 1)[1].split("</dd>", 1)[0]
    assert "补充调查后同意" in header and "证据不足" not in header
