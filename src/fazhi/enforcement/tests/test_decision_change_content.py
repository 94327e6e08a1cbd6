"""A 变更 replaces the decision's content (行政复议法 Art. 63; 行政诉讼法 Art. 77).

Protects against the case keeping the original fine after a reconsideration or a court changed it:
payment, 加处罚款, the case page and the API went on with the old amount. A 变更 now records the new
content with the audit row and a timeline entry ("罚款由5000元变更为3000元"), the original stays in
that record, and a 变更 without the new content is refused (400, a code, a form error on the page).
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import docx
import pytest
from django.db import transaction
from rest_framework.test import APIClient

from fazhi.core.audit.models import AuditEventType
from fazhi.core.deadlines.models import TrackedDeadline
from fazhi.core.errors import DomainError
from fazhi.enforcement import selectors, services
from fazhi.enforcement.documents import DocumentKind, render_document
from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.rules.common import yuan
from fazhi.enforcement.rules.decision_change import DecisionContent, change_text, changed_decision_content
from fazhi.enforcement.tests.assertions import Unchanged, assert_one_audit, last_event
from fazhi.enforcement.tests.factories import decided_case

pytestmark = pytest.mark.django_db
BASE = "/api/v1/enforcement"
CHANGED_ON = date(2026, 5, 6)


def _change(world, case, **content):  # type: ignore[no-untyped-def]
    return services.case_decision_change_record(
        actor=world.cast.inspector_north, case=case, kind="changed", changed_on=CHANGED_ON,
        reason="行政复议决定变更罚款数额", **content,
    )  # fmt: skip


def _served(world, case):  # type: ignore[no-untyped-def]
    actor = world.cast.inspector_north
    return services.case_serve(actor=actor, case=case, served_on=date(2026, 4, 2), method="直接送达")


def _review_outcome(world, case, **content):  # type: ignore[no-untyped-def]
    return services.penalty_case_record_review_outcome(
        actor=world.cast.supervisor, case=case, source="reconsideration", outcome="变更", decided_on=CHANGED_ON,
        reference="G复〔2026〕7号", change_kind="changed", **content,
    )  # fmt: skip


# --- the pure rules ------------------------------------------------------------------------------------

FINED = DecisionContent(("warning", "fine"), Decimal("5000.00"), Decimal(0))


def test_the_change_reads_from_the_original_to_the_new_amount() -> None:
    lower = DecisionContent(("warning", "fine"), Decimal("3000"), Decimal(0))

    assert change_text(original=FINED, changed=lower) == "罚款由5000元变更为3000元"
    assert change_text(original=FINED, changed=FINED) == "处罚内容未变（警告、罚款5000元）"
    assert yuan(Decimal("5000.50")) == "5000.50元"


def test_a_change_without_content_and_content_without_a_change_are_refused() -> None:
    with pytest.raises(DomainError) as missing:
        changed_decision_content(kind="changed", original=FINED)
    with pytest.raises(DomainError) as fine_missing:  # the changed decision still fines: how much?
        changed_decision_content(kind="changed", original=FINED, penalty_types=["fine"])
    with pytest.raises(DomainError) as not_a_change:
        changed_decision_content(kind="revoked", original=FINED, fine=Decimal("3000"))

    assert missing.value.code == "penalty.change_content_required" and missing.value.status_code == 400
    assert "原决定警告、罚款5000元" in missing.value.message and "行政复议法》第六十三条" in missing.value.message
    assert fine_missing.value.code == "penalty.change_fine_required"
    assert not_a_change.value.code == "penalty.change_content_not_applicable"
    assert changed_decision_content(kind="revoked", original=FINED) is None


def test_dropping_the_fine_leaves_no_amount() -> None:
    changed = changed_decision_content(kind="changed", original=FINED, penalty_types=["warning"])

    assert changed == DecisionContent(("warning",), Decimal(0), Decimal(0))


# --- the unit records the change -------------------------------------------------------------------------


def test_a_change_puts_the_new_fine_on_the_case_and_keeps_the_original_in_its_record(world) -> None:
    case = decided_case(world)  # 5000 元
    version = case.version

    case = _change(world, case, new_fine_amount=Decimal("3000"))

    stored = PenaltyCase.objects.get(pk=case.pk)
    assert (stored.fine_amount, stored.penalty_types) == (Decimal("3000"), ["fine"])
    assert stored.decision_change_kind == "changed"
    audit = assert_one_audit(AuditEventType.PENALTY_CASE_DECISION_CHANGED, case, world.cast.inspector_north)
    assert audit.changes["fine_amount"] == ["5000.00", "3000.00"] and audit.changes["version"] == [version, version + 1]
    event = last_event(case)
    assert event.type == "decision_revoked" and "罚款由5000元变更为3000元" in event.message
    assert (event.parameters["original_fine"], event.parameters["fine"]) == ("5000.00", "3000.00")
    assert selectors.case_decision_as_made(case=stored).fine == Decimal("5000")


def test_a_change_without_the_new_content_is_refused_and_nothing_written(world) -> None:
    case = decided_case(world)
    unchanged = Unchanged(case)

    with pytest.raises(DomainError) as refused:
        _change(world, case)

    assert refused.value.code == "penalty.change_content_required" and refused.value.status_code == 400
    assert refused.value.fields == {"new_fine_amount": ["变更时必填。"]}
    unchanged.check()


def test_a_revocation_with_a_new_fine_is_refused(world) -> None:
    case = decided_case(world)
    unchanged = Unchanged(case)

    with pytest.raises(DomainError) as refused:
        services.case_decision_change_record(
            actor=world.cast.inspector_north, case=case, kind="revoked", changed_on=CHANGED_ON, reason="撤销",
            new_fine_amount=Decimal("3000"),
        )  # fmt: skip

    assert refused.value.code == "penalty.change_content_not_applicable"
    unchanged.check()


def test_payment_and_the_surcharge_follow_the_changed_fine(world) -> None:
    case = _change(world, _served(world, decided_case(world)), new_fine_amount=Decimal("3000"))  # due 2026-04-17

    # 加处罚款 is capped at the fine (Art. 72(1)(一)): the changed fine, not the original 5000
    assert selectors.surcharge_now(case=case, on=date(2026, 8, 1)).amount == Decimal("3000.00")
    case = services.case_execution_record(actor=world.cast.inspector_north, case=case, executed_on=date(2026, 4, 10))
    assert PenaltyCase.objects.get(pk=case.pk).paid_amount == Decimal("3000")


def test_a_fine_changed_after_payment_is_partly_refunded(world) -> None:
    case = _served(world, decided_case(world))
    case = services.case_execution_record(actor=world.cast.inspector_north, case=case, executed_on=date(2026, 4, 10))

    _change(world, case, new_fine_amount=Decimal("3000"))

    assert "应当退还2000元（行政强制法第四十一条）" in last_event(case).message


def test_a_change_to_a_warning_alone_ends_the_payment_period(world) -> None:
    case = _served(world, decided_case(world, penalty_types=["warning", "fine"]))

    case = _change(world, case, new_penalty_types=["warning"])

    assert (case.fine_amount, case.penalty_types) == (Decimal(0), ["warning"])
    assert "处罚种类由警告、罚款变更为警告；罚款由5000元变更为0元" in last_event(case).message
    assert not TrackedDeadline.objects.filter(target_id=str(case.pk), rule_code="penalty.payment", status="open")
    assert selectors.surcharge_now(case=case, on=date(2026, 8, 1)) is None


def test_the_decision_document_reproduces_the_decision_as_made(world) -> None:
    case = _change(world, decided_case(world), new_fine_amount=Decimal("3000"))

    content = render_document(kind=DocumentKind.DECISION, case=case).content
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)

    assert "罚款人民币伍仟元整（¥5,000.00）" in text and "叁仟" not in text


# --- a reconsideration or court outcome ------------------------------------------------------------------


def test_a_review_outcome_with_the_new_content_changes_the_case(world) -> None:
    case = decided_case(world)

    case = _review_outcome(world, case, new_fine_amount=Decimal("3000"))

    assert PenaltyCase.objects.get(pk=case.pk).fine_amount == Decimal("3000")
    audit = assert_one_audit(AuditEventType.PENALTY_CASE_REVIEW_OUTCOME_RECORDED, case, world.cast.supervisor)
    assert audit.changes["fine_amount"] == ["5000.00", "3000.00"]
    event = last_event(case)
    assert "已登记决定被变更：罚款由5000元变更为3000元" in event.message and "G复〔2026〕7号" in event.message
    assert event.parameters["original_fine"] == "5000.00"


def test_a_review_outcome_without_the_content_is_recorded_and_asks_the_unit_for_it(world) -> None:
    # A 复议 partial 撤销 need not state what remains (行政复议法 Art. 64); reconsideration feeds it back as a
    # 变更 without content, which is recorded as the kind alone (the live caller: test_review_outcome_callers).
    case = _review_outcome(world, decided_case(world))

    stored = PenaltyCase.objects.get(pk=case.pk)
    assert (stored.decision_change_kind, stored.fine_amount) == ("changed", Decimal("5000"))
    assert "请登记决定变更并填写变更后的罚款数额" in last_event(case).message
    # the unit then records the content itself
    stored = _change(world, stored, new_fine_amount=Decimal("3000"))
    assert PenaltyCase.objects.get(pk=case.pk).fine_amount == Decimal("3000")


def test_a_judgment_changing_the_decision_without_its_content_is_refused(world) -> None:
    # litigation_case_conclude always states a 判决变更's penalty (行政诉讼法 Art. 77); only the 复议 partial
    # 撤销 may come without it. Protects the case from silently executing the original after a judgment.
    case = decided_case(world)
    unchanged = Unchanged(case)

    with pytest.raises(DomainError) as refused, transaction.atomic():
        services.penalty_case_record_review_outcome(
            actor=world.cast.supervisor, case=case, source="litigation", outcome="败诉（判决变更）",
            decided_on=CHANGED_ON, reference="（2026）测0101行初1号", change_kind="changed",
        )  # fmt: skip

    assert refused.value.code == "penalty.change_content_required" and refused.value.status_code == 400
    unchanged.check()


def test_a_review_outcome_that_changes_nothing_carries_no_content(world) -> None:
    case = decided_case(world)
    unchanged = Unchanged(case)

    with pytest.raises(DomainError) as refused, transaction.atomic():
        services.penalty_case_record_review_outcome(
            actor=world.cast.supervisor, case=case, source="litigation", outcome="责令履行", decided_on=CHANGED_ON,
            reference="（2026）测0101行初1号", new_fine_amount=Decimal("3000"),
        )  # fmt: skip

    assert refused.value.code == "penalty.change_content_not_applicable"
    unchanged.check()


# --- API --------------------------------------------------------------------------------------


def test_http_a_change_without_content_is_400_and_with_it_the_case_answers_the_new_fine(world) -> None:
    case = decided_case(world)
    client = APIClient()
    client.force_authenticate(world.cast.inspector_north)
    url = f"{BASE}/cases/{case.pk}/decision-change/"
    body = {"version": case.version, "kind": "changed", "changed_on": "2026-05-06", "reason": "行政复议决定变更"}

    refused = client.post(url, body, format="json")
    unknown = client.post(url, {**body, "new_penalty_types": ["flogging"], "new_fine_amount": "3000"}, format="json")
    changed = client.post(url, {**body, "new_fine_amount": "3000"}, format="json")

    assert refused.status_code == 400 and refused.json()["error"]["code"] == "penalty.change_content_required"
    assert "变更后的罚款数额" in refused.json()["error"]["message"]
    assert unknown.status_code == 400 and unknown.json()["error"]["code"] == "penalty.invalid_penalty_type"
    assert changed.status_code == 200, changed.content
    assert changed.json()["case"]["fine_amount"] == "3000.00"
    assert client.get(f"{BASE}/cases/").json()[0]["fine_amount"] == "3000.00"
