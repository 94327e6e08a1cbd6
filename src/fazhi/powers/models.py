"""Power lists (权责清单), check lists (检查清单), discretion standards (裁量基准) and the flexible lists.

Every row is written by fazhi.powers.services only (each write with its audit row); reads go through
fazhi.powers.selectors, scoped by the org subtree of the user. Legal bases are kept twice on purpose:
`legal_articles` links the articles the legal library could resolve, `basis_text` keeps the text as
published, including bases the library does not hold (local rules, normative documents).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import TimeStampedModel
from fazhi.legal.models import LegalArticle
from fazhi.orgs.models import OrgUnit
from fazhi.powers.choices import CheckMethod, FlexibleMeasureKind, ItemStatus, ListKind, PowerCategory, Severity

_PERIOD = Q(effective_from__isnull=True) | Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from"))


class PowerItem(TimeStampedModel):
    """One item of a unit's power list (权责事项): what the unit may do, and on which legal basis."""

    code = models.CharField(_("事项编码"), max_length=64, unique=True)
    name = models.CharField(_("事项名称"), max_length=300)
    category = models.CharField(_("事项类别"), max_length=32, choices=PowerCategory.choices)
    owner_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("实施主体"), on_delete=models.PROTECT, related_name="power_items"
    )
    legal_articles = models.ManyToManyField(
        LegalArticle, verbose_name=_("法律依据（条文）"), blank=True, related_name="power_items"
    )
    basis_text = models.TextField(_("设定依据"), blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.ACTIVE)
    effective_from = models.DateField(_("生效日期"), null=True, blank=True)
    effective_to = models.DateField(_("失效日期（含当日）"), null=True, blank=True)

    class Meta:
        verbose_name = _("权责事项")
        verbose_name_plural = _("权责事项")
        ordering = ["owner_unit__path", "code"]
        constraints = [
            models.CheckConstraint(condition=~Q(code=""), name="%(app_label)s_%(class)s_code_not_empty"),
            models.CheckConstraint(condition=~Q(name=""), name="%(app_label)s_%(class)s_name_not_empty"),
            models.CheckConstraint(condition=_PERIOD, name="%(app_label)s_%(class)s_effective_period"),
        ]
        indexes = [
            # Counts per unit (权责事项总数, 履责率 denominators) and the unit's list page.
            models.Index(fields=["owner_unit", "status", "category"], name="powers_item_unit_status_idx"),
            # The items NOT in force on a day (the bulletin's exceptions): one small partial index per
            # reason — not 有效, not yet in force, no longer in force — so none of them scans the list.
            models.Index(
                fields=["owner_unit"], condition=~Q(status=ItemStatus.ACTIVE), name="powers_item_not_active_idx"
            ),
            models.Index(
                fields=["effective_from"], condition=Q(effective_from__isnull=False), name="powers_item_from_idx"
            ),
            models.Index(fields=["effective_to"], condition=Q(effective_to__isnull=False), name="powers_item_to_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class OwnerInForceSpan(models.Model):
    """How many power items of an owner unit are in force from `starts_on` to `ends_on` (derived data).

    One row per owner and distinct in-force span of its items (rules.owner_in_force_spans; open ends
    stored as rules.OPEN_START/OPEN_END): 权责事项总数 of every unit on a day is one GROUP BY over the
    rows containing it. Maintained by the power-item services (create, update, import); rebuilt by
    `fazhi in_force_spans_rebuild`.
    """

    unit_id = models.BigIntegerField(_("实施主体"))
    starts_on = models.DateField(_("起始日"))
    ends_on = models.DateField(_("截止日（含）"))
    items = models.IntegerField(_("事项数"))

    class Meta:
        verbose_name = _("实施主体有效事项数")
        verbose_name_plural = _("实施主体有效事项数")
        constraints = [
            models.UniqueConstraint(fields=["unit_id", "starts_on", "ends_on"], name="%(app_label)s_%(class)s_key"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.starts_on}–{self.ends_on}: {self.items}"


class CheckItem(TimeStampedModel):
    """One item of a check list (检查事项): what may be inspected, under which power and article.

    `has_legal_basis` is derived by the services from the basis (rules.check_item_has_legal_basis)
    on every write and stored, because spot-check draws filter on it (法无授权不可为).
    """

    code = models.CharField(_("检查事项编码"), max_length=64, unique=True)
    name = models.CharField(_("检查事项名称"), max_length=300)
    owner_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("实施主体"), on_delete=models.PROTECT, related_name="check_items"
    )
    power_items = models.ManyToManyField(PowerItem, verbose_name=_("权责事项"), related_name="check_items")
    legal_articles = models.ManyToManyField(
        LegalArticle, verbose_name=_("检查依据（条文）"), blank=True, related_name="check_items"
    )
    basis_text = models.TextField(_("检查依据"), blank=True)
    check_method = models.CharField(
        _("检查方式"), max_length=16, choices=CheckMethod.choices, default=CheckMethod.ON_SITE
    )
    has_legal_basis = models.BooleanField(_("有法定依据"), default=False, editable=False)
    status = models.CharField(_("状态"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.ACTIVE)

    class Meta:
        verbose_name = _("检查事项")
        verbose_name_plural = _("检查事项")
        ordering = ["owner_unit__path", "code"]
        constraints = [
            models.CheckConstraint(condition=~Q(code=""), name="%(app_label)s_%(class)s_code_not_empty"),
            models.CheckConstraint(condition=~Q(name=""), name="%(app_label)s_%(class)s_name_not_empty"),
        ]
        indexes = [
            # Spot-check draws: the unit's active items that have a legal basis.
            models.Index(fields=["owner_unit", "status", "has_legal_basis"], name="powers_check_unit_basis_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class DiscretionStandard(TimeStampedModel):
    """A discretion standard (裁量基准) of a penalty power item: a fine range for one severity band.

    `statutory_min`/`statutory_max` are the range the cited article sets (法定罚款幅度); the band
    `fine_min`–`fine_max` must lie inside it. Amounts are 元 with two decimals; NULL means the band
    sets no fine (e.g. 警告 only).
    """

    power_item = models.ForeignKey(
        PowerItem, verbose_name=_("权责事项"), on_delete=models.PROTECT, related_name="discretion_standards"
    )
    severity = models.CharField(_("裁量阶次"), max_length=16, choices=Severity.choices)
    circumstance = models.TextField(_("违法情节"))
    statutory_min = models.DecimalField(_("法定罚款下限（元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    statutory_max = models.DecimalField(_("法定罚款上限（元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    fine_min = models.DecimalField(_("罚款下限（元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    fine_max = models.DecimalField(_("罚款上限（元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    other_measures = models.TextField(_("其他处理措施"), blank=True)
    legal_articles = models.ManyToManyField(
        LegalArticle, verbose_name=_("法律依据（条文）"), blank=True, related_name="discretion_standards"
    )
    basis_text = models.TextField(_("裁量依据"), blank=True)
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("失效日期（含当日）"), null=True, blank=True)

    class Meta:
        verbose_name = _("裁量基准")
        verbose_name_plural = _("裁量基准")
        ordering = ["power_item", "effective_from", "fine_min", "pk"]
        constraints = [
            models.CheckConstraint(condition=_PERIOD, name="%(app_label)s_%(class)s_effective_period"),
            models.CheckConstraint(
                condition=Q(fine_min__isnull=True) | Q(fine_max__isnull=True) | Q(fine_max__gte=F("fine_min")),
                name="%(app_label)s_%(class)s_fine_order",
            ),
            models.CheckConstraint(
                condition=(Q(fine_min__isnull=True) | Q(fine_min__gte=0))
                & (Q(statutory_min__isnull=True) | Q(statutory_min__gte=0)),
                name="%(app_label)s_%(class)s_fine_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(statutory_min__isnull=True)
                | Q(fine_min__isnull=True)
                | Q(fine_min__gte=F("statutory_min")),
                name="%(app_label)s_%(class)s_min_inside_statute",
            ),
            models.CheckConstraint(
                condition=Q(statutory_max__isnull=True)
                | Q(fine_max__isnull=True)
                | Q(fine_max__lte=F("statutory_max")),
                name="%(app_label)s_%(class)s_max_inside_statute",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.power_item.code} {self.get_severity_display()}"


class FlexibleMeasure(TimeStampedModel):
    """One entry of the flexible-enforcement lists (柔性执法"三张清单").

    `is_first_violation` marks a 首违不罚 entry of the 不予处罚 list (行政处罚法 Art. 33 ¶1, second
    sentence); it is allowed on that list only.
    """

    code = models.CharField(_("清单编码"), max_length=64, unique=True)
    kind = models.CharField(_("清单类别"), max_length=32, choices=FlexibleMeasureKind.choices)
    is_first_violation = models.BooleanField(_("首违不罚"), default=False)
    owner_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("实施主体"), on_delete=models.PROTECT, related_name="flexible_measures"
    )
    power_item = models.ForeignKey(
        PowerItem, verbose_name=_("权责事项"), on_delete=models.PROTECT, related_name="flexible_measures"
    )
    violation = models.CharField(_("违法行为"), max_length=300)
    conditions = models.TextField(_("适用条件"))
    handling = models.TextField(_("处理方式"), blank=True, help_text=_("如：责令改正，进行教育，不予行政处罚。"))
    legal_articles = models.ManyToManyField(
        LegalArticle, verbose_name=_("法律依据（条文）"), blank=True, related_name="flexible_measures"
    )
    basis_text = models.TextField(_("法律依据"), blank=True)
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("失效日期（含当日）"), null=True, blank=True)

    class Meta:
        verbose_name = _("柔性执法清单事项")
        verbose_name_plural = _("柔性执法清单事项")
        ordering = ["owner_unit__path", "kind", "code"]
        constraints = [
            models.CheckConstraint(condition=~Q(code=""), name="%(app_label)s_%(class)s_code_not_empty"),
            models.CheckConstraint(condition=_PERIOD, name="%(app_label)s_%(class)s_effective_period"),
            models.CheckConstraint(
                condition=Q(is_first_violation=False) | Q(kind=FlexibleMeasureKind.NO_PENALTY),
                name="%(app_label)s_%(class)s_first_violation_only_no_penalty",
            ),
        ]
        indexes = [
            # flexible_measure_suggestions: the entries of a power item in force on a day.
            models.Index(fields=["power_item", "kind", "effective_from"], name="powers_flex_item_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.violation}"


class ListImport(models.Model):
    """One import of a power or check list file: the target of the POWER_LIST_IMPORTED audit row."""

    kind = models.CharField(_("清单类型"), max_length=16, choices=ListKind.choices)
    filename = models.CharField(_("文件名"), max_length=255)
    checksum = models.CharField(_("文件校验值（SHA-256）"), max_length=64)
    row_count = models.PositiveIntegerField(_("数据行数"), default=0)
    created = models.PositiveIntegerField(_("新增"), default=0)
    updated = models.PositiveIntegerField(_("更新"), default=0)
    unchanged = models.PositiveIntegerField(_("未变"), default=0)
    imported_at = models.DateTimeField(_("导入时间"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("导入人"), null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("清单导入记录")
        verbose_name_plural = _("清单导入记录")
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filename}"
