"""Pure rule tables, one row per legal case, labelled with the article they check."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.core.calendars.rules import WorkingDayCalendar
from fazhi.core.errors import Conflict, DomainError
from fazhi.reconsideration.choices import CaseStatus, Category, Outcome, Procedure
from fazhi.reconsideration.rules import application, decision, procedure, statistics


@pytest.mark.parametrize(
    ("_case", "kind", "number", "ok"),
    [
        ("Art. 22 person, valid GB 11643", "person", "11010519491231002X", True),
        ("Art. 22 person, bad check digit", "person", "110105194912310021", False),
        ("Art. 22 organisation, valid GB 32100", "organisation", "91350100M000100Y43", True),
        ("Art. 22 organisation, bad check char", "organisation", "91350100M000100Y44", False),
        ("Art. 22 missing number", "person", "", False),
    ],
)
def test_applicant_id(_case, kind, number, ok):
    assert (application.applicant_id_error(kind=kind, id_number=number) is None) is ok


def test_oral_record_lists_the_missing_items_of_art_22():
    missing = application.oral_record_missing(
        {"applicant_name": "张三", "request": "撤销", "received_on": date(2026, 3, 2)}
    )
    assert missing == ["申请行政复议的主要事实", "理由"]


@pytest.mark.parametrize(
    ("_case", "channel", "posted", "expected"),
    [
        ("民诉法 Art. 85(4): mail counts the postmark", "mail", date(2026, 3, 1), date(2026, 3, 1)),
        ("in person counts receipt", "in_person", None, date(2026, 3, 5)),
        ("mail without postmark counts receipt", "mail", None, date(2026, 3, 5)),
    ],
)
def test_filing_date(_case, channel, posted, expected):
    assert application.filing_date(channel=channel, received_on=date(2026, 3, 5), posted_on=posted) == expected


def test_window_checks_art_20_and_21():
    informed = application.application_window_checks(
        known_on=date(2026, 1, 5),
        informed_of_rights=True,
        rights_known_on=None,
        act_on=date(2026, 1, 2),
        real_estate=False,
    )
    assert [c.rule_code for c in informed] == ["reconsideration.application", "reconsideration.application.absolute"]
    uninformed = application.application_window_checks(
        known_on=date(2026, 1, 5),
        informed_of_rights=False,
        rights_known_on=date(2026, 5, 1),
        act_on=None,
        real_estate=True,
    )
    assert [(c.rule_code, c.start) for c in uninformed] == [
        ("reconsideration.application", date(2026, 5, 1)),
        ("reconsideration.application.uninformed", date(2026, 1, 5)),
    ]
    assert "第二十条第三款" in uninformed[1].article


def test_real_estate_uses_the_20_year_bar_of_art_21():
    checks = application.application_window_checks(
        known_on=date(2026, 1, 5),
        informed_of_rights=True,
        rights_known_on=None,
        act_on=date(2010, 1, 1),
        real_estate=True,
    )
    assert checks[-1].rule_code == "reconsideration.application.absolute.real_estate"


@pytest.mark.parametrize(
    ("_case", "category", "on_the_spot", "refused", "required", "item"),
    [
        ("Art. 23(1)(1) on-the-spot penalty", Category.PENALTY, True, False, True, "第一项"),
        ("ordinary penalty is not 复议前置", Category.PENALTY, False, False, False, ""),
        ("Art. 23(1)(2) natural resources", Category.NATURAL_RESOURCES, False, False, True, "第二项"),
        ("Art. 23(1)(3) inaction", Category.INACTION, False, False, True, "第三项"),
        ("Art. 23(1)(4) disclosure refused", Category.DISCLOSURE, False, True, True, "第四项"),
        ("disclosure answered is not 复议前置", Category.DISCLOSURE, False, False, False, ""),
    ],
)
def test_prerequisite_art_23(_case, category, on_the_spot, refused, required, item):
    result = application.prerequisite(category=category, on_the_spot=on_the_spot, disclosure_refused=refused)
    assert result.required is required
    assert item in result.legal_basis


@pytest.mark.parametrize(
    ("_case", "kwargs", "eligible"),
    [
        ("Art. 53(1)(1) on the spot, facts clear", {"on_the_spot": True, "facts_clear": True}, True),
        ("Art. 53(1)(2) warning", {"warning_or_criticism": True, "facts_clear": True}, True),
        ("Art. 53(1)(3) 3000 元 exactly", {"amount": Decimal("3000"), "facts_clear": True}, True),
        ("Art. 53(1)(3) 3000.01 元", {"amount": Decimal("3000.01"), "facts_clear": True}, False),
        ("Art. 53(1)(4) disclosure", {"disclosure": True, "facts_clear": True}, True),
        ("Art. 53(1) ground but facts unclear", {"on_the_spot": True}, False),
        ("Art. 53(2) all parties consent", {"amount": Decimal("50000"), "parties_consent": True}, True),
        ("no ground, no consent", {"amount": Decimal("50000"), "facts_clear": True}, False),
    ],
)
def test_simplified_eligibility_art_53(_case, kwargs, eligible):
    base = {
        "facts_clear": False,
        "on_the_spot": False,
        "warning_or_criticism": False,
        "amount": None,
        "disclosure": False,
        "parties_consent": False,
    }
    result = procedure.simplified_eligibility(**{**base, **kwargs})
    assert result.eligible is eligible
    assert "第五十三条" in result.legal_basis


def test_simplified_for_ineligible_case_is_refused_citing_art_53():
    result = procedure.simplified_eligibility(
        facts_clear=True,
        on_the_spot=False,
        warning_or_criticism=False,
        amount=Decimal("9000"),
        disclosure=False,
        parties_consent=False,
    )
    with pytest.raises(DomainError, match="第五十三条") as exc:
        procedure.require_procedure_allowed(procedure=Procedure.SIMPLIFIED, eligibility=result)
    assert exc.value.code == "reconsideration.simplified_not_eligible"
    procedure.require_procedure_allowed(procedure=Procedure.GENERAL, eligibility=result)  # general is always allowed


@pytest.mark.parametrize(
    ("_case", "major", "requested", "mandatory", "answer"),
    [
        ("Art. 50(1) major/complex → shall hold", True, False, True, False),
        ("Art. 50(2) request → hold or give reasons", False, True, False, True),
        ("neither", False, False, False, False),
    ],
)
def test_hearing_requirement_art_50(_case, major, requested, mandatory, answer):
    result = procedure.hearing_requirement(major_or_complex=major, applicant_requested=requested)
    assert (result.mandatory, result.requested) == (mandatory, answer)


def test_hearing_panel_art_50_3_needs_two_hearers():
    with pytest.raises(DomainError, match="第五十条第三款"):
        procedure.require_hearing_panel(chair="甲", hearers=["乙"], recorder="丙")
    procedure.require_hearing_panel(chair="甲", hearers=["乙", "丁"], recorder="丙")


def test_hearing_notice_art_51_five_working_days():
    calendar = WorkingDayCalendar(weekday_fallback=True, use_chinese_calendar=False)
    # Monday 2026-03-02 + 5 working days = Monday 2026-03-09: the hearing may be on Tuesday 03-10.
    procedure.require_hearing_notice(notified_on=date(2026, 3, 2), hearing_on=date(2026, 3, 10), calendar=calendar)
    with pytest.raises(DomainError, match="第五十一条"):
        procedure.require_hearing_notice(notified_on=date(2026, 3, 2), hearing_on=date(2026, 3, 9), calendar=calendar)


def test_committee_reasons_art_52():
    reasons = procedure.committee_reasons(
        major_or_complex=True, technical=True, provincial_own_act=False, deemed_necessary=False
    )
    assert len(reasons) == 2 and "第一项" in reasons[0] and "第二项" in reasons[1]
    assert (
        procedure.committee_reasons(
            major_or_complex=False, technical=False, provincial_own_act=False, deemed_necessary=False
        )
        == []
    )


def test_investigation_art_45_needs_two_staff():
    with pytest.raises(DomainError, match="第四十五条"):
        procedure.require_investigators(names=["张", " ", "张"])
    assert procedure.require_investigators(names=["乙", "甲", "乙"]) == ["乙", "甲"]


@pytest.mark.parametrize(
    ("_case", "ground", "today", "ok"),
    [
        ("Art. 41(5) death, 61st day", "death", date(2026, 5, 2), True),
        ("Art. 41(5) death, day 60", "death", date(2026, 5, 1), False),
        ("Art. 41(5) ground (五) never terminates", "force_majeure", date(2026, 12, 1), False),
    ],
)
def test_termination_after_suspension_art_41_5(_case, ground, today, ok):
    assert procedure.can_terminate_after_suspension(ground=ground, limit_due=date(2026, 5, 1), today=today) is ok


def test_state_machine_refuses_deciding_an_unaccepted_case():
    with pytest.raises(Conflict, match="不能作出决定"):
        procedure.require_action(status=CaseStatus.RECEIVED, action="decide")
    procedure.require_action(status=CaseStatus.ACCEPTED, action="decide")


@pytest.mark.parametrize(
    ("_case", "proc", "days", "already", "code"),
    [
        ("Art. 62(1) 30 days allowed", Procedure.GENERAL, 30, 0, None),
        ("Art. 62(1) 31 days refused", Procedure.GENERAL, 31, 0, "reconsideration.extension_too_long"),
        ("Art. 62(1) only once", Procedure.GENERAL, 10, 10, "reconsideration.extension_repeated"),
        ("Art. 62(2) simplified never", Procedure.SIMPLIFIED, 5, 0, "reconsideration.extension_not_allowed"),
    ],
)
def test_extension_art_62(_case, proc, days, already, code):
    if code is None:
        decision.require_extension_allowed(procedure=proc, days=days, already_extended=already)
        return
    with pytest.raises(DomainError, match="第六十二条") as exc:
        decision.require_extension_allowed(procedure=proc, days=days, already_extended=already)
    assert exc.value.code == code


def test_decision_after_deadline_without_extension_is_refused_art_62():
    with pytest.raises(DomainError, match="未登记经批准的延长") as exc:
        decision.require_decided_in_time(
            decided_on=date(2026, 5, 4), due=date(2026, 5, 2), extended=False, accepted_on=date(2026, 3, 3)
        )
    assert "第六十二条" in exc.value.message


@pytest.mark.parametrize(
    ("_case", "outcome", "correction"),
    [
        ("Art. 63 变更", Outcome.CHANGED, True),
        ("Art. 64 撤销", Outcome.REVOKED, True),
        ("Art. 65 确认违法", Outcome.CONFIRMED_ILLEGAL, True),
        ("Art. 66 责令履行", Outcome.ORDERED_PERFORMANCE, True),
        ("Art. 67 确认无效", Outcome.CONFIRMED_VOID, True),
        ("Art. 68 维持", Outcome.UPHELD, False),
        ("Art. 69 驳回复议请求", Outcome.CLAIM_DISMISSED, False),
        ("Art. 33 驳回申请", Outcome.APPLICATION_DISMISSED, False),
    ],
)
def test_corrections_art_63_to_69(_case, outcome, correction):
    assert decision.is_correction(outcome) is correction
    assert decision.require_decision_outcome(outcome) == outcome


def test_adverse_change_is_refused_art_63_2():
    with pytest.raises(DomainError, match="第六十三条第二款"):
        decision.require_no_adverse_change(outcome=Outcome.CHANGED, heavier_for_applicant=True)


def test_gates_art_50_and_52():
    gates = decision.decision_gates(
        hearing_mandatory=True,
        hearing_requested=False,
        hearing_held=False,
        hearing_declined_reason="",
        committee_required=True,
        committee_consulted=False,
    )
    assert len(gates.missing) == 2
    assert (
        decision.decision_gates(
            hearing_mandatory=False,
            hearing_requested=True,
            hearing_held=False,
            hearing_declined_reason="事实清楚",
            committee_required=False,
            committee_consulted=False,
        ).missing
        == ()
    )


@pytest.mark.parametrize(
    ("_case", "num", "den", "expected"),
    [
        ("RULES §3 纠错率 (12+23+6)/377", 41, 377, Decimal("10.88")),
        ("RULES §3 调撤率 119/377", 119, 377, Decimal("31.56")),
        ("half-up at the third decimal", 1, 8, Decimal("12.50")),
        ("2/3 rounds up", 2, 3, Decimal("66.67")),
        ("0/0 is no rate", 0, 0, None),
    ],
)
def test_percent_half_up(_case, num, den, expected):
    assert statistics.percent(num, den) == expected


def test_document_number_format_gb_t_9704():
    assert application.case_number(prefix="测府", year=2026, serial=12, kind="决") == "测府复决字〔2026〕12号"
    assert application.case_number(prefix="测府", year=2026, serial=12) == "测府复〔2026〕12号"


@pytest.mark.parametrize(
    ("_case", "number", "expected"),
    [
        ("GB/T 9704 7.2.4: the 案号's 代字, year and serial", "青政复〔2026〕12号", "青政复决字〔2026〕12号"),
        ("a number registered before the 代字 was recorded keeps its prefix", "QH-GOV复〔2025〕3号",
         "QH-GOV复决字〔2025〕3号"),
        ("another shape", "（2026）青0101行初1号", None),
    ],
)  # fmt: skip
def test_document_number_follows_the_case_number(_case, number, expected):
    assert application.document_number(case_number=number, kind="决") == expected


@pytest.mark.parametrize(
    ("_case", "procedure", "sent", "replied", "due", "on", "ready", "code", "missed"),
    [
        ("Art. 48 copy not sent", Procedure.GENERAL, None, None, None, date(2026, 4, 1), False,
         "reconsideration.decision_before_copy", False),
        ("Art. 48 reply period running", Procedure.GENERAL, date(2026, 3, 5), None, date(2026, 3, 19),
         date(2026, 3, 10), False, "reconsideration.decision_before_reply_period", False),
        ("Art. 48 last day of the reply period", Procedure.GENERAL, date(2026, 3, 5), None, date(2026, 3, 19),
         date(2026, 3, 19), False, "reconsideration.decision_before_reply_period", False),
        ("Art. 48/70 period over, no reply", Procedure.GENERAL, date(2026, 3, 5), None, date(2026, 3, 19),
         date(2026, 3, 20), True, "", True),
        ("Art. 48 reply recorded early", Procedure.GENERAL, date(2026, 3, 5), date(2026, 3, 9), date(2026, 3, 19),
         date(2026, 3, 10), True, "", False),
        ("Art. 54 simplified, period running", Procedure.SIMPLIFIED, date(2026, 3, 4), None, date(2026, 3, 11),
         date(2026, 3, 11), False, "reconsideration.decision_before_reply_period", False),
        ("Art. 54 simplified, copy not sent", Procedure.SIMPLIFIED, None, None, None, date(2026, 3, 20), False,
         "reconsideration.decision_before_copy", False),
    ],
)  # fmt: skip
def test_reply_stage_art_48_54(_case, procedure, sent, replied, due, on, ready, code, missed):
    stage = decision.reply_stage(
        procedure=procedure, copy_sent_on=sent, reply_received_on=replied, reply_due=due, on=on
    )
    assert (stage.ready, stage.code, stage.missed) == (ready, code, missed)
    article = "第五十四条" if procedure == Procedure.SIMPLIFIED else "第四十八条"
    assert ready or article in stage.missing
    if not ready:
        with pytest.raises(Conflict) as exc:
            decision.require_reply_stage_passed(stage)
        assert exc.value.code == code and exc.value.status_code == 409
    else:
        decision.require_reply_stage_passed(stage)
