"""Export of the power and check lists to XLSX and CSV, with the import headers (a file round-trips)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from fazhi.core.errors import DomainError
from fazhi.legal.models import LegalArticle
from fazhi.orgs.models import OrgUnit
from fazhi.orgs.selectors import AnyUser
from fazhi.powers import rules
from fazhi.powers.choices import FileFormat, ListKind
from fazhi.powers.importers import CHECK_HEADERS, POWER_HEADERS, POWER_OPTIONAL_HEADERS
from fazhi.powers.models import CheckItem, PowerItem
from fazhi.powers.selectors import check_item_list_visible_to, power_item_list_visible_to
from fazhi.powers.tabular import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, write_csv, write_xlsx


@dataclass(frozen=True, slots=True)
class ExportFile:
    content: bytes
    filename: str
    content_type: str


def _basis(basis_text: str, articles: Iterable[LegalArticle]) -> str:
    # The published text is what the unit wrote; when only linked articles exist, list their citations.
    if rules.basis_is_stated(basis_text):
        return basis_text
    return "；".join(article.citation for article in articles)


def power_list_rows(items: QuerySet[PowerItem]) -> list[list[str]]:
    return [
        [
            item.code,
            item.name,
            str(item.get_category_display()),
            item.owner_unit.code,
            _basis(item.basis_text, item.legal_articles.all()),
            str(item.get_status_display()),
        ]
        for item in items
    ]


def check_list_rows(items: QuerySet[CheckItem]) -> list[list[str]]:
    return [
        [
            item.code,
            item.name,
            item.owner_unit.code,
            "；".join(power_item.code for power_item in item.power_items.all()),
            _basis(item.basis_text, item.legal_articles.all()),
            str(item.get_check_method_display()),
        ]
        for item in items
    ]


def list_export(
    *, user: AnyUser, kind: str, file_format: str, today: date, query: str = "", unit: OrgUnit | None = None
) -> ExportFile:
    """Export the lists the user sees (optionally one unit's subtree) as XLSX or CSV."""
    if kind == ListKind.POWERS:
        headers: tuple[str, ...] = (*POWER_HEADERS, *POWER_OPTIONAL_HEADERS)
        rows = power_list_rows(power_item_list_visible_to(user=user, query=query, unit=unit))
    elif kind == ListKind.CHECK_ITEMS:
        headers = CHECK_HEADERS
        rows = check_list_rows(check_item_list_visible_to(user=user, query=query, unit=unit))
    else:
        raise DomainError(f"未知的清单类型“{kind}”。", code="unknown_list_kind")
    title = str(ListKind(kind).label)
    stem = f"{title}-{today:%Y%m%d}"
    if file_format == FileFormat.CSV:
        return ExportFile(write_csv(headers, rows), f"{stem}.csv", CSV_CONTENT_TYPE)
    if file_format == FileFormat.XLSX:
        return ExportFile(write_xlsx(headers, rows, title=title), f"{stem}.xlsx", XLSX_CONTENT_TYPE)
    raise DomainError(f"不支持的导出格式“{file_format}”，可选 csv 或 xlsx。", code="unknown_file_format")
