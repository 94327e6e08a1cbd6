"""All reads of power lists, check lists, discretion standards and flexible lists.

Scope rule (as in fazhi.orgs.selectors): a user sees the entries of the units their roles cover —
the unit and its whole subtree. Single-object reads raise the same NotFound for "missing" and "not
yours". Helpers without a `user` (counts, suggestions) are for other apps' services that already
hold a scoped object.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import NotFound
from fazhi.legal.models import LegalArticle
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.selectors import (
    MANAGING_ROLES,
    AnyUser,
    org_unit_list_visible_to,
    user_can_manage_unit,
    user_role_grants,
)
from fazhi.powers import rules
from fazhi.powers.choices import ItemStatus, PowerCategory
from fazhi.powers.models import CheckItem, DiscretionStandard, FlexibleMeasure, ListImport, PowerItem

_ARTICLES = Prefetch("legal_articles", queryset=LegalArticle.objects.select_related("version__source"))


def _visible_unit_ids(user: AnyUser) -> QuerySet[OrgUnit]:
    return org_unit_list_visible_to(user=user).order_by().values("pk")


def _in_force_q(on: date, prefix: str = "") -> Q:
    return (Q(**{f"{prefix}effective_from__isnull": True}) | Q(**{f"{prefix}effective_from__lte": on})) & (
        Q(**{f"{prefix}effective_to__isnull": True}) | Q(**{f"{prefix}effective_to__gte": on})
    )


def user_can_manage_lists(*, user: AnyUser, unit: OrgUnit) -> bool:
    """True when the user may change `unit`'s lists (unit admin or system admin above it)."""
    return user_can_manage_unit(user=user, unit=unit)


def user_manages_any_unit(*, user: AnyUser) -> bool:
    """True when the user administers some unit (may open the import page at all)."""
    if getattr(user, "is_superuser", False):
        return True
    return any(grant.role in MANAGING_ROLES for grant in user_role_grants(user=user))


# --- power items ---------------------------------------------------------------------------------


def power_item_list_visible_to(
    *,
    user: AnyUser,
    query: str = "",
    unit: OrgUnit | None = None,
    category: str | None = None,
    status: str | None = None,
) -> QuerySet[PowerItem]:
    """Return the power items of the user's units; `query` matches code or name, `unit` its subtree."""
    items = PowerItem.objects.filter(owner_unit__in=_visible_unit_ids(user))
    if query.strip():
        items = items.filter(Q(code__icontains=query.strip()) | Q(name__icontains=query.strip()))
    if unit is not None:
        items = items.filter(owner_unit__path__startswith=unit.path)
    if category:
        items = items.filter(category=category)
    if status:
        items = items.filter(status=status)
    return items.select_related("owner_unit").prefetch_related(_ARTICLES).order_by("owner_unit__path", "code")


def power_item_get_for_user(*, user: AnyUser, code: str) -> PowerItem:
    """Return one power item by code, or NotFound whether it is missing or outside the user's scope."""
    item = power_item_list_visible_to(user=user).filter(code=code).first()
    if item is None:
        raise NotFound(f"权责事项“{code}”不存在或无权访问。", code="power_item_not_found")
    return item


def power_items_by_code(*, codes: Iterable[str]) -> dict[str, PowerItem]:
    """Unscoped lookup for importers and services that check scope themselves."""
    return {item.code: item for item in PowerItem.objects.filter(code__in=list(codes)).select_related("owner_unit")}


def power_item_owner_ever_changed() -> bool:
    """Has any power item ever moved to another owner unit?

    services.power_item_update (the one path that changes an owner, the list import included)
    audits the move under the `owner_unit` key of POWER_ITEM_UPDATED; an index probe
    (audit_type_time) over those events. Supervision's kept per-owner counts hold only while no
    item has moved.
    """
    return AuditEvent.objects.filter(
        event_type=AuditEventType.POWER_ITEM_UPDATED, changes__has_key="owner_unit"
    ).exists()


def power_item_in_force_on(*, item: PowerItem, on: date) -> bool:
    return rules.power_item_in_force(
        status=item.status, effective_from=item.effective_from, effective_to=item.effective_to, on=on
    )


@dataclass(frozen=True, slots=True)
class UnitPowerCount:
    """Power items of one unit: the total in force and the split by category (values → counts)."""

    unit_id: int
    unit_code: str
    unit_name: str
    total: int
    by_category: dict[str, int]


