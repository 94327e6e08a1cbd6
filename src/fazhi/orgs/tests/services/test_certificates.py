from datetime import date

import pytest

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import Conflict, DomainError
from fazhi.orgs import selectors, services
from fazhi.orgs.choices import CertificateEventKind, CertificateStatus
from fazhi.orgs.models import Certificate
from fazhi.orgs.tests.factories import EnforcementDomainFactory, OfficerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(cast):
    domain = EnforcementDomainFactory(code="SCJG", name="市场监管")
    cast.north.domains.add(domain)
    return domain


def issue(cast, market, number="QH-0001"):
    officer = OfficerFactory(unit=cast.north)
    return services.certificate_issue(
        actor=cast.unit_admin_north,
        officer=officer,
        number=number,
        issuer="青禾区人民政府",
        domains=[market],
        valid_from=date(2024, 1, 1),
        valid_to=date(2026, 12, 31),
    )


def test_issue_records_event_and_audit(cast, market) -> None:
    certificate = issue(cast, market)
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID
    assert list(certificate.events.values_list("kind", flat=True)) == [CertificateEventKind.ISSUED]
    event = AuditEvent.objects.get(event_type=AuditEventType.CERTIFICATE_ISSUED)
    assert event.actor == cast.unit_admin_north
    assert event.changes["domains"] == [None, ["SCJG"]]


def test_duplicate_number_is_409_and_nothing_written(cast, market) -> None:
    issue(cast, market)
    before = AuditEvent.objects.count()
    with pytest.raises(Conflict):
        issue(cast, market)
    assert Certificate.objects.count() == 1
    assert AuditEvent.objects.count() == before


def test_bad_range_is_refused(cast, market) -> None:
    with pytest.raises(DomainError) as error:
        services.certificate_issue(
            actor=None,
            officer=OfficerFactory(unit=cast.north),
            number="X1",
            issuer="某机关",
            domains=[market],
            valid_from=date(2025, 1, 1),
            valid_to=date(2024, 1, 1),
        )
    assert error.value.code == "certificate_bad_range"
    assert not Certificate.objects.exists()


def test_suspension_is_judged_on_the_date_of_the_act(cast, market) -> None:
    certificate = issue(cast, market)
    services.certificate_set_status(
        actor=cast.unit_admin_north,
        certificate=certificate,
        kind=CertificateEventKind.SUSPENDED,
        effective_on=date(2025, 3, 1),
        reason="违规使用执法证",
    )
    officer = certificate.officer
    assert selectors.officer_certificate_validity(officer=officer, on=date(2025, 2, 28)).ok
    verdict = selectors.officer_certificate_validity(officer=officer, on=date(2025, 3, 2))
    assert not verdict.ok and "暂扣" in verdict.reason
    assert AuditEvent.objects.filter(event_type=AuditEventType.CERTIFICATE_SUSPENDED).count() == 1


def test_revoked_certificate_cannot_be_reinstated(cast, market) -> None:
    certificate = issue(cast, market)
    services.certificate_set_status(
        actor=None,
        certificate=certificate,
        kind=CertificateEventKind.REVOKED,
        effective_on=date(2025, 1, 1),
        reason="调离执法岗位",
    )
    with pytest.raises(Conflict) as error:
        services.certificate_set_status(
            actor=None,
            certificate=certificate,
            kind=CertificateEventKind.REINSTATED,
            effective_on=date(2025, 2, 1),
            reason="恢复",
        )
    assert error.value.code == "certificate_transition_not_allowed"


def test_stale_status_loses_with_409(cast, market) -> None:
    certificate = issue(cast, market)
    stale = Certificate.objects.get(pk=certificate.pk)
    services.certificate_set_status(
        actor=None,
        certificate=certificate,
        kind=CertificateEventKind.SUSPENDED,
        effective_on=date(2025, 1, 1),
        reason="第一位操作人",
    )
    with pytest.raises(Conflict) as error:
        services.certificate_set_status(
            actor=None,
            certificate=stale,
            kind=CertificateEventKind.SUSPENDED,
            effective_on=date(2025, 1, 1),
            reason="第二位操作人",
        )
    assert error.value.code == "certificate_state_changed"
    assert Certificate.objects.get(pk=certificate.pk).events.count() == 2  # issued + one suspension


def test_change_of_domains_is_audited(cast, market) -> None:
    certificate = issue(cast, market)
    ecology = EnforcementDomainFactory(code="STHJ", name="生态环境")
    services.certificate_change(
        actor=None,
        certificate=certificate,
        effective_on=date(2025, 1, 1),
        reason="增加执法领域",
        domains=[market, ecology],
    )
    event = AuditEvent.objects.get(event_type=AuditEventType.CERTIFICATE_CHANGED)
    assert event.changes == {"domains": [["SCJG"], ["SCJG", "STHJ"]]}


