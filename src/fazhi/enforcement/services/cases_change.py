"""决定变更: a 复议 or court decision that changes, revokes or confirms illegal a penalty decision, applied to
the case (its content, instalment plan, publication and deadlines).

Split from cases_decision (the transitions from the decision to the end), which it shares nothing with
but the services' common helpers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from fazhi.core.audit.models import AuditEventType
from fazhi.enforcement import rules, selectors
from fazhi.enforcement.choices import CaseEventType, DecisionChangeKind
from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.rules import decision_change as change_rules
from fazhi.enforcement.rules import execution as execution_rules
from fazhi.enforcement.rules import instalments as instalment_rules
from fazhi.enforcement.rules.common import refuse, yuan
from fazhi.enforcement.services._common import begin, close_deadline, commit, require_reason_text, snapshot, track

WITHDRAWAL_RULE = "penalty.withdraw_publication"  # Art. 48(2): 3 working days


@dataclass(frozen=True, slots=True)
class AppliedChange:
    """What decision_change_apply set on the locked case, for the caller's commit."""

    fields: list[str]
    old: dict[str, Any]
    withdrawal_due: date | None  # None without a live publication
    message: str  # what a 变更 changed and what follows from it ("罚款由5000元变更为3000元"); "" otherwise
    parameters: dict[str, Any]  # the timeline's record of the content before and after a 变更


# What a 变更 may write besides the content: an instalment plan it ends and the new payment deadline.
PLAN_FIELDS = ["payment_arrangement_ended_on", "payment_due"]


def _end_instalment_plan(
    *, actor: Any, locked: PenaltyCase, fine_before: Decimal, changed_fine: Decimal, changed_on: date
) -> tuple[str, dict[str, Any]]:
    """End the instalment plan in force when the 变更 changed the fine (rules.instalments); ("", {}) otherwise.

    What is still owed is due within 15 days of the change (penalty.payment, Art. 67(3)), unless the
    instalments paid cover the changed fine (then nothing is due; the excess is to be returned).
    """
    if locked.paid_on is not None or not selectors.case_instalment_plan_active(case=locked):
        return "", {}
    after = instalment_rules.instalment_plan_after_change(
        fine_before=fine_before, changed_fine=changed_fine, paid=locked.fine_paid_in_part
    )
    if after is None:  # the fine is unchanged: the plan's amounts still add up to it
        return "", {}
    locked.payment_arrangement_ended_on = changed_on
    text = after.text
    if after.outstanding:
        locked.payment_due = track(
            actor=actor, case=locked, rule_code=execution_rules.PAYMENT_RULE, start=changed_on
        ).due
        text += instalment_rules.ended_plan_due_text(locked.payment_due)
    else:
        locked.payment_due = None
    return text, {"instalments_ended": True, "paid_in_part": after.paid, "outstanding": after.outstanding}


def _apply_content(
    *,
    actor: Any,
    locked: PenaltyCase,
    original: change_rules.DecisionContent,
    changed: change_rules.DecisionContent,
    changed_on: date,
) -> tuple[str, dict[str, Any]]:
    """Put the changed content on the case; return the timeline text and parameters (the original kept there)."""
    locked.penalty_types = list(changed.penalty_types)
    locked.fine_amount, locked.confiscation_value = changed.fine, changed.confiscation
    parts = [change_rules.change_text(original=original, changed=changed)]
    refund = change_rules.refund_after_change(
        paid=locked.paid_on is not None, original_fine=original.fine, changed_fine=changed.fine
    )
    if refund:
        parts.append(f"已按原决定缴纳的罚款应当退还{yuan(refund)}（行政强制法第四十一条）")
    plan_text, plan_parameters = _end_instalment_plan(
        actor=actor, locked=locked, fine_before=original.fine, changed_fine=changed.fine, changed_on=changed_on
    )
    if plan_text:
        parts.append(plan_text)
    if not rules.requires_payment(changed.penalty_types, changed.fine):
        # No fine is owed under the decision as changed: its payment period ends (closed, not overdue).
        close_deadline(actor=actor, case=locked, rule_code=execution_rules.PAYMENT_RULE, met=False)
    parameters = {
        "original_penalty_types": list(original.penalty_types),
        "original_fine": original.fine,
        "original_confiscation": original.confiscation,
        "penalty_types": list(changed.penalty_types),
        "fine": changed.fine,
        "confiscation": changed.confiscation,
        **plan_parameters,
    }
    return "；".join(parts), parameters


