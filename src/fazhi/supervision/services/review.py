"""Writes of case-file review (案卷评查 → 整改 → 复核): review_sample_draw, case_file_review_score,
review_rectification_submit, review_recheck.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.errors import Conflict, DomainError, Forbidden, NotFound
from fazhi.core.validation import require_not_future
from fazhi.enforcement.models import PenaltyCase
from fazhi.orgs.models import OrgUnit
from fazhi.supervision import rules, selectors
from fazhi.supervision.choices import ReviewStatus
from fazhi.supervision.models import CaseFileReview, ReviewSample
from fazhi.supervision.selectors.review import case_review_findings, review_steps_for
from fazhi.supervision.services._common import Actor

# --- case-file review (案卷评查 → 整改 → 复核) ---------------------------------------------------------------------


@transaction.atomic
def review_sample_draw(
    *,
    actor: Actor,
    unit: OrgUnit,
    start: date,
    end: date,
    size: int,
    seed: int,
    rule_set_code: str = selectors.DEFAULT_RULE_SET,
    today: date,
) -> ReviewSample:
    """Draw case files of `unit` decided in [start, end] reproducibly from `seed`, with automatic findings.

    Files already drawn by an earlier sample are not candidates: each file is reviewed (and averaged) once.

    Writes: ReviewSample (seed, candidates and their digest), CaseFileReview per drawn case,
    AuditEvent SUPERVISION_REVIEW_SAMPLE_DRAWN.
    """
    rules.require_period(start, end, what="决定日期期间")
    rule_set = selectors.rule_set_get(code=rule_set_code)
    # A case file is drawn once (QA #3): the candidates leave out files an earlier draw took. Two draws at
    # once over overlapping subtrees would both see a file as free: lock the subtree's unit rows (in path
    # order) first, so the second waits for the first and then sees its reviews. (SQLite serialises
    # writing transactions anyway; select_for_update is a no-op there.)
    list(OrgUnit.objects.select_for_update().filter(path__startswith=unit.path).order_by("path").values_list("pk"))
    candidates = selectors.review_candidates(unit=unit, start=start, end=end)
    try:
        drawn = rules.draw_sample(candidate_ids=candidates, size=size, seed=seed)
    except DomainError as exc:
        if exc.code != "supervision.no_candidates":
            raise
        raise DomainError(
            "该期间内没有尚未抽取的案卷（每份案卷只抽取评查一次）。", code="supervision.no_candidates"
        ) from exc
    sample = ReviewSample.objects.create(
        unit=unit,
        period_from=start,
        period_to=end,
        seed=seed,
        size=size,
        rule_set=rule_set.code,
        rule_set_version=rule_set.version,
        candidates=candidates,
        candidates_digest=rules.candidates_digest(candidates),
        created_by=actor,
    )
    for case in PenaltyCase.objects.filter(pk__in=drawn).select_related("unit", "power_item").order_by("pk"):
        findings = case_review_findings(case=case, rule_set=rule_set, today=today)
        CaseFileReview.objects.create(
            sample=sample, case=case, unit=case.unit, findings=[f.as_dict() for f in findings]
        )
    record_audit(
        actor=actor,
        event_type=AuditEventType.SUPERVISION_REVIEW_SAMPLE_DRAWN,
        target=sample,
        changes={"seed": [None, seed], "drawn": [None, drawn], "candidates": [None, len(candidates)]},
    )
    return sample


def _require_status(review: CaseFileReview, allowed: set[str], action: str) -> None:
    if review.status not in allowed:
        raise Conflict(
            f"评查记录当前状态为“{ReviewStatus(review.status).label}”，不能{action}。",
            code="supervision.review_state",
        )


def _require_supervisor(actor: Actor, review: CaseFileReview, action: str) -> None:
    """评查 and 复核 are the supervisor's: NotFound outside the actor's scope, Forbidden for the unit."""
    steps = review_steps_for(user=actor, review=review)
    if not steps.can_see:
        raise NotFound("评查记录不存在或无权访问。", code="supervision.review_not_found")
    if not steps.can_score:
        raise Forbidden(f"{action}由执法监督人员进行，被评查单位不能{action}。", code="supervision.review_forbidden")


def _require_unit_admin(actor: Actor, review: CaseFileReview) -> None:
    """整改 is the reviewed unit's step: only its 单位管理员 submits it, not the supervisor who scored it."""
    steps = review_steps_for(user=actor, review=review)
    if not steps.can_see and not steps.can_rectify:
        raise NotFound("评查记录不存在或无权访问。", code="supervision.review_not_found")
    if not steps.can_rectify:
        raise Forbidden(
            "整改情况由被评查单位的单位管理员提交，执法监督人员不能代为整改。",
            code="supervision.rectification_forbidden",
        )


