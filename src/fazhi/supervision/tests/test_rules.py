"""Pure rules: rounding, periods, rollup increments, ranking, sampling, diffs, review checks (no DB)."""

from __future__ import annotations

import importlib
import random
from dataclasses import replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest

from fazhi.core.errors import DomainError
from fazhi.supervision import rules
from fazhi.supervision.choices import Grain, MissingIndicatorPolicy


@pytest.mark.parametrize(
    ("_case", "numerator", "denominator", "multiplier", "decimals", "expected"),
    [
        ("TEDA 2024 人员参与率 (report 003)", 253, 284, 100, 2, "89.08"),
        ("TEDA 2024 人员参与率 (web, as of 12-23)", 265, 288, 100, 2, "92.01"),
        ("TEDA 2024 履责率 (report 003)", 633, 884, 100, 2, "71.61"),
        ("TEDA 2024 履责率 (web)", 682, 884, 100, 2, "77.15"),
        ("TEDA 2024 人均执法量, 2 decimals", 1273, 253, 1, 2, "5.03"),
        ("TEDA 2024 人均执法量 as published (integer)", 1273, 253, 1, 0, "5"),
        ("TEDA web 人均执法量 as published (integer)", 1488, 265, 1, 0, "6"),
        ("滨海 2023 人均执法量 as published (1 decimal)", 24639 + 7386 + 18254 + 803 + 1611, 2841, 1, 1, "18.5"),
        ("滨海 2023 人员参与率 100%", 2841, 2841, 100, 2, "100.00"),
        ("half-up, not banker's: 0.125 → 0.13", 1, 8, 1, 2, "0.13"),
        ("half-up at the percent: 1/16 = 6.25 → 6.3", 1, 16, 100, 1, "6.3"),
    ],
)
def test_indicator_value(_case, numerator, denominator, multiplier, decimals, expected):
    value = rules.indicator_value(
        numerator=numerator, denominator=denominator, multiplier=multiplier, decimals=decimals
    )
    assert str(value) == expected


def test_the_integer_path_rounds_exactly_like_decimal_half_up():
    """Counts take an integer shortcut; it must give the same digits (and exponent) as Decimal."""
    rng = random.Random(20250101)
    cases = [(1, 8, 100, 2), (5, 1000, 1, 2), (1, 2, 1, 0), (2, 3, 100, 2), (0, 7, 100, 2), (253, 284, 100, 2)]
    cases += [
        (rng.randrange(10**rng.randrange(1, 8)), rng.randrange(1, 10**rng.randrange(1, 8)), rng.choice((1, 100)),
         rng.choice((0, 1, 2, 4)))
        for _ in range(5000)
    ]  # fmt: skip
    for numerator, denominator, multiplier, decimals in cases:
        expected = (Decimal(numerator) * multiplier / Decimal(denominator)).quantize(
            Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP
        )
        value = rules.indicator_value(
            numerator=numerator, denominator=denominator, multiplier=multiplier, decimals=decimals
        )
        assert value is not None and value.as_tuple() == expected.as_tuple(), (numerator, denominator)


def test_a_zero_denominator_gives_no_value_and_a_count_is_itself():
    assert rules.indicator_value(numerator=0, denominator=0, multiplier=100, decimals=2) is None
    assert str(rules.indicator_value(numerator=1273, denominator=None, multiplier=1, decimals=0)) == "1273"


def test_teda_record_categories_add_up():
    assert 1055 + 212 + 6 == 1273


