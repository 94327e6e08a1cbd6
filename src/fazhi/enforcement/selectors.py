"""All reads of inspections, penalty cases, evidence and publications, scoped by the asking user.

Scope rule (as fazhi.orgs.selectors): a role over a unit covers the unit and its subtree.
- view:   执法人员, 法制审核人员, 单位管理员, 执法监督人员 (supervisors read the whole region);
- edit:   执法人员, 单位管理员 (record inspections, open and move cases, evidence, publication);
- review: 法制审核人员 (the 法制审核 step).
System administrators see configuration, not case content (DESIGN §1); superusers see everything.
Single-object reads raise the same NotFound for "missing" and "not yours" (STYLE §8).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db.models import Count, Q, QuerySet

from fazhi.core.deadlines.choices import TrackedDeadlineStatus
from fazhi.core.deadlines.models import DeadlineRule, TrackedDeadline
from fazhi.core.errors import DomainError, NotFound
from fazhi.enforcement import rules
from fazhi.enforcement.choices import CaseStatus, PublicationStatus
from fazhi.enforcement.models import CaseEvent, Evidence, Inspection, PenaltyCase, Publication
from fazhi.enforcement.rules import evidence as evidence_rules
from fazhi.enforcement.rules.parameters import (
    DECISION_PERIOD_RULES,
    DEFAULT_SECTOR,
    HEARING_THRESHOLDS,
    STATUTORY_DECISION_RULE,
    HearingThreshold,
)
from fazhi.orgs.choices import Role
from fazhi.orgs.models import Officer, OrgUnit
from fazhi.orgs.selectors import AnyUser, officer_certificate_validity, org_unit_get_by_code, user_role_grants
from fazhi.powers import selectors as powers_selectors
from fazhi.powers.models import CheckItem, PowerItem
from fazhi.powers.rules import ViolationFacts

ROLES_BY_ACTION: dict[str, frozenset[Role]] = {
    "view": frozenset({Role.OFFICER, Role.LEGAL_REVIEWER, Role.UNIT_ADMIN, Role.SUPERVISOR}),
    "edit": frozenset({Role.OFFICER, Role.UNIT_ADMIN}),
    "review": frozenset({Role.LEGAL_REVIEWER}),
}


def _scope(*, user: AnyUser, action: str, path_field: str) -> Q | None:
    """Q for rows under the units where the user holds a role fit for `action`; None = everything."""
    if getattr(user, "is_superuser", False):
        return None
    roles = ROLES_BY_ACTION[action]
    query = Q(pk__in=[])
    for grant in user_role_grants(user=user):
        if grant.role in roles:
            query |= Q(**{f"{path_field}__startswith": grant.unit_path})
    return query


def _scoped(queryset: QuerySet[Any], *, user: AnyUser, action: str, path_field: str = "unit__path") -> QuerySet[Any]:
    scope = _scope(user=user, action=action, path_field=path_field)
    return queryset if scope is None else queryset.filter(scope)


def unit_get_for_action(*, user: AnyUser, code: str, action: str = "edit") -> OrgUnit:
    """The unit by code if the user may act for it (record, open cases); NotFound otherwise."""
    try:
        unit = org_unit_get_by_code(code=code)
    except NotFound:
        unit = None
    if unit is None or not _scoped(OrgUnit.objects.filter(pk=unit.pk), user=user, action=action, path_field="path"):
        raise NotFound(f"单位“{code}”不存在或无权访问。", code="org_unit_not_found")
    return unit


# --- inspections -----------------------------------------------------------------------------------


def inspection_list_visible_to(*, user: AnyUser, action: str = "view") -> QuerySet[Inspection]:
    return _scoped(Inspection.objects.all(), user=user, action=action).select_related("unit")


def inspection_get_for_user(*, user: AnyUser, inspection_id: int, action: str = "view") -> Inspection:
    inspection = (
        inspection_list_visible_to(user=user, action=action)
        .prefetch_related("officers__person", "check_items")
        .filter(pk=inspection_id)
        .first()
    )
    if inspection is None:
        raise NotFound("行政检查记录不存在或无权访问。", code="inspection.not_found")
    return inspection


# --- cases -------------------------------------------------------------------------------------------


def penalty_case_list_visible_to(*, user: AnyUser, action: str = "view") -> QuerySet[PenaltyCase]:
    return _scoped(PenaltyCase.objects.all(), user=user, action=action).select_related("unit")


def penalty_case_get_for_user(*, user: AnyUser, case_id: int, action: str = "view") -> PenaltyCase:
    case = (
        penalty_case_list_visible_to(user=user, action=action)
        .select_related("power_item", "legal_reviewer")
        .prefetch_related("officers__person")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise NotFound("行政处罚案件不存在或无权访问。", code="penalty.case_not_found")
    return case


def case_events(*, case: PenaltyCase) -> QuerySet[CaseEvent]:
    return CaseEvent.objects.filter(case=case).order_by("occurred_at", "pk")


def case_evidence(*, case: PenaltyCase) -> QuerySet[Evidence]:
    return Evidence.objects.filter(case=case).order_by("uploaded_at", "pk")


def evidence_get_for_user(*, user: AnyUser, evidence_id: int) -> Evidence:
    """One evidence item of a case or inspection the user may view; NotFound otherwise."""
    cases = penalty_case_list_visible_to(user=user).values("pk")
    inspections = inspection_list_visible_to(user=user).values("pk")
    evidence = Evidence.objects.filter(pk=evidence_id).filter(Q(case__in=cases) | Q(inspection__in=inspections)).first()
    if evidence is None:
        raise NotFound("证据不存在或无权访问。", code="evidence.not_found")
    return evidence


def evidence_open(*, evidence: Evidence) -> IO[bytes]:
    """Open the stored file (content-addressed) for reading."""
    return default_storage.open(evidence.storage_name, "rb")


def case_allowed_actions(*, case: PenaltyCase) -> list[rules.Action]:
    """What the state machine allows now (the fact-dependent guards run when the action is taken)."""
    actions = rules.allowed_actions(status=case.status, procedure=case.procedure)
    if not case.hearing_right_applies:
        actions = [a for a in actions if a.code != "request_hearing"]
    return actions


def case_tracked_deadlines(*, case: PenaltyCase) -> QuerySet[TrackedDeadline]:
    """The statutory deadlines tracked for the case (recomputed when the calendar changes)."""
    content_type = ContentType.objects.get_for_model(PenaltyCase)
    return TrackedDeadline.objects.filter(target_type=content_type, target_id=str(case.pk)).order_by("due", "pk")


def case_open_deadline(*, case: PenaltyCase, rule_code: str) -> TrackedDeadline | None:
    return case_tracked_deadlines(case=case).filter(rule_code=rule_code, status=TrackedDeadlineStatus.OPEN).first()


def next_due_by_case(*, case_ids: Iterable[int]) -> dict[int, date]:
    """Earliest open tracked deadline per case (one query for a page of cases)."""
    content_type = ContentType.objects.get_for_model(PenaltyCase)
    rows = TrackedDeadline.objects.filter(
        target_type=content_type, target_id__in=[str(pk) for pk in case_ids], status=TrackedDeadlineStatus.OPEN
    ).values_list("target_id", "due")
    result: dict[int, date] = {}
    for target_id, due in rows:
        key = int(target_id)
        if key not in result or due < result[key]:
            result[key] = due
    return result


def case_flexible_suggestions(*, case: PenaltyCase, on: date) -> list[powers_selectors.FlexibleMeasureSuggestion]:
    """The 三张清单 entries that fit the case's facts, with their basis (empty without a power item)."""
    if case.power_item_id is None:
        return []
    facts = ViolationFacts(
        first_violation=case.first_violation,
        harm=case.harm,
        corrected_in_time=case.corrected_in_time,
        minor_violation=case.minor_violation,
        no_fault=case.no_fault,
    )
    return powers_selectors.flexible_measure_suggestions(unit=case.unit, power_item=case.power_item, on=on, facts=facts)


