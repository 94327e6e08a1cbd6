"""The supervisors' 考核指标体系 page and API: the versions with who saved them, a new version and
closing one through the audited service the admin uses (services.assessment_scheme_save), the
service's refusals shown with their codes, and who may read and save."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.orgs.choices import Role
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.tests.factories import RoleAssignmentFactory, UserFactory
from fazhi.supervision.models import AssessmentScheme
from fazhi.supervision.tests.helpers import small_district

pytestmark = pytest.mark.django_db

PAGE = reverse("supervision:schemes")
API = "/api/v1/supervision/schemes/"
SAVED = AuditEventType.SUPERVISION_ASSESSMENT_SCHEME_SAVED
REASON = "区依法治区办印发2025年考核方案"


@pytest.fixture
def district(tmp_path):
    small_district(tmp_path)


def _client(role: Role | None, unit: str = "TJ") -> Client:
    user = UserFactory()
    if role is not None:
        RoleAssignmentFactory(user=user, role=role, unit=OrgUnit.objects.get(code=unit))
    client = Client()
    client.force_login(user)
    client.user = user  # type: ignore[attr-defined]
    return client


def _form(**overrides: str) -> dict[str, str]:
    """A new version of the shipped scheme "default" from 2025, weighting two indicators 60 + 40."""
    return {
        "code": "default",
        "name": "青禾区行政执法考核指标体系（2025）",
        "missing_indicator_policy": "prorate",
        "bottom_n": "2",
        "effective_from": "2025-01-01",
        "effective_to": "",
        "bulletin_basis": "《青禾区行政执法考核办法》",
        "source": "",
        "reason": REASON,
        "weight_participation_rate": "60",
        "scale_participation_rate": "percent",
        "weight_exercise_rate": "40",
        "scale_exercise_rate": "percent",
        **overrides,
    }


def _default_v1() -> AssessmentScheme:
    return AssessmentScheme.objects.get(code="default", version=1)


def _close_v1(client: Client, on: str = "2024-12-31"):
    return client.post(
        PAGE, {"action": "close", "scheme": _default_v1().pk, "effective_to": on, "reason": "启用新方案"}
    )


def _schemes() -> list[tuple]:
    return list(AssessmentScheme.objects.order_by("pk").values_list())


def _audits(scheme: AssessmentScheme | None = None):
    rows = AuditEvent.objects.filter(event_type=SAVED)
    if scheme is not None:
        rows = rows.filter(target_type=ContentType.objects.get_for_model(scheme), target_id=str(scheme.pk))
    return rows


def test_a_supervisor_sees_the_versions_their_weights_and_the_nav_entry(district):
    client = _client(Role.SUPERVISOR)

    page = client.get(PAGE)

    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-scheme="default-1"' in html and "行政执法考核指标体系（默认示例）" in html
    assert "人员参与率 25分 · 百分比（值÷100）" in html  # weight and scale of each indicator
    assert '<td class="text-nowrap">2021年1月1日</td>' in html and "系统预置" in html  # shipped, not saved by anyone
    assert "2021-01-01" not in html  # QA: the dates in Chinese
    # the scheme by its name and version; its code only below, as secondary information (QA: "default 第1版")
    assert '<span data-testid="scheme-name">行政执法考核指标体系（默认示例）</span> 第1版' in html
    assert "方案代码 default</div>" in html and "default 第1版" not in html
    assert 'data-testid="nav-schemes"' in html
    # the new-version form starts from the version in force
    assert 'name="weight_participation_rate"' in html and 'value="25"' in html
    assert 'data-testid="nav-schemes"' in client.get(reverse("supervision:bulletins")).content.decode()


@time_machine.travel(datetime(2026, 3, 1, 16, 5, tzinfo=UTC), tick=False)  # 2026年3月2日 00:05 in Shanghai
def test_a_supervisor_closes_the_version_in_force_and_saves_the_next_with_audit_rows(district):
    client = _client(Role.SUPERVISOR)

    closed = _close_v1(client)
    saved = client.post(PAGE, _form())

    assert closed.status_code == 302 and saved.status_code == 302
    v1 = _default_v1()
    assert v1.effective_to == date(2024, 12, 31)
    assert _audits(v1).get().changes == {"effective_to": [None, "2024-12-31"]}
    v2 = AssessmentScheme.objects.get(code="default", version=2)
    assert v2.weights == {
        "participation_rate": {"weight": 60, "scale": "percent"},
        "exercise_rate": {"weight": 40, "scale": "percent"},
    }
    assert (v2.bottom_n, v2.effective_from, v2.effective_to) == (2, date(2025, 1, 1), None)
    audit = _audits(v2).get()  # exactly one row for the save, by the supervisor, with the reason
    assert audit.actor_id == client.user.pk and audit.reason == REASON
    html = client.get(PAGE).content.decode()
    assert 'data-scheme="default-2"' in html and audit.actor_display in html and REASON in html
    # dates and moments in Chinese (QA); the messages of both saves name the scheme, its code only aside
    assert "2024年12月31日" in html and "2024-12-31" not in html and "2025-01-01" not in html
    assert f'{audit.actor_display}<div class="text-body-secondary">2026年3月2日 00:05' in html
    assert "已将行政执法考核指标体系（默认示例）第1版的失效日期设为2024年12月31日。" in html
    assert "已保存青禾区行政执法考核指标体系（2025）第2版（方案代码default）。" in html


def test_weights_not_adding_up_to_100_show_the_service_refusal_and_write_nothing(district):
    client = _client(Role.SUPERVISOR)
    _close_v1(client)
    before, audits = _schemes(), _audits().count()

    response = client.post(PAGE, _form(weight_exercise_rate="30"))

    assert response.status_code == 400
    html = response.content.decode()
    assert "各指标权重合计应为100（通报满分100分），现为90。" in html
    assert 'data-error-code="supervision.scheme_weights_total"' in html
    assert _schemes() == before and _audits().count() == audits


def test_a_weight_that_is_not_a_number_is_a_form_error(district):
    client = _client(Role.SUPERVISOR)
    before = _schemes()

    response = client.post(PAGE, _form(weight_exercise_rate="四十"))

    assert response.status_code == 400
    html = response.content.decode()
    assert "履责率的权重应为数字。" in html and 'data-error-code="supervision.bad_input"' in html
    assert _schemes() == before and not _audits().exists()


def test_a_version_overlapping_another_is_the_services_conflict(district):
    client = _client(Role.SUPERVISOR)
    before = _schemes()

    response = client.post(PAGE, _form())  # v1 is in force from 2021 without an end

    assert response.status_code == 409
    html = response.content.decode()
    assert "生效期间重叠" in html and 'data-error-code="supervision.scheme_overlap"' in html
    assert _schemes() == before and not _audits().exists()


@pytest.mark.parametrize(
    ("role", "unit", "code"),
    [
        (Role.UNIT_ADMIN, "SCJ1", "supervision.scheme_supervisors_only"),
        (Role.OFFICER, "SCJ1", "supervision.no_access"),
        (Role.SYSTEM_ADMIN, "TJ", "supervision.scheme_in_admin"),
        (None, "TJ", "supervision.no_access"),
    ],
)
def test_others_are_refused_with_a_reason_and_nothing_is_written(district, role, unit, code):
    client = _client(role, unit)
    before = _schemes()

    page = client.get(PAGE)
    post = client.post(PAGE, _form(effective_from="2030-01-01"))
    api = client.get(API)
    api_post = client.post(API, {}, content_type="application/json")

    assert page.status_code == 403 and code in page.content.decode()
    assert post.status_code == 403
    assert api.status_code == 403 and api.json()["error"]["code"] == code
    assert api_post.status_code == 403
    assert _schemes() == before and not _audits().exists()


def test_a_supervisor_of_part_of_the_tree_reads_but_does_not_save(district):
    # the scheme ranks every bulletin of the platform: TJG's supervisor would change TJ's ranking
    client = _client(Role.SUPERVISOR, "TJG")
    before = _schemes()

    page = client.get(PAGE)
    refused = client.post(PAGE, _form(effective_from="2030-01-01"))

    assert page.status_code == 200
    assert 'data-testid="scheme-read-only"' in page.content.decode()
    assert 'data-testid="scheme-form"' not in page.content.decode()
    assert refused.status_code == 403 and "supervision.scheme_whole_platform" in refused.content.decode()
    assert _schemes() == before and not _audits().exists()


def test_the_unit_admins_supervision_pages_have_no_scheme_entry(district):
    html = _client(Role.UNIT_ADMIN, "SCJ1").get(reverse("supervision:bulletins")).content.decode()

    assert 'data-testid="supervision-nav"' in html and 'data-testid="nav-schemes"' not in html


def test_the_api_lists_saves_closes_and_refuses_like_the_page(district):
    client = _client(Role.SUPERVISOR)
    body = {
        "code": "default",
        "name": "青禾区行政执法考核指标体系（2025）",
        "weights": {
            "participation_rate": {"weight": 60, "scale": "percent"},
            "exercise_rate": {"weight": 40, "scale": "percent"},
        },
        "bottom_n": 2,
        "effective_from": "2025-01-01",
        "reason": REASON,
    }  # fmt: skip

    listed = client.get(API)
    overlap = client.post(API, body, content_type="application/json")
    closed = client.post(
        f"{API}{_default_v1().pk}/close/", {"effective_to": "2024-12-31", "reason": "启用新方案"},
        content_type="application/json",
    )  # fmt: skip
    bad = client.post(API, {**body, "weights": {"participation_rate": {"weight": 60, "scale": "percent"}}},
                      content_type="application/json")  # fmt: skip
    created = client.post(API, body, content_type="application/json")

    assert listed.status_code == 200 and [r["code"] for r in listed.json()["results"]] == ["default"]
    assert listed.json()["results"][0]["saved_by"] is None
    assert overlap.status_code == 409 and overlap.json()["error"]["code"] == "supervision.scheme_overlap"
    assert closed.status_code == 200 and closed.json()["effective_to"] == "2024-12-31"
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "supervision.scheme_weights_total"
    assert created.status_code == 201 and created.json()["version"] == 2
    v2 = AssessmentScheme.objects.get(code="default", version=2)
    assert _audits(v2).get().actor_id == client.user.pk
    assert [r["saved_by"] is not None for r in client.get(API).json()["results"]] == [True, True]
