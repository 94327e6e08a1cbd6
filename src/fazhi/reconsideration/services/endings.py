"""How an accepted case ends: a decision (Art. 61–72), a 调解书 (Art. 73) or 终止 (Art. 41, 74); 以案促改."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from fazhi.core.audit.models import AuditEventType
from fazhi.core.errors import DomainError
from fazhi.enforcement import selectors as enforcement_selectors
from fazhi.enforcement.choices import DecisionChangeKind
from fazhi.enforcement.services import penalty_case_record_review_outcome
from fazhi.reconsideration import events, rules
from fazhi.reconsideration.choices import AlertSource, CaseStatus, EventType, Outcome, TerminationGround
from fazhi.reconsideration.models import ReconsiderationCase
from fazhi.reconsideration.rules import penalty_change
from fazhi.reconsideration.rules.decision import decision_rule
from fazhi.reconsideration.selectors import case_checks, case_reply_stage
from fazhi.reconsideration.services._common import (
    begin,
    close_all_deadlines,
    commit,
    require_not_future,
    require_text,
    snapshot,
)
from fazhi.reconsideration.services.alerts import review_alert_raise

LAW = "《中华人民共和国行政复议法》"
ENDING_FIELDS = ["status", "outcome", "concluded_on", "decision_summary", "decision_reasons", "decision_legal_basis",
                 "approval", "partial", "redo_ordered", "termination_ground"]  # fmt: skip
# A 变更 of a penalty case of this platform also records the penalty as changed (Art. 63).
DECISION_FIELDS = [*ENDING_FIELDS, "changed_penalty_types", "changed_fine_amount", "changed_confiscation_value",
                   "third_party_contrary_request"]  # fmt: skip


def _feed_back(*, actor: Any, case: ReconsiderationCase, outcome: str, decided_on: date) -> None:
    """以案促改: the corrected act's case gets the outcome on its timeline, its unit an alert."""
    label = Outcome(outcome).label
    reference = case.number
    penalty = case.penalty_case
    # The alert goes to the respondent itself: it names the act, not the unit again (the act's own
    # text often starts with the unit's name).
    act = f"行政处罚案件{penalty.number or penalty.pk}" if penalty else case.contested_act
    if penalty is not None:
        # 变更/撤销/确认违法/确认无效 change the penalty decision itself (行政处罚法 Art. 48(2)); the outcome codes
        # are enforcement's DecisionChangeKind codes. A partial revocation leaves the rest in force: a 变更.
        kind = outcome if outcome in DecisionChangeKind.values else ""
        if outcome == Outcome.REVOKED and case.partial:
            kind = DecisionChangeKind.CHANGED
        # A 变更 passes the penalty as changed (case_decide required it), which the case then carries.
        penalty_case_record_review_outcome(
            actor=actor, case=penalty, source=AlertSource.RECONSIDERATION, outcome=label, decided_on=decided_on,
            reference=reference, change_kind=kind, **penalty_change.review_outcome_content(case),
        )  # fmt: skip
    review_alert_raise(
        actor=actor, unit=case.respondent, source=AlertSource.RECONSIDERATION, source_id=case.pk,
        reference=reference, outcome=label, raised_on=decided_on, penalty_case=penalty,
        message=f"{case.authority.name}作出行政复议决定（{reference}）：{label}。被申请复议的行政行为：{act}。请及时整改。",
    )  # fmt: skip
    events.case_event(
        case=case, type=EventType.FED_BACK, actor=actor, on=decided_on,
        message=f"已将{label}结果反馈{case.respondent.name}" + ("并记入原处罚案件" if penalty else ""),
    )  # fmt: skip


def _changed_penalty(
    *,
    case: ReconsiderationCase,
    outcome: str,
    partial: bool,
    exception: bool,
    penalty_types: Sequence[str] | None,
    fine: Decimal | None,
    confiscation: Decimal | None,
) -> tuple[penalty_change.DecisionContent, penalty_change.DecisionContent] | None:
    """(original, changed) penalty of a 变更 — or a partial 撤销 — of a penalty case of this platform; else None.

    Refused (400, see rules.penalty_change): a 变更 without the changed penalty, content for any other
    outcome or for an act not registered here, a penalty heavier than the original (Art. 63(2)).
    """
    law = penalty_change.REVIEW
    changes = outcome == Outcome.CHANGED or (outcome == Outcome.REVOKED and partial)
    penalty_change.require_content_applicable(
        law=law, penalty_types=penalty_types, fine=fine, confiscation=confiscation, changes_penalty=changes,
        penalty_linked=case.penalty_case_id is not None,
    )  # fmt: skip
    if not changes or case.penalty_case is None:
        return None
    original = enforcement_selectors.case_decision_content(case=case.penalty_case)
    changed = penalty_change.changed_penalty(
        law=law, original=original, penalty_types=penalty_types, fine=fine, confiscation=confiscation,
        required=outcome == Outcome.CHANGED, exception=exception,
    )  # fmt: skip
    return (original, changed) if changed is not None else None


