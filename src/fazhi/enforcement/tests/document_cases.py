"""Cases in the states the document, download and publicity tests need, reached through the services.

- ``person_case``: a natural person (张三丰) whose ID number and mobile number appear in the facts, with
  a hearing right (the fine is above the SCJG 较大数额 for persons), a defence, a hearing, legal review,
  evidence, decided, served, paid and closed — every document exists for it.
- ``org_decided``: an organisation fined 5,000 元, decided only.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

from fazhi.enforcement import services
from fazhi.enforcement.choices import EvidenceStage, EvidenceType, PartyKind, PenaltyType
from fazhi.enforcement.documents import suggested_decision_number
from fazhi.enforcement.models import PenaltyCase, Publication
from fazhi.enforcement.tests.factories import World, decided_case, investigate, notify, open_case

PERSON_NAME = "张三丰"
PERSON_ID = "11010519491231002X"
PERSON_PHONE = "13812345678"
PERSON_ADDRESS = "测试区示范街道幸福里3号楼2单元501室"
PERSON_FACTS = (
    f"当事人{PERSON_NAME}（公民身份号码{PERSON_ID}，联系电话{PERSON_PHONE}）于2026年2月20日在其经营的门店"
    "销售超过保质期的食品共计120件，货值金额3,600元。"
)
PDF_BYTES = b"%PDF-1.7\n" + b"x" * 200


def person_case(world: World, *, close: bool = True) -> PenaltyCase:
    actor = world.cast.inspector_north
    case = open_case(
        world,
        party_kind=PartyKind.PERSON,
        party_name=PERSON_NAME,
        party_code=PERSON_ID,
        party_address=PERSON_ADDRESS,
        facts=PERSON_FACTS,
    )
    case = investigate(world, case, evidence=False)
    services.evidence_add(
        actor=actor, stream=io.BytesIO(PDF_BYTES), original_name="现场检查笔录.pdf", content_type="application/pdf",
        evidence_type=EvidenceType.RECORD, stage=EvidenceStage.INVESTIGATION, title="现场检查笔录",
        collected_on=date(2026, 3, 4), case=case,
    )  # fmt: skip
    case = notify(
        world,
        case,
        fine=Decimal("20000"),
        grounds="违反了《中华人民共和国食品安全法》第三十四条第十项的规定",
        rights_hearing=True,
    )
    case = services.case_statement_record(
        actor=actor, case=case, on=date(2026, 3, 18), summary="初次违法，请求从轻处罚", adopted=False
    )
    case = services.case_hearing_request(actor=actor, case=case, requested_on=date(2026, 3, 19))
    case = hold_hearing(world, case)
    case = services.case_legal_review_submit(actor=actor, case=case, on=date(2026, 4, 2))
    case = services.case_legal_review_record(
        actor=world.reviewer,
        case=case,
        reviewed_on=date(2026, 4, 3),
        passed=True,
        opinion="事实清楚，证据确凿，程序合法。",
    )
    case = decide_person(world, case)
    case = services.case_serve(actor=actor, case=case, served_on=date(2026, 4, 8), method="直接送达")
    if close:
        case = services.case_execution_record(actor=actor, case=case, executed_on=date(2026, 4, 15))
        case = services.case_close(actor=actor, case=case, closed_on=date(2026, 4, 16))
    return case


def hold_hearing(world: World, case: PenaltyCase) -> PenaltyCase:
    kwargs: dict[str, Any] = {
        "actor": world.cast.inspector_north, "case": case, "held_on": date(2026, 4, 1), "chair": "王主持",
        "record": "当事人对违法事实无异议。", "notice_on": date(2026, 3, 20),
    }  # fmt: skip
    return services.case_hearing_hold(**kwargs)


def decide_person(world: World, case: PenaltyCase) -> PenaltyCase:
    return services.case_decide(
        actor=world.cast.inspector_north,
        case=case,
        decided_on=date(2026, 4, 7),
        decision_number=suggested_decision_number(case),  # the derived 文号, as the decision form offers it
        penalty_types=[PenaltyType.FINE],
        fine_amount=Decimal("20000"),
        legal_basis="《中华人民共和国食品安全法》第一百二十四条第一款第五项",
        performance_terms="缴入测试区财政非税收入专户（开户行：测试银行测试区支行）",
        remedies="六十日内申请行政复议或者六个月内提起行政诉讼",
    )


def org_decided(world: World, **overrides: Any) -> PenaltyCase:
    return decided_case(world, **overrides)


def publish(world: World, case: PenaltyCase, on: date = date(2026, 4, 9)) -> Publication:
    return services.publication_publish(actor=world.cast.inspector_north, case=case, published_on=on)


def withdraw(world: World, case: PenaltyCase, publication: Publication) -> Publication:
    """The decision is revoked on reconsideration and the publication withdrawn (Art. 48(2))."""
    actor = world.cast.inspector_north
    case = services.case_decision_change_record(
        actor=actor, case=case, kind="revoked", changed_on=date(2026, 5, 6), reason="行政复议决定撤销原处罚决定"
    )
    return services.publication_withdraw(
        actor=actor,
        publication=publication,
        withdrawn_on=date(2026, 5, 7),
        reason=f"原处罚决定已被行政复议机关撤销（联系电话{PERSON_PHONE}）。",
    )