def case_outcome_counts(*, user: AnyUser, start: date, end: date) -> dict[str, int]:
    """Closed cases per outcome in [start, end] — 教育改正 and 不予处罚 are counted separately."""
    rows = (
        penalty_case_list_visible_to(user=user)
        .filter(status=CaseStatus.CLOSED, closed_on__gte=start, closed_on__lte=end)
        .order_by()
        .values("outcome")
        .annotate(n=Count("pk"))
    )
    return {row["outcome"]: row["n"] for row in rows}


@dataclass(frozen=True, slots=True)
class WorkItem:
    kind: str  # "case" | "inspection"
    id: int
    title: str
    status: str
    status_label: str
    due: date | None
    urgency: str


def my_work(*, user: AnyUser, today: date, limit: int = 100) -> list[WorkItem]:
    """Open cases the user's officer posts handle, most urgent first, then their recent inspections."""
    person_id = getattr(user, "person_id", None)
    if not user.is_authenticated or person_id is None:
        return []
    posts = Officer.objects.filter(person_id=person_id).values("pk")
    cases = list(
        penalty_case_list_visible_to(user=user)
        .filter(officers__in=posts)
        .exclude(status=CaseStatus.CLOSED)
        .distinct()
        .order_by("-filed_on", "-pk")[:limit]
    )
    dues = next_due_by_case(case_ids=[c.pk for c in cases])
    items = [
        WorkItem(
            "case",
            c.pk,
            f"{c.party_name}：{c.cause}",
            c.status,
            str(c.get_status_display()),
            dues.get(c.pk),
            rules.deadline_urgency(due=dues.get(c.pk), today=today),
        )
        for c in cases
    ]
    items.sort(key=lambda item: (item.due is None, item.due or date.max, item.id))
    inspections = (
        inspection_list_visible_to(user=user).filter(officers__in=posts).distinct().order_by("-occurred_on", "-pk")
    )[:limit]
    items += [
        WorkItem(
            "inspection",
            i.pk,
            f"{i.party_name}（{i.occurred_on}）",
            i.outcome,
            str(i.get_outcome_display()),
            None,
            rules.deadline_urgency(due=None, today=today),
        )
        for i in inspections
    ]
    return items