def _require_in_time(locked: ReconsiderationCase, on: date) -> None:
    rules.decision.require_decided_in_time(
        decided_on=on, due=locked.decision_due, extended=bool(locked.extension_days),  # type: ignore[arg-type]
        accepted_on=locked.accepted_on,  # type: ignore[arg-type]
    )  # fmt: skip


@transaction.atomic(durable=True)
def case_decide(
    *,
    actor: Any,
    case: ReconsiderationCase,
    outcome: str,
    decided_on: date,
    summary: str,
    reasons: str,
    legal_basis: str,
    approval: str,
    partial: bool = False,
    redo_ordered: bool = False,
    heavier_for_applicant: bool = False,
    third_party_contrary_request: bool = False,
    new_penalty_types: Sequence[str] | None = None,
    new_fine_amount: Decimal | None = None,
    new_confiscation_value: Decimal | None = None,
) -> ReconsiderationCase:
    """Make the 行政复议决定 (Art. 61–69, 33) within the period; a correction feeds back to the unit.

    A 变更 of a penalty case of this platform states the penalty as changed (`new_*`: 变更后的处罚种类,
    罚款数额, 没收金额; kinds not given stay as decided); it is stored on the decision, printed in the
    决定书 and put on the penalty case, which is paid and executed on it from then on. A partial 撤销 may
    state what remains the same way.
    Refused: after the deadline (Art. 62), before the application copy is sent and the reply is in or
    its period over (Art. 48, 54; HTTP 409), before a mandatory hearing or committee consultation
    (Art. 50, 52), an adverse 变更 — one the officer marks heavier, or a changed penalty heavier than the
    original — unless a registered third party asked for the contrary (Art. 63(2)), a 变更 of a penalty
    case without the changed penalty (400 reconsideration.change_content_required), without the head's
    approval or collective discussion (Art. 61(1)). Writes: status/outcome/concluded_on/decision_*/
    changed_*, TrackedDeadlines closed, AuditEvent RECONSIDERATION_DECIDED, CaseEvent DECIDED; for
    corrections also ReviewAlert + the penalty case's timeline and, for a 变更, its penalty
    (enforcement.services.penalty_case_record_review_outcome).
    """
    locked = begin(case=case, action="decide")
    require_not_future(decided_on, field="decided_on", label="决定日期")
    decided = rules.decision.require_decision_outcome(outcome)
    exception = decided == Outcome.CHANGED and third_party_contrary_request
    penalty_change.require_exception_possible(law=penalty_change.REVIEW, exception=exception,
                                              third_party=locked.third_party)  # fmt: skip
    rules.decision.require_no_adverse_change(
        outcome=decided, heavier_for_applicant=heavier_for_applicant, third_party_contrary_request=exception
    )
    change = _changed_penalty(
        case=locked, outcome=decided, partial=partial, exception=exception, penalty_types=new_penalty_types,
        fine=new_fine_amount, confiscation=new_confiscation_value,
    )  # fmt: skip
    _require_in_time(locked, decided_on)
    # The respondent is heard first (Art. 48, 54): no decision before the copy is sent and the reply
    # is in or its period is over.
    rules.decision.require_reply_stage_passed(case_reply_stage(case=locked, on=decided_on))
    rules.decision.require_gates_passed(case_checks(case=locked, on=decided_on).gates)
    summary = require_text(summary, field="summary", label="决定内容")
    reasons = require_text(reasons, field="reasons", label="决定理由")
    approval = require_text(approval, field="approval", label="复议机关负责人同意或者集体讨论通过的情况（第六十一条）")
    old = snapshot(locked, DECISION_FIELDS)
    locked.status, locked.outcome, locked.concluded_on = CaseStatus.CONCLUDED, decided, decided_on
    locked.decision_summary, locked.decision_reasons, locked.decision_legal_basis = summary, reasons, legal_basis
    locked.approval, locked.partial, locked.redo_ordered = approval, partial, redo_ordered
    locked.third_party_contrary_request = exception
    message = f"作出行政复议决定：{decided.label}（{LAW}{rules.decision.OUTCOME_ARTICLES[decided]}）"
    if change is not None:
        original, changed = change
        locked.changed_penalty_types = list(changed.penalty_types)
        locked.changed_fine_amount, locked.changed_confiscation_value = changed.fine, changed.confiscation
        message += f"；{penalty_change.change_text(original=original, changed=changed)}"
    close_all_deadlines(actor=actor, case=locked, met_rule=decision_rule(locked.procedure))
    commit(
        locked, actor=actor, fields=DECISION_FIELDS, old=old, audit=AuditEventType.RECONSIDERATION_DECIDED,
        timeline=EventType.DECIDED, on=decided_on, outcome=decided, correction=rules.decision.is_correction(decided),
        message=message,
    )  # fmt: skip
    if rules.decision.is_correction(decided):
        _feed_back(actor=actor, case=locked, outcome=decided, decided_on=decided_on)
    return locked


