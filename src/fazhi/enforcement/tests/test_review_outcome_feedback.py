"""以案促改: a reconsideration or court outcome written onto the penalty case it corrects.

An outcome that changes the decision (变更, 撤销, 确认违法, 确认无效) is the case's decision change at once:
a decision set aside is then neither served, published nor paid (HTTP 409), a live publication's
Art. 48(2) withdrawal is due, and an officer's copy from before the change is stale.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from rest_framework.test import APIClient

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.deadlines.models import TrackedDeadline
from fazhi.core.errors import DomainError
from fazhi.enforcement import selectors, services
from fazhi.enforcement.models import CaseEvent, PenaltyCase
from fazhi.enforcement.tests.assertions import Unchanged, assert_one_audit, last_event
from fazhi.enforcement.tests.factories import decided_case, open_case

pytestmark = pytest.mark.django_db
BASE = "/api/v1/enforcement"
REVIEWED_ON = date(2026, 5, 6)  # a Wednesday: 3 working days run to Sat 05-09 (a 调休 working day)


def _record(world, case, decided_on: date = REVIEWED_ON, *, outcome: str = "撤销", change_kind: str = "revoked"):
    return services.penalty_case_record_review_outcome(
        actor=world.cast.supervisor, case=case, source="reconsideration", outcome=outcome,
        decided_on=decided_on, reference="G复〔2026〕1号", change_kind=change_kind,
    )  # fmt: skip


def _served(world, case):
    return services.case_serve(
        actor=world.cast.inspector_north, case=case, served_on=date(2026, 4, 2), method="直接送达"
    )


def _api(world) -> APIClient:
    client = APIClient()
    client.force_authenticate(world.cast.inspector_north)
    return client


def test_the_outcome_goes_on_the_timeline_of_a_decided_case(world) -> None:
    case = decided_case(world)  # decided 2026-03-30

    _record(world, case, date(2026, 4, 20))

    event = last_event(case)
    assert event.type == "decision_revoked" and "撤销" in event.message and "G复〔2026〕1号" in event.message


@pytest.mark.parametrize("decided", [True, False])
def test_an_outcome_before_the_decision_or_without_one_is_refused_and_nothing_written(world, decided) -> None:
    case = decided_case(world) if decided else open_case(world)
    before = (CaseEvent.objects.filter(case=case).count(), AuditEvent.objects.count())

    # The service joins its caller's transaction (the reconsideration decision): the caller's
    # savepoint is what the refusal rolls back.
    with pytest.raises(DomainError, match="日期先后顺序") as refused, transaction.atomic():
        _record(world, case, date(2025, 4, 12))

    assert refused.value.code == "penalty.review_outcome_before_decision"
    assert (CaseEvent.objects.filter(case=case).count(), AuditEvent.objects.count()) == before


@pytest.mark.parametrize("kind", ["changed", "revoked", "confirmed_illegal", "confirmed_void"])
def test_a_changing_outcome_is_the_cases_decision_change_with_the_withdrawal_due(world, kind: str) -> None:
    case = decided_case(world)
    services.publication_publish(actor=world.cast.inspector_north, case=case, published_on=date(2026, 4, 1))
    case.refresh_from_db()
    version = case.version

    case = _record(world, case, change_kind=kind)

    stored = PenaltyCase.objects.get(pk=case.pk)
    assert (stored.decision_change_kind, stored.decision_changed_on) == (kind, REVIEWED_ON)
    assert stored.version == version + 1
    audit = assert_one_audit(AuditEventType.PENALTY_CASE_REVIEW_OUTCOME_RECORDED, case, world.cast.supervisor)
    assert audit.changes["decision_change_kind"] == ["", kind] and audit.changes["version"] == [version, version + 1]
    # Art. 48(2): the live publication is to be withdrawn within 3 working days, tracked for the unit
    due = TrackedDeadline.objects.get(target_id=str(case.pk), rule_code="penalty.withdraw_publication", status="open")
    assert due.start == REVIEWED_ON and due.due == date(2026, 5, 9)
    event = last_event(case)
    assert event.parameters["change_kind"] == kind and event.parameters["publication_live"] is True
    assert "2026年5月9日前撤回" in event.message and "第四十八条第二款" in event.message


def test_an_outcome_that_changes_nothing_leaves_the_case_and_its_version(world) -> None:
    case = decided_case(world)
    row = PenaltyCase.objects.filter(pk=case.pk).values().get()

    _record(world, case, outcome="责令履行", change_kind="")

    assert PenaltyCase.objects.filter(pk=case.pk).values().get() == row
    assert_one_audit(AuditEventType.PENALTY_CASE_REVIEW_OUTCOME_RECORDED, case)
    assert "change_kind" not in last_event(case).parameters


def test_an_unknown_change_kind_is_refused_and_nothing_written(world) -> None:
    case = decided_case(world)
    unchanged = Unchanged(case)

    with pytest.raises(DomainError) as refused, transaction.atomic():
        _record(world, case, change_kind="ordered_performance")

    assert refused.value.code == "penalty.invalid_change_kind" and refused.value.status_code == 400
    unchanged.check()


def test_the_organs_decision_is_recorded_on_a_case_an_officer_moved_meanwhile(world) -> None:
    # The reconsideration organ's copy may be older than the unit's: its decision is not refused.
    case = decided_case(world)
    stale = PenaltyCase.objects.get(pk=case.pk)
    _served(world, case)

    _record(world, stale)

    assert PenaltyCase.objects.get(pk=case.pk).decision_change_kind == "revoked"


def test_an_officers_copy_from_before_the_change_is_stale(world) -> None:
    case = decided_case(world)
    officer_copy = PenaltyCase.objects.get(pk=case.pk)

    _record(world, case)

    with pytest.raises(DomainError) as refused:
        _served(world, officer_copy)
    assert refused.value.code == "penalty.version_conflict" and refused.value.status_code == 409


def test_a_revoked_decision_can_no_longer_be_served_or_published(world) -> None:
    case = _record(world, decided_case(world))  # revoked before it was served
    assert "应当终结执行并结案" in last_event(case).message

    allowed = {a.code for a in selectors.case_allowed_actions(case=case, on=date(2026, 5, 7))}
    assert not allowed & {"serve", "publish"} and "end_execution" in allowed
    unchanged = Unchanged(case)
    with pytest.raises(DomainError) as refused:
        _served(world, case)
    assert refused.value.code == "penalty.decision_set_aside" and refused.value.status_code == 409
    assert "已被撤销" in refused.value.message and "行政复议法" in refused.value.message
    unchanged.check()
    with pytest.raises(DomainError) as refused:
        services.publication_publish(actor=world.cast.inspector_north, case=case, published_on=date(2026, 5, 7))
    assert refused.value.code == "publication.decision_changed" and refused.value.status_code == 409
    assert "第四十八条第二款" in refused.value.message
    unchanged.check()
    assert not case.publications.exists()
    # what is left: 终结执行并结案 (行政强制法 Art. 40(4))
    case = services.case_execution_end(actor=world.cast.inspector_north, case=case, closed_on=date(2026, 5, 7))
    assert case.outcome == "execution_ended"


def test_a_revoked_served_decision_can_no_longer_be_paid(world) -> None:
    case = _record(world, _served(world, decided_case(world)))
    unchanged = Unchanged(case)

    with pytest.raises(DomainError) as refused:
        services.case_execution_record(
            actor=world.cast.inspector_north, case=case, executed_on=date(2026, 5, 7), paid_amount=Decimal("5000")
        )

    assert refused.value.code == "penalty.decision_set_aside" and refused.value.status_code == 409
    unchanged.check()


def test_a_revoked_decision_already_paid_is_to_be_undone(world) -> None:
    case = services.case_execution_record(
        actor=world.cast.inspector_north, case=_served(world, decided_case(world)), executed_on=date(2026, 4, 10)
    )

    case = _record(world, case)

    assert "退还财物（行政强制法第四十一条）" in last_event(case).message


def test_a_decision_confirmed_illegal_is_still_served_but_not_published(world) -> None:
    # 确认违法 does not revoke the decision (行政复议法 Art. 65), but Art. 48(2) takes it off the portal.
    case = _record(world, decided_case(world), outcome="确认违法", change_kind="confirmed_illegal")

    allowed = {a.code for a in selectors.case_allowed_actions(case=case, on=date(2026, 5, 7))}
    assert "serve" in allowed and "publish" not in allowed
    with pytest.raises(DomainError) as refused:
        services.publication_publish(actor=world.cast.inspector_north, case=case, published_on=date(2026, 5, 7))
    assert refused.value.code == "publication.decision_changed"
    assert _served(world, case).status == "served"


def test_http_serve_publish_and_payment_of_a_revoked_decision_are_409(world) -> None:
    client = _api(world)
    decided = _record(world, decided_case(world))
    served = _record(world, _served(world, decided_case(world, decision_number="测市监罚〔2026〕2号")))
    before = AuditEvent.objects.count()

    serve = client.post(f"{BASE}/cases/{decided.pk}/serve/",
                        {"version": decided.version, "served_on": "2026-05-07", "method": "直接送达"},
                        format="json")  # fmt: skip
    publish = client.post(f"{BASE}/cases/{decided.pk}/publication/", {"published_on": "2026-05-07"}, format="json")
    execute = client.post(f"{BASE}/cases/{served.pk}/execute/",
                          {"version": served.version, "executed_on": "2026-05-07", "paid_amount": "5000.00"},
                          format="json")  # fmt: skip

    assert (serve.status_code, serve.json()["error"]["code"]) == (409, "penalty.decision_set_aside")
    assert (publish.status_code, publish.json()["error"]["code"]) == (409, "publication.decision_changed")
    assert (execute.status_code, execute.json()["error"]["code"]) == (409, "penalty.decision_set_aside")
    assert "已被撤销" in serve.json()["error"]["message"]
    assert AuditEvent.objects.count() == before
    assert PenaltyCase.objects.get(pk=decided.pk).status == "decided" and not decided.publications.exists()


def test_the_case_page_shows_the_change_and_offers_no_service_or_publication(world, client) -> None:
    case = decided_case(world)
    services.publication_publish(actor=world.cast.inspector_north, case=case, published_on=date(2026, 4, 1))
    case.refresh_from_db()
    _record(world, case)
    client.force_login(world.cast.inspector_north)

    html = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    posted = client.post(f"/enforcement/cases/{case.pk}/actions/serve/",
                         {"version": case.version + 1, "served_on": "2026-05-07", "method": "直接送达"})  # fmt: skip

    assert 'data-testid="decision-change"' in html and "已被撤销" in html and "第四十八条第二款" in html
    assert 'data-testid="action-serve"' not in html and 'data-testid="action-publish"' not in html
    assert 'data-testid="action-end_execution"' in html
    assert posted.status_code == 409 and "已被撤销" in posted.content.decode()


def _open_periods(case) -> set[str]:
    periods = TrackedDeadline.objects.filter(target_id=str(case.pk), status="open")
    return set(periods.values_list("rule_code", flat=True))


@pytest.mark.parametrize("kind", ["revoked", "confirmed_void"])
def test_a_decision_set_aside_stops_its_service_and_publication_periods(world, kind: str) -> None:
    case = decided_case(world)
    assert {"penalty.service", "publicity.penalty"} <= _open_periods(case)

    _record(world, case, change_kind=kind)

    # closed (no longer owed), neither met nor left running to turn overdue
    codes = ["penalty.service", "publicity.penalty"]
    ended = TrackedDeadline.objects.filter(target_id=str(case.pk), rule_code__in=codes)
    assert sorted(ended.values_list("status", flat=True)) == ["closed", "closed"]
    assert AuditEvent.objects.filter(event_type=AuditEventType.DEADLINE_CLOSED, target_id=ended[0].pk).exists()


def test_a_revoked_served_decision_stops_its_payment_period(world) -> None:
    case = _served(world, decided_case(world))
    assert "penalty.payment" in _open_periods(case)

    _record(world, case)

    assert "penalty.payment" not in _open_periods(case)


def test_a_decision_confirmed_illegal_or_changed_keeps_its_service_period_but_not_publication(world) -> None:
    for kind, number in (("confirmed_illegal", "测市监罚〔2026〕3号"), ("changed", "测市监罚〔2026〕4号")):
        case = _record(world, decided_case(world, decision_number=number), change_kind=kind)

        open_periods = _open_periods(case)
        assert "penalty.service" in open_periods and "publicity.penalty" not in open_periods


def test_a_unit_recording_the_revocation_itself_stops_the_periods_too(world) -> None:
    case = decided_case(world)

    services.case_decision_change_record(
        actor=world.cast.inspector_north, case=case, kind="revoked", changed_on=REVIEWED_ON, reason="自行纠错"
    )

    assert not {"penalty.service", "publicity.penalty"} & _open_periods(case)


def test_the_case_page_of_a_revoked_decision_says_so_and_offers_no_service_receipt(world, client) -> None:
    case = _record(world, decided_case(world))
    client.force_login(world.cast.inspector_north)

    html = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    receipt = client.get(f"/enforcement/cases/{case.pk}/documents/service-receipt.docx")

    assert 'data-testid="case-status" title="已作出决定；2026年5月6日被撤销">决定已撤销</span>' in html
    assert "送达回证" not in html and "行政处罚决定书" in html
    assert receipt.status_code == 409


def test_a_served_decision_revoked_keeps_its_service_receipt_in_the_file(world, client) -> None:
    case = _record(world, _served(world, decided_case(world)))
    client.force_login(world.cast.inspector_north)

    html = client.get(f"/enforcement/cases/{case.pk}/").content.decode()

    assert "决定已撤销" in html and "送达回证" in html
