"""Pure rule tables: no database."""

from datetime import date
from decimal import Decimal

import pytest

from fazhi.core.errors import DomainError
from fazhi.powers import rules
from fazhi.powers.choices import FlexibleMeasureKind, HarmLevel, ItemStatus, MitigatingGround, PowerCategory
from fazhi.powers.rules import MeasureTerms, ViolationFacts

D = Decimal


@pytest.mark.parametrize(
    ("_case", "value", "expected"),
    [
        ("Chinese label", "行政处罚", PowerCategory.PENALTY),
        ("label with spaces", " 行政许可 ", PowerCategory.LICENSING),
        ("stored value", "inspection", PowerCategory.INSPECTION),
        ("the tenth category", "其他行政权力", PowerCategory.OTHER),
    ],
)
def test_parse_category(_case: str, value: str, expected: str) -> None:
    assert rules.parse_category(value) == expected


@pytest.mark.parametrize("value", ["", "行政处分", "处罚"])
def test_unknown_category_is_refused_with_the_allowed_list(value: str) -> None:
    with pytest.raises(DomainError) as error:
        rules.parse_category(value)
    assert error.value.code == "unknown_category"
    assert "行政裁决" in error.value.message


def test_status_defaults_to_active_and_reads_labels() -> None:
    assert rules.parse_status("") == ItemStatus.ACTIVE
    assert rules.parse_status("暂停") == ItemStatus.SUSPENDED
    with pytest.raises(DomainError, match="未知的状态"):
        rules.parse_status("作废")


@pytest.mark.parametrize(("code", "ok"), [("QL-001", True), ("330100-XK-01", True), ("", False), ("A B", False)])
def test_codes(code: str, ok: bool) -> None:
    if ok:
        assert rules.require_valid_code(f" {code} ") == code
    else:
        with pytest.raises(DomainError):
            rules.require_valid_code(code)


def test_code_with_slash_or_too_long_is_refused() -> None:
    for code in ("A/B", "X" * 65):
        with pytest.raises(DomainError, match="无效"):
            rules.require_valid_code(code)


@pytest.mark.parametrize(
    ("_case", "text", "expected"),
    [
        ("one citation", "《中华人民共和国行政处罚法》第三十三条", ["《中华人民共和国行政处罚法》第三十三条"]),
        (
            "full-width and half-width separators",
            "《甲法》第一条；《乙法》第二条第一款;《丙条例》第三条之一",
            ["《甲法》第一条", "《乙法》第二条第一款", "《丙条例》第三条之一"],
        ),
        ("quoted text after the citation", "1.《甲法》第十条：应当……", ["《甲法》第十条"]),
        ("a source without an article", "《甲市示范办法》", []),
        ("repeated citation once", "《甲法》第一条；《甲法》第一条", ["《甲法》第一条"]),
        ("no basis at all", "", []),
    ],
)
def test_citations_in(_case: str, text: str, expected: list[str]) -> None:
    assert rules.citations_in(text) == expected


def test_split_codes_accepts_every_separator_and_drops_repeats() -> None:
    assert rules.split_codes("A；B;C、D,E，F G；A") == ["A", "B", "C", "D", "E", "F", "G"]


@pytest.mark.parametrize(
    ("_case", "text", "articles", "ok"),
    [
        ("text only", "《某市示范条例》第三条", 0, True),
        ("article only", "", 1, True),
        ("nothing", "", 0, False),
        ("placeholder 无", "无", 0, False),
        ("placeholder dash", "—", 0, False),
    ],
)
def test_power_item_needs_a_legal_basis(_case: str, text: str, articles: int, ok: bool) -> None:
    if ok:
        rules.require_power_item_basis(basis_text=text, article_count=articles)
    else:
        with pytest.raises(DomainError) as error:
            rules.require_power_item_basis(basis_text=text, article_count=articles)
        assert error.value.code == "legal_basis_required"
        assert "法无授权不可为" in error.value.message


@pytest.mark.parametrize(
    ("text", "articles", "expected"), [("《甲法》第一条", 0, True), ("", 2, True), ("暂无", 0, False), ("", 0, False)]
)
def test_check_item_has_legal_basis(text: str, articles: int, expected: bool) -> None:
    assert rules.check_item_has_legal_basis(basis_text=text, article_count=articles) is expected


def test_check_item_without_basis_cannot_be_sampled() -> None:
    with pytest.raises(DomainError) as error:
        rules.require_check_item_samplable(has_legal_basis=False, status=ItemStatus.ACTIVE, code="JC-1")
    assert error.value.code == "check_item_without_basis"
    assert "JC-1" in error.value.message


def test_suspended_check_item_cannot_be_sampled_and_active_one_can() -> None:
    with pytest.raises(DomainError, match="暂停"):
        rules.require_check_item_samplable(has_legal_basis=True, status=ItemStatus.SUSPENDED)
    rules.require_check_item_samplable(has_legal_basis=True, status=ItemStatus.ACTIVE)


