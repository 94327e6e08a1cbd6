"""All reads of reconsideration cases, letters and alerts, scoped by the asking user.

Scope rule (as fazhi.orgs.selectors): a role over a unit covers the unit and its subtree.
- cases and letters: 复议工作人员 (view + edit) and 执法监督人员 (view) over the 复议机关;
- alerts (纠错提醒): additionally every role of the unit whose act was corrected (以案促改);
- contested acts: a 复议工作人员 may link any penalty case or inspection of a unit under its 复议机关
  (the enforcement selectors scope by enforcement roles, which a 复议机关 does not hold).
Single-object reads raise the same NotFound for "missing" and "not yours" (STYLE §8).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from fazhi.core.deadlines.choices import TrackedDeadlineStatus
from fazhi.core.deadlines.models import TrackedDeadline
from fazhi.core.deadlines.selectors import deadline_rule_names
from fazhi.core.errors import Forbidden, NotFound
from fazhi.enforcement import selectors as enforcement_selectors
from fazhi.enforcement.models import Inspection, PenaltyCase
from fazhi.orgs.choices import Role
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.selectors import AnyUser, org_unit_document_prefix, user_holds_any_role, user_role_grants
from fazhi.reconsideration import rules
from fazhi.reconsideration.choices import OPEN_STATUSES, CaseStatus, Category
from fazhi.reconsideration.models import CaseEvent, Hearing, Letter, ReconsiderationCase, ReviewAlert
from fazhi.reconsideration.rules.procedure import SimplifiedEligibility

ROLES_BY_ACTION: dict[str, frozenset[Role]] = {
    "view": frozenset({Role.RECONSIDERATION_OFFICER, Role.SUPERVISOR}),
    "edit": frozenset({Role.RECONSIDERATION_OFFICER}),
}
ALERT_ROLES = frozenset(Role) - {Role.SYSTEM_ADMIN}


def _scope(*, user: AnyUser, roles: frozenset[Role], path_field: str) -> Q | None:
    if getattr(user, "is_superuser", False):
        return None
    query = Q(pk__in=[])
    for grant in user_role_grants(user=user):
        if grant.role in roles:
            query |= Q(**{f"{path_field}__startswith": grant.unit_path})
    return query


def _scoped(queryset: QuerySet[Any], *, user: AnyUser, roles: frozenset[Role], path_field: str) -> QuerySet[Any]:
    scope = _scope(user=user, roles=roles, path_field=path_field)
    return queryset if scope is None else queryset.filter(scope)


# --- cases ---------------------------------------------------------------------------------------------


def case_list_visible_to(
    *,
    user: AnyUser,
    action: str = "view",
    status: str | None = None,
    query: str = "",
    open_only: bool = False,
) -> QuerySet[ReconsiderationCase]:
    cases = _scoped(
        ReconsiderationCase.objects.all(), user=user, roles=ROLES_BY_ACTION[action], path_field="authority__path"
    ).select_related("authority", "respondent")
    if status:
        cases = cases.filter(status=status)
    if open_only:
        cases = cases.filter(status__in=OPEN_STATUSES)
    if query:
        cases = cases.filter(Q(number__contains=query) | Q(applicant_name__contains=query))
    return cases


CASE_VIEW_REFUSAL = "只有复议工作人员和执法监督人员可以查看行政复议案件。"


def user_can_view_cases(*, user: AnyUser) -> bool:
    """True when a role of the user shows cases (ROLES_BY_ACTION["view"]); for anyone else
    case_list_visible_to is empty by rule, whatever cases exist: the respondent's own staff (officers,
    unit admins) see the 纠错提醒 of their unit, not the cases against it."""
    return user_holds_any_role(user=user, roles=ROLES_BY_ACTION["view"])


def case_viewer_required(*, user: AnyUser) -> None:
    """Refuse (403) the case list, page and API, to a user whose roles never show a case."""
    if not user_can_view_cases(user=user):
        raise Forbidden(CASE_VIEW_REFUSAL, code="reconsideration.case_view_forbidden")


def case_get_for_user(*, user: AnyUser, case_id: int, action: str = "view") -> ReconsiderationCase:
    case = case_list_visible_to(user=user, action=action).filter(pk=case_id).first()
    if case is None:
        raise NotFound("行政复议案件不存在或无权访问。", code="reconsideration.case_not_found")
    return case


def case_get_by_number_for_user(*, user: AnyUser, number: str, action: str = "view") -> ReconsiderationCase:
    """The case with this 案号 (e.g. 测府复〔2026〕1号), if the user may see it; the same 404 otherwise."""
    number = number.strip()
    case = case_list_visible_to(user=user, action=action).filter(number=number).first() if number else None
    if case is None:
        raise NotFound(f"行政复议案件“{number}”不存在或无权访问。", code="reconsideration.case_not_found")
    return case


def case_get_public(*, token: str) -> ReconsiderationCase:
    """The applicant's own view by the query code printed on the receipt (no login)."""
    case = ReconsiderationCase.objects.select_related("authority", "respondent").filter(public_token=token).first()
    if not token or case is None:
        raise NotFound("查询码无效。", code="reconsideration.case_not_found")
    return case


