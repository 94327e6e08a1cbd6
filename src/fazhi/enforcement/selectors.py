"""All reads of inspections, penalty cases, evidence and publications, scoped by the asking user.

Scope rule (as fazhi.orgs.selectors): a role over a unit covers the unit and its subtree.
- view:   执法人员, 法制审核人员, 单位管理员, 执法监督人员 (supervisors read the whole region);
- edit:   执法人员, 单位管理员 (record inspections, open and move cases, evidence, publication);
- review: 法制审核人员 (the 法制审核 step);
- self_check: 单位管理员, 执法监督人员 (may run supervision's 案卷完整性自查 on the case).
System administrators see configuration, not case content (DESIGN §1); superusers see everything.
Single-object reads raise the same NotFound for "missing" and "not yours" (STYLE §8).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.deadlines.choices import TrackedDeadlineStatus
from fazhi.core.deadlines.models import TrackedDeadline
from fazhi.core.deadlines.selectors import deadline_compute, deadline_rule_names
from fazhi.core.errors import NotFound
from fazhi.enforcement import rules
from fazhi.enforcement.choices import (
    CaseEventType,
    CaseStatus,
    PartyKind,
    PublicationStatus,
    RecusalStatus,
)
from fazhi.enforcement.models import (
    CaseEvent,
    Evidence,
    EvidencePreservation,
    Inspection,
    PenaltyCase,
    PenaltyThresholdVersion,
    Publication,
    Recusal,
    SectorDecisionRule,
)
from fazhi.enforcement.rules import evidence as evidence_rules
from fazhi.enforcement.rules import execution as execution_rules
from fazhi.enforcement.rules import instalments as instalment_rules
from fazhi.enforcement.rules.common import CHECK_ITEM_LISTED, OFFICER_IN_UNIT, refuse, refuse_check
from fazhi.enforcement.rules.decision_change import DecisionContent
from fazhi.enforcement.rules.parameters import DEFAULT_SECTOR, STATUTORY_DECISION_RULE, HearingThreshold
from fazhi.orgs.choices import Role
from fazhi.orgs.models import Officer, OrgUnit
from fazhi.orgs.selectors import (
    AnyUser,
    officer_list_visible_to,
    officers_certificate_validity,
    org_unit_get_if_granted,
    user_role_grants,
)
from fazhi.powers import selectors as powers_selectors
from fazhi.powers.models import CheckItem, PowerItem
from fazhi.powers.rules import ViolationFacts

ROLES_BY_ACTION: dict[str, frozenset[Role]] = {
    "view": frozenset({Role.OFFICER, Role.LEGAL_REVIEWER, Role.UNIT_ADMIN, Role.SUPERVISOR}),
    "edit": frozenset({Role.OFFICER, Role.UNIT_ADMIN}),
    "review": frozenset({Role.LEGAL_REVIEWER}),
    # 案卷完整性自查 (supervision's self-check page): the roles its view admits, supervision.selectors.VIEW_ROLES
    "self_check": frozenset({Role.UNIT_ADMIN, Role.SUPERVISOR}),
}
# The roles that see every case of their units; a legal reviewer sees the cases routed to 法制审核 only.
VIEW_WITHOUT_ROUTING = ROLES_BY_ACTION["view"] - {Role.LEGAL_REVIEWER}


def _granted_paths(*, user: AnyUser, action: str) -> list[str] | None:
    """Paths of the units where the user holds a role fit for `action`; None = everything (superuser)."""
    if getattr(user, "is_superuser", False):
        return None
    roles = ROLES_BY_ACTION[action]
    return [grant.unit_path for grant in user_role_grants(user=user) if grant.role in roles]


def _scope(*, user: AnyUser, action: str, path_field: str) -> Q | None:
    """Q for rows under the units where the user holds a role fit for `action`; None = everything."""
    paths = _granted_paths(user=user, action=action)
    if paths is None:
        return None
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(**{f"{path_field}__startswith": path})
    return query


def _scoped(queryset: QuerySet[Any], *, user: AnyUser, action: str, path_field: str = "unit__path") -> QuerySet[Any]:
    scope = _scope(user=user, action=action, path_field=path_field)
    return queryset if scope is None else queryset.filter(scope)


def unit_get_for_action(*, user: AnyUser, code: str, action: str = "edit") -> OrgUnit:
    """The unit by code if the user may act for it (record, open cases); NotFound otherwise.

    The grants are those of _scope (a role fit for `action` over the unit or a unit above it),
    checked in the same query as the lookup: this runs on every write that names its unit.
    """
    unit = org_unit_get_if_granted(user=user, code=code, roles=ROLES_BY_ACTION[action])
    if unit is None:
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


def _routed_to_review_scope(*, user: AnyUser) -> Q:
    """The cases a legal reviewer sees (DESIGN §1: "cases routed to them"): those of the units under their
    法制审核人员 grants that were submitted for 法制审核 (行政处罚法 Art. 58), not every case of the unit."""
    query = Q(pk__in=[])
    for grant in user_role_grants(user=user):
        if grant.role == Role.LEGAL_REVIEWER:
            query |= Q(unit__path__startswith=grant.unit_path, legal_review_submitted_on__isnull=False)
    return query


def penalty_case_list_visible_to(*, user: AnyUser, action: str = "view") -> QuerySet[PenaltyCase]:
    """The cases the user may see (`view`) or act on: the units under their grants fit for `action`. For
    `view`, a legal reviewer's grants count only for the cases routed to 法制审核 (_routed_to_review_scope)."""
    if action != "view" or getattr(user, "is_superuser", False):
        return _scoped(PenaltyCase.objects.all(), user=user, action=action).select_related("unit")
    others = [grant.unit_path for grant in user_role_grants(user=user) if grant.role in VIEW_WITHOUT_ROUTING]
    query = _routed_to_review_scope(user=user)
    for path in others:
        query |= Q(unit__path__startswith=path)
    return PenaltyCase.objects.filter(query).select_related("unit")


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


