"""A district sets its own 考核指标体系: the audited service (versions, guards), the bulletin that ranks
with the version in force on the quarter's last day, and the admin form that calls the service."""

from __future__ import annotations

import io
import json
from datetime import date

import docx
import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import Conflict, DomainError
from fazhi.orgs import services as org_services
from fazhi.orgs.choices import Role
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.tests.factories import OrgUnitFactory, RoleAssignmentFactory, UserFactory
from fazhi.supervision import documents, selectors, services
from fazhi.supervision.models import AssessmentScheme
from fazhi.supervision.tests.helpers import add_officers, add_power_items, run_import, small_district, write_csv

pytestmark = pytest.mark.django_db

SAVED = AuditEventType.SUPERVISION_ASSESSMENT_SCHEME_SAVED
WEIGHTS = {
    "participation_rate": {"weight": 60, "scale": "percent"},
    "exercise_rate": {"weight": 40, "scale": "percent"},
}
BASIS = "《青禾区行政执法考核办法》"
ADD_URL = "/admin/supervision/assessmentscheme/add/"


@pytest.fixture
def actor(django_user_model):
    return django_user_model.objects.create_superuser(username="scheme_admin", password=None)


def _save(actor, **overrides) -> AssessmentScheme:
    values = {
        "code": "qinghe",
        "name": "青禾区行政执法考核指标体系",
        "weights": WEIGHTS,
        "bottom_n": 2,
        "effective_from": date(2025, 1, 1),
        "bulletin_basis": BASIS,
        "reason": "区依法治区办印发2025年考核方案",
        **overrides,
    }
    return services.assessment_scheme_save(actor=actor, **values)


def _audits(row: AssessmentScheme | None = None):
    rows = AuditEvent.objects.filter(event_type=SAVED)
    if row is not None:
        rows = rows.filter(target_type=ContentType.objects.get_for_model(row), target_id=str(row.pk))
    return rows


def _schemes() -> list[tuple]:
    return list(AssessmentScheme.objects.order_by("pk").values_list())


def _close_default(actor, on: date) -> AssessmentScheme:
    v1 = AssessmentScheme.objects.get(code="default", version=1)
    return services.assessment_scheme_save(
        actor=actor, code="default", name=v1.name, weights=v1.weights, bottom_n=v1.bottom_n,
        effective_from=v1.effective_from, effective_to=on, bulletin_basis=v1.bulletin_basis, source=v1.source,
        reason="启用本区考核方案", version=v1,
    )  # fmt: skip


# --- the service -----------------------------------------------------------------------------------------------


def test_a_new_version_takes_the_next_number_with_one_audit_row(actor):
    closed = _close_default(actor, date(2024, 12, 31))
    # closing v1 records only what changed
    assert closed.effective_to == date(2024, 12, 31)
    closing = _audits(closed).get()
    assert closing.changes == {"effective_to": [None, "2024-12-31"]} and closing.reason == "启用本区考核方案"

    v2 = _save(actor, code="default")

    v2.refresh_from_db()
    assert (v2.code, v2.version, v2.weights, v2.bottom_n, v2.bulletin_basis) == ("default", 2, WEIGHTS, 2, BASIS)
    audit = _audits(v2).get()  # exactly one row for this save, by this actor, with its reason
    assert audit.actor_id == actor.pk and audit.reason == "区依法治区办印发2025年考核方案"
    assert audit.changes["version"] == [None, 2]
    assert audit.changes["weights"] == [None, WEIGHTS]
    assert audit.changes["effective_from"] == [None, "2025-01-01"]
    assert _audits().count() == 2  # nothing else was audited
    # record_audit refuses to write outside a transaction block: this row was written inside the
    # service's own block, the one that saved the scheme


def test_a_scheme_chooses_how_a_missing_indicator_scores_with_prorate_by_default(actor):
    assert AssessmentScheme.objects.get(code="default", version=1).missing_indicator_policy == "prorate"
    assert _save(actor).missing_indicator_policy == "prorate"

    zero = _save(actor, code="other", missing_indicator_policy="zero")

    assert zero.missing_indicator_policy == "zero"
    assert _audits(zero).get().changes["missing_indicator_policy"] == [None, "zero"]


