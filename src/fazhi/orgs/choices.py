"""Stable choice lists for organisations, people and roles."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgUnitKind(models.TextChoices):
    REGION = "region", _("行政区域")
    GOVERNMENT = "government", _("人民政府")
    DEPARTMENT = "department", _("政府工作部门")
    ENFORCEMENT_BODY = "enforcement_body", _("执法机构")
    TOWNSHIP = "township", _("街道/乡镇")
    OTHER = "other", _("其他单位")


class Role(models.TextChoices):
    """The roles of DESIGN.md §1. The public (公众) has no account and no role."""

    OFFICER = "officer", _("执法人员")
    LEGAL_REVIEWER = "legal_reviewer", _("法制审核人员")
    UNIT_ADMIN = "unit_admin", _("单位管理员")
    SUPERVISOR = "supervisor", _("执法监督人员")
    RECONSIDERATION_OFFICER = "reconsideration_officer", _("复议工作人员")
    SYSTEM_ADMIN = "system_admin", _("系统管理员")


class Gender(models.TextChoices):
    MALE = "male", _("男")
    FEMALE = "female", _("女")
    UNKNOWN = "unknown", _("未知")


class CertificateStatus(models.TextChoices):
    """Lifecycle of an enforcement certificate (行政执法证)."""

    VALID = "valid", _("有效")
    SUSPENDED = "suspended", _("暂扣")
    REVOKED = "revoked", _("注销")


class CertificateEventKind(models.TextChoices):
    """申领/变更/暂扣/注销 as the certificate registry records them (RULES.md §9)."""

    ISSUED = "issued", _("申领发证")
    CHANGED = "changed", _("变更")
    SUSPENDED = "suspended", _("暂扣")
    REINSTATED = "reinstated", _("恢复")
    REVOKED = "revoked", _("注销")
