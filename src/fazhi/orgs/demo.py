"""Demo data for organisations: a fictional district (青禾区), its departments, officers and users.

The district is invented; names are generated from common surnames; ID numbers use the address
code 990101, which belongs to no real place, with correct check digits so they pass validation.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from fazhi.core.ids import citizen_id_check_char
from fazhi.orgs import services
from fazhi.orgs.choices import CertificateEventKind, OrgUnitKind, Role
from fazhi.orgs.models import EnforcementDomain, Officer, OrgUnit, User

REGION_CODE = "QH"
DEMO_PASSWORD = "Fazhi-Demo-2026"  # noqa: S105 — printed by `fazhi demo`; a demo database is never production
FICTIONAL_ADDRESS_CODE = "990101"

DOMAINS = [
    ("SCJG", "市场监管"),
    ("STHJ", "生态环境"),
    ("YJGL", "应急管理"),
    ("CSGL", "城市管理"),
    ("JTYS", "交通运输"),
    ("WSJK", "卫生健康"),
    ("WHLY", "文化旅游"),
    ("ZFJS", "住房建设"),
    ("GHZY", "规划资源"),
    ("NYNC", "农业农村"),
    ("RLSB", "人力社保"),
    ("SWGL", "水务管理"),
    ("JYGL", "教育管理"),
    ("SWSJ", "商务"),
]

# (code, name, kind, domain codes, officers): about 15 departments as DESIGN asks, sized roughly
# like a real district, where market regulation and urban management hold most officers.
# 机关代字 of the demo units (the first character of 青禾区 + the sector's customary abbreviation), so
# their 发文字号 read 青政复〔2026〕3号, not the unit code (QH-GOV复〔2026〕3号).
GOVERNMENT_PREFIX = "青政"
DOCUMENT_PREFIXES = {
    "QH-SFJ": "青司", "QH-SCJG": "青市监", "QH-STHJ": "青环", "QH-YJGL": "青应急", "QH-CGZF": "青城管",
    "QH-JTYS": "青交", "QH-WSJK": "青卫健", "QH-WHLY": "青文旅", "QH-ZFJS": "青住建", "QH-GHZY": "青规资",
    "QH-NYNC": "青农", "QH-RLSB": "青人社", "QH-SWJ": "青水", "QH-JYJ": "青教", "QH-SWU": "青商",
    "QH-JD1": "青东湖", "QH-JD2": "青西岭",
}  # fmt: skip

DEPARTMENTS = [
    ("QH-SFJ", "青禾区司法局", OrgUnitKind.DEPARTMENT, [], 0),
    ("QH-SCJG", "青禾区市场监督管理局", OrgUnitKind.DEPARTMENT, ["SCJG"], 62),
    ("QH-STHJ", "青禾区生态环境局", OrgUnitKind.DEPARTMENT, ["STHJ"], 24),
    ("QH-YJGL", "青禾区应急管理局", OrgUnitKind.DEPARTMENT, ["YJGL"], 22),
    ("QH-CGZF", "青禾区城市管理综合执法局", OrgUnitKind.ENFORCEMENT_BODY, ["CSGL"], 48),
    ("QH-JTYS", "青禾区交通运输局", OrgUnitKind.DEPARTMENT, ["JTYS"], 20),
    ("QH-WSJK", "青禾区卫生健康委员会", OrgUnitKind.DEPARTMENT, ["WSJK"], 18),
    ("QH-WHLY", "青禾区文化和旅游局", OrgUnitKind.DEPARTMENT, ["WHLY"], 12),
    ("QH-ZFJS", "青禾区住房和建设委员会", OrgUnitKind.DEPARTMENT, ["ZFJS"], 16),
    ("QH-GHZY", "青禾区规划和自然资源局", OrgUnitKind.DEPARTMENT, ["GHZY"], 14),
    ("QH-NYNC", "青禾区农业农村委员会", OrgUnitKind.DEPARTMENT, ["NYNC"], 14),
    ("QH-RLSB", "青禾区人力资源和社会保障局", OrgUnitKind.DEPARTMENT, ["RLSB"], 10),
    ("QH-SWJ", "青禾区水务局", OrgUnitKind.DEPARTMENT, ["SWGL"], 10),
    ("QH-JYJ", "青禾区教育局", OrgUnitKind.DEPARTMENT, ["JYGL"], 8),
    ("QH-SWU", "青禾区商务局", OrgUnitKind.DEPARTMENT, ["SWSJ"], 6),
    ("QH-JD1", "青禾区东湖街道办事处", OrgUnitKind.TOWNSHIP, ["CSGL"], 8),
    ("QH-JD2", "青禾区西岭镇人民政府", OrgUnitKind.TOWNSHIP, ["CSGL"], 8),
]

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢"
    "蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵"
    "孟龙万段钱汤尹黎易常武乔贺赖龚文"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建文婷宇浩凯健俊帆雪琳晨欣怡博睿哲"

# One login per role of DESIGN.md §1 (the public needs no login).
DEMO_USERS = [
    ("zhifa", "周执法", Role.OFFICER, "QH-SCJG", False),
    ("shenhe", "林审核", Role.LEGAL_REVIEWER, "QH-SCJG", True),
    ("danwei", "郑管理", Role.UNIT_ADMIN, "QH-SCJG", False),
    ("jiandu", "陈监督", Role.SUPERVISOR, REGION_CODE, False),
    ("fuyi", "黄复议", Role.RECONSIDERATION_OFFICER, "QH-GOV", True),
    ("xitong", "吴系统", Role.SYSTEM_ADMIN, REGION_CODE, False),
]


@dataclass
class DemoOrgs:
    region: OrgUnit
    government: OrgUnit
    departments: dict[str, OrgUnit]
    officers: list[Officer] = field(default_factory=list)
    users: dict[str, User] = field(default_factory=dict)


def demo_citizen_id(rng: random.Random, *, sequence: int) -> str:
    """A valid-looking ID under a fictional address code, born 1965–1998."""
    birth = date(1965, 1, 1) + timedelta(days=rng.randrange(0, 33 * 365))
    first17 = f"{FICTIONAL_ADDRESS_CODE}{birth:%Y%m%d}{sequence % 1000:03d}"
    return first17 + citizen_id_check_char(first17)


def demo_name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def _issue_demo_certificate(
    *, actor: User | None, rng: random.Random, officer: Officer, domains: list[EnforcementDomain]
) -> None:
    """Give most officers a valid certificate; a few expired, suspended or revoked ones keep the
    participation and certification figures realistic."""
    number = f"QH{officer.pk:06d}"
    draw = rng.random()
    valid_to = date(2025, 6, 30) if draw < 0.03 else date(2028, 12, 31)  # ~3% expired mid-2025
    certificate = services.certificate_issue(
        actor=actor,
        officer=officer,
        number=number,
        issuer="青禾区人民政府",
        domains=domains,
        valid_from=date(2023, 1, 1),
        valid_to=valid_to,
        reason="演示数据：申领发证",
    )
    if 0.03 <= draw < 0.05:
        services.certificate_set_status(
            actor=actor,
            certificate=certificate,
            kind=CertificateEventKind.SUSPENDED,
            effective_on=date(2025, 9, 1),
            reason="演示数据：违规出借执法证件，暂扣",
        )
    elif 0.05 <= draw < 0.06:
        services.certificate_set_status(
            actor=actor,
            certificate=certificate,
            kind=CertificateEventKind.REVOKED,
            effective_on=date(2025, 3, 1),
            reason="演示数据：调离执法岗位，注销",
        )


def demo_exists() -> bool:
    return OrgUnit.objects.filter(code=REGION_CODE).exists()


def load(*, actor: User | None, rng: random.Random) -> DemoOrgs:
    """Create the district, departments, ~300 officers and one user per role (call once)."""
    reason = "加载演示数据"
    domains = {code: services.enforcement_domain_ensure(code=code, name=name) for code, name in DOMAINS}
    region = services.org_unit_create(
        actor=actor, code=REGION_CODE, name="青禾区", kind=OrgUnitKind.REGION, reason=reason
    )
    government = services.org_unit_create(
        actor=actor, code="QH-GOV", name="青禾区人民政府", kind=OrgUnitKind.GOVERNMENT, parent=region,
        document_prefix=GOVERNMENT_PREFIX, reason=reason,
    )  # fmt: skip
    result = DemoOrgs(region=region, government=government, departments={})
    sequence = 0
    used_ids: set[str] = set()
    for code, name, kind, domain_codes, officer_count in DEPARTMENTS:
        unit = services.org_unit_create(
            actor=actor,
            code=code,
            name=name,
            kind=kind,
            parent=government,
            document_prefix=DOCUMENT_PREFIXES[code],
            is_enforcement_body=bool(domain_codes),
            domains=[domains[c] for c in domain_codes],
            reason=reason,
        )
        result.departments[code] = unit
        for _ in range(officer_count):
            sequence += 1
            citizen_id = demo_citizen_id(rng, sequence=sequence)
            while citizen_id in used_ids:
                sequence += 1
                citizen_id = demo_citizen_id(rng, sequence=sequence)
            used_ids.add(citizen_id)
            person = services.person_create(
                actor=actor,
                name=demo_name(rng),
                citizen_id=citizen_id,
                phone=f"139{rng.randrange(10**8):08d}",
                reason=reason,
            )
            officer = services.officer_create(actor=actor, person=person, unit=unit, reason=reason)
            result.officers.append(officer)
            _issue_demo_certificate(actor=actor, rng=rng, officer=officer, domains=[domains[c] for c in domain_codes])
    all_units = {REGION_CODE: region, "QH-GOV": government, **result.departments}
    for username, display, role, unit_code, qualified in DEMO_USERS:
        sequence += 1
        person = services.person_create(
            actor=actor,
            name=display,
            citizen_id=demo_citizen_id(rng, sequence=sequence),
            has_legal_qualification=qualified,
            reason=reason,
        )
        user = services.user_create(
            actor=actor, username=username, password=DEMO_PASSWORD, display_name=display, person=person, reason=reason
        )
        services.role_assign(actor=actor, user=user, role=role, unit=all_units[unit_code], reason=reason)
        if role == Role.OFFICER:
            officer = services.officer_create(actor=actor, person=person, unit=all_units[unit_code], reason=reason)
            services.certificate_issue(
                actor=actor,
                officer=officer,
                number=f"QH{officer.pk:06d}",
                issuer="青禾区人民政府",
                domains=list(all_units[unit_code].domains.all()),
                valid_from=date(2023, 1, 1),
                valid_to=date(2028, 12, 31),
                reason="演示数据：申领发证",
            )
            result.officers.append(officer)
        result.users[username] = user
    return result
