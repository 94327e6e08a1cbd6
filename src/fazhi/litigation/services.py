"""All writes of the litigation app: register, defence, hearings, outcome (以案促改 on 败诉), 司法建议.

Each service locks the case and checks its version, validates with `rules`, writes, and records one
audit row and one timeline entry in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.deadlines import services as deadline_services
from fazhi.core.deadlines.choices import TrackedDeadlineStatus
from fazhi.core.deadlines.models import TrackedDeadline
from fazhi.core.errors import Conflict, DomainError
from fazhi.core.ids import citizen_id_error, normalize_id, uscc_error
from fazhi.core.validation import require_not_future
from fazhi.enforcement import selectors as enforcement_selectors
from fazhi.enforcement.choices import DecisionChangeKind
from fazhi.enforcement.models import Inspection, PenaltyCase
from fazhi.enforcement.services import penalty_case_record_review_outcome
from fazhi.litigation import rules
from fazhi.litigation.choices import (
    AbsenceExcuse,
    CaseStatus,
    DefendantRole,
    EventType,
    HeadPosition,
    Instance,
    LossKind,
    Outcome,
    PlaintiffKind,
)
from fazhi.litigation.models import CaseEvent, CourtHearing, Defendant, JudicialSuggestion, LitigationCase
from fazhi.orgs.models import OrgUnit
from fazhi.reconsideration.choices import AlertSource, Category
from fazhi.reconsideration.models import ReconsiderationCase
from fazhi.reconsideration.rules import penalty_change
from fazhi.reconsideration.services import review_alert_raise


def _event(case: LitigationCase, type: str, actor: Any, on: date | None, message: str) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case, type=type, on=on, actor=actor, actor_display=str(actor) if actor is not None else "系统",
        message=message[:500],
    )  # fmt: skip


def _lock(case: LitigationCase) -> LitigationCase:
    locked = LitigationCase.objects.select_for_update().get(pk=case.pk)
    if locked.version != case.version:
        raise Conflict("案件已被他人修改，请刷新后重试。", code="litigation.version_conflict")
    return locked


def _bump(locked: LitigationCase, **values: Any) -> None:
    previous = locked.version
    locked.version = previous + 1
    updated = LitigationCase.objects.filter(pk=locked.pk, version=previous).update(
        version=locked.version, updated_at=timezone.now(), **values
    )
    if updated != 1:
        raise Conflict("案件已被他人修改，请刷新后重试。", code="litigation.version_conflict")
    for name, value in values.items():
        setattr(locked, name, value)


def _open_defence(case: LitigationCase) -> Any:
    return TrackedDeadline.objects.filter(
        target_type=ContentType.objects.get_for_model(LitigationCase), target_id=str(case.pk),
        rule_code=rules.RULE_DEFENCE, status=TrackedDeadlineStatus.OPEN,
    )  # fmt: skip


def _require_not_future(on: date, *, field: str, label: str) -> None:
    """Refuse a date after today: the register records what happened, never in advance."""
    require_not_future(on, field=field, label=label, code="litigation.future_date")


@dataclass
class LawsuitData:
    court: str
    case_number: str
    plaintiff_kind: str
    plaintiff_name: str
    category: str
    act_description: str
    filed_on: date
    complaint_received_on: date
    instance: str = Instance.FIRST
    plaintiff_id_number: str = ""
    enterprise_related: bool = False
    after_reconsideration: bool = False
    head_summoned: bool = False
    decision_received_on: date | None = None  # 原告收到复议决定书之日 (Art. 45), when known


def _require_decision_receipt(
    received_on: date, *, after: bool, reconsideration_case: ReconsiderationCase | None
) -> None:
    """Refuse a 复议决定书 receipt date that cannot be: in the future, without a 复议, before the decision."""
    field = "decision_received_on"
    _require_not_future(received_on, field=field, label="原告收到行政复议决定书日期")
    if not after:
        raise DomainError(
            "填写了原告收到行政复议决定书日期，但未注明经复议后起诉，也未关联行政复议案件：请勾选“经复议后起诉”"
            "或填写复议案件案号，未经复议的请清空该日期。",
            code="litigation.decision_receipt_without_reconsideration",
            fields={field: ["未经复议。"]},
        )
    if reconsideration_case is None or reconsideration_case.concluded_on is None:
        return
    if received_on < reconsideration_case.concluded_on:
        raise DomainError(
            f"原告收到行政复议决定书日期（{format_date_zh(received_on)}）早于行政复议案件{reconsideration_case.number}"
            f"的结案日期（{format_date_zh(reconsideration_case.concluded_on)}）：复议决定书不能在作出前收到。",
            code="litigation.decision_received_before_decided",
            fields={field: ["早于复议结案日期。"]},
        )


@transaction.atomic(durable=True)
def litigation_case_register(
    *,
    actor: Any,
    responsible_unit: OrgUnit,
    data: LawsuitData,
    defendants: Sequence[tuple[OrgUnit, str]] = (),
    reconsideration_case: ReconsiderationCase | None = None,
    penalty_case: PenaltyCase | None = None,
    inspection: Inspection | None = None,
) -> LitigationCase:
    """Register a lawsuit and start the 15-day defence period (行政诉讼法 Art. 67).

    With a linked reconsideration case the defendants follow Art. 26(2) (维持 → co-defendants,
    改变 → the 复议机关); they are filled in when none are given, and a contradicting list is refused;
    a filing date inside the 复议 (before it ended, or before its period ran out) is refused (Art. 45).
    The day the plaintiff received the 复议决定书 is recorded when known; a suit after the 15-day period
    is registered all the same (the court decides) and flagged by selectors.case_suit_period.
    Writes: LitigationCase, Defendant rows, TrackedDeadline litigation.defence, AuditEvent
    LITIGATION_CASE_REGISTERED, CaseEvent REGISTERED.
    """
    for name, enum in (("instance", Instance), ("plaintiff_kind", PlaintiffKind), ("category", Category)):
        if getattr(data, name) not in enum.values:
            raise DomainError(f"{name} 取值无效。", code="litigation.invalid_choice", fields={name: ["无效。"]})
    if not data.court.strip() or not data.case_number.strip() or not data.plaintiff_name.strip():
        raise DomainError("请填写法院、案号和原告。", code="litigation.field_required")
    if data.plaintiff_id_number:
        check = citizen_id_error if data.plaintiff_kind == PlaintiffKind.PERSON else uscc_error
        if error := check(data.plaintiff_id_number):
            raise DomainError(error, code="litigation.invalid_plaintiff_id", fields={"plaintiff_id_number": [error]})
    _require_not_future(data.filed_on, field="filed_on", label="立案日期")
    _require_not_future(data.complaint_received_on, field="complaint_received_on", label="收到起诉状副本日期")
    if data.complaint_received_on < data.filed_on:
        raise DomainError("收到起诉状副本日期不能早于立案日期。", code="litigation.dates_inconsistent")
    pairs = list(defendants)
    after = data.after_reconsideration or reconsideration_case is not None
    if data.decision_received_on is not None:
        _require_decision_receipt(data.decision_received_on, after=after, reconsideration_case=reconsideration_case)
    if reconsideration_case is not None:
        rules.require_sued_after_reconsideration(
            filed_on=data.filed_on, number=reconsideration_case.number, status=reconsideration_case.status,
            concluded_on=reconsideration_case.concluded_on, decision_due=reconsideration_case.decision_due,
        )  # fmt: skip
        if reconsideration_case.status != "concluded" or not reconsideration_case.outcome:
            expected = rules.expected_defendants(review_outcome="")
        else:
            expected = rules.expected_defendants(review_outcome=reconsideration_case.outcome)
        units = {DefendantRole.ORIGINAL: reconsideration_case.respondent,
                 DefendantRole.RECONSIDERATION_AUTHORITY: reconsideration_case.authority}  # fmt: skip
        if not pairs:
            pairs = [(units[DefendantRole(role)], role) for role in expected.roles]
        rules.require_defendants(given={role for _unit, role in pairs}, expected=expected)
    if not pairs:
        raise DomainError("请至少填写一个被告单位。", code="litigation.defendants_required",
                          fields={"defendants": ["必填。"]})  # fmt: skip
    case = LitigationCase(
        **{k: v for k, v in vars(data).items() if k != "after_reconsideration"},
        after_reconsideration=after, responsible_unit=responsible_unit, reconsideration_case=reconsideration_case,
        penalty_case=penalty_case or (reconsideration_case.penalty_case if reconsideration_case else None),
        inspection=inspection, created_by=actor,
    )  # fmt: skip
    case.plaintiff_id_number = normalize_id(data.plaintiff_id_number)
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError as exc:
        raise Conflict(f"{data.court}的案号“{data.case_number}”已登记。", code="litigation.duplicate") from exc
    for unit, role in pairs:
        Defendant.objects.create(case=case, unit=unit, role=role)
    tracked = deadline_services.deadline_track(
        actor=actor, target=case, rule_code=rules.RULE_DEFENCE, start=data.complaint_received_on,
        reason=case.case_number,
    )  # fmt: skip
    LitigationCase.objects.filter(pk=case.pk).update(defence_due=tracked.due)
    case.defence_due = tracked.due
    changes: dict[str, Any] = {
        "case_number": [None, case.case_number], "defendants": [None, [u.code for u, _r in pairs]],
    }  # fmt: skip
    if data.decision_received_on is not None:
        changes["decision_received_on"] = [None, data.decision_received_on.isoformat()]
    record_audit(actor=actor, event_type=AuditEventType.LITIGATION_CASE_REGISTERED, target=case, changes=changes)
    _event(case, EventType.REGISTERED, actor, data.complaint_received_on,
           f"收到起诉状副本，应于{format_date_zh(tracked.due)}前提交答辩状及证据（行政诉讼法第六十七条）")  # fmt: skip
    return case


@transaction.atomic(durable=True)
def litigation_defence_submit(*, actor: Any, case: LitigationCase, submitted_on: date) -> LitigationCase:
    """Record the defence and evidence submitted to the court (行政诉讼法 Art. 67: within 15 days)."""
    locked = _lock(case)
    if locked.defence_submitted_on is not None:
        raise Conflict("已登记答辩。", code="litigation.defence_already_submitted")
    _require_not_future(submitted_on, field="submitted_on", label="提交答辩状日期")
    late = locked.defence_due is not None and submitted_on > locked.defence_due
    _bump(locked, defence_submitted_on=submitted_on, defence_late=late)
    tracked = _open_defence(locked).first()
    if tracked is not None:
        deadline_services.deadline_close(actor=actor, tracked=tracked, met=not late, reason=locked.case_number)
    record_audit(actor=actor, event_type=AuditEventType.LITIGATION_DEFENCE_SUBMITTED, target=locked,
                 changes={"defence_submitted_on": [None, submitted_on.isoformat()], "late": [None, late]})  # fmt: skip
    _event(
        locked,
        EventType.DEFENCE_SUBMITTED,
        actor,
        submitted_on,
        "提交答辩状、证据和依据" + ("（逾期，视为没有相应证据，行政诉讼法第三十四条第二款）" if late else ""),
    )
    return locked


@transaction.atomic(durable=True)
def litigation_hearing_record(
    *,
    actor: Any,
    case: LitigationCase,
    held_on: date,
    head_appeared: bool,
    head_name: str = "",
    head_position: str = "",
    excuse: str = "",
    excuse_proof: bool = False,
    delegate_name: str = "",
    delegate_title: str = "",
    lawyer_only: bool = False,
    note: str = "",
) -> CourtHearing:
    """Record a hearing and who appeared for the agency, as it happened (行政诉讼法 Art. 3(3)).

    A head absent without an excuse, or with one but without proof (出庭应诉规定 Art. 8, 9), or nobody
    but a lawyer: recorded and flagged (rules.head_absence_findings, Art. 12), never refused — the
    register must show what the court will hold against the agency. Refused: a missing or future
    date, an appearing head without a name, values outside the choices.
    Writes: CourtHearing, version, AuditEvent LITIGATION_HEARING_RECORDED (with the findings), CaseEvent HEARING.
    """
    locked = _lock(case)
    _require_not_future(held_on, field="held_on", label="开庭日期")
    rules.require_hearing_input(head_appeared=head_appeared, head_name=head_name, excuse=excuse)
    if head_position and head_position not in HeadPosition.values:
        raise DomainError(
            "负责人职务类别无效。", code="litigation.invalid_choice", fields={"head_position": ["无效。"]}
        )
    excuse = "" if head_appeared else excuse  # the reason and its proof only matter for an absence
    hearing = CourtHearing.objects.create(
        case=locked, held_on=held_on, head_appeared=head_appeared, head_name=head_name.strip(),
        head_position=head_position, excuse=excuse, excuse_proof=bool(excuse) and excuse_proof,
        delegate_name=delegate_name.strip(), delegate_title=delegate_title.strip(),
        lawyer_only=not head_appeared and lawyer_only, note=note.strip(),
    )  # fmt: skip
    earlier = locked.hearings.exclude(pk=hearing.pk).filter(held_on__lte=held_on, head_appeared=True).exists()
    findings = rules.head_absence_findings(hearing, appeared_earlier=earlier)
    _bump(locked)
    record_audit(
        actor=actor,
        event_type=AuditEventType.LITIGATION_HEARING_RECORDED,
        target=locked,
        changes={"hearing": [None, {"held_on": held_on.isoformat(), "head_appeared": head_appeared,
                                    "findings": [f.code for f in findings]}]},
    )  # fmt: skip
    _event(locked, EventType.HEARING, actor, held_on, _hearing_sentence(hearing, findings))
    return hearing


def _hearing_sentence(hearing: CourtHearing, findings: Sequence[rules.AbsenceFinding]) -> str:
    """开庭，负责人…出庭应诉 / 开庭，负责人未出庭（理由）…；委托…出庭；负责人未出庭且无正当理由（…）."""
    if hearing.head_appeared:
        return f"开庭，负责人{hearing.head_name}出庭应诉"
    if hearing.excuse:
        reason = f"{AbsenceExcuse(hearing.excuse).label}，{'已' if hearing.excuse_proof else '未'}提交证明材料"
    else:
        reason = "未说明理由"
    if hearing.lawyer_only:
        present = f"仅委托律师{hearing.delegate_name}出庭" if hearing.delegate_name else "仅委托律师出庭"
    elif hearing.delegate_name:
        present = f"委托{hearing.delegate_name}出庭"
    else:
        present = "无工作人员出庭"
    flags = "".join(f"；{finding.summary}（{finding.legal_basis}）" for finding in findings)
    return f"开庭，负责人未出庭（{reason}），{present}{flags}"


@transaction.atomic(durable=True)
def litigation_case_conclude(
    *,
    actor: Any,
    case: LitigationCase,
    outcome: str,
    concluded_on: date,
    judgment_number: str = "",
    summary: str = "",
    loss_kind: str = "",
    contrary_co_plaintiff: bool = False,
    new_penalty_types: Sequence[str] | None = None,
    new_fine_amount: Decimal | None = None,
    new_confiscation_value: Decimal | None = None,
) -> LitigationCase:
    """Record how the instance ended; a 败诉 feeds back like a 复议纠错 (以案促改).

    A 判决变更 of a penalty case of this platform (行政诉讼法 Art. 77) states the penalty as changed
    (`new_*`; kinds not given stay as decided): it is stored on the case and put on the penalty case,
    which is paid and executed on it from then on. Refused (400, rules of reconsideration.rules.
    penalty_change): a 判决变更 of a penalty case without it (litigation.change_content_required), one
    heavier than the original unless 利害关系人同为原告且诉讼请求相反 (`contrary_co_plaintiff`, Art. 77(2);
    litigation.adverse_change), changed content for any other outcome or an act not registered here.
    Writes: status/outcome/loss_kind/concluded_on/judgment_*/changed_*, AuditEvent LITIGATION_CONCLUDED,
    CaseEvent; on 败诉 also ReviewAlert(s) to the defendant unit(s) whose act it was and the penalty
    case's timeline (and, for a 变更, its penalty).
    """
    locked = _lock(case)
    if locked.status == CaseStatus.CONCLUDED:
        raise Conflict("案件已审结。", code="litigation.already_concluded")
    rules.require_outcome(outcome=outcome, loss_kind=loss_kind)
    _require_not_future(concluded_on, field="concluded_on", label="审结日期")
    if concluded_on < locked.filed_on:
        raise DomainError("审结日期不能早于立案日期。", code="litigation.dates_inconsistent")
    changes = outcome == Outcome.LOST and loss_kind == LossKind.CHANGED
    law = penalty_change.JUDGMENT
    penalty_change.require_content_applicable(
        law=law, penalty_types=new_penalty_types, fine=new_fine_amount, confiscation=new_confiscation_value,
        changes_penalty=changes, penalty_linked=locked.penalty_case_id is not None,
    )  # fmt: skip
    original = changed = None
    if changes and locked.penalty_case is not None:
        original = enforcement_selectors.case_decision_content(case=locked.penalty_case)
        changed = penalty_change.changed_penalty(
            law=law, original=original, penalty_types=new_penalty_types, fine=new_fine_amount,
            confiscation=new_confiscation_value, required=True, exception=contrary_co_plaintiff,
        )  # fmt: skip
    stated = {
        "changed_penalty_types": list(changed.penalty_types) if changed else [],
        "changed_fine_amount": changed.fine if changed else None,
        "changed_confiscation_value": changed.confiscation if changed else None,
        "contrary_co_plaintiff": changes and contrary_co_plaintiff,
    }
    _bump(locked, status=CaseStatus.CONCLUDED, outcome=outcome, loss_kind=loss_kind, concluded_on=concluded_on,
          judgment_number=judgment_number.strip(), judgment_summary=summary.strip(), **stated)  # fmt: skip
    for tracked in _open_defence(locked):
        deadline_services.deadline_close(actor=actor, tracked=tracked, met=False, reason=locked.case_number)
    label = Outcome(outcome).label + (f"（{LossKind(loss_kind).label}）" if loss_kind else "")
    audit_changes: dict[str, Any] = {"outcome": [None, outcome], "loss_kind": [None, loss_kind]}
    message = f"审结：{label}"
    if changed is not None and original is not None:
        audit_changes["penalty"] = [penalty_change.content_text(original), penalty_change.content_text(changed)]
        message += f"；{penalty_change.change_text(original=original, changed=changed)}"
    record_audit(actor=actor, event_type=AuditEventType.LITIGATION_CONCLUDED, target=locked, changes=audit_changes)
    _event(locked, EventType.CONCLUDED, actor, concluded_on, message)
    if rules.is_loss(outcome):
        _feed_back(actor=actor, case=locked, label=label, on=concluded_on)
    return locked


def _feed_back(*, actor: Any, case: LitigationCase, label: str, on: date) -> None:
    reference = case.judgment_number or case.case_number
    original = case.defendants.filter(role=DefendantRole.ORIGINAL).select_related("unit").first()
    unit = original.unit if original else case.defendants.select_related("unit").first().unit  # type: ignore[union-attr]
    if case.penalty_case is not None:
        # 判决撤销/变更/确认违法/确认无效 change the penalty decision itself (行政处罚法 Art. 48(2)); the loss kinds
        # are enforcement's DecisionChangeKind codes.
        kind = case.loss_kind if case.loss_kind in DecisionChangeKind.values else ""
        # A 判决变更 passes the penalty as changed (litigation_case_conclude required it).
        penalty_case_record_review_outcome(actor=actor, case=case.penalty_case, source=AlertSource.LITIGATION,
                                           outcome=label, decided_on=on, reference=reference, change_kind=kind,
                                           **penalty_change.review_outcome_content(case))  # fmt: skip
    review_alert_raise(
        actor=actor, unit=unit, source=AlertSource.LITIGATION, source_id=case.pk, reference=reference[:64],
        outcome=label, raised_on=on, penalty_case=case.penalty_case,
        message=f"{case.court}（{case.case_number}）：{unit.name}败诉，{label}，请及时整改。",
    )  # fmt: skip
    _event(case, EventType.FED_BACK, actor, on, f"已将败诉结果反馈{unit.name}")


@transaction.atomic(durable=True)
def judicial_suggestion_record(
    *, actor: Any, case: LitigationCase, received_on: date, content: str
) -> JudicialSuggestion:
    """Record a 司法建议 from the court (出庭应诉规定 Art. 12 and others)."""
    locked = _lock(case)
    if not content.strip():
        raise DomainError("请填写司法建议内容。", code="litigation.field_required", fields={"content": ["必填。"]})
    _require_not_future(received_on, field="received_on", label="收到司法建议日期")
    suggestion = JudicialSuggestion.objects.create(case=locked, received_on=received_on, content=content.strip())
    _bump(locked)
    record_audit(actor=actor, event_type=AuditEventType.LITIGATION_SUGGESTION_RECORDED, target=locked,
                 changes={"suggestion": [None, suggestion.pk]})  # fmt: skip
    _event(locked, EventType.SUGGESTION, actor, received_on, f"收到司法建议：{content.strip()[:200]}")
    return suggestion


@transaction.atomic(durable=True)
def judicial_suggestion_answer(
    *, actor: Any, suggestion: JudicialSuggestion, answered_on: date, answer: str
) -> JudicialSuggestion:
    """Record the agency's answer to a 司法建议."""
    if not answer.strip():
        raise DomainError("请填写回复情况。", code="litigation.field_required", fields={"answer": ["必填。"]})
    _require_not_future(answered_on, field="answered_on", label="回复日期")
    updated = JudicialSuggestion.objects.filter(pk=suggestion.pk, answered_on__isnull=True).update(
        answered_on=answered_on, answer=answer.strip()
    )
    if updated != 1:
        raise Conflict("已回复该司法建议。", code="litigation.suggestion_answered")
    suggestion.refresh_from_db()
    record_audit(actor=actor, event_type=AuditEventType.LITIGATION_SUGGESTION_ANSWERED, target=suggestion.case,
                 changes={"suggestion": [suggestion.pk, answered_on.isoformat()]})  # fmt: skip
    _event(suggestion.case, EventType.SUGGESTION_ANSWERED, actor, answered_on, "回复司法建议")
    return suggestion
