"""Demo data for enforcement: a fictional year of inspections and penalty cases in the 青禾区 demo.

Everything is created through the services — the same calls the pages and the API make — so the
audit rows, the full-process timelines (全过程记录) and the tracked statutory deadlines are real.
The parties are invented (fictional USCCs with valid check digits, persons under the fictional
address code 990101). Choices come from the demo's seeded rng, dates from the day the demo runs,
so two runs on the same day build the same district.

The penalty cases cover every state a reader of the platform should be able to open: 已立案,
调查取证, 已告知 (in the statement period and with a hearing request), 法制审核, 已作出决定,
已送达 (unpaid, with the 加处罚款 running), 执行完毕, 已结案, 首违不罚 closed without a penalty,
简易程序 on-the-spot decisions, a published decision and a withdrawn publication. The demo
officer `zhifa` handles the market-regulation cases, so their 我的案件与检查 page is full.

Statutory deadlines are computed on the working-day calendar, which only knows the years whose
holidays are published (or maintained by an administrator); the demo keeps every date and every
deadline it starts inside those years (see `_Clock`).
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from fazhi.core.calendars.selectors import working_calendar
from fazhi.core.ids import uscc_check_char
from fazhi.enforcement import selectors, services
from fazhi.enforcement.choices import (
    CaseOutcome,
    CaseStatus,
    DecisionChangeKind,
    EvidenceStage,
    EvidenceType,
    InspectionOrigin,
    InspectionOutcome,
    PartyKind,
    PenaltyType,
)
from fazhi.enforcement.documents.numbering import suggested_decision_number
from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.rules import fine_within_discretion
from fazhi.orgs import services as org_services
from fazhi.orgs.choices import Role
from fazhi.orgs.demo import DEMO_PASSWORD, DemoOrgs, demo_citizen_id, demo_name
from fazhi.orgs.models import Officer, OrgUnit, User
from fazhi.powers import selectors as powers_selectors
from fazhi.powers.choices import FlexibleMeasureKind, ItemStatus, PowerCategory
from fazhi.powers.models import PowerItem

# The departments whose year is simulated, with the number of inspections and ordinary cases.
UNITS = {"QH-SCJG": (24, 1), "QH-CGZF": (14, 2), "QH-STHJ": (8, 3), "QH-YJGL": (8, 4), "QH-WSJK": (6, 5)}
PARTNER_LOGIN = "zhifa2"  # the demo officer's usual partner on inspections and cases
REVIEWER_LOGIN = "shenhe"
OFFICER_LOGIN = "zhifa"
COMPANY_WORDS = "青禾 禾丰 东湖 西岭 润泽 恒信 瑞祥 嘉和 鸿运 百川 春晖 汇通 锦程 安泰 景明".split()
TRADES = ["商贸有限公司", "餐饮管理有限公司", "食品店", "超市有限公司", "五金经营部", "物流有限公司", "药房有限公司"]
STREETS = ["禾兴路", "东湖大街", "西岭路", "青禾大道", "润泽街", "安泰路"]
DECISION_REMEDIES = (
    "如不服本决定，可以在收到本决定书之日起六十日内申请行政复议，或者六个月内依法向人民法院提起行政诉讼。"
)


@dataclass
class DemoEnforcement:
    inspections: int = 0
    cases: dict[str, int] = field(default_factory=dict)  # scenario → count
    users: list[tuple[str, str, str]] = field(default_factory=list)

    def count(self, scenario: str) -> None:
        self.cases[scenario] = self.cases.get(scenario, 0) + 1


class _Clock:
    """Demo dates: `today` (the real day) and the latest day a step may be dated so that the
    deadline it starts still falls in a year the working-day calendar has data for."""

    def __init__(self, today: date) -> None:
        calendar = working_calendar()
        year = today.year
        while calendar.has_data_for(year + 1):
            year += 1
        while year > 2000 and not calendar.has_data_for(year):
            year -= 1
        covered_until = date(year, 12, 31)
        self.today = min(today, covered_until)
        self.latest_step = min(self.today, covered_until - timedelta(days=25))  # 7 working days + margin
        self.latest_filing = min(self.today, covered_until - timedelta(days=95))  # Art. 60's 90 days + margin

    def filing(self, days_ago: int) -> date:
        """A filing date `days_ago` before today, early enough for the decision period's calendar."""
        return min(self.today - timedelta(days=days_ago), self.latest_filing)

    def step(self, day: date) -> date:
        return min(day, self.latest_step)