@pytest.mark.parametrize(
    ("_case", "start", "end", "on", "expected"),
    [
        ("inside", date(2024, 1, 1), date(2024, 12, 31), date(2024, 6, 1), True),
        ("first day counts", date(2024, 1, 1), None, date(2024, 1, 1), True),
        ("last day counts", None, date(2024, 12, 31), date(2024, 12, 31), True),
        ("day after the end", None, date(2024, 12, 31), date(2025, 1, 1), False),
        ("before the start", date(2024, 1, 1), None, date(2023, 12, 31), False),
        ("open both ends", None, None, date(1999, 1, 1), True),
    ],
)
def test_is_in_force(_case: str, start: date | None, end: date | None, on: date, expected: bool) -> None:
    assert rules.is_in_force(effective_from=start, effective_to=end, on=on) is expected


def test_power_item_in_force_needs_active_status() -> None:
    on = date(2024, 6, 1)
    assert rules.power_item_in_force(status=ItemStatus.ACTIVE, effective_from=None, effective_to=None, on=on)
    assert not rules.power_item_in_force(status=ItemStatus.CANCELLED, effective_from=None, effective_to=None, on=on)


def test_inverted_period_is_refused() -> None:
    with pytest.raises(DomainError, match="失效日期"):
        rules.require_effective_period(effective_from=date(2024, 2, 1), effective_to=date(2024, 1, 31))
    rules.require_effective_period(effective_from=date(2024, 2, 1), effective_to=date(2024, 2, 1))


@pytest.mark.parametrize(
    ("_case", "fmin", "fmax", "smin", "smax", "bad_field"),
    [
        ("inside the statute", D(1000), D(3000), D(1000), D(10000), None),
        ("touching both statutory bounds", D(1000), D(10000), D(1000), D(10000), None),
        ("no statutory range known", D(0), D(500), None, None, None),
        ("warning only, no fine", None, None, D(1000), D(10000), None),
        ("below the statutory minimum", D(500), D(3000), D(1000), D(10000), "fine_min"),
        ("above the statutory maximum", D(5000), D("10000.01"), D(1000), D(10000), "fine_max"),
        ("inverted band", D(3000), D(1000), None, None, "fine_max"),
        ("negative amount", D(-1), D(100), None, None, "fine_min"),
        ("inverted statute", None, None, D(5000), D(1000), "statutory_max"),
    ],
)
def test_fine_range(_case, fmin, fmax, smin, smax, bad_field) -> None:
    if bad_field is None:
        rules.require_fine_range(fine_min=fmin, fine_max=fmax, statutory_min=smin, statutory_max=smax)
    else:
        with pytest.raises(DomainError) as error:
            rules.require_fine_range(fine_min=fmin, fine_max=fmax, statutory_min=smin, statutory_max=smax)
        assert error.value.code == "invalid_fine_range"
        assert bad_field in error.value.fields


@pytest.mark.parametrize(
    ("amount", "expected"), [(D(1000), True), (D(3000), True), (D("999.99"), False), (D("3000.01"), False)]
)
def test_fine_within_band(amount: Decimal, expected: bool) -> None:
    assert rules.fine_within_band(amount=amount, fine_min=D(1000), fine_max=D(3000)) is expected


def test_first_violation_flag_only_on_the_no_penalty_list() -> None:
    rules.require_first_violation_allowed(kind=FlexibleMeasureKind.NO_PENALTY, is_first_violation=True)
    rules.require_first_violation_allowed(kind=FlexibleMeasureKind.LIGHTER_PENALTY, is_first_violation=False)
    with pytest.raises(DomainError) as error:
        rules.require_first_violation_allowed(kind=FlexibleMeasureKind.LIGHTER_PENALTY, is_first_violation=True)
    assert error.value.code == "first_violation_wrong_list"


FIRST_MINOR_CORRECTED = ViolationFacts(first_violation=True, harm=HarmLevel.MINOR, corrected_in_time=True)


@pytest.mark.parametrize(
    ("_case", "facts", "applies", "mandatory"),
    [
        ("first violation, minor harm, corrected: may waive", FIRST_MINOR_CORRECTED, True, False),
        (
            "no harm and a minor violation: must waive (Art. 33 ¶1 first sentence)",
            ViolationFacts(first_violation=True, harm=HarmLevel.NONE, corrected_in_time=True, minor_violation=True),
            True,
            True,
        ),
        ("second violation", ViolationFacts(harm=HarmLevel.MINOR, corrected_in_time=True), False, False),
        (
            "significant harm",
            ViolationFacts(first_violation=True, harm=HarmLevel.SIGNIFICANT, corrected_in_time=True),
            False,
            False,
        ),
        ("not corrected in time", ViolationFacts(first_violation=True, harm=HarmLevel.MINOR), False, False),
    ],
)
def test_first_violation_waiver(_case: str, facts: ViolationFacts, applies: bool, mandatory: bool) -> None:
    verdict = rules.first_violation_waiver_applies(facts)
    assert (verdict.applies, verdict.mandatory) == (applies, mandatory)
    assert "第三十三条第一款" in verdict.legal_basis