def case_hearing_get(*, case: ReconsiderationCase, hearing_id: int) -> Hearing:
    """The case's hearing with this id; another case's, or none, is a 404."""
    hearing = case.hearings.filter(pk=hearing_id).first()
    if hearing is None:
        raise NotFound("该听证不存在。", code="reconsideration.hearing_not_found")
    return hearing


def case_open_hearing(*, case: ReconsiderationCase) -> Hearing | None:
    """The hearing scheduled and not yet recorded as held, the one 登记听证举行 is about."""
    return case.hearings.filter(held=False).first()


def case_events(*, case: ReconsiderationCase) -> QuerySet[CaseEvent]:
    return CaseEvent.objects.filter(case=case).order_by("occurred_at", "pk")


def case_tracked_deadlines(*, case: ReconsiderationCase) -> QuerySet[TrackedDeadline]:
    return TrackedDeadline.objects.filter(
        target_type=ContentType.objects.get_for_model(ReconsiderationCase), target_id=str(case.pk)
    ).order_by("start", "pk")


@dataclass(frozen=True)
class NamedDeadline:
    """A tracked deadline of the case with its rule's Chinese name (the page shows the name, not the code)."""

    deadline: TrackedDeadline
    name: str


def case_deadlines_named(*, case: ReconsiderationCase) -> list[NamedDeadline]:
    deadlines = list(case_tracked_deadlines(case=case))
    names = deadline_rule_names(codes=[d.rule_code for d in deadlines])
    return [NamedDeadline(d, names.get(d.rule_code, d.rule_code)) for d in deadlines]


def case_open_deadline(*, case: ReconsiderationCase, rule_code: str) -> TrackedDeadline | None:
    return (
        case_tracked_deadlines(case=case)
        .filter(rule_code=rule_code, status=TrackedDeadlineStatus.OPEN)
        .order_by("-pk")
        .first()
    )


def case_allowed_actions(*, case: ReconsiderationCase) -> list[str]:
    return [action.code for action in rules.procedure.allowed_actions(status=case.status)]


def case_simplified_eligibility(*, case: ReconsiderationCase) -> SimplifiedEligibility:
    """The Art. 53 suggestion shown on the acceptance form."""
    return rules.procedure.simplified_eligibility(
        facts_clear=case.facts_clear,
        on_the_spot=case.on_the_spot,
        warning_or_criticism=case.warning_or_criticism,
        amount=case.amount_involved,
        disclosure=case.category == Category.DISCLOSURE,
        parties_consent=case.parties_consent_simplified,
    )


@dataclass(frozen=True, slots=True)
class CaseChecks:
    """What the case page shows beside the actions: requirements and what is still missing."""

    hearing: rules.procedure.HearingRequirement
    committee_reasons: list[str]
    hearing_held: bool
    gates: rules.decision.DecisionGates
    simplified: SimplifiedEligibility
    # None when no decision is pending (not yet accepted, or already ended).
    reply: rules.decision.ReplyStage | None

    @property
    def missing_before_decision(self) -> list[str]:
        reply = [self.reply.missing] if self.reply is not None and not self.reply.ready else []
        return reply + list(self.gates.missing)