def _entered(day: date) -> datetime:
    """When the demo says an act dated `day` was entered: that afternoon, as a unit that records its
    work the same day would (never after now). Left at the load time, every act of the simulated
    year would read as entered months late (supervision's 上传及时率 was 11 %)."""
    return min(timezone.make_aware(datetime.combine(day, time(17, 30))), timezone.now())


def _company(rng: random.Random, sequence: int) -> tuple[str, str, str]:
    """(name, 统一社会信用代码, address) of a fictional company; the code passes GB 32100."""
    name = rng.choice(COMPANY_WORDS) + rng.choice(COMPANY_WORDS) + rng.choice(TRADES)
    body = f"91990101MA{sequence:07d}"  # fictional division code 990101
    code = body + uscc_check_char(body)
    return f"青禾区{name}", code, f"青禾区{rng.choice(STREETS)}{rng.randint(1, 300)}号"


def _person(rng: random.Random, sequence: int) -> tuple[str, str, str]:
    return (
        demo_name(rng),
        demo_citizen_id(rng, sequence=700 + sequence),
        f"青禾区{rng.choice(STREETS)}{rng.randint(1, 99)}号",
    )


@dataclass
class _Unit:
    unit: OrgUnit
    officers: list[Officer]  # certified for the unit all year
    check_items: list[str]
    penalty_items: list[PowerItem]
    first_offence_items: list[PowerItem]  # penalty items with a 首违不罚 entry on the 不予处罚清单


def _unit_setup(unit: OrgUnit, officers: list[Officer], on: date) -> _Unit:
    verdicts = selectors.officer_verdicts(officers=officers, on=on, unit=unit)
    ok = {v.officer_id for v in verdicts if v.ok}
    year_ago = selectors.officer_verdicts(
        officers=[o for o in officers if o.pk in ok], on=on - timedelta(days=365), unit=unit
    )
    certified = [o for o in officers if o.pk in {v.officer_id for v in year_ago if v.ok}]
    checks = [item.code for item in powers_selectors.check_items_samplable(unit=unit)]
    penalties = list(
        PowerItem.objects.filter(owner_unit=unit, category=PowerCategory.PENALTY, status=ItemStatus.ACTIVE).order_by(
            "code"
        )
    )
    first = [
        item
        for item in penalties
        if item.flexible_measures.filter(kind=FlexibleMeasureKind.NO_PENALTY, is_first_violation=True).exists()
    ]
    return _Unit(unit, certified, checks, penalties, first)


def _demo_user(*, actor: Any, officer: Officer, username: str, display: str, unit: OrgUnit) -> User:
    user = org_services.user_create(
        actor=actor, username=username, password=DEMO_PASSWORD, display_name=display, person=officer.person,
        reason="加载演示数据",
    )  # fmt: skip
    org_services.role_assign(actor=actor, user=user, role=Role.OFFICER, unit=unit, reason="加载演示数据")
    return user


# Why a demo fine lies outside the item's discretion bands (True: below them).
DISCRETION_REASONS = {
    True: "当事人主动消除违法行为危害后果，依法减轻处罚，罚款低于裁量基准阶次（演示数据）",
    False: "违法经营数额较大，经听证和集体讨论，罚款高于裁量基准阶次（演示数据）",
}


