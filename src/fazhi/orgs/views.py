"""Officers with their 行政执法证, and the certificate lifecycle (登记发证 / 变更 / 暂扣 / 恢复 / 注销) as
forms calling the same orgs services as the API.

Who may do what (orgs.rules.may_administer_certificates, RULES.md §9.6–9.8): the 司法行政机关's
执法监督人员 keep the registry for the units under their grant; unit admins and system admins see
the officers and certificates of theirs. An officer or certificate outside the user's scope answers
404, as the API does; a user who sees no unit at all gets 403 on the list, and a viewer who posts a
lifecycle step gets 403. With HTMX a lifecycle form re-renders only the certificates section.

单位导入 and 执法人员/执法证导入: the files of `fazhi import units|officers`, uploaded by the users
whose grants cover them (system admins: the unit tree; supervisors: the certificates of their region),
with the command's checks and all-or-nothing write (orgs.importers).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core.errors import DomainError, Forbidden, NotFound
from fazhi.core.importing import ImportReport
from fazhi.core.uploads import import_upload_handle
from fazhi.orgs import importers, selectors, services
from fazhi.orgs.choices import CertificateEventKind, CertificateStatus, OrgUnitKind
from fazhi.orgs.forms import (
    CertificateChangeForm,
    CertificateIssueForm,
    CertificateStatusForm,
    OfficerFilterForm,
)
from fazhi.orgs.models import Certificate, Officer, OrgUnit
from fazhi.orgs.rules import CERTIFICATE_AUTHORITY_REFUSAL

EXPIRY_WARNING_DAYS = 30
PAGE_SIZE = 50
# URL slug → (lifecycle event, button label)
STATUS_ACTIONS = {
    "suspend": (CertificateEventKind.SUSPENDED, "暂扣"),
    "reinstate": (CertificateEventKind.REINSTATED, "恢复"),
    "revoke": (CertificateEventKind.REVOKED, "注销"),
}
ACTIONS_BY_STATUS = {
    CertificateStatus.VALID: ["change", "suspend", "revoke"],
    CertificateStatus.SUSPENDED: ["reinstate", "revoke"],
    CertificateStatus.REVOKED: [],
}


def _is_partial(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def _managed_units(request: HttpRequest) -> list[OrgUnit]:
    try:
        return selectors.certificate_view_units_or_refuse(user=request.user)
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from exc


@dataclass(frozen=True, slots=True)
class CertificateRow:
    certificate: Certificate
    expiring: bool  # valid, and its validity ends within EXPIRY_WARNING_DAYS
    expired: bool


def _certificate_row(certificate: Certificate, today: date) -> CertificateRow:
    valid = certificate.status == CertificateStatus.VALID
    expired = certificate.valid_to < today
    expiring = valid and not expired and certificate.valid_to <= today + timedelta(days=EXPIRY_WARNING_DAYS)
    return CertificateRow(certificate, expiring, expired)


@login_required
@require_GET
def officer_list_view(request: HttpRequest) -> HttpResponse:
    """执法人员与执法证: the officers of the units the user manages, certificates expiring soon highlighted."""
    units = _managed_units(request)
    today = timezone.localdate()
    form = OfficerFilterForm(request.GET or None, units=units)
    filters = form.cleaned_data if form.is_valid() else {}
    officers = selectors.officer_registry_list_for(user=request.user)
    if code := filters.get("unit"):
        picked = next(u for u in units if u.code == code)
        officers = officers.filter(unit__path__startswith=picked.path)
    if query := (filters.get("q") or "").strip():
        officers = officers.filter(Q(person__name__icontains=query) | Q(certificates__number__icontains=query))
    if filters.get("expiring"):
        officers = officers.filter(
            certificates__status=CertificateStatus.VALID,
            certificates__valid_to__gte=today,
            certificates__valid_to__lte=today + timedelta(days=EXPIRY_WARNING_DAYS),
        )
    certificates = selectors.certificate_registry_list_for(user=request.user).order_by("-valid_to", "number")
    officers = officers.distinct().prefetch_related(Prefetch("certificates", queryset=certificates))
    page = Paginator(officers, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(officer, [_certificate_row(c, today) for c in officer.certificates.all()]) for officer in page]
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "today": today,
        "warning_days": EXPIRY_WARNING_DAYS,
        "query": params.urlencode(),
        "can_administer": selectors.user_can_administer_certificates(user=request.user),
        "can_import_units": selectors.unit_import_paths_for(user=request.user) != [],
    }
    template = "orgs/officer_list.html#officer-table" if _is_partial(request) else "orgs/officer_list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


# --- one officer and the certificate lifecycle -----------------------------------------------------


@dataclass
class PageState:
    bound: dict[str, forms.Form] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    notice: str = ""


def _managed_officer(request: HttpRequest, officer_id: int) -> Officer:
    try:
        return selectors.officer_registry_get_for_user(user=request.user, officer_id=officer_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _administered_officer(request: HttpRequest, officer_id: int) -> Officer:
    """The officer when the user may act on their certificates: 404 outside the scope, 403 for a viewer."""
    officer = _managed_officer(request, officer_id)
    if not selectors.user_can_administer_certificates(user=request.user, unit=officer.unit):
        raise PermissionDenied(CERTIFICATE_AUTHORITY_REFUSAL)
    return officer


def _managed_certificate(request: HttpRequest, officer: Officer, number: str) -> Certificate:
    try:
        certificate = selectors.certificate_registry_get_for_user(user=request.user, number=number)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if certificate.officer_id != officer.pk:
        raise Http404("执法证不存在或无权访问。")
    return certificate


def _officer_context(request: HttpRequest, officer: Officer, state: PageState) -> dict[str, Any]:
    today = timezone.localdate()
    domains = list(selectors.enforcement_domain_list())
    can_administer = selectors.user_can_administer_certificates(user=request.user, unit=officer.unit)
    certificates = []
    for certificate in selectors.certificate_registry_list_for(user=request.user).filter(officer=officer):
        row = _certificate_row(certificate, today)
        forms_for: list[tuple[str, str, forms.Form, str]] = []
        for slug in ACTIONS_BY_STATUS[CertificateStatus(certificate.status)] if can_administer else []:
            key = f"{slug}-{certificate.number}"
            form = state.bound.get(key)
            if slug == "change":
                if form is None:
                    form = CertificateChangeForm(
                        initial={
                            "valid_to": certificate.valid_to,
                            "domains": [d.code for d in certificate.domains.all()],
                        },
                        auto_id=f"id_{key}_%s",
                    )
                    form.set_domains(domains)
                label = "变更"
            else:
                form = form or CertificateStatusForm(auto_id=f"id_{key}_%s")
                label = STATUS_ACTIONS[slug][1]
            forms_for.append((slug, label, form, state.errors.get(key, "")))
        events = list(certificate.events.order_by("effective_on", "pk"))
        certificates.append({"row": row, "forms": forms_for, "events": events})
    issue_form = state.bound.get("issue")
    if issue_form is None:
        issue_form = CertificateIssueForm(
            initial={"domains": [d.code for d in officer.unit.domains.all()]}, auto_id="id_issue_%s"
        )
        issue_form.set_domains(domains)
    verdict = selectors.officer_certificate_validity(officer=officer, on=today)
    shown = {"issue"} | {
        f"{slug}-{item['row'].certificate.number}" for item in certificates for slug, *_ in item["forms"]
    }
    return {
        # a refusal of a step the certificate's state no longer offers (a stale page) shows on top
        "general_error": next((msg for key, msg in state.errors.items() if key not in shown), ""),
        "officer": officer,
        "today": today,
        "certificates": certificates,
        "issue_form": issue_form,
        "issue_error": state.errors.get("issue", ""),
        "verdict": verdict,
        "notice": state.notice,
        "warning_days": EXPIRY_WARNING_DAYS,
        "can_administer": can_administer,
        "authority_note": CERTIFICATE_AUTHORITY_REFUSAL,  # shown only when not can_administer
    }


def _render_officer(request: HttpRequest, officer: Officer, state: PageState, status: int = 200) -> HttpResponse:
    template = "orgs/officer_detail.html#certificates" if _is_partial(request) else "orgs/officer_detail.html"
    response = render(request, template, _officer_context(request, officer, state), status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _answer(request: HttpRequest, officer: Officer, state: PageState, status: int) -> HttpResponse:
    if status < 300 and not _is_partial(request):
        messages.success(request, state.notice)
        return redirect("orgs:officer_detail", officer_id=officer.pk)
    officer = _managed_officer(request, officer.pk)
    return _render_officer(request, officer, state, status)


@login_required
@require_GET
def officer_detail_view(request: HttpRequest, officer_id: int) -> HttpResponse:
    officer = _managed_officer(request, officer_id)
    return _render_officer(request, officer, PageState())


@login_required
@require_POST
def certificate_issue_view(request: HttpRequest, officer_id: int) -> HttpResponse:
    """申领 (登记发证): services.certificate_issue."""
    officer = _administered_officer(request, officer_id)
    domains = list(selectors.enforcement_domain_list())
    form = CertificateIssueForm(request.POST, auto_id="id_issue_%s")
    form.set_domains(domains)
    state = PageState()
    if not form.is_valid():
        state.bound["issue"], state.errors["issue"] = form, "请检查填写的内容。"
        return _answer(request, officer, state, 400)
    values = dict(form.cleaned_data)
    values["domains"] = [d for d in domains if d.code in values["domains"]]
    try:
        certificate = services.certificate_issue(actor=request.user, officer=officer, **values)
    except DomainError as exc:
        state.bound["issue"], state.errors["issue"] = form, exc.message
        return _answer(request, officer, state, exc.status_code)
    state.notice = f"已登记执法证 {certificate.number}。"
    return _answer(request, officer, state, 200)


@login_required
@require_POST
def certificate_change_view(request: HttpRequest, officer_id: int, number: str) -> HttpResponse:
    """变更: services.certificate_change (validity end and/or domains)."""
    officer = _administered_officer(request, officer_id)
    certificate = _managed_certificate(request, officer, number)
    domains = list(selectors.enforcement_domain_list())
    key = f"change-{certificate.number}"
    form = CertificateChangeForm(request.POST, auto_id=f"id_{key}_%s")
    form.set_domains(domains)
    state = PageState()
    if not form.is_valid():
        state.bound[key], state.errors[key] = form, "请检查填写的内容。"
        return _answer(request, officer, state, 400)
    values = dict(form.cleaned_data)
    picked = values.pop("domains")
    try:
        services.certificate_change(
            actor=request.user,
            certificate=certificate,
            domains=[d for d in domains if d.code in picked] if picked else None,
            **values,
        )
    except DomainError as exc:
        state.bound[key], state.errors[key] = form, exc.message
        return _answer(request, officer, state, exc.status_code)
    state.notice = f"已变更执法证 {certificate.number}。"
    return _answer(request, officer, state, 200)


@login_required
@require_POST
def certificate_status_view(request: HttpRequest, officer_id: int, number: str, action: str) -> HttpResponse:
    """暂扣 / 恢复 / 注销: services.certificate_set_status."""
    if action not in STATUS_ACTIONS:
        raise Http404("没有这项操作。")
    officer = _administered_officer(request, officer_id)
    certificate = _managed_certificate(request, officer, number)
    kind, label = STATUS_ACTIONS[action]
    key = f"{action}-{certificate.number}"
    form = CertificateStatusForm(request.POST, auto_id=f"id_{key}_%s")
    state = PageState()
    if not form.is_valid():
        state.bound[key], state.errors[key] = form, "请检查填写的内容。"
        return _answer(request, officer, state, 400)
    try:
        services.certificate_set_status(actor=request.user, certificate=certificate, kind=kind, **form.cleaned_data)
    except DomainError as exc:
        state.bound[key], state.errors[key] = form, exc.message
        return _answer(request, officer, state, exc.status_code)
    state.notice = f"已{label}执法证 {certificate.number}。"
    return _answer(request, officer, state, 200)


# --- 单位导入 and 执法人员/执法证导入 -------------------------------------------------------------


def _require_uploader(request: HttpRequest, check: Callable[..., None]) -> None:
    """The importer's refusal of a user who may not upload, as the page answers it (404 or 403)."""
    try:
        check(user=request.user)
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from exc
    except NotFound as exc:
        raise Http404(exc.message) from exc