@pytest.mark.parametrize(
    ("_case", "start", "end", "quarters", "months", "days"),
    [
        ("a whole quarter", date(2024, 1, 1), date(2024, 3, 31), [date(2024, 1, 1)], [], []),
        (
            "a whole year",
            date(2024, 1, 1),
            date(2024, 12, 31),
            [date(2024, 1, 1), date(2024, 4, 1), date(2024, 7, 1), date(2024, 10, 1)],
            [],
            [],
        ),
        ("two whole months", date(2024, 2, 1), date(2024, 3, 31), [], [date(2024, 2, 1), date(2024, 3, 1)], []),
        (
            "edges and a whole month",
            date(2024, 3, 10),
            date(2024, 5, 20),
            [],
            [date(2024, 4, 1)],
            [(date(2024, 3, 10), date(2024, 3, 31)), (date(2024, 5, 1), date(2024, 5, 20))],
        ),
        ("inside one month", date(2024, 2, 3), date(2024, 2, 27), [], [], [(date(2024, 2, 3), date(2024, 2, 27))]),
        ("leap day month", date(2024, 2, 1), date(2024, 2, 29), [], [date(2024, 2, 1)], []),
        (
            "across New Year",
            date(2023, 12, 15),
            date(2024, 1, 31),
            [],
            [date(2024, 1, 1)],
            [(date(2023, 12, 15), date(2023, 12, 31))],
        ),
    ],
)
def test_split_period(_case, start, end, quarters, months, days):
    plan = rules.split_period(start, end)
    assert list(plan.quarters) == quarters
    assert list(plan.months) == months
    assert list(plan.day_ranges) == days


def test_split_period_covers_every_day_once():
    start, end = date(2023, 11, 17), date(2025, 2, 3)
    plan = rules.split_period(start, end)
    covered = []
    for first in plan.quarters:
        covered += [d for d in _days(first, rules.quarter_bounds(first.year, (first.month - 1) // 3 + 1)[1])]
    for first in plan.months:
        nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        covered += _days(first, date.fromordinal(nxt.toordinal() - 1))
    for first, last in plan.day_ranges:
        covered += _days(first, last)
    assert sorted(covered) == _days(start, end)


def _days(first: date, last: date) -> list[date]:
    return [date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1)]


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(DomainError):
        rules.split_period(date(2024, 2, 1), date(2024, 1, 1))


def _fact(**overrides) -> rules.RecordFact:
    values = {
        "record_type": "inspection",
        "unit_id": 1,
        "occurred_on": date(2024, 5, 6),
        "entered_on": date(2024, 5, 10),
        "officers": ((11, 1), (12, 1)),
        "power_item_id": 7,
    }
    values.update(overrides)
    return rules.RecordFact(**values)


def test_one_record_counts_in_every_grain_and_lag_threshold():
    increments = rules.Increments()
    increments.add(_fact())
    day = increments.units[(1, Grain.DAY, date(2024, 5, 6))]
    assert day["n_total"] == 1 and day["n_inspection"] == 1
    assert "lag_le_3" not in day and day["lag_le_5"] == 1 and day["lag_le_30"] == 1
    assert increments.units[(1, Grain.QUARTER, date(2024, 4, 1))]["n_total"] == 1
    assert increments.officers[(11, 1, Grain.MONTH, date(2024, 5, 1))] == 1
    assert increments.items[(7, Grain.MONTH, date(2024, 5, 1))] == 1
    # people: months and quarters (a quarterly figure reads one row per officer / item), never days
    assert increments.officers[(11, 1, Grain.QUARTER, date(2024, 4, 1))] == 1
    assert increments.items[(7, Grain.QUARTER, date(2024, 4, 1))] == 1
    assert not [key for key in increments.officers if key[2] == Grain.DAY]
    assert not [key for key in increments.items if key[1] == Grain.DAY]


def test_removing_and_adding_the_same_record_leaves_nothing():
    increments = rules.Increments()
    increments.add(_fact(), -1)
    increments.add(_fact())
    increments.compact()
    assert not increments.units and not increments.officers and not increments.items


def test_decision_and_publication_count_on_their_own_dates():
    increments = rules.Increments()
    increments.add(
        _fact(
            record_type="penalty",
            decided_on=date(2024, 7, 2),
            decision_due=date(2024, 7, 1),
            published_on=date(2024, 7, 5),
            published_late=False,
        )
    )
    july = increments.units[(1, Grain.MONTH, date(2024, 7, 1))]
    assert july == {"decided": 1, "published": 1, "published_in_time": 1}  # decided late: not in time


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2024-03-05", date(2024, 3, 5)), ("2024/3/5", date(2024, 3, 5)), ("20240305", date(2024, 3, 5)),
     ("2024年3月5日", date(2024, 3, 5))],
)  # fmt: skip
def test_parse_day(text, expected):
    assert rules.parse_day(text, label="发生日期") == expected


