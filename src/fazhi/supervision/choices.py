"""Stable choice lists of the supervision app (values are stored; never rename a value)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The upload-timeliness thresholds (days between 发生日期 and 录入日期) the rollups can answer; one
# column per threshold in UnitRollup (lag_le_<days>).
LAG_THRESHOLDS = (1, 3, 5, 7, 10, 15, 30)


class RecordSource(models.TextChoices):
    """Where an enforcement record came from. Both count the same way in every indicator."""

    INTERNAL = "internal", _("本平台办理")
    IMPORTED = "imported", _("外部系统导入")


class RecordType(models.TextChoices):
    """记录类型 of the record-intake file (执法信息归集 categories, RULES.md §10)."""

    INSPECTION = "inspection", _("行政检查")
    PENALTY = "penalty", _("行政处罚")
    EDUCATION = "education", _("教育改正")
    COERCION = "coercion", _("行政强制")
    OTHER = "other", _("其他")


class Grain(models.TextChoices):
    """The time bucket of a rollup row: a day, a calendar month or a calendar quarter."""

    DAY = "d", _("日")
    MONTH = "m", _("月")
    QUARTER = "q", _("季")


class MissingIndicatorPolicy(models.TextChoices):
    """How a 考核指标体系 scores an indicator a unit has no value for (a zero denominator, shown "—").

    A choice of the scheme, not of a statute (rules.rank_units): 折算 treats the item as 不适用 and
    scores the unit over its applicable weights; 计零 scores it 0, as the scheme did before.
    """

    PRORATE = "prorate", _("折算（不适用项不计分，按其余指标得分折算）")
    ZERO = "zero", _("计零（缺项计0分）")


class SnapshotKind(models.TextChoices):
    INDICATORS = "indicators", _("指标快照")
    BULLETIN = "bulletin", _("通报快照")


class ReviewStatus(models.TextChoices):
    """案卷评查 → 整改 → 复核."""

    DRAWN = "drawn", _("已抽取待评查")
    SCORED = "scored", _("已评查（无需整改）")
    RECTIFYING = "rectifying", _("待整改")
    RECTIFIED = "rectified", _("已整改待复核")
    CLOSED = "closed", _("复核通过")


class AlertKind(models.TextChoices):
    CASE_DEADLINE_NEAR = "case_deadline_near", _("案件期限即将届满")
    CASE_DEADLINE_PASSED = "case_deadline_passed", _("案件已超期")
    CERTIFICATE_EXPIRING = "certificate_expiring", _("执法证30日内到期")
    PUBLICATION_OVERDUE = "publication_overdue", _("处罚决定未按期公示")
    RECORD_ENTERED_LATE = "record_entered_late", _("执法信息逾期录入")


class AlertStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    CLEARED = "cleared", _("已解除")
