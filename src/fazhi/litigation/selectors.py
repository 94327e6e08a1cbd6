"""Reads of litigation cases, scoped by the asking user (as fazhi.reconsideration.selectors).

- view: 复议工作人员 and 执法监督人员 over the responsible unit or any defendant unit;
- edit: 复议工作人员 over the responsible unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet

from fazhi.core.calendars.rules import WorkingDayCalendar
from fazhi.core.calendars.selectors import working_calendar
from fazhi.core.deadlines.rules import RuleParams
from fazhi.core.deadlines.selectors import deadline_params_on
from fazhi.core.errors import DomainError, Forbidden, NotFound
from fazhi.litigation import rules
from fazhi.litigation.models import CaseEvent, CourtHearing, LitigationCase
from fazhi.orgs.choices import Role
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.selectors import AnyUser, user_holds_any_role, user_role_grants
from fazhi.reconsideration.rules import penalty_change

ROLES_BY_ACTION = {
    "view": frozenset({Role.RECONSIDERATION_OFFICER, Role.SUPERVISOR}),
    "edit": frozenset({Role.RECONSIDERATION_OFFICER}),
}


def _scope(*, user: AnyUser, action: str) -> Q | None:
    if getattr(user, "is_superuser", False):
        return None
    query = Q(pk__in=[])
    for grant in user_role_grants(user=user):
        if grant.role in ROLES_BY_ACTION[action]:
            query |= Q(responsible_unit__path__startswith=grant.unit_path)
            if action == "view":
                query |= Q(defendants__unit__path__startswith=grant.unit_path)
    return query


def case_list_visible_to(*, user: AnyUser, action: str = "view", query: str = "") -> QuerySet[LitigationCase]:
    scope = _scope(user=user, action=action)
    ids = LitigationCase.objects.all() if scope is None else LitigationCase.objects.filter(scope)
    cases = LitigationCase.objects.filter(pk__in=ids.values("pk")).select_related(
        "responsible_unit", "reconsideration_case"
    )
    if query:
        cases = cases.filter(Q(case_number__contains=query) | Q(plaintiff_name__contains=query))
    hearings = Prefetch("hearings", queryset=CourtHearing.objects.order_by("held_on", "pk"))
    return cases.prefetch_related("defendants__unit", hearings).order_by("-filed_on", "-pk")


CASE_VIEW_REFUSAL = "只有复议（应诉）工作人员和执法监督人员可以查看行政应诉案件。"


def user_can_view_cases(*, user: AnyUser) -> bool:
    """True when a role of the user shows cases (ROLES_BY_ACTION["view"]); for anyone else
    case_list_visible_to is empty by rule: a defendant unit's own staff do not see the suits against it."""
    return user_holds_any_role(user=user, roles=ROLES_BY_ACTION["view"])


def case_viewer_required(*, user: AnyUser) -> None:
    """Refuse (403) the case list, page and API, to a user whose roles never show a case."""
    if not user_can_view_cases(user=user):
        raise Forbidden(CASE_VIEW_REFUSAL, code="litigation.case_view_forbidden")


def case_get_for_user(*, user: AnyUser, case_id: int, action: str = "view") -> LitigationCase:
    case = case_list_visible_to(user=user, action=action).filter(pk=case_id).first()
    if case is None:
        raise NotFound("行政应诉案件不存在或无权访问。", code="litigation.case_not_found")
    return case


def case_changed_penalty(*, case: LitigationCase) -> str:
    """The penalty as a 判决变更 changed it (行政诉讼法 Art. 77), as a sentence names it; "" for none."""
    changed = penalty_change.content_from_record(case)
    return penalty_change.content_text(changed) if changed is not None else ""


def case_suit_period(*, case: LitigationCase) -> rules.SuitPeriod | None:
    """The 起诉期限 of a suit after 复议 (行政诉讼法 Art. 45) and whether the suit came after it.

    None when the case is not one after 复议, or its start is not known (no receipt date of the
    复议决定书, no linked 复议 that ran out), or it cannot be counted (no rule version in force on the
    start day, a year without calendar data): the flag is a help for the defence, never a guess.
    """
    return _SuitPeriods().of(case)


def case_suit_periods(*, cases: Sequence[LitigationCase]) -> dict[int, rules.SuitPeriod | None]:
    """case_suit_period of every case of a list, by case id, without a query per case."""
    periods = _SuitPeriods()
    return {case.pk: periods.of(case) for case in cases}


class _SuitPeriods:
    """Counts 起诉期限 reading the working calendar once and the rule version once per start day."""

    def __init__(self) -> None:
        self._calendar: WorkingDayCalendar | None = None
        self._params: dict[date, RuleParams | None] = {}

    def _params_on(self, day: date) -> RuleParams | None:
        if day not in self._params:
            try:
                self._params[day] = deadline_params_on(rule_code=rules.RULE_SUIT_AFTER_RECONSIDERATION, on=day)
            except DomainError:  # no version in force that day: not counted
                self._params[day] = None
        return self._params[day]

    def of(self, case: LitigationCase) -> rules.SuitPeriod | None:
        if not case.after_reconsideration:
            return None
        review = case.reconsideration_case
        start = rules.suit_period_start(
            filed_on=case.filed_on, decision_received_on=case.decision_received_on,
            review_concluded_on=review.concluded_on if review else None,
            review_period_end=review.decision_due if review else None,
        )  # fmt: skip
        params = self._params_on(start.on) if start is not None else None
        if start is None or params is None:
            return None
        if self._calendar is None:
            self._calendar = working_calendar()
        try:
            return rules.suit_period(start=start, filed_on=case.filed_on, params=params, calendar=self._calendar)
        except DomainError:  # a year without calendar data
            return None


def case_events(*, case: LitigationCase) -> QuerySet[CaseEvent]:
    return CaseEvent.objects.filter(case=case).order_by("occurred_at", "pk")


def responsible_unit_list_for_user(*, user: AnyUser) -> QuerySet[OrgUnit]:
    ids = [g.unit_id for g in user_role_grants(user=user) if g.role == Role.RECONSIDERATION_OFFICER]
    return OrgUnit.objects.filter(pk__in=ids).order_by("path")


def defendant_unit_get_for_user(*, user: AnyUser, code: str) -> OrgUnit:
    """A unit the user may name as a defendant: inside the subtree of one of its 复议工作人员 grants."""
    paths = [g.unit_path for g in user_role_grants(user=user) if g.role == Role.RECONSIDERATION_OFFICER]
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None or not (getattr(user, "is_superuser", False) or any(unit.path.startswith(p) for p in paths)):
        raise NotFound(f"单位“{code}”不存在或无权访问。", code="litigation.unit_not_found")
    return unit


@dataclass(frozen=True, slots=True)
class HearingRow:
    """A hearing with what the court will hold against the agency for it (出庭应诉规定 Art. 12)."""

    hearing: CourtHearing
    findings: tuple[rules.AbsenceFinding, ...]


def case_hearings(*, case: LitigationCase) -> list[HearingRow]:
    """The case's hearings in the order held, each with its absence findings (one instance per case)."""
    hearings = sorted(case.hearings.all(), key=lambda hearing: (hearing.held_on, hearing.pk))  # prefetched in lists
    findings = rules.instance_absence_findings(hearings)
    return [HearingRow(hearing, found) for hearing, found in zip(hearings, findings, strict=True)]