@transaction.atomic(durable=True)
def case_mediate(
    *, actor: Any, case: ReconsiderationCase, mediated_on: date, agreement: str, approval: str = ""
) -> ReconsiderationCase:
    """Close the case with a 行政复议调解书 signed by the parties (Art. 73).

    Writes: status/outcome MEDIATED/concluded_on/decision_summary, AuditEvent RECONSIDERATION_MEDIATED, CaseEvent.
    """
    locked = begin(case=case, action="mediate")
    require_not_future(mediated_on, field="mediated_on", label="调解书签收日期")
    agreement = require_text(agreement, field="agreement", label="调解协议内容")
    if locked.status == CaseStatus.ACCEPTED:
        _require_in_time(locked, mediated_on)
    old = snapshot(locked, ENDING_FIELDS)
    locked.status, locked.outcome, locked.concluded_on = CaseStatus.CONCLUDED, Outcome.MEDIATED, mediated_on
    locked.decision_summary, locked.approval = agreement, approval
    close_all_deadlines(actor=actor, case=locked, met_rule=decision_rule(locked.procedure))
    return commit(
        locked, actor=actor, fields=ENDING_FIELDS, old=old, audit=AuditEventType.RECONSIDERATION_MEDIATED,
        timeline=EventType.MEDIATED, on=mediated_on, outcome=Outcome.MEDIATED,
        message=f"当事人达成调解协议，制作行政复议调解书（{LAW}第七十三条）",
    )  # fmt: skip


@transaction.atomic(durable=True)
def case_terminate(
    *, actor: Any, case: ReconsiderationCase, ground: str, terminated_on: date, reason: str
) -> ReconsiderationCase:
    """终止 (Art. 41): withdrawal (after a settlement, Art. 74), death, end of an organisation, criminal
    measures, or a 中止 on grounds (一)(二)(四) unresolved for 60 days.

    Writes: status/outcome TERMINATED/termination_ground/concluded_on, AuditEvent RECONSIDERATION_TERMINATED, CaseEvent.
    """
    locked = begin(case=case, action="terminate")
    require_not_future(terminated_on, field="terminated_on", label="终止日期")
    if ground not in TerminationGround.values:
        raise DomainError("终止情形无效。", code="reconsideration.invalid_choice", fields={"ground": ["无效。"]})
    reason = require_text(reason, field="reason", label="终止的事实和理由")
    if ground == TerminationGround.SUSPENSION_EXPIRED:
        suspension = locked.suspensions.filter(resumed_on__isnull=True).first()
        if (
            suspension is None
            or suspension.limit_due is None
            or not rules.procedure.can_terminate_after_suspension(
                ground=suspension.ground, limit_due=suspension.limit_due, today=terminated_on
            )
        ):
            raise DomainError(
                f"只有依第三十九条第一款第一项、第二项、第四项中止满六十日、原因仍未消除的，才能据此终止（{LAW}第四十一条第五项）。",
                code="reconsideration.suspension_not_expired", fields={"ground": ["中止未满六十日或情形不符。"]},
            )  # fmt: skip
    old = snapshot(locked, ENDING_FIELDS)
    locked.status, locked.outcome, locked.concluded_on = CaseStatus.CONCLUDED, Outcome.TERMINATED, terminated_on
    locked.termination_ground, locked.decision_reasons = ground, reason
    close_all_deadlines(actor=actor, case=locked)
    return commit(
        locked, actor=actor, fields=ENDING_FIELDS, old=old, audit=AuditEventType.RECONSIDERATION_TERMINATED,
        timeline=EventType.TERMINATED, on=terminated_on, reason=reason, ground=ground,
        message=f"终止行政复议：{TerminationGround(ground).label}",
    )  # fmt: skip
