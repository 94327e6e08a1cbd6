"""Stable choice lists of the litigation app (values are stored; never rename a value)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Instance(models.TextChoices):
    FIRST = "first", _("一审")
    SECOND = "second", _("二审")
    RETRIAL = "retrial", _("再审")


class PlaintiffKind(models.TextChoices):
    PERSON = "person", _("公民")
    ORGANISATION = "organisation", _("法人或者其他组织")


class DefendantRole(models.TextChoices):
    """Why a unit is a defendant (行政诉讼法 Art. 26)."""

    ORIGINAL = "original", _("作出原行政行为的行政机关")
    RECONSIDERATION_AUTHORITY = "authority", _("复议机关")


class CaseStatus(models.TextChoices):
    PENDING = "pending", _("审理中")
    CONCLUDED = "concluded", _("已审结")


class Outcome(models.TextChoices):
    """How the instance ended, as the reports count them (胜诉, 败诉, 撤诉, 调解, …)."""

    WON = "won", _("胜诉（驳回诉讼请求）")
    LOST = "lost", _("败诉")
    WITHDRAWN = "withdrawn", _("原告撤诉")
    MEDIATED = "mediated", _("调解结案")
    DISMISSED = "dismissed", _("裁定驳回起诉")
    OTHER = "other", _("其他（移送、终结等）")


class LossKind(models.TextChoices):
    """The judgment against the agency (行政诉讼法 Art. 70–78)."""

    REVOKED = "revoked", _("判决撤销")
    CHANGED = "changed", _("判决变更")
    CONFIRMED_ILLEGAL = "confirmed_illegal", _("确认违法")
    CONFIRMED_VOID = "confirmed_void", _("确认无效")
    ORDERED_PERFORMANCE = "ordered_performance", _("判决履行法定职责或给付义务")
    COMPENSATION = "compensation", _("判决赔偿或补偿")


class AbsenceExcuse(models.TextChoices):
    """出庭应诉规定 (2020) Art. 8: why the head could not appear (with proof, Art. 9)."""

    FORCE_MAJEURE = "force_majeure", _("不可抗力")
    ACCIDENT = "accident", _("意外事件")
    IRREPLACEABLE_DUTY = "irreplaceable_duty", _("需要履行他人不能代替的公务")
    OTHER_JUSTIFIED = "other_justified", _("无法出庭的其他正当事由")


class HeadPosition(models.TextChoices):
    """Who counts as 负责人 (出庭应诉规定 Art. 2)."""

    PRINCIPAL = "principal", _("正职负责人")
    DEPUTY = "deputy", _("副职负责人")
    IN_CHARGE = "in_charge", _("参与分管的负责人")


class EventType(models.TextChoices):
    REGISTERED = "registered", _("登记应诉案件")
    DEFENCE_SUBMITTED = "defence_submitted", _("提交答辩状及证据")
    HEARING = "hearing", _("开庭")
    CONCLUDED = "concluded", _("裁判结果")
    SUGGESTION = "suggestion", _("司法建议")
    SUGGESTION_ANSWERED = "suggestion_answered", _("回复司法建议")
    FED_BACK = "fed_back", _("以案促改：通知原行为单位")
