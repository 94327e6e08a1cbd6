"""事后公开: publish a decision's masked summary and withdraw it when the decision changes (Art. 48)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.enforcement import events, rules, selectors
from fazhi.enforcement.choices import CaseEventType, DecisionChangeKind, PartyKind, PenaltyType, PublicationStatus
from fazhi.enforcement.models import PenaltyCase, Publication
from fazhi.enforcement.rules import execution as execution_rules
from fazhi.enforcement.rules.common import DATE_ORDER, refuse, refuse_check, refuse_now
from fazhi.enforcement.services._common import close_deadline, require_act_date, require_reason_text


def penalty_summary(case: PenaltyCase) -> str:
    parts = [str(PenaltyType(kind).label) for kind in case.penalty_types]
    if case.fine_amount:
        parts = [f"罚款{case.fine_amount}元" if p == str(PenaltyType.FINE.label) else p for p in parts]
    return "、".join(parts)


@transaction.atomic(durable=True)
def publication_publish(*, actor: Any, case: PenaltyCase, published_on: date) -> Publication:
    """Publish the decision of `case` with the party masked (natural persons) and ID/phone numbers masked in text.

    Due: 7 working days from the decision (publicity.penalty, 国办发〔2018〕118号); a late
    publication is recorded with `published_late`.
    Refused (409) once the decision is recorded as changed, revoked, confirmed illegal or void (Art. 48(2)).
    Writes: Publication, closes the publicity deadline, AuditEvent PUBLICATION_PUBLISHED, CaseEvent.
    No outbox message: nothing consumes one yet (see EnforcementConfig).
    """
    locked = PenaltyCase.objects.select_for_update().get(pk=case.pk)
    spec = rules.require_action(status=locked.status, procedure=locked.procedure, action="publish")
    # Art. 48(2): a decision changed, revoked, confirmed illegal or void is withdrawn, not published.
    execution_rules.require_not_barred_by_change(
        change_kind=locked.decision_change_kind, action=spec.code, action_label=spec.label
    )
    live = selectors.case_has_live_publication(case=locked)
    rules.require_publishable(has_penalty=bool(locked.decided_on and locked.penalty_types), already_published=live)
    require_act_date(
        published_on, field="published_on", label="公示日期", article="第四十八条第一款", code_prefix="publication"
    )
    if published_on < locked.decided_on:
        raise refuse_check(
            "公示日期不能早于决定日期",
            code="publication.before_decision",
            rule=DATE_ORDER,
            article="第四十八条第一款",
            fields={"published_on": ["日期错误。"]},
        )
    tracked = selectors.case_open_deadline(case=locked, rule_code="publicity.penalty")
    due = tracked.due if tracked is not None else None
    late = rules.publication_is_late(published_on=published_on, due=due)
    party = rules.public_party(
        kind=locked.party_kind, name=locked.party_name, code=locked.party_code, address=locked.party_address
    )
    publication = Publication(
        case=locked,
        unit=locked.unit,
        decision_number=locked.decision_number or locked.number,
        decided_on=locked.decided_on,
        party_display=party.name,
        party_code_display=party.code,
        cause=locked.cause,
        facts_summary=rules.public_text(
            locked.facts,
            person_name=locked.party_name if locked.party_kind == PartyKind.PERSON else "",
            person_address=locked.party_address if locked.party_kind == PartyKind.PERSON else "",
        ),
        penalty_summary=penalty_summary(locked),
        legal_basis=locked.decision_legal_basis,
        published_on=published_on,
        publish_due=due,
        published_late=late,
        published_by=actor,
    )
    try:
        with transaction.atomic():
            publication.save()
    except IntegrityError as exc:
        raise rules.refuse_already_published() from exc
    close_deadline(actor=actor, case=locked, rule_code="publicity.penalty", met=not late)
    record_audit(
        actor=actor,
        event_type=AuditEventType.PUBLICATION_PUBLISHED,
        target=publication,
        changes={"case": [None, locked.pk], "published_on": [None, published_on.isoformat()], "late": [None, late]},
    )
    events.case_transition(
        case=locked,
        type=CaseEventType.PUBLISHED,
        actor=actor,
        on=published_on,
        message="公示行政处罚决定" + ("（逾期）" if late else ""),
        publication_id=publication.pk,
    )
    return publication


@transaction.atomic(durable=True)
def publication_withdraw(
    *, actor: Any, publication: Publication, withdrawn_on: date, reason: str, change_kind: str = ""
) -> Publication:
    """Withdraw a publication, with the public explanation (Art. 48(2): within 3 working days of the change).

    `change_kind` defaults to the case's recorded decision change; lateness is measured from
    the change date (penalty.withdraw_publication) and recorded with `withdrawn_late`.
    Writes: Publication status/withdrawal fields, closes the withdrawal deadline, AuditEvent
    PUBLICATION_WITHDRAWN, CaseEvent.
    """
    reason = require_reason_text(reason, field="reason", label="撤回说明", article="第四十八条第二款")
    require_act_date(
        withdrawn_on, field="withdrawn_on", label="撤回日期", article="第四十八条第二款", code_prefix="publication"
    )
    updated = Publication.objects.filter(pk=publication.pk, status=PublicationStatus.PUBLISHED).update(
        status=PublicationStatus.WITHDRAWN
    )
    if updated != 1:
        raise refuse_now("该公示已撤回", code="publication.already_withdrawn", article="第四十八条第二款")
    publication.refresh_from_db()
    case = publication.case
    kind = change_kind or case.decision_change_kind
    if kind and kind not in DecisionChangeKind.values:
        raise refuse(
            "撤回原因应当为决定被变更、撤销、确认违法或者确认无效",
            code="publication.invalid_change_kind",
            article="第四十八条第二款",
            fields={"change_kind": ["无效。"]},
        )
    if withdrawn_on < publication.published_on:
        raise refuse_check(
            "撤回日期不能早于公示日期",
            code="publication.before_publication",
            rule=DATE_ORDER,
            article="第四十八条第二款",
            fields={"withdrawn_on": ["日期错误。"]},
        )
    tracked = selectors.case_open_deadline(case=case, rule_code="penalty.withdraw_publication")
    due = tracked.due if tracked is not None else None
    late = rules.withdrawal_is_late(withdrawn_on=withdrawn_on, due=due)
    publication.change_kind, publication.withdraw_reason = kind, reason
    publication.withdraw_due, publication.withdrawn_on, publication.withdrawn_late = due, withdrawn_on, late
    publication.withdrawn_by = actor
    publication.save(
        update_fields=[
            "change_kind",
            "withdraw_reason",
            "withdraw_due",
            "withdrawn_on",
            "withdrawn_late",
            "withdrawn_by",
            "updated_at",
        ]
    )
    close_deadline(actor=actor, case=case, rule_code="penalty.withdraw_publication", met=not late)
    record_audit(
        actor=actor,
        event_type=AuditEventType.PUBLICATION_WITHDRAWN,
        target=publication,
        reason=reason,
        changes={"status": [PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN], "late": [None, late]},
    )
    events.case_transition(
        case=case,
        type=CaseEventType.PUBLICATION_WITHDRAWN,
        actor=actor,
        on=withdrawn_on,
        message=f"撤回公示：{reason}",
        publication_id=publication.pk,
    )
    return publication
