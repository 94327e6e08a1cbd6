"""Supervision (执法监督): the activity fact table, its rollups, indicator definitions, snapshots,
bulletins, case-file review (案卷评查) and alerts.

Supervision never writes another app's tables. Records created inside Fazhi (inspections, penalty
cases) reach `EnforcementRecord` through the ingestion job; records of departmental systems through
`fazhi import records`. Both count the same way, because every indicator reads the rollups
(`UnitRollup`, `OfficerRollup`, `PowerItemRollup`), which the same services maintain for both.
All writes go through `fazhi.supervision.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import TimeStampedModel
from fazhi.supervision.choices import (
    AlertKind,
    AlertStatus,
    Grain,
    MissingIndicatorPolicy,
    RecordSource,
    RecordType,
    ReviewStatus,
    SnapshotKind,
)


class EnforcementRecord(models.Model):
    """One enforcement act (执法信息): an inspection, a penalty case, an education-and-correction …

    `key` is the source's record number (记录编号) for imported rows and "inspection:<id>" /
    "penalty_case:<id>" for records of this platform; (source, key) is unique, which makes both the
    import and the ingestion idempotent. The case-only columns (decided_on …) are empty for others.
    """

    source = models.CharField(_("来源"), max_length=16, choices=RecordSource.choices)
    key = models.CharField(_("记录编号"), max_length=64)
    record_type = models.CharField(_("记录类型"), max_length=16, choices=RecordType.choices)
    # No index of its own: sup_rec_unit_date (unit, occurred_on) serves every lookup by unit. Each
    # index of this table is paid for on every imported row.
    # No database constraint on the references of the fact table (here and in RecordOfficer): the only
    # writer, services.records_write, checks every reference first (the importer against the units,
    # items and certificates it loads, the ingestion from the rows it reads); units, officers and power
    # items have no delete path (they are retired by status), and the ORM still refuses to delete a
    # referenced one (on_delete=PROTECT is Django's). PostgreSQL's per-row checks of four references
    # measured 45 % of the fact writes of an import (4.5 s of 10 s per 100,000 records).
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("单位"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    power_item = models.ForeignKey(
        "powers.PowerItem",
        verbose_name=_("权责事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
    )
    occurred_on = models.DateField(_("发生日期"))
    entered_on = models.DateField(_("录入日期"))
    party_code = models.CharField(_("对象代码"), max_length=18, blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    decision_due = models.DateField(_("决定期限"), null=True, blank=True)
    published_on = models.DateField(_("公示日期"), null=True, blank=True)
    published_late = models.BooleanField(_("逾期公示"), null=True, blank=True)
    # The day by which the decision had to be published (the case's tracked publicity.penalty
    # period), kept even when it never was: 公示及时率 counts every decision whose period ended, so a
    # unit that never publishes cannot look better than one that publishes late. None when nothing
    # is owed (no decision, no penalty, or a decision set aside before it was published).
    publish_due = models.DateField(_("应公示期限"), null=True, blank=True)
    # When the row was last written (created or changed) …
    ingested_at = models.DateTimeField(_("归集时间"), default=timezone.now)
    # … and when it first reached Fazhi, never changed afterwards: an as-of figure leaves out the
    # records that reached Fazhi after its cut-off, whatever their 录入日期 (selectors.measures).
    first_ingested_at = models.DateTimeField(_("首次归集时间"), default=timezone.now)
    # The import that created the row, while (and after) its contributions wait to be added to the
    # rollups (RollupBatch). Empty for records written with their rollups (the ingestion). No index:
    # the merge reads a batch through its id range on the primary key.
    rollup_batch = models.ForeignKey(
        "supervision.RollupBatch",
        verbose_name=_("汇总批次"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )

    class Meta:
        verbose_name = _("执法信息")
        verbose_name_plural = _("执法信息")
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="%(app_label)s_%(class)s_source_key"),
            models.CheckConstraint(condition=~Q(key=""), name="%(app_label)s_%(class)s_key_not_empty"),
        ]
        indexes = [
            # drill-down lists per unit and period; the repeated-inspection query
            models.Index(fields=["unit", "occurred_on"], name="sup_rec_unit_date"),
            # late-entry alerts (entered in the last days)
            models.Index(fields=["entered_on", "occurred_on"], name="sup_rec_entered"),
            # as-of cut-offs subtract the records that reached Fazhi after the cut-off (grows at one end)
            models.Index(fields=["first_ingested_at"], name="sup_rec_first_ingested"),
            # power items exercised on the edge days of a period
            models.Index(fields=["occurred_on", "power_item"], name="sup_rec_date_item"),
            models.Index(fields=["record_type", "occurred_on", "party_code"], name="sup_rec_type_party"),
            # 公示及时率 of a running period (decisions not due yet) and its drill-down; partial, so
            # imported records (which owe no publication here) cost the import nothing
            models.Index(fields=["publish_due"], name="sup_rec_publish_due", condition=Q(publish_due__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.key}（{self.get_record_type_display()}）"


class RecordOfficer(models.Model):
    """An officer named on a record; dates and the officer's unit are copied for the rollup queries."""

    # Neither reference has an index of its own (two rows per record): the unique (record, officer)
    # constraint serves lookups by record, sup_recoff_officer_date lookups by officer.
    # No database constraints: see EnforcementRecord.unit (the cascade from a record is Django's).
    record = models.ForeignKey(
        EnforcementRecord,
        verbose_name=_("执法信息"),
        on_delete=models.CASCADE,
        related_name="links",
        db_index=False,
        db_constraint=False,
    )
    officer = models.ForeignKey(
        "orgs.Officer",
        verbose_name=_("执法人员"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    officer_unit_id = models.BigIntegerField(_("执法人员所属单位"))
    occurred_on = models.DateField(_("发生日期"))
    entered_on = models.DateField(_("录入日期"))

    class Meta:
        verbose_name = _("执法信息承办人员")
        verbose_name_plural = _("执法信息承办人员")
        constraints = [
            models.UniqueConstraint(fields=["record", "officer"], name="%(app_label)s_%(class)s_once"),
        ]
        indexes = [
            # participation on the edge days of a period, and as-of corrections
            models.Index(fields=["occurred_on", "officer"], name="sup_recoff_date_officer"),
            models.Index(fields=["officer", "occurred_on"], name="sup_recoff_officer_date"),
        ]

    def __str__(self) -> str:
        return f"{self.record_id}·{self.officer_id}"


class UnitRollup(models.Model):
    """Counts of one unit's records for one day, month or quarter (`bucket` is its first day).

    Records count on their 发生日期; `decided*` on the decision date and `published*` on the
    publication date. Maintained by services: the ingestion in the transaction of the change, an
    import's new records by rollups_merge_pending before the figures are next read (RollupBatch).
    """

    # Rollups are derived data (rebuilt from the fact table, whose own foreign keys are enforced), so
    # their references carry no database constraint: an import upserts several rollup rows per record,
    # and PostgreSQL would re-check each one's reference at commit (about a seventh of an import's time).
    # Nor an index of their own: the unique key, which starts with the reference, serves those lookups.
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("单位"),
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    grain = models.CharField(_("粒度"), max_length=1, choices=Grain.choices)
    bucket = models.DateField(_("起始日"))
    n_total = models.IntegerField(_("执法信息"), default=0)
    n_inspection = models.IntegerField(_("行政检查"), default=0)
    n_penalty = models.IntegerField(_("行政处罚"), default=0)
    n_education = models.IntegerField(_("教育改正"), default=0)
    n_coercion = models.IntegerField(_("行政强制"), default=0)
    n_other = models.IntegerField(_("其他"), default=0)
    lag_le_1 = models.IntegerField(_("1日内录入"), default=0)
    lag_le_3 = models.IntegerField(_("3日内录入"), default=0)
    lag_le_5 = models.IntegerField(_("5日内录入"), default=0)
    lag_le_7 = models.IntegerField(_("7日内录入"), default=0)
    lag_le_10 = models.IntegerField(_("10日内录入"), default=0)
    lag_le_15 = models.IntegerField(_("15日内录入"), default=0)
    lag_le_30 = models.IntegerField(_("30日内录入"), default=0)
    decided = models.IntegerField(_("作出决定"), default=0)
    decided_in_time = models.IntegerField(_("按期作出决定"), default=0)
    published = models.IntegerField(_("公示"), default=0)
    published_in_time = models.IntegerField(_("按期公示"), default=0)
    # Counted on the publication deadline (EnforcementRecord.publish_due), not on a publication day.
    publications_due = models.IntegerField(_("公示期限届满"), default=0)
    published_by_due = models.IntegerField(_("期限内已公示"), default=0)

    class Meta:
        verbose_name = _("单位执法信息汇总")
        verbose_name_plural = _("单位执法信息汇总")
        constraints = [
            models.UniqueConstraint(fields=["unit", "grain", "bucket"], name="%(app_label)s_%(class)s_key"),
        ]
        # selectors._unit_sums: one GROUP BY unit over the rows of the period's buckets
        indexes = [models.Index(fields=["grain", "bucket"], name="sup_unitroll_bucket")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.grain}{self.bucket}"


class OfficerRollup(models.Model):
    """Records per officer per month and per quarter (参与执法人数 reads which officers have any)."""

    # no database constraint: see UnitRollup.unit
    officer = models.ForeignKey(
        "orgs.Officer",
        verbose_name=_("执法人员"),
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    unit_id = models.BigIntegerField(_("所属单位"))
    grain = models.CharField(_("粒度"), max_length=1, choices=Grain.choices)
    bucket = models.DateField(_("起始日"))
    n = models.IntegerField(_("执法信息"), default=0)

    class Meta:
        verbose_name = _("执法人员执法量汇总")
        verbose_name_plural = _("执法人员执法量汇总")
        constraints = [
            models.UniqueConstraint(fields=["officer", "grain", "bucket"], name="%(app_label)s_%(class)s_key"),
        ]
        # selectors._officer_counts (the activity FILTER) and participating_officers: officers with a
        # row in the period's buckets; the unique key (officer, grain, bucket) serves the upserts
        indexes = [models.Index(fields=["grain", "bucket", "unit_id"], name="sup_offroll_bucket")]

    def __str__(self) -> str:
        return f"{self.officer_id} {self.grain}{self.bucket}"


class PowerItemRollup(models.Model):
    """Records per power item per month and per quarter (履行事项数 reads which items have any)."""

    # no database constraint: see UnitRollup.unit
    power_item = models.ForeignKey(
        "powers.PowerItem",
        verbose_name=_("权责事项"),
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    grain = models.CharField(_("粒度"), max_length=1, choices=Grain.choices)
    bucket = models.DateField(_("起始日"))
    n = models.IntegerField(_("执法信息"), default=0)

    class Meta:
        verbose_name = _("权责事项履行汇总")
        verbose_name_plural = _("权责事项履行汇总")
        constraints = [
            models.UniqueConstraint(fields=["power_item", "grain", "bucket"], name="%(app_label)s_%(class)s_key"),
        ]
        # selectors._item_counts (the "exercised" FILTER) and exercised_power_items
        indexes = [models.Index(fields=["grain", "bucket"], name="sup_itemroll_bucket")]

    def __str__(self) -> str:
        return f"{self.power_item_id} {self.grain}{self.bucket}"


class UnitActivityRollup(models.Model):
    """Per unit and month/quarter: how many officers were named and how many power items cited.

    The distinct counts of the quarterly bulletin (参与执法人数, 履行事项数), kept by the writer of the
    rollups (record_writes) in the same statement chain: `officers` is the number of OfficerRollup rows
    of the bucket with n > 0 whose `unit_id` is this unit (+1 when a row goes from 0 to positive, −1
    back); `power_items` the number of PowerItemRollup rows with n > 0 whose item this unit owned when
    the row crossed zero. A bulletin then reads one row per unit instead of one per officer and item.
    Distinct counts cannot be added across buckets: only a period of exactly one bucket reads them.
    """

    unit_id = models.BigIntegerField(_("单位"))
    grain = models.CharField(_("粒度"), max_length=1, choices=Grain.choices)
    bucket = models.DateField(_("起始日"))
    officers = models.IntegerField(_("参与执法人员"), default=0)
    power_items = models.IntegerField(_("履行权责事项"), default=0)

    class Meta:
        verbose_name = _("单位参与人员与履行事项汇总")
        verbose_name_plural = _("单位参与人员与履行事项汇总")
        constraints = [
            models.UniqueConstraint(fields=["unit_id", "grain", "bucket"], name="%(app_label)s_%(class)s_key"),
        ]
        # selectors._officer_counts_from_spans / _item_counts: one bucket's rows for the units in scope
        indexes = [models.Index(fields=["grain", "bucket"], name="sup_activity_bucket")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.grain}{self.bucket}"


class IngestionCursor(models.Model):
    """Watermark of the incremental ingestion of one internal table: (updated_at, pk) already seen."""

    name = models.CharField(_("数据源"), max_length=32, unique=True)
    updated_at = models.DateTimeField(_("已处理至（更新时间）"), null=True, blank=True)
    last_pk = models.BigIntegerField(_("已处理至（ID）"), default=0)
    # When a run last read this table to its end: every act saved before it is in the figures
    # (the dashboard's 统计数据更新至). Set even when nothing had changed.
    caught_up_at = models.DateTimeField(_("最近归集完成（开始时间）"), null=True, blank=True)

    class Meta:
        verbose_name = _("归集进度")
        verbose_name_plural = _("归集进度")

    def __str__(self) -> str:
        return f"{self.name}@{self.updated_at}#{self.last_pk}"


class IndicatorDefinition(models.Model):
    """One version of an indicator: value = numerator / denominator × multiplier, rounded half-up.

    `numerator` and `denominator` name measures computed by the selectors (see rules.MEASURES);
    an empty denominator makes a count indicator. Versions never change once used: a new rule is a
    new version with its own effective dates, so a published figure can always be recomputed with
    the definition it was computed with.
    """

    code = models.CharField(_("指标代码"), max_length=48)
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    name = models.CharField(_("指标名称"), max_length=64)
    numerator = models.CharField(_("分子"), max_length=48)
    denominator = models.CharField(_("分母"), max_length=48, blank=True)
    multiplier = models.PositiveIntegerField(_("乘数"), default=1)
    decimals = models.PositiveSmallIntegerField(_("小数位数"), default=2)
    unit_label = models.CharField(_("单位"), max_length=16, blank=True)
    parameters = models.JSONField(_("参数"), default=dict, blank=True)
    source = models.TextField(_("定义来源"))
    # What a reader of the published 通报 needs: what is counted, in plain words. `source` keeps the
    # provenance (where the definition comes from, how sure it is) for those who maintain it.
    explanation = models.TextField(
        _("通报口径说明"), blank=True, help_text=_("印在通报“指标口径”一节的说明；为空时印定义来源。")
    )
    confirmed = models.CharField(_("确认程度"), max_length=64, blank=True)
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("失效日期（含当日）"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("显示顺序"), default=100)

    class Meta:
        verbose_name = _("指标定义")
        verbose_name_plural = _("指标定义")
        ordering = ["order", "code", "version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="%(app_label)s_%(class)s_code_version"),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class AssessmentScheme(models.Model):
    """A district's 考核指标体系 as data: weighted indicators, how each is scaled, and the 约谈 count."""

    code = models.CharField(_("方案代码"), max_length=48)
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    name = models.CharField(_("方案名称"), max_length=100)
    # {"participation_rate": {"weight": 25, "scale": "percent"},
    #  "records_per_officer": {"weight": 15, "scale": "peer_max"}}
    weights = models.JSONField(_("指标权重"), default=dict)
    bottom_n = models.PositiveSmallIntegerField(_("末位约谈单位数"), default=3)
    source = models.TextField(_("依据"), blank=True)
    # The 通报 opens "根据<this>和本区行政执法考核指标体系……": which regulations a district cites differs
    # by province (Tianjin's 平台管理办法 is the shipped default), so it is data, not document text.
    bulletin_basis = models.CharField(
        _("通报依据"),
        max_length=200,
        blank=True,
        help_text=_("通报开头引用的规定，例如《天津市行政执法监督平台管理办法》。"),
    )
    # A unit with no value for an indicator (no penalty decisions → no 按期办结率): 不适用 and scored
    # over the other weights, or 0. A scheme's choice, so data (rules.rank_units).
    missing_indicator_policy = models.CharField(
        _("缺项计分方式"),
        max_length=16,
        choices=MissingIndicatorPolicy.choices,
        default=MissingIndicatorPolicy.PRORATE,
        help_text=_(
            "单位某项指标无数值（分母为零，显示“—”）时：折算＝该项不适用，得分按其余指标折算为满分100分；计零＝该项计0分。"
        ),
    )
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("失效日期（含当日）"), null=True, blank=True)

    class Meta:
        verbose_name = _("考核指标体系")
        verbose_name_plural = _("考核指标体系")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="%(app_label)s_%(class)s_code_version"),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class Snapshot(models.Model):
    """A published set of figures, frozen with its cut-off. Never updated: recomputing shows a diff."""

    kind = models.CharField(_("类型"), max_length=16, choices=SnapshotKind.choices)
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name=_("范围"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("标题"), max_length=200)
    period_from = models.DateField(_("统计期间起"))
    period_to = models.DateField(_("统计期间止"))
    as_of = models.DateTimeField(_("数据截止时间"))
    payload = models.JSONField(_("数据"), default=dict, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(_("发布时间"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发布人"), null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("指标快照")
        verbose_name_plural = _("指标快照")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_to__gte=models.F("period_from")), name="%(app_label)s_%(class)s_period"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Bulletin(models.Model):
    """A quarterly 行政执法情况通报: a bulletin snapshot plus its ranking and 约谈 list."""

    snapshot = models.OneToOneField(Snapshot, verbose_name=_("快照"), on_delete=models.PROTECT, related_name="bulletin")
    number = models.CharField(_("期号"), max_length=64)
    issuer = models.CharField(_("发文机关"), max_length=128)
    scheme_code = models.CharField(_("考核方案"), max_length=48)
    scheme_version = models.PositiveSmallIntegerField(_("考核方案版本"))
    bottom_n = models.PositiveSmallIntegerField(_("约谈单位数"))
    issued_on = models.DateField(_("印发日期"))

    class Meta:
        verbose_name = _("行政执法情况通报")
        verbose_name_plural = _("行政执法情况通报")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            # A 文号 names one document (机关代字〔年份〕序号); services.bulletin_issue refuses a taken
            # one with 409 first, this holds against two issues at once.
            models.UniqueConstraint(fields=["number"], name="%(app_label)s_%(class)s_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.snapshot.title}（{self.number}）"


class ReviewSample(models.Model):
    """A reproducible random draw of one unit's case files for 案卷评查 (seed and candidates recorded)."""

    unit = models.ForeignKey("orgs.OrgUnit", verbose_name=_("被评查单位"), on_delete=models.PROTECT, related_name="+")
    period_from = models.DateField(_("结案期间起"))
    period_to = models.DateField(_("结案期间止"))
    seed = models.BigIntegerField(_("随机种子"))
    size = models.PositiveSmallIntegerField(_("抽取数量"))
    rule_set = models.CharField(_("评查规则集"), max_length=64)
    rule_set_version = models.PositiveSmallIntegerField(_("规则集版本"))
    candidates = models.JSONField(_("候选案卷"), default=list)
    candidates_digest = models.CharField(_("候选清单摘要"), max_length=64)
    created_at = models.DateTimeField(_("抽取时间"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("抽取人"), null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("案卷抽取")
        verbose_name_plural = _("案卷抽取")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.period_from}–{self.period_to} #{self.seed}"


class CaseFileReview(TimeStampedModel):
    """The review of one sampled case file: automatic findings, reviewer judgement, score, 整改, 复核."""

    sample = models.ForeignKey(
        ReviewSample, verbose_name=_("抽取批次"), on_delete=models.PROTECT, related_name="reviews"
    )
    case = models.ForeignKey(
        "enforcement.PenaltyCase", verbose_name=_("案卷"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name=_("被评查单位"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.DRAWN)
    findings = models.JSONField(_("评查发现"), default=list, blank=True)
    judgement_deduction = models.DecimalField(_("评查人员酌情扣分"), max_digits=5, decimal_places=1, default=0)
    judgement_note = models.TextField(_("评查意见"), blank=True)
    score = models.DecimalField(_("得分"), max_digits=5, decimal_places=1, null=True, blank=True)
    reviewed_on = models.DateField(_("评查日期"), null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("评查人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    rectification_note = models.TextField(_("整改情况"), blank=True)
    rectified_on = models.DateField(_("整改日期"), null=True, blank=True)
    recheck_note = models.TextField(_("复核意见"), blank=True)
    rechecked_on = models.DateField(_("复核日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("案卷评查")
        verbose_name_plural = _("案卷评查")
        ordering = ["sample", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["sample", "case"], name="%(app_label)s_%(class)s_once"),
        ]
        indexes = [models.Index(fields=["unit", "reviewed_on"], name="sup_review_unit_date")]

    def __str__(self) -> str:
        return f"案卷评查 {self.case_id}（{self.get_status_display()}）"


class Alert(models.Model):
    """A supervision alert, raised once per `key` by `fazhi tick` and cleared when its cause is gone."""

    kind = models.CharField(_("类型"), max_length=32, choices=AlertKind.choices)
    key = models.CharField(_("唯一键"), max_length=128, unique=True)
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("事项"), max_length=300)
    due_on = models.DateField(_("期限"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=AlertStatus.choices, default=AlertStatus.OPEN)
    raised_at = models.DateTimeField(_("提醒时间"), default=timezone.now)
    cleared_at = models.DateTimeField(_("解除时间"), null=True, blank=True)
    clear_reason = models.CharField(_("解除原因"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("监督提醒")
        verbose_name_plural = _("监督提醒")
        ordering = ["status", "due_on", "pk"]
        indexes = [
            # the unit's to-do list
            models.Index(fields=["unit", "status"], name="sup_alert_unit_status"),
            models.Index(fields=["kind", "status"], name="sup_alert_kind_status"),
        ]

    def __str__(self) -> str:
        return self.title


class RollupBatch(models.Model):
    """The records one import created, whose contributions the rollups hold only once it is merged.

    An import writes its fact rows and officer links and one batch; the rollup upserts, most of an
    import's database time, run afterwards in services.rollups_merge_pending, which adds the batch's
    records as they are then and stamps `merged_at`. Every reader of the figures (the dashboard, the
    API, `fazhi indicators`, snapshots and bulletins) and `fazhi tick` merge first, so no figure
    leaves an imported record out. The batch rows stay as the history of the merges.
    """

    source = models.CharField(_("来源"), max_length=16, choices=RecordSource.choices)
    records = models.PositiveIntegerField(_("记录数"), default=0)
    # The lowest and highest id of the batch's records: the merge reads them by a range of the
    # primary key (other writers' ids may fall inside it; rollup_batch tells them apart).
    first_id = models.BigIntegerField(_("起始记录ID"), null=True, blank=True)
    last_id = models.BigIntegerField(_("结束记录ID"), null=True, blank=True)
    created_at = models.DateTimeField(_("写入时间"), default=timezone.now)
    merged_at = models.DateTimeField(_("计入汇总时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("汇总待计入批次")
        verbose_name_plural = _("汇总待计入批次")
        ordering = ["-pk"]
        indexes = [
            # "is anything waiting?" is asked before every read of the figures
            models.Index(fields=["id"], name="sup_batch_pending", condition=Q(merged_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"汇总批次 {self.pk}（{self.records} 条）"


class RecordImport(models.Model):
    """One run of `fazhi import records` (or an upload): what came in, and what it changed."""

    filename = models.CharField(_("文件名"), max_length=255)
    checksum = models.CharField(_("SHA-256"), max_length=64)
    rows = models.PositiveIntegerField(_("行数"), default=0)
    created = models.PositiveIntegerField(_("新增"), default=0)
    updated = models.PositiveIntegerField(_("更新"), default=0)
    unchanged = models.PositiveIntegerField(_("未变"), default=0)
    imported_at = models.DateTimeField(_("导入时间"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("导入人"), null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("执法信息导入记录")
        verbose_name_plural = _("执法信息导入记录")
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.filename}（{self.imported_at:%Y-%m-%d %H:%M}）"