def test_parse_day_refuses_nonsense():
    with pytest.raises(DomainError):
        rules.parse_day("2024-02-30", label="发生日期")


def test_split_numbers_accepts_both_semicolons():
    assert rules.split_numbers("A001；A002;A003 ; A001") == ["A001", "A002", "A003"]


def test_record_type_labels():
    assert rules.parse_record_type("教育改正") == "education"
    with pytest.raises(DomainError):
        rules.parse_record_type("巡查")


def test_upload_timeliness_days_must_be_a_stored_threshold():
    assert rules.on_time_column(7) == "lag_le_7"
    with pytest.raises(DomainError):
        rules.on_time_column(8)


def test_rank_inside_peer_groups_with_weights():
    weights = {
        "participation_rate": {"weight": 50, "scale": "percent"},
        "records_per_officer": {"weight": 50, "scale": "peer_max"},
    }
    rows = {
        1: {"participation_rate": Decimal("100"), "records_per_officer": Decimal("10")},
        2: {"participation_rate": Decimal("80"), "records_per_officer": Decimal("5")},
        3: {"participation_rate": Decimal("50"), "records_per_officer": Decimal("2")},  # alone in its group
    }
    ranked = {
        r.unit_id: r for r in rules.rank_units(rows=rows, groups={1: "市场", 2: "市场", 3: "城管"}, weights=weights)
    }
    assert ranked[1].score == Decimal("100.00") and ranked[1].rank == 1
    assert ranked[2].score == Decimal("65.00") and ranked[2].rank == 2 and ranked[2].group_size == 2
    assert ranked[3].score == Decimal("75.00") and ranked[3].rank == 1  # best of its own group
    assert [r.unit_id for r in rules.bottom_units(list(ranked.values()), 2)] == [2, 3]
    assert rules.bottom_units(list(ranked.values()), 0) == []


# The shipped example scheme, 100 points in all (a migration never changes once shipped).
SHIPPED_WEIGHTS = importlib.import_module("fazhi.supervision.migrations.0002_shipped_definitions").SCHEME_WEIGHTS


def _figures(participation, exercise, upload, per_officer, decision, publication, review):
    values = (participation, exercise, upload, per_officer, decision, publication, review)
    return {code: None if v is None else Decimal(v) for code, v in zip(SHIPPED_WEIGHTS, values, strict=True)}


# 1 decides cases; 2 only inspects (no decision, nothing published, no file to review: 按期办结率,
# 公示及时率 and 案卷评查平均分 are "—"); 3 decides cases but does worse at everything; 4 has no figure.
UNITS = {
    1: _figures(90, 80, 100, 10, 50, 100, 80),  # 22.50 + 20 + 15 + 10 + 5 + 5 + 8 = 85.50
    2: _figures(95, 90, 100, 8, None, None, None),  # 23.75 + 22.50 + 15 + 8 = 69.25 of 75 applicable
    3: _figures(70, 60, 80, 5, 80, 100, 70),  # 17.50 + 15 + 12 + 5 + 8 + 5 + 7 = 69.50
    4: _figures(None, None, None, None, None, None, None),
}
GROUPS = dict.fromkeys(UNITS, "市场监管")


def test_a_unit_without_decisions_is_scored_over_its_applicable_indicators():
    ranked = {r.unit_id: r for r in rules.rank_units(rows=UNITS, groups=GROUPS, weights=SHIPPED_WEIGHTS)}

    inspector = ranked[2]
    assert inspector.parts["decision_timeliness"] is None  # 不适用, not 0
    assert inspector.parts["publication_timeliness"] is None and inspector.parts["review_average_score"] is None
    assert inspector.parts["participation_rate"] == Decimal("23.75")
    assert (inspector.points, inspector.applicable_weight) == (Decimal("69.25"), Decimal(75))
    assert inspector.score == Decimal("92.33")  # 69.25 ÷ 75 × 100: no point lost for having no case
    # units with every indicator keep Σ points, as before
    assert (ranked[1].score, ranked[1].applicable_weight) == (Decimal("85.50"), Decimal(100))
    assert ranked[3].score == Decimal("69.50")


