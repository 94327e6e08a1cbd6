"""Who works on a case: assigning the officers (Art. 42) and 回避 (Art. 43).

An officer's own declaration of a conflict bars them at once; a party's application bars the
officer only once the head grants it (the investigation goes on meanwhile, Art. 43(3)); see
rules.execution.officer_is_barred. A granted recusal removes the officer from the case; the unit
then assigns a replacement with case_officers_assign (two certified, non-recused officers).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction

from fazhi.core.audit.models import AuditEventType
from fazhi.core.errors import NotFound
from fazhi.enforcement import rules, selectors
from fazhi.enforcement.choices import CaseEventType, RecusalSource, RecusalStatus
from fazhi.enforcement.models import PenaltyCase, Recusal
from fazhi.enforcement.rules import execution as execution_rules
from fazhi.enforcement.rules.common import DATE_ORDER, refuse, refuse_check
from fazhi.enforcement.services._common import begin, commit, require_reason_text


def require_officers_may_act(*, case: PenaltyCase, officer_ids: Sequence[int], act: str) -> None:
    """Refuse an act by an officer barred by a declared or granted conflict (Art. 43)."""
    execution_rules.require_no_recused_officers(
        officer_ids=officer_ids, facts=selectors.case_recusal_facts(case=case), act=act
    )


@transaction.atomic(durable=True)
def case_officers_assign(
    *, actor: Any, case: PenaltyCase, officer_ids: Sequence[int], on: date, reason: str
) -> PenaltyCase:
    """Replace the case's officers (e.g. after a recusal): two certified officers, none barred (Art. 42, 43).

    Writes: the officer links, version, AuditEvent PENALTY_CASE_OFFICERS_ASSIGNED, CaseEvent OFFICERS_ASSIGNED.
    """
    locked = begin(case=case, action="assign_officers")
    reason = require_reason_text(reason, field="reason", label="指派理由")
    officers = selectors.officers_for_unit(unit=locked.unit, officer_ids=officer_ids)
    rules.require_certified_officers(
        verdicts=selectors.officer_verdicts(officers=officers, on=on, unit=locked.unit), act="办理案件"
    )
    require_officers_may_act(case=locked, officer_ids=[o.pk for o in officers], act="办理案件")
    before = sorted(locked.officers.values_list("pk", flat=True))
    locked.officers.set(officers)
    return commit(
        locked,
        actor=actor,
        fields=[],
        old={},
        audit=AuditEventType.PENALTY_CASE_OFFICERS_ASSIGNED,
        timeline=CaseEventType.OFFICERS_ASSIGNED,
        on=on,
        reason=reason,
        message="指派承办人员：" + "、".join(o.person.name for o in officers),
        extra_changes={"officers": [before, sorted(o.pk for o in officers)]},
        officers_before=before,
        officers_after=sorted(o.pk for o in officers),
    )


@transaction.atomic(durable=True)
def case_recusal_declare(
    *, actor: Any, case: PenaltyCase, officer_id: int, source: str, declared_on: date, reason: str
) -> Recusal:
    """Record a declared conflict of one of the case's officers (Art. 43(1) by the officer, 43(2) by the party).

    Writes: Recusal (pending), case version, AuditEvent PENALTY_CASE_RECUSAL_DECLARED, CaseEvent RECUSAL_DECLARED.
    """
    locked = begin(case=case, action="declare_recusal")
    if source not in RecusalSource.values:
        raise refuse(
            "提出方应当为执法人员本人或者当事人",
            code="penalty.recusal_bad_source",
            article="第四十三条第一款、第二款",
            fields={"source": ["无效。"]},
        )
    reason = require_reason_text(reason, field="reason", label="回避事由", article="第四十三条")
    if not locked.officers.filter(pk=officer_id).exists():
        raise refuse(
            "回避针对办理本案的执法人员，该执法人员不是本案承办人员",
            code="penalty.recusal_not_case_officer",
            article="第四十三条",
        )
    if Recusal.objects.filter(case=locked, officer_id=officer_id, status=RecusalStatus.PENDING).exists():
        raise refuse(
            "该执法人员已有待决定的回避申请，应当由行政机关负责人先作出决定",
            code="penalty.recusal_pending",
            article="第四十三条第三款",
        )
    recusal = Recusal.objects.create(
        case=locked, officer_id=officer_id, source=source, declared_on=declared_on, reason=reason, recorded_by=actor
    )
    commit(
        locked,
        actor=actor,
        fields=[],
        old={},
        audit=AuditEventType.PENALTY_CASE_RECUSAL_DECLARED,
        timeline=CaseEventType.RECUSAL_DECLARED,
        on=declared_on,
        reason=reason,
        extra_changes={
            "recusal": [None, recusal.pk],
            "recusal_officer": [None, officer_id],
            "recusal_source": [None, source],
        },
        message=f"{RecusalSource(source).label}：{reason}",
        recusal_id=recusal.pk,
        officer_id=officer_id,
    )
    return recusal


@transaction.atomic(durable=True)
def case_recusal_decide(
    *,
    actor: Any,
    case: PenaltyCase,
    recusal: Recusal,
    granted: bool,
    decided_on: date,
    decided_by: str,
    note: str = "",
) -> Recusal:
    """The head's decision on a recusal (Art. 43(3)); a granted recusal removes the officer from the case.

    `case` is the caller's copy: its `version` is the expected version, so two decisions taken on
    the same page state cannot both pass (the second gets 409 penalty.version_conflict), exactly
    as with the case's other steps; `recusal` must be one of the case's.
    Writes: Recusal status/decision, officer link, case version, AuditEvent PENALTY_CASE_RECUSAL_DECIDED, CaseEvent.
    """
    locked = begin(case=case, action="decide_recusal")
    current = Recusal.objects.filter(pk=recusal.pk, case=locked).first()
    if current is None:
        raise NotFound("回避记录不存在或无权访问。", code="recusal.not_found")
    execution_rules.require_recusal_undecided(status=current.status)
    decided_by = require_reason_text(
        decided_by, field="decided_by", label="决定的行政机关负责人", article="第四十三条第三款"
    )
    if decided_on < current.declared_on:
        raise refuse_check(
            "决定日期不能早于提出日期",
            code="penalty.date_out_of_order",
            rule=DATE_ORDER,
            article="第四十三条第三款",
            fields={"decided_on": ["日期错误。"]},
        )
    status = RecusalStatus.GRANTED if granted else RecusalStatus.REFUSED
    # Second line of defence behind the case lock and version (as in commit): only a pending row is decided.
    updated = Recusal.objects.filter(pk=current.pk, status=RecusalStatus.PENDING).update(
        status=status, decided_on=decided_on, decided_by=decided_by, decision_note=(note or "").strip()
    )
    if updated != 1:
        raise refuse("该回避申请已经作出决定", code="penalty.recusal_decided", article="第四十三条第三款")
    current.refresh_from_db()
    if granted:
        locked.officers.remove(current.officer_id)
    commit(
        locked,
        actor=actor,
        fields=[],
        old={},
        audit=AuditEventType.PENALTY_CASE_RECUSAL_DECIDED,
        timeline=CaseEventType.RECUSAL_DECIDED,
        on=decided_on,
        reason=note,
        extra_changes={
            "recusal": [current.pk, current.pk],
            "recusal_status": [RecusalStatus.PENDING, status],
            "recusal_decided_by": [None, decided_by],
        },
        message=f"{decided_by}决定{'回避' if granted else '不予回避'}",
        recusal_id=current.pk,
        officer_id=current.officer_id,
    )
    return current
