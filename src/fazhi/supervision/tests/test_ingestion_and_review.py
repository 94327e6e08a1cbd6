"""Records created inside Fazhi count the same way as imported ones; 案卷评查 on real penalty cases."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import Conflict, DomainError
from fazhi.enforcement.tests.factories import (
    decide,
    decided_case,
    investigate,
    notify,
    open_case,
    record_inspection,
)
from fazhi.orgs import services as org_services
from fazhi.orgs.models import Certificate
from fazhi.supervision import rules, selectors, services
from fazhi.supervision.choices import RecordSource, ReviewStatus
from fazhi.supervision.models import Alert, CaseFileReview, EnforcementRecord, IngestionCursor

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)


def _figures(unit, start=date(2026, 1, 1), end=date(2026, 12, 31)):
    report = selectors.indicator_report(unit=unit, start=start, end=end, breakdown=False)
    return {**report.total.measures, **{v.code: v.value for v in report.total.values}}


def test_internal_inspections_and_cases_enter_the_fact_table_once(world):
    # given: one inspection and one decided case recorded through the enforcement services
    record_inspection(world)
    decided_case(world)

    # when
    first = services.ingest_internal_records()
    second = services.ingest_internal_records()

    # then: two records, counted like imported ones; a second run changes nothing
    assert first == 2 and second == 0
    assert set(EnforcementRecord.objects.values_list("source", "record_type")) == {
        (RecordSource.INTERNAL, "inspection"),
        (RecordSource.INTERNAL, "penalty"),
    }
    figures = _figures(world.cast.north)
    assert figures["records_total"] == 2
    assert figures["records_inspection"] == 1 and figures["records_penalty"] == 1
    assert figures["officers_participating"] == 2  # officer_a and officer_b on both
    assert figures["decisions_total"] == 1
    assert IngestionCursor.objects.filter(name="inspection").get().last_pk > 0
    assert AuditEvent.objects.filter(event_type=AuditEventType.SUPERVISION_RECORDS_INGESTED).count() == 2


def test_a_case_that_moves_on_is_re_ingested_with_its_new_facts(world):
    case = open_case(world)
    services.ingest_internal_records()
    assert EnforcementRecord.objects.get(key=f"penalty_case:{case.pk}").decided_on is None

    decide(world, notify(world, investigate(world, case)))
    assert services.ingest_internal_records() == 1

    assert EnforcementRecord.objects.get(key=f"penalty_case:{case.pk}").decided_on == date(2026, 3, 30)
    assert _figures(world.cast.north)["decisions_total"] == 1


def test_self_check_finds_the_missing_steps_of_an_incomplete_case(world):
    # given: a case decided (with the evidence enforcement requires, Art. 40), never served or published
    case = decided_case(world)

    check = selectors.case_self_check(case=case, today=TODAY)

    missing = {finding.rule: finding for finding in check.missing}
    assert set(missing) == {"R05", "R06"}  # service, publication
    assert "送达" in missing["R05"].detail
    assert check.score == Decimal("85.0")
    passed = {f.rule for f in check.findings if f.status == "pass"}
    assert {"R01", "R02", "R04", "R07", "R08", "R09"} <= passed


def test_review_sample_is_reproducible_and_flows_to_rectification_and_recheck(world):
    cases = [decided_case(world, decision_number=f"测市监罚〔2026〕{n}号") for n in range(1, 5)]
    supervisor = world.cast.supervisor
    period = {"unit": world.cast.north, "start": date(2026, 1, 1), "end": date(2026, 12, 31)}

    first = services.review_sample_draw(actor=supervisor, size=2, seed=42, today=TODAY, **period)
    again = services.review_sample_draw(actor=supervisor, size=2, seed=42, today=TODAY, **period)

    # A file is drawn once (QA #3): the second draw takes the two files the first left; each draw can be
    # redone from the candidates it stored (and their digest) with its seed. (Before, the second draw took
    # the same two files again and this test asserted it.)
    drawn = sorted(first.reviews.values_list("case_id", flat=True))
    drawn_again = sorted(again.reviews.values_list("case_id", flat=True))
    assert set(drawn) | set(drawn_again) == {c.pk for c in cases} and not set(drawn) & set(drawn_again)
    for sample, files in ((first, drawn), (again, drawn_again)):
        assert rules.draw_sample(candidate_ids=sample.candidates, size=2, seed=42) == files
        assert sample.candidates_digest == rules.candidates_digest(sample.candidates)

    review = first.reviews.first()
    with pytest.raises(DomainError) as future:  # a review cannot be dated after today
        services.case_file_review_score(
            actor=supervisor, review=review, reviewed_on=TODAY + timedelta(days=1), today=TODAY
        )
    assert future.value.code == "supervision.future_date"
    review = services.case_file_review_score(
        actor=supervisor, review=review, reviewed_on=TODAY, judgement_deduction=Decimal("2"),
        judgement_note="询问笔录未载明告知事项", today=TODAY,
    )  # fmt: skip
    assert review.status == ReviewStatus.RECTIFYING
    assert review.score == Decimal("83.0")

    with pytest.raises(DomainError):
        services.review_rectification_submit(actor=world.cast.unit_admin_north, review=review, note=" ", on=TODAY)
    review.refresh_from_db()
    assert review.status == ReviewStatus.RECTIFYING  # nothing changed on refusal

    review = services.review_rectification_submit(
        actor=world.cast.unit_admin_north, review=review, note="已补充送达回证和证据", on=TODAY
    )
    review = services.review_recheck(actor=supervisor, review=review, passed=False, note="公示仍缺", on=TODAY)
    assert review.status == ReviewStatus.RECTIFYING
    review = services.review_rectification_submit(
        actor=world.cast.unit_admin_north, review=review, note="已公示", on=TODAY
    )
    review = services.review_recheck(actor=supervisor, review=review, passed=True, note="", on=TODAY)
    assert review.status == ReviewStatus.CLOSED

    with pytest.raises(Conflict):
        services.review_recheck(actor=supervisor, review=review, passed=True, note="", on=TODAY)
    types = list(
        AuditEvent.objects.filter(target_id=str(review.pk), target_type__model="casefilereview")
        .order_by("id")
        .values_list("event_type", flat=True)
    )
    assert types == [
        AuditEventType.SUPERVISION_CASE_FILE_REVIEWED,
        AuditEventType.SUPERVISION_RECTIFICATION_SUBMITTED,
        AuditEventType.SUPERVISION_REVIEW_RECHECKED,
        AuditEventType.SUPERVISION_RECTIFICATION_SUBMITTED,
        AuditEventType.SUPERVISION_REVIEW_RECHECKED,
    ]
    average = _figures(world.cast.north, start=TODAY, end=TODAY)["review_average_score"]
    assert average == Decimal("83.00")


def test_the_shipped_rule_set_loads():
    rule_set = selectors.rule_set_get()
    assert rule_set.full_score == 100
    assert len(rule_set.rules) == 10
    assert sum(rule.deduction for rule in rule_set.rules) == 100


def test_alerts_are_raised_once_and_cleared(world):
    certificate = Certificate.objects.get(number="N-1")
    org_services.certificate_change(
        actor=None, certificate=certificate, effective_on=TODAY, reason="测试", valid_to=date(2026, 12, 10)
    )
    now = timezone.now()

    raised, _cleared = services.alerts_refresh(today=TODAY, now=now)
    again, _ = services.alerts_refresh(today=TODAY, now=now)

    assert raised >= 1 and again == 0
    alert = Alert.objects.get(key__startswith=f"certificate:{certificate.pk}:")
    assert alert.status == "open" and alert.unit_id == world.cast.north.pk
    assert alert in selectors.alert_list_visible_to(user=world.cast.unit_admin_north)
    assert alert not in selectors.alert_list_visible_to(user=world.cast.inspector_south)

    org_services.certificate_change(
        actor=None, certificate=certificate, effective_on=TODAY, reason="换证", valid_to=date(2030, 12, 31)
    )
    _raised, cleared = services.alerts_refresh(today=TODAY, now=now)
    alert.refresh_from_db()
    assert cleared >= 1 and alert.status == "cleared"


def _login(client, user):
    client.force_login(user)
    return client


def test_self_check_page_for_the_unit_and_404_for_another(world, client):
    case = decided_case(world)

    page = _login(client, world.cast.unit_admin_north).get(f"/supervision/cases/{case.pk}/self-check/")
    api = client.get(f"/api/v1/supervision/cases/{case.pk}/self-check/")

    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="missing"' in html and "送达" in html
    assert api.status_code == 200 and api.json()["complete"] is False
    assert {f["rule"] for f in api.json()["missing"]} == {"R05", "R06"}
    other = _login(client, world.cast.inspector_south).get(f"/supervision/cases/{case.pk}/self-check/")
    assert other.status_code == 404


def test_review_pages_drive_the_workflow(world, client):
    decided_case(world)
    supervisor = _login(client, world.cast.supervisor)
    page = supervisor.get("/supervision/reviews/").content.decode()
    assert '<option value="NORTH">' in page  # the unit is chosen from the supervisor's enforcement bodies
    refused = supervisor.post(
        "/supervision/reviews/",
        {"unit": "NOPE", "period_from": "2026-01-01", "period_to": "2026-12-31", "size": 1, "seed": 7},
    )
    assert refused.status_code == 422 and not CaseFileReview.objects.exists()
    drawn = supervisor.post(
        "/supervision/reviews/",
        {"unit": "NORTH", "period_from": "2026-01-01", "period_to": "2026-12-31", "size": 1, "seed": 7},
    )
    assert drawn.status_code == 302
    review = CaseFileReview.objects.get()
    scored = supervisor.post(f"/supervision/reviews/{review.pk}/", {"action": "score", "judgement_deduction": "0"})
    review.refresh_from_db()
    assert scored.status_code == 302 and review.status == ReviewStatus.RECTIFYING

    admin = _login(client, world.cast.unit_admin_north)
    todo = admin.get("/supervision/todo/")
    assert todo.status_code == 200 and f"/supervision/reviews/{review.pk}/" in todo.content.decode()
    admin.post(f"/supervision/reviews/{review.pk}/", {"action": "rectify", "note": "已补正"})
    review.refresh_from_db()
    assert review.status == ReviewStatus.RECTIFIED
    refused = admin.post(f"/supervision/reviews/{review.pk}/", {"action": "recheck", "passed": "yes"})
    review.refresh_from_db()
    # unit admins cannot recheck: they see the review, so the refusal is 403 (it was 404 before)
    assert refused.status_code == 403 and review.status == ReviewStatus.RECTIFIED