def test_zero_policy_scores_a_missing_indicator_zero_as_before():
    ranked = {
        r.unit_id: r
        for r in rules.rank_units(
            rows=UNITS, groups=GROUPS, weights=SHIPPED_WEIGHTS, missing=MissingIndicatorPolicy.ZERO
        )
    }

    assert {unit_id: r.score for unit_id, r in ranked.items()} == {
        1: Decimal("85.50"),
        2: Decimal("69.25"),  # loses the 25 points of the indicators it has no value for
        3: Decimal("69.50"),
    }
    assert ranked[2].parts["decision_timeliness"] == Decimal("0.00")
    assert ranked[2].applicable_weight == Decimal(100) and ranked[2].points == Decimal("69.25")
    assert [r.unit_id for r in rules.bottom_units(list(ranked.values()), 1)] == [2]  # the old 约谈 proposal


def test_ordering_and_the_yuetan_list_follow_the_prorated_scores():
    ranking = rules.rank_units(rows=UNITS, groups=GROUPS, weights=SHIPPED_WEIGHTS)

    assert [(r.unit_id, r.rank, r.group_size) for r in ranking] == [(2, 1, 3), (1, 2, 3), (3, 3, 3)]
    assert [r.unit_id for r in rules.bottom_units(ranking, 1)] == [3]  # the unit that did worse
    assert rules.overall_ranks(ranking) == {2: 1, 1: 2, 3: 3}


@pytest.mark.parametrize("missing", list(MissingIndicatorPolicy))
def test_a_unit_with_no_figure_at_all_is_not_ranked_nor_summoned(missing):
    ranking = rules.rank_units(rows=UNITS, groups=GROUPS, weights=SHIPPED_WEIGHTS, missing=missing)

    assert 4 not in {r.unit_id for r in ranking}
    assert 4 not in {r.unit_id for r in rules.bottom_units(ranking, 10)}
    assert rules.not_ranked_units(rows=UNITS, weights=SHIPPED_WEIGHTS) == {4: rules.NOT_RANKED_REASON}
    assert "不参与排名" in rules.NOT_RANKED_REASON


def test_a_peer_max_indicator_at_zero_for_the_whole_group_is_applicable_and_scores_zero():
    weights = {"records_per_officer": {"weight": 50, "scale": "peer_max"}, "exercise_rate": {"weight": 50}}
    rows = {1: {"records_per_officer": Decimal(0), "exercise_rate": Decimal(100)}}

    (only,) = rules.rank_units(rows=rows, groups={1: "g"}, weights=weights)

    assert only.parts == {"records_per_officer": Decimal("0.00"), "exercise_rate": Decimal("50.00")}
    assert only.score == Decimal("50.00")  # a value of 0 is a figure, not 不适用


def test_sampling_is_reproducible_from_the_seed():
    candidates = list(range(100, 160))
    first = rules.draw_sample(candidate_ids=candidates, size=5, seed=20250101)
    again = rules.draw_sample(candidate_ids=list(reversed(candidates)), size=5, seed=20250101)
    other = rules.draw_sample(candidate_ids=candidates, size=5, seed=20250102)
    assert first == again
    assert first != other
    assert len(set(first)) == 5 and set(first) <= set(candidates)
    assert rules.candidates_digest(candidates) == rules.candidates_digest(list(reversed(candidates)))


def test_sampling_more_than_there_is_takes_all_and_nothing_is_refused():
    assert rules.draw_sample(candidate_ids=[3, 1, 2], size=10, seed=1) == [1, 2, 3]
    with pytest.raises(DomainError):
        rules.draw_sample(candidate_ids=[], size=1, seed=1)


def test_diff_lists_each_changed_figure():
    published = {"*": {"participation_rate": {"value": "89.08", "name": "人员参与率"}}}
    recomputed = {"*": {"participation_rate": {"value": "89.44", "name": "人员参与率"}}}
    differences = rules.diff_figures(published, recomputed)
    assert [(d.indicator, d.published, d.recomputed) for d in differences] == [("participation_rate", "89.08", "89.44")]
    assert rules.diff_figures(published, published) == []