def case_allowed_actions(*, case: PenaltyCase, on: date | None = None) -> list[rules.Action]:
    """What the state machine allows on `on` (default today); the fact-dependent guards run when the action is taken.

    Steps that cannot succeed yet are hidden too, e.g. the 催告 before the payment deadline has passed.
    """
    day = on or timezone.localdate()
    actions = rules.allowed_actions(status=case.status, procedure=case.procedure)
    hidden = set()
    if not case.hearing_right_applies:
        hidden.add("request_hearing")
    if not rules.legal_review_awaits_opinion(passed=case.legal_review_passed):
        hidden.add("record_legal_review")  # one opinion per submission (Art. 58)
    if not Recusal.objects.filter(case=case, status="pending").exists():
        hidden.add("decide_recusal")
    if not EvidencePreservation.objects.filter(case=case, decided_on__isnull=True).exists():
        hidden.add("decide_preservation")
    if case.cash_collected_on is None or case.cash_handed_over_on is not None:
        hidden.add("hand_over_cash")
    if case.cash_handed_over_on is None or case.cash_deposited_on is not None:
        hidden.add("deposit_cash")
    if case_fine_outstanding(case=case) <= 0 or case.paid_on is not None:
        hidden |= {"collect_cash", "arrange_payment", "demand_enforcement", "apply_enforcement"}
    if case.payment_arrangement and case.payment_arrangement_ended_on is None:
        hidden.add("arrange_payment")  # one plan in force (a 变更 that ends it allows a new application)
    if len(case_instalments_unpaid(case=case)) < 2:
        hidden.add("pay_instalment")  # the last one is paid with 履行完毕 (rules.instalments)
    if case.fine_paid_in_part:
        hidden.add("collect_cash")  # 当场收缴 takes the whole fine (Art. 68), not the rest of a plan
    if not execution_rules.payment_is_overdue(due=case.payment_due, on=day, paid=case.paid_on is not None):
        hidden.add("demand_enforcement")  # 行政强制法 Art. 35, 54: the 催告 follows a missed payment deadline
    if case.enforcement_demand_served_on is None:
        hidden.add("apply_enforcement")
    # A changed decision is not published again (Art. 48(2)); one set aside is neither served nor
    # executed (行政强制法 Art. 40(4)).
    hidden |= execution_rules.actions_barred_by_change(case.decision_change_kind)
    if not execution_rules.decision_set_aside(case.decision_change_kind):
        hidden.add("end_execution")  # only a decision set aside ends execution this way
    return [a for a in actions if a.code not in hidden]


