"""A decision waits until the respondent has been heard (Art. 48, 54): copy sent, reply in or its period over.

The 决定书 then says the respondent missed its reply only when it did.
"""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from rest_framework.test import APIClient

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import Conflict
from fazhi.reconsideration import documents, services
from fazhi.reconsideration.choices import CaseStatus, Outcome, Procedure
from fazhi.reconsideration.models import ReconsiderationCase
from fazhi.reconsideration.tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("spring_2026")]


def _state(case: ReconsiderationCase) -> tuple:
    case.refresh_from_db()
    return case.status, case.version, case.outcome, AuditEvent.objects.count()


def _decision_text(case: ReconsiderationCase) -> str:
    content = documents.build_document(case=case, kind="decision")[1]
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def _send_copy(cast, case: ReconsiderationCase, sent_on: date) -> ReconsiderationCase:
    return services.case_send_copy(actor=cast.reconsideration_officer, case=case, sent_on=sent_on)


def test_a_decision_right_after_acceptance_is_refused_and_nothing_is_written(cast):
    # Given a case accepted on 2026-03-03 whose application copy was never sent
    case = f.accepted(cast)
    before = _state(case)

    # When the officer decides a month later
    with pytest.raises(Conflict) as exc:
        f.decide(cast, case, decided_on=date(2026, 4, 3))

    # Then it is refused (409), citing Art. 48, and the case is unchanged
    assert exc.value.status_code == 409
    assert exc.value.code == "reconsideration.decision_before_copy"
    assert "第四十八条" in exc.value.message and "申请书副本" in exc.value.message
    assert _state(case) == before
    assert not AuditEvent.objects.filter(event_type=AuditEventType.RECONSIDERATION_DECIDED).exists()


def test_a_decision_inside_the_reply_period_is_refused_then_allowed_once_it_is_over(cast):
    # Given the copy sent on Thu 2026-03-05: ten working days to reply, to Thu 2026-03-19
    case = _send_copy(cast, f.accepted(cast), date(2026, 3, 5))
    assert case.reply_due == date(2026, 3, 19)
    before = _state(case)

    # When the decision is dated on the reply period's last day, it is refused
    with pytest.raises(Conflict) as exc:
        f.decide(cast, case, decided_on=date(2026, 3, 19))
    assert exc.value.code == "reconsideration.decision_before_reply_period"
    assert "2026年3月19日" in exc.value.message and "十日" in exc.value.message
    assert _state(case) == before

    # Then on the next day, with still no reply, the decision is made, and its 决定书 says the reply was missed
    decided = f.decide(cast, case, decided_on=date(2026, 3, 20))
    assert decided.status == CaseStatus.CONCLUDED
    text = _decision_text(decided)
    assert "未在答复期限" in text and "2026年3月19日" in text


def test_a_recorded_reply_lets_the_decision_be_made_before_the_period_ends(cast):
    case = _send_copy(cast, f.accepted(cast), date(2026, 3, 5))
    case = services.case_record_reply(
        actor=cast.reconsideration_officer, case=case, received_on=date(2026, 3, 10), summary="原处罚认定事实清楚。"
    )

    decided = f.decide(cast, case, decided_on=date(2026, 3, 12))

    text = _decision_text(decided)
    assert "原处罚认定事实清楚。" in text
    assert "未按期" not in text and "未在答复期限" not in text and "未提出书面答复" not in text


def test_the_simplified_procedure_waits_five_working_days_art_54(cast):
    # Given a simplified case (parties consent), copy sent on Wed 2026-03-04: reply due Wed 2026-03-11
    case = f.accepted(cast, procedure=Procedure.SIMPLIFIED, parties_consent_simplified=True)
    case = _send_copy(cast, case, date(2026, 3, 4))
    assert case.reply_due == date(2026, 3, 11)

    with pytest.raises(Conflict) as exc:
        f.decide(cast, case, decided_on=date(2026, 3, 11))
    assert exc.value.code == "reconsideration.decision_before_reply_period"
    assert "第五十四条" in exc.value.message and "五日" in exc.value.message

    assert f.decide(cast, case, decided_on=date(2026, 3, 12), outcome=Outcome.UPHELD).outcome == Outcome.UPHELD


def test_the_api_answers_409_with_the_code_and_the_case_page_names_what_is_missing(cast):
    case = f.accepted(cast)
    client = APIClient()
    client.force_authenticate(cast.reconsideration_officer)

    response = client.post(
        f"/api/v1/reconsideration/cases/{case.pk}/decision/",
        {
            "outcome": "revoked",
            "decided_on": "2026-04-03",
            "summary": "撤销。",
            "reasons": "证据不足。",
            "legal_basis": "",
            "approval": "经复议机关负责人同意",
        },
        format="json",
    )

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "reconsideration.decision_before_copy"
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED
    detail = client.get(f"/api/v1/reconsideration/cases/{case.pk}/").json()
    assert any("申请书副本" in m for m in detail["checks"]["missing_before_decision"])