def _complete_facts(**overrides) -> rules.CaseFileFacts:
    values = {
        "procedure": "ordinary",
        "status": "closed",
        "filed_on": date(2026, 3, 3),
        "certified_officers_at_filing": 2,
        "notified_on": date(2026, 3, 16),
        "rights_waived": False,
        "legal_review_required": False,
        "legal_review_passed": None,
        "legal_reviewed_on": None,
        "decided_on": date(2026, 3, 30),
        "decision_due": date(2026, 6, 1),
        "decision_number": "测市监罚〔2026〕1号",
        "decision_legal_basis": "《中华人民共和国食品安全法》第一百二十四条",
        "penalty_types": ("fine",),
        "performance_terms": "十五日内缴纳",
        "remedies": "六十日内申请行政复议",
        "party_name": "青禾示范商贸有限公司",
        "party_address": "示范路1号",
        "facts": "销售过期食品",
        "served_on": date(2026, 3, 31),
        "service_due": date(2026, 4, 9),
        "served_late": False,
        "has_publication": True,
        "publication_late": False,
        "publication_due": None,
        "evidence_count": 3,
        "fine_amount": Decimal("5000"),
        "discretion_bands": ((Decimal("2000"), Decimal("10000")),),
        "discretion_reason": "",
        "today": date(2026, 5, 1),
    }
    values.update(overrides)
    return rules.CaseFileFacts(**values)


RULE_SET = rules.parse_rule_set(
    {
        "ruleset": {"code": "t", "version": 1, "full_score": 100},
        "rules": [
            {"code": f"R{n}", "title": name, "check": name, "deduction": 10, "article": "第X条"}
            for n, name in enumerate(rules.CHECKS)
        ],
    }
)


def test_a_complete_case_file_passes_every_rule():
    findings = rules.run_rule_set(RULE_SET, _complete_facts())
    assert [f.rule for f in findings if f.status == rules.FAIL] == []
    assert rules.review_score(full_score=Decimal(100), findings=findings, judgement_deduction=Decimal(0)) == 100


@pytest.mark.parametrize(
    ("_case", "overrides", "failed"),
    [
        ("one certified officer", {"certified_officers_at_filing": 1}, "two_certified_officers"),
        ("no notice", {"notified_on": None}, "notice_before_decision"),
        ("notice after decision", {"notified_on": date(2026, 4, 1)}, "notice_before_decision"),
        ("legal review required, none", {"legal_review_required": True}, "legal_review_when_required"),
        ("decided after the deadline", {"decision_due": date(2026, 3, 20)}, "decision_within_deadline"),
        ("served late", {"served_late": True}, "service_within_7_working_days"),
        ("never published", {"has_publication": False, "publication_late": None}, "publication_in_time"),
        ("no evidence", {"evidence_count": 0}, "evidence_attached"),
        ("no legal basis", {"decision_legal_basis": ""}, "legal_basis_cited"),
        ("no address", {"party_address": ""}, "decision_fields_complete"),
        ("fine above the bands", {"fine_amount": Decimal("20000")}, "fine_within_discretion"),
    ],
)
def test_each_check_finds_its_missing_step(_case, overrides, failed):
    findings = {f.title: f for f in rules.run_rule_set(RULE_SET, _complete_facts(**overrides))}
    assert findings[failed].status == rules.FAIL
    assert [t for t, f in findings.items() if f.status == rules.FAIL] == [failed]