def case_tracked_deadlines(*, case: PenaltyCase) -> QuerySet[TrackedDeadline]:
    """The statutory deadlines tracked for the case (recomputed when the calendar changes)."""
    content_type = ContentType.objects.get_for_model(PenaltyCase)
    return TrackedDeadline.objects.filter(target_type=content_type, target_id=str(case.pk)).order_by("due", "pk")


def deadlines_extended_by(*, tracked: Sequence[TrackedDeadline]) -> dict[int, TrackedDeadline]:
    """Map each deadline closed by a 延长办案期限 to the deadline that replaced it (by pk).

    services.case_decision_deadline_extend closes the running period and tracks the same rule from
    the same start with a longer extension; the closed row is that period before the extension,
    not a period that ended. Works on rows already read (no query).
    """
    result: dict[int, TrackedDeadline] = {}
    for old in tracked:
        if old.status != TrackedDeadlineStatus.CLOSED:
            continue
        newer = [
            t
            for t in tracked
            if t.pk > old.pk and t.rule_code == old.rule_code and t.start == old.start and t.extension > old.extension
        ]
        if newer:
            result[old.pk] = min(newer, key=lambda t: t.pk)
    return result


def cases_awaiting_legal_review(*, user: AnyUser) -> QuerySet[PenaltyCase]:
    """Cases submitted for 法制审核 (Art. 58) that `user` may review, the longest-waiting first."""
    reviewable = penalty_case_list_visible_to(user=user, action="review")
    # A passed review keeps the case in 法制审核 until the decision: it no longer waits for the reviewer.
    waiting = reviewable.filter(status=CaseStatus.LEGAL_REVIEW, legal_review_passed__isnull=True)
    return waiting.order_by("legal_review_submitted_on", "pk")


def cases_reviewed_by(*, user: AnyUser, limit: int = 20) -> list[PenaltyCase]:
    """The cases whose latest 法制审核 opinion `user` gave, the most recent first (a resubmitted case drops out)."""
    reviewable = penalty_case_list_visible_to(user=user, action="review")
    reviewed = reviewable.filter(legal_reviewer=user, legal_review_passed__isnull=False)
    return list(reviewed.order_by("-legal_reviewed_on", "-pk")[:limit])


def case_statement_due(*, case: PenaltyCase) -> date | None:
    """Last day of the party's 陈述、申辩 period (rules.STATEMENT_RULE from the notice); None before a notice.

    Computed, not tracked: the period is the party's, and nothing is late when it ends unheard.
    """
    if case.notified_on is None:
        return None
    return deadline_compute(rule_code=rules.STATEMENT_RULE, start=case.notified_on).due


def case_open_deadline(*, case: PenaltyCase, rule_code: str) -> TrackedDeadline | None:
    return case_tracked_deadlines(case=case).filter(rule_code=rule_code, status=TrackedDeadlineStatus.OPEN).first()


@dataclass(frozen=True, slots=True)
class NextDue:
    due: date
    what: str  # the deadline rule's name, e.g. 行政处罚决定公示期限
    provisional: bool = False  # counted Monday–Friday: the year's holiday data is not in yet


def next_due_by_case(*, case_ids: Iterable[int]) -> dict[int, NextDue]:
    """Earliest open tracked deadline per case and what it is for (two queries for a page of cases).

    The name matters once a case has moved on: an executed case can still be overdue for its
    publication, and the date alone would not say so.
    """
    content_type = ContentType.objects.get_for_model(PenaltyCase)
    rows = TrackedDeadline.objects.filter(
        target_type=content_type, target_id__in=[str(pk) for pk in case_ids], status=TrackedDeadlineStatus.OPEN
    ).values_list("target_id", "due", "rule_code", "provisional")
    earliest: dict[int, tuple[date, str, bool]] = {}
    for target_id, due, rule_code, provisional in rows:
        key = int(target_id)
        if key not in earliest or (due, rule_code) < earliest[key][:2]:
            earliest[key] = (due, rule_code, provisional)
    names = deadline_rule_names(codes=(code for _, code, _ in earliest.values()))
    return {key: NextDue(due, names.get(code, code), provisional) for key, (due, code, provisional) in earliest.items()}