# --- helpers for the services (they have already scoped the unit) ----------------------------------


def officers_for_unit(*, unit: OrgUnit, officer_ids: Iterable[int]) -> list[Officer]:
    """The named officers, who must belong to the acting unit or a unit under it."""
    ids = sorted(set(officer_ids))
    officers = list(
        Officer.objects.filter(pk__in=ids, unit__path__startswith=unit.path).select_related("person", "unit")
    )
    missing = sorted(set(ids) - {o.pk for o in officers})
    if missing:
        raise DomainError(
            f"执法人员不存在或不属于{unit.name}：{'、'.join(map(str, missing))}",
            code="penalty.officer_not_in_unit",
            fields={"officer_ids": [str(pk) for pk in missing]},
        )
    return officers


def officer_verdicts(*, officers: Iterable[Officer], on: date, unit: OrgUnit) -> list[rules.OfficerVerdict]:
    """Each officer's certificate verdict for an act of `unit` on `on` (orgs decides validity)."""
    verdicts = []
    for officer in officers:
        verdict = officer_certificate_validity(officer=officer, on=on, unit=unit)
        verdicts.append(rules.OfficerVerdict(officer.pk, officer.person.name, verdict.ok, verdict.reason))
    return verdicts


def check_items_for_unit(*, unit: OrgUnit, codes: Iterable[str]) -> list[CheckItem]:
    """Check items by code from the unit's own list or a list above it (a district-wide list)."""
    wanted = sorted(set(codes))
    found = powers_selectors.check_items_by_code(codes=wanted)
    usable = [item for code, item in found.items() if unit.path.startswith(item.owner_unit.path)]
    missing = sorted(set(wanted) - {item.code for item in usable})
    if missing:
        raise DomainError(
            f"检查事项不存在或不属于本单位检查清单：{'、'.join(missing)}",
            code="inspection.check_item_unknown",
            fields={"check_items": missing},
        )
    return usable


def power_item_for_unit(*, unit: OrgUnit, code: str) -> PowerItem:
    item = powers_selectors.power_items_by_code(codes=[code]).get(code)
    if item is None or not unit.path.startswith(item.owner_unit.path):
        raise DomainError(
            f"权责事项“{code}”不存在或不属于本单位权责清单。",
            code="penalty.power_item_unknown",
            fields={"power_item": [code]},
        )
    return item


def _sector_codes(unit: OrgUnit) -> list[str]:
    return sorted(unit.domains.values_list("code", flat=True))


