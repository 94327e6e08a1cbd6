"""Demo data for 行政复议 and 行政应诉: the twelve months before today, cases in every state, through the services.

Concluded cases are spread over the months that end 45 days ago; the open ones (awaiting review,
correction, the copy, or suspended) were received in the last days, so their deadlines are current
and the statistics board of the current year has figures.

Runs after the enforcement demo (outside the demo transaction: every service here is durable). Applicants
are invented; ID numbers use the fictional address code 990101 with correct check digits.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from fazhi.core.calendars.selectors import working_calendar
from fazhi.core.ids import uscc_check_char
from fazhi.enforcement.models import PenaltyCase
from fazhi.litigation import services as litigation
from fazhi.litigation.choices import DefendantRole
from fazhi.orgs.demo import DemoOrgs, demo_citizen_id
from fazhi.reconsideration import services
from fazhi.reconsideration.choices import Category, Channel, Outcome, Procedure
from fazhi.reconsideration.models import ReconsiderationCase

RESPONDENTS = ["QH-SCJG", "QH-CGZF", "QH-STHJ", "QH-RLSB", "QH-GHZY", "QH-ZFJS"]
CATEGORIES = [
    Category.PENALTY,
    Category.PENALTY,
    Category.PENALTY,
    Category.WORK_INJURY,
    Category.INACTION,
    Category.DISCLOSURE,
    Category.LICENCE,
    Category.EXPROPRIATION,
]
# What happens to each application, in order (the mix of a district's year, every state present).
PLAN = (
    ["upheld"] * 8
    + ["revoked"] * 3
    + ["changed", "confirmed_illegal", "ordered_performance", "confirmed_void"]
    + ["claim_dismissed"] * 3
    + ["application_dismissed", "mediated", "mediated"]
    + ["settled"] * 4
    + ["refused"] * 3
    + ["before_acceptance"] * 4
    + ["abandoned", "awaiting_correction", "received"]
    + ["open"] * 3
    + ["suspended", "simplified_upheld", "simplified_revoked"]
)
# Days before today on which the still-open applications were received (their deadlines are current);
# every other plan ends in a conclusion and is placed a week apart in the months before.
OPEN_RECEIVED_DAYS_AGO = {"received": [1], "awaiting_correction": [4], "open": [2, 3, 5], "suspended": [40]}
CONCLUDED_BY_DAYS_AGO = 45
# How far past its receipt a plan's tracked deadlines reach (acceptance review 5 working days,
# correction, the 60-day decision; a revocation's opinion letter wants a report 60 days after the
# decision): a case is received early enough for the working calendar to count them (no holiday
# data for a year means no deadline in it).
DEADLINES_REACH_DAYS = {"received": 10, "awaiting_correction": 25, "revoked": 100, "simplified_revoked": 100}
DECISION_REACH_DAYS = 75


def _calendar_horizon(today: date) -> date:
    """The last day the working calendar has holiday data for, counting on from this year."""
    calendar = working_calendar()
    year = today.year
    while calendar.has_data_for(year + 1):
        year += 1
    return date(year, 12, 31)


def _received_dates(today: date, horizon: date) -> list[tuple[date, str]]:
    """(received on, plan) for every plan, in date order (numbers follow the dates)."""

    def placed(days_ago: int, plan: str) -> date:
        reach = DEADLINES_REACH_DAYS.get(plan, DECISION_REACH_DAYS)
        return min(today - timedelta(days=days_ago), horizon - timedelta(days=reach))

    open_days = {plan: list(days) for plan, days in OPEN_RECEIVED_DAYS_AGO.items()}
    concluded = [plan for plan in PLAN if plan not in open_days]
    dated = [
        (placed(CONCLUDED_BY_DAYS_AGO + 7 * (len(concluded) - 1 - k), plan), plan) for k, plan in enumerate(concluded)
    ]
    dated += [(placed(open_days[plan].pop(), plan), plan) for plan in PLAN if plan in open_days]
    return sorted(dated, key=lambda pair: pair[0])


@dataclass
class DemoReconsideration:
    cases: list[ReconsiderationCase] = field(default_factory=list)
    lawsuits: int = 0


def _uscc(rng: random.Random) -> str:
    first17 = f"91990101MA{rng.randrange(10**6, 10**7)}"[:17]
    first17 = first17.replace("I", "1").replace("O", "0")
    return first17 + uscc_check_char(first17)


def load(*, actor: Any, rng: random.Random, orgs: DemoOrgs) -> DemoReconsideration:
    """Load the demo year; returns what was created."""
    result = DemoReconsideration()
    officer = orgs.users.get("fuyi", actor)
    authority = orgs.government
    penalty_cases = list(PenaltyCase.objects.filter(decided_on__isnull=False).order_by("decided_on", "pk"))
    today = timezone.localdate()
    horizon = _calendar_horizon(today)
    for index, (received, plan) in enumerate(_received_dates(today, horizon)):
        # The Art. 20 window (60 days from knowing of the act) must end inside the calendar's data too.
        known_on = min(received - timedelta(days=rng.randrange(5, 40)), horizon - timedelta(days=65))
        respondent = orgs.departments.get(RESPONDENTS[index % len(RESPONDENTS)]) or authority
        person = index % 3 != 0
        category = CATEGORIES[index % len(CATEGORIES)]
        data = services.ApplicationData(
            channel=[Channel.ONLINE, Channel.IN_PERSON, Channel.MAIL, Channel.ORAL][index % 4],
            received_on=received,
            posted_on=received - timedelta(days=2) if index % 4 == 2 else None,
            applicant_kind="person" if person else "organisation",
            applicant_name=f"申请人{index + 1:02d}" if person else f"青禾示范{index + 1:02d}商贸有限公司",
            applicant_id_number=demo_citizen_id(rng, sequence=500 + index) if person else _uscc(rng),
            request="撤销被申请人作出的行政行为",
            facts="被申请人作出的行政行为认定事实不清。",
            reasons="证据不足，适用依据错误。",
            category=category,
            enterprise_related=not person,
            # The respondent is a field of its own; the act's text names only the act.
            contested_act=f"{Category(category).label}（示例{index + 1}）",
            known_on=known_on,
            act_on=min(received - timedelta(days=45), known_on),
            amount_involved=Decimal(rng.choice([500, 2000, 5000, 20000])),
            facts_clear=plan.startswith("simplified"),
            hearing_requested=index % 9 == 0,
        )
        penalty = None
        # Only a decision made before the application can be the contested act (the demo's enforcement
        # year may start after its reconsideration year: then no case is linked).
        earlier = [c for c in penalty_cases if c.decided_on < data.known_on] if plan == "revoked" else []
        candidate = earlier[0] if earlier else None
        if candidate is not None and candidate.unit.path.startswith(authority.path):
            penalty_cases.remove(candidate)
            penalty, respondent = candidate, candidate.unit
            data = replace(data, category=Category.PENALTY, act_on=candidate.decided_on)
        if plan.startswith("simplified"):
            data = replace(data, amount_involved=Decimal("2000"))
        case = services.application_register(
            actor=officer, authority=authority, respondent=respondent, data=data, penalty_case=penalty
        )
        result.cases.append(_drive(officer, case, plan, received))
    result.lawsuits = _lawsuits(officer, orgs, result.cases)
    return result


def _drive(officer: Any, case: ReconsiderationCase, plan: str, received: date) -> ReconsiderationCase:
    s = services
    if plan == "received":
        return case
    if plan in {"abandoned", "awaiting_correction"}:
        case = s.case_request_correction(
            actor=officer,
            case=case,
            requested_on=received + timedelta(days=2),
            items="申请人身份证明复印件\n原行政行为决定书复印件",
        )
        if plan == "abandoned":
            case = s.case_abandon(actor=officer, case=case, on=case.correction_due + timedelta(days=1))
        return case
    if plan == "refused":
        return s.case_refuse(
            actor=officer, case=case, refused_on=received + timedelta(days=3), reason="申请事项不属于行政复议范围。"
        )
    if plan == "before_acceptance":
        return s.case_close_before_acceptance(
            actor=officer,
            case=case,
            closed_on=received + timedelta(days=2),
            ending="mediated",
            summary="经案前调解，被申请人重新作出决定，申请人撤回申请。",
        )
    procedure = Procedure.SIMPLIFIED if plan.startswith("simplified") else Procedure.GENERAL
    case = s.case_accept(actor=officer, case=case, accepted_on=received + timedelta(days=1), procedure=procedure)
    accepted = case.accepted_on
    # The open cases were received in the last days: no step may be dated after today.
    today = timezone.localdate()
    case = s.case_send_copy(actor=officer, case=case, sent_on=min(accepted + timedelta(days=1), today))
    case = s.case_record_reply(
        actor=officer,
        case=case,
        received_on=min(accepted + timedelta(days=8), today),
        summary="被申请人认为原行政行为事实清楚、证据确凿、程序合法。",
    )
    if plan == "open":  # under review: the reply is in, the decision is due
        return case
    if plan == "suspended":
        return s.case_suspend(actor=officer, case=case, ground="other_case", started_on=accepted + timedelta(days=12))
    if case.hearing_requested:
        case = s.hearing_decline(actor=officer, case=case, reason="案件事实清楚，书面审理即可查明。")
    decided_on = accepted + timedelta(days=25)
    if plan == "mediated":
        return s.case_mediate(
            actor=officer, case=case, mediated_on=decided_on, agreement="被申请人同意将罚款减为二千元。"
        )
    if plan == "settled":
        return s.case_terminate(
            actor=officer,
            case=case,
            ground="settlement",
            terminated_on=decided_on,
            reason="双方达成和解，申请人撤回申请。",
        )
    outcome = plan.removeprefix("simplified_")
    case = s.case_decide(
        actor=officer,
        case=case,
        outcome=outcome,
        decided_on=decided_on,
        summary=f"{Outcome(outcome).label}。",
        reasons="经审查，本案主要事实、证据和法律适用情况如上。",
        legal_basis="",
        approval="经复议机关负责人同意",
    )
    if outcome == Outcome.REVOKED:
        s.letter_issue(
            actor=officer,
            case=case,
            kind="opinion",
            recipient=case.respondent,
            issued_on=decided_on,
            content="执法案卷中证据收集不规范，请依法纠正并健全证据审查制度。",
        )
    return case


def _lawsuits(officer: Any, orgs: DemoOrgs, cases: list[ReconsiderationCase]) -> int:
    today = timezone.localdate()
    upheld = [c for c in cases if c.outcome == Outcome.UPHELD][:3]
    count = 0
    for index, case in enumerate(upheld):
        filed = case.concluded_on + timedelta(days=20)
        # Each step is recorded only once its day has come (the services refuse later dates).
        if filed + timedelta(days=40) > today:
            continue
        lawsuit = litigation.litigation_case_register(
            actor=officer,
            responsible_unit=orgs.government,
            reconsideration_case=case,
            data=litigation.LawsuitData(
                court="青禾区人民法院",
                case_number=f"（{filed.year}）青0101行初{index + 1}号",
                plaintiff_kind=case.applicant_kind,
                plaintiff_name=case.applicant_name,
                category=case.category,
                act_description=case.contested_act,
                filed_on=filed,
                complaint_received_on=filed + timedelta(days=3),
                # The third suit comes after the 15 days of 行政诉讼法 Art. 45: the case page flags it.
                decision_received_on=case.concluded_on + timedelta(days=2 if index == 2 else 8),
            ),
        )
        lawsuit = litigation.litigation_defence_submit(
            actor=officer, case=lawsuit, submitted_on=filed + timedelta(days=10)
        )
        appeared = index != 1
        litigation.litigation_hearing_record(
            actor=officer,
            case=lawsuit,
            held_on=filed + timedelta(days=40),
            head_appeared=appeared,
            head_name="区政府副区长" if appeared else "",
            head_position="deputy" if appeared else "",
            excuse="" if appeared else "irreplaceable_duty",
            excuse_proof=not appeared,
            delegate_name="" if appeared else "法制科科长",
        )
        if index < 2 and filed + timedelta(days=70) <= today:
            lawsuit.refresh_from_db()
            litigation.litigation_case_conclude(
                actor=officer,
                case=lawsuit,
                outcome="won" if index == 0 else "lost",
                loss_kind="" if index == 0 else "confirmed_illegal",
                concluded_on=filed + timedelta(days=70),
            )
        count += 1
    direct = orgs.departments.get("QH-CGZF")
    if direct is not None:
        filed = today - timedelta(days=60)
        litigation.litigation_case_register(
            actor=officer,
            responsible_unit=orgs.government,
            defendants=[(direct, DefendantRole.ORIGINAL)],
            data=litigation.LawsuitData(
                court="青禾区人民法院",
                case_number=f"（{filed.year}）青0101行初9号",
                plaintiff_kind="person",
                plaintiff_name="原告甲",
                category=Category.COERCION,
                act_description="强制拆除违法建设决定",
                filed_on=filed,
                complaint_received_on=filed + timedelta(days=2),
            ),
        )
        count += 1
    return count
