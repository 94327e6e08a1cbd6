"""Demo data for power lists: every demo department gets a fictional 权责清单 (about 20–60 items across
the ten categories), a 检查清单, 裁量基准 for part of its penalty items and the three flexible lists.

Everything here is invented for the fictional 青禾区. Each item names the real national law of its
field only by title, marked "（演示数据）", because the demo does not claim which article of that law
grants the power; the general procedural articles cited (行政处罚法 Arts. 32–34, 行政强制法 Arts. 9 and
16) are the real ones. All writes go through the audited services.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from fazhi.orgs.demo import DemoOrgs
from fazhi.orgs.models import OrgUnit, User
from fazhi.powers import services
from fazhi.powers.choices import CheckMethod, FlexibleMeasureKind, ItemStatus, PowerCategory, Severity
from fazhi.powers.models import PowerItem

EFFECTIVE_FROM = date(2024, 1, 1)
COERCION_BASIS = "《中华人民共和国行政强制法》第九条"
DISCRETION_BASIS = "《中华人民共和国行政处罚法》第三十四条"

# The fields of each demo department: (subject of regulation, the national law of that field).
CATALOGUE: dict[str, list[tuple[str, str]]] = {
    "QH-SFJ": [("法律援助", "中华人民共和国法律援助法"), ("人民调解", "中华人民共和国人民调解法"),
               ("律师执业", "中华人民共和国律师法"), ("基层法律服务", "基层法律服务工作者管理办法")],
    "QH-SCJG": [("食品经营", "中华人民共和国食品安全法"), ("特种设备使用", "中华人民共和国特种设备安全法"),
                ("计量器具使用", "中华人民共和国计量法"), ("广告发布", "中华人民共和国广告法"),
                ("产品质量", "中华人民共和国产品质量法"), ("价格行为", "中华人民共和国价格法"),
                ("网络交易", "中华人民共和国电子商务法")],
    "QH-STHJ": [("大气污染防治", "中华人民共和国大气污染防治法"), ("水污染防治", "中华人民共和国水污染防治法"),
                ("固体废物处置", "中华人民共和国固体废物污染环境防治法"),
                ("噪声污染防治", "中华人民共和国噪声污染防治法"), ("排污许可", "排污许可管理条例")],
    "QH-YJGL": [("安全生产", "中华人民共和国安全生产法"), ("危险化学品经营", "危险化学品安全管理条例"),
                ("烟花爆竹经营", "烟花爆竹安全管理条例"), ("生产安全事故应急", "生产安全事故应急条例")],
    "QH-CGZF": [("市容环境卫生", "城市市容和环境卫生管理条例"), ("城市道路占用", "城市道路管理条例"),
                ("城市绿化", "城市绿化条例"), ("建筑垃圾处置", "城市建筑垃圾管理规定"),
                ("违法建设查处", "中华人民共和国城乡规划法")],
    "QH-JTYS": [("道路运输经营", "中华人民共和国道路运输条例"), ("机动车维修经营", "中华人民共和国道路运输条例"),
                ("公路路政", "中华人民共和国公路法"), ("出租汽车经营", "巡游出租汽车经营服务管理规定")],
    "QH-WSJK": [("医疗机构执业", "医疗机构管理条例"), ("公共场所卫生", "公共场所卫生管理条例"),
                ("职业病防治", "中华人民共和国职业病防治法"), ("医师执业", "中华人民共和国医师法")],
    "QH-WHLY": [("娱乐场所经营", "娱乐场所管理条例"), ("营业性演出", "营业性演出管理条例"),
                ("旅行社经营", "旅行社条例"), ("上网服务营业场所", "互联网上网服务营业场所管理条例")],
    "QH-ZFJS": [("建筑施工", "中华人民共和国建筑法"), ("建设工程质量", "建设工程质量管理条例"),
                ("物业服务", "物业管理条例"), ("燃气经营", "城镇燃气管理条例")],
    "QH-GHZY": [("土地利用", "中华人民共和国土地管理法"), ("矿产资源开采", "中华人民共和国矿产资源法"),
                ("测绘活动", "中华人民共和国测绘法"), ("建设用地规划", "中华人民共和国城乡规划法")],
    "QH-NYNC": [("农药经营", "农药管理条例"), ("兽药经营", "兽药管理条例"), ("种子经营", "中华人民共和国种子法"),
                ("动物防疫", "中华人民共和国动物防疫法")],
    "QH-RLSB": [("劳动保障", "劳动保障监察条例"), ("农民工工资支付", "保障农民工工资支付条例"),
                ("社会保险", "中华人民共和国社会保险法"), ("人力资源服务", "人力资源市场暂行条例")],
    "QH-SWJ": [("取水", "取水许可和水资源费征收管理条例"), ("河道管理", "中华人民共和国河道管理条例"),
               ("城镇排水", "城镇排水与污水处理条例"), ("水土保持", "中华人民共和国水土保持法")],
    "QH-JYJ": [("民办学校办学", "中华人民共和国民办教育促进法"), ("教师资格", "教师资格条例"),
               ("幼儿园办园", "幼儿园管理条例"), ("校车安全", "校车安全管理条例")],
    "QH-SWU": [("单用途商业预付卡", "单用途商业预付卡管理办法（试行）"), ("再生资源回收", "再生资源回收管理办法"),
               ("拍卖", "中华人民共和国拍卖法"), ("成品油零售", "成品油市场管理办法")],
    "QH-JD1": [("市容环境卫生", "城市市容和环境卫生管理条例"), ("城市道路占用", "城市道路管理条例"),
               ("生活垃圾分类", "城市生活垃圾管理办法"), ("户外广告设置", "城市市容和环境卫生管理条例")],
    "QH-JD2": [("市容环境卫生", "城市市容和环境卫生管理条例"), ("农村宅基地", "中华人民共和国土地管理法"),
               ("生活垃圾分类", "城市生活垃圾管理办法"), ("违法建设查处", "中华人民共和国城乡规划法")],
}  # fmt: skip

# (category, code abbreviation, name templates); {s} is the subject.
TEMPLATES: list[tuple[str, str, list[str]]] = [
    (PowerCategory.LICENSING, "XK", ["{s}许可", "{s}许可变更、延续"]),
    (PowerCategory.PENALTY, "CF", [
        "对未经许可从事{s}活动的行政处罚",
        "对违反{s}管理规定行为的行政处罚",
        "对{s}中拒不改正违法行为的行政处罚",
        "对{s}中提供虚假材料的行政处罚",
    ]),
    (PowerCategory.COERCION, "QZ", ["查封、扣押与{s}违法行为有关的物品", "查封与{s}违法行为有关的场所"]),
    (PowerCategory.LEVY, "ZS", ["{s}相关费用征收"]),
    (PowerCategory.BENEFIT, "JF", ["{s}相关补助发放"]),
    (PowerCategory.INSPECTION, "JC", ["对{s}活动的监督检查"]),
    (PowerCategory.CONFIRMATION, "QR", ["{s}备案", "{s}信息登记确认"]),
    (PowerCategory.REWARD, "JL", ["对{s}违法行为举报的奖励"]),
    (PowerCategory.ADJUDICATION, "CJ", ["{s}纠纷裁决"]),
    (PowerCategory.OTHER, "QT", ["{s}信用分类监管"]),
]  # fmt: skip

# Rarer categories appear for some subjects only, as in real lists.
RARE = {PowerCategory.LEVY: 0.2, PowerCategory.BENEFIT: 0.2, PowerCategory.ADJUDICATION: 0.15}
STATUTORY_RANGES = [(1000, 10000), (2000, 20000), (5000, 50000), (10000, 100000), (500, 5000)]


@dataclass
class DemoPowers:
    power_items: list[PowerItem] = field(default_factory=list)
    check_items: int = 0
    discretion_standards: int = 0
    flexible_measures: int = 0


def _basis(law: str, category: str) -> str:
    basis = f"《{law}》有关条款（演示数据）"
    if category == PowerCategory.COERCION:
        basis += f"；{COERCION_BASIS}"
    return basis


def _candidates(rng: random.Random, unit_code: str) -> list[tuple[str, str, str, str]]:
    """(category, abbreviation, name, basis) for every item the department could list."""
    rows = []
    for subject, law in CATALOGUE.get(unit_code, []):
        for category, abbreviation, names in TEMPLATES:
            if category in RARE and rng.random() > RARE[category]:
                continue
            for name in names:
                rows.append((category, abbreviation, name.format(s=subject), _basis(law, category)))
    return rows


def _power_items(*, actor: User | None, rng: random.Random, unit: OrgUnit, resolver: services.BasisResolver) -> list:
    candidates = _candidates(rng, unit.code)
    if not candidates:
        return []
    # Round-robin over the categories so every list is mixed; penalties weigh most, as in real lists.
    pools: dict[str, list[tuple[str, str, str, str]]] = {}
    for row in candidates:
        pools.setdefault(row[0], []).append(row)
    for pool in pools.values():
        rng.shuffle(pool)
    target = rng.randint(min(20, len(candidates)), min(60, len(candidates)))
    chosen: list[tuple[str, str, str, str]] = []
    while len(chosen) < target:
        for category, pool in pools.items():
            for _ in range(3 if category == PowerCategory.PENALTY else 1):
                if pool and len(chosen) < target:
                    chosen.append(pool.pop())
    counters: dict[str, int] = {}
    items = []
    for category, abbreviation, name, basis in sorted(chosen, key=lambda row: (row[1], row[2])):
        counters[abbreviation] = counters.get(abbreviation, 0) + 1
        draw = rng.random()
        status = ItemStatus.CANCELLED if draw < 0.02 else ItemStatus.SUSPENDED if draw < 0.04 else ItemStatus.ACTIVE
        items.append(
            services.power_item_create(
                actor=actor,
                code=f"{unit.code}-{abbreviation}-{counters[abbreviation]:03d}",
                name=name,
                category=category,
                owner_unit=unit,
                basis_text=basis,
                status=status,
                effective_from=EFFECTIVE_FROM,
                reason="加载演示数据",
                resolver=resolver,
            )
        )
    return items


def _subject(item: PowerItem) -> str:
    for prefix, suffix in (
        ("对", "活动的监督检查"),
        ("对未经许可从事", "活动的行政处罚"),
        ("对违反", "管理规定行为的行政处罚"),
    ):
        if item.name.startswith(prefix) and item.name.endswith(suffix):
            return item.name[len(prefix) : -len(suffix)]
    return ""


def _check_items(*, actor: User | None, rng: random.Random, unit: OrgUnit, items: list[PowerItem]) -> int:
    inspections = [i for i in items if i.category == PowerCategory.INSPECTION and i.status == ItemStatus.ACTIVE]
    methods = [
        CheckMethod.ON_SITE,
        CheckMethod.ON_SITE,
        CheckMethod.DOCUMENTARY,
        CheckMethod.SAMPLING,
        CheckMethod.REMOTE,
    ]
    for number, inspection in enumerate(inspections, start=1):
        subject = _subject(inspection)
        related = [i for i in items if i.category == PowerCategory.PENALTY and subject and subject in i.name][:2]
        # About one in ten demo check items lacks its 检查依据, to show the "不得抽查" flag.
        basis = "" if rng.random() < 0.1 else inspection.basis_text
        services.check_item_create(
            actor=actor,
            code=f"{unit.code}-JCSX-{number:03d}",
            name=f"{subject or inspection.name}情况检查",
            owner_unit=unit,
            power_items=[inspection, *related],
            check_method=rng.choice(methods),
            basis_text=basis,
            reason="加载演示数据",
        )
    return len(inspections)


def _discretion_standards(*, actor: User | None, rng: random.Random, items: list[PowerItem]) -> int:
    count = 0
    for item in items:
        if item.category != PowerCategory.PENALTY or rng.random() > 0.4:
            continue
        low, high = (Decimal(v) for v in rng.choice(STATUTORY_RANGES))
        third, two_thirds = low + (high - low) * Decimal("0.3"), low + (high - low) * Decimal("0.7")
        bands = [
            (Severity.MINOR, "初次违法，危害后果轻微，及时改正", low, third),
            (Severity.GENERAL, "违法行为持续时间较短，造成一定危害后果", third, two_thirds),
            (Severity.GRAVE, "违法行为持续时间长、拒不改正或者造成严重后果", two_thirds, high),
        ]
        for severity, circumstance, fine_min, fine_max in bands:
            services.discretion_standard_create(
                actor=actor,
                power_item=item,
                severity=severity,
                circumstance=circumstance,
                statutory_min=low,
                statutory_max=high,
                fine_min=fine_min.quantize(Decimal("1")),
                fine_max=fine_max.quantize(Decimal("1")),
                other_measures="责令改正" if severity != Severity.GRAVE else "责令改正；没收违法所得",
                basis_text=f"{item.basis_text}；{DISCRETION_BASIS}",
                effective_from=EFFECTIVE_FROM,
                reason="加载演示数据",
            )
            count += 1
    return count


FLEXIBLE_TEXT = {
    "first": (
        "初次违法且危害后果轻微，并在责令改正期限内改正",
        "责令改正，对当事人进行教育，可以不予行政处罚",
        "《中华人民共和国行政处罚法》第三十三条第一款",
    ),
    "no_penalty": (
        "违法行为轻微并及时改正，没有造成危害后果",
        "责令改正，对当事人进行教育，不予行政处罚",
        "《中华人民共和国行政处罚法》第三十三条第一款",
    ),
    "lighter": (
        "主动消除或者减轻违法行为危害后果，或者配合查处有立功表现",
        "依法从轻或者减轻行政处罚",
        "《中华人民共和国行政处罚法》第三十二条",
    ),
    "no_coercion": (
        "违法行为情节显著轻微或者没有明显社会危害",
        "可以不采取行政强制措施，责令当事人限期改正",
        "《中华人民共和国行政强制法》第十六条第二款",
    ),
}


def _flexible_measures(*, actor: User | None, rng: random.Random, unit: OrgUnit, items: list[PowerItem]) -> int:
    penalties = [i for i in items if i.category == PowerCategory.PENALTY and i.status == ItemStatus.ACTIVE]
    coercions = [i for i in items if i.category == PowerCategory.COERCION and i.status == ItemStatus.ACTIVE]
    plan: list[tuple[str, str, bool, PowerItem]] = []
    for item in rng.sample(penalties, k=min(len(penalties), rng.randint(2, 4))):
        plan.append(("BYCF", "first", True, item))
    for item in rng.sample(penalties, k=min(len(penalties), rng.randint(1, 2))):
        plan.append(("BYCF", "no_penalty", False, item))
    for item in rng.sample(penalties, k=min(len(penalties), rng.randint(1, 2))):
        plan.append(("CQJQ", "lighter", False, item))
    for item in rng.sample(coercions, k=min(len(coercions), rng.randint(1, 2))):
        plan.append(("BQZ", "no_coercion", False, item))
    kinds = {
        "first": FlexibleMeasureKind.NO_PENALTY,
        "no_penalty": FlexibleMeasureKind.NO_PENALTY,
        "lighter": FlexibleMeasureKind.LIGHTER_PENALTY,
        "no_coercion": FlexibleMeasureKind.NO_COERCIVE_MEASURE,
    }
    counters: dict[str, int] = {}
    for prefix, text_key, first, item in plan:
        counters[prefix] = counters.get(prefix, 0) + 1
        conditions, handling, basis = FLEXIBLE_TEXT[text_key]
        services.flexible_measure_create(
            actor=actor,
            code=f"{unit.code}-{prefix}-{counters[prefix]:03d}",
            kind=kinds[text_key],
            is_first_violation=first,
            owner_unit=unit,
            power_item=item,
            violation=item.name.removeprefix("对").removesuffix("的行政处罚").removeprefix("查封、扣押与"),
            conditions=conditions,
            handling=handling,
            basis_text=basis,
            effective_from=EFFECTIVE_FROM,
            reason="加载演示数据",
        )
    return len(plan)


def load(*, actor: User | None, rng: random.Random, orgs: DemoOrgs) -> DemoPowers:
    """Give every demo department its lists (call once, inside the demo transaction)."""
    result = DemoPowers()
    resolver = services.BasisResolver()
    for unit in orgs.departments.values():
        items = _power_items(actor=actor, rng=rng, unit=unit, resolver=resolver)
        result.power_items.extend(items)
        result.check_items += _check_items(actor=actor, rng=rng, unit=unit, items=items)
        result.discretion_standards += _discretion_standards(actor=actor, rng=rng, items=items)
        result.flexible_measures += _flexible_measures(actor=actor, rng=rng, unit=unit, items=items)
    return result
