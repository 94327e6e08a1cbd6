"""A snapshot recomputed at its own cut-off gives back its published figures (QA #1), the snapshot page
honours ?as_of= and names its units, and a region's empty own block is not listed (QA #10) — on the
TEDA district of the import commands."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fazhi.orgs.choices import Role
from fazhi.orgs.models import Certificate, OrgUnit
from fazhi.orgs.tests.factories import RoleAssignmentFactory, UserFactory
from fazhi.powers.models import PowerItem
from fazhi.supervision import selectors, services
from fazhi.supervision.choices import RecordSource
from fazhi.supervision.models import EnforcementRecord
from fazhi.supervision.tests.helpers import RECORD_HEADERS, run_import, write_csv

pytestmark = pytest.mark.django_db
YEAR = (date(2024, 1, 1), date(2024, 12, 31))


@pytest.fixture
def supervisor(tianjin):
    user = UserFactory(username="sup_cut_off")
    RoleAssignmentFactory(user=user, role=Role.SUPERVISOR, unit=OrgUnit.objects.get(code="TJ"))
    return user


def _publish(supervisor, code: str = "SCJ1"):
    start, end = YEAR
    return services.snapshot_publish(actor=supervisor, unit=OrgUnit.objects.get(code=code), start=start, end=end)


def _import(tmp_path, tianjin, row_key: str, occurred: str, entered: str) -> None:
    row = [row_key, "行政检查", "SCJ1", tianjin.items[700], tianjin.officers[270], occurred, entered]
    run_import("records", write_csv(tmp_path / f"{row_key}.csv", RECORD_HEADERS, [row]))
    services.rollups_merge_pending()  # as every reader of the figures does first


def _changes(diff) -> dict:
    return {(d.unit_code, d.indicator): (d.published, d.recomputed) for d in diff.differences}


def test_a_record_imported_after_the_cut_off_with_a_past_entry_date_does_not_count_at_the_cut_off(
    tianjin, supervisor, tmp_path
):
    snapshot = _publish(supervisor)

    # QA #1: dated and entered in August, well before the cut-off, but it reaches Fazhi after it
    _import(tmp_path, tianjin, "QA1-LATE", "2024-08-10", "2024-08-12")

    assert selectors.snapshot_diff(snapshot=snapshot, as_of=snapshot.as_of).differences == []
    now = _changes(selectors.snapshot_diff(snapshot=snapshot))
    assert now[("*", "records_total")] == ("1273", "1274")  # today's figures do count it


def test_decisions_and_publications_of_a_record_created_after_the_cut_off_leave_the_as_of_figures(tianjin, supervisor):
    unit = OrgUnit.objects.get(code="SCJ1")
    certificate = Certificate.objects.select_related("officer").get(number=tianjin.officers[10])
    item = PowerItem.objects.get(code=tianjin.items[10])
    snapshot = _publish(supervisor)

    services.records_write(
        source=RecordSource.IMPORTED,
        rows=[
            services.RecordInput(
                key="LATE-CASE", record_type="penalty", unit_id=unit.pk, occurred_on=date(2024, 5, 6),
                entered_on=date(2024, 5, 6), officers=((certificate.officer_id, certificate.officer.unit_id),),
                power_item_id=item.pk, decided_on=date(2024, 6, 3), decision_due=date(2024, 6, 1),
                published_on=date(2024, 6, 20), published_late=True, publish_due=date(2024, 6, 12),
            )
        ],
    )  # fmt: skip

    assert selectors.snapshot_diff(snapshot=snapshot, as_of=snapshot.as_of).differences == []
    now = _changes(selectors.snapshot_diff(snapshot=snapshot))
    assert ("*", "records_total") in now  # the record itself …
    assert {indicator for unit_code, indicator in now if unit_code == "*"} & {
        "decision_timeliness",
        "publication_timeliness",
    }  # … and its decision and publication move today's figures


def test_a_record_changed_after_the_cut_off_shows_in_the_diff_at_the_cut_off(tianjin, supervisor, tmp_path):
    key = EnforcementRecord.objects.filter(unit__code="SCJ1", occurred_on__year=2024).order_by("key").first().key
    snapshot = _publish(supervisor)

    # the source moves the record out of the period after the cut-off: its old values are not kept
    _import(tmp_path, tianjin, key, "2023-12-01", "2023-12-02")

    diff = selectors.snapshot_diff(snapshot=snapshot, as_of=snapshot.as_of)
    assert diff.changed_after_cut_off == 1
    assert _changes(diff)[("*", "records_total")] == ("1273", "1272")
    assert selectors.snapshot_diff(snapshot=snapshot).changed_after_cut_off == 0  # now: nothing after


def test_the_snapshot_page_recomputes_at_as_of_and_names_its_units(tianjin, supervisor, tmp_path):
    snapshot = _publish(supervisor)
    _import(tmp_path, tianjin, "QA1-PAGE", "2024-08-10", "2024-08-12")
    client = Client()
    client.force_login(supervisor)
    url = reverse("supervision:snapshot", kwargs={"snapshot_id": snapshot.pk})

    at_cut_off = client.get(url, {"diff": "1", "as_of": timezone.localtime(snapshot.as_of).isoformat()})
    now = client.get(url, {"diff": "1"})

    assert at_cut_off.status_code == 200
    assert "与已发布的数字一致" in at_cut_off.content.decode()
    table = now.content.decode().split('data-testid="diff-table"')[1].split("</table>")[0]
    assert "<td>第一市场监管所（合计）</td>" in table
    assert "<td>第一市场监管所（本级） " in table  # the unit's own figures, with its code beside
    assert "<td>合计</td>" not in table and "<td>SCJ1</td>" not in table


def test_the_snapshot_page_refuses_a_bad_as_of_with_400(tianjin, supervisor):
    snapshot = _publish(supervisor)
    client = Client()
    client.force_login(supervisor)
    url = reverse("supervision:snapshot", kwargs={"snapshot_id": snapshot.pk})

    page = client.get(url, {"diff": "1", "as_of": "2024-02-30T10:00"})

    assert page.status_code == 400
    assert "supervision.bad_as_of" in page.content.decode()


def test_a_region_without_figures_of_its_own_is_not_listed_beside_its_total(tianjin, supervisor):
    region = OrgUnit.objects.get(code="TJ")
    report = selectors.indicator_report(unit=region, start=YEAR[0], end=YEAR[1])
    snapshot = _publish(supervisor, code="TJ")

    assert "TJ" not in {row.unit.code for row in report.rows}
    assert "TJ" not in snapshot.payload["figures"]
    assert "SCJ1" in snapshot.payload["figures"]
    assert report.own is not None and not any(report.own.measures.values())


def test_a_snapshot_that_published_the_empty_block_still_compares_equal(tianjin, supervisor):
    snapshot = _publish(supervisor, code="TJ")
    report = selectors.indicator_report(unit=snapshot.unit, start=YEAR[0], end=YEAR[1])
    # published before the fix: the region's own block of zeros
    snapshot.payload["figures"]["TJ"] = {v.code: v.as_dict() for v in report.own.values}
    snapshot.save(update_fields=["payload"])

    assert selectors.snapshot_diff(snapshot=snapshot).differences == []
