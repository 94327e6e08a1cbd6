"""The 持证在岗 spans the services maintain equal a recount from scratch after every kind of change.

Supervision counts 执法人员总数 and 参与执法人数 from OfficerDutySpan/UnitDutySpan instead of every
certificate of a province, so the spans must follow each change: issue, change of validity,
suspension, reinstatement, revocation, off duty and back, the officers import, and a rebuild of
certificates written around the services.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from fazhi.orgs import rules, services
from fazhi.orgs.choices import CertificateEventKind
from fazhi.orgs.models import Certificate, Officer, OfficerDutySpan, UnitDutySpan
from fazhi.orgs.tests.factories import EnforcementDomainFactory, OfficerFactory

pytestmark = pytest.mark.django_db

DAYS = [date(2023, 12, 31), date(2024, 1, 1), date(2025, 3, 15), date(2025, 4, 1), date(2026, 12, 31), date(2027, 1, 1)]


def _span_key(span: tuple) -> tuple:
    starts_on, ends_on, counted = span
    return (starts_on or date.min, ends_on or date.max, counted)


def _recount() -> tuple[dict[int, list[tuple]], dict[tuple, int]]:
    """Every officer's spans and every unit's counts, computed from scratch from the certificates."""
    spans: dict[int, list[tuple]] = {}
    units: Counter[tuple] = Counter()
    for officer in Officer.objects.all():
        held = [
            (
                c.valid_from,
                c.valid_to,
                list(c.events.order_by("effective_on", "pk").values_list("effective_on", "kind")),
            )
            for c in Certificate.objects.filter(officer=officer)
        ]
        if not held:
            continue
        cut = rules.officer_duty_spans(on_duty=officer.is_active, certificates=held)
        spans[officer.pk] = sorted(((s.starts_on, s.ends_on, s.counted) for s in cut), key=_span_key)
        for s in cut:
            if s.counted:
                units[(officer.unit_id, s.starts_on, s.ends_on)] += 1
    return spans, dict(units)


def _stored() -> tuple[dict[int, list[tuple]], dict[tuple, int]]:
    spans: dict[int, list[tuple]] = defaultdict(list)
    for officer_id, starts_on, ends_on, counted in OfficerDutySpan.objects.values_list(
        "officer_id", "starts_on", "ends_on", "counted"
    ):
        spans[officer_id].append((starts_on, ends_on, counted))
    units = {
        (unit_id, starts_on, ends_on): n
        for unit_id, starts_on, ends_on, n in UnitDutySpan.objects.values_list(
            "unit_id", "starts_on", "ends_on", "officers"
        )
    }
    return {k: sorted(v, key=_span_key) for k, v in spans.items()}, units


def _counted_per_unit_on(day: date) -> dict[int, int]:
    """Officers counted per unit on `day`, straight from the certificates (no spans involved)."""
    result: Counter[int] = Counter()
    for officer in Officer.objects.filter(is_active=True):
        if any(
            rules.certificate_counts_on(
                valid_from=c.valid_from, valid_to=c.valid_to, on=day,
                events=list(c.events.order_by("effective_on", "pk").values_list("effective_on", "kind")),
            )
            for c in Certificate.objects.filter(officer=officer)
        ):  # fmt: skip
            result[officer.unit_id] += 1
    return dict(result)


def _assert_maintained() -> None:
    assert _stored() == _recount()
    for day in DAYS:
        from_units = Counter()
        for unit_id, starts_on, ends_on, n in UnitDutySpan.objects.values_list(
            "unit_id", "starts_on", "ends_on", "officers"
        ):
            if starts_on <= day <= ends_on:
                from_units[unit_id] += n
        assert dict(from_units) == _counted_per_unit_on(day), day


@pytest.fixture
def market(cast):
    domain = EnforcementDomainFactory(code="SCJG", name="市场监管")
    cast.north.domains.add(domain)
    return domain


def _issue(officer, market, number, valid_from=date(2024, 1, 1), valid_to=date(2026, 12, 31)):
    return services.certificate_issue(
        actor=None, officer=officer, number=number, issuer="测试区人民政府", domains=[market],
        valid_from=valid_from, valid_to=valid_to,
    )  # fmt: skip


def test_issue_change_and_a_second_certificate(cast, market) -> None:
    first = OfficerFactory(unit=cast.north)
    second = OfficerFactory(unit=cast.north)

    certificate = _issue(first, market, "N-1")
    _assert_maintained()
    _issue(second, market, "N-2", valid_from=date(2025, 1, 1))
    _assert_maintained()
    services.certificate_change(
        actor=None, certificate=certificate, effective_on=date(2025, 1, 1), reason="延期", valid_to=date(2027, 6, 30)
    )
    _assert_maintained()
    _issue(first, market, "N-3", valid_from=date(2027, 7, 1), valid_to=date(2029, 12, 31))  # renewal, adjacent
    _assert_maintained()

    assert OfficerDutySpan.objects.filter(officer=first, counted=True).count() == 1  # merged into one stretch


def test_suspend_reinstate_and_revoke(cast, market) -> None:
    certificate = _issue(OfficerFactory(unit=cast.north), market, "N-1")
    _issue(OfficerFactory(unit=cast.north), market, "N-2")

    for kind, effective_on in (
        (CertificateEventKind.SUSPENDED, date(2025, 3, 1)),
        (CertificateEventKind.REINSTATED, date(2025, 4, 1)),
        (CertificateEventKind.REVOKED, date(2025, 6, 1)),
    ):
        certificate = services.certificate_set_status(
            actor=None, certificate=certificate, kind=kind, effective_on=effective_on, reason="测试"
        )
        _assert_maintained()

    assert UnitDutySpan.objects.filter(unit_id=cast.north.pk, starts_on__lte=date(2025, 3, 15),
                                       ends_on__gte=date(2025, 3, 15)).get().officers == 1  # fmt: skip


def test_off_duty_and_back(cast, market) -> None:
    officer = OfficerFactory(unit=cast.north)
    _issue(officer, market, "N-1")
    _issue(OfficerFactory(unit=cast.south), market, "S-1")

    officer = services.officer_set_active(actor=None, officer=officer, is_active=False, reason="调离")
    _assert_maintained()
    assert not UnitDutySpan.objects.filter(unit_id=cast.north.pk).exists()  # a row falling to zero goes

    services.officer_set_active(actor=None, officer=officer, is_active=True, reason="返岗")
    _assert_maintained()


def _csv(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["执法证号", "姓名", "所属单位编码", "执法领域", "证件有效期起", "证件有效期止"])
    writer.writerows(rows)
    path.write_bytes(("\ufeff" + buffer.getvalue()).encode())
    return path


def test_the_officers_import_creates_and_updates_through_the_services(cast, market, tmp_path) -> None:
    rows = [["N0001", "王一", "NORTH", "市场监管", "2024-01-01", "2026-12-31"],
            ["N0002", "李二", "NORTH", "市场监管", "2024-01-01", "2025-06-30"]]  # fmt: skip
    call_command("import", "officers", str(_csv(tmp_path / "a.csv", rows)), stdout=io.StringIO())
    _assert_maintained()

    rows[1][5] = "2027-06-30"
    call_command("import", "officers", str(_csv(tmp_path / "b.csv", rows)), stdout=io.StringIO())
    _assert_maintained()
    assert len(_stored()[0]) == 2


def test_rebuild_after_certificates_written_around_the_services(cast, market) -> None:
    # given: certificates created directly (as a bulk set-up does), and one through the services
    _issue(OfficerFactory(unit=cast.north), market, "N-1")
    for number in ("B-1", "B-2"):
        Certificate.objects.create(
            officer=OfficerFactory(unit=cast.south), number=number, issuer="测试区人民政府",
            valid_from=date(2024, 1, 1), valid_to=date(2025, 12, 31),
        )  # fmt: skip
    assert _stored() != _recount()

    # when
    out = io.StringIO()
    call_command("duty_spans_rebuild", stdout=out)

    # then
    _assert_maintained()
    assert "3名" in out.getvalue()
    services.officer_duty_rebuild()  # idempotent
    _assert_maintained()