@pytest.mark.parametrize(
    ("_case", "check", "overrides", "detail"),
    [
        ("notified", rules.check_notice_before_decision, {}, "2026年3月16日告知。"),
        ("notified after the decision", rules.check_notice_before_decision, {"notified_on": date(2026, 4, 1)},
         "告知日期（2026年4月1日）晚于决定日期（2026年3月30日）。"),
        ("legal review passed", rules.check_legal_review,
         {"legal_review_required": True, "legal_review_passed": True, "legal_reviewed_on": date(2026, 3, 27)},
         "2026年3月27日法制审核通过。"),
        ("decided in time", rules.check_decision_within_deadline, {}, "2026年3月30日作出决定（期限2026年6月1日）。"),
        ("decided late", rules.check_decision_within_deadline, {"decision_due": date(2026, 3, 20)},
         "决定日期2026年3月30日超过期限2026年3月20日。"),
        ("no decision past the deadline", rules.check_decision_within_deadline,
         {"decided_on": None, "decision_due": date(2026, 4, 20)}, "决定期限2026年4月20日已过，尚未作出决定。"),
        ("served", rules.check_service_in_time, {}, "2026年3月31日送达。"),
        ("served late", rules.check_service_in_time, {"served_late": True}, "2026年3月31日送达，超过七个工作日。"),
        ("not served past the deadline", rules.check_service_in_time, {"served_on": None},
         "送达期限2026年4月9日已过，未见送达回证。"),
        ("publication not yet due", rules.check_publication_in_time,
         {"has_publication": False, "publication_due": date(2026, 5, 8)}, "公示期限2026年5月8日未到。"),
    ],
)  # fmt: skip
def test_finding_details_write_dates_in_chinese(_case, check, overrides, detail):
    # the details are shown on 案卷评查 and 完整性自查 pages: 2026年3月16日, not 2026-03-16
    assert check(_complete_facts(**overrides)).detail == detail


def test_a_fine_outside_the_bands_passes_only_with_its_recorded_reason():
    # Art. 34: enforcement decides outside the bands only with a reason; the review quotes it for the reviewer
    reasoned = rules.check_fine_within_discretion(
        _complete_facts(fine_amount=Decimal("20000"), discretion_reason=" 多次违法，从重 ")
    )
    bare = rules.check_fine_within_discretion(_complete_facts(fine_amount=Decimal("20000")))
    open_ended = rules.check_fine_within_discretion(
        _complete_facts(fine_amount=Decimal("20000"), discretion_bands=((Decimal("2000"), None),))
    )
    no_bands = rules.check_fine_within_discretion(_complete_facts(discretion_bands=((None, None),)))

    assert reasoned.status == rules.PASS
    assert reasoned.detail.startswith("罚款20000元不在任何裁量阶次的范围内")
    assert "“多次违法，从重”" in reasoned.detail and "评查人员判断" in reasoned.detail
    assert bare.status == rules.FAIL and "20000元" in bare.detail
    assert open_ended.status == rules.PASS and "范围内" in open_ended.detail
    assert no_bands.status == rules.NOT_APPLICABLE


def test_a_simplified_case_is_not_asked_for_a_notice_or_publication():
    facts = replace(_complete_facts(), procedure="simplified", notified_on=None, has_publication=False)
    findings = {f.title: f.status for f in rules.run_rule_set(RULE_SET, facts)}
    assert findings["notice_before_decision"] == rules.NOT_APPLICABLE
    assert findings["publication_in_time"] == rules.NOT_APPLICABLE


SCOPED = rules.parse_rule_set(
    {
        "ruleset": {"code": "scoped"},
        "rules": [
            {"code": "A", "title": "证据", "check": "evidence_attached", "deduction": 10, "article": "第X条"},
            {"code": "D", "title": "送达", "check": "service_within_7_working_days", "deduction": 10,
             "article": "第61条", "applies": "decision", "penalty_only": True},
            {"code": "P", "title": "期限", "check": "decision_within_deadline", "deduction": 10,
             "article": "第60条", "penalty_only": True},
        ],
    }
)  # fmt: skip


def test_a_rule_applies_only_at_its_stage_and_to_a_penalty_decision():
    undecided = _complete_facts(decided_on=None, served_on=None, served_late=True, evidence_count=0)
    closed = replace(undecided, ended_without_penalty="首违不罚")

    before_decision = {f.rule: f for f in rules.run_rule_set(SCOPED, undecided)}
    no_penalty = {f.rule: f for f in rules.run_rule_set(SCOPED, closed)}

    # a decision-stage step before the decision: 未到该环节, no deduction; the other rules still run
    assert before_decision["D"].status == rules.NOT_REACHED and before_decision["D"].deduction == 0
    assert before_decision["A"].status == rules.FAIL and before_decision["P"].status != rules.NOT_REACHED
    # a case closed without a penalty: the penalty-decision rules are 不适用, citing how it ended
    assert no_penalty["D"].status == no_penalty["P"].status == rules.NOT_APPLICABLE
    assert "首违不罚" in no_penalty["P"].detail and no_penalty["P"].deduction == 0
    assert no_penalty["A"].status == rules.FAIL
    # a decided case: the rule is checked as before
    assert {f.rule: f.status for f in rules.run_rule_set(SCOPED, _complete_facts(served_late=True))}["D"] == rules.FAIL


