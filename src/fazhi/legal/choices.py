"""Stable choice lists for the legal library (法律法规库).

The values are stable English slugs stored in the database; the labels are the Chinese terms of
《中华人民共和国立法法》 and of the usual 时效性 labels of Chinese law databases.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalLevel(models.TextChoices):
    """效力级别: where a source sits in the hierarchy of norms (立法法 第五章)."""

    CONSTITUTION = "constitution", _("宪法")
    LAW = "law", _("法律")
    ADMINISTRATIVE_REGULATION = "administrative_regulation", _("行政法规")
    LOCAL_REGULATION = "local_regulation", _("地方性法规")
    DEPARTMENTAL_RULE = "departmental_rule", _("部门规章")
    LOCAL_GOVERNMENT_RULE = "local_government_rule", _("地方政府规章")
    JUDICIAL_INTERPRETATION = "judicial_interpretation", _("司法解释")
    NORMATIVE_DOCUMENT = "normative_document", _("规范性文件")
    OTHER = "other", _("其他")


class LegalStatus(models.TextChoices):
    """时效性 of one version of a source."""

    IN_FORCE = "in_force", _("现行有效")
    AMENDED = "amended", _("已被修改")
    REPEALED = "repealed", _("已废止")
    NOT_YET_EFFECTIVE = "not_yet_effective", _("尚未施行")
