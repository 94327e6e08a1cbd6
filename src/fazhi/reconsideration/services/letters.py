"""行政复议意见书 (Art. 76, 60-day report-back tracked) and 建议书 (实施条例 Art. 57(2))."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.deadlines import services as deadline_services
from fazhi.core.deadlines.choices import TrackedDeadlineStatus
from fazhi.core.deadlines.models import TrackedDeadline
from fazhi.core.errors import Conflict, DomainError
from fazhi.orgs.models import OrgUnit
from fazhi.reconsideration import events, rules
from fazhi.reconsideration.choices import EventType, LetterKind
from fazhi.reconsideration.models import Letter, ReconsiderationCase
from fazhi.reconsideration.rules.application import case_number
from fazhi.reconsideration.rules.decision import RULE_OPINION_REPORT
from fazhi.reconsideration.selectors import authority_document_prefix
from fazhi.reconsideration.services._common import require_not_future, require_text

KIND_CODES = {LetterKind.OPINION: "意", LetterKind.RECOMMENDATION: "建"}


@transaction.atomic(durable=True)
def letter_issue(
    *, actor: Any, case: ReconsiderationCase, kind: str, recipient: OrgUnit, issued_on: date, content: str
) -> Letter:
    """Issue an 意见书 to the respondent or another subordinate body, or a 建议书 to any body.

    Writes: Letter (文号 复意字/复建字), TrackedDeadline reconsideration.opinion_report for 意见书,
    AuditEvent RECONSIDERATION_LETTER_ISSUED, CaseEvent LETTER_ISSUED.
    """
    rules.procedure.require_action(status=case.status, action="issue_letter")
    if kind not in LetterKind.values:
        raise DomainError("文书种类无效。", code="reconsideration.invalid_choice", fields={"kind": ["无效。"]})
    content = require_text(content, field="content", label="发现的问题和意见")
    require_not_future(issued_on, field="issued_on", label="制发日期")
    if kind == LetterKind.OPINION and not recipient.path.startswith(case.authority.path):
        raise DomainError(
            "行政复议意见书只能向被申请人或者其他下级行政机关制发（《中华人民共和国行政复议法》第七十六条）。",
            code="reconsideration.letter_recipient_not_subordinate", fields={"recipient": ["不是下级机关。"]},
        )  # fmt: skip
    code = KIND_CODES[LetterKind(kind)]
    existing = Letter.objects.filter(case__authority=case.authority, kind=kind, issued_on__year=issued_on.year).count()
    letter = None
    prefix = authority_document_prefix(authority=case.authority)
    for offset in range(1, 6):
        number = case_number(prefix=prefix, year=issued_on.year, serial=existing + offset, kind=code)
        try:
            with transaction.atomic():
                letter = Letter.objects.create(case=case, kind=kind, number=number, recipient=recipient,
                                               issued_on=issued_on, content=content)  # fmt: skip
            break
        except IntegrityError:
            continue
    if letter is None:
        raise Conflict("文号分配冲突，请重试。", code="reconsideration.number_conflict")
    if kind == LetterKind.OPINION:
        tracked = deadline_services.deadline_track(
            actor=actor, target=letter, rule_code=RULE_OPINION_REPORT, start=issued_on, reason=letter.number
        )
        Letter.objects.filter(pk=letter.pk).update(report_due=tracked.due)
        letter.report_due = tracked.due
    record_audit(actor=actor, event_type=AuditEventType.RECONSIDERATION_LETTER_ISSUED, target=letter,
                 changes={"number": [None, letter.number], "recipient": [None, recipient.code]})  # fmt: skip
    events.case_event(
        case=case, type=EventType.LETTER_ISSUED, actor=actor, on=issued_on, letter_id=letter.pk,
        message=f"向{recipient.name}制发{LetterKind(kind).label}（{letter.number}）"
        + (f"，应于{format_date_zh(letter.report_due)}前报送纠正情况" if letter.report_due else ""),
    )  # fmt: skip
    return letter


@transaction.atomic(durable=True)
def letter_record_report(*, actor: Any, letter: Letter, reported_on: date, summary: str) -> Letter:
    """Record the recipient's report on the correction (Art. 76: within 60 days of receipt)."""
    if letter.kind != LetterKind.OPINION:
        raise DomainError("只有行政复议意见书需要报送纠正情况。", code="reconsideration.letter_no_report")
    summary = require_text(summary, field="summary", label="纠正情况")
    require_not_future(reported_on, field="reported_on", label="报送日期")
    updated = Letter.objects.filter(pk=letter.pk, reported_on__isnull=True).update(
        reported_on=reported_on, report_summary=summary
    )
    if updated != 1:
        raise Conflict("已登记过纠正情况。", code="reconsideration.letter_already_reported")
    late = letter.report_due is not None and reported_on > letter.report_due
    tracked = TrackedDeadline.objects.filter(
        target_type=ContentType.objects.get_for_model(Letter),
        target_id=str(letter.pk),
        rule_code=RULE_OPINION_REPORT,
        status=TrackedDeadlineStatus.OPEN,
    ).first()
    if tracked is not None:
        deadline_services.deadline_close(actor=actor, tracked=tracked, met=not late, reason=letter.number)
    letter.refresh_from_db()
    record_audit(actor=actor, event_type=AuditEventType.RECONSIDERATION_LETTER_REPORTED, target=letter,
                 changes={"reported_on": [None, reported_on.isoformat()], "late": [None, late]})  # fmt: skip
    events.case_event(
        case=letter.case, type=EventType.LETTER_REPORTED, actor=actor, on=reported_on, letter_id=letter.pk,
        message=f"{letter.recipient.name}报送纠正情况" + ("（逾期）" if late else ""),
    )  # fmt: skip
    return letter
