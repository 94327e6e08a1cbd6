"""`fazhi import powers FILE` and `fazhi import checkitems FILE`, and the same for web and API uploads.

Every row is checked before anything is written; a file with any bad row imports nothing and the
report lists each bad row with its spreadsheet row number and the reason. Good files are written by
fazhi.powers.services in one transaction. `restrict_to` (a user) limits the file to the units that
user administers; the command line passes None (the system actor may import for every unit).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fazhi.core.errors import DomainError, NotFound
from fazhi.core.importing import ImportReport, RowError
from fazhi.orgs.models import OrgUnit, User
from fazhi.orgs.selectors import org_unit_get_by_code, user_can_manage_unit
from fazhi.powers import rules, services
from fazhi.powers.choices import ListKind
from fazhi.powers.selectors import check_items_by_code, power_items_by_code
from fazhi.powers.tabular import Table, read_table

POWER_HEADERS = ("事项编码", "事项名称", "事项类别", "实施主体编码", "设定依据")
POWER_OPTIONAL_HEADERS = ("状态",)
CHECK_HEADERS = ("检查事项编码", "检查事项名称", "实施主体编码", "权责事项编码", "检查依据", "检查方式")
NAME_MAX_LENGTH = 300


def _units_by_code(codes: set[str]) -> dict[str, OrgUnit]:
    # A file names a handful of units: one lookup per distinct code.
    units = {}
    for code in sorted(codes):
        if code:
            try:
                units[code] = org_unit_get_by_code(code=code)
            except NotFound:
                continue
    return units


class _RowChecker:
    """Collects the errors of one file; `check` turns a DomainError of a rule into a RowError."""

    def __init__(self, report: ImportReport, restrict_to: User | None) -> None:
        self.report = report
        self.restrict_to = restrict_to
        self._manageable: dict[int, bool] = {}

    def error(self, row: int, column: str, message: str) -> None:
        self.report.add_error(RowError(row=row, column=column, message=message))

    def check(self, row: int, column: str, rule: Callable[[], Any]) -> Any:
        try:
            return rule()
        except DomainError as exc:
            self.error(row, column, exc.message)
            return None

    def text(self, row: int, cells: dict[str, str], column: str, label: str) -> str | None:
        value = cells.get(column, "").strip()
        if not value:
            self.error(row, column, f"{label}不能为空。")
            return None
        if len(value) > NAME_MAX_LENGTH:
            self.error(row, column, f"{label}过长（不超过{NAME_MAX_LENGTH}字）。")
            return None
        return value

    def code(self, row: int, cells: dict[str, str], column: str, seen: dict[str, int]) -> str | None:
        code = self.check(row, column, lambda: rules.require_valid_code(cells.get(column, ""), label=column))
        if code is None:
            return None
        if code in seen:
            self.error(row, column, f"{column}“{code}”在文件中重复（与第{seen[code]}行重复）。")
            return None
        seen[code] = row
        return code

    def manages(self, unit: OrgUnit) -> bool:
        if self.restrict_to is None:
            return True
        if unit.pk not in self._manageable:
            self._manageable[unit.pk] = user_can_manage_unit(user=self.restrict_to, unit=unit)
        return self._manageable[unit.pk]

    def unit(self, row: int, cells: dict[str, str], units: dict[str, OrgUnit]) -> OrgUnit | None:
        code = cells.get("实施主体编码", "").strip()
        if not code:
            self.error(row, "实施主体编码", "实施主体编码不能为空。")
            return None
        unit = units.get(code)
        # An unknown unit and one the user does not administer read the same (no existence leak).
        if unit is None or not self.manages(unit):
            self.error(row, "实施主体编码", f"未知的实施主体编码“{code}”，或无权管理该单位。")
            return None
        return unit

    def existing_owner(self, row: int, column: str, code: str, current: Any) -> bool:
        """An existing entry may be updated only by someone who administers its current unit."""
        if current is not None and not self.manages(current.owner_unit):
            self.error(row, column, f"{column}“{code}”已被其他单位使用。")
            return False
        return True


def _read(
    report: ImportReport, data: bytes, filename: str, required: tuple[str, ...], optional: tuple[str, ...]
) -> Table | None:
    try:
        return read_table(data, filename=filename, required=required, optional=optional)
    except DomainError as exc:
        report.add_error(RowError(row=1, column="文件", message=exc.message))
        return None


def _no_rows(report: ImportReport, table: Table) -> bool:
    if not table.rows:
        report.add_error(RowError(row=table.header_row, column="文件", message="文件中没有数据行。"))
        return True
    return False


def _finish(report: ImportReport, write: Callable[[], services.ImportOutcome]) -> ImportReport:
    try:
        outcome = write()
    except services.ImportRowRefused as exc:
        report.add_error(RowError(row=exc.row, message=exc.message))
        return report
    report.created, report.updated, report.unchanged = outcome.created, outcome.updated, outcome.unchanged
    report.details["unresolved_citations"] = outcome.unresolved_citations
    report.details["without_basis"] = outcome.without_basis
    if outcome.list_import is not None:
        report.details["import_id"] = outcome.list_import.pk
    return report


def power_list_import_file(
    *, actor: Any, data: bytes, filename: str, dry_run: bool = False, restrict_to: User | None = None
) -> ImportReport:
    """Validate and import a 权责清单 file (CSV or XLSX); see the module docstring."""
    report = ImportReport(kind=ListKind.POWERS.value, source=filename)
    table = _read(report, data, filename, POWER_HEADERS, POWER_OPTIONAL_HEADERS)
    if table is None or _no_rows(report, table):
        return report
    checker = _RowChecker(report, restrict_to)
    units = _units_by_code({cells.get("实施主体编码", "").strip() for _row, cells in table.rows})
    existing = power_items_by_code(codes=[cells.get("事项编码", "").strip() for _row, cells in table.rows])
    has_status = "状态" in table.headers
    seen: dict[str, int] = {}
    rows: list[services.PowerItemRow] = []
    for number, cells in table.rows:
        errors_before = report.error_total
        code = checker.code(number, cells, "事项编码", seen)
        name = checker.text(number, cells, "事项名称", "事项名称")
        category = checker.check(number, "事项类别", lambda c=cells: rules.parse_category(c.get("事项类别", "")))
        unit = checker.unit(number, cells, units)
        status = (
            checker.check(number, "状态", lambda c=cells: rules.parse_status(c.get("状态", ""))) if has_status else None
        )
        basis = cells.get("设定依据", "").strip()
        checker.check(number, "设定依据", lambda b=basis: rules.require_power_item_basis(basis_text=b, article_count=0))
        if code is not None:
            checker.existing_owner(number, "事项编码", code, existing.get(code))
        if report.error_total == errors_before:
            rows.append(
                services.PowerItemRow(
                    row=number,
                    code=code,
                    name=name,
                    category=category,
                    owner_unit=unit,
                    basis_text=basis,
                    status=status,
                )
            )
    if report.errors:
        return report
    checksum = hashlib.sha256(data).hexdigest()
    return _finish(
        report,
        lambda: services.power_items_import(
            actor=actor, rows=rows, filename=filename, checksum=checksum, dry_run=dry_run
        ),
    )


def check_list_import_file(
    *, actor: Any, data: bytes, filename: str, dry_run: bool = False, restrict_to: User | None = None
) -> ImportReport:
    """Validate and import a 检查清单 file (CSV or XLSX); see the module docstring."""
    report = ImportReport(kind=ListKind.CHECK_ITEMS.value, source=filename)
    table = _read(report, data, filename, CHECK_HEADERS, ())
    if table is None or _no_rows(report, table):
        return report
    checker = _RowChecker(report, restrict_to)
    units = _units_by_code({cells.get("实施主体编码", "").strip() for _row, cells in table.rows})
    existing = check_items_by_code(codes=[cells.get("检查事项编码", "").strip() for _row, cells in table.rows])
    power_codes = {code for _row, cells in table.rows for code in rules.split_codes(cells.get("权责事项编码", ""))}
    power_items = power_items_by_code(codes=power_codes)
    seen: dict[str, int] = {}
    rows: list[services.CheckItemRow] = []
    for number, cells in table.rows:
        errors_before = report.error_total
        code = checker.code(number, cells, "检查事项编码", seen)
        name = checker.text(number, cells, "检查事项名称", "检查事项名称")
        unit = checker.unit(number, cells, units)
        method = checker.check(number, "检查方式", lambda c=cells: rules.parse_check_method(c.get("检查方式", "")))
        codes = rules.split_codes(cells.get("权责事项编码", ""))
        linked = []
        if not codes:
            checker.error(number, "权责事项编码", "权责事项编码不能为空：检查事项至少要关联一个权责事项。")
        for power_code in codes:
            item = power_items.get(power_code)
            if item is None or not checker.manages(item.owner_unit):
                checker.error(number, "权责事项编码", f"未知的权责事项编码“{power_code}”。")
                continue
            if unit is not None:
                checker.check(
                    number,
                    "权责事项编码",
                    lambda i=item, u=unit: rules.require_unit_reaches(
                        acting_unit_path=u.path, owner_unit_path=i.owner_unit.path, label=f"权责事项“{i.code}”"
                    ),
                )
            linked.append(item)
        if code is not None:
            checker.existing_owner(number, "检查事项编码", code, existing.get(code))
        if report.error_total == errors_before:
            rows.append(
                services.CheckItemRow(
                    row=number,
                    code=code,
                    name=name,
                    owner_unit=unit,
                    power_items=tuple(linked),
                    basis_text=cells.get("检查依据", "").strip(),
                    check_method=method,
                )
            )
    if report.errors:
        return report
    checksum = hashlib.sha256(data).hexdigest()
    return _finish(
        report,
        lambda: services.check_items_import(
            actor=actor, rows=rows, filename=filename, checksum=checksum, dry_run=dry_run
        ),
    )


def import_power_list(path: Path, *, actor: Any, dry_run: bool = False) -> ImportReport:
    """The `fazhi import powers FILE` entry point."""
    return power_list_import_file(actor=actor, data=path.read_bytes(), filename=path.name, dry_run=dry_run)


def import_check_list(path: Path, *, actor: Any, dry_run: bool = False) -> ImportReport:
    """The `fazhi import checkitems FILE` entry point."""
    return check_list_import_file(actor=actor, data=path.read_bytes(), filename=path.name, dry_run=dry_run)
