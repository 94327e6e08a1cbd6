"""Template filters for Chinese dates: 2025年10月16日, 2025年10月16日 09:05 and 星期四, independent of
the active locale."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone

from fazhi.core.calendars.rules import format_date_zh, weekday_zh

register = template.Library()


@register.filter
def zh_date(value: date | None) -> str:
    """Format a date as 2025年10月16日 (empty for None), in the one wording of core.calendars."""
    if value is None or value == "":
        return ""
    return format_date_zh(value)


@register.filter
def zh_datetime(value: datetime | None) -> str:
    """Format a moment as 2025年10月16日 09:05 in the current time zone (Asia/Shanghai), empty for None:
    the date in the words of zh_date, not "2025-10-16 09:05" beside Chinese dates."""
    if value is None or value == "":
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{format_date_zh(local.date())} {local:%H:%M}"


@register.filter
def zh_weekday(value: date | None) -> str:
    """Return the Chinese weekday of a date, e.g. 星期四."""
    if value is None or value == "":
        return ""
    return weekday_zh(value)
