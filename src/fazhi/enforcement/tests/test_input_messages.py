"""Input messages an officer reads: an absurd amount, a file type the evidence type does not accept.

Protects against the QA findings: Django's "确认总共不超过 14 个数字." (digits, not money, with an
English full stop) for an absurd fine on the 告知 form, and "不接受该文件类型（text/plain）" that did
not say which types are accepted.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from fazhi.enforcement import selectors
from fazhi.enforcement.choices import EvidenceType
from fazhi.enforcement.forms import NotifyForm
from fazhi.enforcement.models import Evidence
from fazhi.enforcement.rules.evidence import CONTENT_TYPE_NAMES, content_type_names
from fazhi.enforcement.tests.assertions import Unchanged
from fazhi.enforcement.tests.factories import investigate, open_case

pytestmark = pytest.mark.django_db

ABSURD = "1000000000000000"  # 10^15 元


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def notice_payload(case, **overrides: str) -> dict:  # type: ignore[no-untyped-def]
    return {
        "version": case.version, "notified_on": "2026-03-16", "facts": "事实", "grounds": "理由", "legal_basis": "依据",
        "penalty_types": ["fine"], "fine": "5000", "confiscation_value": "0", "rights_statement_defence": "on",
        **overrides,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("fine", ABSURD, "拟罚款数额过大"),
        ("fine", "12.345", "拟罚款数额以元为单位，最多保留两位小数"),
        ("confiscation_value", ABSURD, "拟没收金额过大"),
        ("fine", "-1", "拟罚款数额不能为负数"),
    ],
)
def test_notice_form_names_the_amount_in_chinese(field: str, value: str, expected: str) -> None:
    form = NotifyForm(data={field: value})
    assert not form.is_valid()
    message = " ".join(form.errors[field])
    assert expected in message
    assert "数字" not in message and "." not in message.rstrip("。").replace("999,999,999,999.99", "")


def test_notice_page_refuses_an_absurd_fine_in_chinese_and_writes_nothing(world) -> None:
    case = investigate(world, open_case(world))
    unchanged = Unchanged(case)
    url = reverse("enforcement:case_action", kwargs={"case_id": case.pk, "action": "notify"})
    response = client_for(world.cast.inspector_north).post(url, notice_payload(case, fine=ABSURD))
    html = response.content.decode()
    assert response.status_code == 400
    assert "拟罚款数额过大" in html and "确认总共不超过" not in html
    unchanged.check()


def test_api_refuses_an_absurd_fine_in_chinese(world) -> None:
    case = investigate(world, open_case(world))
    unchanged = Unchanged(case)
    payload = {
        "version": case.version, "notified_on": "2026-03-16", "facts": "事实", "grounds": "理由", "legal_basis": "依据",
        "penalty_types": ["fine"], "fine": ABSURD,
    }  # fmt: skip
    response = client_for(world.cast.inspector_north).post(
        f"/api/v1/enforcement/cases/{case.pk}/notify/", payload, content_type="application/json"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert any("金额过大" in message for message in error["fields"]["fine"])
    unchanged.check()


def test_content_type_names_are_readable_and_fall_back_to_the_type() -> None:
    assert content_type_names(("application/pdf", "image/jpeg")) == "PDF（.pdf）、JPEG图片（.jpg）"
    assert content_type_names(("application/x-unknown",)) == "application/x-unknown"


@pytest.mark.parametrize("evidence_type", [EvidenceType.DOCUMENTARY, EvidenceType.EXPERT_OPINION])
def test_a_refused_evidence_file_says_which_types_are_accepted(world, media, evidence_type: str) -> None:
    case = open_case(world)
    upload = SimpleUploadedFile("说明.txt", b"plain text", content_type="text/plain")
    response = client_for(world.cast.inspector_north).post(
        reverse("enforcement:case_evidence", kwargs={"case_id": case.pk}),
        {"file": upload, "evidence_type": evidence_type, "stage": "investigation", "collected_on": "2026-03-03"},
    )
    html = response.content.decode()
    assert response.status_code == 400 and not Evidence.objects.exists()
    accepted = selectors.evidence_limits().allowed[evidence_type]
    assert "text/plain" not in accepted  # the premise of this test
    assert "可上传的文件类型" in html and CONTENT_TYPE_NAMES["text/plain"] in html
    for content_type in accepted:
        assert CONTENT_TYPE_NAMES.get(content_type, content_type) in html


def test_api_evidence_refusal_lists_the_accepted_types(world, media) -> None:
    case = open_case(world)
    upload = SimpleUploadedFile("说明.txt", b"plain text", content_type="text/plain")
    response = client_for(world.cast.inspector_north).post(
        f"/api/v1/enforcement/cases/{case.pk}/evidence/",
        {"file": upload, "evidence_type": "documentary", "stage": "investigation", "collected_on": date(2026, 3, 3)},
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "evidence.content_type_not_allowed"
    assert "可上传的文件类型" in error["message"] and CONTENT_TYPE_NAMES["application/pdf"] in error["message"]