class _Builder:
    """Drives one case along the ordinary procedure, one service call per step, with dated steps."""

    def __init__(self, *, rng: random.Random, clock: _Clock, reviewer: User | None) -> None:
        self.rng = rng
        self.clock = clock
        self.reviewer = reviewer
        self.sequence = 0

    def party(self) -> dict[str, str]:
        self.sequence += 1
        if self.rng.random() < 0.8:
            name, code, address = _company(self.rng, self.sequence)
            kind = PartyKind.ORGANISATION
        else:
            name, code, address = _person(self.rng, self.sequence)
            kind = PartyKind.PERSON
        return {"party_kind": kind, "party_name": name, "party_code": code, "party_address": address}

    def open(self, u: _Unit, actor: Any, officers: list[Officer], filed_on: date, **extra: Any) -> PenaltyCase:
        item = extra.pop("power_item", None) or (self.rng.choice(u.penalty_items) if u.penalty_items else None)
        cause = item.name.removeprefix("对").removesuffix("的行政处罚") if item else "违反管理规定"
        party = extra.pop("party", None) or self.party()
        return services.case_open(
            actor=actor, unit=u.unit, cause=cause, **party,
            violation_ended_on=filed_on - timedelta(days=self.rng.randint(3, 20)),
            discovered_on=filed_on - timedelta(days=self.rng.randint(0, 2)), filed_on=filed_on,
            officer_ids=[o.pk for o in officers], power_item_code=item.code if item else None,
            facts=f"经查，当事人存在{cause}的行为（演示数据）。", recorded_at=_entered(filed_on), **extra,
        )  # fmt: skip

    def notify(self, case: PenaltyCase, actor: Any, on: date, fine: Decimal, hearing: bool = False) -> PenaltyCase:
        return services.case_notify(
            actor=actor, case=case, notified_on=on, facts=case.facts, grounds="违反有关管理规定（演示数据）",
            legal_basis=case.power_item.basis_text if case.power_item else "有关法律规定（演示数据）",
            penalty_types=[PenaltyType.WARNING, PenaltyType.FINE] if fine else [PenaltyType.WARNING], fine=fine,
            rights_hearing=hearing,
        )  # fmt: skip

    def record_evidence(self, case: PenaltyCase, actor: Any, on: date) -> None:
        """The 现场检查笔录 of the investigation's first day, as a small PDF naming the case."""
        content = f"%PDF-1.7\n% 现场检查笔录 {case.number}（演示数据）\n".encode()
        services.evidence_add(
            actor=actor, stream=io.BytesIO(content), original_name=f"现场检查笔录-{case.number}.pdf",
            content_type="application/pdf", evidence_type=EvidenceType.RECORD, stage=EvidenceStage.INVESTIGATION,
            title="现场检查笔录", collected_on=on, case=case,
        )  # fmt: skip

    def decide(self, case: PenaltyCase, actor: Any, on: date) -> PenaltyCase:
        types = case.proposed_penalty_types
        # The demo's fines are drawn without regard to the item's discretion bands: one outside them is
        # decided with its reason on file (Art. 34), lighter or heavier than the bands as the case may be.
        bands = selectors.case_discretion_bands(case=case, on=on)
        reason = ""
        if not fine_within_discretion(fine=case.proposed_fine, bands=bands):
            lowest = min((low for low, _ in bands if low is not None), default=None)
            lighter = lowest is not None and case.proposed_fine < lowest
            reason = DISCRETION_REASONS[lighter]
        return services.case_decide(
            discretion_reason=reason,
            actor=actor, case=case, decided_on=on,
            decision_number=suggested_decision_number(case), penalty_types=types,  # as the form offers it
            fine_amount=case.proposed_fine, legal_basis=case.notice_legal_basis,
            performance_terms="自收到本决定书之日起十五日内缴纳罚款" if case.proposed_fine else "当场履行",
            remedies=DECISION_REMEDIES,
        )  # fmt: skip

    def run(self, scenario: str, u: _Unit, actor: Any, officers: list[Officer], days_ago: int) -> PenaltyCase:
        """Open a case `days_ago` days back and move it through the steps of `scenario`."""
        clock, rng = self.clock, self.rng
        filed = clock.filing(days_ago)
        step = clock.step
        big = scenario in {"hearing", "hearing_reviewed"}
        extra: dict[str, Any] = {}
        if scenario == "legal_review":
            extra["major_public_interest"] = True
        if scenario == "first_offence" and u.first_offence_items:
            extra |= {"power_item": rng.choice(u.first_offence_items), "first_violation": True, "harm": "minor",
                      "corrected_in_time": True}  # fmt: skip
        if big:  # 较大数额: an organisation, so the hearing right applies (Art. 63)
            self.sequence += 1
            name, code, address = _company(rng, self.sequence)
            extra["party"] = {"party_kind": PartyKind.ORGANISATION, "party_name": name, "party_code": code,
                              "party_address": address}  # fmt: skip
        case = self.open(u, actor, officers, filed, **extra)
        if scenario == "filed":
            return case
        investigated = step(filed + timedelta(days=1))
        case = services.case_investigation_start(actor=actor, case=case, on=investigated)
        self.record_evidence(case, actor, investigated)  # no decision without evidence (Art. 40)
        if scenario == "investigating":
            return case
        if scenario == "first_offence":
            return services.case_close_without_penalty(
                actor=actor, case=case, outcome=CaseOutcome.FIRST_OFFENCE, closed_on=step(filed + timedelta(days=6)),
                legal_basis="《中华人民共和国行政处罚法》第三十三条第一款：初次违法且危害后果轻微并及时改正的，可以不予行政处罚。",
                corrected=True, education_given=True,
            )  # fmt: skip
        # below the lowest 较大数额 (2000 元 for a person) unless the scenario wants the hearing right
        fine = Decimal(rng.choice([200000, 150000])) if big else Decimal(rng.randrange(5, 19) * 100)
        if scenario == "notified":  # in the statement period: notified a couple of days ago
            return self.notify(case, actor, step(max(clock.today - timedelta(days=2), filed + timedelta(days=2))), fine)
        notified = step(filed + timedelta(days=rng.randint(8, 15)))
        case = self.notify(case, actor, notified, fine, hearing=big)
        if big:
            case = services.case_hearing_request(actor=actor, case=case, requested_on=notified + timedelta(days=1))
            if scenario == "hearing":
                return case
            case = services.case_hearing_schedule(
                actor=actor, case=case, notice_on=notified + timedelta(days=2),
                hearing_on=notified + timedelta(days=24), place="青禾区市场监督管理局听证室",
            )  # fmt: skip
            case = services.case_hearing_hold(
                actor=actor, case=case, held_on=notified + timedelta(days=24), chair="区司法局 听证主持人（演示）",
                record="当事人对违法事实无异议，请求从轻处罚。",
            )  # fmt: skip
        if scenario in {"legal_review", "hearing_reviewed"}:
            case = services.case_legal_review_submit(actor=actor, case=case, on=notified + timedelta(days=26))
            if scenario == "legal_review" or self.reviewer is None:
                return case
            case = services.case_legal_review_record(
                actor=self.reviewer, case=case, reviewed_on=notified + timedelta(days=27), passed=True,
                opinion="执法主体合法，事实清楚，证据确凿，程序合法，适用依据正确，同意。",
            )  # fmt: skip
        else:
            case = services.case_statement_record(
                actor=actor, case=case, on=notified + timedelta(days=2), summary="当事人表示认识到错误，已整改。"
            )
        decided = step(notified + timedelta(days=29 if scenario in {"legal_review", "hearing_reviewed"} else 7))
        case = self.decide(case, actor, decided)
        if scenario == "decided":
            return case
        served = step(decided + timedelta(days=rng.randint(0, 3)))
        case = services.case_serve(
            actor=actor, case=case, served_on=served, method=rng.choice(["直接送达", "邮寄送达"])
        )
        # 市场监管 publishes every 普通程序 decision but a warning alone (市场监督管理行政处罚信息公示规定 Art. 2);
        # the other units publish the scenarios that show publication (Art. 48(1): 具有一定社会影响的).
        market = u.unit.code.endswith("SCJG") and PenaltyType.FINE in case.penalty_types
        if scenario in {"published", "withdrawn_publication", "hearing_reviewed"} or market:
            published_on = step(decided + timedelta(days=3))
            publication = services.publication_publish(actor=actor, case=case, published_on=published_on)
            if scenario == "withdrawn_publication":
                changed = step(decided + timedelta(days=20))
                case = services.case_decision_change_record(
                    actor=actor, case=case, kind=DecisionChangeKind.REVOKED,
                    changed_on=changed, reason="行政复议机关决定撤销（演示数据）",
                )  # fmt: skip
                services.publication_withdraw(
                    actor=actor, publication=publication, withdrawn_on=changed + timedelta(days=1),
                    reason="原行政处罚决定已被行政复议机关撤销，撤回公示。",
                )  # fmt: skip
                case.refresh_from_db()  # the withdrawal moved the case's version
                # nothing is executed under a revoked decision: 终结执行 (行政强制法 Art. 40(4))
                return services.case_execution_end(actor=actor, case=case, closed_on=step(changed + timedelta(days=2)))
        if scenario == "served":
            return case
        case = services.case_execution_record(
            actor=actor,
            case=case,
            executed_on=step(served + timedelta(days=rng.randint(3, 12))),
            note="当事人已缴纳罚款",
        )
        if scenario == "executed":
            return case
        return services.case_close(actor=actor, case=case, closed_on=step(case.executed_on + timedelta(days=2)))


