"""Web pages: workbench, register, case page with a step, public application (no login, masked)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.enforcement import events as penalty_events
from fazhi.enforcement.tests.factories import build_world, decide, investigate, notify, open_case
from fazhi.reconsideration import services
from fazhi.reconsideration.models import ReconsiderationCase
from fazhi.reconsideration.tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("spring_2026")]


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_workbench_and_case_page(cast):
    case = f.register(cast)
    client = _client(cast.reconsideration_officer)
    html = client.get(reverse("reconsideration:workbench")).content.decode()
    assert case.number in html and "受理审查" in html
    page = client.get(reverse("reconsideration:case_detail", args=[case.pk])).content.decode()
    assert 'data-testid="step-accept"' in page
    # The 法定期限 panel names the rule in Chinese, not by its code (its tooltip: test_deadline_names.py)
    assert '">行政复议受理审查期限</strong>' in page and 'title="reconsideration.acceptance"' not in page


def test_step_post_calls_the_service_and_errors_show_in_place(cast):
    case = f.register(cast)
    client = _client(cast.reconsideration_officer)
    url = reverse("reconsideration:case_step", args=[case.pk, "accept"])
    response = client.post(
        url,
        {"accept-accepted_on": "2026-03-03", "accept-procedure": "simplified", "version": case.version},
        follow=True,
    )
    assert "第五十三条" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "received"
    client.post(url, {"accept-accepted_on": "2026-03-03", "accept-procedure": "general", "version": case.version})
    case.refresh_from_db()
    assert case.status == "accepted"


def test_outsiders_get_404_and_403(cast):
    case = f.register(cast)
    assert _client(cast.inspector_north).get(reverse("reconsideration:case_detail", args=[case.pk])).status_code == 404
    assert _client(cast.inspector_north).get(reverse("reconsideration:workbench")).status_code == 403
    assert Client().get(reverse("reconsideration:workbench")).status_code == 302


def test_public_application_needs_csrf_and_shows_masked_receipt(cast):
    url = reverse("reconsideration:public_apply")
    data = _public_data(known_on=date.today().isoformat())
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url, data).status_code == 403
    assert ReconsiderationCase.objects.count() == 0

    client = Client()
    assert client.get(url).status_code == 200
    bad = client.post(url, {**data, "applicant_id_number": "123"})
    assert bad.status_code == 422 and ReconsiderationCase.objects.count() == 0
    response = client.post(url, data, follow=True)
    html = response.content.decode()
    case = ReconsiderationCase.objects.get()
    assert case.channel == "online" and case.public_token in html
    assert "李*" in html and "110105********002X" in html and "11010519491231002X" not in html


def test_statistics_dashboard_renders(cast):
    f.decide(cast, f.replied(cast))
    html = _client(cast.reconsideration_officer).get(reverse("reconsideration:statistics"), {"year": 2026}).content
    assert 'data-testid="correction-rate"' in html.decode() and "100.00%" in html.decode()
    # 审结方式 in Chinese, not the stored code
    assert '<ul class="small" data-testid="outcomes"><li>撤销：1</li></ul>' in html.decode()


def test_a_step_without_its_date_names_the_field_in_chinese(cast):
    case = f.register(cast)
    client = _client(cast.reconsideration_officer)

    response = client.post(
        reverse("reconsideration:case_step", args=[case.pk, "accept"]),
        {"accept-procedure": "general", "version": case.version},
        follow=True,
    )

    html = response.content.decode()
    assert "受理未完成：请填写受理日期。" in html
    assert "该字段是必填项" not in html and "输入有误" not in html
    case.refresh_from_db()
    assert case.status == "received"


def test_an_empty_letter_form_names_its_missing_fields(cast):
    case = f.decide(cast, f.replied(cast))
    client = _client(cast.reconsideration_officer)

    response = client.post(
        reverse("reconsideration:letter_issue", args=[case.pk]),
        {"letter-kind": "opinion", "letter-recipient": case.respondent.code},
        follow=True,
    )

    html = response.content.decode()
    assert "请填写制发日期" in html and "请填写发现的问题和意见" in html
    assert case.letters.count() == 0


def _public_data(**overrides):
    data = {
        "authority": "G",
        "respondent": "NORTH",
        "applicant_kind": "person",
        "applicant_name": "李四",
        "applicant_id_number": f.CITIZEN_ID,
        "category": "penalty",
        "contested_act": "罚款决定",
        "known_on": "2026-06-01",
        "request": "撤销",
        "agree": "on",
        "informed_of_rights": "on",
    }
    return {**data, **overrides}


def test_public_form_errors_do_not_show_internal_codes(cast):
    response = Client().post(reverse("reconsideration:public_apply"), _public_data(applicant_id_number="123"))

    html = response.content.decode()
    assert response.status_code == 422
    assert 'data-code="reconsideration.invalid_applicant_id"' in html
    assert "（reconsideration.invalid_applicant_id）" not in html


@pytest.mark.parametrize("known_on", ["2020-01-01", "1990-01-01"])
def test_public_application_known_long_ago_is_told_the_period_has_passed(cast, known_on):
    response = Client().post(reverse("reconsideration:public_apply"), _public_data(known_on=known_on))

    html = response.content.decode()
    assert response.status_code == 422 and ReconsiderationCase.objects.count() == 0
    assert "已超过申请期限" in html and 'data-code="reconsideration.application_late"' in html
    assert "no_rule_version" not in html and "没有生效的版本" not in html


def test_a_unit_with_concluded_cases_and_no_correction_shows_a_zero_rate(cast):
    # Given a unit whose only concluded case was upheld (审结 1, 纠错 0)
    f.decide(cast, f.replied(cast), outcome="upheld")

    html = _client(cast.reconsideration_officer).get(reverse("reconsideration:statistics"), {"year": 2026}).content

    # Then its row shows 0.00% — a rate of zero, not "no figure"
    assert '<td data-testid="unit-correction-rate">0.00%</td>' in html.decode()


def test_a_public_application_against_a_respondent_other_than_the_first_is_registered(cast):
    # Given the public form, whose respondent list begins with NORTH
    client = Client()

    # When the applicant names SOUTH (any respondent but the first)
    response = client.post(reverse("reconsideration:public_apply"), _public_data(respondent="SOUTH"), follow=True)

    # Then the application is registered against SOUTH and the status page shows its query code
    case = ReconsiderationCase.objects.get()
    assert response.status_code == 200 and case.respondent == cast.south
    assert case.public_token in response.content.decode()


def test_a_public_application_against_an_unknown_respondent_is_refused_in_chinese(cast):
    response = Client().post(reverse("reconsideration:public_apply"), _public_data(respondent="NOWHERE"))

    html = response.content.decode()
    assert response.status_code == 400 and ReconsiderationCase.objects.count() == 0
    assert "所选被申请人不属于该行政复议机关的受理范围" in html


def test_the_new_case_form_prefills_the_receipt_date_in_iso_form(cast):
    # Given "today" is 2026-06-30 (spring_2026)
    page = _client(cast.reconsideration_officer).get("/reconsideration/cases/new/")

    # Then 收到申请日期 is filled as yyyy-MM-dd, which <input type=date> accepts
    html = page.content.decode()
    assert page.status_code == 200
    assert 'value="2026-06-30"' in html and "2026/06/30" not in html


def _decided_penalty_case(cast):  # type: ignore[no-untyped-def]
    """A penalty case decided on 2026-02-09 (notified 2026-01-26), fit to be contested."""
    world = build_world(cast)
    penalty = open_case(
        world, violation_ended_on=date(2026, 1, 10), discovered_on=date(2026, 1, 12), filed_on=date(2026, 1, 13)
    )
    penalty = decide(world, notify(world, investigate(world, penalty, on=date(2026, 1, 14)),
                                   notified_on=date(2026, 1, 26)), decided_on=date(2026, 2, 9))  # fmt: skip
    return penalty


def test_the_linked_penalty_timeline_names_each_step_once(cast):
    # Given a case contesting a penalty case whose evidence entry reads "登记证据：现场照片"
    penalty = _decided_penalty_case(cast)
    penalty_events.evidence_added(
        case=penalty, actor=None, evidence_id=1, title="现场照片", sha256="0" * 64, on=date(2026, 1, 15)
    )
    case = f.register(cast, penalty_case=penalty)

    page = _client(cast.reconsideration_officer).get(reverse("reconsideration:case_detail", args=[case.pk]))

    timeline = page.content.decode().split('data-testid="penalty-timeline"')[1].split("</ol>")[0]
    assert "2026年1月15日 登记证据：现场照片" in timeline
    assert "登记证据：登记证据" not in timeline
    # a message that does not begin with its step's name still gets it in front
    assert "2026年1月26日 告知拟处罚内容及权利：告知拟作出的行政处罚内容" in timeline
    assert "开始调查取证：开始调查取证" not in timeline


def test_the_contested_penalty_case_is_named_by_its_number_and_linked(cast):
    # Given a reconsideration case contesting a penalty case
    penalty = _decided_penalty_case(cast)
    assert penalty.number
    case = f.register(cast, penalty_case=penalty)
    url = reverse("reconsideration:case_detail", args=[case.pk])

    # the 复议工作人员 (no enforcement role) gets the number, linked to the page's own copy of its timeline
    page = _client(cast.reconsideration_officer).get(url).content.decode()
    assert f'<a data-testid="penalty-case-link" href="#penalty-timeline">{penalty.number}</a>' in page
    assert f"#{penalty.pk}）" not in page
    assert 'id="penalty-timeline"' in page
    # a supervisor, who may read both, is linked to the penalty case's own page
    page = _client(cast.supervisor).get(url).content.decode()
    enforcement_url = reverse("enforcement:case_detail", args=[penalty.pk])
    assert f'<a data-testid="penalty-case-link" href="{enforcement_url}">{penalty.number}</a>' in page
    assert _client(cast.supervisor).get(enforcement_url).status_code == 200


def test_the_register_form_asks_for_the_act_itself(cast):
    # The documents write "申请人不服被申请人作出的{act}": the form asks for the act, not who made it
    html = _client(cast.reconsideration_officer).get(reverse("reconsideration:case_register")).content.decode()
    assert "填写行为本身，如“2026年3月1日青市监罚〔2026〕5号行政处罚决定”" in html
    assert "填写行为本身" in Client().get(reverse("reconsideration:public_apply")).content.decode()


def test_a_refused_decision_says_why_once_with_chinese_dates(cast):
    # Given a case whose copy went out on 2026-03-05 and whose respondent has not replied yet
    case = f.accepted(cast)
    case = services.case_send_copy(actor=cast.reconsideration_officer, case=case, sent_on=date(2026, 3, 5))

    # When the officer records a decision inside the reply period
    response = _client(cast.reconsideration_officer).post(
        reverse("reconsideration:case_step", args=[case.pk, "decide"]),
        {
            "decide-outcome": "revoked", "decide-decided_on": "2026-03-10", "decide-summary": "撤销。",
            "decide-reasons": "证据不足。", "decide-approval": "经负责人同意", "version": case.version,
        },
        follow=True,
    )  # fmt: skip

    # Then the refusal reads once ("尚不能作出决定：…", not "作出行政复议决定未完成：尚不能…") with a Chinese date
    html = response.content.decode()
    assert "尚不能作出决定：被申请人的答复期限至2026年3月19日届满" in html
    assert "未完成：尚不能" not in html and "2026-03-19" not in html
    # and the case page's dates read in Chinese too
    assert "2026年3月2日收到" in html


def test_each_timeline_entry_says_its_step_once(cast):
    # Given a case received, accepted, answered and decided
    case = f.decide(cast, f.replied(cast))

    # When its page is opened
    html = _client(cast.reconsideration_officer).get(reverse("reconsideration:case_detail", args=[case.pk]))

    # Then each entry reads as one sentence ("受理，适用…", not "受理 受理，适用…")
    timeline = html.content.decode().split('data-testid="timeline"')[1].split("</ol>")[0]
    entries = [item.split("</li>")[0] for item in timeline.split("<li>")[1:]]
    assert "2026年3月3日 受理，适用普通程序；审理期限至2026年5月6日" in timeline
    assert "作出行政复议决定：撤销（《中华人民共和国行政复议法》第六十四条）" in timeline
    events = list(case.events.order_by("occurred_at", "pk"))
    assert len(entries) == len(events) >= 5
    for entry, event in zip(entries, events, strict=True):
        assert entry.count(event.get_type_display()) <= 1, entry


# --- refusals answer with their status, on the case page, never a 200 that looks like success -----------


def test_a_decision_refused_inside_the_reply_period_answers_409_in_place(cast):
    # Given a case whose respondent may still reply (copy sent 2026-03-05, reply due 2026-03-19)
    case = services.case_send_copy(actor=cast.reconsideration_officer, case=f.accepted(cast), sent_on=date(2026, 3, 5))
    version = case.version

    # When the officer records a decision on 2026-03-10
    response = _client(cast.reconsideration_officer).post(
        reverse("reconsideration:case_step", args=[case.pk, "decide"]),
        {
            "decide-outcome": "revoked", "decide-decided_on": "2026-03-10", "decide-summary": "撤销。",
            "decide-reasons": "证据不足。", "decide-approval": "经负责人同意", "version": version,
        },
    )  # fmt: skip

    # Then the page answers 409 with the reason and its code in the decide form, as typed, open
    html = response.content.decode()
    assert response.status_code == 409
    error = html.split('data-testid="step-error"')[1].split("</div>")[0]
    assert "尚不能作出决定：被申请人的答复期限至2026年3月19日届满" in error and 'data-code="reconsideration.' in error
    decide = html.split('data-testid="step-decide"')[1].split("</details>")[0]
    assert decide.startswith(" open>") and "证据不足。" in decide
    # and nothing was written
    case.refresh_from_db()
    assert (case.status, case.outcome, case.version) == ("accepted", "", version)


def test_a_step_form_with_a_missing_date_answers_422_and_names_the_field(cast):
    case = f.register(cast)

    response = _client(cast.reconsideration_officer).post(
        reverse("reconsideration:case_step", args=[case.pk, "accept"]),
        {"accept-procedure": "general", "version": case.version},
    )

    html = response.content.decode()
    assert response.status_code == 422
    assert "受理未完成：请填写受理日期。" in html and "请填写受理日期。</div>" in html
    case.refresh_from_db()
    assert case.status == "received"


def test_a_stale_step_answers_409_with_a_fresh_form(cast):
    case = f.register(cast)

    response = _client(cast.reconsideration_officer).post(
        reverse("reconsideration:case_step", args=[case.pk, "accept"]),
        {"accept-accepted_on": "2026-03-03", "accept-procedure": "general", "version": case.version + 1},
    )

    html = response.content.decode()
    assert response.status_code == 409 and 'data-code="reconsideration.version_conflict"' in html
    assert f'name="version" value="{case.version}"' in html
    case.refresh_from_db()
    assert case.status == "received"


def test_a_hearing_that_is_not_the_cases_answers_404_in_place(cast):
    # The hidden hearing id names no hearing of this case (was a 500: Hearing.DoesNotExist)
    case = f.accepted(cast)

    response = _client(cast.reconsideration_officer).post(
        reverse("reconsideration:case_step", args=[case.pk, "hearing_held"]),
        {"hearing_held-hearing_id": "999", "hearing_held-respondent_head_attended": "on", "version": case.version},
    )

    assert response.status_code == 404 and "该听证不存在。" in response.content.decode()


def test_a_letter_form_with_missing_fields_answers_422(cast):
    case = f.decide(cast, f.replied(cast))

    response = _client(cast.reconsideration_officer).post(
        reverse("reconsideration:letter_issue", args=[case.pk]),
        {"letter-kind": "opinion", "letter-recipient": case.respondent.code},
    )

    html = response.content.decode()
    assert response.status_code == 422 and "请填写制发日期" in html
    assert html.split('data-testid="step-letter"')[1].startswith(" open>")
    assert case.letters.count() == 0


def test_acknowledging_an_alert_twice_answers_409(cast):
    f.decide(cast, f.replied(cast))  # 撤销: an alert to the respondent unit
    client = _client(cast.unit_admin_north)
    alert = client.get(reverse("reconsideration:alerts")).context["alerts"][0]

    first = client.post(reverse("reconsideration:alerts"), {"alert": alert.pk})
    again = client.post(reverse("reconsideration:alerts"), {"alert": alert.pk})
    bad = client.post(reverse("reconsideration:alerts"), {"alert": "x"})

    assert first.status_code == 302
    assert again.status_code == 409 and "该提醒已阅。" in again.content.decode()
    assert bad.status_code == 400 and "提醒编号无效。" in bad.content.decode()
