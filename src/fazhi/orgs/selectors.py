"""All reads of organisations, people and roles, scoped by the user who asks.

Scope rule: a role held over a unit covers that unit and its whole subtree. A system admin sees
configuration everywhere but is not thereby given case content (DESIGN §1); superusers see all.
Single-object reads raise the same NotFound for "missing" and "not yours" (STYLE §8).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr
from django.db.models.lookups import Exact
from django.utils import timezone

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import Forbidden, NotFound
from fazhi.orgs.choices import Role
from fazhi.orgs.models import (
    Certificate,
    EnforcementDomain,
    LoginFailure,
    Officer,
    OrgUnit,
    Person,
    RoleAssignment,
    User,
)
from fazhi.orgs.rules import (
    CERTIFICATE_VIEW_ROLES,
    CertificateFacts,
    CertificateValidity,
    HeldCertificate,
    certificate_validity,
    is_login_locked,
    may_administer_certificates,
)

AnyUser = User | AnonymousUser


@dataclass(frozen=True, slots=True)
class RoleGrant:
    role: Role
    unit_id: int
    unit_code: str
    unit_name: str
    unit_path: str


def user_role_grants(*, user: AnyUser) -> list[RoleGrant]:
    """Return the user's roles with the unit each one covers (empty for anonymous users)."""
    if not user.is_authenticated:
        return []
    # Plain rows, not model instances: every scoped read and write of every request asks for these.
    rows = (
        RoleAssignment.objects.filter(user=user)
        .order_by("role", "unit__path")
        .values_list("role", "unit_id", "unit__code", "unit__name", "unit__path")
    )
    return [RoleGrant(Role(role), unit_id, code, name, path) for role, unit_id, code, name, path in rows]


def user_role_set(*, user: AnyUser) -> frozenset[Role]:
    """Return the set of roles the user holds anywhere."""
    return frozenset(grant.role for grant in user_role_grants(user=user))


def user_holds_any_role(*, user: AnyUser, roles: Collection[Role]) -> bool:
    """True when the user holds one of `roles` over some unit (superusers: always)."""
    if getattr(user, "is_superuser", False):
        return True
    return any(grant.role in roles for grant in user_role_grants(user=user))


def user_has_role(*, user: AnyUser, role: Role) -> bool:
    return user.is_authenticated and RoleAssignment.objects.filter(user=user, role=role).exists()


def _scope_filter(*, user: AnyUser, roles: set[Role] | None, path_field: str) -> Q | None:
    """Return a Q selecting rows under the user's granted units; None means 'everything'."""
    if getattr(user, "is_superuser", False):
        return None
    query = Q(pk__in=[])
    for grant in user_role_grants(user=user):
        if roles is None or grant.role in roles:
            query |= Q(**{f"{path_field}__startswith": grant.unit_path})
    return query


def org_unit_list_visible_to(*, user: AnyUser, roles: set[Role] | None = None) -> QuerySet[OrgUnit]:
    """Return the units in the subtrees the user's roles cover."""
    scope = _scope_filter(user=user, roles=roles, path_field="path")
    queryset = OrgUnit.objects.all() if scope is None else OrgUnit.objects.filter(scope)
    return queryset.select_related("parent").prefetch_related("domains").order_by("path")


def org_unit_get_for_user(*, user: AnyUser, code: str) -> OrgUnit:
    """Return one unit by code, or NotFound whether it is missing or outside the user's scope."""
    unit = org_unit_list_visible_to(user=user).filter(code=code).first()
    if unit is None:
        raise NotFound(f"单位“{code}”不存在或无权访问。", code="org_unit_not_found")
    return unit