def case_reply_stage(*, case: ReconsiderationCase, on: date) -> rules.decision.ReplyStage:
    """Whether the respondent has been heard (copy sent, reply in or its period over) by `on`."""
    return rules.decision.reply_stage(
        procedure=case.procedure,
        copy_sent_on=case.copy_sent_on,
        reply_received_on=case.reply_received_on,
        reply_due=case.reply_due,
        on=on,
    )


def case_checks(*, case: ReconsiderationCase, on: date) -> CaseChecks:
    """The requirements of the case and what is still missing before a decision dated `on`."""
    hearing = rules.procedure.hearing_requirement(
        major_or_complex=case.major_or_complex, applicant_requested=case.hearing_requested
    )
    committee = rules.procedure.committee_reasons(
        major_or_complex=case.major_or_complex,
        technical=case.technical,
        provincial_own_act=case.provincial_own_act,
        deemed_necessary=case.committee_deemed_necessary,
    )
    held = case.hearings.filter(held=True).exists()
    gates = rules.decision.decision_gates(
        hearing_mandatory=hearing.mandatory,
        hearing_requested=hearing.requested,
        hearing_held=held,
        hearing_declined_reason=case.hearing_declined_reason,
        committee_required=bool(committee),
        committee_consulted=case.committee_consulted_on is not None,
    )
    pending = case.status in {CaseStatus.ACCEPTED, CaseStatus.SUSPENDED}
    reply = case_reply_stage(case=case, on=on) if pending else None
    return CaseChecks(hearing, committee, held, gates, case_simplified_eligibility(case=case), reply)


@dataclass(frozen=True, slots=True)
class ContestedPenaltyCase:
    """The penalty case a reconsideration case contests, as its page names and links it."""

    case_id: int
    number: str  # 案件编号, as the enforcement pages and documents print it
    viewable: bool  # whether the asking user may open enforcement's own case page


def contested_penalty_case_for(*, user: AnyUser, case: ReconsiderationCase) -> ContestedPenaltyCase | None:
    """The linked penalty case by its number, and whether the user may open its enforcement page.

    A 复议工作人员 holds no enforcement role, so enforcement's page would answer 404 for them; the
    enforcement selector decides, and the page links to its own copy of the timeline instead.
    """
    if case.penalty_case_id is None:
        return None
    penalty = case.penalty_case
    viewable = enforcement_selectors.penalty_case_list_visible_to(user=user).filter(pk=penalty.pk).exists()
    return ContestedPenaltyCase(case_id=penalty.pk, number=penalty.number or f"第{penalty.pk}号", viewable=viewable)


@dataclass(frozen=True, slots=True)
class PenaltyTimelineEntry:
    """One line of the linked penalty case's timeline: its date and one "事项：内容" text."""

    on: date | None
    text: str


def case_changed_penalty(*, case: ReconsiderationCase) -> str:
    """The penalty as the decision changed it (Art. 63), as a sentence names it (警告、罚款3000元); "" for none."""
    changed = rules.penalty_change.content_from_record(case)
    return rules.penalty_change.content_text(changed) if changed is not None else ""


def contested_case_timeline(*, case: ReconsiderationCase) -> list[PenaltyTimelineEntry]:
    """The linked penalty case's own timeline (enforcement's 全过程记录), for the 以案促改 panel.

    Some enforcement messages already begin with their event's name ("登记证据：现场照片"); the name is
    put in front only when the message does not, so the line never reads "登记证据：登记证据：…".
    """
    if case.penalty_case_id is None:
        return []
    entries = []
    for event in enforcement_selectors.case_events(case=case.penalty_case):
        label, message = str(event.get_type_display()), event.message
        text = message if message.startswith(label) else f"{label}：{message}" if message else label
        entries.append(PenaltyTimelineEntry(on=event.on, text=text))
    return entries


