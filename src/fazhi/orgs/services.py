"""All writes to organisations, people, officers, users and roles.

Each service validates with `rules`, writes, and records the audit row in the same transaction.
They use `transaction.atomic` without `durable=True` on purpose: importers compose them into one
all-or-nothing transaction per file ("nothing imported from a file with any bad row").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from rest_framework.authtoken.models import Token

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.errors import Conflict, DomainError
from fazhi.core.ids import normalize_id, parse_citizen_id
from fazhi.core.span_counts import span_counts_add
from fazhi.core.validation import full_clean
from fazhi.orgs import rules, selectors
from fazhi.orgs.choices import CertificateEventKind, CertificateStatus, Gender, Role
from fazhi.orgs.models import (
    Certificate,
    CertificateEvent,
    EnforcementDomain,
    LoginFailure,
    Officer,
    OfficerDutySpan,
    OrgUnit,
    Person,
    RoleAssignment,
    UnitDutySpan,
    User,
)

Actor = User | None


@transaction.atomic
def enforcement_domain_ensure(*, code: str, name: str) -> EnforcementDomain:
    """Return the enforcement domain with this code, creating it if needed."""
    domain, _created = EnforcementDomain.objects.get_or_create(code=code, defaults={"name": name})
    return domain


@transaction.atomic
def org_unit_create(
    *,
    actor: Actor,
    code: str,
    name: str,
    kind: str,
    parent: OrgUnit | None = None,
    short_name: str = "",
    document_prefix: str = "",
    is_enforcement_body: bool = False,
    domains: Iterable[EnforcementDomain] = (),
    credit_code: str = "",
    reason: str = "",
) -> OrgUnit:
    """Create a unit under `parent`.

    Writes: OrgUnit, its domains, AuditEvent ORG_UNIT_CREATED.
    """
    rules.require_valid_unit_code(code)
    rules.require_child_kind_allowed(parent_kind=parent.kind if parent else None, child_kind=kind)
    document_prefix = rules.clean_document_prefix(document_prefix)
    if OrgUnit.objects.filter(code=code).exists():
        raise Conflict(f"单位编码“{code}”已存在。", code="org_unit_code_taken", fields={"code": ["单位编码已存在。"]})
    unit = OrgUnit(
        code=code,
        name=name,
        short_name=short_name,
        document_prefix=document_prefix,
        kind=kind,
        parent=parent,
        path=rules.unit_path(parent_path=parent.path if parent else None, code=code),
        depth=(parent.depth + 1) if parent else 0,
        is_enforcement_body=is_enforcement_body,
        credit_code=normalize_id(credit_code) if credit_code else "",
    )
    full_clean(unit, code="invalid_org_unit")
    try:
        with transaction.atomic():
            unit.save()
    except IntegrityError as exc:  # a concurrent create of the same code
        raise Conflict(f"单位编码“{code}”已存在。", code="org_unit_code_taken") from exc
    domain_list = list(domains)
    if domain_list:
        unit.domains.set(domain_list)
    record_audit(
        actor=actor,
        event_type=AuditEventType.ORG_UNIT_CREATED,
        target=unit,
        reason=reason,
        changes={
            "code": [None, code],
            "name": [None, name],
            "kind": [None, kind],
            "document_prefix": [None, document_prefix],
            "parent": [None, parent.code if parent else None],
            "domains": [None, sorted(d.code for d in domain_list)],
        },
    )
    return unit


@transaction.atomic
def org_unit_update(
    *,
    actor: Actor,
    unit: OrgUnit,
    reason: str = "",
    name: str | None = None,
    short_name: str | None = None,
    document_prefix: str | None = None,
    parent: OrgUnit | None = None,
    is_enforcement_body: bool | None = None,
    is_active: bool | None = None,
    domains: Iterable[EnforcementDomain] | None = None,
) -> OrgUnit:
    """Change a unit; moving it (a new parent) rewrites the paths of its whole subtree.

    Writes: OrgUnit (+ descendants' path/depth on a move), AuditEvent ORG_UNIT_UPDATED.
    """
    locked = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    changes: dict[str, list[Any]] = {}
    if document_prefix is not None:
        document_prefix = rules.clean_document_prefix(document_prefix)
    for field, value in (
        ("name", name),
        ("short_name", short_name),
        ("document_prefix", document_prefix),
        ("is_enforcement_body", is_enforcement_body),
        ("is_active", is_active),
    ):
        if value is not None and getattr(locked, field) != value:
            changes[field] = [getattr(locked, field), value]
            setattr(locked, field, value)
    if parent is not None and parent.pk != locked.parent_id:
        rules.require_not_cycle(unit_path_value=locked.path, new_parent_path=parent.path)
        rules.require_child_kind_allowed(parent_kind=parent.kind, child_kind=locked.kind)
        old_path = locked.path
        new_path = rules.unit_path(parent_path=parent.path, code=locked.code)
        depth_delta = parent.depth + 1 - locked.depth
        changes["parent"] = [locked.parent.code if locked.parent else None, parent.code]
        # One UPDATE for the whole subtree keeps the paths consistent even for large trees.
        OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=locked.pk).update(
            path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        )
        for descendant in OrgUnit.objects.filter(path__startswith=new_path).exclude(pk=locked.pk):
            OrgUnit.objects.filter(pk=descendant.pk).update(depth=descendant.depth + depth_delta)
        locked.parent = parent
        locked.path = new_path
        locked.depth = parent.depth + 1
    if domains is not None:
        new_codes = sorted(d.code for d in domains)
        old_codes = sorted(locked.domains.values_list("code", flat=True))
        if new_codes != old_codes:
            changes["domains"] = [old_codes, new_codes]
            locked.domains.set(list(domains))
    if not changes:
        return locked
    # Validate what changed: the unchanged fields were valid when saved, and re-checking the
    # unique code and the tree constraints costs four queries on every rename.
    changed_fields = {"parent", "path", "depth"} if "parent" in changes else set()
    changed_fields |= {name for name in changes if name != "domains"}
    unchanged = [f.name for f in OrgUnit._meta.concrete_fields if f.name not in changed_fields]
    # The table's one check constraint is about the parent; Django checks it with a query, so only
    # when the parent changes (the database enforces it in any case).
    full_clean(locked, code="invalid_org_unit", exclude=unchanged, validate_constraints="parent" in changes)
    locked.save()
    record_audit(actor=actor, event_type=AuditEventType.ORG_UNIT_UPDATED, target=locked, reason=reason, changes=changes)
    return locked


@transaction.atomic
def person_create(
    *,
    actor: Actor,
    name: str,
    citizen_id: str = "",
    phone: str = "",
    has_legal_qualification: bool = False,
    reason: str = "",
) -> Person:
    """Register a natural person; gender and birth date are read from a valid ID number.

    Writes: Person, AuditEvent PERSON_CREATED (the ID number is recorded masked in the audit).
    """
    name = name.strip()
    if not name:
        raise DomainError("姓名不能为空。", code="person_name_required", fields={"name": ["姓名不能为空。"]})
    person = Person(name=name, phone=phone.strip(), has_legal_qualification=has_legal_qualification)
    if citizen_id:
        number = normalize_id(citizen_id)
        try:
            info = parse_citizen_id(number)
        except ValidationError as exc:
            raise DomainError(exc.messages[0], code="invalid_citizen_id", fields={"citizen_id": exc.messages}) from exc
        if Person.objects.filter(citizen_id=number).exists():
            raise Conflict(
                "该公民身份号码已登记。", code="citizen_id_taken", fields={"citizen_id": ["公民身份号码已登记。"]}
            )
        person.citizen_id = number
        person.birth_date = info.birth_date
        person.gender = Gender.MALE if info.is_male else Gender.FEMALE
    full_clean(person, code="invalid_person")
    person.save()
    record_audit(
        actor=actor,
        event_type=AuditEventType.PERSON_CREATED,
        target=person,
        reason=reason,
        changes={"name": [None, name], "has_legal_qualification": [None, has_legal_qualification]},
    )
    return person


@transaction.atomic
def person_update(
    *,
    actor: Actor,
    person: Person,
    reason: str = "",
    phone: str | None = None,
    has_legal_qualification: bool | None = None,
) -> Person:
    """Update contact data or the legal-qualification mark. Writes: Person, AuditEvent PERSON_UPDATED."""
    changes: dict[str, list[Any]] = {}
    if phone is not None and phone != person.phone:
        changes["phone"] = ["***", "***"]  # contact data is not copied into the audit log
        person.phone = phone
    if has_legal_qualification is not None and has_legal_qualification != person.has_legal_qualification:
        changes["has_legal_qualification"] = [person.has_legal_qualification, has_legal_qualification]
        person.has_legal_qualification = has_legal_qualification
    if not changes:
        return person
    person.save()
    record_audit(actor=actor, event_type=AuditEventType.PERSON_UPDATED, target=person, reason=reason, changes=changes)
    return person


@transaction.atomic
def officer_create(*, actor: Actor, person: Person, unit: OrgUnit, title: str = "", reason: str = "") -> Officer:
    """Post a person as an enforcement officer of `unit`. Writes: Officer, AuditEvent OFFICER_CREATED."""
    if Officer.objects.filter(person=person, unit=unit).exists():
        raise Conflict(f"{person.name}已是{unit.name}的执法人员。", code="officer_exists")
    officer = Officer.objects.create(person=person, unit=unit, title=title)
    record_audit(
        actor=actor,
        event_type=AuditEventType.OFFICER_CREATED,
        target=officer,
        reason=reason,
        changes={"person": [None, person.pk], "unit": [None, unit.code], "title": [None, title]},
    )
    return officer


@transaction.atomic
def officer_set_active(*, actor: Actor, officer: Officer, is_active: bool, reason: str) -> Officer:
    """Take an officer off or back on duty.

    Writes: Officer.is_active, the officer's duty spans, AuditEvent OFFICER_UPDATED.
    """
    updated = Officer.objects.filter(pk=officer.pk, is_active=not is_active).update(is_active=is_active)
    if updated != 1:
        raise Conflict("执法人员状态已被修改，请刷新后重试。", code="officer_state_changed")
    officer.refresh_from_db()
    officer_duty_refresh(officer_ids=[officer.pk])
    record_audit(
        actor=actor,
        event_type=AuditEventType.OFFICER_UPDATED,
        target=officer,
        reason=reason,
        changes={"is_active": [not is_active, is_active]},
    )
    return officer


@transaction.atomic
def user_create(
    *,
    actor: Actor,
    username: str,
    password: str | None,
    display_name: str = "",
    person: Person | None = None,
    email: str = "",
    check_password_policy: bool = True,
    reason: str = "",
) -> User:
    """Create a login. A None password creates an account that cannot log in until one is set.

    Writes: User, AuditEvent USER_CREATED.
    """
    username = username.strip()
    if not username:
        raise DomainError("用户名不能为空。", code="username_required", fields={"username": ["用户名不能为空。"]})
    if User.objects.filter(username=username).exists():
        raise Conflict(f"用户名“{username}”已存在。", code="username_taken", fields={"username": ["用户名已存在。"]})
    user = User(
        username=username, display_name=display_name or (person.name if person else ""), person=person, email=email
    )
    if password is None:
        user.set_unusable_password()
    else:
        if check_password_policy:
            try:
                validate_password(password, user)
            except ValidationError as exc:
                raise DomainError(
                    "；".join(exc.messages), code="weak_password", fields={"password": exc.messages}
                ) from exc
        user.set_password(password)
    user.save()
    record_audit(
        actor=actor,
        event_type=AuditEventType.USER_CREATED,
        target=user,
        reason=reason,
        changes={"username": [None, username], "display_name": [None, user.display_name]},
    )
    return user


@transaction.atomic
def role_assign(*, actor: Actor, user: User, role: str, unit: OrgUnit, reason: str = "") -> RoleAssignment:
    """Grant `role` over `unit` and its subtree. Writes: RoleAssignment, AuditEvent ROLE_ASSIGNED."""
    if role not in Role.values:
        raise DomainError(f"未知角色：{role}", code="unknown_role", fields={"role": ["未知角色。"]})
    rules.require_role_allowed(
        role=role, has_legal_qualification=bool(user.person and user.person.has_legal_qualification)
    )
    assignment, created = RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit)
    if not created:
        raise Conflict("该用户已拥有此角色授权。", code="role_already_assigned")
    if role == Role.SYSTEM_ADMIN:
        _grant_configuration_admin(user)
    record_audit(
        actor=actor,
        event_type=AuditEventType.ROLE_ASSIGNED,
        target=user,
        reason=reason,
        changes={"role": [None, role], "unit": [None, unit.code]},
    )
    return assignment


# System admins keep configuration (calendars, rule parameters, the org tree) through the Django
# admin; they get model permissions for those apps only, not superuser rights over case content.
# supervision: the 考核指标体系 (weights, DESIGN §1); its admin writes only through the audited service.
CONFIGURATION_APPS = ("calendars", "deadlines", "orgs", "supervision")


def _grant_configuration_admin(user: User) -> None:
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label__in=CONFIGURATION_APPS))


@transaction.atomic
def role_revoke(*, actor: Actor, assignment: RoleAssignment, reason: str) -> None:
    """Withdraw a role grant. Writes: deletes the RoleAssignment, AuditEvent ROLE_REVOKED."""
    user, role, unit_code = assignment.user, assignment.role, assignment.unit.code
    deleted, _detail = RoleAssignment.objects.filter(pk=assignment.pk).delete()
    if not deleted:
        raise Conflict("该角色授权已被撤销。", code="role_already_revoked")
    record_audit(
        actor=actor,
        event_type=AuditEventType.ROLE_REVOKED,
        target=user,
        reason=reason,
        changes={"role": [role, None], "unit": [unit_code, None]},
    )


def _login_window() -> timedelta:
    return timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)


@transaction.atomic
def login_failure_record(*, username: str, ip_address: str | None) -> None:
    """Remember a failed login; the failure that reaches the limit is audited as a lock-out.

    Writes: LoginFailure; AuditEvent LOGIN_LOCKED when the account becomes locked (known users only:
    audit rows need a target, and unknown names must not fill the audit log).
    """
    now = timezone.now()
    LoginFailure.objects.create(username=username[:150], ip_address=ip_address, occurred_at=now)
    recent = LoginFailure.objects.filter(username=username, occurred_at__gte=now - _login_window()).count()
    user = User.objects.filter(username=username).first()
    if user is not None and recent == settings.LOGIN_FAILURE_LIMIT:
        record_audit(
            actor=None,
            event_type=AuditEventType.LOGIN_LOCKED,
            target=user,
            reason=f"连续{recent}次登录失败，账号暂时锁定。",
            changes={"ip_address": [None, ip_address]},
        )


@transaction.atomic
def login_failures_clear(*, username: str) -> None:
    """Forget failures after a successful login. Writes: deletes LoginFailure rows of the user."""
    LoginFailure.objects.filter(username=username).delete()


@transaction.atomic
def api_token_issue(*, actor: User, user: User, reason: str = "") -> str:
    """Issue (or rotate) the API token of `user`. Writes: Token, AuditEvent API_TOKEN_ISSUED."""
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    record_audit(
        actor=actor,
        event_type=AuditEventType.API_TOKEN_ISSUED,
        target=user,
        reason=reason,
        changes={"token": [None, "（已签发，内容不记录）"]},
    )
    return token.key


# --- Enforcement certificates (行政执法证): 申领 / 变更 / 暂扣 / 恢复 / 注销 ----------------------------


def _certificate_event(
    *, certificate: Certificate, kind: str, effective_on: date, reason: str, actor: Actor
) -> CertificateEvent:
    return CertificateEvent.objects.create(
        certificate=certificate,
        kind=kind,
        effective_on=effective_on,
        reason=reason,
        recorded_at=timezone.now(),
        recorded_by=actor,
    )


@transaction.atomic
def certificate_issue(
    *,
    actor: Actor,
    officer: Officer,
    number: str,
    issuer: str,
    domains: Iterable[EnforcementDomain],
    valid_from: date,
    valid_to: date,
    reason: str = "申领发证",
    refresh_duty_spans: bool = True,
) -> Certificate:
    """Register a newly issued certificate (申领).

    Refused (409) in a domain where the same person holds a suspended (暂扣) certificate, until that
    one is restored or cancelled (rules.require_no_blocked_certificate_in_domains).

    `refresh_duty_spans=False`: the caller refreshes the officer's duty spans itself, once for many
    officers (officer_duty_refresh; the officers import does so at the end of the file).

    Writes: Certificate, CertificateEvent ISSUED, the officer's duty spans, AuditEvent CERTIFICATE_ISSUED.
    """
    number = number.strip()
    domain_list = list(domains)
    if not number:
        raise DomainError("执法证号不能为空。", code="certificate_number_required", fields={"number": ["必填。"]})
    if error := rules.certificate_term_error(valid_from=valid_from, valid_to=valid_to):
        raise DomainError(error, code="certificate_bad_range", fields={"valid_to": [error]})
    if not domain_list:
        raise DomainError(
            "执法证至少应有一个执法领域。", code="certificate_domain_required", fields={"domains": ["必填。"]}
        )
    if Certificate.objects.filter(number=number).exists():
        raise Conflict(f"执法证号“{number}”已存在。", code="certificate_number_taken", fields={"number": ["已存在。"]})
    rules.require_no_blocked_certificate_in_domains(
        domain_codes=[d.code for d in domain_list],
        held=selectors.certificates_held_by_person(person_id=officer.person_id),
    )
    certificate = Certificate.objects.create(
        officer=officer, number=number, issuer=issuer, valid_from=valid_from, valid_to=valid_to
    )
    certificate.domains.set(domain_list)
    _certificate_event(
        certificate=certificate, kind=CertificateEventKind.ISSUED, effective_on=valid_from, reason=reason, actor=actor
    )
    if refresh_duty_spans:
        officer_duty_refresh(officer_ids=[officer.pk])
    record_audit(
        actor=actor,
        event_type=AuditEventType.CERTIFICATE_ISSUED,
        target=certificate,
        reason=reason,
        changes={
            "number": [None, number],
            "officer": [None, officer.pk],
            "valid_from": [None, valid_from.isoformat()],
            "valid_to": [None, valid_to.isoformat()],
            "domains": [None, sorted(d.code for d in domain_list)],
        },
    )
    return certificate


@transaction.atomic
def certificate_change(
    *,
    actor: Actor,
    certificate: Certificate,
    effective_on: date,
    reason: str,
    valid_to: date | None = None,
    domains: Iterable[EnforcementDomain] | None = None,
    refresh_duty_spans: bool = True,
) -> Certificate:
    """Change validity or domains (变更); a domain of the person's suspended certificate cannot be added.

    Writes: Certificate, CertificateEvent CHANGED, the officer's duty spans (validity; see
    certificate_issue for `refresh_duty_spans`), AuditEvent.
    """
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    rules.require_certificate_transition(status=locked.status, kind=CertificateEventKind.CHANGED)
    changes: dict[str, list[Any]] = {}
    if valid_to is not None and valid_to != locked.valid_to:
        if error := rules.certificate_term_error(valid_from=locked.valid_from, valid_to=valid_to):
            raise DomainError(error, code="certificate_bad_range", fields={"valid_to": [error]})
        changes["valid_to"] = [locked.valid_to.isoformat(), valid_to.isoformat()]
        locked.valid_to = valid_to
        locked.save(update_fields=["valid_to", "updated_at"])
    if domains is not None:
        new_domains = list(domains)
        if not new_domains:
            raise DomainError("执法证至少应有一个执法领域。", code="certificate_domain_required")
        old_codes = sorted(locked.domains.values_list("code", flat=True))
        new_codes = sorted(d.code for d in new_domains)
        rules.require_no_blocked_certificate_in_domains(
            domain_codes=set(new_codes) - set(old_codes),
            held=selectors.certificates_held_by_person(person_id=locked.officer.person_id, exclude_pk=locked.pk),
        )
        if old_codes != new_codes:
            changes["domains"] = [old_codes, new_codes]
            locked.domains.set(new_domains)
    if not changes:
        return locked
    _certificate_event(
        certificate=locked, kind=CertificateEventKind.CHANGED, effective_on=effective_on, reason=reason, actor=actor
    )
    if "valid_to" in changes and refresh_duty_spans:
        officer_duty_refresh(officer_ids=[locked.officer_id])
    record_audit(
        actor=actor, event_type=AuditEventType.CERTIFICATE_CHANGED, target=locked, reason=reason, changes=changes
    )
    return locked


_STATUS_AFTER = {
    CertificateEventKind.SUSPENDED: CertificateStatus.SUSPENDED,
    CertificateEventKind.REINSTATED: CertificateStatus.VALID,
    CertificateEventKind.REVOKED: CertificateStatus.REVOKED,
}
_AUDIT_FOR = {
    CertificateEventKind.SUSPENDED: AuditEventType.CERTIFICATE_SUSPENDED,
    CertificateEventKind.REINSTATED: AuditEventType.CERTIFICATE_REINSTATED,
    CertificateEventKind.REVOKED: AuditEventType.CERTIFICATE_REVOKED,
}


@transaction.atomic
def certificate_set_status(
    *, actor: Actor, certificate: Certificate, kind: str, effective_on: date, reason: str
) -> Certificate:
    """暂扣 (suspend), 恢复 (reinstate) or 注销 (revoke) a certificate from `effective_on`.

    The status moves with a conditional UPDATE on the old status, so two people acting on the same
    certificate at once cannot both succeed (the loser gets a 409).
    Writes: Certificate.status, CertificateEvent, the officer's duty spans,
    AuditEvent CERTIFICATE_SUSPENDED/REINSTATED/REVOKED.
    """
    if kind not in _STATUS_AFTER:
        raise DomainError(f"未知的执法证变动事项：{kind}", code="certificate_unknown_event")
    if not reason.strip():
        raise DomainError("请填写原因。", code="reason_required", fields={"reason": ["必填。"]})
    old_status = certificate.status
    rules.require_certificate_transition(status=old_status, kind=kind)
    new_status = _STATUS_AFTER[kind]
    updated = Certificate.objects.filter(pk=certificate.pk, status=old_status).update(
        status=new_status, updated_at=timezone.now()
    )
    if updated != 1:
        raise Conflict("执法证状态已被他人修改，请刷新后重试。", code="certificate_state_changed")
    certificate.refresh_from_db()
    _certificate_event(certificate=certificate, kind=kind, effective_on=effective_on, reason=reason, actor=actor)
    officer_duty_refresh(officer_ids=[certificate.officer_id])
    record_audit(
        actor=actor,
        event_type=_AUDIT_FOR[kind],
        target=certificate,
        reason=reason,
        changes={"status": [old_status, new_status], "effective_on": [None, effective_on.isoformat()]},
    )
    return certificate


# --- 持证在岗 spans (derived from the officers and their certificates, read by supervision) ------------


def _duty_spans_of(officer_ids: Collection[int]) -> dict[int, tuple[int, list[rules.DutySpan]]]:
    """Officer id → (unit id, spans) for the officers among `officer_ids` holding a certificate."""
    certificates = list(
        Certificate.objects.filter(officer_id__in=officer_ids).values_list("pk", "officer_id", "valid_from", "valid_to")
    )
    if not certificates:
        return {}
    events: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for certificate_id, effective_on, kind in (
        CertificateEvent.objects.filter(certificate_id__in=[row[0] for row in certificates])
        .order_by("certificate_id", "effective_on", "pk")
        .values_list("certificate_id", "effective_on", "kind")
    ):
        events[certificate_id].append((effective_on, kind))
    held: dict[int, list[tuple[date, date, list[tuple[date, str]]]]] = defaultdict(list)
    for certificate_id, officer_id, valid_from, valid_to in certificates:
        held[officer_id].append((valid_from, valid_to, events[certificate_id]))
    return {
        officer_id: (unit_id, rules.officer_duty_spans(on_duty=is_active, certificates=held[officer_id]))
        for officer_id, unit_id, is_active in Officer.objects.filter(pk__in=list(held)).values_list(
            "pk", "unit_id", "is_active"
        )
    }


def _unit_duty_add(deltas: Counter[tuple[int, date, date]]) -> None:
    """Add officer counts to UnitDutySpan rows (INSERT … ON CONFLICT DO UPDATE: concurrent writers
    of one row both count, on SQLite and PostgreSQL); rows that fall to zero are removed."""
    span_counts_add(model=UnitDutySpan, count_field="officers", deltas=deltas)


def _officer_duty_write(officer_ids: Collection[int], deltas: Counter[tuple[int, date, date]]) -> None:
    """Replace the duty spans of these officers; add the change of the unit counts to `deltas`."""
    for unit_id, start, end in OfficerDutySpan.objects.filter(officer_id__in=officer_ids, counted=True).values_list(
        "unit_id", "starts_on", "ends_on"
    ):
        deltas[(unit_id, start, end)] -= 1
    OfficerDutySpan.objects.filter(officer_id__in=officer_ids).delete()
    fresh = []
    for officer_id, (unit_id, spans) in _duty_spans_of(officer_ids).items():
        for span in spans:
            fresh.append(
                OfficerDutySpan(
                    officer_id=officer_id, unit_id=unit_id, counted=span.counted,
                    starts_on=span.starts_on, ends_on=span.ends_on,
                )
            )  # fmt: skip
            if span.counted:
                deltas[(unit_id, span.starts_on, span.ends_on)] += 1
    OfficerDutySpan.objects.bulk_create(fresh, batch_size=2000)


DUTY_BATCH = 2000  # officers per statement (SQLite binds each id)


@transaction.atomic(savepoint=False)
def officer_duty_refresh(*, officer_ids: Collection[int]) -> None:
    """Recompute the 持证在岗 spans of these officers after a change to them or their certificates.

    Called explicitly by every service that changes what the spans derive from (certificate
    issue/change/status, officer on/off duty), and once per file by the officers import; the
    officers are locked first so that two changes of one officer cannot both subtract the same old
    spans. Writes: OfficerDutySpan, UnitDutySpan.
    """
    ids = sorted(set(officer_ids))
    deltas: Counter[tuple[int, date, date]] = Counter()
    for offset in range(0, len(ids), DUTY_BATCH):
        part = ids[offset : offset + DUTY_BATCH]
        list(Officer.objects.select_for_update().filter(pk__in=part).order_by("pk").values_list("pk", flat=True))
        _officer_duty_write(part, deltas)
    _unit_duty_add(deltas)


@transaction.atomic
def officer_duty_rebuild() -> int:
    """Recompute every officer's 持证在岗 spans from scratch; return the number of officers with spans.

    For data written without the services (bulk set-up, a database from before the spans existed):
    `python manage.py duty_spans_rebuild`. Writes: OfficerDutySpan, UnitDutySpan (derived data, no audit).
    """
    OfficerDutySpan.objects.all().delete()
    UnitDutySpan.objects.all().delete()
    holders = sorted(set(Certificate.objects.values_list("officer_id", flat=True)))
    deltas: Counter[tuple[int, date, date]] = Counter()
    for offset in range(0, len(holders), DUTY_BATCH):
        _officer_duty_write(holders[offset : offset + DUTY_BATCH], deltas)
    UnitDutySpan.objects.bulk_create(
        [UnitDutySpan(unit_id=u, starts_on=s, ends_on=e, officers=n) for (u, s, e), n in deltas.items() if n],
        batch_size=2000,
    )
    return len(holders)
