import pytest
from rest_framework.test import APIClient

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db

CAST_PASSWORD = "Correct-Horse-42"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_token_login_and_token_auth(cast) -> None:
    client = APIClient()
    response = client.post("/api/v1/auth/token/", {"username": "supervisor", "password": CAST_PASSWORD}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    assert AuditEvent.objects.filter(event_type=AuditEventType.API_TOKEN_ISSUED).count() == 1
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = client.get("/api/v1/me/").json()
    assert me["username"] == "supervisor"
    assert me["roles"][0]["role_label"] == "执法监督人员"


def test_wrong_password_gives_chinese_error_shape(cast) -> None:
    response = APIClient().post("/api/v1/auth/token/", {"username": "supervisor", "password": "x"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"error": {"code": "invalid_credentials", "message": "用户名或密码错误。", "fields": {}}}


@pytest.mark.parametrize("header", [None, "Token not-a-real-token"])
def test_missing_or_wrong_token_is_401_with_error_shape(cast, header) -> None:
    client = APIClient()
    if header:
        client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/orgs/units/")
    assert response.status_code == 401
    body = response.json()["error"]
    assert body["code"] in {"not_authenticated", "authentication_failed"}
    assert "凭证" in body["message"]


def test_unit_list_is_scoped(cast) -> None:
    codes = {row["code"] for row in client_for(cast.inspector_north).get("/api/v1/orgs/units/").json()}
    assert codes == {"NORTH"}


def test_detail_of_missing_and_foreign_unit_look_identical(cast) -> None:
    client = client_for(cast.inspector_north)
    missing = client.get("/api/v1/orgs/units/NOPE/")
    foreign = client.get("/api/v1/orgs/units/SOUTH/")
    assert missing.status_code == foreign.status_code == 404
    assert missing.json()["error"]["code"] == foreign.json()["error"]["code"] == "org_unit_not_found"


NEW_UNIT = {"code": "NB", "name": "北区执法大队", "kind": "enforcement_body", "parent_code": "NORTH"}


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("unit_admin_north", 201),
        ("system_admin", 201),
        ("inspector_north", 404),
        ("inspector_south", 404),
        ("outsider", 404),
    ],
)
def test_create_unit_permission_matrix(cast, who: str, status: int) -> None:
    response = client_for(getattr(cast, who)).post("/api/v1/orgs/units/", NEW_UNIT, format="json")
    assert response.status_code == status
    assert OrgUnit.objects.filter(code="NB").exists() is (status == 201)
    if status == 201:
        assert response.json()["parent_code"] == "NORTH"


def test_create_unit_with_bad_input_is_400_and_writes_nothing(cast) -> None:
    client = client_for(cast.system_admin)
    before = AuditEvent.objects.count()
    response = client.post("/api/v1/orgs/units/", {**NEW_UNIT, "credit_code": "91350100M000100Y44"}, format="json")
    assert response.status_code == 400
    assert "统一社会信用代码" in response.json()["error"]["message"]
    response = client.post("/api/v1/orgs/units/", {**NEW_UNIT, "kind": "region"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_child_kind"
    response = client.post("/api/v1/orgs/units/", {**NEW_UNIT, "code": "NORTH"}, format="json")
    assert response.status_code == 409
    assert AuditEvent.objects.count() == before
    assert not OrgUnit.objects.filter(code="NB").exists()


def test_schema_is_served(cast) -> None:
    response = client_for(cast.supervisor).get("/api/v1/schema/")
    assert response.status_code == 200
    assert b"/api/v1/orgs/units/" in response.content
