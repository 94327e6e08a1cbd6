"""复议后起诉的起诉期限 (行政诉讼法 Art. 45): fifteen calendar days from the receipt of the 复议决定书, or
from the end of the 复议 period without a decision; counted as 法释〔2018〕1号 Art. 48 says (start day
excluded, an end on a holiday moves to the next working day). A later suit is registered all the same
(the court decides on the time limit) and flagged for the 答辩."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.calendars.rules import WorkingDayCalendar
from fazhi.core.deadlines.choices import PeriodUnit
from fazhi.core.deadlines.rules import RuleParams
from fazhi.core.deadlines.selectors import deadline_params_on
from fazhi.core.errors import DomainError
from fazhi.litigation import rules, selectors, services
from fazhi.litigation.choices import DefendantRole
from fazhi.litigation.models import LitigationCase
from fazhi.litigation.tests import factories as lf
from fazhi.reconsideration.choices import Outcome as ReviewOutcome
from fazhi.reconsideration.tests import factories as rf

# As litigation/migrations/0005_suit_period_rule ships it (test_the_shipped_rule_is_fifteen_calendar_days).
PARAMS = RuleParams(
    code=rules.RULE_SUIT_AFTER_RECONSIDERATION, name_zh="经复议案件起诉期限", count=15,
    unit=PeriodUnit.CALENDAR_DAY, legal_basis="《中华人民共和国行政诉讼法》第四十五条",
)  # fmt: skip
RECEIVED = "收到复议决定书"


def _period(received_on: date, filed_on: date) -> rules.SuitPeriod:
    start = rules.SuitPeriodStart(received_on, RECEIVED)
    return rules.suit_period(start=start, filed_on=filed_on, params=PARAMS, calendar=WorkingDayCalendar())


@pytest.mark.parametrize(
    ("_case", "received_on", "filed_on", "due", "late"),
    [
        ("day 15 (a Tuesday) is in time", date(2026, 3, 2), date(2026, 3, 17), date(2026, 3, 17), False),
        ("day 16 is late", date(2026, 3, 2), date(2026, 3, 18), date(2026, 3, 17), True),
        ("filed the day the decision was received", date(2026, 3, 2), date(2026, 3, 2), date(2026, 3, 17), False),
        # Calendar days: the two weekends inside count (15 working days would end on 2026-03-27).
        ("calendar days, not working days", date(2026, 3, 6), date(2026, 3, 26), date(2026, 3, 23), True),
        ("day 15 a Saturday: Monday is in time", date(2026, 3, 6), date(2026, 3, 23), date(2026, 3, 23), False),
        ("day 15 a Saturday: Tuesday is late", date(2026, 3, 6), date(2026, 3, 24), date(2026, 3, 23), True),
        # 2026-05-01 is 劳动节 (5/1–5/5 off): the period ends on the first working day after it.
        ("day 15 on 劳动节: 5月6日 is in time", date(2026, 4, 16), date(2026, 5, 6), date(2026, 5, 6), False),
        ("day 15 on 劳动节: 5月7日 is late", date(2026, 4, 16), date(2026, 5, 7), date(2026, 5, 6), True),
    ],
)
def test_the_fifteen_days_from_the_receipt_of_the_decision(_case, received_on, filed_on, due, late):
    period = _period(received_on, filed_on)

    assert (period.due, period.late) == (due, late)
    assert period.flag == (rules.SUIT_LATE_FLAG if late else "")
    assert "行政诉讼法》第四十五条" in period.legal_basis and "第四十八条" in period.legal_basis


def test_the_flag_and_the_counting_read_as_the_defence_needs_them():
    period = _period(date(2026, 4, 16), date(2026, 5, 7))

    assert period.flag == "起诉可能超过法定起诉期限（行政诉讼法第四十五条），答辩时可提出"
    assert period.summary == "自2026年4月16日收到复议决定书起十五日，至2026年5月6日届满"
    assert any("劳动节" in step and "2026年5月6日" in step for step in period.steps)


@pytest.mark.parametrize(
    ("_case", "received", "concluded", "period_end", "expected"),
    [
        ("another agency's 复议: from the receipt", date(2026, 4, 21), None, None, (date(2026, 4, 21), RECEIVED)),
        ("decided before the suit: from the receipt", date(2026, 4, 21), date(2026, 4, 20), date(2026, 5, 6),
         (date(2026, 4, 21), RECEIVED)),
        ("decided before the suit, receipt unknown", None, date(2026, 4, 20), date(2026, 5, 6), None),
        ("decided late, on the day of the suit: from the receipt", date(2026, 6, 1), date(2026, 6, 1),
         date(2026, 5, 6), (date(2026, 6, 1), RECEIVED)),
        ("no decision in time: from the end of the period", None, None, date(2026, 5, 6),
         (date(2026, 5, 6), "复议期满")),
        ("decided only after the suit: still from the end of the period", date(2026, 6, 10), date(2026, 6, 5),
         date(2026, 5, 6), (date(2026, 5, 6), "复议期满")),
        ("nothing known", None, None, None, None),
    ],
)  # fmt: skip
def test_where_the_period_starts(_case, received, concluded, period_end, expected):
    start = rules.suit_period_start(
        filed_on=date(2026, 6, 1), decision_received_on=received, review_concluded_on=concluded,
        review_period_end=period_end,
    )  # fmt: skip

    assert (start.on, start.event) == expected if expected else start is None


@pytest.mark.parametrize(("filed_on", "late"), [(date(2026, 5, 21), False), (date(2026, 5, 22), True)])
def test_without_a_decision_the_fifteen_days_run_from_the_end_of_the_period(filed_on, late):
    start = rules.suit_period_start(
        filed_on=filed_on, decision_received_on=None, review_concluded_on=None, review_period_end=date(2026, 5, 6)
    )
    assert start is not None

    period = rules.suit_period(start=start, filed_on=filed_on, params=PARAMS, calendar=WorkingDayCalendar())

    assert (period.due, period.late) == (date(2026, 5, 21), late)


@pytest.mark.django_db
def test_the_shipped_rule_is_fifteen_calendar_days():
    params = deadline_params_on(rule_code=rules.RULE_SUIT_AFTER_RECONSIDERATION, on=date(2026, 3, 2))

    assert (params.count, params.unit, params.start_excluded, params.roll_over) == (15, "calendar_day", True, True)
    assert params.legal_basis == PARAMS.legal_basis


# --- service -------------------------------------------------------------------------------------------------


def _register(cast, **overrides):  # type: ignore[no-untyped-def]
    recon = overrides.pop("reconsideration_case", None)
    return services.litigation_case_register(
        actor=cast.reconsideration_officer, responsible_unit=cast.government, reconsideration_case=recon,
        data=lf.lawsuit_data(**overrides), defendants=[] if recon else [(cast.north, DefendantRole.ORIGINAL)],
    )  # fmt: skip


@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
def test_a_suit_after_the_period_is_registered_with_the_receipt_date_and_flagged(cast):
    recon = rf.decide(cast, rf.replied(cast), outcome=ReviewOutcome.UPHELD)  # decided 2026-04-20

    case = _register(cast, reconsideration_case=recon, decision_received_on=date(2026, 4, 21))

    case.refresh_from_db()
    assert case.decision_received_on == date(2026, 4, 21) and case.filed_on == date(2026, 6, 1)
    audit = AuditEvent.objects.get(event_type=AuditEventType.LITIGATION_CASE_REGISTERED)
    assert audit.changes["decision_received_on"] == [None, "2026-04-21"]
    period = selectors.case_suit_period(case=case)
    assert period is not None and period.late and period.due == date(2026, 5, 6)


@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
def test_a_suit_in_time_is_not_flagged_and_a_direct_suit_has_no_period(cast):
    recon = rf.decide(cast, rf.replied(cast), outcome=ReviewOutcome.UPHELD)
    in_time = _register(cast, reconsideration_case=recon, decision_received_on=date(2026, 5, 20))
    direct = _register(cast, case_number="（2026）测0101行初2号")

    period = selectors.case_suit_period(case=in_time)
    assert period is not None and not period.late and period.due == date(2026, 6, 4)
    assert selectors.case_suit_period(case=direct) is None


@pytest.mark.parametrize(
    ("_case", "received_on", "linked", "code"),
    [
        ("no 复议 at all", date(2026, 5, 20), False, "litigation.decision_receipt_without_reconsideration"),
        ("before the 复议 decided (4月20日)", date(2026, 4, 19), True, "litigation.decision_received_before_decided"),
        ("in the future (today 2026-06-30)", date(2026, 7, 1), True, "litigation.future_date"),
    ],
)
@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
def test_an_impossible_receipt_date_is_refused_and_nothing_is_written(cast, _case, received_on, linked, code):
    recon = rf.decide(cast, rf.replied(cast), outcome=ReviewOutcome.UPHELD)
    audits = AuditEvent.objects.count()

    with pytest.raises(DomainError) as exc:
        _register(cast, reconsideration_case=recon if linked else None, decision_received_on=received_on)

    assert exc.value.code == code and "decision_received_on" in exc.value.fields
    assert LitigationCase.objects.count() == 0 and AuditEvent.objects.count() == audits


# --- pages and API -------------------------------------------------------------------------------------------


_form = lf.register_form


@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
def test_the_register_form_takes_the_receipt_date_and_the_case_page_flags_a_late_suit(cast):
    recon = rf.decide(cast, rf.replied(cast), outcome=ReviewOutcome.UPHELD)
    client = lf.logged_in(cast.reconsideration_officer)
    assert "原告收到行政复议决定书日期" in client.get(reverse("litigation:case_register")).content.decode()

    response = client.post(
        reverse("litigation:case_register"),
        _form(reconsideration_case_number=recon.number, decision_received_on="2026-04-21"),
    )

    case = LitigationCase.objects.get()
    assert response.status_code == 302 and case.decision_received_on == date(2026, 4, 21)
    html = client.get(reverse("litigation:case_detail", args=[case.pk])).content.decode()
    assert 'data-testid="suit-late-flag"' in html
    assert "自2026年4月21日收到复议决定书起十五日，至2026年5月6日届满" in html
    assert "起诉可能超过法定起诉期限（行政诉讼法第四十五条），答辩时可提出" in html


@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
def test_the_case_page_counts_from_the_end_of_the_period_when_the_reconsideration_did_not_decide(cast):
    recon = rf.replied(cast)  # period to 2026-05-06, no decision; the suit is 立案 on 2026-06-01
    case = _register(cast, reconsideration_case=recon)

    html = lf.logged_in(cast.reconsideration_officer).get(reverse("litigation:case_detail", args=[case.pk]))

    page = html.content.decode()
    assert "自2026年5月6日复议期满起十五日，至2026年5月21日届满" in page and 'data-testid="suit-late"' in page


@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
def test_the_case_page_says_when_the_period_cannot_be_checked_and_does_not_flag_a_suit_in_time(cast):
    unknown = _register(cast, after_reconsideration=True)
    recon = rf.decide(cast, rf.replied(cast), outcome=ReviewOutcome.UPHELD)
    in_time = _register(
        cast, reconsideration_case=recon, decision_received_on=date(2026, 5, 20), case_number="（2026）测0101行初2号"
    )
    client = lf.logged_in(cast.reconsideration_officer)

    unknown_page = client.get(reverse("litigation:case_detail", args=[unknown.pk])).content.decode()
    in_time_page = client.get(reverse("litigation:case_detail", args=[in_time.pk])).content.decode()

    assert "未登记原告收到复议决定书日期，无法核对" in unknown_page and "suit-late" not in unknown_page
    assert "至2026年6月4日届满" in in_time_page and "suit-late" not in in_time_page


@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
def test_a_receipt_date_without_a_reconsideration_is_refused_on_the_form(cast):
    client = lf.logged_in(cast.reconsideration_officer)

    form = _form(defendant=cast.north.code, decision_received_on="2026-05-20")

    response = client.post(reverse("litigation:case_register"), form)

    html = response.content.decode()
    assert response.status_code == 422 and 'data-code="litigation.decision_receipt_without_reconsideration"' in html
    assert "未经复议。" in html and LitigationCase.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
def test_the_api_takes_the_receipt_date_and_returns_the_period(cast):
    recon = rf.decide(cast, rf.replied(cast), outcome=ReviewOutcome.UPHELD)
    api = APIClient()
    api.force_authenticate(cast.reconsideration_officer)

    response = api.post("/api/v1/litigation/cases/", {
        **_form(), "responsible_unit": cast.government.code, "reconsideration_case_id": recon.pk,
        "decision_received_on": "2026-04-21",
    }, format="json")  # fmt: skip

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["decision_received_on"] == "2026-04-21"
    period = body["suit_period"]
    assert (period["start"], period["event"], period["due"], period["late"]) == (
        "2026-04-21",
        "收到复议决定书",
        "2026-05-06",
        True,
    )
    assert period["flag"] == rules.SUIT_LATE_FLAG and period["steps"]
    direct = api.get(f"/api/v1/litigation/cases/{lf.registered(cast, case_number='（2026）测0101行初3号').pk}/")
    assert direct.json()["suit_period"] is None and direct.json()["decision_received_on"] is None


def _list_queries(api: APIClient) -> tuple[int, list[dict]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        body = api.get("/api/v1/litigation/cases/").json()
    return len(queries), body


@pytest.mark.django_db
@pytest.mark.usefixtures("spring_2026")
def test_the_list_api_reads_periods_and_hearings_in_a_fixed_number_of_queries(cast):
    officer = cast.reconsideration_officer
    api = APIClient()
    api.force_authenticate(officer)

    def add_case(n: int) -> None:
        recon = rf.decide(cast, rf.replied(cast), outcome=ReviewOutcome.UPHELD)
        case = _register(cast, reconsideration_case=recon, decision_received_on=date(2026, 4, 21),
                         case_number=f"（2026）测0101行初{n}号")  # fmt: skip
        services.litigation_hearing_record(
            actor=officer, case=case, held_on=date(2026, 6, 20), head_appeared=True, head_name="王局长"
        )

    add_case(1)
    few, _body = _list_queries(api)
    for n in range(2, 6):
        add_case(n)
    many, body = _list_queries(api)

    # five post-复议 cases with a hearing each cost what one did: nothing is read per row
    assert many == few
    assert len(body) == 5 and all(row["suit_period"]["late"] for row in body)
    assert all(len(row["hearings"]) == 1 for row in body)
