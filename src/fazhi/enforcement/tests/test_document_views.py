"""Downloads of 执法文书 and evidence, HTML and API: the permission matrix, headers and error shapes."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from fazhi.enforcement.choices import InspectionOutcome
from fazhi.enforcement.documents import DOCX_CONTENT_TYPE
from fazhi.enforcement.models import Evidence
from fazhi.enforcement.tests.document_cases import PDF_BYTES, person_case
from fazhi.enforcement.tests.factories import investigate, open_case, record_inspection

pytestmark = pytest.mark.usefixtures("media")


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def case(world):  # type: ignore[no-untyped-def]
    return person_case(world, close=False)


def html_url(case, kind: str = "decision", ext: str = "docx") -> str:  # type: ignore[no-untyped-def]
    return reverse(f"enforcement_documents:case_document_{ext}", kwargs={"case_id": case.pk, "kind": kind})


def api_url(case, kind: str = "decision") -> str:  # type: ignore[no-untyped-def]
    return reverse("api-v1:enforcement-case-document", kwargs={"case_id": case.pk, "kind": kind})


# who → expected status: anonymous goes to the login page, other units and no-role users get the same 404
HTML_MATRIX = [
    ("anonymous", None, 302),
    ("wrong unit", "inspector_south", 404),
    ("no role", "outsider", 404),
    ("system admin (configuration only)", "system_admin", 404),
    ("officer of the unit", "inspector_north", 200),
    ("legal reviewer of the unit", "reviewer_north", 200),
    ("supervisor of the region", "supervisor", 200),
]


@pytest.mark.parametrize(("_who", "user", "status"), HTML_MATRIX, ids=[row[0] for row in HTML_MATRIX])
def test_html_document_download_matrix(client, world, case, _who, user, status) -> None:
    if user:
        client.force_login(getattr(world.cast, user))

    response = client.get(html_url(case))

    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("web:login"))
    if status == 200:
        assert response["Content-Type"] == DOCX_CONTENT_TYPE
        filename = "行政处罚决定书-北市监罚〔2026〕1号.docx"
        assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(filename)}"
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert response.content.startswith(b"PK")  # a .docx is a zip


def test_html_pdf_download(client, world, case) -> None:
    client.force_login(world.cast.inspector_north)

    response = client.get(html_url(case, "decision", "pdf"))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert quote("行政处罚决定书-北市监罚〔2026〕1号.pdf") in response["Content-Disposition"]


def test_html_document_not_fitting_the_state_is_409_and_unknown_kind_404(client, world) -> None:
    early = investigate(world, open_case(world))
    client.force_login(world.cast.inspector_north)

    refused = client.get(html_url(early, "decision"))
    unknown = client.get(html_url(early, "warrant"))

    assert refused.status_code == 409 and "document.not_available" in refused.content.decode()
    assert unknown.status_code == 404


def test_html_case_document_list(client, world, case) -> None:
    client.force_login(world.cast.inspector_north)

    html = client.get(reverse("enforcement_documents:case_documents", kwargs={"case_id": case.pk})).content.decode()

    assert html_url(case, "decision") in html and html_url(case, "service-receipt", "pdf") in html
    assert html_url(case, "closure-report") not in html  # not executed yet
    assert "<script>" not in html  # CSP: no inline scripts


def test_html_inspection_document(client, world) -> None:
    inspection = record_inspection(world, outcome=InspectionOutcome.ORDER_CORRECTION, findings="超过保质期")
    url = reverse(
        "enforcement_documents:inspection_document_docx",
        kwargs={"inspection_id": inspection.pk, "kind": "correction-order"},
    )
    client.force_login(world.cast.inspector_south)
    assert client.get(url).status_code == 404
    client.force_login(world.cast.inspector_north)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == DOCX_CONTENT_TYPE
    assert client.get(url.replace("correction-order", "decision")).status_code == 404


API_MATRIX = [
    ("anonymous", None, 401, "not_authenticated"),
    ("wrong unit", "inspector_south", 404, "penalty.case_not_found"),
    ("no role", "outsider", 404, "penalty.case_not_found"),
    ("officer of the unit", "inspector_north", 200, None),
]


@pytest.mark.parametrize(("_who", "user", "status", "code"), API_MATRIX, ids=[row[0] for row in API_MATRIX])
def test_api_document_list_and_download_matrix(api_client, world, case, _who, user, status, code) -> None:
    if user:
        api_client.force_authenticate(getattr(world.cast, user))
    listing = api_client.get(reverse("api-v1:enforcement-case-documents", kwargs={"case_id": case.pk}))
    download = api_client.get(api_url(case))

    assert listing.status_code == status and download.status_code == status
    if code:
        for response in (listing, download):
            assert response.json()["error"]["code"] == code and set(response.json()["error"]) == {
                "code",
                "message",
                "fields",
            }
    else:
        rows = {row["kind"]: row for row in listing.json()}
        assert list(rows) == [
            "filing-approval", "correction-order", "penalty-notice", "legal-review-opinion", "decision",
            "service-receipt",
        ]  # fmt: skip
        assert rows["decision"]["doc_number"] == "北市监罚〔2026〕1号"
        assert rows["decision"]["download_url"] == api_url(case)
        assert download["Content-Type"] == DOCX_CONTENT_TYPE and download.content.startswith(b"PK")


def test_api_download_errors_have_the_one_shape(api_client, world) -> None:
    early = investigate(world, open_case(world))
    api_client.force_authenticate(world.cast.inspector_north)

    not_yet = api_client.get(api_url(early, "decision"))
    unknown = api_client.get(api_url(early, "warrant"))
    bad_output = api_client.get(api_url(early, "filing-approval") + "?output=odt")

    assert not_yet.status_code == 409 and not_yet.json()["error"]["code"] == "document.not_available"
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "document.unknown_kind"
    assert bad_output.status_code == 400 and bad_output.json()["error"]["fields"] == {"output": ["无效。"]}


def test_api_pdf_download_with_a_file_accept_header(api_client, world, case) -> None:
    api_client.force_authenticate(world.cast.inspector_north)

    response = api_client.get(api_url(case, "filing-approval") + "?output=pdf", HTTP_ACCEPT="application/pdf")

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


EVIDENCE_HTML = [("anonymous", None, 302), ("wrong unit", "inspector_south", 404), ("allowed", "inspector_north", 200)]
EVIDENCE_API = [("anonymous", None, 401), ("wrong unit", "inspector_south", 404), ("allowed", "inspector_north", 200)]


@pytest.mark.parametrize(("_who", "user", "status"), EVIDENCE_HTML, ids=[row[0] for row in EVIDENCE_HTML])
def test_html_evidence_download(client, world, case, _who, user, status) -> None:
    evidence = Evidence.objects.get(case=case)
    if user:
        client.force_login(getattr(world.cast, user))

    response = client.get(reverse("enforcement_documents:evidence_download", kwargs={"evidence_id": evidence.pk}))

    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert quote("现场检查笔录.pdf") in response["Content-Disposition"]
        assert b"".join(response.streaming_content) == PDF_BYTES


@pytest.mark.parametrize(("_who", "user", "status"), EVIDENCE_API, ids=[row[0] for row in EVIDENCE_API])
def test_api_evidence_download(api_client, world, case, _who, user, status) -> None:
    evidence = Evidence.objects.get(case=case)
    if user:
        api_client.force_authenticate(getattr(world.cast, user))

    response = api_client.get(reverse("api-v1:enforcement-evidence-download", kwargs={"evidence_id": evidence.pk}))

    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == PDF_BYTES
    else:
        assert "error" in response.json()


def test_missing_evidence_is_the_same_404(api_client, world) -> None:
    api_client.force_authenticate(world.cast.inspector_north)

    response = api_client.get(reverse("api-v1:enforcement-evidence-download", kwargs={"evidence_id": 999999}))

    assert response.status_code == 404 and response.json()["error"]["code"] == "evidence.not_found"
