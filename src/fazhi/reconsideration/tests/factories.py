"""Test data for reconsideration: cases driven through the services (the code under test).

Dates default to early 2026 (calendar data exists for 2026); `today` is pinned with time_machine by
the tests that need the registration's "not in the future" check to pass for those dates.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from fazhi.reconsideration import services
from fazhi.reconsideration.choices import ApplicantKind, Category, Channel, Outcome, Procedure
from fazhi.reconsideration.models import ReconsiderationCase

if TYPE_CHECKING:
    from conftest import Cast

CITIZEN_ID = "11010519491231002X"  # valid GB 11643 check digit
USCC = "91350100M000100Y43"  # valid GB 32100 check digit

BASE = services.ApplicationData(
    channel=Channel.IN_PERSON,
    received_on=date(2026, 3, 2),
    applicant_kind=ApplicantKind.PERSON,
    applicant_name="张三",
    applicant_id_number=CITIZEN_ID,
    applicant_phone="13812345678",
    applicant_address="测试区示范路1号3单元501室",
    request="撤销被申请人作出的行政处罚决定",
    facts="被申请人以销售过期食品为由处以罚款五千元。",
    reasons="事实不清，证据不足。",
    category=Category.PENALTY,
    contested_act="测市监罚〔2026〕1号行政处罚决定",
    known_on=date(2026, 2, 20),
    act_on=date(2026, 2, 18),
    amount_involved=Decimal("5000"),
)


def application(**overrides: Any) -> services.ApplicationData:
    return replace(BASE, **overrides)


def register(cast: Cast, *, respondent: Any = None, **overrides: Any) -> ReconsiderationCase:
    extra = {k: overrides.pop(k) for k in ("penalty_case", "inspection", "record_late") if k in overrides}
    return services.application_register(
        actor=cast.reconsideration_officer,
        authority=cast.government,
        respondent=respondent or cast.north,
        data=application(**overrides),
        **extra,
    )


def accepted(
    cast: Cast, *, accepted_on: date = date(2026, 3, 3), procedure: str = Procedure.GENERAL, **overrides: Any
) -> ReconsiderationCase:
    case = register(cast, **overrides)
    return services.case_accept(
        actor=cast.reconsideration_officer, case=case, accepted_on=accepted_on, procedure=procedure
    )


def replied(cast: Cast, **overrides: Any) -> ReconsiderationCase:
    case = accepted(cast, **overrides)
    case = services.case_send_copy(actor=cast.reconsideration_officer, case=case, sent_on=date(2026, 3, 5))
    return services.case_record_reply(
        actor=cast.reconsideration_officer,
        case=case,
        received_on=date(2026, 3, 16),
        summary="原处罚认定事实清楚，证据确凿。",
    )


def decide(
    cast: Cast, case: ReconsiderationCase, outcome: str = Outcome.REVOKED, decided_on: date = date(2026, 4, 20)
) -> ReconsiderationCase:
    return services.case_decide(
        actor=cast.reconsideration_officer,
        case=case,
        outcome=outcome,
        decided_on=decided_on,
        summary="撤销被申请人作出的行政处罚决定。",
        reasons="主要事实不清、证据不足。",
        legal_basis="《中华人民共和国行政复议法》第六十四条第一款第一项",
        approval="经复议机关负责人同意",
    )


def record_rows(cast: Cast, specs: list[tuple[int, dict[str, Any]]], *, year: int = 2022) -> list[ReconsiderationCase]:
    """Bulk-create case rows in a given final state (statistics tests: hundreds of historical records).

    `specs` is [(count, field overrides)]; every row is a complete, valid case record.
    """
    rows = []
    serial = ReconsiderationCase.objects.filter(authority=cast.government, year=year).count()
    for count, fields in specs:
        for _ in range(count):
            serial += 1
            values: dict[str, Any] = {
                "number": f"测府复〔{year}〕{serial}号",
                "year": year,
                "serial": serial,
                "authority": cast.government,
                "respondent": cast.north,
                "channel": Channel.IN_PERSON,
                "received_on": date(year, 3, 1),
                "filed_on": date(year, 3, 1),
                "applicant_kind": ApplicantKind.PERSON,
                "applicant_name": "申请人",
                "applicant_id_number": CITIZEN_ID,
                "request": "撤销",
                "category": Category.PENALTY,
                "contested_act": "行政处罚决定",
                "known_on": date(year, 2, 1),
            }
            values.update(fields)
            rows.append(ReconsiderationCase(**values))
    return ReconsiderationCase.objects.bulk_create(rows)
