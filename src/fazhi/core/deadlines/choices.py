from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodUnit(models.TextChoices):
    CALENDAR_DAY = "calendar_day", _("日（自然日）")
    WORKING_DAY = "working_day", _("个工作日")
    MONTH = "month", _("个月")


class TrackedDeadlineStatus(models.TextChoices):
    OPEN = "open", _("进行中")
    MET = "met", _("已按期完成")
    CLOSED = "closed", _("已关闭")
