"""Snapshot and bulletin pages write their moments as 2024年4月2日 00:30, local time, like the Chinese
dates beside them, not "2024-04-02 00:30" (QA).

The moments are chosen a few minutes either side of midnight in Shanghai, when the UTC date is still
the day before: a moment printed in UTC would show the wrong day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from fazhi.orgs.choices import Role
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.tests.factories import RoleAssignmentFactory, UserFactory
from fazhi.supervision import services
from fazhi.supervision.tests.helpers import small_district

pytestmark = pytest.mark.django_db

CUT_OFF = datetime(2024, 4, 1, 16, 30, tzinfo=UTC)  # 2024年4月2日 00:30 in Shanghai
PUBLISHED = datetime(2024, 5, 6, 17, 5, tzinfo=UTC)  # 2024年5月7日 01:05
LATER = datetime(2024, 6, 9, 16, 45, tzinfo=UTC)  # 2024年6月10日 00:45: the comparison with today's data


@pytest.fixture
def supervisor(tmp_path):
    small_district(tmp_path)
    user = UserFactory(username="sup_dates")
    RoleAssignmentFactory(user=user, role=Role.SUPERVISOR, unit=OrgUnit.objects.get(code="TJ"))
    return user


def _publish(user):
    with time_machine.travel(PUBLISHED, tick=False):
        return services.snapshot_publish(
            actor=user, unit=OrgUnit.objects.get(code="TJ"), start=date(2024, 1, 1), end=date(2024, 3, 31),
            as_of=CUT_OFF, title="测试新区2024年第一季度指标",
        )  # fmt: skip


def test_the_snapshot_list_and_page_write_moments_in_chinese_local_time(supervisor, client):
    snapshot = _publish(supervisor)
    client.force_login(supervisor)

    listing = client.get("/supervision/snapshots/").content.decode()
    with time_machine.travel(LATER, tick=False):
        page = client.get(f"/supervision/snapshots/{snapshot.pk}/?diff=1").content.decode()

    for html in (listing, page):
        assert "2024年4月2日 00:30" in html and "2024年5月7日 01:05" in html
        assert "2024年1月1日至2024年3月31日" in html
        assert "2024-04-02 00:30" not in html and "2024-05-07 01:05" not in html
    assert "按 2024年6月10日 00:45 的数据重新计算" in page


def test_the_bulletin_list_and_page_write_dates_and_the_cut_off_in_chinese(supervisor, client):
    with time_machine.travel(PUBLISHED, tick=False):
        bulletin = services.bulletin_issue(
            actor=supervisor, unit=OrgUnit.objects.get(code="TJ"), year=2024, quarter=1, number="测〔2024〕3号",
            issuer="测试新区司法局", issued_on=date(2024, 5, 7), bottom_n=0,
        )  # fmt: skip
    client.force_login(supervisor)

    assert "<td>2024年5月7日</td>" in client.get("/supervision/bulletins/").content.decode()
    page = client.get(f"/supervision/bulletins/{bulletin.pk}/").content.decode()
    assert "印发日期 2024年5月7日" in page
    assert bulletin.snapshot.as_of == PUBLISHED and "数据截至 2024年5月7日 01:05" in page


def test_a_snapshot_without_a_title_is_named_with_chinese_dates(supervisor):
    with time_machine.travel(PUBLISHED, tick=False):
        snapshot = services.snapshot_publish(
            actor=supervisor, unit=OrgUnit.objects.get(code="TJ"), start=date(2024, 1, 1), end=date(2024, 3, 31)
        )

    assert snapshot.title.endswith("行政执法监督指标（2024年1月1日至2024年3月31日）")
