"""A quarterly bulletin is issued only for a quarter that has ended by its data cut-off; its 约谈
heading counts the units actually listed."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from rest_framework.test import APIClient

from fazhi.core.errors import DomainError
from fazhi.supervision import rules, services
from fazhi.supervision.models import Bulletin, Snapshot

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _issue(world, *, year: int, quarter: int, as_of: datetime | None = None, bottom_n: int | None = None):
    return services.bulletin_issue(
        actor=world.cast.supervisor, unit=world.cast.region, year=year, quarter=quarter, number="测〔1〕号",
        issuer="测试区司法局", issued_on=timezone.localdate(), as_of=as_of, bottom_n=bottom_n,
    )  # fmt: skip


def _next_quarter(today: date) -> tuple[int, int]:
    quarter = (today.month - 1) // 3 + 1
    return (today.year + 1, 1) if quarter == 4 else (today.year, quarter + 1)


def test_a_quarter_that_has_not_begun_is_refused_and_nothing_is_written(world):
    year, quarter = _next_quarter(timezone.localdate())
    with pytest.raises(DomainError) as refused:
        _issue(world, year=year, quarter=quarter, bottom_n=100)
    assert refused.value.code == "supervision.quarter_not_ended"
    assert not Bulletin.objects.exists() and not Snapshot.objects.exists()


def test_a_cut_off_on_the_quarters_last_day_is_refused_and_the_day_after_is_accepted(world):
    _first, last = rules.quarter_bounds(2024, 4)
    on_last_day = datetime.combine(last, datetime.min.time(), SHANGHAI).replace(hour=23)
    with pytest.raises(DomainError):
        _issue(world, year=2024, quarter=4, as_of=on_last_day)
    bulletin = _issue(world, year=2024, quarter=4, as_of=on_last_day + timedelta(hours=2))
    assert bulletin.snapshot.period_to == last


def test_the_page_refuses_the_current_quarter_with_the_message(world, client):
    today = timezone.localdate()
    client.force_login(world.cast.supervisor)
    data = {"year": today.year, "quarter": (today.month - 1) // 3 + 1, "number": "测〔1〕号", "issuer": "测试区司法局"}
    response = client.post("/supervision/bulletins/", data)
    assert response.status_code == 422 and "请在季度结束后印发" in response.content.decode()
    assert not Bulletin.objects.exists()


def test_the_api_refuses_a_future_quarter_with_400(world):
    year, quarter = _next_quarter(timezone.localdate())
    api = APIClient()
    api.force_authenticate(world.cast.supervisor)
    data = {"unit": "R", "year": year, "quarter": quarter, "number": "测〔1〕号", "issuer": "测试区司法局"}
    response = api.post("/api/v1/supervision/bulletins/", data, format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "supervision.quarter_not_ended"


@pytest.mark.parametrize("year", ["99999", "1"])
def test_the_command_refuses_an_absurd_year_cleanly(world, year):
    with pytest.raises(CommandError) as refused:
        call_command(
            "bulletin", "--unit", "R", "--year", year, "--quarter", "1", "--number", "测", "--issuer", "测",
            stdout=io.StringIO(),
        )  # fmt: skip
    assert "supervision.bad_quarter" in str(refused.value)


def test_the_heading_counts_the_units_listed_not_the_number_asked_for(world, client):
    bulletin = _issue(world, year=2024, quarter=4, bottom_n=100)
    listed = len(bulletin.snapshot.payload["summoned"])
    assert listed < 100  # two enforcement bodies in the cast
    client.force_login(world.cast.supervisor)
    html = client.get(f"/supervision/bulletins/{bulletin.pk}/").content.decode()
    assert "（100个单位）" not in html
    assert (f"末位约谈建议（{listed}个单位）" in html) if listed else ("末位约谈建议</h2>" in html)


def test_a_figure_without_value_reads_a_dash_without_its_unit(world, client):
    # No case file was reviewed in the quarter: the average score has no value — "—", not "—分".
    bulletin = _issue(world, year=2024, quarter=4, bottom_n=1)
    client.force_login(world.cast.supervisor)
    html = client.get(f"/supervision/bulletins/{bulletin.pk}/").content.decode()
    assert "案卷评查平均分：—</li>" in html and "—分" not in html


def test_the_quarter_select_reads_as_official_documents_write_it(world, client):
    client.force_login(world.cast.supervisor)

    html = client.get("/supervision/bulletins/").content.decode()

    select = html[html.index('name="quarter"') :].split("</select>")[0]
    for value, label in ((1, "第一季度"), (2, "第二季度"), (3, "第三季度"), (4, "第四季度")):
        assert re.search(f'<option value="{value}"( selected)?>{label}</option>', select)
    assert "第1季度" not in html
