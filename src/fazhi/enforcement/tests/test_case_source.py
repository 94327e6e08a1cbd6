"""案件来源: recorded at 立案 (service, form, API) and printed on the 立案审批表.

Protects against the QA finding that every 立案审批表 printed 其他途径发现: the 立案 form had no source.
"""

from __future__ import annotations

import importlib
import io
from typing import Any

import docx
import pytest
from django.apps import apps
from django.urls import reverse

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import DomainError
from fazhi.enforcement.choices import CaseSource, InspectionOrigin
from fazhi.enforcement.documents import DocumentKind, render_document
from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.tests.assertions import assert_one_audit
from fazhi.enforcement.tests.factories import USCC, open_case, record_inspection
from fazhi.enforcement.tests.pages import client_for

pytestmark = pytest.mark.django_db


def approval_text(case: PenaltyCase) -> str:
    """Every table cell of the case's 立案审批表, one per line."""
    document = docx.Document(io.BytesIO(render_document(kind=DocumentKind.FILING_APPROVAL, case=case).content))
    return "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)


def source_cell(case: PenaltyCase) -> str:
    lines = approval_text(case).splitlines()
    return lines[lines.index("案件来源") + 1]


# --- the service -----------------------------------------------------------------------------------


@pytest.mark.parametrize("source", list(CaseSource))
def test_the_chosen_source_is_recorded_audited_and_printed(world, source: CaseSource) -> None:
    case = open_case(world, case_source=source)
    case.refresh_from_db()
    assert case.case_source == source
    audit = assert_one_audit(AuditEventType.PENALTY_CASE_OPENED, case, world.cast.inspector_north)
    assert audit.changes["case_source"] == [None, source.value]
    assert source_cell(case) == source.label


@pytest.mark.parametrize(
    ("origin", "expected"),
    [(InspectionOrigin.RANDOM, CaseSource.INSPECTION), (InspectionOrigin.PATROL, CaseSource.INSPECTION),
     (InspectionOrigin.COMPLAINT, CaseSource.COMPLAINT), (InspectionOrigin.ASSIGNED, CaseSource.ASSIGNED)],
)  # fmt: skip
def test_without_a_source_a_case_from_an_inspection_takes_the_inspections_origin(world, origin, expected) -> None:
    inspection = record_inspection(world, origin=origin, outcome="case_opened")
    case = open_case(world, inspection=inspection)
    assert case.case_source == expected
    # the 审批表 names the source and the inspection it came from, with a Chinese date
    assert source_cell(case) == f"{expected.label}（行政检查：2026年3月2日，{origin.label}）"


def test_without_a_source_or_an_inspection_the_source_is_other(world) -> None:
    case = open_case(world)
    assert case.case_source == CaseSource.OTHER and source_cell(case) == "其他途径发现"


def test_an_unknown_source_is_refused_and_nothing_is_written(world) -> None:
    audits = AuditEvent.objects.count()  # the world's certificates are audited too
    with pytest.raises(DomainError) as error:
        open_case(world, case_source="rumour")
    assert error.value.status_code == 400 and "case_source" in error.value.fields
    assert not PenaltyCase.objects.exists() and AuditEvent.objects.count() == audits


# --- the 立案 form and the API ---------------------------------------------------------------------


def form_payload(world, **overrides: Any) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    values: dict[str, Any] = {
        "unit_code": "NORTH", "party_kind": "organisation", "party_name": "甲公司", "party_code": USCC,
        "cause": "销售过期食品", "case_source": "complaint", "violation_ended_on": "2026-02-20",
        "discovered_on": "2026-03-02", "filed_on": "2026-03-03",
        "officer_ids": [world.officer_a.pk, world.officer_b.pk], "harm": "significant",
    }  # fmt: skip
    values.update(overrides)
    return values


def test_the_case_opening_form_records_the_chosen_source(world) -> None:
    client = client_for(world.cast.inspector_north)
    assert 'name="case_source"' in client.get(reverse("enforcement:case_open")).content.decode()
    response = client.post(reverse("enforcement:case_open"), form_payload(world))
    assert response.status_code == 302, response.content.decode()[:2000]
    case = PenaltyCase.objects.get()
    assert case.case_source == CaseSource.COMPLAINT
    page = client.get(response["Location"]).content.decode()
    assert '<dd class="col-sm-10" data-testid="case-source">投诉举报</dd>' in page


def test_the_case_opening_form_asks_for_the_source(world) -> None:
    client = client_for(world.cast.inspector_north)
    response = client.post(reverse("enforcement:case_open"), form_payload(world, case_source=""))
    assert response.status_code == 400 and "请选择案件来源。" in response.content.decode()
    assert not PenaltyCase.objects.exists()


def test_the_form_from_an_inspection_preselects_the_inspections_source(world) -> None:
    inspection = record_inspection(world, origin=InspectionOrigin.ASSIGNED, outcome="case_opened")
    html = client_for(world.cast.inspector_north).get(reverse("enforcement:case_open"), {"inspection": inspection.pk})
    assert '<option value="assigned" selected>上级交办</option>' in html.content.decode()


def test_the_api_takes_and_returns_the_source(world) -> None:
    data = {key: value for key, value in form_payload(world, case_source="transferred").items() if key != "harm"}
    response = client_for(world.cast.inspector_north).post(
        "/api/v1/enforcement/cases/", data, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()["case"]
    assert (body["case_source"], body["case_source_label"]) == ("transferred", "其他机关移送")
    assert PenaltyCase.objects.get().case_source == CaseSource.TRANSFERRED
    bad = client_for(world.cast.inspector_north).post(
        "/api/v1/enforcement/cases/", {**data, "case_source": "rumour"}, content_type="application/json"
    )
    assert bad.status_code == 400 and PenaltyCase.objects.count() == 1


# --- existing cases ----------------------------------------------------------------------------------


def test_the_migration_gives_existing_cases_the_source_their_records_show(world) -> None:
    plain = open_case(world)
    from_check = open_case(world, inspection=record_inspection(world, outcome="case_opened"))
    from_complaint = open_case(world, inspection=record_inspection(world, origin="complaint", outcome="case_opened"))
    PenaltyCase.objects.update(case_source=CaseSource.OTHER)  # as the column's default left them
    importlib.import_module("fazhi.enforcement.migrations.0007_case_source").backfill(apps, None)
    sources = dict(PenaltyCase.objects.values_list("pk", "case_source"))
    assert sources == {plain.pk: "other", from_check.pk: "inspection", from_complaint.pk: "complaint"}