def test_first_violation_refusal_names_every_missing_condition() -> None:
    verdict = rules.first_violation_waiver_applies(ViolationFacts())
    assert verdict.reason == "不适用首违不罚：非初次违法、危害后果不属轻微、未及时改正。"


@pytest.mark.parametrize(
    ("_case", "kind", "first", "facts", "applies", "basis"),
    [
        (
            "mandatory no penalty: minor, corrected, no harm",
            FlexibleMeasureKind.NO_PENALTY,
            False,
            ViolationFacts(minor_violation=True, corrected_in_time=True, harm=HarmLevel.NONE),
            True,
            "第三十三条第一款",
        ),
        (
            "no fault proven",
            FlexibleMeasureKind.NO_PENALTY,
            False,
            ViolationFacts(no_fault=True),
            True,
            "第三十三条第二款",
        ),
        (
            "plain no-penalty entry does not take first violations",
            FlexibleMeasureKind.NO_PENALTY,
            False,
            FIRST_MINOR_CORRECTED,
            False,
            "第三十三条第一款",
        ),
        (
            "lighter penalty on a statutory ground",
            FlexibleMeasureKind.LIGHTER_PENALTY,
            False,
            ViolationFacts(mitigating_grounds=frozenset({MitigatingGround.CONFESSED})),
            True,
            "第三十二条",
        ),
        (
            "lighter penalty without a ground",
            FlexibleMeasureKind.LIGHTER_PENALTY,
            False,
            ViolationFacts(),
            False,
            "第三十二条",
        ),
        (
            "no coercive measure without harm",
            FlexibleMeasureKind.NO_COERCIVE_MEASURE,
            False,
            ViolationFacts(harm=HarmLevel.NONE),
            True,
            "行政强制法》第十六条第二款",
        ),
        (
            "coercive measure stays when there is harm",
            FlexibleMeasureKind.NO_COERCIVE_MEASURE,
            False,
            ViolationFacts(harm=HarmLevel.MINOR),
            False,
            "第十六条第二款",
        ),
    ],
)
def test_flexible_measure_applies(_case, kind, first, facts, applies, basis) -> None:
    verdict = rules.flexible_measure_applies(kind=kind, is_first_violation=first, facts=facts)
    assert verdict.applies is applies
    assert basis in verdict.legal_basis


def test_matching_keeps_entries_in_force_and_puts_mandatory_first() -> None:
    on = date(2025, 3, 1)
    waiver = MeasureTerms(1, FlexibleMeasureKind.NO_PENALTY, True, date(2024, 1, 1), None)
    expired = MeasureTerms(2, FlexibleMeasureKind.NO_PENALTY, True, date(2020, 1, 1), date(2024, 12, 31))
    coercion = MeasureTerms(3, FlexibleMeasureKind.NO_COERCIVE_MEASURE, False, date(2024, 1, 1), None)
    plain = MeasureTerms(4, FlexibleMeasureKind.NO_PENALTY, False, date(2024, 1, 1), None)
    facts = ViolationFacts(first_violation=True, harm=HarmLevel.NONE, corrected_in_time=True, minor_violation=True)
    matches = rules.flexible_measures_matching(measures=[coercion, expired, waiver, plain], facts=facts, on=on)
    assert [(terms.key, verdict.mandatory) for terms, verdict in matches] == [(1, True), (4, True), (3, False)]


def test_unit_reach_and_category_rules() -> None:
    rules.require_unit_reaches(acting_unit_path="/R/G/N/", owner_unit_path="/R/G/N/", label="x")
    rules.require_unit_reaches(acting_unit_path="/R/G/N/B/", owner_unit_path="/R/G/N/", label="x")
    with pytest.raises(DomainError, match="不属于本单位"):
        rules.require_unit_reaches(acting_unit_path="/R/G/S/", owner_unit_path="/R/G/N/", label="x")
    with pytest.raises(DomainError, match="不是行政处罚事项"):
        rules.require_penalty_item(category=PowerCategory.LICENSING, code="XK-1")
    with pytest.raises(DomainError, match="只能关联行政强制事项"):
        rules.require_measure_fits_item(
            kind=FlexibleMeasureKind.NO_COERCIVE_MEASURE, category=PowerCategory.PENALTY, code="CF-1"
        )
    rules.require_measure_fits_item(kind=FlexibleMeasureKind.NO_PENALTY, category=PowerCategory.PENALTY, code="CF-1")
