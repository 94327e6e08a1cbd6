"""The case page and its action forms: permissions, every form calling the service, refusals in place."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from fazhi.core.audit.models import AuditEvent
from fazhi.core.calendars.rules import CHINESE_CALENDAR_YEARS
from fazhi.enforcement.models import CaseEvent, Evidence, PenaltyCase, Publication
from fazhi.enforcement.tests.factories import decided_case, investigate, notify, open_case

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def action_url(case: PenaltyCase, action: str) -> str:
    return reverse("enforcement:case_action", kwargs={"case_id": case.pk, "action": action})


@pytest.mark.parametrize(
    ("who", "status"),
    # a legal reviewer sees a case only once it is routed to 法制审核 (DESIGN §1): not this newly opened one
    [(None, 302), ("inspector_north", 200), ("unit_admin_north", 200), ("reviewer_north", 404), ("supervisor", 200),
     ("inspector_south", 404), ("system_admin", 404), ("outsider", 404)],
)  # fmt: skip
def test_case_page_permission_matrix(world, who: str | None, status: int) -> None:
    case = open_case(world)
    response = client_for(getattr(world.cast, who) if who else None).get(
        reverse("enforcement:case_detail", kwargs={"case_id": case.pk})
    )
    assert response.status_code == status
    if who is None:
        assert response["Location"].startswith("/login/")
    if status == 200:
        html = response.content.decode()
        assert "已立案" in html and case.party_code in html  # full party data inside the administration
        assert "全过程记录" in html and "法定期限" in html and "立案" in html


def test_page_offers_only_the_allowed_actions_to_each_role(world) -> None:
    case = open_case(world)
    url = reverse("enforcement:case_detail", kwargs={"case_id": case.pk})
    officer_html = client_for(world.cast.inspector_north).get(url).content.decode()
    assert 'data-testid="action-investigate"' in officer_html
    assert 'data-testid="action-withdraw"' in officer_html
    assert 'data-testid="action-decide"' not in officer_html  # not allowed in 立案
    supervisor_html = client_for(world.cast.supervisor).get(url).content.decode()
    assert 'data-testid="action-investigate"' not in supervisor_html  # supervisors read only


def test_each_action_form_walks_the_case_to_closure(world, media) -> None:
    case = open_case(world)
    client = client_for(world.cast.inspector_north)
    steps = [
        ("investigate", {"on": "2026-03-04"}, "investigating"),
        ("notify", {"notified_on": "2026-03-16", "facts": "销售过期食品", "grounds": "违反第三十四条",
                    "legal_basis": "《中华人民共和国食品安全法》第一百二十四条", "penalty_types": ["fine"],
                    "fine": "5000", "confiscation_value": "0", "rights_statement_defence": "on"}, "notified"),
        ("record_statement", {"on": "2026-03-18", "summary": "当事人称系初犯", "adopted": ""}, "notified"),
        ("decide", {"decided_on": "2026-03-30", "decision_number": "测市监罚〔2026〕9号", "penalty_types": ["fine"],
                    "fine_amount": "5000", "confiscation_value": "0", "legal_basis": "第一百二十四条",
                    "performance_terms": "十五日内缴纳", "remedies": "六十日内申请复议"}, "decided"),
        ("serve", {"served_on": "2026-04-01", "method": "直接送达"}, "served"),
        ("execute", {"executed_on": "2026-04-10", "paid_amount": "", "note": "已缴清"}, "executed"),
        ("close", {"closed_on": "2026-04-12", "note": "结案归档"}, "closed"),
    ]  # fmt: skip
    for action, payload, expected in steps:
        case.refresh_from_db()
        before = AuditEvent.objects.count()
        response = client.post(action_url(case, action), {**payload, "version": case.version})
        assert response.status_code == 302, (action, response.content.decode()[:2000])
        case.refresh_from_db()
        assert case.status == expected, action
        assert AuditEvent.objects.count() == before + 1 or action in {"decide", "serve", "execute", "close"}
        if action == "investigate":  # no decision without evidence (Art. 40)
            upload = SimpleUploadedFile("现场笔录.pdf", b"%PDF-1.7 walk", content_type="application/pdf")
            response = client.post(reverse("enforcement:case_evidence", kwargs={"case_id": case.pk}), {
                "file": upload, "evidence_type": "record", "stage": "investigation", "collected_on": "2026-03-04",
            })  # fmt: skip
            assert response.status_code == 302, response.content.decode()[:2000]
    assert case.outcome == "penalty_executed"
    assert list(CaseEvent.objects.filter(case=case).values_list("type", flat=True)) == [
        "opened", "investigation_started", "evidence_added", "notified", "statement_recorded", "decided", "served",
        "executed", "closed",
    ]  # fmt: skip
    page = client.get(reverse("enforcement:case_detail", kwargs={"case_id": case.pk})).content.decode()
    assert "已办理：结案归档。" in page  # the message of the last redirect
    assert 'data-testid="no-actions"' in page or "登记决定变更" in page


def test_htmx_action_returns_the_refreshed_case_body(world) -> None:
    case = open_case(world)
    response = client_for(world.cast.inspector_north).post(
        action_url(case, "investigate"), {"on": "2026-03-04", "version": case.version}, **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and 'data-testid="case-header"' in html
    assert "已办理：开始调查取证。" in html and "调查取证" in html
    assert 'data-testid="action-notify"' in html  # the next step is offered at once


def test_forbidden_transition_shows_the_article_and_changes_nothing(world) -> None:
    case = open_case(world)
    before = (AuditEvent.objects.count(), CaseEvent.objects.count())
    response = client_for(world.cast.inspector_north).post(
        action_url(case, "serve"), {"served_on": "2026-03-05", "method": "直接送达", "version": case.version}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "不能办理“送达决定书”" in html and "第六十一条" in html
    case.refresh_from_db()
    assert case.status == "filed" and case.version == 1
    assert (AuditEvent.objects.count(), CaseEvent.objects.count()) == before


def test_rule_violation_is_shown_in_place_with_the_typed_values(world) -> None:
    case = investigate(world, open_case(world))
    response = client_for(world.cast.inspector_north).post(action_url(case, "notify"), {
        "version": case.version, "notified_on": "2026-03-16", "facts": "事实", "grounds": "理由", "legal_basis": "依据",
        "penalty_types": ["revoke_licence"], "fine": "0", "confiscation_value": "0", "rights_statement_defence": "on",
    }, **HTMX)  # fmt: skip
    assert response.status_code == 400
    html = response.content.decode()
    assert "第六十三条" in html and 'data-testid="action-error"' in html
    assert '<details id="action-notify" open' in html and "事实" in html
    case.refresh_from_db()
    assert case.status == "investigating"


def test_stale_version_is_409_with_the_refresh_message(world) -> None:
    case = open_case(world)
    client = client_for(world.cast.inspector_north)
    assert client.post(action_url(case, "investigate"), {"on": "2026-03-04", "version": 1}).status_code == 302
    before = AuditEvent.objects.count()
    response = client.post(
        action_url(case, "withdraw"), {"closed_on": "2026-03-05", "reason": "重复立案", "version": 1}
    )
    assert response.status_code == 409
    assert "案件已被他人更新，请刷新后重试" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "investigating" and AuditEvent.objects.count() == before


def test_invalid_form_is_400_and_writes_nothing(world) -> None:
    case = open_case(world)
    response = client_for(world.cast.inspector_north).post(action_url(case, "investigate"), {"version": 1, "on": "x"})
    assert response.status_code == 400
    assert "日期格式不正确" in response.content.decode()
    assert PenaltyCase.objects.get(pk=case.pk).status == "filed"


@pytest.mark.parametrize(("who", "status"), [("inspector_south", 404), ("supervisor", 404), ("reviewer_north", 404)])
def test_actions_outside_the_edit_scope_are_404(world, who: str, status: int) -> None:
    case = open_case(world)
    response = client_for(getattr(world.cast, who)).post(action_url(case, "investigate"), {"on": "2026-03-04",
                                                                                            "version": 1})  # fmt: skip
    assert response.status_code == status
    assert PenaltyCase.objects.get(pk=case.pk).status == "filed"


def test_anonymous_post_is_redirected_to_login(world) -> None:
    case = open_case(world)
    response = client_for(None).post(action_url(case, "investigate"), {"on": "2026-03-04", "version": 1})
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_legal_review_form_is_for_the_reviewer(world) -> None:
    case = notify(world, investigate(world, open_case(world, major_public_interest=True)))
    officer = client_for(world.cast.inspector_north)
    assert officer.post(action_url(case, "submit_legal_review"), {"on": "2026-03-20", "version": case.version}
                        ).status_code == 302  # fmt: skip
    case.refresh_from_db()
    payload = {"version": case.version, "reviewed_on": "2026-03-21", "passed": "true", "opinion": "事实清楚，同意"}
    assert officer.post(action_url(case, "record_legal_review"), payload).status_code == 404
    # a reviewer without the legal qualification is refused by the service, in place
    unqualified = client_for(world.unqualified_reviewer).post(action_url(case, "record_legal_review"), payload)
    assert unqualified.status_code == 400 and "法律职业资格" in unqualified.content.decode()
    reviewer = client_for(world.reviewer)
    page = reviewer.get(reverse("enforcement:case_detail", kwargs={"case_id": case.pk})).content.decode()
    assert 'data-testid="action-record_legal_review"' in page and 'data-testid="action-decide"' not in page
    assert reviewer.post(action_url(case, "record_legal_review"), payload).status_code == 302
    case.refresh_from_db()
    assert case.legal_review_passed is True and case.legal_reviewer == world.reviewer


def test_evidence_upload_and_download(world, media) -> None:
    case = open_case(world)
    client = client_for(world.cast.inspector_north)
    upload = SimpleUploadedFile("现场笔录.pdf", b"%PDF-1.7 evidence", content_type="application/pdf")
    response = client.post(reverse("enforcement:case_evidence", kwargs={"case_id": case.pk}), {
        "file": upload, "evidence_type": "record", "stage": "investigation", "title": "现场检查笔录",
        "collected_on": "2026-03-03", "audio_video_recorded": "on",
    }, **HTMX)  # fmt: skip
    assert response.status_code == 200, response.content.decode()[:1500]
    evidence = Evidence.objects.get(case=case)
    assert evidence.audio_video_recorded and "现场检查笔录" in response.content.decode()
    download = client.get(reverse("enforcement_documents:evidence_download", kwargs={"evidence_id": evidence.pk}))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.7 evidence"
    assert (
        client_for(world.cast.inspector_south)
        .get(reverse("enforcement_documents:evidence_download", kwargs={"evidence_id": evidence.pk}))
        .status_code
        == 404
    )


def test_bad_evidence_file_is_refused_in_place(world, media) -> None:
    case = open_case(world)
    upload = SimpleUploadedFile("a.exe", b"MZ\x90\x00", content_type="application/x-msdownload")
    response = client_for(world.cast.inspector_north).post(
        reverse("enforcement:case_evidence", kwargs={"case_id": case.pk}),
        {"file": upload, "evidence_type": "documentary", "stage": "investigation", "collected_on": "2026-03-03"},
    )
    assert response.status_code == 400 and 'data-testid="action-error"' in response.content.decode()
    assert not Evidence.objects.exists()


def test_publish_and_withdraw_publication(world) -> None:
    case = decided_case(world)
    client = client_for(world.cast.inspector_north)
    response = client.post(action_url(case, "publish"), {"published_on": "2026-04-01", "version": case.version})
    assert response.status_code == 302
    publication = Publication.objects.get(case=case)
    page = client.get(reverse("enforcement:case_detail", kwargs={"case_id": case.pk})).content.decode()
    assert "公示中" in page and 'data-testid="action-publish"' not in page
    url = reverse("enforcement:publication_withdraw", kwargs={"case_id": case.pk, "publication_id": publication.pk})
    response = client.post(url, {"withdrawn_on": "2026-04-05", "reason": "决定被撤销", "change_kind": "revoked",
                                 "version": case.version})  # fmt: skip
    assert response.status_code == 302
    publication.refresh_from_db()
    assert publication.status == "withdrawn"


def test_flexible_suggestion_box_and_surcharge(world) -> None:
    case = decided_case(world)
    client = client_for(world.cast.inspector_north)
    client.post(action_url(case, "serve"), {"served_on": "2026-04-01", "method": "直接送达", "version": case.version})
    page = client.get(reverse("enforcement:case_detail", kwargs={"case_id": case.pk})).content.decode()
    # served 2026-04-01, unpaid since: the 3 %/day surcharge has reached its cap (the fine itself)
    assert 'data-testid="surcharge"' in page and "5000.00" in page and "第七十二条" in page


def test_documents_section_links_the_documents_that_fit_the_state(world) -> None:
    case = open_case(world)
    html = (
        client_for(world.cast.inspector_north)
        .get(reverse("enforcement:case_detail", kwargs={"case_id": case.pk}))
        .content.decode()
    )
    link = reverse("enforcement_documents:case_document_docx", kwargs={"case_id": case.pk, "kind": "filing-approval"})
    assert 'data-testid="document-list"' in html and link in html
    decision = reverse("enforcement_documents:case_document_docx", kwargs={"case_id": case.pk, "kind": "decision"})
    assert decision not in html  # no 决定书 before the decision


def test_a_decision_deadline_counted_on_the_weekday_fallback_shows_as_provisional(world, settings) -> None:
    # On the case page and in 我的案件 (the officer's list of due dates), and in the my-work API.
    # Filed in late November of the last year with holiday data: the 90-day period ends next year.
    settings.FAZHI_CALENDAR_WEEKDAY_FALLBACK = True
    year = max(CHINESE_CALENDAR_YEARS)
    with time_machine.travel(f"{year}-11-24 10:00:00+08:00", tick=False):
        late = open_case(
            world, violation_ended_on=date(year, 11, 1), discovered_on=date(year, 11, 20), filed_on=date(year, 11, 24)
        )
        early = open_case(world, party_name="另一示范公司")  # filed 03-03, due inside the year
        html = client_for(world.cast.inspector_north).get(f"/enforcement/cases/{late.pk}/").content.decode()
        other = client_for(world.cast.inspector_north).get(f"/enforcement/cases/{early.pk}/").content.decode()
        my_work = client_for(world.cast.inspector_north).get(reverse("enforcement:my_work")).content.decode()
        work_api = client_for(world.cast.inspector_north).get("/api/v1/enforcement/my-work/").json()

    assert late.decision_due.year == year + 1
    assert my_work.count('data-testid="provisional"') == 1  # the late case's row only
    rows = {(row["kind"], row["id"]): row["due_provisional"] for row in work_api}
    assert rows[("case", late.pk)] is True and rows[("case", early.pk)] is False
    assert 'data-testid="provisional"' in html and f"{year + 1}年尚无节假日和调休数据" in html
    assert 'data-testid="provisional"' not in other
