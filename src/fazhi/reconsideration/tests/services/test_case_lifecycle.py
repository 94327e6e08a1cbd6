"""Services end to end: returned object, DB state, one audit row of its type, timeline; refusals change nothing."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import Conflict, DomainError
from fazhi.enforcement.models import CaseEvent as PenaltyEvent
from fazhi.enforcement.tests.factories import build_world, decide, decided_case, investigate, notify, open_case
from fazhi.reconsideration import services
from fazhi.reconsideration.choices import CaseStatus, EventType, Outcome, Procedure
from fazhi.reconsideration.models import CaseEvent, ReconsiderationCase, ReviewAlert
from fazhi.reconsideration.tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("spring_2026")]


def _audits(event_type: AuditEventType) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type=event_type))


def _snapshot(case: ReconsiderationCase) -> tuple:
    case.refresh_from_db()
    return (
        case.status,
        case.version,
        case.outcome,
        case.decision_due,
        case.extension_days,
        CaseEvent.objects.count(),
        AuditEvent.objects.count(),
    )


def test_register_tracks_acceptance_review_and_window(cast):
    case = f.register(cast)

    assert case.number == "G复〔2026〕1号"
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    # 2026-03-02 (Mon) + 5 working days = 2026-03-09; 60 days from 2026-02-20 = 2026-04-21
    assert case.acceptance_due == date(2026, 3, 9)
    assert case.window_due == date(2026, 4, 21)
    audits = _audits(AuditEventType.RECONSIDERATION_REGISTERED)
    assert len(audits) == 1 and audits[0].actor == cast.reconsideration_officer
    assert CaseEvent.objects.get(case=case).type == EventType.REGISTERED


def test_application_past_the_window_is_refused_and_nothing_is_written(cast):
    before = (ReconsiderationCase.objects.count(), AuditEvent.objects.count())

    with pytest.raises(DomainError, match="第二十条") as exc:
        f.register(cast, known_on=date(2025, 12, 1), act_on=date(2025, 11, 30))

    assert exc.value.code == "reconsideration.application_late"
    assert (ReconsiderationCase.objects.count(), AuditEvent.objects.count()) == before


def test_late_application_can_be_recorded_for_refusal_only(cast):
    case = f.register(cast, known_on=date(2025, 12, 1), act_on=date(2025, 11, 30), record_late=True)
    assert case.window_late
    with pytest.raises(DomainError, match="不予受理"):
        services.case_accept(actor=cast.reconsideration_officer, case=case, accepted_on=date(2026, 3, 3))
    refused = services.case_refuse(
        actor=cast.reconsideration_officer, case=case, refused_on=date(2026, 3, 4), reason="超过法定申请期限。"
    )
    assert refused.status == CaseStatus.NOT_ACCEPTED


def test_oral_application_needs_the_art_22_record(cast):
    with pytest.raises(DomainError, match="第二十二条第三款"):
        f.register(cast, channel="oral", facts="", reasons="")
    case = f.register(cast, channel="oral")
    assert case.oral_recorded_by == cast.reconsideration_officer


def test_invalid_applicant_id_is_refused(cast):
    with pytest.raises(DomainError) as exc:
        f.register(cast, applicant_id_number="110105194912310021")
    assert exc.value.code == "reconsideration.invalid_applicant_id"
    assert "applicant_id_number" in exc.value.fields


def _decided_before_the_application(world):
    """A penalty decision of 2026-02-09, before the application (known 02-20, filed 03-02)."""
    case = open_case(
        world, violation_ended_on=date(2026, 1, 10), discovered_on=date(2026, 1, 12), filed_on=date(2026, 1, 13)
    )
    case = notify(world, investigate(world, case, on=date(2026, 1, 14)), notified_on=date(2026, 1, 26))
    return decide(world, case, decided_on=date(2026, 2, 9))


def test_full_path_revocation_feeds_back_to_penalty_case_and_unit(cast):
    world = build_world(cast)
    penalty = _decided_before_the_application(world)
    case = f.replied(cast, penalty_case=penalty)
    audits_before = AuditEvent.objects.count()

    decided = f.decide(cast, case, outcome=Outcome.REVOKED)

    decided.refresh_from_db()
    assert (decided.status, decided.outcome, decided.concluded_on) == (
        CaseStatus.CONCLUDED,
        Outcome.REVOKED,
        date(2026, 4, 20),
    )
    assert len(_audits(AuditEventType.RECONSIDERATION_DECIDED)) == 1
    assert CaseEvent.objects.filter(case=case, type=EventType.DECIDED).count() == 1
    # 以案促改: the penalty case's timeline, its audit row, and the unit's alert
    event = PenaltyEvent.objects.filter(case=penalty, type="decision_revoked").get()
    assert "撤销" in event.message and case.number in event.message
    assert len(_audits(AuditEventType.PENALTY_CASE_REVIEW_OUTCOME_RECORDED)) == 1
    alert = ReviewAlert.objects.get()
    assert (alert.unit, alert.penalty_case, alert.outcome) == (cast.north, penalty, "撤销")
    assert AuditEvent.objects.count() > audits_before


def test_a_linked_penalty_case_must_be_decided_before_the_application(cast):
    world = build_world(cast)
    undecided = open_case(world)
    decided_later = decided_case(world, decision_number="测市监罚〔2026〕9号")  # 2026-03-30, after filing 03-02
    before = (ReconsiderationCase.objects.count(), AuditEvent.objects.count())

    with pytest.raises(DomainError, match="第十一条") as missing:
        f.register(cast, penalty_case=undecided)
    with pytest.raises(DomainError, match="晚于申请日期") as later:
        f.register(cast, penalty_case=decided_later)

    assert missing.value.code == "reconsideration.linked_decision_missing"
    assert later.value.code == "reconsideration.dates_inconsistent"
    assert (ReconsiderationCase.objects.count(), AuditEvent.objects.count()) == before
    assert f.register(cast, penalty_case=_decided_before_the_application(world)).penalty_case_id is not None


def test_upheld_decision_raises_no_alert(cast):
    f.decide(cast, f.replied(cast), outcome=Outcome.UPHELD)
    assert not ReviewAlert.objects.exists()


def test_decision_after_the_deadline_without_extension_changes_nothing(cast):
    case = f.replied(cast)  # accepted 2026-03-03 → due 2026-05-02 (Sat) → rolls to the next working day
    state = _snapshot(case)

    with pytest.raises(DomainError, match="第六十二条") as exc:
        f.decide(cast, case, decided_on=date(2026, 6, 1))

    assert exc.value.code == "reconsideration.decision_late"
    assert exc.value.fields == {"decided_on": ["审理期限为2026年5月6日。"]}  # the field's hint, as people write dates
    assert _snapshot(case) == state


def test_extension_over_30_days_is_refused_and_30_moves_the_deadline(cast):
    case = f.replied(cast)
    state = _snapshot(case)
    with pytest.raises(DomainError, match="三十日"):
        services.case_extend(
            actor=cast.reconsideration_officer,
            case=case,
            days=31,
            extended_on=date(2026, 4, 20),
            approved_by="复议机构负责人",
            reason="情况复杂",
        )
    assert _snapshot(case) == state

    extended = services.case_extend(
        actor=cast.reconsideration_officer,
        case=case,
        days=30,
        extended_on=date(2026, 4, 20),
        approved_by="复议机构负责人",
        reason="情况复杂",
    )
    assert extended.extension_days == 30 and extended.decision_due > state[3]
    assert len(_audits(AuditEventType.RECONSIDERATION_EXTENDED)) == 1
    assert f.decide(cast, extended, decided_on=date(2026, 5, 20)).status == CaseStatus.CONCLUDED


def test_simplified_for_ineligible_case_is_refused_without_consent(cast):
    case = f.register(cast)  # 5000 元, not on the spot, no consent
    state = _snapshot(case)
    with pytest.raises(DomainError, match="第五十三条"):
        services.case_accept(
            actor=cast.reconsideration_officer, case=case, accepted_on=date(2026, 3, 3), procedure=Procedure.SIMPLIFIED
        )
    assert _snapshot(case) == state


def test_simplified_with_consent_has_30_day_period_and_converts(cast):
    case = f.accepted(cast, procedure=Procedure.SIMPLIFIED, parties_consent_simplified=True)
    assert case.decision_due == date(2026, 4, 2)  # 30 days from 2026-03-03
    assert case.copy_due == date(2026, 3, 6)  # 3 working days (Art. 54)
    converted = services.case_convert_to_general(
        actor=cast.reconsideration_officer,
        case=case,
        converted_on=date(2026, 3, 10),
        approved_by="负责人",
        reason="复杂",
    )
    # 60 days from 2026-03-03 end on Sat 05-02, inside the 5/1–5/5 Labour Day holiday → Wed 05-06
    assert converted.procedure == Procedure.GENERAL and converted.decision_due == date(2026, 5, 6)


def test_refusal_after_the_review_period_is_refused_art_30(cast):
    case = f.register(cast)
    with pytest.raises(DomainError, match="第三十条第三款"):
        services.case_refuse(actor=cast.reconsideration_officer, case=case, refused_on=date(2026, 3, 10), reason="x")


def test_silence_counts_as_acceptance(cast):
    case = f.register(cast)
    deemed = services.case_deem_accepted(actor=None, case=case, today=date(2026, 3, 10))
    assert (deemed.status, deemed.accepted_on, deemed.accepted_deemed) == (CaseStatus.ACCEPTED, date(2026, 3, 9), True)
    assert len(_audits(AuditEventType.RECONSIDERATION_DEEMED_ACCEPTED)) == 1


def test_correction_notice_and_reply(cast):
    case = f.register(cast)
    case = services.case_request_correction(
        actor=cast.reconsideration_officer, case=case, requested_on=date(2026, 3, 4), items="身份证明复印件"
    )
    assert case.status == CaseStatus.AWAITING_CORRECTION and case.correction_due == date(2026, 3, 18)
    case = services.case_receive_correction(
        actor=cast.reconsideration_officer, case=case, received_on=date(2026, 3, 10)
    )
    assert case.status == CaseStatus.RECEIVED and case.acceptance_due == date(2026, 3, 17)


def test_a_late_correction_notice_is_refused_with_the_last_day_written_in_chinese(cast):
    # Given an application received on 2026-03-02, whose notice period (5 days) ends on 2026-03-09
    case = f.register(cast)

    # When the notice is dated after that
    with pytest.raises(DomainError) as exc:
        services.case_request_correction(
            actor=cast.reconsideration_officer, case=case, requested_on=date(2026, 3, 10), items="身份证明复印件"
        )

    # Then the message and the field's hint both give the last day as 2026年3月9日, never 2026-03-09
    assert exc.value.code == "reconsideration.correction_notice_late"
    assert "期限至2026年3月9日" in exc.value.message
    assert exc.value.fields == {"requested_on": ["应在2026年3月9日前。"]}


def test_suspension_pauses_the_clock_and_resumption_moves_the_deadline(cast):
    case = f.replied(cast)
    due = case.decision_due
    case = services.case_suspend(
        actor=cast.reconsideration_officer, case=case, ground="other_case", started_on=date(2026, 3, 20)
    )
    assert case.status == CaseStatus.SUSPENDED
    with pytest.raises(Conflict):
        f.decide(cast, case)
    case = services.case_resume(actor=cast.reconsideration_officer, case=case, resumed_on=date(2026, 3, 30))
    assert case.status == CaseStatus.ACCEPTED and case.decision_due > due


def test_mandatory_hearing_blocks_decision_until_held(cast):
    case = f.replied(cast, major_or_complex=True)
    with pytest.raises(DomainError, match="第五十条"):
        f.decide(cast, case)
    hearing = services.hearing_schedule(
        actor=cast.reconsideration_officer,
        case=case,
        notified_on=date(2026, 3, 20),
        scheduled_on=date(2026, 3, 31),
        place="复议听证室",
        matters="事实认定",
        chair="甲",
        hearers=["乙", "丙"],
        recorder="丁",
    )
    case.refresh_from_db()
    services.hearing_record_held(
        actor=cast.reconsideration_officer, case=case, hearing=hearing, respondent_head_attended=True
    )
    case.refresh_from_db()
    with pytest.raises(DomainError, match="委员会"):
        f.decide(cast, case)
    services.committee_consultation_record(
        actor=cast.reconsideration_officer, case=case, consulted_on=date(2026, 4, 10), opinion="建议撤销"
    )
    case.refresh_from_db()
    assert f.decide(cast, case).outcome == Outcome.REVOKED


def test_stale_version_is_a_conflict(cast):
    case = f.register(cast)
    stale = ReconsiderationCase.objects.get(pk=case.pk)
    services.case_accept(actor=cast.reconsideration_officer, case=case, accepted_on=date(2026, 3, 3))
    with pytest.raises(Conflict):
        services.case_refuse(actor=cast.reconsideration_officer, case=stale, refused_on=date(2026, 3, 4), reason="x")


def test_mediation_and_settlement_endings(cast):
    mediated = services.case_mediate(
        actor=cast.reconsideration_officer,
        case=f.replied(cast),
        mediated_on=date(2026, 4, 1),
        agreement="罚款减为三千元",
    )
    assert mediated.outcome == Outcome.MEDIATED
    terminated = services.case_terminate(
        actor=cast.reconsideration_officer,
        case=f.accepted(cast),
        ground="settlement",
        terminated_on=date(2026, 4, 1),
        reason="和解后撤回",
    )
    assert terminated.outcome == Outcome.TERMINATED
    before = services.case_close_before_acceptance(
        actor=cast.reconsideration_officer,
        case=f.register(cast),
        closed_on=date(2026, 3, 4),
        ending="mediated",
        summary="撤回",
    )
    assert before.status == CaseStatus.CLOSED_BEFORE_ACCEPTANCE


def test_investigation_needs_two_staff(cast):
    case = f.accepted(cast)
    with pytest.raises(DomainError, match="第四十五条"):
        services.investigation_record(
            actor=cast.reconsideration_officer, case=case, on=date(2026, 3, 10), investigators=["甲"], subject="现场"
        )


def test_opinion_letter_tracks_60_day_report(cast):
    case = f.decide(cast, f.replied(cast))
    letter = services.letter_issue(
        actor=cast.reconsideration_officer,
        case=case,
        kind="opinion",
        recipient=cast.north,
        issued_on=date(2026, 4, 21),
        content="执法程序不规范",
    )
    assert letter.number == "G复意字〔2026〕1号" and letter.report_due == date(2026, 6, 22)
    reported = services.letter_record_report(
        actor=cast.reconsideration_officer, letter=letter, reported_on=date(2026, 6, 1), summary="已整改"
    )
    assert reported.reported_on == date(2026, 6, 1)


def test_acceptance_dated_after_today_is_refused_and_nothing_is_written(cast):
    # Given an application under review; "today" is pinned to 2026-06-30
    case = f.register(cast)
    before = _snapshot(case)

    # When the officer enters a 受理日期 in the future (past the review period, which used to be
    # recorded as a false 视为受理 on the period's last day)
    with pytest.raises(DomainError) as exc:
        services.case_accept(actor=cast.reconsideration_officer, case=case, accepted_on=date(2099, 1, 1))

    # Then it is refused, naming the field, and the case is unchanged
    assert exc.value.code == "reconsideration.future_date"
    assert "accepted_on" in exc.value.fields and "受理日期" in exc.value.message
    assert _snapshot(case) == before
    assert not _audits(AuditEventType.RECONSIDERATION_ACCEPTED)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda o, c: services.case_send_copy(actor=o, case=c, sent_on=date(2026, 7, 1)), "sent_on"),
        (lambda o, c: services.case_suspend(actor=o, case=c, ground="other_case", started_on=date(2026, 7, 1)),
         "started_on"),
    ],
)  # fmt: skip
def test_later_steps_dated_after_today_are_refused(cast, call, field):
    case = f.accepted(cast)
    before = _snapshot(case)

    with pytest.raises(DomainError) as exc:
        call(cast.reconsideration_officer, case)

    assert exc.value.code == "reconsideration.future_date" and field in exc.value.fields
    assert _snapshot(case) == before


def test_correction_alert_names_the_outcome_and_the_act_once(cast):
    # Given a case against an act whose text starts with the respondent's name (as acts often do)
    act = f"{cast.north.name}罚款决定"
    case = f.replied(cast, contested_act=act)

    f.decide(cast, case, outcome=Outcome.CONFIRMED_ILLEGAL)

    message = ReviewAlert.objects.get().message
    assert f"：{Outcome.CONFIRMED_ILLEGAL.label}。" in message
    assert message.count(act) == 1 and message.count(cast.north.name) == 1
    assert f"{Outcome.CONFIRMED_ILLEGAL.label}{cast.north.name}" not in message