@dataclass(frozen=True, slots=True)
class ImportPage:
    """What differs between the two upload pages."""

    kind: str  # the importer's kind, "units" or "officers"
    title: str
    intro: str
    notes: str
    headers: tuple[str, ...]
    optional_headers: tuple[str, ...]
    template_url_name: str
    template_filename: str  # Chinese, for the download
    template_ascii_name: str
    require: Callable[..., None]  # raises NotFound / Forbidden for a user who may not upload
    run: Callable[..., ImportReport]


IMPORT_PAGES = {
    "units": ImportPage(
        kind="units",
        title="单位导入",
        intro=(
            "按单位编码新增或更新单位（组织机构是系统配置，由系统管理员维护）。只能导入您管辖范围内的单位："
            "上级单位编码须是范围内的单位（单位的上级不变时除外）；新增顶级单位（上级单位编码为空）只能由超级管理员在服务器上导入。"
        ),
        notes=(
            "是否执法主体填“是”或“否”。单位类型可不填（按层级推定），可填："
            f"{'、'.join(str(kind.label) for kind in OrgUnitKind)}。"
            "多个执法领域用“；”分隔，未登记的名称会新建。机关代字（公文编号用的简称）为空时保留已登记的。"
        ),
        headers=importers.UNIT_HEADERS,
        optional_headers=importers.UNIT_OPTIONAL,
        template_url_name="orgs:unit_import_template",
        template_filename="单位导入模板.csv",
        template_ascii_name="units-template.csv",
        require=importers.require_unit_uploader,
        run=importers.import_units_upload,
    ),
    "officers": ImportPage(
        kind="officers",
        title="执法人员与执法证导入",
        intro=(
            "按执法证号登记执法人员和行政执法证（发证登记由司法行政机关办理）。只能导入您负责发证的单位（授权区域内）的执法证；"
            "已登记在区域以外单位的执法证号不能在此修改。"
        ),
        notes=(
            "日期如 2024-01-01、2024/1/1 或 2024年1月1日。"
            "多个执法领域用“；”分隔，须是已登记的执法领域，为空时取所属单位的领域。"
            "已登记的执法证号只能更新有效期止和执法领域；持证人、所属单位、有效期起不同则拒绝（调动、换证请在执法人员页面办理）。"
            "发证机关为空时取所属单位的上级人民政府。"
        ),
        headers=importers.OFFICER_HEADERS,
        optional_headers=importers.OFFICER_OPTIONAL,
        template_url_name="orgs:officer_import_template",
        template_filename="执法人员导入模板.csv",
        template_ascii_name="officers-template.csv",
        require=importers.require_officer_uploader,
        run=importers.import_officers_upload,
    ),
}


