"""`fazhi import units FILE` and `fazhi import officers FILE` (CSV or XLSX, Chinese headers).

Both read the whole file, check every row, and write nothing if any row is bad; the report lists
each bad row by its spreadsheet number. Good files are written through fazhi.orgs.services (each
write with its audit row) in one transaction, keyed on 单位编码 / 执法证号, so importing the same
file again changes nothing.

Units: 单位编码, 单位名称, 上级单位编码, 执法领域, 是否执法主体 (optional 单位类型, 机关代字 — an empty
机关代字 cell leaves the recorded one as it is). Parents come first
whatever the file order (a parent may also already exist). Without 单位类型 the kind follows the
tree: a root is a 行政区域, its child a 人民政府, a government's child a 政府工作部门, and below a
department a 执法机构 (if 是否执法主体) or 其他单位.

Officers: 执法证号, 姓名, 所属单位编码, 执法领域, 证件有效期起, 证件有效期止 (optional 公民身份号码,
发证机关). A new 执法证号 creates the person (matched by 公民身份号码 when given; Person.citizen_id is
nullable, so an officer imported without one is stored without one), the officer post and the
certificate. A known 执法证号 updates the validity end and the domains (certificate_change); a
different holder, unit or validity start for a known number is refused (a certificate is not
re-assigned by import). The officers' 持证在岗 spans (read by supervision) are refreshed once, after
the last row, instead of once per certificate.

Uploads (the orgs pages and API, `import_units_upload` / `import_officers_upload`) run the same
checks and write with the uploader as actor, limited to the uploader's grants: the unit file to a
system admin's subtrees (a new top-level unit only by a superuser or the command), the officer file
to the units whose certificates a supervisor administers (rules.may_administer_certificates).
Outside them a code is refused as unknown. The command on the server is not limited.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction

from fazhi.core.errors import DomainError, Forbidden, NotFound
from fazhi.core.ids import normalize_id
from fazhi.core.importing import ImportReport, RowError, concurrent_import
from fazhi.core.tabular import DateTextError, TableReader, parse_date_text
from fazhi.core.uploads import saved_upload
from fazhi.orgs import rules, selectors, services
from fazhi.orgs.choices import OrgUnitKind
from fazhi.orgs.models import Certificate, EnforcementDomain, Officer, OrgUnit, Person

UNIT_HEADERS = ("单位编码", "单位名称", "上级单位编码", "执法领域", "是否执法主体")
UNIT_OPTIONAL = ("单位类型", "机关代字")
OFFICER_HEADERS = ("执法证号", "姓名", "所属单位编码", "执法领域", "证件有效期起", "证件有效期止")
OFFICER_OPTIONAL = ("公民身份号码", "发证机关")
KIND_LABELS = {str(choice.label): choice.value for choice in OrgUnitKind}


# Refusals of a write that the checks before it had ruled out: another import committed the same key
# in between (a unit code, a certificate number, a citizen ID). Not the row's fault: answered 409.
_CONCURRENT_CODES = frozenset({"org_unit_code_taken", "certificate_number_taken", "citizen_id_taken"})


_OFFICER_KEYS = "执法证号或公民身份号码"


def _write_all(report: ImportReport, write: Callable[[], None], *, dry_run: bool, key: str) -> None:
    """Run `write` in one transaction (rolled back for a dry run): all rows or none.

    A row the services refuse empties the counts and is reported by its number. Another import that
    committed one of the file's keys (`key`, named in the message) after the checks: 409, nothing
    of this file written.
    """
    try:
        with transaction.atomic():
            write()
            if dry_run:
                transaction.set_rollback(True)
    except _RowRefused as exc:
        report.created = report.updated = report.unchanged = 0
        report.add_error(RowError(row=exc.row, message=exc.message))
    except IntegrityError as exc:
        raise concurrent_import(key) from exc


class _RowRefused(Exception):
    def __init__(self, row: int, message: str) -> None:
        super().__init__(message)
        self.row = row
        self.message = message


def _read(report: ImportReport, path: Path, required: tuple[str, ...], optional: tuple[str, ...]) -> list | None:
    try:
        reader = TableReader(path, required=required, optional=optional)
        rows = list(reader)
    except DomainError as exc:
        report.add_error(RowError(row=1, column="文件", message=exc.message))
        return None
    if not rows:
        report.add_error(RowError(row=reader.header.row, column="文件", message="文件中没有数据行。"))
        return None
    report.details["checksum"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return rows


def _split(text: str) -> list[str]:
    cleaned = text
    for separator in ("；", "、", "，", ","):
        cleaned = cleaned.replace(separator, ";")
    return [part.strip() for part in cleaned.split(";") if part.strip()]


def _yes_no(text: str) -> bool | None:
    value = text.strip().lower()
    if value in {"是", "y", "yes", "true", "1"}:
        return True
    if value in {"否", "n", "no", "false", "0", ""}:
        return False
    return None


def _parse_day(text: str, *, label: str) -> tuple[date | None, str]:
    """(day, "") or (None, the message) for a certificate date cell.

    The same reading as the record import's dates (core.tabular.parse_date_text: a time of day is
    ignored, Excel serial numbers accepted in 1990..2100).
    """
    try:
        return parse_date_text(text, serials=True), ""
    except DateTextError as exc:
        fault = "日期不存在" if exc.nonexistent else "不是有效日期"
        return None, f"{label}“{text}”{fault}。" if text.strip() else f"{label}不能为空。"


def _cycle_message(chain: list[str]) -> str:
    """ "A → B → A": each unit followed by the 上级 the file (or the register) gives it, back to the first."""
    return f"上级单位形成循环：{' → '.join(chain)}（箭头指向上级单位）。"


class _Domains:
    """Resolves 执法领域 by code or name; an unknown name is created (code derived from the name)."""

    def __init__(self) -> None:
        self.by_key: dict[str, EnforcementDomain] = {}
        for domain in EnforcementDomain.objects.all():
            self.by_key[domain.code] = domain
            self.by_key[domain.name] = domain
        self.created: list[str] = []

    def known(self, label: str) -> bool:
        return label in self.by_key

    def get(self, label: str) -> EnforcementDomain:
        if label not in self.by_key:
            code = "D" + hashlib.sha1(label.encode()).hexdigest()[:10].upper()  # noqa: S324 — a name, not security
            domain = services.enforcement_domain_ensure(code=code, name=label)
            self.by_key[label] = domain
            self.created.append(label)
        return self.by_key[label]


def _valid_label(label: str) -> bool:
    return 0 < len(label) <= 32


# --- units -----------------------------------------------------------------------------------------------


@dataclass
class _UnitRow:
    row: int
    code: str
    name: str
    parent_code: str
    domains: list[str]
    is_enforcement_body: bool
    kind: str | None
    document_prefix: str | None = None  # None: not given, keep the recorded one


def _inferred_kind(parent_kind: str | None, is_body: bool) -> str:
    if parent_kind is None:
        return OrgUnitKind.REGION
    if parent_kind == OrgUnitKind.REGION:
        return OrgUnitKind.GOVERNMENT
    if parent_kind == OrgUnitKind.GOVERNMENT:
        return OrgUnitKind.DEPARTMENT
    if parent_kind in (OrgUnitKind.DEPARTMENT, OrgUnitKind.TOWNSHIP) and is_body:
        return OrgUnitKind.ENFORCEMENT_BODY
    return OrgUnitKind.OTHER


def _check(report: ImportReport, row: int, column: str, rule: Callable[[], Any]) -> bool:
    try:
        rule()
    except DomainError as exc:
        report.add_error(RowError(row=row, column=column, message=exc.message))
        return False
    return True


def _inside(path: str, within_paths: Sequence[str] | None) -> bool:
    return within_paths is None or any(path.startswith(prefix) for prefix in within_paths)


def import_units(
    path: Path,
    *,
    actor: Any,
    dry_run: bool = False,
    filename: str | None = None,
    within_paths: Sequence[str] | None = None,
) -> ImportReport:
    """Validate and import a unit file (see the module docstring).

    `filename`: the name the file had when uploaded (an upload is saved under a temporary name).
    `within_paths`: the unit subtrees an uploading system admin may configure (None: every unit, as
    the command run on the server). A row whose unit exists outside them, or whose 上级单位 is outside
    them (and is not the unit's present parent), is refused like an unknown code; a new unit without
    a parent (a new top-level unit, i.e. a new region) is refused: it would lie outside every grant.
    """
    report = ImportReport(kind="units", source=filename or path.name)
    table = _read(report, path, UNIT_HEADERS, UNIT_OPTIONAL)
    if table is None:
        return report
    rows: dict[str, _UnitRow] = {}
    for number, cells in table:
        code = cells["单位编码"].strip()
        name = cells["单位名称"].strip()
        before = report.error_total
        _check(report, number, "单位编码", lambda c=code: rules.require_valid_unit_code(c))
        if code in rows:
            report.add_error(
                RowError(number, f"单位编码“{code}”在文件中重复（与第{rows[code].row}行重复）。", "单位编码")
            )
        if not name or len(name) > 128:
            report.add_error(RowError(number, "单位名称不能为空，且不超过128字。", "单位名称"))
        flag = _yes_no(cells["是否执法主体"])
        if flag is None:
            report.add_error(RowError(number, "是否执法主体应填“是”或“否”。", "是否执法主体"))
        kind_text = cells.get("单位类型", "").strip()
        kind = KIND_LABELS.get(kind_text, kind_text if kind_text in OrgUnitKind.values else None)
        if kind_text and kind is None:
            report.add_error(RowError(number, f"未知的单位类型“{kind_text}”。", "单位类型"))
        domains = _split(cells["执法领域"])
        if any(not _valid_label(d) for d in domains):
            report.add_error(RowError(number, "执法领域名称过长（不超过32字）。", "执法领域"))
        prefix = cells.get("机关代字", "").strip() or None
        if prefix is not None:
            _check(report, number, "机关代字", lambda p=prefix: rules.clean_document_prefix(p))
        if report.error_total == before:
            rows[code] = _UnitRow(number, code, name, cells["上级单位编码"].strip(), domains, bool(flag), kind, prefix)
    existing = {u.code: u for u in OrgUnit.objects.filter(code__in=[*rows, *(r.parent_code for r in rows.values())])}
    # Order parents first; resolve kinds along the way and find unknown parents and cycles.
    ordered: list[_UnitRow] = []
    kinds: dict[str, str] = {code: unit.kind for code, unit in existing.items()}
    # "visiting" while its parents are being placed; "failed" once refused, so that a child's second
    # look at a refused parent neither repeats its error nor mistakes it for a cycle.
    state: dict[str, str] = {}

    # Each known unit's present 上级 by its path (the units in the file and their parents, with every
    # ancestor above them), to find a cycle that runs through units not in the file.
    present_parent: dict[str, str] = {}
    for unit in existing.values():
        codes = [part for part in unit.path.split("/") if part]
        present_parent.update(zip(codes[1:], codes[:-1], strict=False))

    def cycle_through_existing(row: _UnitRow) -> str | None:
        """The whole chain, if the row's parent (a unit not in the file) lies beneath the row's unit."""
        chain = [row.code]
        node: str | None = row.parent_code
        while node and node not in chain:
            chain.append(node)
            node = rows[node].parent_code if node in rows else present_parent.get(node)
        return _cycle_message([*chain, node]) if node == row.code else None

    def refuse(row: _UnitRow, column: str, message: str) -> bool:
        report.add_error(RowError(row.row, message, column))
        return False

    def parent_refusal(row: _UnitRow, current: OrgUnit | None, trail: list[str]) -> str | None:
        """Why the row's 上级单位 cannot be used: None when it can, "" when the parent's own row says why."""
        if row.parent_code == row.code:
            return "上级单位不能是本单位。"
        parent_row = rows.get(row.parent_code)
        if parent_row is not None:  # placed first, whatever the file order
            return None if visit(parent_row, [*trail, row.code]) else ""
        parent = existing.get(row.parent_code)
        # A unit at the top of the uploader's subtree names its present parent, which lies above it.
        keeps_parent = parent is not None and current is not None and current.parent_id == parent.pk
        if parent is None or not (keeps_parent or _inside(parent.path, within_paths)):
            unknown = "未知的上级单位编码" if within_paths is None else "未知或不在您管辖范围内的上级单位编码"
            return f"{unknown}“{row.parent_code}”。"
        return cycle_through_existing(row) if current is not None else None

    def place(row: _UnitRow, trail: list[str]) -> bool:
        current = existing.get(row.code)
        if current is not None and not _inside(current.path, within_paths):
            return refuse(row, "单位编码", f"单位编码“{row.code}”已被您管辖范围以外的单位使用，不能在此导入。")
        parent_kind = None
        if row.parent_code:
            refusal = parent_refusal(row, current, trail)
            if refusal is not None:
                return refuse(row, "上级单位编码", refusal) if refusal else False
            parent_kind = kinds.get(row.parent_code)
        elif current is None and within_paths is not None:
            return refuse(row, "上级单位编码", "请填写上级单位编码：新增顶级单位只能由超级管理员在服务器上导入。")
        kind = row.kind or (current.kind if current else _inferred_kind(parent_kind, row.is_enforcement_body))
        if not _check(
            report,
            row.row,
            "单位类型" if row.kind else "上级单位编码",
            lambda: rules.require_child_kind_allowed(parent_kind=parent_kind, child_kind=kind),
        ):
            return False
        kinds[row.code] = kind
        row.kind = kind
        ordered.append(row)
        return True

    def visit(row: _UnitRow, trail: list[str]) -> bool:
        status = state.get(row.code)
        if status == "visiting":  # back at a unit whose parents are being placed: a cycle
            cycle = trail[trail.index(row.code) :]
            message = _cycle_message([*cycle, row.code])
            for code in cycle:
                refuse(rows[code], "上级单位编码", message)
            return False
        if status is not None:
            return status == "done"
        state[row.code] = "visiting"
        placed = place(row, trail)
        state[row.code] = "done" if placed else "failed"
        return placed

    for row in list(rows.values()):
        visit(row, [])
    if not report.errors:
        write = partial(_write_units, report, ordered, existing, actor)
        _write_all(report, write, dry_run=dry_run, key="单位编码")
    return report


def _write_units(report: ImportReport, ordered: list[_UnitRow], existing: dict[str, OrgUnit], actor: Any) -> None:
    domains = _Domains()
    units = dict(existing)
    reason = f"导入单位：{report.source}"
    for row in ordered:
        try:
            wanted = [domains.get(label) for label in row.domains]
            parent = units.get(row.parent_code) if row.parent_code else None
            current = units.get(row.code)
            if current is None:
                units[row.code] = services.org_unit_create(
                    actor=actor,
                    code=row.code,
                    name=row.name,
                    kind=row.kind or OrgUnitKind.OTHER,
                    parent=parent,
                    document_prefix=row.document_prefix or "",
                    is_enforcement_body=row.is_enforcement_body,
                    domains=wanted,
                    reason=reason,
                )
                report.created += 1
                continue
            before = (
                current.name,
                current.document_prefix,
                current.parent_id,
                current.is_enforcement_body,
                sorted(d.pk for d in current.domains.all()),
            )
            updated = services.org_unit_update(
                actor=actor,
                unit=current,
                name=row.name,
                document_prefix=row.document_prefix,
                parent=parent if parent is not None and parent.pk != current.parent_id else None,
                is_enforcement_body=row.is_enforcement_body,
                domains=wanted,
                reason=reason,
            )
            units[row.code] = updated
            after = (
                updated.name,
                updated.document_prefix,
                updated.parent_id,
                updated.is_enforcement_body,
                sorted(d.pk for d in wanted),
            )
            if after == before:
                report.unchanged += 1
            else:
                report.updated += 1
        except DomainError as exc:
            if exc.code in _CONCURRENT_CODES:
                raise concurrent_import("单位编码") from exc
            raise _RowRefused(row.row, exc.message) from exc
    report.details["created_domains"] = domains.created


# --- officers --------------------------------------------------------------------------------------------


@dataclass
class _OfficerRow:
    row: int
    number: str
    name: str
    unit_code: str
    domains: list[str]
    valid_from: date
    valid_to: date
    citizen_id: str
    issuer: str


def _default_issuer(unit: OrgUnit, units_by_path: dict[str, OrgUnit]) -> str:
    """The 发证机关 when the file gives none: the nearest 人民政府 above the unit (else the root)."""
    codes = [c for c in unit.path.strip("/").split("/") if c]
    chain = [units_by_path.get("/" + "/".join(codes[:n]) + "/") for n in range(len(codes), 0, -1)]
    for ancestor in chain:
        if ancestor is not None and ancestor.kind == OrgUnitKind.GOVERNMENT:
            return ancestor.name
    root = chain[-1] if chain else None
    return f"{root.name}人民政府" if root is not None else "（未填写）"


def import_officers(
    path: Path,
    *,
    actor: Any,
    dry_run: bool = False,
    filename: str | None = None,
    within_paths: Sequence[str] | None = None,
) -> ImportReport:
    """Validate and import an officer/certificate file (see the module docstring).

    `filename`: the name the file had when uploaded. `within_paths`: the unit subtrees whose
    certificates the uploading supervisor administers (None: every unit, as the command run on the
    server). A row of a unit outside them is refused like an unknown unit, and so is a 执法证号
    already registered to an officer of a unit outside them (without naming its holder or unit).
    A scoped upload does not create 执法领域 (platform configuration): an unknown name is refused.
    """
    report = ImportReport(kind="officers", source=filename or path.name)
    table = _read(report, path, OFFICER_HEADERS, OFFICER_OPTIONAL)
    if table is None:
        return report
    unit_codes = {cells["所属单位编码"].strip() for _n, cells in table}
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=unit_codes).prefetch_related("domains")}
    units = {code: unit for code, unit in units.items() if _inside(unit.path, within_paths)}
    numbers = [cells["执法证号"].strip() for _n, cells in table]
    certificates = {
        c.number: c
        for c in Certificate.objects.filter(number__in=numbers).select_related("officer__person", "officer__unit")
    }
    known_domains = _Domains() if within_paths is not None else None
    rows: list[_OfficerRow] = []
    seen: dict[str, int] = {}
    for number, cells in table:
        before = report.error_total
        cert = cells["执法证号"].strip()
        name = cells["姓名"].strip()
        unit_code = cells["所属单位编码"].strip()
        if not cert or len(cert) > 32:
            report.add_error(RowError(number, "执法证号不能为空，且不超过32个字符。", "执法证号"))
        elif cert in seen:
            report.add_error(RowError(number, f"执法证号“{cert}”在文件中重复（与第{seen[cert]}行重复）。", "执法证号"))
        else:
            seen[cert] = number
        if not name or len(name) > 64:
            report.add_error(RowError(number, "姓名不能为空，且不超过64字。", "姓名"))
        unit = units.get(unit_code)
        if unit is None:
            unknown = "未知的单位编码" if within_paths is None else "未知或不在您管辖范围内的单位编码"
            report.add_error(RowError(number, f"{unknown}“{unit_code}”。", "所属单位编码"))
        valid_from, from_error = _parse_day(cells["证件有效期起"], label="证件有效期起")
        valid_to, to_error = _parse_day(cells["证件有效期止"], label="证件有效期止")
        if valid_from is None:
            report.add_error(RowError(number, from_error, "证件有效期起"))
        if valid_to is None:
            report.add_error(RowError(number, to_error, "证件有效期止"))
        if valid_from and valid_to and valid_to < valid_from:
            report.add_error(RowError(number, "证件有效期止不能早于有效期起。", "证件有效期止"))
        domains = _split(cells["执法领域"])
        if any(not _valid_label(d) for d in domains):
            report.add_error(RowError(number, "执法领域名称过长（不超过32字）。", "执法领域"))
        elif known_domains is not None and (unknown_domains := [d for d in domains if not known_domains.known(d)]):
            message = f"未知的执法领域“{'、'.join(unknown_domains)}”（新的执法领域由系统管理员添加）。"
            report.add_error(RowError(number, message, "执法领域"))
        if not domains and unit is not None and not unit.domains.all():
            report.add_error(RowError(number, "执法领域不能为空（所属单位也未登记执法领域）。", "执法领域"))
        citizen_id = normalize_id(cells.get("公民身份号码", "")) if cells.get("公民身份号码", "").strip() else ""
        current = certificates.get(cert)
        if current is not None and not _inside(current.officer.unit.path, within_paths):
            report.add_error(
                RowError(number, f"执法证号“{cert}”已登记在您管辖范围以外的单位，不能在此导入。", "执法证号")
            )
        elif current is not None:
            if current.officer.person.name != name:
                report.add_error(RowError(number, f"执法证号“{cert}”已登记给{current.officer.person.name}。", "姓名"))
            if current.officer.unit.code != unit_code:
                report.add_error(
                    RowError(
                        number,
                        f"执法证号“{cert}”已登记在{current.officer.unit.name}，调动请在系统中办理。",
                        "所属单位编码",
                    )
                )
            if valid_from and current.valid_from != valid_from:
                report.add_error(RowError(number, "已登记执法证的有效期起不能通过导入修改。", "证件有效期起"))
        if report.error_total == before:
            rows.append(
                _OfficerRow(
                    number, cert, name, unit_code, domains, valid_from, valid_to, citizen_id,
                    cells.get("发证机关", "").strip(),
                )
            )  # fmt: skip
    if not report.errors:
        write = partial(_write_officers, report, rows, units, certificates, actor)
        _write_all(report, write, dry_run=dry_run, key=_OFFICER_KEYS)
    return report


def _write_officers(
    report: ImportReport,
    rows: list[_OfficerRow],
    units: dict[str, OrgUnit],
    certificates: dict[str, Certificate],
    actor: Any,
) -> None:
    domains = _Domains()
    paths = {p for u in units.values() for p in _ancestor_paths(u.path)}
    units_by_path = {u.path: u for u in OrgUnit.objects.filter(path__in=paths)}
    people = {
        p.citizen_id: p for p in Person.objects.filter(citizen_id__in=[r.citizen_id for r in rows if r.citizen_id])
    }
    reason = f"导入执法人员：{report.source}"
    touched: set[int] = set()  # officers whose duty spans are refreshed once, after the last row
    for row in rows:
        try:
            unit = units[row.unit_code]
            wanted = [domains.get(label) for label in row.domains] or list(unit.domains.all())
            current = certificates.get(row.number)
            if current is not None:
                old_codes = sorted(current.domains.values_list("code", flat=True))
                if current.valid_to == row.valid_to and old_codes == sorted(d.code for d in wanted):
                    report.unchanged += 1
                    continue
                services.certificate_change(
                    actor=actor,
                    certificate=current,
                    effective_on=row.valid_from,
                    reason=reason,
                    valid_to=row.valid_to,
                    domains=wanted,
                    refresh_duty_spans=False,
                )
                touched.add(current.officer_id)
                report.updated += 1
                continue
            person = people.get(row.citizen_id) if row.citizen_id else None
            if person is None:
                person = services.person_create(actor=actor, name=row.name, citizen_id=row.citizen_id, reason=reason)
                if row.citizen_id:
                    people[row.citizen_id] = person
            officer = Officer.objects.filter(person=person, unit=unit).first() or services.officer_create(
                actor=actor, person=person, unit=unit, reason=reason
            )
            services.certificate_issue(
                actor=actor,
                officer=officer,
                number=row.number,
                issuer=row.issuer or _default_issuer(unit, units_by_path),
                domains=wanted,
                valid_from=row.valid_from,
                valid_to=row.valid_to,
                reason=reason,
                refresh_duty_spans=False,
            )
            touched.add(officer.pk)
            report.created += 1
        except DomainError as exc:
            if exc.code in _CONCURRENT_CODES:
                raise concurrent_import(_OFFICER_KEYS) from exc
            raise _RowRefused(row.row, exc.message) from exc
    services.officer_duty_refresh(officer_ids=touched)
    report.details["created_domains"] = domains.created


def _ancestor_paths(path: str) -> list[str]:
    codes = [c for c in path.strip("/").split("/") if c]
    return ["/" + "/".join(codes[:n]) + "/" for n in range(1, len(codes) + 1)]


# --- uploads (the pages and the API) ---------------------------------------------------------------


def require_unit_uploader(*, user: Any) -> None:
    """Refuse (404, as for a missing page) a user who may not upload the unit file: only system admins
    and superusers configure the org structure."""
    if selectors.unit_import_paths_for(user=user) == []:
        raise NotFound("没有可导入的单位。", code="org_unit_not_found")


def require_officer_uploader(*, user: Any) -> None:
    """Refuse a user who administers no certificates: 403 for those who see them (unit admins, system
    admins: rules.may_administer_certificates), 404 for everybody else."""
    if selectors.officer_import_paths_for(user=user) == []:
        if selectors.certificate_view_units(user=user).exists():
            raise Forbidden(rules.CERTIFICATE_AUTHORITY_REFUSAL, code="certificate_authority_required")
        raise NotFound("没有可导入执法证的单位。", code="not_found")


def import_units_upload(upload: UploadedFile, *, user: Any, dry_run: bool = False) -> ImportReport:
    """Import an uploaded unit file for `user`, within the subtrees of their system-admin grants.

    Refused first (require_unit_uploader) when the user may not upload at all. The same checks and
    all-or-nothing write as `fazhi import units`, with the user as actor (every audit row names them
    and the file). Another type, an oversized file: 400 (core.uploads); another import writing the
    same 单位编码 at the same moment: 409, nothing of this one written.
    """
    require_unit_uploader(user=user)
    with saved_upload(upload) as saved:
        report = import_units(
            saved.path,
            actor=user,
            dry_run=dry_run,
            filename=saved.filename,
            within_paths=selectors.unit_import_paths_for(user=user),
        )
    return report


def import_officers_upload(upload: UploadedFile, *, user: Any, dry_run: bool = False) -> ImportReport:
    """Import an uploaded officer/certificate file for `user`, within the units whose certificates they
    administer (selectors.officer_import_paths_for); otherwise as import_units_upload."""
    require_officer_uploader(user=user)
    with saved_upload(upload) as saved:
        report = import_officers(
            saved.path,
            actor=user,
            dry_run=dry_run,
            filename=saved.filename,
            within_paths=selectors.officer_import_paths_for(user=user),
        )
    return report
