"""The 行政复议 and 行政应诉 lists refuse (403) the roles that can never see a case there, as 复议工作台
does, and the sub-menu links only the pages the user may open (QA: an officer, a unit admin and a system
admin got empty lists by direct URL, and a menu of links that answered 403).

Who sees cases (the selectors' ROLES_BY_ACTION["view"]): 复议工作人员 and 执法监督人员. The respondent's
(被申请人/被告) own staff see none, even of the cases against their unit: they see its 纠错提醒.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from fazhi.litigation.tests.factories import registered
from fazhi.reconsideration.tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("spring_2026")]

RECONSIDERATION_REFUSAL = "只有复议工作人员和执法监督人员可以查看行政复议案件。"
LITIGATION_REFUSAL = "只有复议（应诉）工作人员和执法监督人员可以查看行政应诉案件。"
# the respondent NORTH's own staff, a unit-less configuration role, no role at all
REFUSED = ["inspector_north", "unit_admin_north", "reviewer_north", "system_admin", "outsider"]
ADMITTED = ["reconsideration_officer", "supervisor"]


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def cases(cast):  # type: ignore[no-untyped-def]
    """A 复议 case and a lawsuit, both against NORTH."""
    return f.register(cast), registered(cast)


@pytest.mark.parametrize("who", REFUSED)
def test_the_lists_refuse_who_can_never_see_a_case(cast, cases, who: str) -> None:
    user = getattr(cast, who)
    pages = {
        reverse("reconsideration:case_list"): RECONSIDERATION_REFUSAL,
        reverse("litigation:case_list"): LITIGATION_REFUSAL,
    }
    for url, refusal in pages.items():
        response = _client(user).get(url)
        assert response.status_code == 403, url
        assert refusal in response.content.decode()  # the site's 403 page with the reason

    api = APIClient()
    api.force_authenticate(user)
    for url, code, refusal in (
        ("/api/v1/reconsideration/cases/", "reconsideration.case_view_forbidden", RECONSIDERATION_REFUSAL),
        ("/api/v1/litigation/cases/", "litigation.case_view_forbidden", LITIGATION_REFUSAL),
    ):
        response = api.get(url)
        assert response.status_code == 403, url
        assert response.json()["error"] == {"code": code, "message": refusal, "fields": {}}


@pytest.mark.parametrize("who", ADMITTED)
def test_the_lists_show_the_cases_to_whom_the_selectors_give_them(cast, cases, who: str) -> None:
    recon, lawsuit = cases
    client = _client(getattr(cast, who))
    assert recon.number in client.get(reverse("reconsideration:case_list")).content.decode()
    assert lawsuit.case_number in client.get(reverse("litigation:case_list")).content.decode()
    api = APIClient()
    api.force_authenticate(getattr(cast, who))
    assert [row["number"] for row in api.get("/api/v1/reconsideration/cases/").json()] == [recon.number]
    assert [row["case_number"] for row in api.get("/api/v1/litigation/cases/").json()] == [lawsuit.case_number]


NAV_LABELS = ("复议工作台", "全部案件", "登记申请", "行政应诉", "统计看板", "纠错提醒")


def _links(html: str) -> set[str]:
    nav = html.split('data-testid="reconsideration-nav"', 1)[1].split("</ul>", 1)[0]
    return {label for label in NAV_LABELS if label in nav}


def test_a_supervisor_is_not_offered_the_pages_of_the_reconsideration_staff(cast, cases) -> None:
    client = _client(cast.supervisor)
    for url in (reverse("reconsideration:case_list"), reverse("litigation:case_list")):
        html = client.get(url).content.decode()
        assert _links(html) == {"全部案件", "行政应诉", "统计看板", "纠错提醒"}, url
        assert "登记应诉案件" not in html
    # the links left out are indeed refused to them
    for name in ("reconsideration:workbench", "reconsideration:case_register", "litigation:case_register"):
        assert client.get(reverse(name)).status_code == 403, name
    for name in ("reconsideration:statistics", "reconsideration:alerts"):
        assert client.get(reverse(name)).status_code == 200, name


def test_the_reconsideration_officer_is_offered_every_page(cast, cases) -> None:
    client = _client(cast.reconsideration_officer)
    html = client.get(reverse("litigation:case_list")).content.decode()
    assert _links(html) == set(NAV_LABELS)
    assert "登记应诉案件" in html
    workbench = client.get(reverse("reconsideration:workbench")).content.decode()
    assert _links(workbench) == _links(html)
