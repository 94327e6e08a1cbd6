"""Powers API: permission matrix, 400/404/409 error shape, import/export, suggestions, schema."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.powers.models import CheckItem, DiscretionStandard, FlexibleMeasure, PowerItem

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


NEW_ITEM = {
    "code": "N-XK-100",
    "name": "示范经营许可",
    "category": "licensing",
    "owner_unit_code": "NORTH",
    "basis_text": "《中华人民共和国示范处罚法》第二条",
}


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 401),
        ("outsider", 404),
        ("inspector_north", 404),  # sees NORTH but may not change its list
        ("unit_admin_north", 201),
        ("inspector_south", 404),
        ("system_admin", 201),
    ],
)
def test_create_power_item_permission_matrix(cast, who, status) -> None:
    user = getattr(cast, who) if who else None
    response = client_for(user).post("/api/v1/powers/items/", NEW_ITEM, format="json")
    assert response.status_code == status
    assert PowerItem.objects.filter(code="N-XK-100").exists() is (status == 201)
    if status == 201:
        body = response.json()
        assert body["category_label"] == "行政许可" and body["owner_unit_code"] == "NORTH"
    else:
        assert set(response.json()["error"]) == {"code", "message", "fields"}


def test_create_errors_have_the_error_shape_and_write_nothing(cast, north_items) -> None:
    client = client_for(cast.unit_admin_north)
    before = AuditEvent.objects.count()
    response = client.post("/api/v1/powers/items/", {**NEW_ITEM, "basis_text": ""}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "legal_basis_required"
    response = client.post("/api/v1/powers/items/", {**NEW_ITEM, "category": "行政处分"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid" and "category" in response.json()["error"]["fields"]
    response = client.post("/api/v1/powers/items/", {**NEW_ITEM, "code": "N-CF-001"}, format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "power_item_code_taken"
    assert AuditEvent.objects.count() == before


def test_list_is_scoped_paginated_and_searchable(cast, north_items) -> None:
    body = client_for(cast.inspector_north).get("/api/v1/powers/items/").json()
    assert body["count"] == 2
    assert [row["code"] for row in body["results"]] == ["N-CF-001", "N-QZ-001"]
    body = client_for(cast.supervisor).get("/api/v1/powers/items/?q=占道&limit=1").json()
    assert [row["code"] for row in body["results"]] == ["S-CF-001"]
    assert client_for(cast.outsider).get("/api/v1/powers/items/").json()["count"] == 0


def test_detail_of_missing_and_foreign_items_look_identical(cast, north_items) -> None:
    client = client_for(cast.inspector_north)
    missing = client.get("/api/v1/powers/items/NOPE/")
    foreign = client.get("/api/v1/powers/items/S-CF-001/")
    assert missing.status_code == foreign.status_code == 404
    assert missing.json()["error"]["code"] == foreign.json()["error"]["code"] == "power_item_not_found"


def test_patch_power_item(cast, law, north_items) -> None:
    response = client_for(cast.unit_admin_north).patch(
        "/api/v1/powers/items/N-CF-001/",
        {"status": "suspended", "basis_text": "《中华人民共和国示范处罚法》第四条", "reason": "修订"},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status_label"] == "暂停"
    assert body["legal_articles"][0]["citation"] == "《中华人民共和国示范处罚法》第四条"
    assert AuditEvent.objects.filter(event_type=AuditEventType.POWER_ITEM_UPDATED).count() == 1
    denied = client_for(cast.inspector_north).patch("/api/v1/powers/items/N-CF-001/", {"name": "x"}, format="json")
    assert denied.status_code == 404
    assert PowerItem.objects.get(code="N-CF-001").name == "对未办理示范登记的行政处罚"


def test_check_item_create_and_unknown_power_item(cast, north_items) -> None:
    client = client_for(cast.unit_admin_north)
    payload = {
        "code": "N-JC-1",
        "name": "示范登记检查",
        "owner_unit_code": "NORTH",
        "power_item_codes": ["N-CF-001"],
        "check_method": "on_site",
        "basis_text": "",
    }
    response = client.post("/api/v1/powers/check-items/", payload, format="json")
    assert response.status_code == 201
    assert response.json()["has_legal_basis"] is False
    response = client.post(
        "/api/v1/powers/check-items/", {**payload, "code": "N-JC-2", "power_item_codes": ["S-CF-001"]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unknown_power_item"
    assert not CheckItem.objects.filter(code="N-JC-2").exists()
    patched = client.patch("/api/v1/powers/check-items/N-JC-1/", {"basis_text": "《某法》第一条"}, format="json")
    assert patched.json()["has_legal_basis"] is True
    listed = client_for(cast.inspector_south).get("/api/v1/powers/check-items/").json()
    assert listed["count"] == 0


def test_discretion_standard_endpoints(cast, north_items) -> None:
    client = client_for(cast.unit_admin_north)
    payload = {
        "power_item_code": "N-CF-001",
        "severity": "general",
        "circumstance": "逾期三十日以内",
        "statutory_min": "1000",
        "statutory_max": "10000",
        "fine_min": "1000",
        "fine_max": "20000",
        "effective_from": "2024-01-01",
    }
    bad = client.post("/api/v1/powers/discretion-standards/", payload, format="json")
    assert bad.status_code == 400
    assert bad.json()["error"]["code"] == "invalid_fine_range"
    assert "fine_max" in bad.json()["error"]["fields"]
    good = client.post("/api/v1/powers/discretion-standards/", {**payload, "fine_max": "4000"}, format="json")
    assert good.status_code == 201
    standard_id = good.json()["id"]
    assert good.json()["fine_max"] == "4000.00"
    patched = client.patch(f"/api/v1/powers/discretion-standards/{standard_id}/", {"fine_max": None}, format="json")
    assert patched.status_code == 200 and patched.json()["fine_max"] is None
    assert DiscretionStandard.objects.count() == 1
    assert (
        client_for(cast.inspector_south).get(f"/api/v1/powers/discretion-standards/{standard_id}/").status_code == 404
    )
    on = client.get("/api/v1/powers/discretion-standards/?power_item=N-CF-001&on=2023-06-01").json()
    assert on["count"] == 0


def test_flexible_measure_endpoints_and_suggestions(cast, north_items) -> None:
    client = client_for(cast.unit_admin_north)
    payload = {
        "code": "N-BYCF-1",
        "kind": "no_penalty",
        "is_first_violation": True,
        "owner_unit_code": "NORTH",
        "power_item_code": "N-CF-001",
        "violation": "未公示示范登记证",
        "conditions": "初次违法且危害后果轻微并及时改正",
        "basis_text": "《中华人民共和国行政处罚法》第三十三条第一款",
        "effective_from": "2024-01-01",
    }
    response = client.post("/api/v1/powers/flexible-measures/", payload, format="json")
    assert response.status_code == 201
    wrong = client.post(
        "/api/v1/powers/flexible-measures/", {**payload, "code": "X", "kind": "lighter_penalty"}, format="json"
    )
    assert wrong.status_code == 400 and wrong.json()["error"]["code"] == "first_violation_wrong_list"
    assert FlexibleMeasure.objects.count() == 1
    listed = client.get("/api/v1/powers/flexible-measures/?kind=no_penalty").json()
    assert [row["code"] for row in listed["results"]] == ["N-BYCF-1"]

    query = "unit=NORTH&power_item=N-CF-001&on=2025-05-01&first_violation=true&harm=minor&corrected_in_time=true"
    suggestions = client_for(cast.inspector_north).get(f"/api/v1/powers/suggestions/?{query}").json()
    assert [s["measure"]["code"] for s in suggestions] == ["N-BYCF-1"]
    assert suggestions[0]["mandatory"] is False
    assert "第三十三条第一款" in suggestions[0]["rule_basis"]
    none = client_for(cast.inspector_north).get(
        "/api/v1/powers/suggestions/?unit=NORTH&power_item=N-CF-001&on=2025-05-01&harm=minor"
    )
    assert none.json() == []
    hidden = client_for(cast.inspector_south).get(f"/api/v1/powers/suggestions/?{query}")
    assert hidden.status_code == 404
    bad = client_for(cast.inspector_north).get("/api/v1/powers/suggestions/?unit=NORTH")
    assert bad.status_code == 400 and "power_item" in bad.json()["error"]["fields"]


def test_counts_endpoint(cast, north_items) -> None:
    rows = client_for(cast.supervisor).get("/api/v1/powers/counts/?on=2025-01-01").json()
    totals = {row["unit_code"]: row["total"] for row in rows}
    assert totals["NORTH"] == 2 and totals["SOUTH"] == 1 and totals["R"] == 0


CSV = "\ufeff事项编码,事项名称,事项类别,实施主体编码,设定依据\r\nN-XK-9,示范许可,行政许可,NORTH,《某法》第一条\r\n"


def test_import_upload_permissions_and_row_errors(cast) -> None:
    def upload(user, text: str):
        file = SimpleUploadedFile("清单.csv", text.encode("utf-8"), content_type="text/csv")
        return client_for(user).post("/api/v1/powers/import/", {"kind": "powers", "file": file}, format="multipart")

    assert upload(cast.inspector_north, CSV).status_code == 403
    assert upload(None, CSV).status_code == 401
    bad = upload(cast.unit_admin_north, CSV.replace("NORTH", "SOUTH"))
    assert bad.status_code == 400
    error = bad.json()["error"]
    assert error["code"] == "import_rows_invalid"
    assert error["fields"]["rows"][0]["row"] == 2
    assert not PowerItem.objects.exists()
    good = upload(cast.unit_admin_north, CSV)
    assert good.status_code == 200
    assert good.json()["created"] == 1
    assert upload(cast.unit_admin_north, CSV).json()["unchanged"] == 1
    assert PowerItem.objects.count() == 1


def test_export_download(cast, north_items) -> None:
    response = client_for(cast.inspector_north).get("/api/v1/powers/export/?kind=powers&file_format=csv")
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "事项编码,事项名称,事项类别,实施主体编码,设定依据,状态"
    assert "S-CF-001" not in text and "N-CF-001" in text
    xlsx = client_for(cast.supervisor).get("/api/v1/powers/export/?kind=checkitems")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert client_for(cast.supervisor).get("/api/v1/powers/export/?kind=cases").status_code == 400


def test_schema_lists_the_powers_endpoints(cast) -> None:
    response = client_for(cast.supervisor).get("/api/v1/schema/")
    assert response.status_code == 200
    schema = response.content.decode()
    for path in (
        "/api/v1/powers/items/",
        "/api/v1/powers/items/{code}/",
        "/api/v1/powers/check-items/",
        "/api/v1/powers/discretion-standards/",
        "/api/v1/powers/flexible-measures/",
        "/api/v1/powers/suggestions/",
        "/api/v1/powers/import/",
        "/api/v1/powers/export/",
        "/api/v1/powers/counts/",
    ):
        assert path in schema, path