# Ordinary-procedure scenarios per unit (name, how many days before today the case was filed).
# 90-day decision periods: filed 84–89 days ago → due within a few days (the orange rows).
SCJG_PLAN = [
    ("filed", 60), ("investigating", 70), ("investigating", 88), ("notified", 75), ("hearing", 80),
    ("legal_review", 86), ("decided", 100), ("served", 120), ("executed", 150), ("closed", 200), ("closed", 260),
    ("first_offence", 180), ("published", 140), ("withdrawn_publication", 240), ("hearing_reviewed", 300),
]  # fmt: skip
OTHER_PLAN = [("investigating", 65), ("notified", 90), ("served", 130), ("closed", 220), ("first_offence", 170)]


def _on_the_spot(builder: _Builder, u: _Unit, actor: Any, officers: list[Officer], days_ago: int, close: bool) -> None:
    clock, rng = builder.clock, builder.rng
    on = clock.step(clock.today - timedelta(days=days_ago))
    if rng.random() < 0.5:
        name, code, address = _person(rng, 900 + builder.sequence)
        kind, fine = PartyKind.PERSON, Decimal(rng.choice([50, 100, 200]))
    else:
        name, code, address = _company(rng, 900 + builder.sequence)
        kind, fine = PartyKind.ORGANISATION, Decimal(rng.choice([500, 1000, 2000]))
    builder.sequence += 1
    item = rng.choice(u.penalty_items) if u.penalty_items else None
    case = services.case_decide_on_the_spot(
        actor=actor, unit=u.unit,
        cause=item.name.removeprefix("对").removesuffix("的行政处罚") if item else "当场处罚",
        party_kind=kind, party_name=name, party_code=code, party_address=address, decided_on=on,
        place=address, officer_ids=[o.pk for o in officers],
        facts="执法人员现场发现当事人违法行为，事实确凿（演示数据）。",
        penalty_types=[PenaltyType.FINE], fine_amount=fine, legal_basis=item.basis_text if item else "有关法律规定",
        rights_notified=True, decision_number=f"青当罚〔{on.year}〕{builder.sequence}号",
        power_item_code=item.code if item else None, recorded_at=_entered(on),
    )  # fmt: skip
    if close:
        case = services.case_execution_record(actor=actor, case=case, executed_on=on, note="当场缴纳")
        services.case_close(actor=actor, case=case, closed_on=clock.step(on + timedelta(days=1)))