def test_a_new_code_starts_at_version_one_and_an_unchanged_edit_writes_no_audit(actor):
    row = _save(actor)
    assert row.version == 1 and _audits(row).count() == 1
    same = _save(actor, version=row)
    assert same.pk == row.pk and _audits(row).count() == 1


def _weights(**specs):
    return {code: {"weight": weight, "scale": scale} for code, (weight, scale) in specs.items()}


REFUSALS = {
    "unknown indicator": (
        {"weights": _weights(participation_rate=(60, "percent"), no_such_indicator=(40, "percent"))},
        "supervision.scheme_unknown_indicator",
    ),
    "weight zero": (
        {"weights": _weights(participation_rate=(0, "percent"), exercise_rate=(100, "percent"))},
        "supervision.scheme_bad_weight",
    ),
    "weight negative": (
        {"weights": _weights(participation_rate=(-10, "percent"), exercise_rate=(110, "percent"))},
        "supervision.scheme_bad_weight",
    ),
    "weight not a number": (
        {"weights": _weights(participation_rate=("60", "percent"), exercise_rate=(40, "percent"))},
        "supervision.scheme_bad_weight",
    ),
    "unknown scale": (
        {"weights": _weights(participation_rate=(60, "ratio"), exercise_rate=(40, "percent"))},
        "supervision.scheme_bad_scale",
    ),
    "weights add up to 90": (
        {"weights": _weights(participation_rate=(60, "percent"), exercise_rate=(30, "percent"))},
        "supervision.scheme_weights_total",
    ),
    "weights add up to 110": (
        {"weights": _weights(participation_rate=(60, "percent"), exercise_rate=(50, "peer_max"))},
        "supervision.scheme_weights_total",
    ),
    "no weights": ({"weights": {}}, "supervision.scheme_bad_weights"),
    "negative bottom_n": ({"bottom_n": -1}, "supervision.scheme_bad_bottom_n"),
    "empty reason": ({"reason": "  "}, "supervision.scheme_reason_required"),
    "empty name": ({"name": ""}, "supervision.scheme_name_required"),
    "bad code": ({"code": "青禾 区"}, "supervision.scheme_bad_code"),
    "end before start": ({"effective_to": date(2024, 12, 31)}, "supervision.scheme_bad_range"),
    "unknown missing-indicator policy": (
        {"missing_indicator_policy": "ignore"},
        "supervision.scheme_bad_missing_policy",
    ),
}


@pytest.mark.parametrize("overrides,code", REFUSALS.values(), ids=REFUSALS.keys())
def test_a_refused_save_writes_nothing(actor, overrides, code):
    before = _schemes()
    with pytest.raises(DomainError) as error:
        _save(actor, **overrides)
    assert error.value.code == code and error.value.status_code == 400
    assert error.value.fields  # the form shows it on its field
    assert _schemes() == before and not _audits().exists()


def test_an_overlapping_version_is_a_conflict_and_writes_nothing(actor):
    before = _schemes()
    # the shipped default v1 is in force from 2021 with no end: a v2 from 2025 would overlap it
    with pytest.raises(Conflict) as error:
        _save(actor, code="default")
    assert error.value.code == "supervision.scheme_overlap" and error.value.status_code == 409
    assert "与行政执法考核指标体系（默认示例）第1版（自2021年1月1日起）的生效期间重叠" in error.value.message
    assert _schemes() == before and not _audits().exists()
    # so would moving an existing version onto another one's days
    qinghe = _save(actor, effective_to=date(2025, 12, 31))
    later = _save(actor, effective_from=date(2026, 1, 1))
    before = _schemes()
    with pytest.raises(Conflict):
        _save(actor, effective_from=date(2025, 12, 1), version=later)
    assert _schemes() == before and _audits().count() == 2
    assert (qinghe.version, later.version) == (1, 2)


# --- the bulletin ranks with the version in force --------------------------------------------------------------

RECORD_HEADERS = ["记录编号", "记录类型", "单位编码", "权责事项编码", "执法证号", "发生日期", "录入日期"]