# --- what an officer may pick ------------------------------------------------------------------------------


def authority_document_prefix(*, authority: OrgUnit) -> str:
    """The 机关代字 of the 复议机关's 文号: the unit's recorded 代字, else (as before) its short name or code."""
    return org_unit_document_prefix(unit=authority) or authority.short_name or authority.code


def authority_list_for_user(*, user: AnyUser) -> QuerySet[OrgUnit]:
    """The units for which the user handles reconsideration (the units of their 复议工作人员 grants)."""
    if getattr(user, "is_superuser", False):
        return OrgUnit.objects.filter(kind="government").order_by("path")
    ids = [g.unit_id for g in user_role_grants(user=user) if g.role == Role.RECONSIDERATION_OFFICER]
    return OrgUnit.objects.filter(pk__in=ids).order_by("path")


def respondent_list_for_user(*, user: AnyUser) -> QuerySet[OrgUnit]:
    """Units that can be respondents before the user's 复议机关: the authorities' subtrees."""
    return _scoped(
        OrgUnit.objects.filter(is_active=True), user=user, roles=ROLES_BY_ACTION["edit"], path_field="path"
    ).order_by("path")


def respondent_get_for_user(*, user: AnyUser, code: str) -> OrgUnit:
    unit = respondent_list_for_user(user=user).filter(code=code).first()
    if unit is None:
        raise NotFound(f"被申请人“{code}”不存在或不属于本复议机关管辖。", code="reconsideration.respondent_not_found")
    return unit


def authority_get_for_user(*, user: AnyUser, code: str) -> OrgUnit:
    unit = authority_list_for_user(user=user).filter(code=code).first()
    if unit is None:
        raise NotFound(f"复议机关“{code}”不存在或无权办理。", code="reconsideration.authority_not_found")
    return unit


def contested_penalty_case_get(*, user: AnyUser, case_id: int) -> PenaltyCase:
    """A penalty case of a unit under one of the user's 复议机关 (to link as the contested act)."""
    found = (
        _scoped(
            PenaltyCase.objects.select_related("unit"),
            user=user,
            roles=ROLES_BY_ACTION["edit"],
            path_field="unit__path",
        )
        .filter(pk=case_id)
        .first()
    )
    if found is None:
        raise NotFound("行政处罚案件不存在或不属于本复议机关管辖。", code="reconsideration.penalty_case_not_found")
    return found


def contested_inspection_get(*, user: AnyUser, inspection_id: int) -> Inspection:
    found = (
        _scoped(
            Inspection.objects.select_related("unit"), user=user, roles=ROLES_BY_ACTION["edit"], path_field="unit__path"
        )
        .filter(pk=inspection_id)
        .first()
    )
    if found is None:
        raise NotFound("行政检查记录不存在或不属于本复议机关管辖。", code="reconsideration.inspection_not_found")
    return found


def public_authority_list() -> QuerySet[OrgUnit]:
    """复议机关 offered on the public form: every active government (县级以上人民政府, Art. 24)."""
    return OrgUnit.objects.filter(kind="government", is_active=True).order_by("path")


def public_respondent_list(*, authority: OrgUnit) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(path__startswith=authority.path, is_active=True).exclude(pk=authority.pk)


def public_respondent_get(*, authority: OrgUnit, code: str) -> OrgUnit | None:
    """The respondent of that code on the public form's list, or None (it may have left the list since)."""
    return public_respondent_list(authority=authority).filter(code=code).first()


# --- deadlines due (workbench, 视为受理 job) ----------------------------------------------------------------


def cases_due_for_deemed_acceptance(*, today: date) -> QuerySet[ReconsiderationCase]:
    """Cases whose 5-day acceptance review ran out without a refusal (Art. 30(3))."""
    return ReconsiderationCase.objects.filter(status=CaseStatus.RECEIVED, acceptance_due__lt=today)


@dataclass(frozen=True, slots=True)
class WorkItem:
    case: ReconsiderationCase
    what: str
    due: date
    overdue: bool


