"""复议后起诉: one sues after the 复议 ended, or after its period ran out without a decision
(行政诉讼法 Art. 45; 行政复议法 Art. 29); the 复议 case is named by its 案号."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from fazhi.core.audit.models import AuditEvent
from fazhi.core.errors import DomainError
from fazhi.litigation import rules, services
from fazhi.litigation.models import LitigationCase
from fazhi.litigation.tests import factories as lf
from fazhi.reconsideration import services as review_services
from fazhi.reconsideration.choices import Outcome as ReviewOutcome
from fazhi.reconsideration.tests import factories as rf

ENDED = "litigation.sued_before_reconsideration_ended"
PENDING = "litigation.reconsideration_pending"


@pytest.mark.parametrize(
    ("_case", "filed_on", "status", "concluded_on", "decision_due", "code"),
    [
        ("Art. 45: after the decision", date(2026, 5, 1), "concluded", date(2026, 4, 20), None, None),
        ("filed the day of the decision", date(2026, 4, 20), "concluded", date(2026, 4, 20), None, None),
        ("before the decision", date(2026, 4, 10), "concluded", date(2026, 4, 20), None, ENDED),
        ("before the 不予受理", date(2026, 3, 1), "not_accepted", date(2026, 3, 5), None, ENDED),
        ("Art. 45: the 复议机关 did not decide in time", date(2026, 5, 7), "accepted", None, date(2026, 5, 6), None),
        ("复议法 Art. 29: inside the period", date(2026, 5, 6), "accepted", None, date(2026, 5, 6), PENDING),
        ("中止 stops the period", date(2026, 6, 1), "suspended", None, date(2026, 5, 6), PENDING),
        ("still under acceptance review", date(2026, 6, 1), "received", None, None, PENDING),
    ],
)
def test_the_lawsuit_comes_after_the_reconsideration(_case, filed_on, status, concluded_on, decision_due, code):
    kwargs = {"filed_on": filed_on, "number": "测府复〔2026〕1号", "status": status, "concluded_on": concluded_on,
              "decision_due": decision_due}  # fmt: skip
    if code is None:
        rules.require_sued_after_reconsideration(**kwargs)
        return
    with pytest.raises(DomainError) as exc:
        rules.require_sued_after_reconsideration(**kwargs)
    assert exc.value.code == code and "filed_on" in exc.value.fields
    assert "行政诉讼法》第四十五条" in exc.value.message and "行政复议法》第二十九条第一款" in exc.value.message


_data = lf.lawsuit_data


@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
def test_a_lawsuit_filed_before_the_decision_is_refused_and_nothing_is_written(cast):
    recon = rf.decide(cast, rf.replied(cast), outcome=ReviewOutcome.UPHELD)  # decided 2026-04-20
    audits = AuditEvent.objects.count()

    with pytest.raises(DomainError) as exc:
        services.litigation_case_register(
            actor=cast.reconsideration_officer, responsible_unit=cast.government, reconsideration_case=recon,
            data=_data(filed_on=date(2026, 4, 10), complaint_received_on=date(2026, 4, 12)),
        )  # fmt: skip

    assert exc.value.code == ENDED
    assert f"早于行政复议案件{recon.number}的结案日期（2026年4月20日）" in exc.value.message
    assert LitigationCase.objects.count() == 0 and AuditEvent.objects.count() == audits


@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
def test_after_the_period_ran_out_without_a_decision_the_original_agency_is_sued(cast):
    recon = rf.replied(cast)  # accepted 2026-03-03, general procedure: period to 2026-05-06, no decision
    assert recon.decision_due == date(2026, 5, 6)

    case = services.litigation_case_register(
        actor=cast.reconsideration_officer, responsible_unit=cast.government, reconsideration_case=recon,
        data=_data(),
    )  # fmt: skip

    assert case.after_reconsideration and list(case.defendants.values_list("role", flat=True)) == ["original"]


@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
def test_a_suspended_reconsideration_cannot_be_sued_on(cast):
    recon = review_services.case_suspend(
        actor=cast.reconsideration_officer, case=rf.replied(cast), ground="other", started_on=date(2026, 4, 1),
        reason="需要中止",
    )  # fmt: skip

    with pytest.raises(DomainError) as exc:
        services.litigation_case_register(
            actor=cast.reconsideration_officer, responsible_unit=cast.government, reconsideration_case=recon,
            data=_data(),
        )  # fmt: skip

    assert exc.value.code == PENDING and LitigationCase.objects.count() == 0


_form = lf.register_form


@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
def test_the_register_form_takes_the_reconsideration_case_number_and_the_page_links_it(cast):
    recon = rf.decide(cast, rf.replied(cast), outcome=ReviewOutcome.UPHELD)
    client = lf.logged_in(cast.reconsideration_officer)
    page = client.get(reverse("litigation:case_register")).content.decode()
    assert "关联行政复议案件案号" in page and f'<option value="{recon.number}">' in page
    assert "关联行政复议案件ID" not in page

    response = client.post(reverse("litigation:case_register"), _form(reconsideration_case_number=recon.number))

    case = LitigationCase.objects.get()
    assert response.status_code == 302 and case.reconsideration_case == recon
    html = client.get(reverse("litigation:case_detail", args=[case.pk])).content.decode()
    link = reverse("reconsideration:case_detail", args=[recon.pk])
    assert f'<a data-testid="reconsideration-case-link" href="{link}">{recon.number}</a>' in html
    assert f"#{recon.pk}" not in html


@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
def test_an_unknown_case_number_or_an_early_filing_is_refused_on_the_form(cast):
    recon = rf.decide(cast, rf.replied(cast), outcome=ReviewOutcome.UPHELD)
    client = lf.logged_in(cast.reconsideration_officer)

    unknown = client.post(reverse("litigation:case_register"), _form(reconsideration_case_number="测府复〔2026〕99号"))
    early = client.post(
        reverse("litigation:case_register"),
        _form(reconsideration_case_number=recon.number, filed_on="2026-04-10", complaint_received_on="2026-04-12"),
    )

    assert unknown.status_code == 422 and "行政复议案件“测府复〔2026〕99号”不存在或无权访问" in unknown.content.decode()
    html = early.content.decode()
    assert early.status_code == 422 and f'data-code="{ENDED}"' in html and "早于复议结案日期。" in html
    assert LitigationCase.objects.count() == 0
