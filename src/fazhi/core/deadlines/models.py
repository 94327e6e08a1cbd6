"""Deadline rules as versioned data, and deadlines tracked for open records."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.deadlines.choices import PeriodUnit, TrackedDeadlineStatus
from fazhi.core.models import TimeStampedModel


class DeadlineRule(models.Model):
    """A statutory period by its stable code, e.g. `penalty.decision`."""

    code = models.CharField(_("规则代码"), max_length=64, unique=True)
    name_zh = models.CharField(_("名称"), max_length=128)

    class Meta:
        verbose_name = _("期限规则")
        verbose_name_plural = _("期限规则")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name_zh}"


class DeadlineRuleVersion(TimeStampedModel):
    """The parameters of a rule for a date range, with the citation they come from.

    A law or local rule that changes a period gets a new version from its effective date; the old
    version keeps computing deadlines for events before that date.
    """

    rule = models.ForeignKey(
        DeadlineRule, verbose_name=_("期限规则"), on_delete=models.PROTECT, related_name="versions"
    )
    count = models.PositiveIntegerField(_("期间长度"))
    unit = models.CharField(_("计算单位"), max_length=16, choices=PeriodUnit.choices)
    start_excluded = models.BooleanField(_("起算日不计入"), default=True)
    roll_over = models.BooleanField(_("届满日遇法定休假日顺延"), default=True)
    roll_over_weekends = models.BooleanField(
        _("休息日（周六、周日）亦顺延"),
        default=True,
        help_text=_("通行做法，尚待核实（RULES §11.13），可按地方规定调整"),
    )
    max_extension = models.PositiveIntegerField(_("可延长上限"), default=0, help_text=_("0 表示不得延长"))
    extension_unit = models.CharField(
        _("延长单位"), max_length=16, choices=PeriodUnit.choices, default=PeriodUnit.CALENDAR_DAY
    )
    extension_basis = models.CharField(_("延长依据"), max_length=200, blank=True)
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    legal_basis = models.CharField(_("法律依据"), max_length=300)
    quoted_text = models.TextField(_("法条原文摘录"), blank=True)
    confirmed = models.BooleanField(_("已核实"), default=True, help_text=_("未核实的为可配置的默认值"))
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("期限规则版本")
        verbose_name_plural = _("期限规则版本")
        ordering = ["rule__code", "effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="%(app_label)s_%(class)s_valid_range",
            ),
            models.CheckConstraint(condition=Q(count__gte=1), name="%(app_label)s_%(class)s_positive_count"),
        ]

    def __str__(self) -> str:
        return f"{self.rule.code} {self.count}{self.get_unit_display()} 自{self.effective_from}"


class TrackedDeadline(TimeStampedModel):
    """A deadline running for some record (a case, an application), recomputed when the calendar changes."""

    target_type = models.ForeignKey(ContentType, verbose_name=_("对象类型"), on_delete=models.PROTECT, related_name="+")
    target_id = models.CharField(_("对象ID"), max_length=64)
    rule_code = models.CharField(_("规则代码"), max_length=64)
    start = models.DateField(_("起算日"))
    extension = models.PositiveIntegerField(_("延长"), default=0)
    pauses = models.JSONField(_("中止期间"), default=list)
    due = models.DateField(_("届满日"), db_index=True)
    legal_basis = models.CharField(_("法律依据"), max_length=300)
    steps = models.JSONField(_("计算步骤"), default=list)
    # Counted over a year without holiday data on the weekday fallback; cleared by the recompute
    # that follows the admin's entry of that year.
    provisional = models.BooleanField(_("暂定"), default=False)
    status = models.CharField(
        _("状态"), max_length=16, choices=TrackedDeadlineStatus.choices, default=TrackedDeadlineStatus.OPEN
    )

    class Meta:
        verbose_name = _("跟踪期限")
        verbose_name_plural = _("跟踪期限")
        # Used by recomputation (open deadlines around a changed date) and by alert jobs.
        indexes = [
            models.Index(fields=["status", "due"], name="deadline_status_due"),
            models.Index(fields=["target_type", "target_id"], name="deadline_target"),
        ]

    def __str__(self) -> str:
        return f"{self.rule_code} {self.start}→{self.due}"