def power_item_counts_per_unit(*, units: Iterable[OrgUnit], on: date) -> list[UnitPowerCount]:
    """Return, for each unit (its own items, not its subtree), the power items in force on `on`.

    Used by supervision as 权责事项总数 (the denominator of 履责率). One grouped query.
    """
    unit_list = list(units)
    rows = (
        PowerItem.objects.filter(owner_unit__in=unit_list, status=ItemStatus.ACTIVE)
        .filter(_in_force_q(on))
        .values("owner_unit_id", "category")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_unit: dict[int, dict[str, int]] = {}
    for row in rows:
        by_unit.setdefault(row["owner_unit_id"], {})[row["category"]] = row["n"]
    return [
        UnitPowerCount(
            unit_id=unit.pk,
            unit_code=unit.code,
            unit_name=unit.name,
            total=sum(by_unit.get(unit.pk, {}).values()),
            by_category={c.value: by_unit.get(unit.pk, {}).get(c.value, 0) for c in PowerCategory},
        )
        for unit in unit_list
    ]


def power_item_counts_visible_to(*, user: AnyUser, on: date) -> list[UnitPowerCount]:
    """Counts per unit for every unit the user sees (units without items included, with 0)."""
    return power_item_counts_per_unit(units=org_unit_list_visible_to(user=user), on=on)


# --- check items ---------------------------------------------------------------------------------


def check_item_list_visible_to(
    *,
    user: AnyUser,
    query: str = "",
    unit: OrgUnit | None = None,
    has_legal_basis: bool | None = None,
    status: str | None = None,
    power_item: PowerItem | None = None,
) -> QuerySet[CheckItem]:
    """Return the check items of the user's units; filters as power_item_list_visible_to."""
    items = CheckItem.objects.filter(owner_unit__in=_visible_unit_ids(user))
    if power_item is not None:
        items = items.filter(power_items=power_item)
    if query.strip():
        items = items.filter(Q(code__icontains=query.strip()) | Q(name__icontains=query.strip()))
    if unit is not None:
        items = items.filter(owner_unit__path__startswith=unit.path)
    if has_legal_basis is not None:
        items = items.filter(has_legal_basis=has_legal_basis)
    if status:
        items = items.filter(status=status)
    return (
        items.select_related("owner_unit")
        .prefetch_related(_ARTICLES, Prefetch("power_items", queryset=PowerItem.objects.order_by("code")))
        .order_by("owner_unit__path", "code")
    )


def check_item_get_for_user(*, user: AnyUser, code: str) -> CheckItem:
    item = check_item_list_visible_to(user=user).filter(code=code).first()
    if item is None:
        raise NotFound(f"检查事项“{code}”不存在或无权访问。", code="check_item_not_found")
    return item


def check_items_by_code(*, codes: Iterable[str]) -> dict[str, CheckItem]:
    return {item.code: item for item in CheckItem.objects.filter(code__in=list(codes)).select_related("owner_unit")}


def check_items_samplable(*, unit: OrgUnit) -> QuerySet[CheckItem]:
    """The check items of `unit`'s subtree that a spot check may draw from: active, with a legal basis.

    See rules.require_check_item_samplable for the legal basis.
    """
    return CheckItem.objects.filter(
        owner_unit__path__startswith=unit.path, status=ItemStatus.ACTIVE, has_legal_basis=True
    ).order_by("code")


def check_item_counts_per_unit(*, units: Iterable[OrgUnit]) -> dict[int, dict[str, int]]:
    """Return {unit_id: {"total": n, "with_basis": m}} for active check items of each unit."""
    unit_list = list(units)
    rows = (
        CheckItem.objects.filter(owner_unit__in=unit_list, status=ItemStatus.ACTIVE)
        .values("owner_unit_id")
        .annotate(total=Count("pk"), with_basis=Count("pk", filter=Q(has_legal_basis=True)))
        .order_by()
    )
    counts = {unit.pk: {"total": 0, "with_basis": 0} for unit in unit_list}
    for row in rows:
        counts[row["owner_unit_id"]] = {"total": row["total"], "with_basis": row["with_basis"]}
    return counts


# --- discretion standards ------------------------------------------------------------------------


def discretion_standard_list_visible_to(
    *, user: AnyUser, power_item: PowerItem | None = None, on: date | None = None
) -> QuerySet[DiscretionStandard]:
    standards = DiscretionStandard.objects.filter(power_item__owner_unit__in=_visible_unit_ids(user))
    if power_item is not None:
        standards = standards.filter(power_item=power_item)
    if on is not None:
        standards = standards.filter(_in_force_q(on))
    return (
        standards.select_related("power_item__owner_unit")
        .prefetch_related(_ARTICLES)
        .order_by("power_item__code", "effective_from", "fine_min", "pk")
    )


def discretion_standard_get_for_user(*, user: AnyUser, standard_id: int) -> DiscretionStandard:
    standard = discretion_standard_list_visible_to(user=user).filter(pk=standard_id).first()
    if standard is None:
        raise NotFound("裁量基准不存在或无权访问。", code="discretion_standard_not_found")
    return standard


def discretion_standards_for(*, power_item: PowerItem, on: date) -> list[DiscretionStandard]:
    """The bands of a power item in force on `on`, lowest fine first (for enforcement's fine check)."""
    return list(
        power_item.discretion_standards.filter(_in_force_q(on)).prefetch_related(_ARTICLES).order_by("fine_min", "pk")
    )


# --- flexible measures ---------------------------------------------------------------------------


def flexible_measure_list_visible_to(
    *,
    user: AnyUser,
    kind: str | None = None,
    unit: OrgUnit | None = None,
    power_item: PowerItem | None = None,
    query: str = "",
) -> QuerySet[FlexibleMeasure]:
    measures = FlexibleMeasure.objects.filter(owner_unit__in=_visible_unit_ids(user))
    if kind:
        measures = measures.filter(kind=kind)
    if unit is not None:
        measures = measures.filter(owner_unit__path__startswith=unit.path)
    if power_item is not None:
        measures = measures.filter(power_item=power_item)
    if query.strip():
        measures = measures.filter(Q(code__icontains=query.strip()) | Q(violation__icontains=query.strip()))
    return (
        measures.select_related("owner_unit", "power_item")
        .prefetch_related(_ARTICLES)
        .order_by("owner_unit__path", "kind", "code")
    )


def flexible_measure_get_for_user(*, user: AnyUser, measure_id: int) -> FlexibleMeasure:
    measure = flexible_measure_list_visible_to(user=user).filter(pk=measure_id).first()
    if measure is None:
        raise NotFound("柔性执法清单事项不存在或无权访问。", code="flexible_measure_not_found")
    return measure


@dataclass(frozen=True, slots=True)
class FlexibleMeasureSuggestion:
    """A list entry that fits a case, with the verdict of the rule and the legal basis to cite."""

    measure: FlexibleMeasure
    mandatory: bool  # the law obliges it (应当/不予) rather than permits it (可以)
    reason: str
    rule_basis: str  # the statute of the rule applied
    legal_basis: list[str]  # the entry's own basis: resolved citations, then its text

    @property
    def kind(self) -> str:
        return self.measure.kind


def _ancestor_paths(unit: OrgUnit) -> list[str]:
    codes = [code for code in unit.path.strip("/").split("/") if code]
    return ["/" + "/".join(codes[: index + 1]) + "/" for index in range(len(codes))]


def measure_legal_basis(measure: FlexibleMeasure) -> list[str]:
    """The entry's basis for a document: resolved citations, then the text (if it adds anything)."""
    basis = [article.citation for article in measure.legal_articles.all()]
    if rules.basis_is_stated(measure.basis_text) and measure.basis_text.strip() not in basis:
        basis.append(measure.basis_text.strip())
    return basis


def flexible_measure_suggestions(
    *, unit: OrgUnit, power_item: PowerItem, on: date, facts: rules.ViolationFacts
) -> list[FlexibleMeasureSuggestion]:
    """Return the flexible-list entries that fit a case of `unit` under `power_item` on day `on`.

    Entries of the unit itself or of a unit above it (a district-wide list) count. Mandatory
    matches come first. The caller has already scoped `unit` and `power_item` to its user.
    """
    measures = {
        measure.pk: measure
        for measure in FlexibleMeasure.objects.filter(owner_unit__path__in=_ancestor_paths(unit), power_item=power_item)
        .select_related("owner_unit", "power_item")
        .prefetch_related(_ARTICLES)
    }
    terms = [
        rules.MeasureTerms(
            key=m.pk,
            kind=m.kind,
            is_first_violation=m.is_first_violation,
            effective_from=m.effective_from,
            effective_to=m.effective_to,
        )
        for m in measures.values()
    ]
    return [
        FlexibleMeasureSuggestion(
            measure=measures[t.key],
            mandatory=verdict.mandatory,
            reason=verdict.reason,
            rule_basis=verdict.legal_basis,
            legal_basis=measure_legal_basis(measures[t.key]),
        )
        for t, verdict in rules.flexible_measures_matching(measures=terms, facts=facts, on=on)
    ]


# --- imports -------------------------------------------------------------------------------------


def list_import_list_by(*, user: AnyUser, limit: int = 10) -> list[ListImport]:
    """The user's own most recent list imports (shown under the import form)."""
    if not user.is_authenticated:
        return []
    return list(ListImport.objects.filter(imported_by=user).order_by("-imported_at", "-pk")[:limit])
