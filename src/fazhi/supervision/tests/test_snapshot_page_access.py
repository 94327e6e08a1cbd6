"""指标快照 is the supervisors' (QA: a unit admin's 执法监督 menu offered it and it was always empty): the
tab is not in a unit admin's menu and the page answers them 403 supervision.snapshot_supervisors_only
with a Chinese message, as 考核指标体系 does; 案卷评查 stays theirs (their unit's reviews and 整改)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.orgs.choices import Role
from fazhi.supervision.models import Snapshot
from fazhi.supervision.tests.helpers import role_client, small_district

pytestmark = pytest.mark.django_db
PAGE = reverse("supervision:snapshots")
CODE = "supervision.snapshot_supervisors_only"


@pytest.fixture
def district(tmp_path):
    small_district(tmp_path)


def test_a_unit_admin_has_no_snapshot_tab_but_keeps_the_reviews(district):
    client = role_client(Role.UNIT_ADMIN, "SCJ1")

    html = client.get(reverse("supervision:dashboard")).content.decode()

    nav = html[html.index('data-testid="supervision-nav"') :].split("</ul>", 1)[0]
    assert "指标快照" not in nav and 'data-testid="nav-snapshots"' not in nav
    assert "案卷评查" in nav and client.get(reverse("supervision:reviews")).status_code == 200


def test_a_unit_admin_is_refused_the_snapshot_page_with_a_reason_and_nothing_is_written(district):
    client = role_client(Role.UNIT_ADMIN, "SCJ1")

    page = client.get(PAGE)
    post = client.post(PAGE, {"unit": "SCJ1", "start": "2024-01-01", "end": "2024-03-31"})

    html = page.content.decode()
    assert page.status_code == 403 and CODE in html and "指标快照由执法监督人员发布和使用" in html
    assert post.status_code == 403 and CODE in post.content.decode()
    assert not Snapshot.objects.exists()


def test_a_supervisor_has_the_tab_and_the_page(district):
    client = role_client(Role.SUPERVISOR, "TJ")

    html = client.get(reverse("supervision:dashboard")).content.decode()

    assert 'data-testid="nav-snapshots"' in html
    assert client.get(PAGE).status_code == 200
