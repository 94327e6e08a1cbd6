"""The 考核指标体系 (assessment scheme) as its page shows it: the versions, who saved each, who may
read and who may save them.

A scheme has no region: every bulletin of the platform ranks with the version in force on its
quarter's last day (definitions.assessment_scheme_on). So every supervisor reads all versions (the
weights that rank their units), and only a supervisor whose grants cover every top-level unit — the
district's 依法治区办/司法局 on a district's platform — saves one: a supervisor of part of the tree
would change the ranking of units they do not supervise. Unit admins read the weights a bulletin
used in the bulletin itself; the system admin keeps the scheme in 后台配置 (admin.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import Forbidden, NotFound
from fazhi.orgs.choices import Role
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.selectors import AnyUser, user_role_grants
from fazhi.supervision.models import AssessmentScheme, IndicatorDefinition
from fazhi.supervision.selectors.scope import SUPERVISE_ROLES, _grant_paths, require_view, user_can_supervise


@dataclass(frozen=True, slots=True)
class SchemeVersion:
    """One version of a scheme with its last save (None for the version shipped by a migration)."""

    scheme: AssessmentScheme
    weights: list[tuple[str, str, Any, str]]  # (indicator code, its name, weight, scale code)
    saved_by: str | None
    saved_at: datetime | None
    reason: str


def scheme_indicators() -> list[tuple[str, str]]:
    """(code, name) of every indicator a scheme may weight, in the definitions' order (latest name)."""
    names: dict[str, str] = {}
    for code, name in IndicatorDefinition.objects.order_by("order", "code", "version").values_list("code", "name"):
        names[code] = name
    return list(names.items())


def assessment_scheme_versions() -> list[SchemeVersion]:
    """Every version of every scheme, newest first within a code, each with its last audited save."""
    schemes = list(AssessmentScheme.objects.order_by("code", "-version"))
    content_type = ContentType.objects.get_for_model(AssessmentScheme)
    saves: dict[str, AuditEvent] = {}
    for event in AuditEvent.objects.filter(
        event_type=AuditEventType.SUPERVISION_ASSESSMENT_SCHEME_SAVED,
        target_type=content_type,
        target_id__in=[str(s.pk) for s in schemes],
    ).order_by("id"):
        saves[event.target_id] = event  # the latest wins
    names = dict(scheme_indicators())
    versions = []
    for scheme in schemes:
        save = saves.get(str(scheme.pk))
        weights = [
            (code, names.get(code, code), spec.get("weight"), spec.get("scale", ""))
            for code, spec in (scheme.weights or {}).items()
        ]
        versions.append(
            SchemeVersion(
                scheme=scheme,
                weights=weights,
                saved_by=save.actor_display if save else None,
                saved_at=save.occurred_at if save else None,
                reason=save.reason if save else "",
            )
        )
    return versions


def assessment_scheme_get(*, scheme_id: int) -> AssessmentScheme:
    scheme = AssessmentScheme.objects.filter(pk=scheme_id).first()
    if scheme is None:
        raise NotFound("考核指标体系版本不存在。", code="supervision.scheme_not_found")
    return scheme


def scheme_values(scheme: AssessmentScheme) -> dict[str, Any]:
    """The arguments of services.assessment_scheme_save that keep `scheme` as it is (to close it)."""
    return {
        "code": scheme.code,
        "name": scheme.name,
        "weights": scheme.weights,
        "bottom_n": scheme.bottom_n,
        "effective_from": scheme.effective_from,
        "effective_to": scheme.effective_to,
        "bulletin_basis": scheme.bulletin_basis,
        "source": scheme.source,
        "missing_indicator_policy": scheme.missing_indicator_policy,
    }


def scheme_close_arguments(*, scheme: AssessmentScheme, effective_to: date, reason: str) -> dict[str, Any]:
    """The arguments of services.assessment_scheme_save that set `scheme`'s 失效日期 and keep the rest."""
    return {**scheme_values(scheme), "effective_to": effective_to, "reason": reason, "version": scheme}


def require_scheme_reader(*, user: AnyUser) -> None:
    """Refuse (403) everyone but supervisors: the system admin is sent to 后台配置, a unit admin to the bulletins."""
    if user_can_supervise(user=user):
        return
    if any(grant.role == Role.SYSTEM_ADMIN for grant in user_role_grants(user=user)):
        raise Forbidden(
            "系统管理员请在“后台配置 › 考核指标体系”中维护；此页面供执法监督人员使用。",
            code="supervision.scheme_in_admin",
        )
    require_view(user=user)  # no supervision role: supervision.no_access
    raise Forbidden(
        "考核指标体系由执法监督人员维护；单位管理员可在执法情况通报中查看本期所用的指标权重。",
        code="supervision.scheme_supervisors_only",
    )


def user_can_save_scheme(*, user: AnyUser) -> bool:
    """A superuser, or a supervisor whose grants cover every top-level unit (see the module docstring)."""
    paths = _grant_paths(user, SUPERVISE_ROLES)
    if paths is None:
        return True
    roots = OrgUnit.objects.filter(parent__isnull=True).values_list("path", flat=True)
    return bool(paths) and all(root in paths for root in roots)


def require_scheme_editor(*, user: AnyUser) -> None:
    require_scheme_reader(user=user)
    if not user_can_save_scheme(user=user):
        raise Forbidden(
            "考核指标体系适用于本平台全部单位的通报排名，只有管辖全部单位的执法监督人员可以保存新版本。",
            code="supervision.scheme_whole_platform",
        )