def _import_spec(kind: str) -> ImportPage:
    if kind not in IMPORT_PAGES:
        raise Http404("没有这种导入。")
    return IMPORT_PAGES[kind]


@login_required
@require_http_methods(["GET", "POST"])
def org_import_view(request: HttpRequest, kind: str) -> HttpResponse:
    """单位导入 (`kind="units"`: a system admin's subtrees) or 执法人员与执法证导入 (`"officers"`: the units
    whose certificates the user administers). Bad rows listed by number (400), a concurrent import 409."""
    spec = _import_spec(kind)
    _require_uploader(request, spec.require)
    outcome = import_upload_handle(request, run=spec.run)
    context = {
        **outcome.context(),
        "import_page": spec,
        "recent": selectors.org_import_list_by(user=request.user, kind=spec.kind),
    }
    return render(request, "orgs/import.html", context, status=outcome.status)


@login_required
@require_GET
def org_import_template_view(request: HttpRequest, kind: str) -> HttpResponse:
    """The header row of the file as CSV (UTF-8 with BOM, so that Excel reads the Chinese)."""
    spec = _import_spec(kind)
    _require_uploader(request, spec.require)
    header = ",".join((*spec.headers, *spec.optional_headers))
    response = HttpResponse("\ufeff" + header + "\r\n", content_type="text/csv; charset=utf-8")
    name = quote(spec.template_filename)
    response["Content-Disposition"] = f"attachment; filename=\"{spec.template_ascii_name}\"; filename*=UTF-8''{name}"
    return response
