"""`fazhi import records FILE`: enforcement records from departmental systems (record once).

Headers: 记录编号, 记录类型 (行政检查 / 行政处罚 / 教育改正 / 行政强制 / 其他), 单位编码, 权责事项编码,
执法证号 (one or more, separated by ；or ;), 发生日期, 录入日期; optional 检查对象代码 (统一社会信用代码 or
公民身份号码 of the inspected entity, for the 综合查一次 list).

Dates may carry a time of day (an XLSX date-time cell), which is dropped, or be Excel serial numbers
(rules.parse_day with serials). A row naming a certificate that was not valid on its 发生日期 (not yet
or no longer in force, 暂扣 or 注销 at that date) is refused (rules.certificate_fault_on).

Every row is checked first, with units, power items and certificates preloaded (a few queries per
file, not per row); a file with any bad row imports nothing and the report lists each bad row by
its spreadsheet number. A good file is written in one transaction by services.records_import,
keyed on 记录编号: importing the same file again changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection
from django.db.models import BooleanField, Model, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

from fazhi.core import sql_lists
from fazhi.core.errors import DomainError
from fazhi.core.importing import ImportReport, RowError, concurrent_import, cyclic_gc_paused
from fazhi.core.tabular import TableReader
from fazhi.core.uploads import saved_upload
from fazhi.orgs.models import Certificate, CertificateEvent, OrgUnit
from fazhi.powers.models import PowerItem
from fazhi.supervision import rules, selectors, services

RECORD_HEADERS = ("记录编号", "记录类型", "单位编码", "权责事项编码", "执法证号", "发生日期", "录入日期")
RECORD_OPTIONAL_HEADERS = ("检查对象代码",)
KEY_MAX_LENGTH = 64


def import_records_upload(upload: UploadedFile, *, user: Any, dry_run: bool = False) -> ImportReport:
    """Import an uploaded record-intake file for `user`, within the units they may upload for.

    The caller has checked that the user may upload at all (selectors.record_import_paths_for is not
    empty). The upload is saved with its own suffix (core.uploads.saved_upload: type and size checked
    first) and imported as by the command, with the user as actor (the audit row names them). Two
    uploads creating the same 记录编号 at the same moment: the second stops on the unique key and is
    answered 409, nothing of it written.
    """
    with saved_upload(upload) as saved:
        try:
            return import_records(
                saved.path,
                actor=user,
                dry_run=dry_run,
                filename=saved.filename,
                within_paths=selectors.record_import_paths_for(user=user),
            )
        except IntegrityError as exc:
            raise concurrent_import("记录编号") from exc


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _chunks(values: list[str], size: int = 5000) -> Iterable[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _among(model: type[Model], column: str, values: set[str] | set[int]) -> Iterable[Q | RawSQL]:
    """Filters selecting rows of `model` whose `column` is one of `values`, in as few queries as possible.

    On PostgreSQL one parameter (core.sql_lists): a file names tens of thousands of codes, and
    binding each as its own parameter costs more than the lookup. Elsewhere, IN lists of 5,000.
    """
    if not values:
        return  # nothing to look up: no query at all
    if connection.vendor == "postgresql":
        name = f"{connection.ops.quote_name(model._meta.db_table)}.{connection.ops.quote_name(column)}"
        numbers = all(isinstance(value, int) for value in values)
        sql = sql_lists.any_bigint_sql(name) if numbers else sql_lists.any_text_sql(name)
        # identifiers from model metadata, quoted; the values are one bound parameter
        yield RawSQL(sql, (sql_lists.list_param(values),), output_field=BooleanField())  # noqa: S611
        return
    for chunk in _chunks(sorted(values)):
        yield Q(**{f"{column}__in": chunk})


def _power_items(codes: set[str]) -> dict[str, tuple[int, str]]:
    result: dict[str, tuple[int, str]] = {}
    for where in _among(PowerItem, "code", codes):
        for code, pk, path in PowerItem.objects.filter(where).values_list("code", "pk", "owner_unit__path"):
            result[code] = (pk, path)
    return result


class _Cert(NamedTuple):
    officer: tuple[int, int]  # (officer id, officer's unit id)
    valid_from: date
    valid_to: date
    events: list[tuple[date, str]]  # dated 暂扣/注销/恢复… (effective_on, kind), in recording order


def _certificates(numbers: set[str]) -> dict[str, _Cert]:
    """The certificates named in the file with their validity and dated history (two queries on
    PostgreSQL, each with one array parameter; none per row)."""
    result: dict[str, _Cert] = {}
    by_pk: dict[int, _Cert] = {}
    for where in _among(Certificate, "number", numbers):
        rows = Certificate.objects.filter(where).values_list(
            "pk", "number", "officer_id", "officer__unit_id", "valid_from", "valid_to"
        )
        for pk, number, officer_id, unit_id, valid_from, valid_to in rows:
            result[number] = by_pk[pk] = _Cert((officer_id, unit_id), valid_from, valid_to, [])
    if not by_pk:
        return result
    # Most certificates have no event; an IN list of 100,000 bound values cost the import a second.
    for where in _among(CertificateEvent, "certificate_id", set(by_pk)):
        events = CertificateEvent.objects.filter(where).order_by("certificate_id", "effective_on", "pk")
        for certificate_id, effective_on, kind in events.values_list("certificate_id", "effective_on", "kind"):
            by_pk[certificate_id].events.append((effective_on, kind))
    return result


def _units(codes: set[str]) -> dict[str, tuple[int, str]]:
    result: dict[str, tuple[int, str]] = {}
    for where in _among(OrgUnit, "code", codes):
        for code, pk, path in OrgUnit.objects.filter(where).values_list("code", "pk", "path"):
            result[code] = (pk, path)
    return result


def _inside(path: str, paths: Sequence[str]) -> bool:
    return any(path.startswith(prefix) for prefix in paths)


def _record_type(text: str) -> tuple[str | None, str]:
    """(stored value, "") or (None, the error message) for a 记录类型 cell."""
    try:
        return rules.parse_record_type(text), ""
    except DomainError as exc:
        return None, exc.message


def _dates(texts: tuple[str, str], today: date) -> tuple[tuple[date, date] | None, tuple[tuple[str, str], ...]]:
    """((发生日期, 录入日期) or None, the (column, message) errors) for the two date cells of a row."""
    errors: list[tuple[str, str]] = []
    days: list[date] = []
    for column, text in zip(("发生日期", "录入日期"), texts, strict=True):
        try:
            day = rules.parse_day(text, label=column, serials=True)
        except DomainError as exc:
            errors.append((column, exc.message))
            continue
        if day > today:
            errors.append((column, f"{column}不能晚于今天。"))
        days.append(day)
    if len(days) != 2:
        return None, tuple(errors)
    try:
        rules.require_entry_not_before_occurrence(occurred_on=days[0], entered_on=days[1])
    except DomainError as exc:
        errors.append(("录入日期", exc.message))
    return (days[0], days[1]), tuple(errors)


def _keys_by_occurrence(raw_rows: Sequence[tuple[Any, ...]]) -> list[str]:
    """The keys of the file's rows ordered by 发生日期 (an unreadable date last): the new records'
    ids follow this order, so that the date-led indexes of the fact and link tables grow at one end
    (a file sorted by anything else made the import's link writes about 60 % slower)."""
    days: dict[str, date] = {}

    def occurred(text: str) -> date:
        if text not in days:
            try:
                days[text] = rules.parse_day(text, label="发生日期", serials=True)
            except DomainError:
                days[text] = date.max
        return days[text]

    return [raw[1] for raw in sorted(raw_rows, key=lambda raw: occurred(raw[6]))]


class _FileRefused(Exception):
    """Raised by the row checks at the end of a file with a bad row: the import's transaction, which
    has been writing the good rows meanwhile, rolls back."""


class _Rows:
    """Raw cells of the file kept compactly until the lookups are loaded."""

    def __init__(self) -> None:
        self.raw: list[tuple[int, str, str, str, str, list[str], str, str, str]] = []
        self.unit_codes: set[str] = set()
        self.item_codes: set[str] = set()
        self.numbers: set[str] = set()


@cyclic_gc_paused()  # a large file keeps about a million objects alive (core.importing)
def import_records(
    path: Path,
    *,
    actor: Any,
    dry_run: bool = False,
    filename: str | None = None,
    within_paths: Sequence[str] | None = None,
) -> ImportReport:
    """Validate and import a record-intake file (CSV or XLSX); see the module docstring.

    `filename`: the name the file had when uploaded (an upload is saved under a temporary name).
    `within_paths`: the unit subtrees an uploading user may import for (None: every unit, as the
    command run on the server). A row of a unit outside them is refused with the same message as an
    unknown unit, and so is a row whose 记录编号 is already imported for a unit outside them: an
    upload must not reveal or change another region's records.
    """
    report = ImportReport(kind="records", source=filename or path.name)

    def error(row: int, column: str, message: str) -> None:
        report.add_error(RowError(row=row, column=column, message=message))

    try:
        reader = TableReader(path, required=RECORD_HEADERS, optional=RECORD_OPTIONAL_HEADERS)
        rows = _Rows()
        for number, cells in reader:
            unit_code = cells["单位编码"].strip()
            item_code = cells["权责事项编码"].strip()
            numbers = rules.split_numbers(cells["执法证号"])
            rows.unit_codes.add(unit_code)
            if item_code:
                rows.item_codes.add(item_code)
            rows.numbers.update(numbers)
            rows.raw.append(
                (
                    number,
                    cells["记录编号"].strip(),
                    cells["记录类型"],
                    unit_code,
                    item_code,
                    numbers,
                    cells["发生日期"],
                    cells["录入日期"],
                    cells.get("检查对象代码", "").strip().upper(),
                )
            )
    except DomainError as exc:
        report.add_error(RowError(row=1, column="文件", message=exc.message))
        return report
    if not rows.raw:
        report.add_error(RowError(row=reader.header.row, column="文件", message="文件中没有数据行。"))
        return report

    units = _units(rows.unit_codes)
    foreign_keys: set[str] = set()
    if within_paths is not None:
        units = {code: unit for code, unit in units.items() if _inside(unit[1], within_paths)}
        foreign_keys = selectors.imported_keys_outside(keys=[raw[1] for raw in rows.raw], paths=within_paths)
    items = _power_items(rows.item_codes)
    certificates = _certificates(rows.numbers)
    # A file repeats a few types and a few hundred (发生日期, 录入日期) pairs over its rows: each is
    # checked once (the same messages, looked up instead of recomputed for every row).
    types: dict[str, tuple[str | None, str]] = {}
    day_pairs: dict[tuple[str, str], tuple[tuple[date, date] | None, tuple[tuple[str, str], ...]]] = {}
    today = timezone.localdate()
    seen: dict[str, int] = {}

    def checked_rows() -> Iterator[services.RecordInput]:
        """The good rows, while every row is checked; once a row is bad, none more (the file will not
        be imported), and at the end a refused file raises _FileRefused so that nothing stays written."""
        for number, key, type_text, unit_code, item_code, cert_numbers, occurred_text, entered_text, party in rows.raw:
            if not key:
                error(number, "记录编号", "记录编号不能为空。")
            elif len(key) > KEY_MAX_LENGTH:
                error(number, "记录编号", f"记录编号过长（不超过{KEY_MAX_LENGTH}个字符）。")
            elif key in seen:
                error(number, "记录编号", f"记录编号“{key}”在文件中重复（与第{seen[key]}行重复）。")
            elif key in foreign_keys:
                error(number, "记录编号", f"记录编号“{key}”已由您管辖范围以外的单位导入，不能在此修改。")
            else:
                seen[key] = number
            record_type, type_error = types.get(type_text) or types.setdefault(type_text, _record_type(type_text))
            if type_error:
                error(number, "记录类型", type_error)
            unit = units.get(unit_code)
            if unit is None:
                unknown = "未知的单位编码" if within_paths is None else "未知或不在您管辖范围内的单位编码"
                error(number, "单位编码", f"{unknown}“{unit_code}”。" if unit_code else "单位编码不能为空。")
            power_item_id = None
            if item_code:
                item = items.get(item_code)
                if item is None:
                    error(number, "权责事项编码", f"未知的权责事项编码“{item_code}”。")
                elif unit is not None and not unit[1].startswith(item[1]):
                    error(number, "权责事项编码", f"权责事项“{item_code}”不属于该单位或其上级单位的权责清单。")
                else:
                    power_item_id = item[0]
            officers: list[tuple[int, int]] = []
            if not cert_numbers:
                error(number, "执法证号", "执法证号不能为空。")
            pair = (occurred_text, entered_text)
            dates, date_errors = day_pairs.get(pair) or day_pairs.setdefault(pair, _dates(pair, today))
            for cert in cert_numbers:
                found = certificates.get(cert)
                if found is None:
                    error(number, "执法证号", f"未登记的执法证号“{cert}”。")
                    continue
                if dates is not None and (
                    fault := rules.certificate_fault_on(
                        number=cert,
                        valid_from=found.valid_from,
                        valid_to=found.valid_to,
                        events=found.events,
                        on=dates[0],
                    )
                ):
                    error(number, "执法证号", fault)
                if found.officer not in officers:
                    officers.append(found.officer)
            for column, message in date_errors:
                error(number, column, message)
            if len(party) > 18:
                error(number, "检查对象代码", "检查对象代码应为18位统一社会信用代码或公民身份号码。")
            # the file is written only if every row is good: after a bad row, no row is sent any more
            if not report.error_total and unit is not None and record_type is not None and dates is not None:
                officers.sort()
                yield services.RecordInput(
                    key=key,
                    record_type=record_type,
                    unit_id=unit[0],
                    occurred_on=dates[0],
                    entered_on=dates[1],
                    officers=tuple(officers),
                    power_item_id=power_item_id,
                    party_code=party,
                )
        if report.errors:
            raise _FileRefused

    try:
        result = services.records_import(
            actor=actor,
            rows=checked_rows(),
            keys=_keys_by_occurrence(rows.raw),
            filename=filename or path.name,
            checksum=_sha256(path),
            dry_run=dry_run,
        )
    except _FileRefused:
        return report
    report.created, report.updated, report.unchanged = result.created, result.updated, result.unchanged
    if result.record_import is not None:
        report.details["import_id"] = result.record_import.pk
    return report