def test_officer_without_certificate_is_not_certified(cast, market) -> None:
    verdict = selectors.officer_certificate_validity(officer=OfficerFactory(unit=cast.north), on=date(2025, 1, 1))
    assert not verdict.ok and "未持有" in verdict.reason


def test_many_officers_are_judged_in_a_fixed_number_of_queries(cast, market, django_assert_max_num_queries) -> None:
    certified = issue(cast, market, number="QH-0001").officer
    suspended_cert = issue(cast, market, number="QH-0002")
    services.certificate_set_status(
        actor=None, certificate=suspended_cert, kind=CertificateEventKind.SUSPENDED,
        effective_on=date(2025, 3, 1), reason="暂扣",
    )  # fmt: skip
    bare = OfficerFactory(unit=cast.north)
    officers = [certified, suspended_cert.officer, bare]
    one_by_one = {o.pk: selectors.officer_certificate_validity(officer=o, on=date(2025, 3, 2)) for o in officers}

    # The unit's domains, then the certificates with their domains and events: two for any number of officers.
    with django_assert_max_num_queries(2):
        together = selectors.officers_certificate_validity(officers=officers, on=date(2025, 3, 2), unit=cast.north)

    assert together == one_by_one
    assert [together[o.pk].ok for o in officers] == [True, False, False]
    assert "暂扣" in together[suspended_cert.officer.pk].reason and "未持有" in together[bare.pk].reason


def test_every_domain_and_every_event_of_a_certificate_counts(cast, market) -> None:
    # given: one certificate over two domains, suspended and reinstated (three events), and an
    # older one over a single domain; the certificates are read as one row per (domain, event) pair
    ecology = EnforcementDomainFactory(code="STHJ", name="生态环境")
    certificate = issue(cast, market, number="QH-0002")
    officer = certificate.officer
    services.certificate_change(
        actor=None, certificate=certificate, effective_on=date(2025, 1, 1), reason="增加执法领域",
        domains=[market, ecology],
    )  # fmt: skip
    for kind, on in (
        (CertificateEventKind.SUSPENDED, date(2025, 3, 1)),
        (CertificateEventKind.REINSTATED, date(2025, 4, 1)),
    ):
        certificate.refresh_from_db()
        services.certificate_set_status(actor=None, certificate=certificate, kind=kind, effective_on=on, reason="变动")
    services.certificate_issue(
        actor=None, officer=officer, number="QH-0001", issuer="青禾区人民政府", domains=[market],
        valid_from=date(2020, 1, 1), valid_to=date(2024, 12, 31),
    )  # fmt: skip
    ecology_unit = cast.south
    ecology_unit.domains.add(ecology)

    def verdict(on, unit):
        return selectors.officers_certificate_validity(officers=[officer], on=on, unit=unit)[officer.pk]

    # then: suspended in March whatever the unit, valid again from April, in either domain
    suspended = verdict(date(2025, 3, 15), cast.north)
    assert not suspended.ok
    assert "QH-0001" in suspended.reason and "暂扣" in suspended.reason  # both certificates were judged, in order
    assert suspended.reason.index("QH-0001") < suspended.reason.index("QH-0002")
    assert verdict(date(2025, 4, 2), cast.north).ok
    assert verdict(date(2025, 4, 2), ecology_unit).ok
    assert verdict(date(2024, 6, 1), ecology_unit).ok  # the newer certificate, issued 2024-01-01, covers 生态环境
    assert not verdict(date(2019, 6, 1), cast.north).ok


@pytest.mark.parametrize("valid_to", [date(9999, 12, 31), date(2045, 1, 2)])
def test_a_term_over_twenty_years_is_refused_as_a_data_error(cast, market, valid_to) -> None:
    with pytest.raises(DomainError) as error:
        services.certificate_issue(
            actor=None, officer=OfficerFactory(unit=cast.north), number="X9", issuer="某机关", domains=[market],
            valid_from=date(2025, 1, 1), valid_to=valid_to,
        )  # fmt: skip

    assert error.value.code == "certificate_bad_range" and "valid_to" in error.value.fields
    assert "数据核查" in error.value.message
    assert not Certificate.objects.exists() and not AuditEvent.objects.exists()


def test_a_twenty_year_term_is_accepted_and_a_change_past_it_is_refused(cast, market) -> None:
    certificate = services.certificate_issue(
        actor=None, officer=OfficerFactory(unit=cast.north), number="X10", issuer="某机关", domains=[market],
        valid_from=date(2025, 1, 1), valid_to=date(2045, 1, 1),
    )  # fmt: skip

    with pytest.raises(DomainError) as error:
        services.certificate_change(
            actor=None, certificate=certificate, effective_on=date(2025, 6, 1), reason="延期",
            valid_to=date(9999, 12, 31),
        )  # fmt: skip

    assert error.value.code == "certificate_bad_range"
    certificate.refresh_from_db()
    assert certificate.valid_to == date(2045, 1, 1)