def org_unit_get_if_granted(*, user: AnyUser, code: str, roles: Collection[Role]) -> OrgUnit | None:
    """The unit with `code` if the user holds one of `roles` over it or a unit above it; None otherwise.

    Superusers get any unit. The same subtree rule as _scope_filter, tested in the database: one
    query for the unit and the grant, where loading the user's grants first would be a second one
    on every write that names its unit.
    """
    units = OrgUnit.objects.filter(code=code)
    if not getattr(user, "is_superuser", False):
        if not user.is_authenticated:
            return None
        # "the unit's path starts with the granted unit's path", compared exactly: LIKE would ignore
        # case on SQLite, which the in-Python checks (str.startswith) never do.
        under_grant = Exact(Substr(OuterRef("path"), 1, Length("unit__path")), F("unit__path"))
        granted = RoleAssignment.objects.filter(under_grant, user=user, role__in=list(roles))
        units = units.filter(Exists(granted))
    return units.first()


def org_unit_get_by_code(*, code: str) -> OrgUnit:
    """Unscoped lookup for imports and services that already checked permission."""
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None:
        raise NotFound(f"单位编码“{code}”不存在。", code="org_unit_not_found")
    return unit


def org_unit_document_prefix(*, unit: OrgUnit) -> str:
    """The unit's 机关代字 for its 发文字号 (GB/T 9704-2012 7.2.4), or "" when none is recorded.

    Callers keep their own fallback for "" (e.g. reconsideration: the short name, then the code;
    enforcement: an abbreviation of the name), so a unit without a 代字 numbers as it did before.
    """
    return unit.document_prefix.strip()


def org_unit_subtree(*, unit: OrgUnit) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(path__startswith=unit.path).order_by("path")


def org_unit_ancestors(*, unit: OrgUnit) -> list[OrgUnit]:
    """Return the units above `unit`, root first."""
    codes = [code for code in unit.path.strip("/").split("/") if code][:-1]
    by_code = {u.code: u for u in OrgUnit.objects.filter(code__in=codes)}
    return [by_code[code] for code in codes if code in by_code]


def _officers_in(scope: Q | None) -> QuerySet[Officer]:
    queryset = Officer.objects.all() if scope is None else Officer.objects.filter(scope)
    return queryset.select_related("person", "unit").order_by("unit__path", "person__name", "pk")


def officer_list_visible_to(*, user: AnyUser) -> QuerySet[Officer]:
    """The officers under any of the user's grants: other apps' lookups (the officers a case may name, the
    dashboards). Not the 执法人员与执法证 registry, which is officer_registry_list_for."""
    return _officers_in(_scope_filter(user=user, roles=None, path_field="unit__path"))


def officer_get_for_user(*, user: AnyUser, officer_id: int) -> Officer:
    officer = officer_list_visible_to(user=user).filter(pk=officer_id).first()
    if officer is None:
        raise NotFound("执法人员不存在或无权访问。", code="officer_not_found")
    return officer


def person_get_by_citizen_id(*, citizen_id: str) -> Person | None:
    return Person.objects.filter(citizen_id=citizen_id.strip().upper()).first()


def enforcement_domain_list() -> QuerySet[EnforcementDomain]:
    return EnforcementDomain.objects.order_by("code")


def user_list_visible_to(*, user: AnyUser) -> QuerySet[User]:
    """Users holding a role somewhere inside the asking user's scope."""
    scope = _scope_filter(
        user=user, roles={Role.UNIT_ADMIN, Role.SYSTEM_ADMIN}, path_field="role_assignments__unit__path"
    )
    queryset = User.objects.all() if scope is None else User.objects.filter(scope).distinct()
    return queryset.order_by("username")


def user_primary_unit(*, user: AnyUser) -> OrgUnit | None:
    """The unit shown in the header: the narrowest unit among the user's grants."""
    grants = user_role_grants(user=user)
    if not grants:
        return None
    narrowest = max(grants, key=lambda g: g.unit_path.count("/"))
    return OrgUnit.objects.filter(pk=narrowest.unit_id).first()