def review_corrections() -> list[tuple[PenaltyCase, CaseEvent]]:
    """Decisions a reconsideration or a court changed (以案促改 feedback that recorded a change kind, see
    services.penalty_case_record_review_outcome), each with its latest such feedback event, oldest first."""
    events = (
        CaseEvent.objects.filter(type=CaseEventType.DECISION_REVOKED, parameters__has_key="change_kind")
        .select_related("case")
        .order_by("on", "pk")
    )
    found: dict[int, tuple[PenaltyCase, CaseEvent]] = {}
    for event in events:
        found[event.case_id] = (event.case, event)
    return list(found.values())


def case_decision_content(*, case: PenaltyCase) -> DecisionContent:
    """The penalty the case's decision imposes now (as changed by a recorded 变更, if any)."""
    return DecisionContent(tuple(case.penalty_types), case.fine_amount, case.confiscation_value)


def case_decision_as_made(*, case: PenaltyCase) -> DecisionContent:
    """The penalty as the decision was made, whatever 变更 followed (no query).

    Read from the decided_* columns, which services.case_decide (and the 当场处罚 and the bulk import)
    set with the decision and which services.decision_change_apply never touches; the 决定书 and the
    案卷评查 reproduce the decision from here. Cases decided before the columns were filled by
    migration 0008 (from the first 变更's timeline parameters, else from the case's content).
    """
    return DecisionContent(tuple(case.decided_penalty_types), case.decided_fine_amount, case.decided_confiscation_value)


