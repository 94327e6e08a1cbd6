"""Hearings as they happened: a head's absence without a valid excuse is recorded and flagged
(出庭应诉规定 Art. 8, 9, 12), never refused; only entries that cannot be stored are refused."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import DomainError
from fazhi.litigation import rules, services
from fazhi.litigation.models import CourtHearing, LitigationCase
from fazhi.litigation.statistics import litigation_figures
from fazhi.litigation.tests import factories as lf

UNEXCUSED = "litigation.head_absent_without_excuse"
UNPROVEN = "litigation.head_absent_excuse_unproven"
NOBODY = "litigation.nobody_appeared"


@dataclass
class Facts:
    head_appeared: bool = False
    excuse: str = ""
    excuse_proof: bool = False
    delegate_name: str = "李科长"
    lawyer_only: bool = False


@pytest.mark.parametrize(
    ("_case", "facts", "codes"),
    [
        ("head appeared", Facts(head_appeared=True, delegate_name=""), ()),
        ("规定 Art. 12(1)(1) no reason given", Facts(), (UNEXCUSED,)),
        ("规定 Art. 9(1) reason without proof", Facts(excuse="irreplaceable_duty"), (UNPROVEN,)),
        ("规定 Art. 8, 9 proven excuse, staff in court", Facts(excuse="force_majeure", excuse_proof=True), ()),
        (
            "规定 Art. 12(1)(3) nobody in court",
            Facts(excuse="accident", excuse_proof=True, delegate_name=""),
            (NOBODY,),
        ),
        (
            "法释 Art. 128(2), 132 a lawyer only",
            Facts(excuse="accident", excuse_proof=True, lawyer_only=True),
            (NOBODY,),
        ),
        ("no reason and nobody", Facts(delegate_name=""), (UNEXCUSED, NOBODY)),
    ],
)
def test_absence_findings(_case, facts, codes):
    assert tuple(f.code for f in rules.head_absence_findings(facts)) == codes


def test_the_unexcused_absence_cites_article_12_and_reads_as_the_warning():
    (finding,) = rules.head_absence_findings(Facts())

    assert finding.summary == "负责人未出庭且无正当理由"
    assert "第十二条第一款第（一）项" in finding.legal_basis and "第八条" in finding.legal_basis
    assert "司法建议" in finding.consequence


def test_an_absence_after_the_head_appeared_in_the_same_instance_is_no_breach():
    # 规定 Art. 7(1): one appearance per instance generally suffices
    findings = rules.instance_absence_findings([Facts(head_appeared=True), Facts(), Facts(delegate_name="")])

    assert [tuple(f.code for f in found) for found in findings] == [(), (), (NOBODY,)]


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"head_appeared": True, "head_name": " ", "excuse": ""}, "litigation.head_name_required"),
        ({"head_appeared": False, "head_name": "", "excuse": "busy"}, "litigation.invalid_choice"),
    ],
)
def test_entries_that_cannot_be_stored_are_refused(kwargs, code):
    with pytest.raises(DomainError) as exc:
        rules.require_hearing_input(**kwargs)
    assert exc.value.code == code


def _registered(cast, number: str = "（2026）测0101行初1号") -> LitigationCase:
    return lf.registered(cast, case_number=number)


@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
def test_a_head_absent_without_a_reason_is_recorded_and_flagged(cast):
    case = _registered(cast)

    # When the head stayed away and gave no reason (a fact the court will hold against the agency)
    hearing = services.litigation_hearing_record(
        actor=cast.reconsideration_officer, case=case, held_on=date(2026, 6, 20), head_appeared=False,
        delegate_name="李科长",
    )  # fmt: skip

    # Then the hearing is on record as it happened, with one audit row naming the finding
    hearing.refresh_from_db()
    assert (hearing.head_appeared, hearing.excuse, hearing.delegate_name) == (False, "", "李科长")
    audit = AuditEvent.objects.get(event_type=AuditEventType.LITIGATION_HEARING_RECORDED)
    assert audit.changes["hearing"][1]["findings"] == [UNEXCUSED]
    entry = case.events.get(type="hearing").message
    assert entry.startswith("开庭，负责人未出庭（未说明理由），委托李科长出庭；负责人未出庭且无正当理由（")


@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
def test_an_excuse_without_proof_is_recorded_and_flagged(cast):
    case = _registered(cast)

    services.litigation_hearing_record(
        actor=cast.reconsideration_officer, case=case, held_on=date(2026, 6, 20), head_appeared=False,
        excuse="irreplaceable_duty", excuse_proof=False, delegate_name="李科长",
    )  # fmt: skip

    hearing = CourtHearing.objects.get(case=case)
    assert (hearing.excuse, hearing.excuse_proof) == ("irreplaceable_duty", False)
    assert "需要履行他人不能代替的公务，未提交证明材料" in case.events.get(type="hearing").message


@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
def test_a_lawyer_alone_in_court_is_recorded_through_the_api(cast):
    case = _registered(cast)
    api = APIClient()
    api.force_authenticate(cast.reconsideration_officer)

    response = api.post(
        f"/api/v1/litigation/cases/{case.pk}/hearings/",
        {"held_on": "2026-06-20", "head_appeared": False, "delegate_name": "某律师", "lawyer_only": True},
        format="json",
    )

    assert response.status_code == 200
    (hearing,) = response.json()["hearings"]
    assert hearing["lawyer_only"] is True
    assert [f["code"] for f in hearing["findings"]] == [UNEXCUSED, NOBODY]


@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
def test_the_case_page_warns_of_the_absence_with_its_article(cast):
    case = _registered(cast)
    client = lf.logged_in(cast.reconsideration_officer)

    # When the hearing form is sent without a reason for the head's absence
    response = client.post(
        reverse("litigation:case_step", args=[case.pk, "hearing"]),
        {"version": case.version, "hearing-held_on": "2026-06-20", "hearing-delegate_name": "李科长"},
    )

    # Then it is recorded, and the case page shows the warning with the article
    assert response.status_code == 302 and case.hearings.count() == 1
    html = client.get(reverse("litigation:case_detail", args=[case.pk])).content.decode()
    assert 'data-testid="absence-flag">负责人未出庭且无正当理由</span>' in html
    assert f'data-code="{UNEXCUSED}"><strong>负责人未出庭且无正当理由</strong>：未说明不能出庭的理由' in html
    assert "第十二条第一款第（一）项" in html


@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
def test_the_statistics_count_an_unexcused_absence_as_not_appeared_and_flag_it(cast):
    # Given one case where the head appeared, one without a reason and one with a proven excuse
    cases = [_registered(cast, f"（2026）测0101行初{n}号") for n in (1, 2, 3)]
    officer = cast.reconsideration_officer
    on = date(2026, 6, 20)
    services.litigation_hearing_record(actor=officer, case=cases[0], held_on=on, head_appeared=True, head_name="王局长")
    services.litigation_hearing_record(actor=officer, case=cases[1], held_on=on, head_appeared=False,
                                       delegate_name="李科长")  # fmt: skip
    services.litigation_hearing_record(actor=officer, case=cases[2], held_on=on, head_appeared=False,
                                       excuse="accident", excuse_proof=True, delegate_name="赵科长")  # fmt: skip

    figures = litigation_figures(start=date(2026, 1, 1), end=date(2026, 12, 31))

    assert (figures.hearing_cases, figures.head_appeared_cases) == (3, 1)
    assert (figures.unexcused_absence_cases, figures.nobody_appeared_cases) == (1, 0)
    client = lf.logged_in(officer)
    html = client.get(reverse("reconsideration:statistics"), {"year": 2026}).content.decode()
    assert '<td data-testid="unexcused-absence">1</td>' in html