def login_is_locked(*, username: str) -> bool:
    """True when the user has too many recent login failures (see rules.is_login_locked)."""
    now = timezone.now()
    window = timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    times = LoginFailure.objects.filter(username=username, occurred_at__gte=now - window).values_list(
        "occurred_at", flat=True
    )
    return is_login_locked(failure_times=times, now=now, limit=settings.LOGIN_FAILURE_LIMIT, window=window)


def _grant_covers(*, user: AnyUser, unit: OrgUnit, roles: Collection[Role]) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return any(g.role in roles and unit.path.startswith(g.unit_path) for g in user_role_grants(user=user))


MANAGING_ROLES = frozenset({Role.UNIT_ADMIN, Role.SYSTEM_ADMIN})


def user_can_manage_unit(*, user: AnyUser, unit: OrgUnit) -> bool:
    """True when the user administers `unit` (unit admin or system admin over one of its ancestors)."""
    return _grant_covers(user=user, unit=unit, roles=MANAGING_ROLES)


# --- Certificates ------------------------------------------------------------------------------


def certificate_view_units(*, user: AnyUser) -> QuerySet[OrgUnit]:
    """Units whose officers and certificates the user sees on the certificate pages (rules.CERTIFICATE_VIEW_ROLES)."""
    return org_unit_list_visible_to(user=user, roles=set(CERTIFICATE_VIEW_ROLES))


CERTIFICATE_VIEW_REFUSAL = "只有司法行政机关的执法监督人员、单位管理员和系统管理员可以查看执法人员和执法证。"


def certificate_view_units_or_refuse(*, user: AnyUser) -> list[OrgUnit]:
    """The units of certificate_view_units, or Forbidden when there are none: the 执法人员与执法证 list,
    the page and the API alike, refuses a user whose roles never show an officer there."""
    units = list(certificate_view_units(user=user))
    if not units:
        raise Forbidden(CERTIFICATE_VIEW_REFUSAL, code="certificate_view_forbidden")
    return units


def _certificate_view_scope(*, user: AnyUser, path_field: str) -> Q | None:
    """The rows under the user's CERTIFICATE_VIEW_ROLES grants (the same units as certificate_view_units)."""
    return _scope_filter(user=user, roles=set(CERTIFICATE_VIEW_ROLES), path_field=path_field)


def officer_registry_list_for(*, user: AnyUser) -> QuerySet[Officer]:
    """The officers of the 执法人员与执法证 registry, page and API: those of the units certificate_view_units
    gives. An officer, legal reviewer or reconsideration officer gets none (officer_list_visible_to is the
    wider lookup other apps use)."""
    return _officers_in(_certificate_view_scope(user=user, path_field="unit__path"))


def officer_registry_get_for_user(*, user: AnyUser, officer_id: int) -> Officer:
    """One officer of officer_registry_list_for, or NotFound whether missing or not the user's to see."""
    officer = officer_registry_list_for(user=user).filter(pk=officer_id).first()
    if officer is None:
        raise NotFound("执法人员不存在或无权访问。", code="officer_not_found")
    return officer


def user_can_administer_certificates(*, user: AnyUser, unit: OrgUnit | None = None) -> bool:
    """True when the user may issue, change, suspend, restore and cancel certificates of `unit`'s officers
    (rules.may_administer_certificates); without a unit: of any unit at all."""
    roles = [role for role in Role if may_administer_certificates(role=role)]
    if unit is None:
        return getattr(user, "is_superuser", False) or any(g.role in roles for g in user_role_grants(user=user))
    return _grant_covers(user=user, unit=unit, roles=roles)