def test_score_subtracts_deductions_and_judgement_and_stops_at_zero():
    findings = rules.run_rule_set(RULE_SET, _complete_facts(evidence_count=0, decision_legal_basis=""))
    assert rules.review_score(
        full_score=Decimal(100), findings=findings, judgement_deduction=Decimal("2.5")
    ) == Decimal("77.5")
    assert rules.review_score(full_score=Decimal(10), findings=findings, judgement_deduction=Decimal(0)) == 0
    with pytest.raises(DomainError):
        rules.review_score(full_score=Decimal(100), findings=findings, judgement_deduction=Decimal(-1))
    with pytest.raises(DomainError, match="不能超过满分100分"):  # 酌情扣1000分 on a 100-point scale
        rules.review_score(full_score=Decimal(100), findings=findings, judgement_deduction=Decimal(1000))
    assert rules.review_score(full_score=Decimal(100), findings=[], judgement_deduction=Decimal(100)) == 0


def test_a_rule_set_naming_an_unknown_check_is_refused():
    with pytest.raises(DomainError):
        rules.parse_rule_set({"ruleset": {"code": "x"}, "rules": [{"code": "R", "title": "t", "check": "nope",
                                                                    "deduction": 1, "article": "a"}]})  # fmt: skip


def test_repeated_entities_need_two_different_units_on_separate_days():
    day, later = date(2025, 5, 6), date(2025, 5, 20)
    found = rules.repeated_entities(
        [
            ("A", 1, day, 2), ("A", 2, later, 1),  # two departments, separately: a candidate
            ("B", 1, day, 3), ("B", 1, later, 2),  # one department only
            ("J", 1, day, 1), ("J", 2, day, 1),  # a joint check: two departments, one visit
            ("", 3, day, 1),
        ]
    )  # fmt: skip
    assert [(e.party_code, e.inspections, e.units, e.visits) for e in found] == [("A", 3, (1, 2), 2)]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(1, 1, 1), date(9999, 12, 31)),  # used to overflow the quarter arithmetic (year 10000)
        (rules.PERIOD_EARLIEST - timedelta(days=1), date(2024, 3, 31)),
        (date(2024, 1, 1), rules.PERIOD_LATEST + timedelta(days=1)),
    ],
)
def test_a_period_outside_the_statistics_range_is_refused(start, end):
    with pytest.raises(DomainError) as refused:
        rules.split_period(start, end)
    assert refused.value.code == "supervision.bad_period"


def test_the_whole_statistics_range_is_accepted():
    plan = rules.split_period(rules.PERIOD_EARLIEST, rules.PERIOD_LATEST)
    assert plan.quarters[0] == rules.PERIOD_EARLIEST and not plan.day_ranges


@pytest.mark.parametrize("seed", [-1, rules.SEED_MAX + 1, 10**26])
def test_a_seed_outside_the_stored_range_is_refused(seed):
    with pytest.raises(DomainError) as refused:
        rules.draw_sample(candidate_ids=[1, 2, 3], size=1, seed=seed)
    assert refused.value.code == "supervision.bad_seed"


def test_the_largest_seed_draws():
    assert len(rules.draw_sample(candidate_ids=[1, 2, 3], size=2, seed=rules.SEED_MAX)) == 2


def test_overall_ranks_order_every_unit_by_score_across_groups_ties_sharing():
    ranked = [
        rules.RankedUnit(1, "市场", Decimal("80.00"), 1, 2, {}),
        rules.RankedUnit(2, "市场", Decimal("60.00"), 2, 2, {}),
        rules.RankedUnit(3, "商务", Decimal("49.77"), 1, 1, {}),  # first of its group, last overall
        rules.RankedUnit(4, "城管", Decimal("80.00"), 1, 1, {}),
    ]
    assert rules.overall_ranks(ranked) == {1: 1, 4: 1, 2: 3, 3: 4}
