"""Test data for enforcement: a staffed world on top of the named cast, and helpers that drive cases.

Domain rows are created through the services (the code under test) wherever a state is reached
by a legal path; factories only create what no rule guards (units, officers, certificates).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from fazhi.enforcement import services
from fazhi.enforcement.choices import (
    EvidenceStage,
    EvidenceType,
    InspectionOrigin,
    InspectionOutcome,
    PartyKind,
    PenaltyType,
)
from fazhi.enforcement.models import Inspection, PenaltyCase
from fazhi.orgs import services as org_services
from fazhi.orgs.choices import Role
from fazhi.orgs.models import Officer, User
from fazhi.orgs.tests.factories import EnforcementDomainFactory, OfficerFactory, PersonFactory, RoleAssignmentFactory

if TYPE_CHECKING:
    from conftest import Cast

USCC = "91350100M000100Y43"  # valid GB 32100 check digit
CITIZEN_ID = "11010519491231002X"  # valid GB 11643 check digit
BAD_USCC = "91350100M000100Y44"
EVIDENCE_PDF = b"%PDF-1.7\n" + b"factory evidence " * 12


@dataclass
class World:
    cast: Cast
    officer_a: Officer  # inspector_north's own post, certified for 市场监管
    officer_b: Officer  # certified
    officer_c: Officer  # certified
    uncertified: Officer  # no certificate
    expired: Officer  # certificate expired at the end of 2025
    south_officer: Officer
    reviewer: User  # reviewer_north (has the legal qualification)
    unqualified_reviewer: User


def _certify(officer: Officer, domain: Any, number: str, valid_to: date = date(2028, 12, 31)) -> None:
    org_services.certificate_issue(
        actor=None, officer=officer, number=number, issuer="测试区人民政府", domains=[domain],
        valid_from=date(2024, 1, 1), valid_to=valid_to,
    )  # fmt: skip


def build_world(cast: Cast) -> World:
    scjg = EnforcementDomainFactory(code="SCJG", name="市场监管")
    csgl = EnforcementDomainFactory(code="CSGL", name="城市管理")
    cast.north.domains.add(scjg)
    cast.south.domains.add(csgl)
    officer_a = OfficerFactory(unit=cast.north, person=cast.inspector_north.person)
    officer_b = OfficerFactory(unit=cast.north)
    officer_c = OfficerFactory(unit=cast.north)
    uncertified = OfficerFactory(unit=cast.north)
    expired = OfficerFactory(unit=cast.north)
    south_officer = OfficerFactory(unit=cast.south, person=cast.inspector_south.person)
    for index, officer in enumerate((officer_a, officer_b, officer_c), start=1):
        _certify(officer, scjg, f"N-{index}")
    _certify(expired, scjg, "N-OLD", valid_to=date(2025, 12, 31))
    _certify(south_officer, csgl, "S-1")
    unqualified = User.objects.create_user(username="reviewer_unqualified", person=PersonFactory(), password=None)
    RoleAssignmentFactory(user=unqualified, role=Role.LEGAL_REVIEWER, unit=cast.north)
    return World(cast, officer_a, officer_b, officer_c, uncertified, expired, south_officer, cast.reviewer_north,
                 unqualified)  # fmt: skip


def record_inspection(world: World, **overrides: Any) -> Inspection:
    values: dict[str, Any] = {
        "actor": world.cast.inspector_north,
        "unit": world.cast.north,
        "party_kind": PartyKind.ORGANISATION,
        "party_name": "青禾示范商贸有限公司",
        "party_code": USCC,
        "occurred_on": date(2026, 3, 2),
        "officer_ids": [world.officer_a.pk, world.officer_b.pk],
        "outcome": InspectionOutcome.COMPLIANT,
        "origin": InspectionOrigin.RANDOM,
    }
    values.update(overrides)
    return services.inspection_record(**values)


def open_case(world: World, **overrides: Any) -> PenaltyCase:
    values: dict[str, Any] = {
        "actor": world.cast.inspector_north,
        "unit": world.cast.north,
        "cause": "销售过期食品",
        "party_kind": PartyKind.ORGANISATION,
        "party_name": "青禾示范商贸有限公司",
        "party_code": USCC,
        "party_address": "测试区示范路1号",
        "violation_ended_on": date(2026, 2, 20),
        "discovered_on": date(2026, 3, 2),
        "filed_on": date(2026, 3, 3),
        "officer_ids": [world.officer_a.pk, world.officer_b.pk],
        "facts": "当事人于2026年2月20日销售超过保质期的食品。",
    }
    values.update(overrides)
    return services.case_open(**values)


def investigate(world: World, case: PenaltyCase, on: date = date(2026, 3, 4), evidence: bool = True) -> PenaltyCase:
    """Start the investigation and, unless `evidence` is False, register its 现场笔录 (no decision without
    evidence, Art. 40)."""
    case = services.case_investigation_start(actor=world.cast.inspector_north, case=case, on=on)
    if evidence:
        add_evidence(world, case, on=on)
    return case


def notify(world: World, case: PenaltyCase, **overrides: Any) -> PenaltyCase:
    values: dict[str, Any] = {
        "actor": world.cast.inspector_north,
        "case": case,
        "notified_on": date(2026, 3, 16),
        "facts": case.facts or "违法事实",
        "grounds": "违反食品安全法第三十四条",
        "legal_basis": "《中华人民共和国食品安全法》第一百二十四条",
        "penalty_types": [PenaltyType.FINE],
        "fine": Decimal("5000"),
    }
    values.update(overrides)
    return services.case_notify(**values)


def add_evidence(world: World, case: PenaltyCase, *, on: date | None = None, title: str = "现场检查笔录") -> None:
    """Register one 现场笔录 on the case (the same small PDF each time: the store keeps one blob)."""
    services.evidence_add(
        actor=world.cast.inspector_north, stream=io.BytesIO(EVIDENCE_PDF),
        original_name=f"{title}.pdf", content_type="application/pdf", evidence_type=EvidenceType.RECORD,
        stage=EvidenceStage.INVESTIGATION, title=title, collected_on=on or case.filed_on, case=case,
    )  # fmt: skip


def decide(world: World, case: PenaltyCase, **overrides: Any) -> PenaltyCase:
    values: dict[str, Any] = {
        "actor": world.cast.inspector_north,
        "case": case,
        "decided_on": date(2026, 3, 30),
        "decision_number": "测市监罚〔2026〕1号",
        "penalty_types": [PenaltyType.FINE],
        "fine_amount": Decimal("5000"),
        "legal_basis": "《中华人民共和国食品安全法》第一百二十四条",
        "performance_terms": "自收到本决定书之日起十五日内缴纳",
        "remedies": "六十日内申请行政复议或者六个月内提起行政诉讼",
    }
    values.update(overrides)
    return services.case_decide(**values)


def decided_case(world: World, **overrides: Any) -> PenaltyCase:
    """An ordinary case with a 5000 元 fine to an organisation (below the hearing threshold), decided.

    The notice proposes the penalty decided (given kinds, fine, confiscation): a decision may not be
    heavier than the one notified (行政处罚法 Art. 44, 62).
    """
    proposed = {"penalty_types": "penalty_types", "fine_amount": "fine", "confiscation_value": "confiscation_value"}
    notice = {name: overrides[key] for key, name in proposed.items() if key in overrides}
    case = notify(world, investigate(world, open_case(world)), **notice)
    return decide(world, case, **overrides)
