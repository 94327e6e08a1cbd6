"""执法人员总数 and 参与执法人数 of a whole quarter or month come from the orgs 持证在岗 spans; they equal
the general path (every certificate, events replayed) and the drill-down rows, whatever happened
to the certificates: suspension, reinstatement, revocation, expiry mid-quarter, off duty."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.utils import timezone

from fazhi.orgs import services as org_services
from fazhi.orgs.choices import CertificateEventKind
from fazhi.orgs.models import Certificate, Officer, OfficerDutySpan, OrgUnit
from fazhi.supervision import selectors, services
from fazhi.supervision.tests.helpers import (
    RECORD_HEADERS,
    add_officers,
    run_import,
    small_district,
    take_the_general_path,
    write_csv,
)

pytestmark = pytest.mark.django_db

PERIODS = [
    (date(2024, 1, 1), date(2024, 3, 31)),  # a quarter
    (date(2024, 2, 1), date(2024, 2, 29)),  # a month
    (date(2024, 4, 1), date(2024, 6, 30)),  # a quarter with nothing recorded
]


@pytest.fixture
def district(tmp_path):
    """Two units; officers named on records in Q1 2024, then their certificates change."""
    small_district(tmp_path)
    north = add_officers(tmp_path, "SCJ1", 8, prefix="N")
    south = add_officers(tmp_path, "SCJ2", 3, prefix="S")
    rows = [
        [f"R{i:03d}", "行政检查", "SCJ1" if number.startswith("N") else "SCJ2", "", number, f"2024-0{1 + i % 3}-10",
         f"2024-0{1 + i % 3}-11"]
        for i, number in enumerate(north[:6] + south[:2])
    ]  # fmt: skip
    run_import("records", write_csv(tmp_path / "records.csv", RECORD_HEADERS, rows))
    services.rollups_merge_pending()  # as every reader of the figures does first

    def status(number: str, kind: str, on: date) -> None:
        org_services.certificate_set_status(
            actor=None, certificate=Certificate.objects.get(number=number), kind=kind, effective_on=on, reason="测试"
        )

    status(north[0], CertificateEventKind.SUSPENDED, date(2024, 3, 1))  # suspended at the quarter's end
    status(north[1], CertificateEventKind.SUSPENDED, date(2024, 2, 1))
    status(north[1], CertificateEventKind.REINSTATED, date(2024, 3, 15))  # back by the end
    status(north[2], CertificateEventKind.REVOKED, date(2024, 2, 20))
    org_services.certificate_change(
        actor=None, certificate=Certificate.objects.get(number=north[3]), effective_on=date(2024, 1, 1),
        reason="到期", valid_to=date(2024, 3, 20),
    )  # fmt: skip
    officer = Certificate.objects.get(number=north[4]).officer
    org_services.officer_set_active(actor=None, officer=officer, is_active=False, reason="调离")
    status(north[6], CertificateEventKind.SUSPENDED, date(2024, 1, 5))  # never named, suspended
    return OrgUnit.objects.get(code="TJ")


def _general(monkeypatch, **kwargs):
    with monkeypatch.context() as patched:
        take_the_general_path(patched)
        return selectors.unit_measures(**kwargs)


@pytest.mark.parametrize("period", PERIODS)
def test_the_spans_path_counts_like_the_general_path_and_the_drill_down(district, monkeypatch, period):
    units = list(OrgUnit.objects.values_list("pk", flat=True))
    start, end = period

    fast = selectors.unit_measures(units=units, start=start, end=end)
    general = _general(monkeypatch, units=units, start=start, end=end)

    assert fast == general
    certified = selectors.certified_officers(units=units, on=end)
    participating = selectors.participating_officers(units=units, start=start, end=end, as_of_day=None)
    assert sum(row["officers_total"] for row in fast.values()) == len(certified)
    assert sum(row["officers_participating"] for row in fast.values()) == len(participating & set(certified))


def test_q1_figures_name_who_counts(district):
    unit = OrgUnit.objects.get(code="SCJ1")

    report = selectors.indicator_report(unit=unit, start=date(2024, 1, 1), end=date(2024, 3, 31), breakdown=False)

    measures = report.total.measures
    # 8 officers: suspended (N0), revoked (N2), expired on 20 March (N3), off duty (N4), suspended (N6) leave;
    # N1 is back from its suspension. Named in Q1: N0–N5, of whom N1 and N5 still count.
    assert measures["officers_total"] == 3  # N1, N5, N7
    assert measures["officers_participating"] == 2  # N1, N5


def test_a_cut_off_inside_the_quarter_counts_on_that_day(district, monkeypatch):
    # 18 March: after the last entry (11 March), so no late record; N3's certificate (to 20 March) counts
    units = list(OrgUnit.objects.values_list("pk", flat=True))
    kwargs = {"units": units, "start": date(2024, 1, 1), "end": date(2024, 3, 31)}
    as_of = timezone.make_aware(datetime(2024, 3, 18, 18, 0))

    at_cut_off = selectors.unit_measures(**kwargs, as_of=as_of)

    assert at_cut_off == _general(monkeypatch, **kwargs, as_of=as_of)
    total = sum(row["officers_total"] for row in at_cut_off.values())
    assert total == len(selectors.certified_officers(units=units, on=date(2024, 3, 18))) == 7
    assert sum(row["officers_total"] for row in selectors.unit_measures(**kwargs).values()) == 6


def test_without_spans_the_quarter_falls_back_to_the_certificates(district, monkeypatch):
    # given: a database whose spans were never built (e.g. before `duty_spans_rebuild`)
    units = list(OrgUnit.objects.values_list("pk", flat=True))
    expected = selectors.unit_measures(units=units, start=date(2024, 1, 1), end=date(2024, 3, 31))
    OfficerDutySpan.objects.all().delete()

    # when / then: the same figures, from the certificates
    assert selectors.unit_measures(units=units, start=date(2024, 1, 1), end=date(2024, 3, 31)) == expected
    assert Officer.objects.count() == 11
