"""Pure rules of power lists, check lists, discretion standards and the flexible lists.

No ORM, no clock, no settings: callers pass the values and the day. Every rule names the article it
rests on; the value objects carry the citation so the UI and documents can show why.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from fazhi.core.errors import DomainError
from fazhi.powers.choices import (
    CheckMethod,
    FlexibleMeasureKind,
    HarmLevel,
    ItemStatus,
    MitigatingGround,
    PowerCategory,
)

PENALTY_LAW = "《中华人民共和国行政处罚法》"
COERCION_LAW = "《中华人民共和国行政强制法》"
BASIS_ART_4_38 = f"{PENALTY_LAW}第四条、第三十八条第一款；{COERCION_LAW}第四条"
BASIS_ART_5_34 = f"{PENALTY_LAW}第五条第二款、第三十四条"
BASIS_ART_32 = f"{PENALTY_LAW}第三十二条"
BASIS_ART_33_1_FIRST = f"{PENALTY_LAW}第三十三条第一款（违法行为轻微并及时改正，没有造成危害后果）"
BASIS_ART_33_1_SECOND = f"{PENALTY_LAW}第三十三条第一款（初次违法且危害后果轻微并及时改正）"
BASIS_ART_33_2 = f"{PENALTY_LAW}第三十三条第二款"
BASIS_COERCION_16_2 = f"{COERCION_LAW}第十六条第二款"
BASIS_SPOT_CHECK = (
    "《优化营商环境条例》第五十四条；《国务院办公厅关于推广随机抽查规范事中事后监管的通知》（国办发〔2015〕58号）"
)

CODE_MAX_LENGTH = 64
# Codes appear in URLs and import files: no whitespace and no slash.
_CODE_RE = re.compile(r"^[^\s/\\]{1,64}$")
# Citations in one 设定依据 cell are separated by full- or half-width semicolons or line breaks.
_CITATION_SEPARATORS = re.compile(r"[；;\r\n]+")
# What people type into a basis cell when there is none.
_NO_BASIS_MARKERS = frozenset({"", "无", "暂无", "没有", "空", "-", "—", "——", "/", "／", "n/a", "none"})


# --- codes and choices ---------------------------------------------------------------------------


def require_valid_code(code: str, *, label: str = "事项编码") -> str:
    """Return the code stripped, or refuse an empty or malformed one (codes are used in URLs and files)."""
    value = (code or "").strip()
    if not value:
        raise DomainError(f"{label}不能为空。", code="code_required", fields={"code": [f"{label}不能为空。"]})
    if not _CODE_RE.match(value):
        raise DomainError(
            f"{label}“{value}”无效：不能包含空格或斜杠，长度不超过{CODE_MAX_LENGTH}。",
            code="invalid_code",
            fields={"code": [f"{label}格式错误。"]},
        )
    return value


def _choice(value: str, choices: type, *, label: str, code: str) -> str:
    text = (value or "").strip()
    for member in choices:
        if text in (member.value, str(member.label)):
            return str(member.value)
    allowed = "、".join(str(member.label) for member in choices)
    message = f"{label}为空，可选：{allowed}。" if not text else f"未知的{label}“{text}”，可选：{allowed}。"
    raise DomainError(message, code=code, fields={code: [message]})


def parse_category(value: str) -> str:
    """Return the category value for a label (行政处罚) or value (penalty); refuse anything else."""
    return _choice(value, PowerCategory, label="事项类别", code="unknown_category")


def parse_status(value: str) -> str:
    """Return the status for 有效/暂停/取消; an empty cell means 有效."""
    if not (value or "").strip():
        return str(ItemStatus.ACTIVE)
    return _choice(value, ItemStatus, label="状态", code="unknown_status")


def parse_check_method(value: str) -> str:
    return _choice(value, CheckMethod, label="检查方式", code="unknown_check_method")


def split_codes(text: str) -> list[str]:
    """Split a cell holding one or more codes (separated by ；;、,， or whitespace), keeping order, no repeats."""
    seen: list[str] = []
    for part in re.split(r"[；;、,，\s]+", text or ""):
        if part and part not in seen:
            seen.append(part)
    return seen


_NUM = "[零〇一二三四五六七八九十百千两0-9０-９]+"
# 《法规名称》（版本注）第N条之M第N款第N项 — the part of a basis cell the legal library can resolve.
_CITATION_RE = re.compile(
    rf"《[^《》]+》(?:[（(][^）)]*[)）])?第{_NUM}条(?:之[一二三四五六七八九十]+)?(?:第{_NUM}款)?(?:第{_NUM}项)?"
)


def citations_in(text: str) -> list[str]:
    """Return the article citations found in a basis text, in order, without repeats.

    "1.《中华人民共和国行政处罚法》第三十三条第一款：违法行为轻微……；《行政强制法》第十六条" gives the two
    citations; a cell that names a source without an article gives none.
    """
    found: list[str] = []
    for part in split_citations(text):
        for match in _CITATION_RE.finditer(re.sub(r"\s+", "", part)):
            if match.group(0) not in found:
                found.append(match.group(0))
    return found


def split_citations(text: str) -> list[str]:
    """Split a 设定依据 cell into its citations (separated by ；, ; or line breaks), blanks dropped."""
    return [part.strip() for part in _CITATION_SEPARATORS.split(text or "") if part.strip()]


# --- legal basis ---------------------------------------------------------------------------------


def basis_is_stated(basis_text: str) -> bool:
    """True when a basis cell says something other than a 'none' placeholder (无, —, …)."""
    return (basis_text or "").strip().lower() not in _NO_BASIS_MARKERS


def require_power_item_basis(*, basis_text: str, article_count: int) -> None:
    """Refuse a power item without a legal basis: a power not granted by law cannot be listed.

    Legal basis: 《中华人民共和国行政处罚法》第四条 ("……依照本法由法律、法规、规章规定，并由行政机关依照
    本法规定的程序实施"), 第三十八条第一款 ("行政处罚没有依据……的，行政处罚无效"); 《中华人民共和国行政强制法》
    第四条 ("行政强制的设定和实施，应当依照法定的权限、范围、条件和程序").
    Interpretation: the same principle (法无授权不可为) is applied to every category of the list; a
    basis is either an article resolved in the legal library or a stated 设定依据 text.
    """
    if article_count <= 0 and not basis_is_stated(basis_text):
        message = "设定依据不能为空：没有法定依据的权力不得列入权责清单（法无授权不可为）。"
        raise DomainError(message, code="legal_basis_required", fields={"basis_text": [message]})


def check_item_has_legal_basis(*, basis_text: str, article_count: int) -> bool:
    """Return whether a check item states its legal basis (检查依据).

    Legal basis: 《优化营商环境条例》第五十四条; 国办发〔2015〕58号 (随机抽查事项清单: "法律法规规章没有规定的，
    一律不得擅自开展检查") — secondary source, see RULES.md §8.2.
    Interpretation: linked power items do not count; the check list itself must state the article.
    """
    return article_count > 0 or basis_is_stated(basis_text)


def require_check_item_samplable(*, has_legal_basis: bool, status: str, code: str = "") -> None:
    """Refuse to sample (抽查) a check item that has no legal basis or is not in force.

    Legal basis: 《优化营商环境条例》第五十四条; 国办发〔2015〕58号 ("法律法规规章没有规定的，一律不得擅自开展
    检查"; RULES.md §8.2, secondary source).
    """
    label = f"检查事项“{code}”" if code else "检查事项"
    if not has_legal_basis:
        raise DomainError(f"{label}没有检查依据，不得列入抽查（法无授权不可为）。", code="check_item_without_basis")
    if status != ItemStatus.ACTIVE:
        raise DomainError(f"{label}已{ItemStatus(status).label}，不得列入抽查。", code="check_item_not_active")


# --- dates ---------------------------------------------------------------------------------------


def require_effective_period(*, effective_from: date | None, effective_to: date | None) -> None:
    """Refuse a period that ends before it starts."""
    if effective_from and effective_to and effective_to < effective_from:
        message = "失效日期不能早于生效日期。"
        raise DomainError(message, code="invalid_effective_period", fields={"effective_to": [message]})


def is_in_force(*, effective_from: date | None, effective_to: date | None, on: date) -> bool:
    """True when `on` lies in [effective_from, effective_to]; a missing bound is open.

    Legal basis: 《中华人民共和国行政处罚法》第三十七条 ("实施行政处罚，适用违法行为发生时的法律、法规、规章的
    规定") — a list entry is judged as it stood on the day in question.
    Interpretation: both bounds are inclusive; `effective_to` is the last day the entry applies.
    """
    return (effective_from is None or effective_from <= on) and (effective_to is None or on <= effective_to)


def power_item_in_force(*, status: str, effective_from: date | None, effective_to: date | None, on: date) -> bool:
    """True when a power item may be exercised on `on`: listed as 有效 and inside its dates.

    Legal basis: 《中华人民共和国行政处罚法》第三十八条第一款 (a penalty without basis is void) — a suspended or
    cancelled item is no basis.
    """
    return status == ItemStatus.ACTIVE and is_in_force(effective_from=effective_from, effective_to=effective_to, on=on)


# --- in-force spans of the owner units (derived data, read by supervision) ----------------------

# The open ends of an item's dates, stored as the first and last representable days so that a span
# containing a day is one range test (starts_on <= day <= ends_on) on both databases.
OPEN_START = date.min
OPEN_END = date.max


def in_force_span(*, status: str, effective_from: date | None, effective_to: date | None) -> tuple[date, date] | None:
    """The days (first, last; open ends as OPEN_START/OPEN_END) on which an item counts as in force, or None.

    Derived data, no basis of its own: the same definition as power_item_in_force (有效 and inside its
    dates), so that power_item_in_force(…, on=day) is True exactly when the span contains `day`.
    """
    if status != ItemStatus.ACTIVE:
        return None
    return (effective_from or OPEN_START, effective_to or OPEN_END)


def owner_in_force_spans(
    items: Iterable[tuple[int, str, date | None, date | None]],
) -> Counter[tuple[int, date, date]]:
    """(owner unit id, first day, last day) → number of items with exactly that in-force span.

    `items` are (owner unit id, status, effective_from, effective_to). Derived data: the number of
    an owner's items in force on a day (权责事项总数) is the sum of its spans containing that day.
    """
    spans: Counter[tuple[int, date, date]] = Counter()
    for owner_id, status, effective_from, effective_to in items:
        span = in_force_span(status=status, effective_from=effective_from, effective_to=effective_to)
        if span is not None:
            spans[(owner_id, *span)] += 1
    return spans


# --- discretion standards (裁量基准) ---------------------------------------------------------------


def require_fine_range(
    *,
    fine_min: Decimal | None,
    fine_max: Decimal | None,
    statutory_min: Decimal | None,
    statutory_max: Decimal | None,
) -> None:
    """Refuse a discretion band that is inverted, negative or outside the statutory fine range.

    Legal basis: 《中华人民共和国行政处罚法》第三十四条 ("行政机关可以依法制定行政处罚裁量基准，规范行使行政处罚
    裁量权"), 第五条第二款 ("设定和实施行政处罚……与违法行为的事实、性质、情节以及社会危害程度相当").
    Interpretation: a standard refines the statutory range and cannot widen it ("依法"); bounds are
    inclusive; a missing statutory bound is not checked.
    """
    problems: dict[str, list[str]] = {}
    for field, value in (
        ("fine_min", fine_min),
        ("fine_max", fine_max),
        ("statutory_min", statutory_min),
        ("statutory_max", statutory_max),
    ):
        if value is not None and value < 0:
            problems.setdefault(field, []).append("罚款金额不能为负数。")
    if fine_min is not None and fine_max is not None and fine_min > fine_max:
        problems.setdefault("fine_max", []).append("罚款上限不能低于罚款下限。")
    if statutory_min is not None and statutory_max is not None and statutory_min > statutory_max:
        problems.setdefault("statutory_max", []).append("法定罚款上限不能低于法定罚款下限。")
    if statutory_min is not None and fine_min is not None and fine_min < statutory_min:
        problems.setdefault("fine_min", []).append(f"罚款下限低于法定下限{statutory_min}元。")
    if statutory_max is not None and fine_max is not None and fine_max > statutory_max:
        problems.setdefault("fine_max", []).append(f"罚款上限超过法定上限{statutory_max}元。")
    if problems:
        message = "裁量基准的罚款幅度无效：" + "；".join(m for messages in problems.values() for m in messages)
        raise DomainError(message, code="invalid_fine_range", fields=problems)


def fine_within_band(*, amount: Decimal, fine_min: Decimal | None, fine_max: Decimal | None) -> bool:
    """True when a proposed fine lies inside a discretion band (bounds inclusive, missing bound open).

    Legal basis: 《中华人民共和国行政处罚法》第三十四条 — a published standard binds the authority's discretion.
    """
    return (fine_min is None or amount >= fine_min) and (fine_max is None or amount <= fine_max)


# --- flexible lists (三张清单) --------------------------------------------------------------------


def require_first_violation_allowed(*, kind: str, is_first_violation: bool) -> None:
    """Only an entry of the 不予处罚 list can be a 首违不罚 entry.

    Legal basis: 《中华人民共和国行政处罚法》第三十三条第一款 ("初次违法且危害后果轻微并及时改正的，可以不予
    行政处罚").
    """
    if is_first_violation and kind != FlexibleMeasureKind.NO_PENALTY:
        message = "“首违不罚”只适用于不予处罚清单。"
        raise DomainError(message, code="first_violation_wrong_list", fields={"is_first_violation": [message]})


@dataclass(frozen=True, slots=True)
class ViolationFacts:
    """What a case has established, as far as the flexible lists ask."""

    first_violation: bool = False  # 初次违法
    harm: str = HarmLevel.SIGNIFICANT  # 危害后果
    corrected_in_time: bool = False  # 及时改正
    minor_violation: bool = False  # 违法行为轻微 / 情节显著轻微
    no_fault: bool = False  # 有证据足以证明没有主观过错
    mitigating_grounds: frozenset[str] = frozenset()  # 行政处罚法 Art. 32 grounds


@dataclass(frozen=True, slots=True)
class Applicability:
    """Whether a list entry applies to the facts, whether the law then obliges it, and why."""

    applies: bool
    mandatory: bool
    reason: str
    legal_basis: str


def first_violation_waiver_applies(facts: ViolationFacts) -> Applicability:
    """Return whether 首违不罚 applies: first violation, at most minor harm, corrected in time.

    Legal basis: 《中华人民共和国行政处罚法》第三十三条第一款 ("违法行为轻微并及时改正，没有造成危害后果的，
    不予行政处罚。初次违法且危害后果轻微并及时改正的，可以不予行政处罚。").
    Interpretation: all three conditions are cumulative; "没有造成危害后果" satisfies "危害后果轻微".
    The result is discretionary ("可以") unless the first sentence also holds (minor violation, no
    harm, corrected), when not penalising is mandatory ("不予").
    """
    missing = []
    if not facts.first_violation:
        missing.append("非初次违法")
    if facts.harm not in (HarmLevel.NONE, HarmLevel.MINOR):
        missing.append("危害后果不属轻微")
    if not facts.corrected_in_time:
        missing.append("未及时改正")
    if missing:
        return Applicability(False, False, "不适用首违不罚：" + "、".join(missing) + "。", BASIS_ART_33_1_SECOND)
    if facts.minor_violation and facts.harm == HarmLevel.NONE:
        return Applicability(
            True, True, "违法行为轻微并及时改正，没有造成危害后果，应当不予处罚。", BASIS_ART_33_1_FIRST
        )
    return Applicability(True, False, "初次违法且危害后果轻微并及时改正，可以不予处罚。", BASIS_ART_33_1_SECOND)


def no_penalty_applies(facts: ViolationFacts) -> Applicability:
    """Return whether the mandatory no-penalty grounds of Art. 33 apply (not 首违不罚, see above).

    Legal basis: 《中华人民共和国行政处罚法》第三十三条第一款 ("违法行为轻微并及时改正，没有造成危害后果的，
    不予行政处罚"), 第二款 ("当事人有证据足以证明没有主观过错的，不予行政处罚。法律、行政法规另有规定的，从其
    规定").
    Interpretation: the 第二款 exception ("另有规定") is left to the entry's own conditions text.
    """
    if facts.minor_violation and facts.corrected_in_time and facts.harm == HarmLevel.NONE:
        return Applicability(
            True, True, "违法行为轻微并及时改正，没有造成危害后果，应当不予处罚。", BASIS_ART_33_1_FIRST
        )
    if facts.no_fault:
        return Applicability(True, True, "有证据足以证明没有主观过错，应当不予处罚。", BASIS_ART_33_2)
    return Applicability(
        False,
        False,
        "不适用不予处罚：须违法行为轻微、及时改正且没有造成危害后果，或者能证明没有主观过错。",
        BASIS_ART_33_1_FIRST,
    )


def lighter_penalty_applies(facts: ViolationFacts) -> Applicability:
    """Return whether a statutory ground for a lighter or reduced penalty is established.

    Legal basis: 《中华人民共和国行政处罚法》第三十二条 ("当事人有下列情形之一，应当从轻或者减轻行政处罚：
    （一）主动消除或者减轻违法行为危害后果的；（二）受他人胁迫或者诱骗实施违法行为的；（三）主动供述行政机关
    尚未掌握的违法行为的；（四）配合行政机关查处违法行为有立功表现的；（五）……其他……").
    """
    grounds = [MitigatingGround(g).label for g in MitigatingGround if g in facts.mitigating_grounds]
    if grounds:
        return Applicability(
            True, True, "具有应当从轻或者减轻处罚的情形：" + "；".join(map(str, grounds)) + "。", BASIS_ART_32
        )
    return Applicability(False, False, "没有应当从轻或者减轻处罚的法定情形。", BASIS_ART_32)


def no_coercive_measure_applies(facts: ViolationFacts) -> Applicability:
    """Return whether a coercive measure may be dispensed with.

    Legal basis: 《中华人民共和国行政强制法》第十六条第二款 ("违法行为情节显著轻微或者没有明显社会危害的，
    可以不采取行政强制措施").
    Interpretation: "没有明显社会危害" is read as no harm (HarmLevel.NONE); the result is discretionary.
    """
    if facts.minor_violation or facts.harm == HarmLevel.NONE:
        return Applicability(
            True, False, "情节显著轻微或者没有明显社会危害，可以不采取行政强制措施。", BASIS_COERCION_16_2
        )
    return Applicability(False, False, "不适用：情节并非显著轻微，且有社会危害。", BASIS_COERCION_16_2)


def flexible_measure_applies(*, kind: str, is_first_violation: bool, facts: ViolationFacts) -> Applicability:
    """Dispatch to the rule of the entry's list (see the four rules above for their legal bases).

    Legal basis: 《中华人民共和国行政处罚法》第三十二条、第三十三条; 《中华人民共和国行政强制法》第十六条第二款.
    """
    if kind == FlexibleMeasureKind.NO_PENALTY:
        return first_violation_waiver_applies(facts) if is_first_violation else no_penalty_applies(facts)
    if kind == FlexibleMeasureKind.LIGHTER_PENALTY:
        return lighter_penalty_applies(facts)
    return no_coercive_measure_applies(facts)


@dataclass(frozen=True, slots=True)
class MeasureTerms:
    """The parts of a FlexibleMeasure the matching rule reads (built by the selector)."""

    key: int
    kind: str
    is_first_violation: bool
    effective_from: date
    effective_to: date | None


def flexible_measures_matching(
    *, measures: Iterable[MeasureTerms], facts: ViolationFacts, on: date
) -> list[tuple[MeasureTerms, Applicability]]:
    """Return the entries in force on `on` whose list applies to the facts, mandatory ones first.

    Legal basis: 《中华人民共和国行政处罚法》第三十二条、第三十三条、第三十七条; 《中华人民共和国行政强制法》
    第十六条第二款.
    """
    matches = []
    for terms in measures:
        if not is_in_force(effective_from=terms.effective_from, effective_to=terms.effective_to, on=on):
            continue
        verdict = flexible_measure_applies(kind=terms.kind, is_first_violation=terms.is_first_violation, facts=facts)
        if verdict.applies:
            matches.append((terms, verdict))
    return sorted(matches, key=lambda pair: (not pair[1].mandatory, pair[0].kind, pair[0].key))


# --- how list entries hang together --------------------------------------------------------------


def require_unit_reaches(*, acting_unit_path: str, owner_unit_path: str, label: str) -> None:
    """Refuse linking an entry to a power item of a unit that is neither the same unit nor above it.

    Legal basis: 《中华人民共和国行政处罚法》第十七条 ("行政处罚由具有行政处罚权的行政机关在法定职权范围内
    实施") — a unit acts under its own powers, or those of the body it belongs to.
    """
    if not acting_unit_path.startswith(owner_unit_path):
        message = f"{label}不属于本单位或上级单位，不能关联。"
        raise DomainError(message, code="power_item_other_unit", fields={"power_items": [message]})


def require_penalty_item(*, category: str, code: str) -> None:
    """A discretion standard refines a penalty power.

    Legal basis: 《中华人民共和国行政处罚法》第三十四条 ("行政机关可以依法制定行政处罚裁量基准").
    """
    if category != PowerCategory.PENALTY:
        message = f"权责事项“{code}”不是行政处罚事项，不能设定行政处罚裁量基准。"
        raise DomainError(message, code="not_a_penalty_item", fields={"power_item": [message]})


def require_measure_fits_item(*, kind: str, category: str, code: str) -> None:
    """不予处罚 / 从轻减轻 entries belong to penalty items, 不予实施行政强制措施 entries to coercion items.

    Legal basis: 《中华人民共和国行政处罚法》第三十二条、第三十三条; 《中华人民共和国行政强制法》第十六条第二款.
    """
    expected = PowerCategory.COERCION if kind == FlexibleMeasureKind.NO_COERCIVE_MEASURE else PowerCategory.PENALTY
    if category != expected:
        message = (
            f"{FlexibleMeasureKind(kind).label}清单只能关联{expected.label}事项，权责事项“{code}”属于"
            f"{PowerCategory(category).label}。"
        )
        raise DomainError(message, code="measure_item_category", fields={"power_item": [message]})