def officers_certificate_validity(
    *, officers: Iterable[Officer], on: date, unit: OrgUnit | None = None
) -> dict[int, CertificateValidity]:
    """officer id → is the officer certified for acts of `unit` (default: their own) on `on`?

    Two queries for any number of officers (the acting unit's domains; the certificates with their
    domains and events): an act names two or more officers, and this runs inside every audited write.
    """
    officers = list(officers)
    domains_by_unit: dict[int, frozenset[str]] = {}

    def unit_domains(acting: OrgUnit) -> frozenset[str]:
        if acting.pk not in domains_by_unit:
            domains_by_unit[acting.pk] = frozenset(acting.domains.values_list("code", flat=True))
        return domains_by_unit[acting.pk]

    facts_by_officer = certificate_facts_by_officer(officer_ids=[officer.pk for officer in officers])
    verdicts = {}
    for officer in officers:
        name = officer.person.name
        if not facts_by_officer.get(officer.pk):
            verdicts[officer.pk] = CertificateValidity(False, f"{name}未持有行政执法证。")
            continue
        reasons = []
        acting_domains = unit_domains(unit or officer.unit)
        for facts in facts_by_officer[officer.pk]:  # the model's order (by number), as before
            verdict = certificate_validity(facts=facts, on=on, unit_domain_codes=acting_domains)
            if verdict.ok:
                verdicts[officer.pk] = verdict
                break
            reasons.append(verdict.reason)
        else:
            # Each reason is a sentence ending in "。"; joined, they become one sentence ("…状态；执法证…。").
            joined = "；".join(reason.rstrip("。") for reason in reasons)
            verdicts[officer.pk] = CertificateValidity(False, f"{name}：{joined}。")
    return verdicts


def certificate_facts_by_officer(*, officer_ids: list[int]) -> dict[int, list[CertificateFacts]]:
    """officer id → CertificateFacts (for rules.certificate_validity) of each certificate, by number.

    An officer without certificates is absent. Used by every act's check and the bulk import's preload.

    One query of plain rows: a certificate comes once per (domain, event) pair, and both lists are
    short (a few domains, a few lifecycle events), which costs far less than three model queries
    joined by prefetch_related. Events keep the model's order (date, then id).
    """
    rows = (
        Certificate.objects.filter(officer_id__in=officer_ids)
        .order_by("number", "events__effective_on", "events__pk")
        .values_list(
            "pk", "officer_id", "number", "valid_from", "valid_to", "domains__code", "events__pk",
            "events__effective_on", "events__kind",
        )
    )  # fmt: skip
    certificates: dict[int, dict[str, Any]] = {}
    for pk, officer_id, number, valid_from, valid_to, domain, event_id, effective_on, kind in rows:
        certificate = certificates.setdefault(
            pk,
            {"officer_id": officer_id, "number": number, "valid_from": valid_from, "valid_to": valid_to,
             "domains": set(), "events": {}},
        )  # fmt: skip
        if domain is not None:
            certificate["domains"].add(domain)
        if event_id is not None:
            certificate["events"][event_id] = (effective_on, kind)
    facts: dict[int, list[CertificateFacts]] = {}
    for certificate in certificates.values():
        facts.setdefault(certificate["officer_id"], []).append(
            CertificateFacts(
                number=certificate["number"],
                valid_from=certificate["valid_from"],
                valid_to=certificate["valid_to"],
                domain_codes=frozenset(certificate["domains"]),
                events=tuple(certificate["events"].values()),
            )
        )
    return facts


def certificates_held_by_person(*, person_id: int, exclude_pk: int | None = None) -> list[HeldCertificate]:
    """Every certificate of the person, on any of their posts (a 暂扣 binds the person, not the post)."""
    rows = (
        Certificate.objects.filter(officer__person_id=person_id)
        .exclude(pk=exclude_pk)
        .order_by("number", "domains__code")
        .values_list("pk", "number", "status", "domains__code", "domains__name")
    )
    held: dict[int, tuple[str, str, list[tuple[str, str]]]] = {}
    for pk, number, status, code, name in rows:
        domains = held.setdefault(pk, (number, status, []))[2]
        if code is not None:
            domains.append((code, name))
    return [HeldCertificate(number, status, tuple(domains)) for number, status, domains in held.values()]


