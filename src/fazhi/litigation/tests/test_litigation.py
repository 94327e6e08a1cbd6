"""Litigation: rules (行政诉讼法 Art. 26, 67; 出庭应诉规定 Art. 8, 9), services, feedback of a lost case, API."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import DomainError
from fazhi.enforcement.models import CaseEvent as PenaltyEvent
from fazhi.enforcement.tests.factories import build_world, decided_case
from fazhi.litigation import rules, services
from fazhi.litigation.choices import DefendantRole, Outcome
from fazhi.litigation.models import LitigationCase
from fazhi.litigation.tests import factories as lf
from fazhi.reconsideration.choices import Outcome as ReviewOutcome
from fazhi.reconsideration.models import ReviewAlert
from fazhi.reconsideration.tests import factories as rf

AUTH = DefendantRole.RECONSIDERATION_AUTHORITY
ORIG = DefendantRole.ORIGINAL


@pytest.mark.parametrize(
    ("_case", "outcome", "roles"),
    [
        ("Art. 26(2) 维持 → co-defendants", ReviewOutcome.UPHELD, (ORIG, AUTH)),
        ("法释 Art. 133 驳回复议请求 = 维持", ReviewOutcome.CLAIM_DISMISSED, (ORIG, AUTH)),
        ("Art. 26(2) 撤销 = 改变 → authority", ReviewOutcome.REVOKED, (AUTH,)),
        ("法释 Art. 22 确认无效 = 改变", ReviewOutcome.CONFIRMED_VOID, (AUTH,)),
        ("法释 Art. 133 驳回申请 (inadmissible) is not 维持", ReviewOutcome.APPLICATION_DISMISSED, (ORIG,)),
        ("Art. 26(3) no decision → original agency", "", (ORIG,)),
    ],
)
def test_expected_defendants(_case, outcome, roles):
    assert rules.expected_defendants(review_outcome=outcome).roles == roles


def test_one_co_defendant_only_is_refused_art_26():
    expected = rules.expected_defendants(review_outcome=ReviewOutcome.UPHELD)
    with pytest.raises(DomainError, match="第二十六条第二款"):
        rules.require_defendants(given={ORIG}, expected=expected)


_data = lf.lawsuit_data


@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
def test_after_upheld_reconsideration_both_are_defendants_and_defence_due_in_15_days(cast):
    recon = rf.decide(cast, rf.replied(cast), outcome=ReviewOutcome.UPHELD)

    case = services.litigation_case_register(
        actor=cast.reconsideration_officer, responsible_unit=cast.government, data=_data(), reconsideration_case=recon
    )

    assert sorted(case.defendants.values_list("role", flat=True)) == sorted([ORIG, AUTH])
    assert case.after_reconsideration and case.defence_due == date(2026, 6, 18)
    assert AuditEvent.objects.filter(event_type=AuditEventType.LITIGATION_CASE_REGISTERED).count() == 1
    with pytest.raises(DomainError, match="第二十六条"):
        services.litigation_case_register(
            actor=cast.reconsideration_officer,
            responsible_unit=cast.government,
            data=_data(case_number="X2"),
            reconsideration_case=recon,
            defendants=[(cast.north, ORIG)],
        )
    assert LitigationCase.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
def test_lost_case_feeds_back_like_a_correction(cast):
    world = build_world(cast)
    penalty = decided_case(world)
    case = services.litigation_case_register(
        actor=cast.reconsideration_officer,
        responsible_unit=cast.government,
        data=_data(),
        defendants=[(cast.north, ORIG)],
        penalty_case=penalty,
    )
    case = services.litigation_hearing_record(
        actor=cast.reconsideration_officer, case=case, held_on=date(2026, 6, 20), head_appeared=True, head_name="王局长"
    ).case
    case.refresh_from_db()
    case = services.litigation_case_conclude(
        actor=cast.reconsideration_officer,
        case=case,
        outcome=Outcome.LOST,
        loss_kind="revoked",
        concluded_on=date(2026, 6, 29),
        judgment_number="（2026）测0101行初1号判决",
    )

    assert case.status == "concluded" and case.outcome == Outcome.LOST
    alert = ReviewAlert.objects.get()
    assert alert.unit == cast.north and alert.source == "litigation" and alert.penalty_case == penalty
    assert PenaltyEvent.objects.filter(case=penalty, type="decision_revoked", message__contains="行政诉讼").exists()


@pytest.mark.django_db
def test_api_permission_matrix(cast):
    case = services.litigation_case_register(
        actor=cast.reconsideration_officer,
        responsible_unit=cast.government,
        data=_data(),
        defendants=[(cast.north, ORIG)],
    )
    url = f"/api/v1/litigation/cases/{case.pk}/"

    def client(user):
        api = APIClient()
        if user is not None:
            api.force_authenticate(user)
        return api

    assert client(None).get(url).status_code in (401, 403)
    assert client(cast.inspector_north).get(url).status_code == 404
    assert client(cast.supervisor).get(url).status_code == 200
    assert client(cast.reconsideration_officer).get(url).status_code == 200
    bad = client(cast.reconsideration_officer).post(
        f"{url}hearings/", {"held_on": "2026-06-20", "head_appeared": True}, format="json"
    )
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "litigation.head_name_required"
    assert (
        client(cast.supervisor).post(f"{url}defence/", {"submitted_on": "2026-06-10"}, format="json").status_code == 404
    )
    ok = client(cast.reconsideration_officer).post(f"{url}defence/", {"submitted_on": "2026-06-10"}, format="json")
    assert ok.status_code == 200 and ok.json()["defence_late"] is False


@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"filed_on": date(2099, 11, 20), "complaint_received_on": date(2099, 11, 22)}, "filed_on"),
        ({"complaint_received_on": date(2026, 7, 1)}, "complaint_received_on"),
    ],
)
def test_a_lawsuit_dated_after_today_is_refused_and_nothing_is_written(cast, overrides, field):
    before = (LitigationCase.objects.count(), AuditEvent.objects.count())

    with pytest.raises(DomainError) as exc:
        services.litigation_case_register(
            actor=cast.reconsideration_officer, responsible_unit=cast.government, data=_data(**overrides),
            defendants=[(cast.north, ORIG)],
        )  # fmt: skip

    assert exc.value.code == "litigation.future_date" and field in exc.value.fields
    assert (LitigationCase.objects.count(), AuditEvent.objects.count()) == before


def _registered(cast) -> LitigationCase:
    return lf.registered(cast)


@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
def test_a_hearing_dated_after_today_is_refused(cast):
    case = _registered(cast)

    with pytest.raises(DomainError) as exc:
        services.litigation_hearing_record(
            actor=cast.reconsideration_officer, case=case, held_on=date(2026, 7, 1), head_appeared=True,
            head_name="王局长",
        )  # fmt: skip

    assert exc.value.code == "litigation.future_date"
    assert not case.hearings.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
def test_registering_without_a_defendant_says_one_is_required(cast):
    client = Client()
    client.force_login(cast.reconsideration_officer)
    form = {
        "court": "测试区人民法院", "case_number": "（2026）测0101行初7号", "instance": "first",
        "plaintiff_kind": "person", "plaintiff_name": "张三", "category": "penalty",
        "act_description": "行政处罚决定", "filed_on": "2026-06-01", "complaint_received_on": "2026-06-03",
        "defendant": "",
    }  # fmt: skip

    response = client.post(reverse("litigation:case_register"), form)

    html = response.content.decode()
    assert response.status_code == 422 and LitigationCase.objects.count() == 0
    assert "请至少填写一个被告单位" in html and "不存在或无权访问" not in html


@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
def test_a_step_with_a_missing_date_names_the_field(cast):
    case = _registered(cast)
    client = Client()
    client.force_login(cast.reconsideration_officer)

    response = client.post(reverse("litigation:case_step", args=[case.pk, "hearing"]), {"version": case.version})

    html = response.content.decode()
    assert response.status_code == 422
    assert "登记开庭未完成：请填写开庭日期。" in html and "输入有误" not in html
    assert not case.hearings.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
def test_each_timeline_entry_says_its_step_once(cast):
    # Given a case whose 司法建议 was answered
    case = _registered(cast)
    suggestion = services.judicial_suggestion_record(
        actor=cast.reconsideration_officer, case=case, received_on=date(2026, 6, 10), content="规范送达程序"
    )
    services.judicial_suggestion_answer(
        actor=cast.reconsideration_officer, suggestion=suggestion, answered_on=date(2026, 6, 20), answer="已整改"
    )
    client = Client()
    client.force_login(cast.reconsideration_officer)

    # When its page is opened
    html = client.get(reverse("litigation:case_detail", args=[case.pk])).content.decode()

    # Then each entry reads once ("回复司法建议", not "回复司法建议 回复司法建议")
    timeline = html.split('data-testid="timeline"')[1].split("</ol>")[0]
    assert "2026年6月3日 收到起诉状副本，应于" in timeline
    assert "2026年6月10日 收到司法建议：规范送达程序" in timeline
    assert "2026年6月20日 回复司法建议</li>" in timeline
    assert "登记应诉案件" not in timeline and timeline.count("司法建议") == 2
