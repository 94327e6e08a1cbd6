"""Template filters for Chinese dates: 2025年10月16日 and 星期四, independent of the active locale."""

from __future__ import annotations

from datetime import date

from django import template

from fazhi.core.calendars.rules import format_date_zh, weekday_zh

register = template.Library()


@register.filter
def zh_date(value: date | None) -> str:
    """Format a date as 2025年10月16日 (empty for None), in the one wording of core.calendars."""
    if value is None or value == "":
        return ""
    return format_date_zh(value)


@register.filter
def zh_weekday(value: date | None) -> str:
    """Return the Chinese weekday of a date, e.g. 星期四."""
    if value is None or value == "":
        return ""
    return weekday_zh(value)
