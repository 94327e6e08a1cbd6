"""The case page's 登记决定变更/撤销 form takes a 变更's new content (行政复议法 Art. 63; 行政诉讼法 Art. 77).

Protects against a 变更 recorded on the page without the new fine (refused in the form, 400) and a
header that went on showing the original fine after the change.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.tests.factories import decided_case

pytestmark = pytest.mark.django_db


def test_the_page_refuses_a_change_without_content_in_its_form_and_shows_the_new_fine(world, client) -> None:
    case = decided_case(world)
    client.force_login(world.cast.inspector_north)
    url = f"/enforcement/cases/{case.pk}/actions/revoke_decision/"
    body = {"version": case.version, "kind": "changed", "changed_on": "2026-05-06", "reason": "行政复议决定变更"}

    refused = client.post(url, body)
    html = refused.content.decode()
    assert refused.status_code == 400
    assert 'data-testid="action-error">登记变更决定应当填写变更后的处罚内容：变更后的罚款数额' in html
    assert PenaltyCase.objects.get(pk=case.pk).fine_amount == Decimal("5000")

    done = client.post(url, {**body, "new_fine_amount": "3000"})
    assert done.status_code == 302
    page = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert "（罚款 3000.00 元）" in page
    assert 'data-testid="original-penalty">原决定：罚款5000元（2026年5月6日依法变更' in page
    assert "罚款由5000元变更为3000元" in page  # the timeline
