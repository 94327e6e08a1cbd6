"""The case page's steps: a refusal is shown in place with its status (422 form, 400/409 rule), never 200."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from fazhi.core.audit.models import AuditEvent
from fazhi.litigation import services
from fazhi.litigation.models import LitigationCase
from fazhi.litigation.tests import factories as lf

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("spring_2026")]


def _post(cast, case: LitigationCase, step: str, data: dict[str, str]):  # type: ignore[no-untyped-def]
    return lf.logged_in(cast.reconsideration_officer).post(
        reverse("litigation:case_step", args=[case.pk, step]), {"version": case.version, **data}
    )


def _step_box(html: str, step: str) -> str:
    return html.split(f'data-testid="step-{step}"')[1].split("</details>")[0]


def test_a_hearing_dated_tomorrow_answers_400_with_chinese_dates_and_the_form_as_typed(cast):
    case = lf.registered(cast)
    audits = AuditEvent.objects.count()

    response = _post(cast, case, "hearing", {"hearing-held_on": "2026-07-01", "hearing-head_appeared": "on",
                                             "hearing-head_name": "王局长"})  # fmt: skip

    assert response.status_code == 400
    box = _step_box(response.content.decode(), "hearing")
    assert box.startswith(" open>") and 'data-code="litigation.future_date"' in box
    assert "开庭日期（2026年7月1日）晚于今天（2026年6月30日）" in box and 'value="王局长"' in box
    assert not case.hearings.exists() and AuditEvent.objects.count() == audits


def test_a_second_defence_answers_409(cast):
    case = lf.registered(cast)
    case = services.litigation_defence_submit(
        actor=cast.reconsideration_officer, case=case, submitted_on=date(2026, 6, 10)
    )

    response = _post(cast, case, "defence", {"defence-submitted_on": "2026-06-11"})

    box = _step_box(response.content.decode(), "defence")
    assert response.status_code == 409 and "提交答辩状未完成：已登记答辩。" in box
    case.refresh_from_db()
    assert case.defence_submitted_on == date(2026, 6, 10)


def test_an_invalid_form_answers_422_and_names_the_field_under_it(cast):
    case = lf.registered(cast)

    response = _post(cast, case, "suggestion", {"suggestion-received_on": "2026-06-10"})

    box = _step_box(response.content.decode(), "suggestion")
    assert response.status_code == 422 and "登记司法建议未完成：请填写司法建议内容。" in box
    assert "请填写司法建议内容。</div>" in box and "该字段是必填项" not in box
    assert not case.suggestions.exists()


def test_a_step_done_goes_back_to_the_case_page(cast):
    case = lf.registered(cast)

    response = _post(cast, case, "defence", {"defence-submitted_on": "2026-06-10"})

    assert response.status_code == 302 and response["Location"] == reverse("litigation:case_detail", args=[case.pk])


def test_a_step_the_page_no_longer_offers_says_why_above_the_steps(cast):
    # Given a case concluded while another officer's page still offered 登记裁判结果
    case = services.litigation_case_conclude(
        actor=cast.reconsideration_officer, case=lf.registered(cast), outcome="won", concluded_on=date(2026, 6, 20)
    )

    # When that page is sent
    response = _post(cast, case, "conclude", {"conclude-outcome": "won", "conclude-concluded_on": "2026-06-21"})

    # Then the refusal is not lost with its step (only 司法建议 is offered now): it is said above the steps
    html = response.content.decode()
    assert response.status_code == 409 and 'data-testid="step-conclude"' not in html
    assert "登记裁判结果未完成：案件已审结。" in html
    case.refresh_from_db()
    assert case.concluded_on == date(2026, 6, 20)
