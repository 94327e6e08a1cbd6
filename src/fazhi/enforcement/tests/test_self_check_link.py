"""The case page links to supervision's 案卷完整性自查 for those its page admits, so a unit runs it before archiving."""

from __future__ import annotations

import pytest
from django.test import Client

from fazhi.enforcement.tests.factories import decided_case

pytestmark = pytest.mark.django_db
LINK = 'data-testid="self-check-link"'


@pytest.mark.parametrize(
    ("who", "linked"),
    [("unit_admin_north", True), ("supervisor", True), ("inspector_north", False), ("reviewer_north", False)],
)
def test_the_case_page_links_the_self_check_for_those_who_may_run_it(world, who: str, linked: bool) -> None:
    case = decided_case(world)
    client = Client()
    client.force_login(getattr(world.cast, who))

    html = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    check = client.get(f"/supervision/cases/{case.pk}/self-check/")

    assert (LINK in html) is linked
    if linked:
        assert f'href="/supervision/cases/{case.pk}/self-check/"' in html and "案卷完整性自查" in html
    # the link is offered exactly where the self-check page answers
    assert check.status_code == (200 if linked else 404)