def officer_certificate_validity(*, officer: Officer, on: date, unit: OrgUnit | None = None) -> CertificateValidity:
    """Is the officer certified for acts of `unit` (default: their own) on `on`? With the reason if not."""
    return officers_certificate_validity(officers=[officer], on=on, unit=unit)[officer.pk]


def certificate_registry_list_for(*, user: AnyUser) -> QuerySet[Certificate]:
    """The certificates of the 执法人员与执法证 registry, page and API: those of officer_registry_list_for."""
    scope = _certificate_view_scope(user=user, path_field="officer__unit__path")
    queryset = Certificate.objects.all() if scope is None else Certificate.objects.filter(scope)
    return queryset.select_related("officer__person", "officer__unit").prefetch_related("domains")


def certificate_registry_get_for_user(*, user: AnyUser, number: str) -> Certificate:
    """One certificate of certificate_registry_list_for, or NotFound whether missing or not the user's to see."""
    certificate = certificate_registry_list_for(user=user).filter(number=number).first()
    if certificate is None:
        raise NotFound(f"执法证“{number}”不存在或无权访问。", code="certificate_not_found")
    return certificate


# --- Uploads of the unit and officer files ---------------------------------------------------------


def unit_import_paths_for(*, user: AnyUser) -> list[str] | None:
    """The unit subtrees `user` may upload the unit file for: None for every unit (superuser), [] for nobody.

    The org structure is configuration: only system admins, over the subtree of each grant.
    """
    if getattr(user, "is_superuser", False):
        return None
    return [grant.unit_path for grant in user_role_grants(user=user) if grant.role == Role.SYSTEM_ADMIN]


def officer_import_paths_for(*, user: AnyUser) -> list[str] | None:
    """The unit subtrees whose officers' certificates `user` may register by upload (None: every unit).

    The roles that administer certificates (rules.may_administer_certificates, the 司法行政机关's
    supervisors), over the subtree of each grant; [] for everybody else.
    """
    if getattr(user, "is_superuser", False):
        return None
    return [grant.unit_path for grant in user_role_grants(user=user) if may_administer_certificates(role=grant.role)]


@dataclass(frozen=True, slots=True)
class OrgImportRun:
    """One upload that wrote something, as its audit rows tell it."""

    imported_at: datetime  # the time of its last audit row
    filename: str
    created: int
    updated: int


# kind → (the reason prefix the importer writes on every audit row, created event, updated event)
ORG_IMPORT_AUDIT = {
    "units": ("导入单位：", AuditEventType.ORG_UNIT_CREATED, AuditEventType.ORG_UNIT_UPDATED),
    "officers": ("导入执法人员：", AuditEventType.CERTIFICATE_ISSUED, AuditEventType.CERTIFICATE_CHANGED),
}


def org_import_list_by(*, user: AnyUser, kind: str, limit: int = 10) -> list[OrgImportRun]:
    """The user's own most recent uploads of the unit (`kind="units"`) or officer file.

    Orgs keeps no import log: an import writes through the orgs services, each write with its audit
    row naming the uploader and the file (reason "导入单位：<file>"), all in one request. Grouped by
    request, those rows are the history: the units (certificates) created and updated. An upload that
    changed nothing wrote no audit row and is not listed.
    """
    if not user.is_authenticated:
        return []
    prefix, created, updated = ORG_IMPORT_AUDIT[kind]
    rows = (
        AuditEvent.objects.filter(actor=user, event_type__in=[created, updated], reason__startswith=prefix)
        .values("request_id", "reason")
        .annotate(
            at=Max("occurred_at"),
            created=Count("pk", filter=Q(event_type=created)),
            updated=Count("pk", filter=Q(event_type=updated)),
        )
        .order_by("-at")[:limit]
    )
    return [OrgImportRun(row["at"], row["reason"].removeprefix(prefix), row["created"], row["updated"]) for row in rows]
