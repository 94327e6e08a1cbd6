"""A 暂扣 certificate blocks its domains: no new certificate (or added domain) until 恢复 or 注销."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import Conflict
from fazhi.orgs import selectors, services
from fazhi.orgs.choices import CertificateEventKind
from fazhi.orgs.models import Certificate, OfficerDutySpan
from fazhi.orgs.tests.factories import EnforcementDomainFactory, OfficerFactory

pytestmark = pytest.mark.django_db

ACT_DAY = date(2025, 6, 1)


@pytest.fixture
def market(cast):
    domain = EnforcementDomainFactory(code="SCJG", name="市场监管")
    cast.north.domains.add(domain)
    return domain


@pytest.fixture
def ecology():
    return EnforcementDomainFactory(code="STHJ", name="生态环境")


def _issue(officer, number, domains):
    return services.certificate_issue(
        actor=None, officer=officer, number=number, issuer="青禾区人民政府", domains=domains,
        valid_from=date(2024, 1, 1), valid_to=date(2026, 12, 31),
    )  # fmt: skip


def _set(certificate, kind):
    certificate.refresh_from_db()
    return services.certificate_set_status(
        actor=None, certificate=certificate, kind=kind, effective_on=date(2025, 3, 1), reason="违规使用执法证"
    )


@pytest.fixture
def suspended(cast, market):
    """QH-0001 (市场监管) of an officer of 北区, suspended from 2025-03-01."""
    certificate = _issue(OfficerFactory(unit=cast.north), "QH-0001", [market])
    return _set(certificate, CertificateEventKind.SUSPENDED)


def _written():
    return Certificate.objects.count(), AuditEvent.objects.count(), list(OfficerDutySpan.objects.values_list())


def test_a_new_certificate_in_the_suspended_domain_is_refused_and_nothing_is_written(suspended, market):
    # Given an officer whose 市场监管 certificate is suspended (not certified on the act day)
    officer = suspended.officer
    assert not selectors.officer_certificate_validity(officer=officer, on=ACT_DAY).ok
    before = _written()

    # When a new 市场监管 certificate is issued to them
    with pytest.raises(Conflict) as error:
        _issue(officer, "QH-0002", [market])

    # Then it is refused (409, naming the suspended certificate), nothing is written and the
    # officer is still not back in service
    assert error.value.status_code == 409 and error.value.code == "certificate_domain_suspended"
    assert "QH-0001" in error.value.message and "暂扣" in error.value.message and "市场监管" in error.value.message
    assert _written() == before
    assert not selectors.officer_certificate_validity(officer=officer, on=ACT_DAY).ok


def test_the_same_person_on_another_post_is_refused_too(cast, suspended, market):
    other_post = OfficerFactory(unit=cast.south, person=suspended.officer.person)
    with pytest.raises(Conflict) as error:
        _issue(other_post, "QH-0002", [market])
    assert error.value.code == "certificate_domain_suspended"


def test_a_certificate_in_another_domain_is_issued(suspended, ecology):
    certificate = _issue(suspended.officer, "QH-0002", [ecology])
    assert certificate.pk and AuditEvent.objects.filter(event_type=AuditEventType.CERTIFICATE_ISSUED).count() == 2


def test_adding_the_suspended_domain_to_another_certificate_is_refused(suspended, market, ecology):
    other = _issue(suspended.officer, "QH-0002", [ecology])
    before = AuditEvent.objects.count()

    with pytest.raises(Conflict) as error:
        services.certificate_change(
            actor=None, certificate=other, effective_on=date(2025, 4, 1), reason="增加执法领域",
            domains=[ecology, market],
        )  # fmt: skip

    assert error.value.code == "certificate_domain_suspended"
    assert sorted(other.domains.values_list("code", flat=True)) == ["STHJ"]
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("kind", [CertificateEventKind.REINSTATED, CertificateEventKind.REVOKED])
def test_once_restored_or_cancelled_a_new_certificate_may_be_issued(suspended, market, kind):
    _set(suspended, kind)
    assert _issue(suspended.officer, "QH-0002", [market]).number == "QH-0002"


def test_the_api_answers_409_with_the_code(cast, suspended):
    client = APIClient()
    client.force_authenticate(cast.supervisor)
    response = client.post(
        "/api/v1/orgs/certificates/",
        {
            "officer_id": suspended.officer_id, "number": "QH-0002", "issuer": "青禾区人民政府", "domains": ["SCJG"],
            "valid_from": "2025-04-01", "valid_to": "2026-12-31",
        },
        format="json",
    )  # fmt: skip
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "certificate_domain_suspended"
    assert not Certificate.objects.filter(number="QH-0002").exists()


def test_the_reasons_of_several_certificates_read_as_one_sentence(suspended, ecology):
    # Given the officer also holds a 生态环境 certificate, which does not fit 北区 (市场监管)
    _issue(suspended.officer, "QH-0002", [ecology])

    reason = selectors.officer_certificate_validity(officer=suspended.officer, on=ACT_DAY).reason

    # Then both reasons are joined by "；" without the first one's "。" in front, and dates read in Chinese
    assert reason == (
        f"{suspended.officer.person.name}：执法证QH-0001在2025年6月1日处于暂扣状态；"
        "执法证QH-0002的执法领域与执法单位的领域不符。"
    )
    assert "。；" not in reason
