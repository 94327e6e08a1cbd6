"""以案促改: the outcome of a reconsideration or a lawsuit about a penalty case, written onto the case.

Called by the reconsideration and litigation services when a decision or judgment corrects the act
(撤销, 变更, 确认违法, 确认无效, 责令履行; 败诉). The outcome goes on the case's timeline (全过程记录) with
an audit row. An outcome that changes the decision itself (变更, 撤销, 确认违法, 确认无效) is also recorded
as the case's decision change at once, in the caller's transaction: from then on the decision is not
published again and, revoked or void, neither served nor executed (rules.execution.actions_barred_by_change),
and a live publication's Art. 48(2) withdrawal is tracked for the unit, which withdraws it
(publication_withdraw) and, for a decision set aside, ends the execution (case_execution_end).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.calendars.rules import format_date_zh
from fazhi.enforcement import events, locks, rules, selectors
from fazhi.enforcement.choices import CaseEventType, CaseStatus, DecisionChangeKind
from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.rules import decision_change as change_rules
from fazhi.enforcement.rules import execution as execution_rules
from fazhi.enforcement.rules.common import DATE_ORDER, VALID_CHOICE, refuse_check
from fazhi.enforcement.services._common import commit
from fazhi.enforcement.services.cases_change import decision_change_apply

REVIEW_SOURCES = {"reconsideration": "行政复议", "litigation": "行政诉讼"}


def _require_outcome_input(*, case: PenaltyCase, source: str, change_kind: str, decided_on: date) -> None:
    if source not in REVIEW_SOURCES:
        raise refuse_check(
            "结果来源应当为行政复议或者行政诉讼",
            code="penalty.invalid_review_source",
            rule=VALID_CHOICE,
            fields={"source": ["无效。"]},
        )
    if change_kind and change_kind not in DecisionChangeKind.values:
        raise refuse_check(
            "决定变更情形应当为变更、撤销、确认违法或者确认无效",
            code="penalty.invalid_change_kind",
            rule=VALID_CHOICE,
            article="第四十八条第二款",
            fields={"change_kind": ["无效。"]},
        )
    if case.decided_on is None or decided_on < case.decided_on:
        # A reconsideration decision or judgment corrects a decision that already exists.
        made = f"作出于{format_date_zh(case.decided_on)}" if case.decided_on else "尚未作出"
        raise refuse_check(
            f"该案行政处罚决定{made}，不能记入{format_date_zh(decided_on)}的{REVIEW_SOURCES[source]}结果",
            code="penalty.review_outcome_before_decision",
            rule=DATE_ORDER,
            fields={"decided_on": ["早于行政处罚决定。"]},
        )


@transaction.atomic(savepoint=False)
def penalty_case_record_review_outcome(
    *,
    actor: Any,
    case: PenaltyCase,
    source: str,
    outcome: str,
    decided_on: date,
    reference: str,
    change_kind: str = "",
    new_penalty_types: Sequence[str] | None = None,
    new_fine_amount: Decimal | None = None,
    new_confiscation_value: Decimal | None = None,
) -> PenaltyCase:
    """Put a reconsideration decision or court judgment about the case on its timeline; record a change it makes.

    `outcome` is the outcome's label as the caller shows it; `change_kind` the DecisionChangeKind it
    amounts to (变更 changed, 撤销 revoked, 确认违法 confirmed_illegal, 确认无效 confirmed_void), or "" when
    it does not change the decision (责令履行, 赔偿): then the case's fields and version stay untouched.
    A 变更 (行政复议法 Art. 63; 行政诉讼法 Art. 77) passes the decision's content as changed (`new_*`, as
    for case_decision_change_record): the case then carries it — what is paid, executed, shown and
    counted — and the timeline entry reads "罚款由5000元变更为3000元" with the original in its
    parameters. One outcome may come without it: a 复议 partial 撤销 (行政复议法 Art. 64), which
    reconsideration feeds back as a 变更 and which need not state what remains; it is recorded as the
    kind alone and the entry tells the unit to record the changed content (services.
    case_decision_change_record). A 判决变更 (source litigation) without its content is refused (400
    penalty.change_content_required): litigation_case_conclude always states it (行政诉讼法 Art. 77).
    New content with any other kind is refused (400 penalty.change_content_not_applicable).
    Runs inside the caller's transaction (the decision that produced the outcome) and locks the case
    whatever its version: the organ's decision is not refused because an officer moved the case; an
    officer's copy older than this change is refused instead (the version is bumped).
    Writes: with a change kind, decision_change_kind/decision_changed_on (a 变更 with its content also
    penalty_types/fine_amount/confiscation_value), version, the
    penalty.withdraw_publication deadline when a publication is live (Art. 48(2)), the periods the
    change ends closed (service and publication, payment of a decision set aside:
    rules.execution.deadlines_ended_by_change); always CaseEvent
    DECISION_REVOKED (parameters source/outcome/reference/publication_live/change_kind) and AuditEvent
    PENALTY_CASE_REVIEW_OUTCOME_RECORDED.
    """
    _require_outcome_input(case=case, source=source, change_kind=change_kind, decided_on=decided_on)
    content = {
        "new_penalty_types": new_penalty_types, "new_fine_amount": new_fine_amount,
        "new_confiscation_value": new_confiscation_value,
    }  # fmt: skip
    if not change_kind:  # an outcome that changes nothing carries no new content
        change_rules.require_no_new_content(
            penalty_types=new_penalty_types, fine=new_fine_amount, confiscation=new_confiscation_value
        )
    label = REVIEW_SOURCES[source]
    locked = locks.case_lock(case_id=case.pk, expected_version=None)
    live = selectors.case_has_live_publication(case=locked)
    message = f"{label}结果：{outcome}（{reference}，{format_date_zh(decided_on)}）"
    parameters = {"source": source, "outcome": outcome, "reference": reference, "publication_live": live}
    review = {"review_outcome": [None, {"source": source, "outcome": outcome, "reference": reference}]}
    if not change_kind:
        events.case_transition(
            case=locked, type=CaseEventType.DECISION_REVOKED, actor=actor, on=decided_on, message=message, **parameters
        )
        record_audit(
            actor=actor,
            event_type=AuditEventType.PENALTY_CASE_REVIEW_OUTCOME_RECORDED,
            target=locked,
            reason=message,
            changes=review,
        )
        return locked
    # Both callers pass a 变更's content. The one 变更 that may come without it is a 复议 partial 撤销 that
    # does not state what remains (see the docstring): the unit then records the content itself, and
    # until then the case executes the decision as it stands. A 判决变更 always states it.
    applied = decision_change_apply(
        actor=actor, locked=locked, kind=change_kind, changed_on=decided_on,
        content_optional=source == "reconsideration", **content,
    )  # fmt: skip
    due = applied.withdrawal_due
    message += f"；已登记决定被{DecisionChangeKind(change_kind).label}"
    if applied.message:
        message += f"：{applied.message}"
    elif change_kind == DecisionChangeKind.CHANGED:
        message += "，变更后的处罚内容未随结果登记：请登记决定变更并填写变更后的罚款数额，登记前仍按原决定执行"
    if due is not None:
        message += f"；该决定已公示，应于{format_date_zh(due)}前撤回并说明理由（行政处罚法第四十八条第二款）"
    if execution_rules.decision_set_aside(change_kind):
        if locked.status in rules.ACTIONS["end_execution"].sources:  # the unit may end the execution
            message += "；决定已失效，不再送达、执行，应当终结执行并结案（行政强制法第四十条第（四）项）"
        elif locked.status in (CaseStatus.EXECUTED, CaseStatus.CLOSED) and locked.executed_on:
            message += "；已执行的，应当恢复原状或者退还财物（行政强制法第四十一条）"
    return commit(
        locked,
        actor=actor,
        fields=applied.fields,
        old=applied.old,
        audit=AuditEventType.PENALTY_CASE_REVIEW_OUTCOME_RECORDED,
        timeline=CaseEventType.DECISION_REVOKED,
        on=decided_on,
        message=message,
        reason=message,
        extra_changes=review,
        change_kind=change_kind,
        **parameters,
        **applied.parameters,
    )
