"""Stable choice lists of the spot-check app (values are stored; never rename a value)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RiskClass(models.TextChoices):
    """企业信用风险分类 (国市监信发〔2022〕6号): A low risk … D high risk."""

    A = "A", _("A类（信用风险低）")
    B = "B", _("B类（信用风险一般）")
    C = "C", _("C类（信用风险较高）")
    D = "D", _("D类（信用风险高）")


class QuotaMode(models.TextChoices):
    RATIO = "ratio", _("按比例")
    COUNT = "count", _("按数量")


class PlanStatus(models.TextChoices):
    """draft → committed (draw input frozen, seed hash published) → drawn (seed revealed, tasks made)."""

    DRAFT = "draft", _("草稿")
    COMMITTED = "committed", _("已公布抽取承诺")
    DRAWN = "drawn", _("已抽取")


class SeedSource(models.TextChoices):
    COMMIT_REVEAL = "commit_reveal", _("系统随机种子（先公布哈希，后公开种子）")
    WITNESSED = "witnessed", _("现场公开随机源（见证人在场）")


class TaskStatus(models.TextChoices):
    ASSIGNED = "assigned", _("待检查")
    INSPECTED = "inspected", _("已检查")
    PUBLISHED = "published", _("已公示")
