"""双随机、一公开: the entity directory, 回避 declarations, plans, their verifiable draws and the tasks.

All writes go through `fazhi.spotchecks.services`; reads through `selectors`.

- `Entity` (检查对象名录库): one market entity by 统一社会信用代码, with its area, industry, credit-risk
  class, 经营异常名录 flag and tags. Imported in bulk (`fazhi import entities FILE`).
- `InspectorConflict` (回避): an officer's declared conflict of interest with one entity.
- `Plan` (抽查计划): scope over the directory, quotas per risk class, limits, period, departments
  (`PlanDepartment`, one per department, with its team size) and check items from the departments'
  lists that have a legal basis. Several departments make a joint plan (联合抽查 / 综合查一次).
- `Draw`: the frozen draw input (compressed canonical JSON) and its hash, the seed commitment, the
  revealed seed, the algorithm version and the result. Published in that order (commit, then reveal).
- `Task` (抽查任务): one drawn entity for one department of the plan, with its inspectors
  (`TaskInspector`). Its result is an `enforcement.Inspection` (origin 双随机, spot_check_task_id),
  linked back by `inspection_id`; published on the portal within 20 working days.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import TimeStampedModel
from fazhi.spotchecks.choices import PlanStatus, RiskClass, SeedSource, TaskStatus


class Entity(TimeStampedModel):
    """检查对象: a market entity of the directory (the credit code is its identity in every draw)."""

    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    name = models.CharField(_("名称"), max_length=200)
    address = models.CharField(_("地址"), max_length=300, blank=True)
    industry_code = models.CharField(_("行业代码"), max_length=8, blank=True, db_index=True)
    area = models.CharField(_("所属区域/网格"), max_length=100, blank=True, db_index=True)
    risk_class = models.CharField(_("信用风险分类"), max_length=1, choices=RiskClass.choices, default=RiskClass.B)
    abnormal = models.BooleanField(_("列入经营异常名录"), default=False)
    tags = models.CharField(_("标签"), max_length=300, blank=True)  # ",tag1,tag2," for exact contains-matching
    is_active = models.BooleanField(_("在册"), default=True)

    class Meta:
        verbose_name = _("检查对象")
        verbose_name_plural = _("检查对象名录库")
        ordering = ["credit_code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.credit_code}）"

    @property
    def tag_list(self) -> list[str]:
        return [tag for tag in self.tags.split(",") if tag]


class DirectoryImport(TimeStampedModel):
    """One import of the entity directory (the audit target; counts and the file's hash)."""

    source = models.CharField(_("文件"), max_length=255)
    sha256 = models.CharField(_("文件哈希"), max_length=64)
    created = models.PositiveIntegerField(_("新增"), default=0)
    updated = models.PositiveIntegerField(_("更新"), default=0)
    unchanged = models.PositiveIntegerField(_("未变"), default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("导入人"), null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("名录导入记录")
        verbose_name_plural = _("名录导入记录")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.source}（{self.created_at:%Y-%m-%d %H:%M}）"


class InspectorConflict(TimeStampedModel):
    """回避: the officer must not inspect this entity (利害关系; 行政处罚法 Art. 43)."""

    officer = models.ForeignKey("orgs.Officer", verbose_name=_("执法人员"), on_delete=models.PROTECT, related_name="+")
    entity = models.ForeignKey(Entity, verbose_name=_("检查对象"), on_delete=models.PROTECT, related_name="conflicts")
    reason = models.CharField(_("回避事由"), max_length=200)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("回避声明")
        verbose_name_plural = _("回避声明")
        constraints = [
            models.UniqueConstraint(fields=["officer", "entity"], name="%(app_label)s_%(class)s_once"),
        ]

    def __str__(self) -> str:
        return f"{self.officer_id} 回避 {self.entity.credit_code}"


class Plan(TimeStampedModel):
    """抽查计划. `quotas` maps a risk class to {"mode": "ratio"|"count", "value": basis points | count}."""

    name = models.CharField(_("计划名称"), max_length=200)
    organizer = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("组织单位"), on_delete=models.PROTECT, related_name="+"
    )
    period_start = models.DateField(_("检查期间起"))
    period_end = models.DateField(_("检查期间止"))
    check_items = models.ManyToManyField("powers.CheckItem", verbose_name=_("抽查事项"), related_name="+")
    scope_area = models.CharField(_("范围：所属区域（前缀）"), max_length=100, blank=True)
    scope_industry = models.CharField(_("范围：行业代码（前缀，逗号分隔）"), max_length=200, blank=True)
    scope_tag = models.CharField(_("范围：标签"), max_length=50, blank=True)
    quotas = models.JSONField(_("各类抽查比例/数量"), default=dict)
    abnormal_as_highest = models.BooleanField(_("经营异常名录按D类抽取"), default=True)
    max_checks_per_year = models.PositiveSmallIntegerField(_("同一部门每年抽查同一对象次数上限"), default=1)
    exclude_inspected_days = models.PositiveSmallIntegerField(_("排除近N日内已检查的对象"), default=0)
    avoid_repeat_inspector = models.BooleanField(_("同一对象不连续由同一检查人员检查"), default=True)
    status = models.CharField(_("状态"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("抽查计划")
        verbose_name_plural = _("抽查计划")
        ordering = ["-period_start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="%(app_label)s_%(class)s_period"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_joint(self) -> bool:
        return len(self.departments.all()) > 1


class PlanDepartment(models.Model):
    """A department taking part in a plan, with the number of its inspectors per entity (≥ 2)."""

    plan = models.ForeignKey(Plan, verbose_name=_("抽查计划"), on_delete=models.PROTECT, related_name="departments")
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name=_("检查部门"), on_delete=models.PROTECT, related_name="+")
    team_size = models.PositiveSmallIntegerField(_("每户检查人员数"), default=2)

    class Meta:
        verbose_name = _("参与部门")
        verbose_name_plural = _("参与部门")
        ordering = ["unit__code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit"], name="%(app_label)s_%(class)s_once"),
            models.CheckConstraint(condition=Q(team_size__gte=2), name="%(app_label)s_%(class)s_two_or_more"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}:{self.unit_id}"


class Draw(TimeStampedModel):
    """The verifiable draw of one plan: commitment first, then the revealed seed and the result."""

    plan = models.OneToOneField(Plan, verbose_name=_("抽查计划"), on_delete=models.PROTECT, related_name="draw")
    algorithm_version = models.CharField(_("抽取算法版本"), max_length=8)
    seed_source = models.CharField(_("随机源"), max_length=16, choices=SeedSource.choices)
    input_blob = models.BinaryField(_("抽取输入（压缩）"))
    input_hash = models.CharField(_("抽取输入哈希"), max_length=64)
    candidate_count = models.PositiveIntegerField(_("名录范围内对象数"), default=0)
    eligible_count = models.PositiveIntegerField(_("可抽取对象数"), default=0)
    seed_hash = models.CharField(_("种子哈希（承诺）"), max_length=64, blank=True)
    # Kept out of every public read until revealed (commit–reveal).
    sealed_seed = models.CharField(_("待公开种子"), max_length=128, blank=True)
    seed = models.CharField(_("公开种子"), max_length=500, blank=True)
    witnesses = models.CharField(_("见证人"), max_length=300, blank=True)
    committed_at = models.DateTimeField(_("承诺时间"))
    revealed_at = models.DateTimeField(_("抽取时间"), null=True, blank=True)
    result = models.JSONField(_("抽取结果"), default=dict)
    result_hash = models.CharField(_("抽取结果哈希"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("抽取记录")
        verbose_name_plural = _("抽取记录")

    def __str__(self) -> str:
        return f"{self.plan_id} {self.algorithm_version}"


class Task(TimeStampedModel):
    """抽查任务: one drawn entity for one department; its result is an enforcement Inspection."""

    plan = models.ForeignKey(Plan, verbose_name=_("抽查计划"), on_delete=models.PROTECT, related_name="tasks")
    entity = models.ForeignKey(Entity, verbose_name=_("检查对象"), on_delete=models.PROTECT, related_name="tasks")
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name=_("检查部门"), on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField(_("抽取顺序"))
    risk_class = models.CharField(_("抽取时信用风险分类"), max_length=1, choices=RiskClass.choices)
    status = models.CharField(_("状态"), max_length=16, choices=TaskStatus.choices, default=TaskStatus.ASSIGNED)
    inspection = models.OneToOneField(
        "enforcement.Inspection",
        verbose_name=_("检查记录"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    publicity_due = models.DateField(_("公示期限"), null=True, blank=True)
    published_at = models.DateTimeField(_("公示时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("抽查任务")
        verbose_name_plural = _("抽查任务")
        ordering = ["plan", "position", "unit__code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "entity", "unit"], name="%(app_label)s_%(class)s_once"),
        ]
        indexes = [
            # frequency cap and "previous inspectors": tasks of an entity by a department, by date
            models.Index(fields=["entity", "unit"], name="spotchecks_task_entity_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}#{self.position} {self.entity_id}@{self.unit_id}"


class TaskInspector(models.Model):
    """A drawn inspector of a task, in pick order."""

    task = models.ForeignKey(Task, verbose_name=_("抽查任务"), on_delete=models.PROTECT, related_name="inspectors")
    officer = models.ForeignKey("orgs.Officer", verbose_name=_("执法人员"), on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("顺序"))

    class Meta:
        verbose_name = _("任务检查人员")
        verbose_name_plural = _("任务检查人员")
        ordering = ["task", "position"]
        constraints = [
            models.UniqueConstraint(fields=["task", "officer"], name="%(app_label)s_%(class)s_once"),
        ]

    def __str__(self) -> str:
        return f"{self.task_id}:{self.officer_id}"
