"""API: every operation through HTTP, the error shape (400/404/409) and a permission matrix."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from fazhi.core.audit.models import AuditEvent
from fazhi.enforcement import services
from fazhi.enforcement.models import Inspection, PenaltyCase
from fazhi.enforcement.tests.factories import CITIZEN_ID, USCC, decided_case, open_case

pytestmark = pytest.mark.django_db
BASE = "/api/v1/enforcement"


def client_for(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def inspection_payload(world) -> dict:  # type: ignore[no-untyped-def]
    return {
        "unit_code": "NORTH", "party_kind": "organisation", "party_name": "甲公司", "party_code": USCC,
        "occurred_on": "2026-03-02", "officer_ids": [world.officer_a.pk, world.officer_b.pk], "outcome": "compliant",
        "origin": "complaint",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("who", "status"),
    [(None, 401), ("inspector_north", 201), ("unit_admin_north", 201), ("supervisor", 404), ("reviewer_north", 404),
     ("inspector_south", 404), ("outsider", 404)],
)  # fmt: skip
def test_create_inspection_permission_matrix(world, who: str | None, status: int) -> None:
    user = getattr(world.cast, who) if who else None
    response = client_for(user).post(f"{BASE}/inspections/", inspection_payload(world), format="json")
    assert response.status_code == status, response.content
    assert Inspection.objects.exists() is (status == 201)
    if status != 201:
        assert set(response.json()["error"]) == {"code", "message", "fields"}


@pytest.mark.parametrize(
    ("who", "status"),
    # a legal reviewer sees a case only once it is routed to 法制审核 (DESIGN §1): not this newly opened one
    [("inspector_north", 200), ("supervisor", 200), ("reviewer_north", 404), ("inspector_south", 404),
     ("system_admin", 404), ("outsider", 404)],
)  # fmt: skip
def test_case_detail_permission_matrix(world, who: str, status: int) -> None:
    case = open_case(world)
    response = client_for(getattr(world.cast, who)).get(f"{BASE}/cases/{case.pk}/")
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert body["case"]["status"] == "filed" and body["deadlines"][0]["rule_code"] == "penalty.decision.market"
        assert body["deadlines"][0]["provisional"] is False
        assert body["allowed_actions"][0]["code"] == "investigate"


def test_open_case_and_walk_the_procedure_over_http(world, media) -> None:
    client = client_for(world.cast.inspector_north)
    response = client.post(f"{BASE}/cases/", {
        "unit_code": "NORTH", "cause": "销售过期食品", "party_kind": "organisation", "party_name": "甲公司",
        "party_code": USCC, "party_address": "示范路1号", "violation_ended_on": "2026-02-20",
        "discovered_on": "2026-03-02", "filed_on": "2026-03-03", "facts": "销售过期食品",
        "officer_ids": [world.officer_a.pk, world.officer_b.pk],
    }, format="json")  # fmt: skip
    assert response.status_code == 201, response.content
    case_id = response.json()["case"]["id"]
    steps = [
        ("investigate", {"on": "2026-03-04"}),
        ("notify", {"notified_on": "2026-03-16", "facts": "销售过期食品", "grounds": "违反第三十四条",
                    "legal_basis": "第一百二十四条", "penalty_types": ["fine"], "fine": "5000.00"}),
        ("decide", {"decided_on": "2026-03-30", "decision_number": "罚〔2026〕1号", "penalty_types": ["fine"],
                    "fine_amount": "5000.00", "legal_basis": "第一百二十四条", "performance_terms": "十五日内缴纳",
                    "remedies": "复议或诉讼"}),
        ("serve", {"served_on": "2026-04-01", "method": "直接送达"}),
    ]  # fmt: skip
    version = 1
    for action, payload in steps:
        response = client.post(f"{BASE}/cases/{case_id}/{action}/", {**payload, "version": version}, format="json")
        assert response.status_code == 200, (action, response.content)
        version = response.json()["case"]["version"]
        assert response.json()["case"]["fine_amount"] in {"0.00", "5000.00"}  # money is a decimal string
        if action == "investigate":  # no decision without evidence (Art. 40)
            upload = SimpleUploadedFile("现场笔录.pdf", b"%PDF-1.7 walk", content_type="application/pdf")
            response = client.post(f"{BASE}/cases/{case_id}/evidence/", {
                "file": upload, "evidence_type": "record", "stage": "investigation", "collected_on": "2026-03-04",
            }, format="multipart")  # fmt: skip
            assert response.status_code == 201, response.content
    timeline = client.get(f"{BASE}/cases/{case_id}/timeline/").json()
    assert [e["type"] for e in timeline] == [
        "opened",
        "investigation_started",
        "evidence_added",
        "notified",
        "decided",
        "served",
    ]
    transitions = client.get(f"{BASE}/cases/{case_id}/transitions/").json()
    assert "execute" in [t["code"] for t in transitions]


def test_stale_version_is_409_and_writes_nothing(world) -> None:
    case = open_case(world)
    client = client_for(world.cast.inspector_north)
    assert client.post(f"{BASE}/cases/{case.pk}/investigate/", {"on": "2026-03-04", "version": 1},
                       format="json").status_code == 200  # fmt: skip
    before = AuditEvent.objects.count()
    response = client.post(f"{BASE}/cases/{case.pk}/withdraw/", {"closed_on": "2026-03-05", "reason": "x",
                                                                   "version": 1}, format="json")  # fmt: skip
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "penalty.version_conflict"
    assert AuditEvent.objects.count() == before and PenaltyCase.objects.get(pk=case.pk).status == "investigating"


def test_rule_violation_is_400_naming_the_article(world) -> None:
    case = open_case(world)
    client = client_for(world.cast.inspector_north)
    client.post(f"{BASE}/cases/{case.pk}/investigate/", {"on": "2026-03-04", "version": 1}, format="json")
    response = client.post(f"{BASE}/cases/{case.pk}/notify/", {
        "version": 2, "notified_on": "2026-03-16", "facts": "f", "grounds": "g", "legal_basis": "b",
        "penalty_types": ["revoke_licence"],
    }, format="json")  # fmt: skip
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "penalty.hearing_rights_missing" and "第六十三条" in error["message"]


def test_transition_on_a_foreign_case_is_404(world) -> None:
    case = open_case(world)
    response = client_for(world.cast.inspector_south).post(
        f"{BASE}/cases/{case.pk}/investigate/", {"on": "2026-03-04", "version": 1}, format="json"
    )
    assert response.status_code == 404 and response.json()["error"]["code"] == "penalty.case_not_found"


def test_legal_review_endpoint_is_for_reviewers_only(world) -> None:
    case = open_case(world)
    payload = {"version": 1, "reviewed_on": "2026-03-05", "passed": True, "opinion": "同意"}
    assert (
        client_for(world.cast.inspector_north)
        .post(f"{BASE}/cases/{case.pk}/legal-review/", payload, format="json")
        .status_code
        == 404
    )
    response = client_for(world.cast.reviewer_north).post(f"{BASE}/cases/{case.pk}/legal-review/", payload,
                                                           format="json")  # fmt: skip
    assert response.status_code == 409  # visible to the reviewer, but not in 法制审核 yet


def test_evidence_upload_and_publication_public_list(world, media) -> None:
    case = decided_case(world)
    client = client_for(world.cast.inspector_north)
    upload = SimpleUploadedFile("决定书.pdf", b"%PDF-1.7 test", content_type="application/pdf")
    response = client.post(f"{BASE}/cases/{case.pk}/evidence/", {
        "file": upload, "evidence_type": "documentary", "stage": "investigation", "collected_on": "2026-03-30",
    }, format="multipart")  # fmt: skip
    assert response.status_code == 201, response.content
    assert len(response.json()["sha256"]) == 64
    response = client.post(f"{BASE}/cases/{case.pk}/publication/", {"published_on": "2026-04-01"}, format="json")
    assert response.status_code == 201
    public = client_for(None).get(f"{BASE}/public/publications/")
    assert public.status_code == 200 and public.json()[0]["decision_number"] == "测市监罚〔2026〕1号"
    assert "party_code" not in public.json()[0]


def test_my_work_and_bulk_import_endpoints(world) -> None:
    client = client_for(world.cast.inspector_north)
    open_case(world)
    first = client.get(f"{BASE}/my-work/").json()[0]
    assert (first["kind"], first["due_what"]) == ("case", "行政处罚决定期限（市场监管）")
    response = client.post(f"{BASE}/import/inspections/", {"rows": [inspection_payload(world)] * 3}, format="json")
    body = response.json()
    assert response.status_code == 200 and (body["created"], body["batches"], body["errors"]) == (3, 1, [])
    assert body["last_id"] - body["first_id"] == 2
    bad = {**inspection_payload(world), "party_code": "91350100M000100Y44"}
    response = client.post(f"{BASE}/import/inspections/", {"rows": [inspection_payload(world), bad]}, format="json")
    assert response.status_code == 400 and response.json()["created"] == 0
    assert response.json()["errors"][0]["row"] == 2
    assert Inspection.objects.count() == 3  # all or nothing: the good first row was not written either


def test_schema_lists_the_enforcement_operations(world) -> None:
    schema = client_for(world.cast.supervisor).get("/api/v1/schema/").content.decode()
    for path in ("/api/v1/enforcement/cases/{case_id}/decide/", "/api/v1/enforcement/inspections/",
                 "/api/v1/enforcement/public/publications/", "/api/v1/enforcement/import/cases/"):  # fmt: skip
        assert path in schema


def test_art68_art71_cash_steps_and_art43_recusal_over_http(world) -> None:
    client = client_for(world.cast.inspector_north)
    case = services.case_decide_on_the_spot(
        actor=world.cast.inspector_north, unit=world.cast.north, cause="占道经营", party_kind="person",
        party_name="张三", party_code=CITIZEN_ID, decided_on=date(2026, 3, 2), place="示范路口",
        officer_ids=[world.officer_a.pk, world.officer_b.pk], facts="占道经营。", penalty_types=["fine"],
        fine_amount=Decimal("100"), legal_basis="某条例", rights_notified=True,
    )  # fmt: skip
    url = f"{BASE}/cases/{case.pk}"
    response = client.post(
        f"{url}/cash-collect/",
        {"version": case.version, "collected_on": "2026-03-02", "ground": "small_fine", "receipt_number": ""},
        format="json",
    )
    assert response.status_code == 400  # Art. 70: the receipt number is required
    response = client.post(
        f"{url}/cash-collect/",
        {"version": case.version, "collected_on": "2026-03-02", "ground": "small_fine", "receipt_number": "R-1"},
        format="json",
    )
    body = response.json()
    assert response.status_code == 200 and body["case"]["status"] == "executed"
    assert body["case"]["cash_handover_due"] == "2026-03-04"
    response = client.post(
        f"{url}/cash-handover/", {"version": body["case"]["version"], "handed_over_on": "2026-03-03"}, format="json"
    )
    assert response.status_code == 200 and not response.json()["case"]["cash_handover_late"]
    opened = open_case(world)
    response = client.post(f"{BASE}/cases/{opened.pk}/recusal/", {"version": opened.version,
                           "officer_id": world.officer_b.pk, "source": "officer", "declared_on": "2026-03-03",
                           "reason": "近亲属"}, format="json")  # fmt: skip
    assert response.status_code == 200
    response = client.post(f"{BASE}/cases/{opened.pk}/investigate/", {"version": response.json()["case"]["version"],
                           "on": "2026-03-04"}, format="json")  # fmt: skip
    assert response.status_code == 400 and "第四十三条" in response.json()["error"]["message"]
