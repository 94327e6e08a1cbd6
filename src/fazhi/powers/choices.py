"""Stable choice lists for power lists (权责清单), check lists (检查清单) and the flexible lists.

Values are English slugs stored in the database; labels are the Chinese terms used in published
lists and in import files (the importers accept either the label or the value).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PowerCategory(models.TextChoices):
    """事项类别: the ten categories of administrative power of a 权责清单."""

    LICENSING = "licensing", _("行政许可")
    PENALTY = "penalty", _("行政处罚")
    COERCION = "coercion", _("行政强制")
    LEVY = "levy", _("行政征收")
    BENEFIT = "benefit", _("行政给付")
    INSPECTION = "inspection", _("行政检查")
    CONFIRMATION = "confirmation", _("行政确认")
    REWARD = "reward", _("行政奖励")
    ADJUDICATION = "adjudication", _("行政裁决")
    OTHER = "other", _("其他行政权力")


class ItemStatus(models.TextChoices):
    """Status of a list entry. Suspended and cancelled entries stay listed for history."""

    ACTIVE = "active", _("有效")
    SUSPENDED = "suspended", _("暂停")
    CANCELLED = "cancelled", _("取消")


class CheckMethod(models.TextChoices):
    """检查方式 of a check item."""

    ON_SITE = "on_site", _("现场检查")
    DOCUMENTARY = "documentary", _("书面检查")
    REMOTE = "remote", _("非现场检查")
    SAMPLING = "sampling", _("抽样检测")
    OTHER = "other", _("其他方式")


class Severity(models.TextChoices):
    """Severity band (情节) of a discretion standard (裁量基准)."""

    MINOR = "minor", _("轻微")
    GENERAL = "general", _("一般")
    SERIOUS = "serious", _("较重")
    GRAVE = "grave", _("严重")


class FlexibleMeasureKind(models.TextChoices):
    """柔性执法"三张清单"."""

    NO_PENALTY = "no_penalty", _("不予处罚")
    LIGHTER_PENALTY = "lighter_penalty", _("从轻减轻处罚")
    NO_COERCIVE_MEASURE = "no_coercive_measure", _("不予实施行政强制措施")


class HarmLevel(models.TextChoices):
    """危害后果 as established in a case, the input of the flexible-list matching rules."""

    NONE = "none", _("没有造成危害后果")
    MINOR = "minor", _("危害后果轻微")
    SIGNIFICANT = "significant", _("危害后果较重")


class MitigatingGround(models.TextChoices):
    """应当从轻或者减轻 grounds of 行政处罚法 Art. 32."""

    REDUCED_HARM = "reduced_harm", _("主动消除或者减轻违法行为危害后果")
    COERCED = "coerced", _("受他人胁迫或者诱骗实施违法行为")
    CONFESSED = "confessed", _("主动供述行政机关尚未掌握的违法行为")
    MERITORIOUS = "meritorious", _("配合行政机关查处违法行为有立功表现")
    OTHER = "other", _("法律、法规、规章规定其他应当从轻或者减轻行政处罚的")


class ListKind(models.TextChoices):
    """Which list an import or export file holds."""

    POWERS = "powers", _("权责清单")
    CHECK_ITEMS = "checkitems", _("检查清单")


class FileFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"