def _inspections(builder: _Builder, u: _Unit, actor: Any, pairs: list[list[Officer]], count: int) -> int:
    clock, rng = builder.clock, builder.rng
    outcomes = (
        [InspectionOutcome.COMPLIANT] * 6 + [InspectionOutcome.ORDER_CORRECTION] * 3 + [InspectionOutcome.CASE_OPENED]
    )
    for index in range(count):
        party = builder.party()
        on = clock.step(clock.today - timedelta(days=int(365 * index / max(count, 1)) + rng.randint(0, 5)))
        outcome = rng.choice(outcomes)
        services.inspection_record(
            actor=actor, unit=u.unit, **party, occurred_on=on, officer_ids=[o.pk for o in rng.choice(pairs)],
            outcome=outcome, origin=rng.choice(list(InspectionOrigin)), recorded_at=_entered(on),
            check_item_codes=rng.sample(u.check_items, k=min(len(u.check_items), rng.randint(1, 3))),
            findings="现场检查未发现违法行为。"
            if outcome == InspectionOutcome.COMPLIANT else "发现问题，已责令限期改正。",
        )  # fmt: skip
    return count


def load(*, actor: Any, rng: random.Random, orgs: DemoOrgs, today: date | None = None) -> DemoEnforcement:
    """Build the year of enforcement records (call once, after the org and power steps, outside any
    transaction: every service here is a durable transaction of its own)."""
    clock = _Clock(today or timezone.localdate())
    result = DemoEnforcement()
    officer_user = orgs.users.get(OFFICER_LOGIN)
    reviewer = orgs.users.get(REVIEWER_LOGIN)
    builder = _Builder(rng=rng, clock=clock, reviewer=reviewer)
    by_unit: dict[int, list[Officer]] = {}
    for officer in orgs.officers:
        by_unit.setdefault(officer.unit_id, []).append(officer)
    for code, (inspection_count, _order) in UNITS.items():
        unit = orgs.departments[code]
        u = _unit_setup(unit, by_unit.get(unit.pk, []), clock.today)
        if len(u.officers) < 4:
            continue
        own = (
            officer_user.person.officer_posts.filter(unit=unit).first()
            if officer_user and officer_user.person
            else None
        )
        if own is not None:
            # the demo officer and a partner with a login of their own
            partner = next(o for o in u.officers if o.pk != own.pk)
            _demo_user(actor=actor, officer=partner, username=PARTNER_LOGIN, display=partner.person.name, unit=unit)
            result.users.append((PARTNER_LOGIN, partner.person.name, str(Role.OFFICER.label)))
            lead, plan, case_actor = [own, partner], SCJG_PLAN, officer_user
        else:
            lead, plan, case_actor = u.officers[:2], OTHER_PLAN, actor
        others = [o for o in u.officers if o not in lead]
        pairs = [lead] + [others[i : i + 2] for i in range(0, min(len(others), 8) - 1, 2)]
        result.inspections += _inspections(builder, u, case_actor, pairs, inspection_count)
        for scenario, days_ago in plan:
            builder.run(scenario, u, case_actor, lead, days_ago + rng.randint(0, 2))
            result.count(scenario)
        for index in range(4 if own is not None else 2):
            _on_the_spot(builder, u, case_actor, rng.choice(pairs), days_ago=20 + 70 * index, close=index > 0)
            result.count("on_the_spot")
    return result