def case_discretion_bands(*, case: PenaltyCase, on: date) -> list[tuple[Decimal | None, Decimal | None]]:
    """The fine bands (fine_min, fine_max) of the case's power item's discretion standard in force on `on`."""
    if case.power_item is None:
        return []
    return [
        (s.fine_min, s.fine_max) for s in powers_selectors.discretion_standards_for(power_item=case.power_item, on=on)
    ]


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
    due_what: str = ""  # which deadline `due` is (cases only)
    due_provisional: bool = False  # `due` counted without the year's holiday data (NextDue.provisional)


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
    items = []
    for c in cases:
        next_due = dues.get(c.pk)
        due = next_due.due if next_due else None
        items.append(
            WorkItem(
                "case",
                c.pk,
                f"{c.party_name}：{c.cause}",
                c.status,
                str(c.get_status_display()),
                due,
                rules.deadline_urgency(due=due, today=today),
                due_what=next_due.what if next_due else "",
                due_provisional=next_due.provisional if next_due else False,
            )
        )
    items.sort(key=lambda item: (item.due is None, item.due or date.max, item.id))
    inspections = (
        inspection_list_visible_to(user=user).filter(officers__in=posts).distinct().order_by("-occurred_on", "-pk")
    )[:limit]
    items += [
        WorkItem(
            "inspection",
            i.pk,
            f"{i.party_name}（{format_date_zh(i.occurred_on)}）",
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
        raise refuse_check(
            f"执法人员不存在或不属于{unit.name}：{'、'.join(map(str, missing))}",
            code="penalty.officer_not_in_unit",
            rule=OFFICER_IN_UNIT,
            article="第四十二条",
            fields={"officer_ids": [str(pk) for pk in missing]},
        )
    return officers


def unit_officers_visible_to(*, user: AnyUser, unit: OrgUnit) -> list[Officer]:
    """The unit's active officers the user may see: the choices of every record form's officer picker."""
    return list(officer_list_visible_to(user=user).filter(unit=unit, is_active=True))


def officer_verdicts(*, officers: Iterable[Officer], on: date, unit: OrgUnit) -> list[rules.OfficerVerdict]:
    """Each officer's certificate verdict for an act of `unit` on `on` (orgs decides validity)."""
    officers = list(officers)
    validity = officers_certificate_validity(officers=officers, on=on, unit=unit)
    return [
        rules.OfficerVerdict(officer.pk, officer.person.name, validity[officer.pk].ok, validity[officer.pk].reason)
        for officer in officers
    ]


def check_items_for_unit(*, unit: OrgUnit, codes: Iterable[str]) -> list[CheckItem]:
    """Check items by code from the unit's own list or a list above it (a district-wide list)."""
    wanted = sorted(set(codes))
    if not wanted:  # most inspections name no check item: skip building a query that matches nothing
        return []
    found = powers_selectors.check_items_by_code(codes=wanted)
    usable = [item for code, item in found.items() if unit.path.startswith(item.owner_unit.path)]
    missing = sorted(set(wanted) - {item.code for item in usable})
    if missing:
        raise refuse_check(
            f"检查事项不存在或不属于本单位检查清单：{'、'.join(missing)}",
            code="inspection.check_item_unknown",
            rule=CHECK_ITEM_LISTED,
            fields={"check_items": missing},
        )
    return usable


def power_item_for_unit(*, unit: OrgUnit, code: str) -> PowerItem:
    item = powers_selectors.power_items_by_code(codes=[code]).get(code)
    if item is None or not unit.path.startswith(item.owner_unit.path):
        raise refuse_check(
            f"权责事项“{code}”不存在或不属于本单位权责清单",
            code="penalty.power_item_unknown",
            rule="权责事项列入本单位权责清单",
            fields={"power_item": [code]},
        )
    return item


def _sector_codes(unit: OrgUnit) -> list[str]:
    return sorted(unit.domains.values_list("code", flat=True))


def _in_force(on: date) -> Q:
    return Q(effective_from__lte=on) & (Q(effective_to__isnull=True) | Q(effective_to__gte=on))


def penalty_threshold_versions() -> QuerySet[PenaltyThresholdVersion]:
    """Every 较大数额 row (all sectors, all periods), for the configuration pages and the admin."""
    return PenaltyThresholdVersion.objects.order_by("sector", "party_kind", "effective_from", "pk")


def sector_decision_rules() -> QuerySet[SectorDecisionRule]:
    """Every sector → decision-period rule assignment, for the configuration pages and the admin."""
    return SectorDecisionRule.objects.order_by("sector", "effective_from", "pk")


def hearing_threshold_for_unit(*, unit: OrgUnit, on: date, party_kind: str | None = None) -> HearingThreshold:
    """The 较大数额 (Art. 63) for the unit's enforcement domains in force on `on` (the act's date).

    Read from PenaltyThresholdVersion rows (data, admin-edited): per party kind, the first of the
    unit's domain codes (sorted) with a row in force, else the default sector "*". With
    `party_kind`, the citation and the confirmed flag are those of that kind's row.
    """
    rows = list(PenaltyThresholdVersion.objects.filter(_in_force(on)).order_by("-effective_from", "-pk"))
    order = [*_sector_codes(unit), DEFAULT_SECTOR]
    chosen: dict[str, PenaltyThresholdVersion] = {}
    for kind in (PartyKind.PERSON, PartyKind.ORGANISATION):
        for sector in order:
            match = next((r for r in rows if r.sector == sector and r.party_kind == kind), None)
            if match is not None:
                chosen[kind] = match
                break
    if len(chosen) < 2:
        raise refuse(
            "未配置听证“较大数额”标准，无法判断当事人是否有权要求听证",
            code="penalty.hearing_threshold_missing",
            article="第六十三条第一款第一项",
        )
    basis = chosen[party_kind] if party_kind in chosen else chosen[PartyKind.ORGANISATION]
    return HearingThreshold(
        sector=basis.sector,
        person_min=chosen[PartyKind.PERSON].amount,
        organisation_min=chosen[PartyKind.ORGANISATION].amount,
        legal_basis=basis.legal_basis,
        confirmed=basis.confirmed,
        effective_from=basis.effective_from,
        note=basis.note,
    )


def decision_period_rule_code_for_unit(*, unit: OrgUnit, on: date | None = None) -> str:
    """The deadline rule code of the unit's decision period on `on` (default today): its sector's rule, else Art. 60's.

    Read from SectorDecisionRule rows in force on `on` whose rule exists in core.deadlines.
    """
    day = on or timezone.localdate()
    sectors = _sector_codes(unit)
    rows = list(SectorDecisionRule.objects.filter(_in_force(day), sector__in=sectors).order_by("-effective_from"))
    installed = set(deadline_rule_names(codes=[r.rule_code for r in rows]))
    for sector in sectors:
        for row in rows:
            if row.sector == sector and row.rule_code in installed:
                return row.rule_code
    return STATUTORY_DECISION_RULE


def case_recusals(*, case: PenaltyCase) -> QuerySet[Recusal]:
    return Recusal.objects.filter(case=case).select_related("officer__person").order_by("declared_on", "pk")


def case_recusal_facts(*, case: PenaltyCase) -> list[execution_rules.RecusalFact]:
    """The declared conflicts of the case as the pure Art. 43 rule reads them."""
    return [
        execution_rules.RecusalFact(officer_id, source, status)
        for officer_id, source, status in Recusal.objects.filter(case=case).values_list(
            "officer_id", "source", "status"
        )
    ]


def case_assignable_officers(*, case: PenaltyCase, on: date) -> list[Officer]:
    """The officers who may be assigned to the case on `on` (Art. 42, 43).

    Active officers of the case's unit (or a unit under it, as officers_for_unit accepts) whose
    certificate is valid for the unit's act on `on`, less those barred by a recusal in the case.
    """
    officers = list(
        Officer.objects.filter(unit__path__startswith=case.unit.path, is_active=True)
        .select_related("person", "unit")
        .order_by("unit__path", "pk")
    )
    certified = {v.officer_id for v in officer_verdicts(officers=officers, on=on, unit=case.unit) if v.ok}
    barred = {fact.officer_id for fact in case_recusal_facts(case=case) if execution_rules.officer_is_barred(fact)}
    return [officer for officer in officers if officer.pk in certified and officer.pk not in barred]


def case_pending_recusals(*, case: PenaltyCase) -> QuerySet[Recusal]:
    """The case's recusals still waiting for the head's decision (Art. 43(3))."""
    return case_recusals(case=case).filter(status=RecusalStatus.PENDING)


def case_preservations(*, case: PenaltyCase) -> QuerySet[EvidencePreservation]:
    return EvidencePreservation.objects.filter(case=case).order_by("registered_on", "pk")


def case_undecided_preservations(*, case: PenaltyCase) -> QuerySet[EvidencePreservation]:
    """The case's 先行登记保存 without a 处理决定 yet (Art. 56)."""
    return case_preservations(case=case).filter(decided_on__isnull=True)


def preservation_get_for_user(*, user: AnyUser, preservation_id: int, action: str = "edit") -> EvidencePreservation:
    cases = penalty_case_list_visible_to(user=user, action=action).values("pk")
    preservation = EvidencePreservation.objects.filter(pk=preservation_id, case__in=cases).first()
    if preservation is None:
        raise NotFound("先行登记保存记录不存在或无权访问。", code="preservation.not_found")
    return preservation


def recusal_get_for_user(*, user: AnyUser, recusal_id: int, action: str = "edit") -> Recusal:
    cases = penalty_case_list_visible_to(user=user, action=action).values("pk")
    recusal = Recusal.objects.filter(pk=recusal_id, case__in=cases).first()
    if recusal is None:
        raise NotFound("回避记录不存在或无权访问。", code="recusal.not_found")
    return recusal


def tracked_deadlines_for(*, target: Any) -> QuerySet[TrackedDeadline]:
    content_type = ContentType.objects.get_for_model(type(target))
    return TrackedDeadline.objects.filter(target_type=content_type, target_id=str(target.pk)).order_by("due", "pk")


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


def case_instalment_plan_active(*, case: PenaltyCase) -> bool:
    """Does an approved instalment plan govern the case's payment (not ended by a 变更)?"""
    return instalment_rules.plan_active(
        arrangement=case.payment_arrangement,
        ended_on=case.payment_arrangement_ended_on,
        instalment_count=len(case.payment_instalments),
    )


def case_instalments_unpaid(*, case: PenaltyCase) -> list[execution_rules.Instalment]:
    """The instalments of the plan in force not paid yet (empty without one)."""
    if not case_instalment_plan_active(case=case):
        return []
    plan = execution_rules.instalments_from_json(case.payment_instalments)
    return [plan[n] for n in instalment_rules.unpaid(plan)]


def case_fine_outstanding(*, case: PenaltyCase) -> Decimal:
    """The fine (as changed by a 变更, if any) still to pay: less what was paid by instalment; 0 once paid."""
    if case.paid_on is not None:
        return Decimal(0)
    return max(case.fine_amount - case.fine_paid_in_part, Decimal(0))


def surcharge_now(*, case: PenaltyCase, on: date) -> rules.Surcharge | None:
    """The 加处罚款 owed on `on` (None when no fine is payable); per unpaid instalment under an Art. 66 plan.

    None too once the decision was revoked or confirmed void: no fine is owed under it any more. After
    a 变更 ended the plan, it runs on what is still owed (the changed fine less the instalments paid)
    from the new payment deadline.
    """
    outstanding = case_fine_outstanding(case=case)
    if case.payment_due is None or outstanding <= Decimal(0):
        return None
    if execution_rules.decision_set_aside(case.decision_change_kind):
        return None
    if case_instalment_plan_active(case=case):
        return execution_rules.instalment_surcharge(
            instalments=execution_rules.instalments_from_json(case.payment_instalments), on=on
        )
    pauses = [
        (date.fromisoformat(p["first"]), date.fromisoformat(p["last"]) if p.get("last") else None)
        for p in case.surcharge_pauses
    ]
    return rules.late_payment_surcharge(fine=outstanding, payment_due=case.payment_due, on=on, pauses=pauses)


@dataclass(frozen=True, slots=True)
class PaymentStatus:
    """What the party owes now, for the case page's 缴纳与执行 and the API (no query)."""

    fine: Decimal  # the fine in force (as changed by a 变更)
    paid_in_part: Decimal  # paid by instalment so far (without 加处罚款)
    outstanding: Decimal  # still to pay (0 once paid)
    due: date | None  # the payment deadline (the next instalment's date under a plan)
    plan_active: bool  # an approved instalment plan governs the payment
    plan_ended_on: date | None  # a 变更 ended the plan on this date (rules.instalments)
    instalments: list[execution_rules.Instalment]  # the plan as approved, paid ones with their date
    surcharge: rules.Surcharge | None


def case_payment_status(*, case: PenaltyCase, on: date) -> PaymentStatus:
    """The case's payment on `on`: the fine in force, paid by instalment, still owed, the plan and its state."""
    return PaymentStatus(
        fine=case.fine_amount,
        paid_in_part=case.fine_paid_in_part,
        outstanding=case_fine_outstanding(case=case),
        due=case.payment_due,
        plan_active=case_instalment_plan_active(case=case),
        plan_ended_on=case.payment_arrangement_ended_on,
        instalments=execution_rules.instalments_from_json(case.payment_instalments),
        surcharge=surcharge_now(case=case, on=on) if case.paid_on is None else None,
    )


# --- publications ----------------------------------------------------------------------------------


def publication_list_visible_to(*, user: AnyUser) -> QuerySet[Publication]:
    return _scoped(Publication.objects.all(), user=user, action="view").select_related("unit", "case")


def publication_get_for_user(*, user: AnyUser, publication_id: int, action: str = "view") -> Publication:
    publication = _scoped(Publication.objects.all(), user=user, action=action).filter(pk=publication_id).first()
    if publication is None:
        raise NotFound("公示记录不存在或无权访问。", code="publication.not_found")
    return publication


def _case_live_publications(case: PenaltyCase) -> QuerySet[Publication]:
    return Publication.objects.filter(case=case, status=PublicationStatus.PUBLISHED)


def case_live_publications(*, case: PenaltyCase) -> list[Publication]:
    """The case's publications still on the public portal (to withdraw when its decision changes)."""
    return list(_case_live_publications(case).order_by("pk"))


def case_has_live_publication(*, case: PenaltyCase) -> bool:
    """Is a publication of the case's decision still on the public portal (Art. 48(2): to withdraw)?"""
    return _case_live_publications(case).exists()


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
