"""The published figures of RULES.md §3, reproduced from records, plus the litigation rates and the CLI."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from fazhi.litigation.choices import DefendantRole
from fazhi.litigation.choices import Outcome as LitOutcome
from fazhi.litigation.models import CourtHearing, Defendant, LitigationCase
from fazhi.reconsideration.choices import CaseStatus, Outcome, Procedure, TerminationGround
from fazhi.reconsideration.models import ReconsiderationCase
from fazhi.reconsideration.statistics import reconsideration_statistics, year_bounds
from fazhi.reconsideration.tests.factories import record_rows

pytestmark = pytest.mark.django_db

CONCLUDED = {"status": CaseStatus.CONCLUDED, "accepted_on": date(2022, 3, 3), "concluded_on": date(2022, 4, 20)}


def _binhai_2022(cast):
    """滨海新区 2022: 审结377 — 维持154 终止119 驳回63 撤销12 确认违法23 责令履职6."""
    record_rows(
        cast,
        [
            (154, {**CONCLUDED, "outcome": Outcome.UPHELD}),
            (119, {**CONCLUDED, "outcome": Outcome.TERMINATED, "termination_ground": TerminationGround.SETTLEMENT}),
            (63, {**CONCLUDED, "outcome": Outcome.CLAIM_DISMISSED}),
            (12, {**CONCLUDED, "outcome": Outcome.REVOKED}),
            (23, {**CONCLUDED, "outcome": Outcome.CONFIRMED_ILLEGAL}),
            (6, {**CONCLUDED, "outcome": Outcome.ORDERED_PERFORMANCE}),
        ],
    )


def test_binhai_2022_correction_and_mediation_rates(cast):
    _binhai_2022(cast)

    report = reconsideration_statistics(start=date(2022, 1, 1), end=date(2022, 12, 31))

    t = report.totals
    assert t.concluded_after_acceptance == 377
    assert t.corrections == 41
    assert t.correction_rate == Decimal("10.88")  # 纠错率10.88%
    assert t.mediated_or_terminated == 119
    assert t.mediation_withdrawal_rate == Decimal("31.56")  # 调撤率31.56%
    assert t.by_outcome == {
        "revoked": 12,
        "confirmed_illegal": 23,
        "ordered_performance": 6,
        "upheld": 154,
        "claim_dismissed": 63,
        "terminated": 119,
    }


def test_teda_2024_received_accepted_concluded(cast):
    """TEDA 2024: 收到111, 受理83, 简易程序15, 已办结103 = 案前调解和解39 + 受理后审结64, 案中调解和解31."""
    year = 2024
    in_year = {"received_on": date(2024, 2, 1), "filed_on": date(2024, 2, 1), "known_on": date(2024, 1, 10)}
    accepted = {**in_year, "accepted_on": date(2024, 2, 5)}
    concluded = {**accepted, "status": CaseStatus.CONCLUDED, "concluded_on": date(2024, 3, 20)}
    record_rows(
        cast,
        [
            # 39 closed before acceptance (案前调解和解)
            (
                39,
                {
                    **in_year,
                    "status": CaseStatus.CLOSED_BEFORE_ACCEPTANCE,
                    "pre_acceptance_ending": "mediated",
                    "concluded_on": date(2024, 2, 4),
                },
            ),
            # 64 concluded after acceptance: 31 in-case mediation/settlement (15 of them simplified), 33 decided
            (20, {**concluded, "outcome": Outcome.MEDIATED, "procedure": Procedure.SIMPLIFIED}),
            (11, {**concluded, "outcome": Outcome.TERMINATED, "termination_ground": TerminationGround.SETTLEMENT}),
            (33, {**concluded, "outcome": Outcome.UPHELD}),
            # 19 received late in 2023, accepted in January 2024 and still open at year end (the report's
            # counts overlap years: 39 + 83 > 111)
            (
                19,
                {
                    **accepted,
                    "status": CaseStatus.ACCEPTED,
                    "received_on": date(2023, 12, 20),
                    "filed_on": date(2023, 12, 20),
                    "known_on": date(2023, 12, 1),
                    "accepted_on": date(2024, 1, 3),
                },
            ),
            # 8 received and not accepted
            (
                8,
                {
                    **in_year,
                    "status": CaseStatus.NOT_ACCEPTED,
                    "refused_on": date(2024, 2, 6),
                    "concluded_on": date(2024, 2, 6),
                },
            ),
        ],
        year=year,
    )
    # 5 of the simplified ones above are not simplified: 15 simplified in total.
    ids = list(ReconsiderationCase.objects.filter(procedure=Procedure.SIMPLIFIED).values_list("pk", flat=True)[:5])
    ReconsiderationCase.objects.filter(pk__in=ids).update(procedure=Procedure.GENERAL)

    t = reconsideration_statistics(start=date(2024, 1, 1), end=date(2024, 12, 31)).totals

    assert (t.received, t.accepted, t.simplified) == (111, 83, 15)  # 收到111, 受理83, 简易程序15
    assert (t.concluded, t.closed_before_acceptance, t.concluded_after_acceptance) == (103, 39, 64)  # 已办结103
    assert t.in_case_mediation == 31  # 案中调解和解31
    assert t.not_accepted == 8


def test_breakdowns_by_unit_and_category_add_up(cast):
    record_rows(
        cast,
        [
            (3, {**CONCLUDED, "outcome": Outcome.REVOKED}),
            (2, {**CONCLUDED, "outcome": Outcome.UPHELD, "respondent": cast.south, "category": "licence"}),
        ],
    )
    report = reconsideration_statistics(start=date(2022, 1, 1), end=date(2022, 12, 31))
    assert [(b.key, b.figures.corrections) for b in report.by_unit] == [("NORTH", 3), ("SOUTH", 0)]
    assert {b.key: b.figures.concluded_after_acceptance for b in report.by_category} == {"penalty": 3, "licence": 2}
    north = reconsideration_statistics(start=date(2022, 1, 1), end=date(2022, 12, 31), unit=cast.north)
    assert north.totals.concluded_after_acceptance == 3 and north.totals.correction_rate == Decimal("100.00")


def _lawsuit(cast, number, *, after=False, outcome="", hearings=(), filed=date(2022, 5, 1)):
    case = LitigationCase.objects.create(
        court="测试区人民法院",
        case_number=number,
        responsible_unit=cast.government,
        plaintiff_kind="person",
        plaintiff_name="原告",
        category="penalty",
        act_description="行政处罚",
        filed_on=filed,
        complaint_received_on=filed,
        after_reconsideration=after,
        status="concluded" if outcome else "pending",
        outcome=outcome,
        concluded_on=date(2022, 9, 1) if outcome else None,
    )
    Defendant.objects.create(case=case, unit=cast.north, role=DefendantRole.ORIGINAL)
    for held_on, appeared in hearings:
        CourtHearing.objects.create(case=case, held_on=held_on, head_appeared=appeared)
    return case


def test_litigation_rates_and_first_choice(cast):
    record_rows(cast, [(6, {})])  # 6 applications received in 2022
    _lawsuit(cast, "（2022）行初1号", outcome=LitOutcome.LOST, hearings=[(date(2022, 6, 1), True)])
    _lawsuit(
        cast, "（2022）行初2号", outcome=LitOutcome.WON, hearings=[(date(2022, 6, 2), False), (date(2022, 7, 1), True)]
    )
    _lawsuit(cast, "（2022）行初3号", outcome=LitOutcome.WON, hearings=[(date(2022, 6, 3), False)])
    _lawsuit(cast, "（2022）行初4号", after=True, outcome=LitOutcome.WITHDRAWN)

    report = reconsideration_statistics(start=date(2022, 1, 1), end=date(2022, 12, 31))

    lit = report.litigation
    assert (lit.filed, lit.direct, lit.concluded, lit.lost) == (4, 3, 4, 1)
    assert (lit.hearing_cases, lit.head_appeared_cases) == (3, 2)  # one appearance per instance counts
    assert lit.head_appearance_rate == Decimal("66.67")
    assert lit.loss_rate == Decimal("25.00")
    assert report.first_choice_rate == Decimal("66.67")  # 6 / (6 + 3)


def test_stats_command_json(cast):
    _binhai_2022(cast)
    out = StringIO()

    call_command("stats", "reconsideration", "--year", "2022", "--unit", "G", "--json", stdout=out)

    payload = json.loads(out.getvalue())
    assert payload["reconsideration"]["correction_rate"] == "10.88"
    assert payload["reconsideration"]["mediation_withdrawal_rate"] == "31.56"
    assert payload["reconsideration"]["concluded_after_acceptance"] == 377
    assert payload["unit"] == "G"
    text = StringIO()
    call_command("stats", "reconsideration", "--year", "2022", stdout=text)
    assert "纠错率 10.88%" in text.getvalue() and "调撤率 31.56%" in text.getvalue()
    assert text.getvalue().startswith("统计期间：2022年1月1日至2022年12月31日")


def test_year_bounds():
    assert year_bounds(2024) == (date(2024, 1, 1), date(2024, 12, 31))


@pytest.mark.usefixtures("spring_2026")
def test_deem_accepted_command(cast):
    from fazhi.reconsideration.tests.factories import register

    case = register(cast)
    listed = StringIO()
    call_command("reconsideration", "deem-accepted", "--today", "2026-03-10", "--dry-run", stdout=listed)
    assert f"{case.number} 审查期限2026年3月9日已届满，将视为受理" in listed.getvalue()
    out = StringIO()
    call_command("reconsideration", "deem-accepted", "--today", "2026-03-10", stdout=out)
    case.refresh_from_db()
    assert case.status == "accepted" and case.accepted_deemed and "视为受理 1 件" in out.getvalue()
