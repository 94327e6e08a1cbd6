"""Snapshots and their diffs, the quarterly bulletin (.docx → PDF), the API and pages with their
permission matrix — on the TEDA district loaded through the import commands."""

from __future__ import annotations

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import docx
import pytest
from django.test import Client
from django.urls import reverse

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.documents import convert_to_pdf
from fazhi.orgs.choices import Role
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.tests.factories import RoleAssignmentFactory, UserFactory
from fazhi.supervision import documents, selectors, services
from fazhi.supervision.models import Snapshot
from fazhi.supervision.tests.helpers import RECORD_HEADERS, run_import, take_the_general_path, write_csv

pytestmark = pytest.mark.django_db
CUT_OFF = datetime(2025, 1, 10, 18, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def people(tianjin):
    region, unit, other = (OrgUnit.objects.get(code=c) for c in ("TJ", "SCJ1", "CG1"))

    def user(name, role, scope):
        account = UserFactory(username=name)
        if role:
            RoleAssignmentFactory(user=account, role=role, unit=scope)
        return account

    return {
        "supervisor": user("sup_tj", Role.SUPERVISOR, region),
        "unit_admin": user("admin_scj1", Role.UNIT_ADMIN, unit),
        "other_admin": user("admin_cg1", Role.UNIT_ADMIN, other),
        "officer": user("officer_scj1", Role.OFFICER, unit),
        "nobody": user("nobody", None, None),
    }


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _late_record(tmp_path, tianjin) -> None:
    # happened in 2024 but entered after the cut-off of the snapshot
    row = ["LATE1", "行政检查", "SCJ1", tianjin.items[700], tianjin.officers[270], "2024-12-20", "2025-02-01"]
    run_import("records", write_csv(tmp_path / "late.csv", RECORD_HEADERS, [row]))
    services.rollups_merge_pending()  # as every reader of the figures does first


def test_a_snapshot_is_frozen_and_recomputing_shows_the_differences(tianjin, people, tmp_path):
    unit = OrgUnit.objects.get(code="SCJ1")
    snapshot = services.snapshot_publish(
        actor=people["supervisor"], unit=unit, start=date(2024, 1, 1), end=date(2024, 12, 31), as_of=CUT_OFF
    )
    assert snapshot.payload["figures"]["*"]["participation_rate"]["value"] == "89.08"
    assert AuditEvent.objects.filter(event_type=AuditEventType.SUPERVISION_SNAPSHOT_PUBLISHED).count() == 1

    _late_record(tmp_path, tianjin)

    later = selectors.snapshot_diff(snapshot=snapshot)
    at_cut_off = selectors.snapshot_diff(snapshot=snapshot, as_of=CUT_OFF)
    changed = {(d.unit_code, d.indicator): (d.published, d.recomputed) for d in later.differences}
    assert changed[("*", "records_total")] == ("1273", "1274")
    assert changed[("*", "officers_participating")] == ("253", "254")
    assert changed[("*", "participation_rate")] == ("89.08", "89.44")
    assert changed[("*", "exercise_rate")] == ("71.61", "71.72")
    assert changed[("*", "upload_timeliness")] == ("100.00", "99.92")
    assert at_cut_off.differences == []  # the published figures are reproducible at their cut-off
    snapshot.refresh_from_db()
    assert snapshot.payload["figures"]["*"]["records_total"]["value"] == "1273"  # never silently changed


def test_bulletin_ranks_peer_groups_and_the_docx_opens_and_converts(tianjin, people):
    region = OrgUnit.objects.get(code="TJ")
    bulletin = services.bulletin_issue(
        actor=people["supervisor"], unit=region, year=2024, quarter=1, number="测法治办〔2024〕1号",
        issuer="测试新区全面依法治区委员会办公室", issued_on=date(2024, 4, 15), bottom_n=1,
    )  # fmt: skip
    payload = bulletin.snapshot.payload

    groups = {(row["code"], row["group"], row["rank"], row["group_size"]) for row in payload["ranking"]}
    assert groups == {("SCJ1", "市场监管", 1, 1)}
    # SCJ2 and CG1 have no officer, item or record: nothing to score, listed but not ranked nor summoned
    assert {(row["code"], row["group"]) for row in payload["not_ranked"]} == {("SCJ2", "市场监管"), ("CG1", "城市管理")}
    assert [row["code"] for row in payload["summoned"]] == ["SCJ1"]
    assert payload["figures"]["*"]["records_total"]["value"] != "0"

    data = documents.bulletin_docx(bulletin)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "2024年第一季度行政执法情况通报" in text
    assert "末位约谈" in text and "数据截至" in text
    tables = docx.Document(io.BytesIO(data)).tables
    assert any("第一市场监管所" in cell.text for table in tables for row in table.rows for cell in row.cells)
    assert convert_to_pdf(data).startswith(b"%PDF")  # really opens in LibreOffice; never skipped


API = "/api/v1/supervision"


@pytest.mark.parametrize(
    ("who", "unit", "status"),
    [
        ("supervisor", "TJ", 200),
        ("supervisor", "SCJ1", 200),
        ("unit_admin", "SCJ1", 200),
        ("unit_admin", "TJ", 404),
        ("other_admin", "SCJ1", 404),
        ("officer", "SCJ1", 403),  # no supervision role: supervision.no_access, not an empty answer
        ("nobody", "SCJ1", 403),
        (None, "SCJ1", 401),
    ],
)
def test_indicator_api_permission_matrix(tianjin, people, who, unit, status):
    response = _client(people.get(who)).get(
        f"{API}/indicators/", {"unit": unit, "from": "2024-01-01", "to": "2024-12-31"}
    )

    assert response.status_code == status
    body = response.json()
    if status == 200:
        total = {i["code"]: i["value"] for i in body["total"]["indicators"]}
        assert total["participation_rate"] == ("89.08" if unit in ("TJ", "SCJ1") else total["participation_rate"])
    else:
        assert set(body["error"]) == {"code", "message", "fields"}


def test_api_errors_have_one_shape_and_drilldown_matches(tianjin, people):
    client = _client(people["supervisor"])

    bad = client.get(f"{API}/indicators/", {"unit": "TJ", "from": "2024-12-31", "to": "2024-01-01"})
    unknown = client.get(f"{API}/drilldown/nonsense/", {"unit": "TJ"})
    rows = client.get(
        f"{API}/drilldown/officers_not_participating/", {"unit": "TJ", "from": "2024-01-01", "to": "2024-12-31"}
    )

    assert bad.status_code == 400 and bad.json()["error"]["code"] == "supervision.bad_period"
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "supervision.unknown_drilldown"
    assert rows.status_code == 200 and rows.json()["count"] == 31 and len(rows.json()["rows"]) == 31


def test_only_supervisors_publish_and_a_refusal_writes_nothing(tianjin, people):
    payload = {"unit": "SCJ1", "from": "2024-01-01", "to": "2024-12-31"}

    refused = _client(people["unit_admin"]).post(f"{API}/snapshots/", payload, content_type="application/json")
    created = _client(people["supervisor"]).post(f"{API}/snapshots/", payload, content_type="application/json")

    assert refused.status_code == 403 and refused.json()["error"]["code"] == "supervision.supervisor_only"
    assert created.status_code == 201
    assert Snapshot.objects.count() == 1
    assert AuditEvent.objects.filter(event_type=AuditEventType.SUPERVISION_SNAPSHOT_PUBLISHED).count() == 1
    diff = _client(people["unit_admin"]).get(f"{API}/snapshots/{created.json()['id']}/diff/")
    assert diff.status_code == 200 and diff.json()["changed"] is False
    assert _client(people["other_admin"]).get(f"{API}/snapshots/{created.json()['id']}/diff/").status_code == 404


def test_dashboard_links_every_number_to_its_rows(tianjin, people):
    client = _client(people["supervisor"])

    page = client.get(reverse("supervision:dashboard"), {"unit": "TJ", "start": "2024-01-01", "end": "2024-12-31"})
    html = page.content.decode()
    drill = client.get(
        reverse("supervision:drilldown", kwargs={"kind": "power_items_not_exercised"}),
        {"unit": "TJ", "start": "2024-01-01", "end": "2024-12-31"},
    )

    assert page.status_code == 200
    assert "89.08%" in html and 'data-testid="figure-participation_rate"' in html
    assert "/supervision/drill/officers_not_participating/?unit=TJ" in html
    assert "/supervision/drill/power_items_not_exercised/?unit=TJ" in html
    assert 'id="supervision-dashboard-chart"' in html and "<script>" not in html  # data via json_script only
    assert drill.status_code == 200 and 'data-testid="row-count">251<' in drill.content.decode()
    assert _client(people["officer"]).get(reverse("supervision:dashboard")).status_code == 403


def test_bulletin_pages_and_docx_download(tianjin, people):
    client = _client(people["supervisor"])
    response = client.post(
        reverse("supervision:bulletins"),
        {"year": 2024, "quarter": 2, "number": "测法治办〔2024〕2号", "issuer": "测试新区司法局", "bottom_n": 1},
    )
    assert response.status_code == 302
    detail = client.get(response["Location"])
    bulletin_id = int(response["Location"].rstrip("/").rsplit("/", 1)[1])
    download = client.get(reverse("supervision:bulletin_docx", kwargs={"bulletin_id": bulletin_id}))

    assert detail.status_code == 200 and "分组排名" in detail.content.decode()
    listing = client.get(reverse("supervision:bulletins")).content.decode()
    assert '<select name="quarter" class="form-select"' in listing  # the form is styled like the others
    assert download.status_code == 200 and download.content[:2] == b"PK"
    duplicate = client.post(
        reverse("supervision:bulletins"),
        {"year": 2024, "quarter": 2, "number": "x", "issuer": "测试新区司法局"},
    )
    assert duplicate.status_code == 422 and "已印发" in duplicate.content.decode()
    assert _client(people["unit_admin"]).post(reverse("supervision:bulletins"), {}).status_code == 403


@pytest.mark.parametrize("period", [(date(2024, 1, 1), date(2024, 3, 31)), (date(2024, 2, 1), date(2024, 2, 29))])
def test_the_one_bucket_join_counts_exactly_like_the_general_path(tianjin, monkeypatch, period):
    """A whole quarter or month takes the LEFT JOIN on the rollup; any other period the FILTER path."""
    units = list(OrgUnit.objects.values_list("pk", flat=True))
    fast = selectors.unit_measures(units=units, start=period[0], end=period[1])
    take_the_general_path(monkeypatch)
    general = selectors.unit_measures(units=units, start=period[0], end=period[1])
    assert fast == general
    assert sum(row["officers_participating"] for row in fast.values()) > 0