def decision_change_apply(
    *,
    actor: Any,
    locked: PenaltyCase,
    kind: str,
    changed_on: date,
    new_penalty_types: Sequence[str] | None = None,
    new_fine_amount: Decimal | None = None,
    new_confiscation_value: Decimal | None = None,
    content_optional: bool = False,
) -> AppliedChange:
    """Set the decision-change fields on the locked case; track the Art. 48(2) withdrawal if a publication is live.

    Shared by the unit's own record (case_decision_change_record) and the reconsideration or court
    outcome (penalty_case_record_review_outcome); the caller commits. A 变更 puts its new content
    (rules.decision_change.changed_decision_content) on the case — penalty_types, fine_amount,
    confiscation_value, which payment, execution, publication and the statistics read — and keeps the
    original in the returned timeline parameters (the commit's audit row has both too); the decision as
    made stays in the decided_* columns, which no change touches (selectors.case_decision_as_made).
    `content_optional`: a 变更 given without content is recorded as the kind alone (the case keeps
    its content until the unit records it) instead of being refused. Only the 复议 feedback passes it,
    for its one live caller: a partial 撤销 of the decision (行政复议法 Art. 64), which reconsideration
    feeds back as a 变更 and which may leave what remains to the decision's text
    (reconsideration.rules.penalty_change.changed_penalty, required=False). A 复议 变更 and a 判决变更
    always carry their content (their services refuse them without it).
    A 变更 of the fine ends an instalment plan in force (rules.instalments.instalment_plan_after_change,
    Art. 66(2), 67(3)): the timeline says so ("分期缴纳计划因决定变更终止，按变更后的罚款重新确定…"), the
    changed fine less the instalments paid is due within 15 days (penalty.payment tracked), or the
    excess paid is to be returned.
    Closes the tracked periods the change ends (rules.execution.deadlines_ended_by_change). A withdrawal
    already due from an earlier change stays the one that counts.
    """
    given = change_rules.content_given(
        penalty_types=new_penalty_types, fine=new_fine_amount, confiscation=new_confiscation_value
    )
    original = selectors.case_decision_content(case=locked)
    changed = None
    if given or not content_optional:
        changed = change_rules.changed_decision_content(
            kind=kind, original=original, penalty_types=new_penalty_types,
            fine=new_fine_amount, confiscation=new_confiscation_value,
        )  # fmt: skip
    fields = ["decision_change_kind", "decision_changed_on"]
    if changed is not None:
        fields += ["penalty_types", "fine_amount", "confiscation_value", *PLAN_FIELDS]
    old = snapshot(locked, fields)
    locked.decision_change_kind, locked.decision_changed_on = kind, changed_on
    message, parameters = (
        _apply_content(actor=actor, locked=locked, original=original, changed=changed, changed_on=changed_on)
        if changed
        else ("", {})
    )
    # The periods of the steps the change bars stop running (closed, not overdue): a revoked decision
    # is neither served nor published, a changed one not published (rules.execution).
    for rule_code in execution_rules.deadlines_ended_by_change(kind):
        close_deadline(actor=actor, case=locked, rule_code=rule_code, met=False)
    if not selectors.case_has_live_publication(case=locked):
        return AppliedChange(fields, old, None, message, parameters)
    running = selectors.case_open_deadline(case=locked, rule_code=WITHDRAWAL_RULE)
    due = running.due if running else track(actor=actor, case=locked, rule_code=WITHDRAWAL_RULE, start=changed_on).due
    return AppliedChange(fields, old, due, message, parameters)


@transaction.atomic(durable=True)
def case_decision_change_record(
    *,
    actor: Any,
    case: PenaltyCase,
    kind: str,
    changed_on: date,
    reason: str,
    new_penalty_types: Sequence[str] | None = None,
    new_fine_amount: Decimal | None = None,
    new_confiscation_value: Decimal | None = None,
) -> PenaltyCase:
    """Record that the decision was changed, revoked, confirmed illegal or void (复议/诉讼/自行纠错).

    A 变更 is recorded with the decision's content as changed (`new_*`; at least the new fine when
    the changed decision imposes one): 400 penalty.change_content_required without it, and 400
    penalty.change_content_not_applicable with new content for the other kinds
    (rules.decision_change.changed_decision_content).
    A live publication must then be withdrawn within 3 working days (Art. 48(2)); the deadline
    is tracked (penalty.withdraw_publication) when a publication is live.
    Writes: decision_change_kind/decision_changed_on (and for a 变更 penalty_types/fine_amount/
    confiscation_value), TrackedDeadline (withdrawal tracked; the periods the change ends closed),
    AuditEvent PENALTY_CASE_DECISION_CHANGED (old and new values), CaseEvent DECISION_REVOKED
    (for a 变更 "罚款由…变更为…" with the original and changed content in its parameters).
    """
    locked = begin(case=case, action="revoke_decision")
    if kind not in DecisionChangeKind.values:
        raise refuse(
            "决定变更情形应当为变更、撤销、确认违法或者确认无效",
            code="penalty.invalid_change_kind",
            article="第四十八条第二款",
            fields={"kind": ["无效。"]},
        )
    reason = require_reason_text(reason, field="reason", label="变更或撤销的理由")
    applied = decision_change_apply(
        actor=actor, locked=locked, kind=kind, changed_on=changed_on, new_penalty_types=new_penalty_types,
        new_fine_amount=new_fine_amount, new_confiscation_value=new_confiscation_value,
    )  # fmt: skip
    message = f"行政处罚决定被{DecisionChangeKind(kind).label}：{reason}"
    return commit(
        locked,
        actor=actor,
        fields=applied.fields,
        old=applied.old,
        audit=AuditEventType.PENALTY_CASE_DECISION_CHANGED,
        timeline=CaseEventType.DECISION_REVOKED,
        on=changed_on,
        reason=reason,
        message=f"{message}；{applied.message}" if applied.message else message,
        **applied.parameters,
    )
