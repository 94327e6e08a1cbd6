"""Demo data of 双随机、一公开 for the fictional 青禾区: a directory of a few thousand entities, a
completed joint plan (市场监管 + 卫生健康, results recorded as inspections and published) and an open
plan drawn with tasks waiting. Dates are relative to today so the deadlines look right on any day.

Runs after the org and powers steps, outside their transaction: recording a result goes through
enforcement's durable inspection service, which must be the outermost transaction.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from fazhi.core.ids import USCC_CHARSET, uscc_check_char
from fazhi.enforcement.choices import InspectionOutcome
from fazhi.orgs.models import OrgUnit
from fazhi.spotchecks import selectors, services
from fazhi.spotchecks.choices import SeedSource
from fazhi.spotchecks.models import Plan
from fazhi.spotchecks.rules.draw import Quota

ENTITY_COUNT = 3000
AREAS = ["青禾区东湖街道/第一网格", "青禾区东湖街道/第二网格", "青禾区西岭镇/第一网格", "青禾区南港街道/第三网格"]
INDUSTRIES = [
    ("H6210", "餐饮"),
    ("F5211", "零售"),
    ("C1431", "食品制造"),
    ("F5251", "药品零售"),
    ("O8051", "美容美发"),
    ("I6510", "软件"),
    ("L7212", "商务服务"),
]
SUFFIX = {
    "H6210": "餐饮店",
    "F5211": "超市",
    "C1431": "食品有限公司",
    "F5251": "大药房",
    "O8051": "美容美发店",
    "I6510": "科技有限公司",
    "L7212": "商务咨询有限公司",
}
# A 个体工商户 (code prefix 92) is not a company, so a "有限公司" name would be wrong for it: it gets a
# shop-style name of its trade ("周记小吃店"), as individual businesses are named.
INDIVIDUAL_SUFFIX = {
    "H6210": "小吃店",
    "F5211": "便利店",
    "C1431": "食品加工坊",
    "F5251": "药店",
    "O8051": "理发店",
    "I6510": "软件工作室",
    "L7212": "信息咨询服务部",
}
WORDS = "青禾东湖西岭南港福满鑫源和顺兴旺安康佳美恒泰瑞丰华信嘉禾永盛宏达金穗"
SURNAMES = "王李张刘陈杨赵黄周吴"
COMMIT_AHEAD = timedelta(days=1)  # how long before its draw a demo plan's seed hash is published
RISK_WEIGHTS = (("A", 30), ("B", 45), ("C", 18), ("D", 7))


@dataclass
class DemoSpotchecks:
    entities: int = 0
    plans: list[Plan] = field(default_factory=list)


def _credit_code(rng: random.Random, *, individual: bool) -> str:
    body = "".join(rng.choice(USCC_CHARSET) for _ in range(9))
    first17 = ("92" if individual else "91") + "990101" + body
    return first17 + uscc_check_char(first17)


def _entity_rows(rng: random.Random) -> list[services.EntityRow]:
    rows = []
    seen: set[str] = set()
    classes = [c for c, weight in RISK_WEIGHTS for _ in range(weight)]
    while len(rows) < ENTITY_COUNT:
        individual = rng.random() < 0.2
        code = _credit_code(rng, individual=individual)
        if code in seen:
            continue
        seen.add(code)
        industry, tag = rng.choice(INDUSTRIES)
        area = rng.choice(AREAS)
        prefix = (rng.choice(SURNAMES) + "记") if individual else "青禾区" + "".join(rng.sample(WORDS, 2))
        rows.append(
            services.EntityRow(
                row=len(rows) + 2,
                credit_code=code,
                name=f"{prefix}{(INDIVIDUAL_SUFFIX if individual else SUFFIX)[industry]}",
                address=f"{area.split('/')[0]}{rng.choice(WORDS)}{rng.choice('路街巷')}{rng.randint(1, 300)}号",
                industry_code=industry,
                area=area,
                risk_class=rng.choice(classes),
                abnormal=rng.random() < 0.03,
                tags=f",{tag},",
            )
        )
    return rows


def _items_for(unit: OrgUnit, count: int = 2) -> list[Any]:
    return [item for item in selectors.samplable_check_items(units=[unit]) if item.owner_unit_id == unit.pk][:count]


def load(*, actor: Any, rng: random.Random, departments: dict[str, OrgUnit]) -> DemoSpotchecks:
    """Load the spot-check demo (call once, after the org and powers steps)."""
    result = DemoSpotchecks()
    rows = _entity_rows(rng)
    services.entity_directory_write(actor=actor, rows=lambda: iter(rows), source="演示名录.csv", sha256="0" * 64)
    result.entities = len(rows)
    market, health = departments["QH-SCJG"], departments["QH-WSJK"]
    organizer = market.parent
    today = timezone.localdate()

    # A completed joint plan: 综合查一次 by market regulation and health, results recorded and published.
    start = today - timedelta(days=40)
    done = services.plan_create(
        actor=actor,
        name=f"{start.year}年餐饮和药品零售单位“双随机、一公开”联合抽查（综合查一次）",
        organizer=organizer,
        departments=[services.DepartmentSpec(market), services.DepartmentSpec(health)],
        check_items=_items_for(market) + _items_for(health),
        period_start=start,
        period_end=today - timedelta(days=1),
        quotas={"A": Quota("count", 2), "B": Quota("count", 4), "C": Quota("count", 4), "D": Quota("count", 4)},
        scope_industry="H,F525",
        max_checks_per_year=1,
    )
    # Committed two days and drawn the day before the period opens, as a real plan is (not at the demo's
    # load time, which would come after the results it publishes). The seed hash is published a day before
    # the draw, so the page shows what 承诺 means: the draw could not be chosen after the fact.
    drawn_at = timezone.make_aware(datetime.combine(start - timedelta(days=1), time(9, 30)))
    committed_at = drawn_at - COMMIT_AHEAD
    services.plan_commit(actor=actor, plan=done, today=committed_at.date(), at=committed_at)
    services.plan_draw(actor=actor, plan=done, at=drawn_at)
    outcomes = (
        [InspectionOutcome.COMPLIANT] * 7 + [InspectionOutcome.ORDER_CORRECTION] * 2 + [InspectionOutcome.CASE_OPENED]
    )
    # 综合查一次: the departments of the joint plan visit each entity together, on one day.
    visit_days: dict[int, date] = {}
    for task in selectors.plan_tasks(plan=done):
        visit_day = visit_days.setdefault(task.entity_id, start + timedelta(days=rng.randint(5, 30)))
        outcome = rng.choice(outcomes)
        findings = (
            "未发现违法违规问题。" if outcome == InspectionOutcome.COMPLIANT else "从业人员健康证明过期，现场责令改正。"
        )
        services.task_result_record(
            actor=actor,
            task=task,
            occurred_on=visit_day,
            outcome=outcome,
            findings=findings,
            # entered the afternoon of the visit, not at the demo's load time (上传及时率)
            recorded_at=min(timezone.make_aware(datetime.combine(visit_day, time(17, 30))), timezone.now()),
        )
    services.plan_results_publish(actor=actor, plan=done)
    result.plans.append(done)

    # An open plan of market regulation, drawn with a witnessed seed; the tasks wait for the officers.
    upcoming = services.plan_create(
        actor=actor,
        name=f"{today.year}年第四季度市场主体“双随机”抽查（东湖街道）",
        organizer=organizer,
        departments=[services.DepartmentSpec(market)],
        check_items=_items_for(market),
        period_start=today,
        period_end=today + timedelta(days=45),
        quotas={
            "A": Quota("ratio", 100),
            "B": Quota("ratio", 200),
            "C": Quota("ratio", 500),
            "D": Quota("ratio", 1000),
        },
        scope_area="青禾区东湖街道",
        exclude_inspected_days=90,
    )
    # Committed yesterday morning, drawn now (at the demo's load time); loaded before 9:30 (local time),
    # yesterday morning is less than a day ago, so then a day before now.
    yesterday_morning = timezone.make_aware(datetime.combine(today - COMMIT_AHEAD, time(9, 30)))
    committed_at = min(yesterday_morning, timezone.now() - COMMIT_AHEAD)
    services.plan_commit(
        actor=actor, plan=upcoming, seed_source=SeedSource.WITNESSED, today=committed_at.date(), at=committed_at
    )
    services.plan_draw(
        actor=actor, plan=upcoming, seed_text="骰子点数 4 1 6 3 3 5", witnesses="青禾区司法局 赵公证, 企业代表 钱监督"
    )
    result.plans.append(upcoming)
    return result
