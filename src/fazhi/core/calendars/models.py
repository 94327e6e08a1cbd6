"""The admin-editable holiday table: years beyond chinesecalendar's data, and corrections."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.calendars.choices import DayKind
from fazhi.core.models import TimeStampedModel


class CalendarYear(TimeStampedModel):
    """A year whose holiday arrangement has been entered completely by an administrator.

    Only a year marked complete is used: a half-entered year must not silently turn the missing
    holidays into working days.
    """

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    citation = models.CharField(
        _("依据"), max_length=300, help_text=_("例如：国务院办公厅关于2027年部分节假日安排的通知")
    )
    is_complete = models.BooleanField(_("已完整维护"), default=False)

    class Meta:
        verbose_name = _("日历年度")
        verbose_name_plural = _("日历年度")
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}年"


class CalendarDay(TimeStampedModel):
    """One holiday or make-up working day; overrides chinesecalendar for that date."""

    day = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("名称"), max_length=64, blank=True, help_text=_("如：春节、国庆节"))
    citation = models.CharField(_("依据"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("节假日/调休")
        verbose_name_plural = _("节假日/调休")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {self.get_kind_display()} {self.name}"
