"""Pure rule tests: every statutory rule has a test naming its article (行政处罚法 unless stated)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core.errors import Conflict, DomainError
from fazhi.enforcement import rules
from fazhi.enforcement.choices import CaseOutcome, CaseProcedure, CaseStatus, EvidenceStage, PartyKind, Urgency
from fazhi.enforcement.choices import PenaltyType as P
from fazhi.enforcement.rules.decision_change import DecisionContent as Content
from fazhi.enforcement.rules.parameters import DEFAULT_SECTOR, HearingThreshold

ORG, PERSON = PartyKind.ORGANISATION, PartyKind.PERSON
# Values as shipped by migration 0003 (checked against the database in test_configuration.py).
DEFAULT = HearingThreshold(DEFAULT_SECTOR, Decimal("2000"), Decimal("10000"), "第六十三条", False, date(2021, 7, 15))
MARKET = HearingThreshold("SCJG", Decimal("10000"), Decimal("100000"), "听证办法", False, date(2021, 7, 15))


def v(officer_id: int, ok: bool = True) -> rules.OfficerVerdict:
    return rules.OfficerVerdict(officer_id, f"人员{officer_id}", ok, "" if ok else f"人员{officer_id}：执法证已过期")


# --- Art. 9 ---------------------------------------------------------------------------------------


def test_art9_penalty_types_must_be_statutory() -> None:
    rules.require_penalty_types([P.FINE, P.WARNING])
    for bad in ([], ["public_shaming"]):
        with pytest.raises(DomainError) as error:
            rules.require_penalty_types(bad)
        assert error.value.code == "penalty.invalid_penalty_type"
        assert "第九条" in error.value.message


@pytest.mark.parametrize(
    ("_case", "types", "fine", "code"),
    [
        ("fine type without amount", [P.FINE], Decimal(0), "penalty.fine_missing"),
        ("amount without fine type", [P.WARNING], Decimal(10), "penalty.fine_without_type"),
        ("negative", [P.FINE], Decimal(-1), "penalty.fine_negative"),
    ],
)
def test_art9_fine_amount_matches_types(_case: str, types: list[str], fine: Decimal, code: str) -> None:
    with pytest.raises(DomainError) as error:
        rules.require_fine_consistent(types=types, fine=fine)
    assert error.value.code == code


# --- Art. 36 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("_case", "ended", "discovered", "harm", "ok"),
    [
        ("within two years", date(2024, 3, 1), date(2026, 3, 1), False, True),
        ("one day late", date(2024, 3, 1), date(2026, 3, 2), False, False),
        ("leap day corresponds to month end", date(2024, 2, 29), date(2026, 2, 28), False, True),
        ("life/health/finance with harm: five years", date(2021, 3, 1), date(2026, 3, 1), True, True),
        ("five years passed", date(2021, 3, 1), date(2026, 3, 2), True, False),
    ],
)
def test_art36_limitation_period(_case: str, ended: date, discovered: date, harm: bool, ok: bool) -> None:
    if ok:
        result = rules.require_within_limitation(
            violation_ended_on=ended, discovered_on=discovered, life_health_or_finance_with_harm=harm
        )
        assert result.years == (5 if harm else 2)
    else:
        with pytest.raises(DomainError) as error:
            rules.require_within_limitation(
                violation_ended_on=ended, discovered_on=discovered, life_health_or_finance_with_harm=harm
            )
        assert error.value.code == "penalty.limitation_expired"
        assert "第三十六条" in error.value.message


def test_art36_discovery_cannot_precede_the_act() -> None:
    with pytest.raises(DomainError):
        rules.require_within_limitation(
            violation_ended_on=date(2026, 3, 2), discovered_on=date(2026, 3, 1), life_health_or_finance_with_harm=False
        )


# --- Art. 42 / 55 --------------------------------------------------------------------------------------


def test_art42_two_certified_officers_pass() -> None:
    rules.require_certified_officers(verdicts=[v(1), v(2)], act="行政检查")


@pytest.mark.parametrize(
    ("_case", "verdicts", "code"),
    [
        ("one officer", [v(1)], "penalty.officers_fewer_than_two"),
        ("same officer twice", [v(1), v(1)], "penalty.officers_fewer_than_two"),
        ("one not certified", [v(1), v(2, ok=False)], "penalty.officer_not_certified"),
        ("third not certified", [v(1), v(2), v(3, ok=False)], "penalty.officer_not_certified"),
    ],
)
def test_art42_art55_officers_refused(_case: str, verdicts: list[rules.OfficerVerdict], code: str) -> None:
    with pytest.raises(DomainError) as error:
        rules.require_certified_officers(verdicts=verdicts, act="行政检查")
    assert error.value.code == code
    assert "第四十二条" in error.value.message


# --- Art. 51 ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("_case", "kind", "types", "fine", "allowed"),
    [
        ("person 200 is the ceiling", PERSON, [P.FINE], Decimal("200"), True),
        ("person 200.01", PERSON, [P.FINE], Decimal("200.01"), False),
        ("organisation 3000", ORG, [P.FINE], Decimal("3000"), True),
        ("organisation 3000.01", ORG, [P.FINE], Decimal("3000.01"), False),
        ("warning only", PERSON, [P.WARNING], Decimal(0), True),
        ("criticism is not named", ORG, [P.CRITICISM], Decimal(0), False),
        ("confiscation needs ordinary procedure", ORG, [P.FINE, P.CONFISCATE_GAINS], Decimal(100), False),
    ],
)
def test_art51_simplified_procedure_gate(_case: str, kind: str, types: list[str], fine: Decimal, allowed: bool) -> None:
    assert rules.simplified_procedure_allowed(party_kind=kind, types=types, fine=fine)[0] is allowed
    if not allowed:
        with pytest.raises(DomainError) as error:
            rules.require_simplified_procedure_allowed(party_kind=kind, types=types, fine=fine)
        assert "第五十一条" in error.value.message


# --- Art. 63 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("_case", "kind", "types", "fine", "threshold", "applies"),
    [
        ("default person at threshold", PERSON, [P.FINE], Decimal("2000"), DEFAULT, True),
        ("default person below", PERSON, [P.FINE], Decimal("1999.99"), DEFAULT, False),
        ("default organisation at 10000", ORG, [P.FINE], Decimal("10000"), DEFAULT, True),
        ("market organisation below 100000", ORG, [P.FINE], Decimal("50000"), MARKET, False),
        ("licence revocation always", ORG, [P.REVOKE_LICENCE], Decimal(0), MARKET, True),
        ("business suspension always", PERSON, [P.SUSPEND_BUSINESS], Decimal(0), DEFAULT, True),
        ("warning never", PERSON, [P.WARNING], Decimal(0), DEFAULT, False),
    ],
)
def test_art63_hearing_right(_case: str, kind: str, types: list[str], fine: Decimal, threshold, applies) -> None:  # type: ignore[no-untyped-def]
    right = rules.hearing_right(
        party_kind=kind, types=types, fine=fine, confiscation_value=Decimal(0), threshold=threshold
    )
    assert right.applies is applies


def test_art63_unconfirmed_threshold_is_reported_as_such() -> None:
    right = rules.hearing_right(
        party_kind=PERSON, types=[P.CONFISCATE_GAINS], fine=Decimal(0), confiscation_value=Decimal(5000),
        threshold=DEFAULT,
    )  # fmt: skip
    assert right.applies and right.threshold_confirmed is False


# --- Art. 44 / 62 / 63 / 64 -------------------------------------------------------------------------------


def test_art44_notice_must_state_facts_grounds_basis() -> None:
    with pytest.raises(DomainError) as error:
        rules.require_complete_notice(
            facts="事实", grounds="", legal_basis="", rights_statement_defence=True, hearing_applies=False,
            rights_hearing=False,
        )  # fmt: skip
    assert error.value.code == "penalty.notice_incomplete" and "第四十四条" in error.value.message


def test_art63_notice_must_tell_hearing_right_when_it_applies() -> None:
    with pytest.raises(DomainError) as error:
        rules.require_complete_notice(
            facts="a", grounds="b", legal_basis="c", rights_statement_defence=True, hearing_applies=True,
            rights_hearing=False,
        )  # fmt: skip
    assert error.value.code == "penalty.hearing_rights_missing"
    assert error.value.message.endswith("（《中华人民共和国行政处罚法》第六十三条）")


def test_art62_no_decision_without_notice_unless_waived() -> None:
    rules.require_notified_before_decision(notified=False, waived=True)
    with pytest.raises(DomainError) as error:
        rules.require_notified_before_decision(notified=False, waived=False)
    assert error.value.code == "penalty.notice_missing" and "第六十二条" in error.value.message


def test_art64_hearing_request_within_five_working_days() -> None:
    rules.require_hearing_request_in_time(requested_on=date(2026, 3, 23), request_due=date(2026, 3, 23))
    with pytest.raises(DomainError) as error:
        rules.require_hearing_request_in_time(requested_on=date(2026, 3, 24), request_due=date(2026, 3, 23))
    assert error.value.code == "penalty.hearing_request_late"


def test_art64_no_decision_while_the_request_period_runs() -> None:
    kwargs = {"hearing_applies": True, "hearing_requested": False, "request_due": date(2026, 3, 23), "waived": False,
              "statement_due": date(2026, 3, 23), "statement_heard": True}  # fmt: skip
    with pytest.raises(DomainError) as error:
        rules.require_statement_period_over(on=date(2026, 3, 23), **kwargs)
    assert error.value.code == "penalty.hearing_request_period_running"  # a statement does not end it
    rules.require_statement_period_over(on=date(2026, 3, 24), **kwargs)
    rules.require_statement_period_over(on=date(2026, 3, 23), **(kwargs | {"hearing_requested": True}))


def test_art64_waiving_the_statement_does_not_end_the_hearing_request_period() -> None:
    # The Art. 62 waiver is of 陈述、申辩 (the form's "当事人明确放弃陈述申辩"), not of the hearing (Art. 63/64).
    kwargs = {"hearing_applies": True, "hearing_requested": False, "request_due": date(2026, 3, 23), "waived": True,
              "statement_due": date(2026, 3, 23), "statement_heard": False}  # fmt: skip
    with pytest.raises(DomainError) as error:
        rules.require_statement_period_over(on=date(2026, 3, 17), **kwargs)
    assert error.value.code == "penalty.hearing_request_period_running" and "第六十四条第一项" in error.value.message
    rules.require_statement_period_over(on=date(2026, 3, 24), **kwargs)  # the waiver still ends the statement period


STATEMENT = {"statement_due": date(2026, 3, 23), "hearing_applies": False, "hearing_requested": False,
             "request_due": None}  # fmt: skip


def test_art62_no_decision_while_the_statement_period_runs() -> None:
    with pytest.raises(DomainError) as error:
        rules.require_statement_period_over(on=date(2026, 3, 23), statement_heard=False, waived=False, **STATEMENT)
    assert error.value.code == "penalty.statement_period_running" and error.value.status_code == 400
    assert "至2026年3月23日尚未届满" in error.value.message and "第六十二条" in error.value.message
    rules.require_statement_period_over(on=date(2026, 3, 24), statement_heard=False, waived=False, **STATEMENT)


@pytest.mark.parametrize(("heard", "waived"), [(True, False), (False, True)])
def test_art62_a_party_heard_or_waiving_lets_the_decision_come_before_the_period_ends(heard, waived) -> None:
    rules.require_statement_period_over(on=date(2026, 3, 17), statement_heard=heard, waived=waived, **STATEMENT)


def test_art64_hearing_chair_is_not_an_investigator() -> None:
    with pytest.raises(DomainError):
        rules.require_hearing_chair_not_investigator(chair_officer_id=1, investigator_ids={1, 2})
    rules.require_hearing_chair_not_investigator(chair_officer_id=3, investigator_ids={1, 2})


def test_art44_art62_a_renewed_notice_sets_back_the_answers_to_the_previous_one() -> None:
    assert rules.answers_reset_by_notice(previous_notified_on=None) == {}  # the first notice: nothing to set back

    reset = rules.answers_reset_by_notice(previous_notified_on=date(2026, 3, 16))

    assert reset["rights_waived"] is False and reset["defence_made"] is False and reset["defence_adopted"] is False
    assert reset["hearing_requested_on"] is None and reset["hearing_held_on"] is None
    assert reset["defence_summary"] == "" and reset["hearing_request_due"] is None


# --- Art. 44 / 45 / 62: not heavier than notified ----------------------------------------------------


@pytest.mark.parametrize(
    ("_case", "notified", "fine_n", "decided", "fine_d", "heavier"),
    [
        ("same", [P.FINE], Decimal(5000), [P.FINE], Decimal(5000), False),
        ("lower fine", [P.FINE], Decimal(5000), [P.FINE], Decimal(3000), False),
        ("higher fine", [P.FINE], Decimal(5000), [P.FINE], Decimal(5001), True),
        ("added licence revocation", [P.FINE], Decimal(5000), [P.FINE, P.REVOKE_LICENCE], Decimal(5000), True),
        ("warning instead of fine", [P.FINE], Decimal(5000), [P.WARNING], Decimal(0), False),
        ("warning added to the fine", [P.FINE], Decimal(5000), [P.FINE, P.WARNING], Decimal(5000), True),
        ("fine instead of revocation", [P.FINE, P.REVOKE_LICENCE], Decimal(5000), [P.FINE, P.WARNING],
         Decimal(5000), False),
        ("one confiscation for another", [P.CONFISCATE_GAINS], Decimal(0), [P.CONFISCATE_PROPERTY], Decimal(0),
         True),
    ],
)  # fmt: skip
def test_art44_art62_no_penalty_heavier_than_notified(_case, notified, fine_n, decided, fine_d, heavier) -> None:  # type: ignore[no-untyped-def]
    kwargs = {
        "notified": Content(tuple(notified), fine_n, Decimal(0)),
        "decided": Content(tuple(decided), fine_d, Decimal(0)),
    }
    assert bool(rules.penalty_excess(**kwargs)) is heavier
    for defence_made, code, article in [
        (False, "penalty.heavier_than_notified", "第四十四条"),
        (True, "penalty.heavier_after_defence", "第四十五条第二款"),
    ]:
        if not heavier:
            rules.require_not_heavier_than_notified(defence_made=defence_made, **kwargs)
            continue
        with pytest.raises(DomainError) as error:
            rules.require_not_heavier_than_notified(defence_made=defence_made, **kwargs)
        assert error.value.code == code and error.value.status_code == 400
        assert article in error.value.message and "重新告知" in error.value.message


def test_art44_the_excess_is_named_on_its_fields() -> None:
    excess = rules.penalty_excess(
        notified=Content((P.FINE, P.CONFISCATE_GAINS), Decimal(1000), Decimal(600)),
        decided=Content((P.FINE, P.CONFISCATE_GAINS, P.CRITICISM), Decimal(4800), Decimal("600.5")),
    )

    assert [e.field for e in excess] == ["penalty_types", "fine_amount", "confiscation_value"]
    assert [e.text for e in excess] == [
        "告知中没有的处罚种类：通报批评",
        "罚款4800元高于告知的1000元",
        "没收金额600.50元高于告知的600元",
    ]


# --- Art. 57 / 58 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("_case", "flags", "required"),
    [
        ("none", {}, False),
        ("major public interest (一)", {"major_public_interest": True}, True),
        ("after a hearing (二)", {"hearing_held": True}, True),
        ("complex (三)", {"complex_case": True}, True),
        ("other law (四)", {"other_legal_requirement": True}, True),
    ],
)
def test_art58_legal_review_required(_case: str, flags: dict[str, bool], required: bool) -> None:
    base = {"major_public_interest": False, "hearing_held": False, "complex_case": False,
            "other_legal_requirement": False}  # fmt: skip
    reasons = rules.legal_review_reasons(**{**base, **flags})
    assert bool(reasons) is required
    if required:
        with pytest.raises(DomainError) as error:
            rules.require_legal_review_passed(reasons=reasons, passed=False)
        assert error.value.code == "penalty.legal_review_missing" and "第五十八条" in error.value.message
        rules.require_legal_review_passed(reasons=reasons, passed=True)


def test_art58_reviewer_needs_legal_qualification() -> None:
    rules.require_qualified_reviewer(has_legal_qualification=True, name="甲")
    with pytest.raises(DomainError) as error:
        rules.require_qualified_reviewer(has_legal_qualification=False, name="乙")
    assert "第五十八条第二款" in error.value.message


def test_art57_collective_discussion_for_complex_or_major_cases() -> None:
    rules.require_collective_discussion(complex_or_major=False, discussed=False)
    rules.require_collective_discussion(complex_or_major=True, discussed=True)
    with pytest.raises(DomainError) as error:
        rules.require_collective_discussion(complex_or_major=True, discussed=False)
    assert error.value.code == "penalty.collective_discussion_missing"


# --- Art. 33 -------------------------------------------------------------------------------------------


def test_art33_first_offence_needs_correction_and_education() -> None:
    rules.require_no_penalty_grounds(outcome=CaseOutcome.FIRST_OFFENCE, corrected=True, education_given=True,
                                     legal_basis="第三十三条第一款")  # fmt: skip
    with pytest.raises(DomainError) as error:
        rules.require_no_penalty_grounds(outcome=CaseOutcome.FIRST_OFFENCE, corrected=False, education_given=True,
                                         legal_basis="x")  # fmt: skip
    assert error.value.code == "penalty.not_corrected"
    with pytest.raises(DomainError) as error:
        rules.require_no_penalty_grounds(outcome=CaseOutcome.MINOR_CORRECTED, corrected=True, education_given=False,
                                         legal_basis="x")  # fmt: skip
    assert error.value.code == "penalty.education_missing" and "第三十三条第三款" in error.value.message
    # facts not established (Art. 57(1)(三)) needs neither correction nor education
    rules.require_no_penalty_grounds(outcome=CaseOutcome.FACTS_NOT_ESTABLISHED, corrected=False,
                                     education_given=False, legal_basis="第五十七条")  # fmt: skip


# --- Art. 59 / 60 / 61 -------------------------------------------------------------------------------------


def test_art59_decision_content_is_complete() -> None:
    with pytest.raises(DomainError) as error:
        rules.require_decision_content(party_name="甲", party_address="", facts="f", legal_basis="b", performance="p",
                                       remedies="r")  # fmt: skip
    assert "当事人地址" in error.value.message and "第五十九条" in error.value.message


def test_art60_decision_within_the_period() -> None:
    kwargs = {"filed_on": date(2026, 3, 3), "due": date(2026, 6, 1), "legal_basis": "第六十条"}
    rules.require_decision_in_time(decided_on=date(2026, 6, 1), **kwargs)
    with pytest.raises(DomainError) as error:
        rules.require_decision_in_time(decided_on=date(2026, 6, 2), **kwargs)
    assert error.value.code == "penalty.decision_deadline_passed"


def test_art61_late_service_is_flagged() -> None:
    assert rules.service_is_late(served_on=date(2026, 4, 10), due=date(2026, 4, 9))
    assert not rules.service_is_late(served_on=date(2026, 4, 9), due=date(2026, 4, 9))
    with pytest.raises(DomainError):
        rules.require_served_after_decision(decided_on=date(2026, 4, 2), served_on=date(2026, 4, 1))


def test_art67_payment_period_starts_only_for_fines() -> None:
    assert rules.requires_payment([P.FINE], Decimal(100))
    assert not rules.requires_payment([P.WARNING], Decimal(0))


# --- Art. 72 / 73 ---------------------------------------------------------------------------------------------

DUE = date(2026, 4, 15)


@pytest.mark.parametrize(
    ("_case", "fine", "on", "pauses", "amount"),
    [
        ("on the due date", Decimal(1000), DUE, [], Decimal("0.00")),
        ("one day late: 3%", Decimal(1000), DUE + timedelta(days=1), [], Decimal("30.00")),
        ("ten days", Decimal(1000), DUE + timedelta(days=10), [], Decimal("300.00")),
        ("capped at the fine", Decimal(1000), DUE + timedelta(days=100), [], Decimal("1000.00")),
        ("rounded half up to the fen", Decimal("33.35"), DUE + timedelta(days=1), [], Decimal("1.00")),
        ("paused five days", Decimal(1000), DUE + timedelta(days=10),
         [(DUE + timedelta(days=3), DUE + timedelta(days=7))], Decimal("150.00")),
        ("open pause", Decimal(1000), DUE + timedelta(days=10), [(DUE + timedelta(days=1), None)], Decimal("0.00")),
    ],
)  # fmt: skip
def test_art72_art73_surcharge_table(_case, fine, on, pauses, amount) -> None:  # type: ignore[no-untyped-def]
    assert rules.late_payment_surcharge(fine=fine, payment_due=DUE, on=on, pauses=pauses).amount == amount


fines = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1000000"), places=2)
days = st.integers(min_value=0, max_value=400)


@given(fine=fines, first=days, second=days)
def test_art72_surcharge_never_exceeds_the_fine_and_is_monotonic(fine: Decimal, first: int, second: int) -> None:
    early, late = sorted((first, second))
    a = rules.late_payment_surcharge(fine=fine, payment_due=DUE, on=DUE + timedelta(days=early))
    b = rules.late_payment_surcharge(fine=fine, payment_due=DUE, on=DUE + timedelta(days=late))
    assert Decimal(0) <= a.amount <= b.amount <= fine


@given(fine=fines, start=st.integers(min_value=1, max_value=100), length=days)
def test_art73_surcharge_does_not_grow_while_paused(fine: Decimal, start: int, length: int) -> None:
    pause_first = DUE + timedelta(days=start)
    before = rules.late_payment_surcharge(fine=fine, payment_due=DUE, on=pause_first - timedelta(days=1))
    during = rules.late_payment_surcharge(
        fine=fine, payment_due=DUE, on=pause_first + timedelta(days=length), pauses=[(pause_first, None)]
    )
    assert during.amount == before.amount
    whole = rules.late_payment_surcharge(
        fine=fine, payment_due=DUE, on=DUE + timedelta(days=length + 1), pauses=[(DUE + timedelta(days=1), None)]
    )
    assert whole.amount == Decimal("0.00")


def test_art73_only_one_open_pause() -> None:
    with pytest.raises(DomainError):
        rules.require_pause_consistent(pauses=[(DUE, None)], starting=True)
    with pytest.raises(DomainError):
        rules.require_pause_consistent(pauses=[(DUE, DUE)], starting=False)


# --- state machine (RULES.md §1.3) ---------------------------------------------------------------------------


def test_state_machine_order_of_the_ordinary_procedure() -> None:
    codes = {a.code for a in rules.allowed_actions(status=CaseStatus.INVESTIGATING, procedure=CaseProcedure.ORDINARY)}
    assert "notify" in codes and "decide" not in codes  # Art. 44/62: no decision before the notice
    with pytest.raises(Conflict) as error:
        rules.require_action(status=CaseStatus.INVESTIGATING, procedure=CaseProcedure.ORDINARY, action="decide")
    assert error.value.code == "penalty.transition_not_allowed"
    assert rules.allowed_actions(status=CaseStatus.CLOSED, procedure=CaseProcedure.ORDINARY)[0].code in {
        "revoke_decision", "publish"
    }  # fmt: skip


def test_state_machine_simplified_cases_start_served() -> None:
    codes = {a.code for a in rules.allowed_actions(status=CaseStatus.SERVED, procedure=CaseProcedure.SIMPLIFIED)}
    assert codes >= {"execute", "pause_surcharge"} and "serve" not in codes


# --- evidence (Art. 46, 47; 三项制度) and publicity (Art. 48; 118号) ---------------------------------------------


def test_art46_evidence_type_and_signature_checks() -> None:
    limits = {"allowed": rules.evidence.DEFAULT_ALLOWED_CONTENT_TYPES, "max_bytes": 100, "max_bytes_audio_video": 1000}
    rules.require_acceptable_file(evidence_type="documentary", content_type="application/pdf", size=10,
                                  head=b"%PDF-1.7", **limits)  # fmt: skip
    cases = [
        ({"content_type": "video/mp4", "head": b"", "size": 10, "evidence_type": "documentary"},
         "evidence.content_type_not_allowed"),
        ({"content_type": "application/pdf", "head": b"\x89PNG\r\n\x1a\n", "size": 10, "evidence_type": "documentary"},
         "evidence.content_type_mismatch"),
        ({"content_type": "application/pdf", "head": b"%PDF", "size": 101, "evidence_type": "documentary"},
         "evidence.too_large"),
        ({"content_type": "application/pdf", "head": b"", "size": 0, "evidence_type": "documentary"},
         "evidence.empty_file"),
    ]  # fmt: skip
    for kwargs, code in cases:
        with pytest.raises(DomainError) as error:
            rules.require_acceptable_file(**kwargs, **limits)
        assert error.value.code == code
    rules.require_acceptable_file(evidence_type="audio_visual", content_type="video/mp4", size=999,
                                  head=b"\x00\x00\x00\x18ftypmp42", **limits)  # fmt: skip


def test_art47_audio_video_required_for_on_site_seizure() -> None:
    with pytest.raises(DomainError) as error:
        rules.require_audio_video_record(stage=EvidenceStage.SEIZURE, audio_video_recorded=False)
    assert "第四十七条" in error.value.message
    rules.require_audio_video_record(stage=EvidenceStage.SEIZURE, audio_video_recorded=True)
    rules.require_audio_video_record(stage=EvidenceStage.INVESTIGATION, audio_video_recorded=False)


def test_art48_publication_masks_natural_persons_only() -> None:
    person = rules.public_party(kind=PERSON, name="张三丰", code="11010519491231002X", address="示范街道幸福路1号")
    assert person.name == "张**" and person.code == "110105********002X" and "幸福路" not in person.address
    org = rules.public_party(kind=ORG, name="青禾公司", code="91350100M000100Y43", address="示范路1号")
    assert org.name == "青禾公司" and org.code == "91350100M000100Y43"
    assert rules.public_text("电话13812345678") == "电话138****5678"


def test_art50_published_facts_mask_the_persons_own_name_and_address() -> None:
    facts = "当事人张三丰在示范街道幸福路1号销售过期食品，张三丰对违法事实无异议，电话13812345678。"
    public = rules.public_text(facts, person_name="张三丰", person_address="示范街道幸福路1号")
    assert "张三丰" not in public and "幸福路1号" not in public and "13812345678" not in public
    assert public.count("张**") == 2
    # organisations are published in full: nothing passed, nothing masked beyond IDs and phones
    assert rules.public_text("青禾公司销售过期食品") == "青禾公司销售过期食品"


def test_art48_late_publication_and_withdrawal_are_flagged() -> None:
    assert rules.publication_is_late(published_on=date(2026, 4, 9), due=date(2026, 4, 8))
    assert not rules.withdrawal_is_late(withdrawn_on=date(2026, 4, 8), due=date(2026, 4, 8))
    with pytest.raises(Conflict):
        rules.require_publishable(has_penalty=False, already_published=False)


@pytest.mark.parametrize(
    ("due", "urgency"),
    [(None, Urgency.NONE), (date(2026, 3, 9), Urgency.OVERDUE), (date(2026, 3, 13), Urgency.URGENT),
     (date(2026, 3, 17), Urgency.SOON), (date(2026, 3, 18), Urgency.NORMAL)],
)  # fmt: skip
def test_deadline_urgency(due: date | None, urgency: str) -> None:
    assert rules.deadline_urgency(due=due, today=date(2026, 3, 10)) == urgency


def test_party_identifiers_are_validated() -> None:
    assert rules.normalized_party_code(kind=ORG, code="91350100m000100y43", today=date(2026, 1, 1)).isupper()
    with pytest.raises(DomainError) as error:
        rules.normalized_party_code(kind=ORG, code="91350100M000100Y44", today=date(2026, 1, 1))
    assert error.value.code == "party.invalid_code"
    # the standard is cited once, in full, and the identifier named once
    assert error.value.message == (
        "统一社会信用代码校验码错误（依据GB 32100-2015《法人和其他组织统一社会信用代码编码规则》）。"
    )
    with pytest.raises(DomainError) as error:
        rules.normalized_party_code(kind=PERSON, code="110105194912310021", today=date(2026, 1, 1))
    assert error.value.message.count("GB 11643") == 1
    assert error.value.message.startswith("公民身份号码校验码错误（依据")
