"""Case-file review (案卷评查): rule sets, the facts of one case file, self-checks, samples and reviews.

The rule sets are TOML files under supervision/data/review_rules/, one per set; case_file_facts
gathers what the checks need and rules.run_rule_set decides. Reads enforcement cases read-only.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.db.models import Avg, Exists, OuterRef, Q, QuerySet

from fazhi.core.errors import NotFound
from fazhi.enforcement.choices import CaseOutcome, CaseProcedure, CaseStatus
from fazhi.enforcement.models import Evidence, PenaltyCase
from fazhi.enforcement.selectors import case_decision_as_made, case_discretion_bands, case_tracked_deadlines
from fazhi.orgs.choices import Role
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.selectors import AnyUser, officer_certificate_validity, user_role_grants
from fazhi.supervision import rules
from fazhi.supervision.choices import ReviewStatus
from fazhi.supervision.models import CaseFileReview, ReviewSample
from fazhi.supervision.selectors.ingestion import first_live_publication
from fazhi.supervision.selectors.scope import SUPERVISE_ROLES, VIEW_ROLES, _grant_paths, _path_q

# supervision/data/review_rules/ (this module sits in supervision/selectors/)
RULE_SET_DIR = Path(__file__).resolve().parents[1] / "data" / "review_rules"
DEFAULT_RULE_SET = "penalty_case_file"


@cache
def _rule_set_data(code: str) -> dict[str, Any]:
    path = RULE_SET_DIR / f"{code}.toml"
    if not path.is_file():
        raise NotFound(f"评查规则集“{code}”不存在。", code="supervision.rule_set_not_found")
    with path.open("rb") as handle:
        return tomllib.load(handle)


@cache
def _rule_set_file(code: str) -> rules.RuleSet:
    return rules.parse_rule_set(_rule_set_data(code))


def rule_set_get(*, code: str = DEFAULT_RULE_SET) -> rules.RuleSet:
    """A rule set from src/fazhi/supervision/data/review_rules/<code>.toml (one file per rule set)."""
    return _rule_set_file(code)


def _ended_without_penalty(case: PenaltyCase) -> str:
    """The 结案方式 label of a case closed without a penalty decision ("" otherwise)."""
    if case.decided_on is None and case.status == CaseStatus.CLOSED and case.outcome:
        return str(CaseOutcome(case.outcome).label)
    return ""


def case_review_findings(*, case: PenaltyCase, rule_set: rules.RuleSet, today: date) -> list[rules.Finding]:
    """Run the rule set on one case file (rules.run_rule_set: each rule only where it applies)."""
    return rules.run_rule_set(rule_set, case_file_facts(case=case, today=today))


def rule_set_codes() -> list[str]:
    return sorted(path.stem for path in RULE_SET_DIR.glob("*.toml"))


def _legal_review_required(case: PenaltyCase) -> bool:
    # 行政处罚法 Art. 58(1): (一) 重大公共利益 (二) 经过听证 (三) 疑难复杂 (四) 法律法规规定的其他情形.
    return bool(
        case.major_public_interest or case.hearing_held_on or case.complex_case or case.other_legal_review_required
    )


def case_file_facts(*, case: PenaltyCase, today: date) -> rules.CaseFileFacts:
    """Gather what the review checks need about one case (a handful of small queries)."""
    officers = list(case.officers.select_related("person", "unit"))
    on = case.filed_on
    certified = sum(
        1
        for officer in officers
        if on is not None and officer_certificate_validity(officer=officer, on=on, unit=case.unit).ok
    )
    publication = first_live_publication(case_id=case.pk)
    # The bands in force on the decision day: the ones enforcement held the fine (and its reason) to.
    bands = tuple(case_discretion_bands(case=case, on=case.decided_on or today))
    # The file under review is the decision as the unit made it: a later 变更 by 复议 or a court
    # replaces the content on the case, not what the unit decided (and reasoned) then.
    as_made = case_decision_as_made(case=case)
    publication_due = None
    if case.decided_on is not None and publication is None:
        publication_due = _tracked_due(case=case, rule_prefix="publicity.")
    return rules.CaseFileFacts(
        procedure=case.procedure,
        status=case.status,
        filed_on=case.filed_on,
        certified_officers_at_filing=certified,
        notified_on=case.notified_on,
        rights_waived=case.rights_waived,
        legal_review_required=_legal_review_required(case),
        legal_review_passed=case.legal_review_passed,
        legal_reviewed_on=case.legal_reviewed_on,
        decided_on=case.decided_on,
        decision_due=case.decision_due,
        decision_number=case.decision_number,
        decision_legal_basis=case.decision_legal_basis,
        penalty_types=as_made.penalty_types,
        performance_terms=case.performance_terms,
        remedies=case.remedies,
        party_name=case.party_name,
        party_address=case.party_address,
        facts=case.facts,
        served_on=case.served_on,
        service_due=case.service_due,
        served_late=case.served_late,
        has_publication=publication is not None,
        publication_late=publication.published_late if publication else None,
        publication_due=publication_due,
        evidence_count=Evidence.objects.filter(case=case).count(),
        fine_amount=as_made.fine,
        discretion_bands=bands,
        discretion_reason=case.discretion_reason,
        today=today,
        ended_without_penalty=_ended_without_penalty(case),
    )


def _tracked_due(*, case: PenaltyCase, rule_prefix: str) -> date | None:
    row = case_tracked_deadlines(case=case).filter(rule_code__startswith=rule_prefix).order_by("due").first()
    return row.due if row else None


@dataclass(frozen=True, slots=True)
class SelfCheck:
    case: PenaltyCase
    rule_set: rules.RuleSet
    findings: list[rules.Finding]
    score: Decimal

    @property
    def missing(self) -> list[rules.Finding]:
        return [f for f in self.findings if f.status == rules.FAIL]


def case_get_for_review(*, user: AnyUser, case_id: int, roles: frozenset[Role] = VIEW_ROLES) -> PenaltyCase:
    """A penalty case of a unit the user may see in supervision (unit admin: own unit); NotFound otherwise."""
    case = (
        PenaltyCase.objects.filter(_path_q(_grant_paths(user, roles), "unit__path"))
        .select_related("unit", "power_item")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise NotFound("案卷不存在或无权访问。", code="supervision.case_not_found")
    return case


def case_self_check(*, case: PenaltyCase, today: date, rule_set_code: str = DEFAULT_RULE_SET) -> SelfCheck:
    """完整性自查: run the review rules on one case and show what is missing (nothing is written)."""
    rule_set = rule_set_get(code=rule_set_code)
    findings = case_review_findings(case=case, rule_set=rule_set, today=today)
    score = rules.review_score(full_score=rule_set.full_score, findings=findings, judgement_deduction=Decimal(0))
    return SelfCheck(case, rule_set, findings, score)


def review_candidates(*, unit: OrgUnit, start: date, end: date) -> list[int]:
    """Case files eligible for a draw: ordinary-procedure cases of the unit decided in [start, end] that
    no earlier draw took (a file is reviewed once: reviews have no withdrawn state, so every review counts).

    The list is what the sample stores with its digest: redoing rules.draw_sample on it with the seed
    gives the same files.
    """
    return list(
        PenaltyCase.objects.filter(
            unit__path__startswith=unit.path,
            procedure=CaseProcedure.ORDINARY,
            decided_on__gte=start,
            decided_on__lte=end,
        )
        .exclude(pk__in=CaseFileReview.objects.values("case_id"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def review_sample_list_visible_to(*, user: AnyUser) -> QuerySet[ReviewSample]:
    return ReviewSample.objects.filter(_path_q(_grant_paths(user, VIEW_ROLES), "unit__path")).select_related("unit")


def review_sample_get_for_user(*, user: AnyUser, sample_id: int) -> ReviewSample:
    sample = review_sample_list_visible_to(user=user).filter(pk=sample_id).first()
    if sample is None:
        raise NotFound("评查批次不存在或无权访问。", code="supervision.sample_not_found")
    return sample


def review_get_for_user(*, user: AnyUser, review_id: int, roles: frozenset[Role] = VIEW_ROLES) -> CaseFileReview:
    review = (
        CaseFileReview.objects.filter(_path_q(_grant_paths(user, roles), "unit__path"))
        .select_related("sample", "case", "unit")
        .filter(pk=review_id)
        .first()
    )
    if review is None:
        raise NotFound("评查记录不存在或无权访问。", code="supervision.review_not_found")
    return review


@dataclass(frozen=True, slots=True)
class ReviewSteps:
    """Which steps of one review a user may take, whatever its status (the status is the service's check).

    评查 and 复核 are the supervisor's (执法监督人员 over the unit, or a superuser); 整改 is the reviewed
    unit's own step: only a 单位管理员 of the unit (or of a unit above it) submits it, never the
    supervisor who scored the file (docs/supervision.md §8).
    """

    can_see: bool
    can_score: bool  # also 复核
    can_rectify: bool


def review_steps_for(*, user: AnyUser, review: CaseFileReview) -> ReviewSteps:
    path = review.unit.path
    visible = _grant_paths(user, VIEW_ROLES)
    supervised = _grant_paths(user, SUPERVISE_ROLES)
    # 整改 needs a real 单位管理员 grant: a superuser is not the reviewed unit.
    unit_admin = any(
        grant.role == Role.UNIT_ADMIN and path.startswith(grant.unit_path) for grant in user_role_grants(user=user)
    )
    return ReviewSteps(
        can_see=visible is None or any(path.startswith(p) for p in visible),
        can_score=supervised is None or any(path.startswith(p) for p in supervised),
        can_rectify=unit_admin,
    )


def scored_reviews_once(*, units: QuerySet[Any] | Sequence[int], start: date, end: date) -> QuerySet[CaseFileReview]:
    """The scored reviews of `units` dated in [start, end], one per case file: the latest scored one
    (by 评查日期, then id) where data from before draws excluded reviewed files holds two of a file.

    案卷评查平均分 is an average over case files, so a file drawn twice must not count twice.
    """
    scored = CaseFileReview.objects.filter(
        unit_id__in=units, reviewed_on__gte=start, reviewed_on__lte=end, score__isnull=False
    )
    later = scored.filter(case_id=OuterRef("case_id")).filter(
        Q(reviewed_on__gt=OuterRef("reviewed_on")) | Q(reviewed_on=OuterRef("reviewed_on"), pk__gt=OuterRef("pk"))
    )
    return scored.exclude(Exists(later))


def review_average(*, unit: OrgUnit, start: date, end: date) -> Decimal | None:
    """案卷评查平均分 of the unit's subtree: each case file once (scored_reviews_once)."""
    units = OrgUnit.objects.filter(path__startswith=unit.path).values("pk")
    value = scored_reviews_once(units=units, start=start, end=end).aggregate(avg=Avg("score"))["avg"]
    return None if value is None else rules.round_half_up(Decimal(value), 2)


def reviews_open_for_unit(*, user: AnyUser) -> QuerySet[CaseFileReview]:
    return CaseFileReview.objects.filter(
        _path_q(_grant_paths(user, VIEW_ROLES), "unit__path"), status=ReviewStatus.RECTIFYING
    ).select_related("case", "unit")