def _move(review: CaseFileReview, old_status: str, fields: dict[str, Any]) -> None:
    """Conditional UPDATE on the old status: two reviewers acting at once cannot both succeed."""
    updated = CaseFileReview.objects.filter(pk=review.pk, status=old_status).update(updated_at=timezone.now(), **fields)
    if updated != 1:
        raise Conflict("评查记录已被他人修改，请刷新后重试。", code="supervision.review_changed")
    review.refresh_from_db()


@transaction.atomic
def case_file_review_score(
    *,
    actor: Actor,
    review: CaseFileReview,
    reviewed_on: date,
    judgement_deduction: Decimal = Decimal(0),
    judgement_note: str = "",
    today: date,
) -> CaseFileReview:
    """Score a drawn case file: the rule deductions (re-run now) plus the reviewer's judgement.

    A file with a failed rule or a judgement deduction goes to 整改; otherwise it is done.
    Writes: CaseFileReview (findings, score, status), AuditEvent SUPERVISION_CASE_FILE_REVIEWED.
    """
    _require_supervisor(actor, review, "评查")
    _require_status(review, {ReviewStatus.DRAWN}, "评查")
    require_not_future(reviewed_on, today=today, field="reviewed_on", label="评查日期", code="supervision.future_date")
    if judgement_deduction and not judgement_note.strip():
        raise DomainError(
            "酌情扣分须写明评查意见。", code="supervision.note_required", fields={"judgement_note": ["必填。"]}
        )
    rule_set = selectors.rule_set_get(code=review.sample.rule_set)
    findings = case_review_findings(case=review.case, rule_set=rule_set, today=today)
    score = rules.review_score(
        full_score=rule_set.full_score, findings=findings, judgement_deduction=judgement_deduction
    )
    needs_rectification = judgement_deduction > 0 or any(f.status == rules.FAIL for f in findings)
    status = ReviewStatus.RECTIFYING if needs_rectification else ReviewStatus.SCORED
    _move(
        review,
        ReviewStatus.DRAWN,
        {
            "findings": [f.as_dict() for f in findings],
            "judgement_deduction": judgement_deduction,
            "judgement_note": judgement_note.strip(),
            "score": score,
            "reviewed_on": reviewed_on,
            "reviewer": actor,
            "status": status,
        },
    )
    record_audit(
        actor=actor,
        event_type=AuditEventType.SUPERVISION_CASE_FILE_REVIEWED,
        target=review,
        changes={"status": [ReviewStatus.DRAWN, status], "score": [None, str(score)]},
    )
    return review


@transaction.atomic
def review_rectification_submit(*, actor: Actor, review: CaseFileReview, note: str, on: date) -> CaseFileReview:
    """The unit reports what it corrected (整改): only a 单位管理员 of the reviewed unit (or above it).

    Writes: CaseFileReview, AuditEvent SUPERVISION_RECTIFICATION_SUBMITTED.
    """
    _require_unit_admin(actor, review)
    _require_status(review, {ReviewStatus.RECTIFYING}, "提交整改")
    if not note.strip():
        raise DomainError("请填写整改情况。", code="supervision.note_required", fields={"note": ["必填。"]})
    _move(
        review,
        ReviewStatus.RECTIFYING,
        {"rectification_note": note.strip(), "rectified_on": on, "status": ReviewStatus.RECTIFIED},
    )
    record_audit(
        actor=actor,
        event_type=AuditEventType.SUPERVISION_RECTIFICATION_SUBMITTED,
        target=review,
        changes={"status": [ReviewStatus.RECTIFYING, ReviewStatus.RECTIFIED]},
    )
    return review


@transaction.atomic
def review_recheck(*, actor: Actor, review: CaseFileReview, passed: bool, note: str, on: date) -> CaseFileReview:
    """复核 (the supervisor's): accept the rectification (closed) or send it back (待整改).

    Writes: CaseFileReview, AuditEvent SUPERVISION_REVIEW_RECHECKED.
    """
    _require_supervisor(actor, review, "复核")
    _require_status(review, {ReviewStatus.RECTIFIED}, "复核")
    if not passed and not note.strip():
        raise DomainError("退回整改须写明复核意见。", code="supervision.note_required", fields={"note": ["必填。"]})
    status = ReviewStatus.CLOSED if passed else ReviewStatus.RECTIFYING
    _move(review, ReviewStatus.RECTIFIED, {"recheck_note": note.strip(), "rechecked_on": on, "status": status})
    record_audit(
        actor=actor,
        event_type=AuditEventType.SUPERVISION_REVIEW_RECHECKED,
        target=review,
        changes={"status": [ReviewStatus.RECTIFIED, status]},
    )
    return review