@pytest.fixture
def district(tmp_path):
    """SCJ1, SCJ2 (市场监管) and CG1 (城市管理), each inspecting in February 2024 with all its officers
    and its one item — except a third CG1 officer who never takes part (人员参与率 2/3)."""
    small_district(tmp_path)
    rows = []
    for unit, domain in (("SCJ1", "市场监管"), ("SCJ2", "市场监管"), ("CG1", "城市管理")):
        officers = add_officers(tmp_path, unit, 2, prefix=f"K{unit}", domain=domain)
        item = add_power_items(tmp_path, unit, 1, prefix=f"P{unit}")[0]
        rows.append([f"R{unit}", "行政检查", unit, item, "；".join(officers), "2024-02-01", "2024-02-02"])
    add_officers(tmp_path, "CG1", 1, prefix="KIDLE", domain="城市管理")
    run_import("records", write_csv(tmp_path / "records.csv", RECORD_HEADERS, rows))
    supervisor = UserFactory(username="sup")
    RoleAssignmentFactory(user=supervisor, role=Role.SUPERVISOR, unit=OrgUnit.objects.get(code="TJ"))
    return supervisor


def _issue(supervisor, year: int = 2024, quarter: int = 1):
    return services.bulletin_issue(
        actor=supervisor, unit=OrgUnit.objects.get(code="TJ"), year=year, quarter=quarter,
        number=f"测法治办〔{year}〕{quarter}号", issuer="测试新区全面依法治区委员会办公室",
        issued_on=date(year, 4, 15),
    )  # fmt: skip


def _opening(data: bytes) -> str:
    return next(p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.text.startswith("根据"))


def test_the_bulletin_ranks_with_the_new_version_once_it_is_in_force(district, actor):
    _close_default(actor, date(2023, 12, 31))
    _save(actor, code="default", effective_from=date(2024, 1, 1))

    bulletin = _issue(district)  # Q1 2024 ends on 2024-03-31: v2 is in force

    assert selectors.assessment_scheme_on(day=date(2023, 12, 31)).version == 1  # earlier periods keep v1
    assert (bulletin.scheme_code, bulletin.scheme_version, bulletin.bottom_n) == ("default", 2, 2)
    payload = bulletin.snapshot.payload
    scheme = payload["scheme"]
    assert (scheme["version"], scheme["weights"], scheme["bottom_n"]) == (2, WEIGHTS, 2)
    assert scheme["bulletin_basis"] == BASIS
    # scored with v2's two indicators only: 60 × 参与率 + 40 × 履责率
    scores = {row["code"]: (row["score"], row["parts"]) for row in payload["ranking"]}
    assert scores["SCJ1"] == ("100.00", {"participation_rate": "60.00", "exercise_rate": "40.00"})
    assert scores["CG1"] == ("80.00", {"participation_rate": "40.00", "exercise_rate": "40.00"})
    # v2 proposes the two lowest units for 约谈 (v1 proposed three), the lowest first; the second
    # lowest score is shared by both market units, so both are listed (rules.bottom_units)
    assert scores["SCJ2"][0] == scores["SCJ1"][0]
    assert [row["code"] for row in payload["summoned"]] == ["CG1", "SCJ1", "SCJ2"]
    assert _opening(documents.bulletin_docx(bulletin)).startswith(f"根据{BASIS}和本区行政执法考核指标体系")


def test_a_version_a_bulletin_used_can_only_be_closed(district, actor):
    _close_default(actor, date(2023, 12, 31))
    v2 = _save(actor, code="default", effective_from=date(2024, 1, 1))
    _issue(district)
    audits = _audits().count()

    with pytest.raises(Conflict) as error:
        _save(actor, code="default", effective_from=date(2024, 1, 1), bottom_n=5, version=v2)
    assert error.value.code == "supervision.scheme_in_use"
    v2.refresh_from_db()
    assert v2.bottom_n == 2 and _audits().count() == audits

    closed = _save(actor, code="default", effective_from=date(2024, 1, 1), effective_to=date(2024, 12, 31), version=v2)
    assert closed.effective_to == date(2024, 12, 31) and _audits().count() == audits + 1


# --- the admin -------------------------------------------------------------------------------------------------


def _form(**overrides) -> dict[str, str]:
    return {
        "code": "qinghe",
        "name": "青禾区行政执法考核指标体系",
        "weights": json.dumps(WEIGHTS),
        "bottom_n": "2",
        "effective_from": "2025-01-01",
        "effective_to": "",
        "bulletin_basis": BASIS,
        "source": "",
        "missing_indicator_policy": "prorate",
        "reason": "区依法治区办印发2025年考核方案",
        **overrides,
    }


@pytest.fixture
def admin_client(actor) -> Client:
    client = Client()
    client.force_login(actor)
    return client