def record_review_corrections(*, actor: Any, today: date | None = None) -> int:
    """The units' side of 以案促改: for each decision the demo's reconsiderations changed (recorded on the
    case by the reconsideration decision itself), the live publication is withdrawn (Art. 48(2)) and,
    when the decision was set aside before it was carried out, its execution ended (行政强制法 Art. 40(4)).

    Runs after the reconsideration step, as a unit would after the alert. Returns the cases handled.
    """
    today = today or timezone.localdate()
    handled = 0
    for case, feedback in selectors.review_corrections():
        if feedback.on is None:
            continue
        reference, outcome = feedback.parameters.get("reference", ""), feedback.parameters.get("outcome", "")
        withdrawn_on = min(feedback.on + timedelta(days=1), today)
        for publication in selectors.case_live_publications(case=case):
            services.publication_withdraw(
                actor=actor, publication=publication, withdrawn_on=withdrawn_on,
                reason=f"原行政处罚决定已被行政复议决定（{reference}）{outcome}，撤回公示。",
            )  # fmt: skip
        case.refresh_from_db()
        if "end_execution" in {a.code for a in selectors.case_allowed_actions(case=case, on=withdrawn_on)}:
            services.case_execution_end(actor=actor, case=case, closed_on=withdrawn_on)
        handled += 1
    return handled


def state_counts() -> dict[str, int]:
    """How many demo cases are in each state (for the demo test and the summary)."""
    counts = dict.fromkeys(CaseStatus.values, 0)
    for status in PenaltyCase.objects.values_list("status", flat=True):
        counts[status] += 1
    return counts


def demo_logins() -> list[tuple[str, str, str]]:
    """The logins this step adds (username, display name, role label), once the demo exists."""
    user = User.objects.filter(username=PARTNER_LOGIN).first()
    return [(user.username, user.display_name, str(Role.OFFICER.label))] if user else []
