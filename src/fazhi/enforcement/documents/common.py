"""What several documents print the same way: the party, the officers, amounts, the 复议机关.

Reads go through the enforcement and orgs selectors; nothing here writes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from fazhi.core.documents import OfficialDocument, format_date
from fazhi.enforcement import rules, selectors
from fazhi.enforcement.choices import EvidenceType, PartyKind, PenaltyType
from fazhi.enforcement.models import Inspection, PenaltyCase
from fazhi.orgs.choices import OrgUnitKind
from fazhi.orgs.models import Officer, OrgUnit
from fazhi.orgs.selectors import org_unit_ancestors

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_BIG_UNITS = ("", "万", "亿", "万亿")


def rmb_upper(amount: Decimal) -> str:
    """Return an amount in 大写 as financial documents write it: 5000 → 伍仟元整, 1203.5 → 壹仟贰佰零叁元伍角.

    Accounting rule (会计基础工作规范 第五十二条): 大写金额到元或角为止的，在"元"或"角"字之后写"整"字.
    """
    cents = int((Decimal(amount) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if cents < 0:
        raise ValueError("amount must not be negative")
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    text = _integer_upper(yuan) + "元" if yuan else ""
    if jiao == 0 and fen == 0:
        return (text or "零元") + "整"
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif yuan:
        text += "零"
    if fen:
        text += _DIGITS[fen] + "分"
    else:
        text += "整"
    return text


def _integer_upper(number: int) -> str:
    groups: list[int] = []
    while number:
        groups.append(number % 10000)
        number //= 10000
    parts: list[str] = []
    zero_pending = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero_pending = bool(parts)
            continue
        if parts and (zero_pending or group < 1000):
            parts.append("零")
        zero_pending = False
        parts.append(_group_upper(group) + _BIG_UNITS[index])
    return "".join(parts)


def _group_upper(group: int) -> str:
    digits = f"{group:04d}"
    text, zero = "", False
    for position, char in enumerate(digits):
        digit = int(char)
        if digit == 0:
            zero = bool(text)
            continue
        if zero:
            text += "零"
            zero = False
        text += _DIGITS[digit] + _SMALL_UNITS[3 - position]
    return text


def money(amount: Decimal) -> str:
    """人民币伍仟元整（¥5,000.00）."""
    return f"人民币{rmb_upper(amount)}（¥{Decimal(amount):,.2f}）"


def party_is_person(kind: str) -> bool:
    return kind == PartyKind.PERSON


def party_lines(*, kind: str, name: str, code: str, address: str, masked: bool = False) -> list[tuple[str, str]]:
    """The 当事人 block of Art. 59(1): name, ID or credit code, address; masked only for publication."""
    if masked:
        public = rules.public_party(kind=kind, name=name, code=code, address=address)
        name, code, address = public.name, public.code, public.address
    if party_is_person(kind):
        return [("当事人", name), ("公民身份号码", code), ("住址", address or "（未登记）")]
    return [("当事人", name), ("统一社会信用代码", code), ("住所", address or "（未登记）")]


def case_party_lines(case: PenaltyCase, *, masked: bool = False) -> list[tuple[str, str]]:
    return party_lines(
        kind=case.party_kind, name=case.party_name, code=case.party_code, address=case.party_address, masked=masked
    )


def you(kind: str) -> str:
    """How a document addresses the party: 你 (a person) or 你单位 (an organisation)."""
    return "你" if party_is_person(kind) else "你单位"


@dataclass(frozen=True, slots=True)
class OfficerLine:
    name: str
    certificate: str


def officer_lines(officers: Iterable[Officer], *, on: date) -> list[OfficerLine]:
    """Officers with the number of the certificate held on `on` (Art. 42, 55: 出示执法证件)."""
    lines = []
    for officer in officers:
        held = [c for c in officer.certificates.all() if c.valid_from <= on]
        best = max(held, key=lambda c: c.valid_to, default=None)
        lines.append(OfficerLine(officer.person.name, best.number if best else "（无执法证）"))
    return sorted(lines, key=lambda line: line.name)


def case_officers(case: PenaltyCase, *, on: date) -> list[OfficerLine]:
    return officer_lines(case.officers.select_related("person").prefetch_related("certificates"), on=on)


def inspection_officers(inspection: Inspection) -> list[OfficerLine]:
    officers = inspection.officers.select_related("person").prefetch_related("certificates")
    return officer_lines(officers, on=inspection.occurred_on)


def officers_text(lines: Sequence[OfficerLine]) -> str:
    return "、".join(f"{line.name}（执法证号：{line.certificate}）" for line in lines) or "（未指派）"


def reconsideration_body(unit: OrgUnit) -> str:
    """The 行政复议机关 for acts of `unit`: the nearest 人民政府 above it (行政复议法 第二十四条第一款第一项).

    Vertically managed sectors (海关、金融、外汇、税务、国家安全, Art. 27) go to the next-level
    department instead; such units should be placed under that department in the org tree.
    """
    ancestors = org_unit_ancestors(unit=unit)
    governments = [u for u in ancestors if u.kind == OrgUnitKind.GOVERNMENT]
    if governments:
        return governments[-1].name
    return ancestors[-1].name if ancestors else "依法有管辖权的行政复议机关"


def penalty_labels(types: Sequence[str]) -> list[str]:
    return [str(PenaltyType(kind).label) if kind in PenaltyType.values else kind for kind in types]


def penalty_items(*, types: Sequence[str], fine: Decimal, confiscation: Decimal) -> list[str]:
    """The penalty as numbered items: 罚款人民币伍仟元整（¥5,000.00）; 没收违法所得人民币……."""
    items = []
    for kind in types:
        label = str(PenaltyType(kind).label) if kind in PenaltyType.values else kind
        if kind == PenaltyType.FINE and fine:
            items.append(f"罚款{money(fine)}")
        elif kind == PenaltyType.CONFISCATE_GAINS and confiscation:
            items.append(f"没收违法所得{money(confiscation)}")
        elif kind == PenaltyType.CONFISCATE_PROPERTY and confiscation:
            items.append(f"没收非法财物（价值{money(confiscation)}）")
        else:
            items.append(label)
    return items


def evidence_lines(case: PenaltyCase) -> list[str]:
    """The evidence of the case as the 决定书 lists it: 种类：名称（取得日期）."""
    rows = []
    for item in selectors.case_evidence(case=case):
        kind = str(EvidenceType(item.evidence_type).label) if item.evidence_type in EvidenceType.values else ""
        rows.append(f"{kind}：{item.title}（{format_date(item.collected_on)}取得）")
    return rows


def add_party_block(document: OfficialDocument, lines: Sequence[tuple[str, str]]) -> None:
    """当事人：…… lines flush left, as 决定书 and 告知书 open."""
    for label, value in lines:
        document.add_heading(f"{label}：", level=4, numbered=False, body=value)


def not_blank(text: str, fallback: str) -> str:
    text = (text or "").strip()
    return text or fallback


# How a statement of facts already opens when the officer wrote its lead-in (经查 also covers 经查明, 经查实),
# or the agency's own account of the inspection ("本机关于…检查发现…"): no second lead-in in front of it.
FACTS_LEADS = ("经查", "查明", "经调查", "调查发现", "本机关")


def facts_with_lead(text: str, *, lead: str) -> str:
    """The 违法事实 as a document prints it: `lead` ("经查，", "经查明：") in front, unless the text has one.

    The 告知书 states the facts (《中华人民共和国行政处罚法》第四十四条) and the 决定书 the facts found
    (第五十九条第一款第二项); officers often write them as "经查，当事人……", which the document must not
    print as "经查，经查，当事人……". Text the caller has not filled in is the caller's (not_blank) to replace.
    """
    text = (text or "").strip()
    return text if text.startswith(FACTS_LEADS) else f"{lead}{text}"


SIGN_DATE = "　　　　　　　　年　　月　　日"


def sign_line(role: str, opinion: str = "") -> str:
    """An opinion box of a form: the printed opinion, then "承办人（签名）：…年 月 日" to sign by hand."""
    return f"{opinion}\n{role}（签名）：{SIGN_DATE}"


def date_or_blank(day: date | None) -> str:
    return format_date(day) if day else "　　　　年　　月　　日"


PROVISION = re.compile(r"第[一二三四五六七八九十百千零〇\d]+条")


def grounds_sentence(text: str, *, party: str, lead: str = "") -> str:
    """The 理由 (告知 grounds) as a sentence; "" when blank.

    A provision ("违反了《…》第…条的规定", "《…》第…条") reads "{party}的上述行为违反了…"; any other reason the
    officer wrote (如 "以上事实有现场笔录、询问笔录为证") is quoted as it stands, never glued after "违反了".
    `lead` ("本机关认为") opens the sentence.
    """
    text = text.strip().rstrip("。；;")
    if not text:
        return ""
    if text.startswith(("违反", "构成", "属于")):
        return f"{lead}{'，' if lead else ''}{party}的上述行为{text}。"
    if text.startswith("《") or text.endswith("规定") or ("，" not in text and PROVISION.search(text)):
        return f"{lead}{'，' if lead else ''}{party}的上述行为违反了{text}。"
    return f"{lead}：{text}。" if lead else f"{text}。"