def hearing_threshold_for_unit(*, unit: OrgUnit, on: date) -> HearingThreshold:
    """The 较大数额 row for the unit's enforcement domain in force on `on` (settings may add rows)."""
    extra: tuple[HearingThreshold, ...] = tuple(getattr(settings, "FAZHI_PENALTY_HEARING_THRESHOLDS", ()))
    rows = [row for row in (*extra, *HEARING_THRESHOLDS) if row.effective_from <= on]
    for sector in [*_sector_codes(unit), DEFAULT_SECTOR]:
        matching = [row for row in rows if row.sector == sector]
        if matching:
            return max(matching, key=lambda row: row.effective_from)
    raise DomainError("未配置听证“较大数额”标准。", code="penalty.hearing_threshold_missing")


def decision_period_rule_code_for_unit(*, unit: OrgUnit) -> str:
    """The deadline rule code for the unit's decision period: its sector's rule if installed, else Art. 60's."""
    by_sector = {row.sector: row for row in DECISION_PERIOD_RULES}
    codes = [by_sector[s].rule_code for s in _sector_codes(unit) if s in by_sector]
    installed = set(DeadlineRule.objects.filter(code__in=codes).values_list("code", flat=True))
    for code in codes:
        if code in installed:
            return code
    return STATUTORY_DECISION_RULE


@dataclass(frozen=True, slots=True)
class EvidenceLimits:
    allowed: dict[str, tuple[str, ...]]
    max_bytes: int
    max_bytes_audio_video: int


def evidence_limits() -> EvidenceLimits:
    """Upload limits from settings (FAZHI_EVIDENCE_*), falling back to the rules' defaults."""
    return EvidenceLimits(
        allowed=dict(getattr(settings, "FAZHI_EVIDENCE_ALLOWED_TYPES", evidence_rules.DEFAULT_ALLOWED_CONTENT_TYPES)),
        max_bytes=int(getattr(settings, "FAZHI_EVIDENCE_MAX_BYTES", evidence_rules.DEFAULT_MAX_BYTES)),
        max_bytes_audio_video=int(
            getattr(settings, "FAZHI_EVIDENCE_MAX_BYTES_AUDIO_VIDEO", evidence_rules.DEFAULT_MAX_BYTES_AUDIO_VIDEO)
        ),
    )


def surcharge_now(*, case: PenaltyCase, on: date) -> rules.Surcharge | None:
    """The 加处罚款 owed on `on` (None when no fine is payable)."""
    if case.payment_due is None or case.fine_amount <= Decimal(0):
        return None
    pauses = [
        (date.fromisoformat(p["first"]), date.fromisoformat(p["last"]) if p.get("last") else None)
        for p in case.surcharge_pauses
    ]
    return rules.late_payment_surcharge(fine=case.fine_amount, payment_due=case.payment_due, on=on, pauses=pauses)


# --- publications ----------------------------------------------------------------------------------


def publication_list_visible_to(*, user: AnyUser) -> QuerySet[Publication]:
    return _scoped(Publication.objects.all(), user=user, action="view").select_related("unit", "case")


def publication_get_for_user(*, user: AnyUser, publication_id: int, action: str = "view") -> Publication:
    publication = _scoped(Publication.objects.all(), user=user, action=action).filter(pk=publication_id).first()
    if publication is None:
        raise NotFound("公示记录不存在或无权访问。", code="publication.not_found")
    return publication


def publication_list_public(*, unit_code: str | None = None) -> QuerySet[Publication]:
    """Live publications for the public portal: masked fields only (use PUBLIC_FIELDS), newest first."""
    publications = Publication.objects.filter(status=PublicationStatus.PUBLISHED).select_related("unit")
    if unit_code:
        publications = publications.filter(unit__code=unit_code)
    return publications.only(*PUBLIC_FIELDS).order_by("-published_on", "-pk")


# The only columns public pages and the public API may show (all masked at publication time).
PUBLIC_FIELDS = (
    "id",
    "unit__name",
    "unit__code",
    "decision_number",
    "decided_on",
    "party_display",
    "party_code_display",
    "cause",
    "facts_summary",
    "penalty_summary",
    "legal_basis",
    "published_on",
)
