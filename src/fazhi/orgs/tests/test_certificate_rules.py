"""行政处罚法 Arts. 42 and 55: only a certificate valid on the day of the act, for the unit's domain, counts."""

from datetime import date

import pytest

from fazhi.core.errors import Conflict
from fazhi.orgs import rules
from fazhi.orgs.choices import CertificateEventKind as Kind
from fazhi.orgs.choices import CertificateStatus as Status

FACTS = rules.CertificateFacts(
    number="QH-0001",
    valid_from=date(2024, 1, 1),
    valid_to=date(2026, 12, 31),
    domain_codes=frozenset({"SCJG"}),
    events=(
        (date(2024, 1, 1), Kind.ISSUED),
        (date(2025, 3, 1), Kind.SUSPENDED),
        (date(2025, 4, 1), Kind.REINSTATED),
    ),
)


@pytest.mark.parametrize(
    ("_case", "on", "unit_domains", "ok", "fragment"),
    [
        ("valid day, matching domain", date(2024, 6, 1), {"SCJG"}, True, ""),
        ("before validity starts", date(2023, 12, 31), {"SCJG"}, False, "不在有效期内"),
        ("after validity ends", date(2027, 1, 1), {"SCJG"}, False, "不在有效期内"),
        ("while suspended (暂扣)", date(2025, 3, 15), {"SCJG"}, False, "暂扣"),
        ("after reinstatement", date(2025, 4, 1), {"SCJG"}, True, ""),
        ("other domain: 生态环境 unit", date(2024, 6, 1), {"STHJ"}, False, "领域"),
        ("unit without recorded domains accepts any", date(2024, 6, 1), set(), True, ""),
    ],
)
def test_certificate_validity_art_42(_case, on, unit_domains, ok, fragment) -> None:
    verdict = rules.certificate_validity(facts=FACTS, on=on, unit_domain_codes=frozenset(unit_domains))
    assert verdict.ok is ok
    assert fragment in verdict.reason


def test_revocation_is_final_even_if_later_events_exist() -> None:
    events = [(date(2024, 1, 1), Kind.ISSUED), (date(2024, 5, 1), Kind.REVOKED), (date(2024, 6, 1), Kind.REINSTATED)]
    assert rules.certificate_status_on(events=events, on=date(2024, 7, 1)) == Status.REVOKED


def test_status_before_issue_is_unusable() -> None:
    assert rules.certificate_status_on(events=[(date(2024, 1, 1), Kind.ISSUED)], on=date(2023, 1, 1)) == Status.REVOKED


@pytest.mark.parametrize(
    ("status", "kind", "allowed"),
    [
        (Status.VALID, Kind.SUSPENDED, True),
        (Status.VALID, Kind.REINSTATED, False),
        (Status.SUSPENDED, Kind.REINSTATED, True),
        (Status.SUSPENDED, Kind.CHANGED, False),
        (Status.REVOKED, Kind.REINSTATED, False),
        (Status.REVOKED, Kind.CHANGED, False),
    ],
)
def test_certificate_transitions(status, kind, allowed) -> None:
    if allowed:
        rules.require_certificate_transition(status=status, kind=kind)
    else:
        with pytest.raises(Conflict):
            rules.require_certificate_transition(status=status, kind=kind)


SUSPENDED_MARKET = rules.HeldCertificate("QH-0001", Status.SUSPENDED, (("SCJG", "市场监管"), ("JT", "交通运输")))
VALID_MARKET = rules.HeldCertificate("Q2", Status.VALID, (("SCJG", "市场监管"),))
REVOKED_MARKET = rules.HeldCertificate("Q3", Status.REVOKED, (("SCJG", "市场监管"),))


@pytest.mark.parametrize(
    ("_case", "wanted", "held", "refused"),
    [
        ("暂扣 in the same domain blocks", {"SCJG"}, [SUSPENDED_MARKET], True),
        ("one overlapping domain is enough", {"STHJ", "JT"}, [SUSPENDED_MARKET], True),
        ("another domain is free", {"STHJ"}, [SUSPENDED_MARKET], False),
        ("a valid certificate blocks nothing", {"SCJG"}, [VALID_MARKET], False),
        ("注销 ends the block", {"SCJG"}, [REVOKED_MARKET], False),
        ("nothing held", {"SCJG"}, [], False),
    ],
)  # fmt: skip
def test_a_suspended_certificate_blocks_its_domains(_case, wanted, held, refused) -> None:
    if not refused:
        rules.require_no_blocked_certificate_in_domains(domain_codes=wanted, held=held)
        return
    with pytest.raises(Conflict) as error:
        rules.require_no_blocked_certificate_in_domains(domain_codes=wanted, held=held)
    assert error.value.code == "certificate_domain_suspended" and "QH-0001" in error.value.message


def test_an_implausible_term_is_reported_with_chinese_dates():
    message = rules.certificate_term_error(valid_from=date(2024, 1, 1), valid_to=date(9999, 12, 31))

    assert message == (
        "有效期超过20年（2024年1月1日至9999年12月31日），"
        "请核对有效期止（数据核查：执法证应定期换证，有效期止最晚为2044年1月1日）。"
    )


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("supervisor", True),
        ("unit_admin", False),
        ("system_admin", False),
        ("officer", False),
        ("legal_reviewer", False),
    ],
)
def test_only_the_judicial_administrations_supervisors_keep_the_certificate_registry(role, allowed):
    assert rules.may_administer_certificates(role=role) is allowed