def test_the_admin_adds_a_scheme_through_the_service(admin_client, actor):
    page = admin_client.get(ADD_URL)
    assert page.status_code == 200
    assert "变更理由" in page.content.decode() and "合计应为100" in page.content.decode()  # the weights help

    # the missing-indicator policy is on the form, with what each choice does
    assert "缺项计分方式" in page.content.decode() and "计零（缺项计0分）" in page.content.decode()

    response = admin_client.post(ADD_URL, _form(missing_indicator_policy="zero"))

    assert response.status_code == 302, response.content.decode()[:2000]
    row = AssessmentScheme.objects.get(code="qinghe")
    assert (row.version, row.weights, row.bulletin_basis) == (1, WEIGHTS, BASIS)
    assert row.missing_indicator_policy == "zero"
    audit = _audits(row).get()
    assert audit.actor_id == actor.pk and audit.reason == "区依法治区办印发2025年考核方案"


def test_the_admin_shows_a_refusal_on_the_form_and_writes_nothing(admin_client):
    before = _schemes()
    bad = _weights(participation_rate=(60, "percent"), exercise_rate=(30, "percent"))

    response = admin_client.post(ADD_URL, _form(weights=json.dumps(bad)))

    assert response.status_code == 200
    assert "各指标权重合计应为100（通报满分100分），现为90。" in response.content.decode()
    assert _schemes() == before and not _audits().exists()


def test_the_admin_closes_a_version_and_offers_no_delete(admin_client, actor):
    v1 = AssessmentScheme.objects.get(code="default", version=1)
    url = f"/admin/supervision/assessmentscheme/{v1.pk}/change/"
    page = admin_client.get(url).content.decode()
    assert f"/admin/supervision/assessmentscheme/{v1.pk}/delete/" not in page
    assert admin_client.get(f"/admin/supervision/assessmentscheme/{v1.pk}/delete/").status_code == 403

    form = _form(name=v1.name, weights=json.dumps(v1.weights), bottom_n=str(v1.bottom_n),
                 effective_from=str(v1.effective_from), effective_to="2024-12-31", bulletin_basis=v1.bulletin_basis,
                 source=v1.source, reason="启用本区考核方案")  # fmt: skip
    form.pop("code")  # read-only once saved
    response = admin_client.post(url, form)

    assert response.status_code == 302, response.content.decode()[:2000]
    v1.refresh_from_db()
    assert v1.effective_to == date(2024, 12, 31) and v1.code == "default"
    assert _audits(v1).get().changes == {"effective_to": [None, "2024-12-31"]}


def test_indicator_definitions_are_read_only_in_the_admin(admin_client):
    listing = admin_client.get("/admin/supervision/indicatordefinition/")
    assert listing.status_code == 200 and "participation_rate" in listing.content.decode()
    assert admin_client.get("/admin/supervision/indicatordefinition/add/").status_code == 403


def test_a_system_admin_sets_the_scheme_in_the_admin_through_the_audited_service():
    """DESIGN §1: the 系统管理员 configures the indicator weights. A system admin is no superuser
    (orgs.services.CONFIGURATION_APPS): the scheme admin used to answer 403 to the demo's xitong."""
    user = org_services.user_create(actor=None, username="xitong_t", password="Long-Enough-Pass-9")
    org_services.role_assign(actor=None, user=user, role=Role.SYSTEM_ADMIN, unit=OrgUnitFactory())
    client = Client()
    client.force_login(user)

    assert client.get("/admin/supervision/assessmentscheme/").status_code == 200
    assert client.get(ADD_URL).status_code == 200
    response = client.post(ADD_URL, _form())

    assert response.status_code == 302, response.content.decode()[:2000]
    row = AssessmentScheme.objects.get(code="qinghe")
    assert _audits(row).get().actor_id == user.pk  # saved by the service, with its audit row
    # still no delete, and the shipped definitions stay read-only for them too
    assert client.get(f"/admin/supervision/assessmentscheme/{row.pk}/delete/").status_code == 403
    assert client.get("/admin/supervision/indicatordefinition/add/").status_code == 403
    # only the two configuration models are in the admin: records, snapshots and bulletins are not
    index = client.get("/admin/supervision/").content.decode()
    assert "/admin/supervision/bulletin/" not in index and "/admin/supervision/enforcementrecord/" not in index