def workbench_items(*, user: AnyUser, today: date, limit: int = 200) -> list[WorkItem]:
    """The next statutory step of every open case, most urgent first."""
    items = []
    for case in case_list_visible_to(user=user, open_only=True)[:limit]:
        for what, due in _next_steps(case):
            items.append(WorkItem(case, what, due, due < today))
    return sorted(items, key=lambda item: (item.due, item.case.pk))


def _next_steps(case: ReconsiderationCase) -> list[tuple[str, date]]:
    steps: list[tuple[str, date]] = []
    if case.status == CaseStatus.RECEIVED and case.acceptance_due:
        steps.append(("受理审查", case.acceptance_due))
    if case.status == CaseStatus.AWAITING_CORRECTION and case.correction_due:
        steps.append(("补正期限", case.correction_due))
    if case.status == CaseStatus.ACCEPTED:
        if case.copy_sent_on is None and case.copy_due:
            steps.append(("发送申请书副本", case.copy_due))
        elif case.reply_received_on is None and case.reply_due:
            steps.append(("被申请人答复", case.reply_due))
        if case.decision_due:
            steps.append(("作出决定", case.decision_due))
    return steps


# --- letters and alerts -------------------------------------------------------------------------------------


def letter_list_visible_to(*, user: AnyUser) -> QuerySet[Letter]:
    return _scoped(
        Letter.objects.select_related("case", "recipient"),
        user=user, roles=ROLES_BY_ACTION["view"], path_field="case__authority__path",
    )  # fmt: skip


def letter_get_for_user(*, user: AnyUser, letter_id: int, action: str = "view") -> Letter:
    letter = _scoped(
        Letter.objects.select_related("case", "recipient"),
        user=user, roles=ROLES_BY_ACTION[action], path_field="case__authority__path",
    ).filter(pk=letter_id).first()  # fmt: skip
    if letter is None:
        raise NotFound("意见书/建议书不存在或无权访问。", code="reconsideration.letter_not_found")
    return letter


def review_alert_list_visible_to(*, user: AnyUser, unit: OrgUnit | None = None) -> QuerySet[ReviewAlert]:
    """纠错提醒 of the units under any of the user's roles (the unit's own staff, supervisors, 复议机关)."""
    alerts = _scoped(
        ReviewAlert.objects.select_related("unit", "penalty_case"),
        user=user,
        roles=ALERT_ROLES,
        path_field="unit__path",
    )
    if unit is not None:
        alerts = alerts.filter(unit__path__startswith=unit.path)
    return alerts.order_by("-raised_on", "-pk")


def review_alert_get_for_user(*, user: AnyUser, alert_id: int) -> ReviewAlert:
    alert = review_alert_list_visible_to(user=user).filter(pk=alert_id).first()
    if alert is None:
        raise NotFound("纠错提醒不存在或无权访问。", code="reconsideration.alert_not_found")
    return alert


def review_alerts_for_penalty_case(*, penalty_case_id: int) -> QuerySet[ReviewAlert]:
    return ReviewAlert.objects.filter(penalty_case_id=penalty_case_id).order_by("raised_on", "pk")


def statistics_unit_for_user(*, user: AnyUser, code: str | None) -> OrgUnit | None:
    """The unit whose statistics the user asked for (default: the unit of their first view grant).

    None means "every unit" and is returned to superusers only; others get NotFound outside their scope.
    """
    grants = [g for g in user_role_grants(user=user) if g.role in ROLES_BY_ACTION["view"]]
    if code:
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is not None and (
            getattr(user, "is_superuser", False) or any(unit.path.startswith(g.unit_path) for g in grants)
        ):
            return unit
        raise NotFound(f"单位“{code}”不存在或无权访问。", code="reconsideration.unit_not_found")
    if getattr(user, "is_superuser", False):
        return None
    if not grants:
        raise NotFound("没有可查看的统计范围。", code="reconsideration.unit_not_found")
    return OrgUnit.objects.get(pk=grants[0].unit_id)
