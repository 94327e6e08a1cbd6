"""Organisations, people, officers, users and their org-scoped roles."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.ids import validate_citizen_id, validate_uscc
from fazhi.core.models import TimeStampedModel
from fazhi.orgs.choices import CertificateEventKind, CertificateStatus, Gender, OrgUnitKind, Role


class EnforcementDomain(models.Model):
    """An enforcement field (执法领域), e.g. 市场监管; units in the same domain are ranked together."""

    code = models.CharField(_("领域代码"), max_length=32, unique=True)
    name = models.CharField(_("领域名称"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("执法领域")
        verbose_name_plural = _("执法领域")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class OrgUnit(TimeStampedModel):
    """A node of the organisation tree: region → government → department / enforcement body.

    `path` is a materialised path of unit codes ("/R01/G01/D03/") so that "this unit and everything
    under it" — the scope of every role — is one indexed prefix query on both databases.
    """

    code = models.CharField(_("单位编码"), max_length=32, unique=True)
    name = models.CharField(_("单位名称"), max_length=128)
    short_name = models.CharField(_("简称"), max_length=64, blank=True)
    # The 机关代字 that opens the unit's 发文字号 (GB/T 9704-2012 7.2.4), e.g. "青政" in 青政复〔2026〕3号;
    # empty: each numbering falls back to its own form (read it through selectors.org_unit_document_prefix).
    document_prefix = models.CharField(
        _("机关代字"),
        max_length=16,
        blank=True,
        help_text=_("发文字号中的机关代字，如“青政”“青市监”；不含年份和序号。"),
    )
    kind = models.CharField(_("单位类型"), max_length=32, choices=OrgUnitKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Used by every subtree (scope) query: path__startswith.
    path = models.CharField(_("层级路径"), max_length=512, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("层级"), default=0, editable=False)
    is_enforcement_body = models.BooleanField(_("是否执法主体"), default=False)
    domains = models.ManyToManyField(EnforcementDomain, verbose_name=_("执法领域"), blank=True, related_name="units")
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True, validators=[validate_uscc])
    is_active = models.BooleanField(_("是否有效"), default=True)

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="%(app_label)s_%(class)s_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name


class Person(TimeStampedModel):
    """A natural person known to the platform (an officer, a staff member)."""

    name = models.CharField(_("姓名"), max_length=64)
    citizen_id = models.CharField(
        _("公民身份号码"), max_length=18, unique=True, null=True, blank=True, validators=[validate_citizen_id]
    )
    gender = models.CharField(_("性别"), max_length=8, choices=Gender.choices, default=Gender.UNKNOWN)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    phone = models.CharField(_("联系电话"), max_length=32, blank=True)
    # 行政处罚法 Art. 58(2): first-time legal reviewers must hold the national legal qualification.
    has_legal_qualification = models.BooleanField(_("具有法律职业资格"), default=False)

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Officer(TimeStampedModel):
    """An enforcement officer (行政执法人员) of one unit. Certificates come with the enforcement app."""

    person = models.ForeignKey(Person, verbose_name=_("人员"), on_delete=models.PROTECT, related_name="officer_posts")
    unit = models.ForeignKey(OrgUnit, verbose_name=_("所属单位"), on_delete=models.PROTECT, related_name="officers")
    title = models.CharField(_("职务"), max_length=64, blank=True)
    is_active = models.BooleanField(_("在岗"), default=True)

    class Meta:
        verbose_name = _("执法人员")
        verbose_name_plural = _("执法人员")
        ordering = ["unit__path", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "unit"], name="%(app_label)s_%(class)s_one_post_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.person.name}（{self.unit.name}）"


class User(AbstractUser):
    """A login. Users are deactivated, never deleted, because audit rows point at them."""

    display_name = models.CharField(_("显示名称"), max_length=64, blank=True)
    person = models.OneToOneField(
        Person, verbose_name=_("对应人员"), null=True, blank=True, on_delete=models.PROTECT, related_name="user"
    )

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name or self.username


class RoleAssignment(TimeStampedModel):
    """A role held by a user over an org unit and everything beneath it."""

    user = models.ForeignKey(User, verbose_name=_("用户"), on_delete=models.PROTECT, related_name="role_assignments")
    role = models.CharField(_("角色"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey(OrgUnit, verbose_name=_("授权范围"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("角色授权")
        verbose_name_plural = _("角色授权")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="%(app_label)s_%(class)s_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"


class LoginFailure(models.Model):
    """One failed login, kept for throttling (等保 2.0: lock after repeated failures)."""

    username = models.CharField(_("用户名"), max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(_("来源地址"), null=True, blank=True)
    occurred_at = models.DateTimeField(_("发生时间"), db_index=True)

    class Meta:
        verbose_name = _("登录失败记录")
        verbose_name_plural = _("登录失败记录")
        indexes = [models.Index(fields=["username", "occurred_at"], name="orgs_loginfail_user_time")]

    def __str__(self) -> str:
        return f"{self.username} @ {self.occurred_at:%Y-%m-%d %H:%M}"


class Certificate(TimeStampedModel):
    """An enforcement certificate (行政执法证) held by an officer.

    `status` is the current state for lists; whether the certificate counted on a past date is
    answered from the dated lifecycle events (CertificateEvent), because an act is judged by the
    certificate as it stood on the day of the act.
    """

    officer = models.ForeignKey(
        Officer, verbose_name=_("执法人员"), on_delete=models.PROTECT, related_name="certificates"
    )
    number = models.CharField(_("执法证号"), max_length=32, unique=True)
    issuer = models.CharField(_("发证机关"), max_length=128)
    domains = models.ManyToManyField(EnforcementDomain, verbose_name=_("执法领域"), related_name="certificates")
    valid_from = models.DateField(_("有效期起"))
    valid_to = models.DateField(_("有效期止"))
    status = models.CharField(
        _("状态"), max_length=16, choices=CertificateStatus.choices, default=CertificateStatus.VALID
    )

    class Meta:
        verbose_name = _("执法证")
        verbose_name_plural = _("执法证")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__gte=models.F("valid_from")), name="%(app_label)s_%(class)s_valid_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}（{self.officer.person.name}）"


class CertificateEvent(models.Model):
    """One dated step of a certificate's lifecycle; appended by the certificate services only."""

    certificate = models.ForeignKey(
        Certificate, verbose_name=_("执法证"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("事项"), max_length=16, choices=CertificateEventKind.choices)
    effective_on = models.DateField(_("生效日期"))
    reason = models.TextField(_("原因"), blank=True)
    recorded_at = models.DateTimeField(_("登记时间"))
    recorded_by = models.ForeignKey(
        User, verbose_name=_("登记人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("执法证变动记录")
        verbose_name_plural = _("执法证变动记录")
        ordering = ["certificate", "effective_on", "pk"]

    def __str__(self) -> str:
        return f"{self.certificate.number} {self.get_kind_display()} {self.effective_on}"


class OfficerDutySpan(models.Model):
    """A stretch of days on which an officer does, or does not, count as 持证在岗 (derived data).

    Every officer holding at least one certificate has spans that cut the whole calendar: `counted`
    days are days on duty (`Officer.is_active`) with a certificate inside its validity and neither
    suspended nor revoked that day (rules.officer_duty_spans). An open end is None. Written only by
    services.officer_duty_refresh, in the transaction of each change to the officer or their
    certificates, and by services.officer_duty_rebuild. Supervision reads the spans that do *not*
    count on a day (a handful, found through the partial indexes below) instead of checking the
    certificates of every officer of a province.
    """

    officer = models.ForeignKey(
        Officer, verbose_name=_("执法人员"), on_delete=models.CASCADE, related_name="+", db_index=False
    )
    unit_id = models.BigIntegerField(_("所属单位"))  # the officer's: a post never changes unit
    counted = models.BooleanField(_("持证在岗"))
    starts_on = models.DateField(_("起始日"), null=True)
    ends_on = models.DateField(_("截止日（含）"), null=True)

    class Meta:
        verbose_name = _("执法人员持证在岗区间")
        verbose_name_plural = _("执法人员持证在岗区间")
        indexes = [
            # services.officer_duty_refresh: the spans of the officers being recomputed
            models.Index(fields=["officer", "starts_on"], name="orgs_duty_officer"),
            # supervision: the officers NOT counted on a day D, one index per shape of span, each read
            # for exactly the spans that contain D (the not-yet-certified, the expired, the suspended…)
            models.Index(
                fields=["ends_on", "officer"], name="orgs_duty_gap_head",
                condition=Q(counted=False, starts_on__isnull=True, ends_on__isnull=False),
            ),
            models.Index(
                fields=["starts_on", "officer"], name="orgs_duty_gap_tail",
                condition=Q(counted=False, starts_on__isnull=False, ends_on__isnull=True),
            ),
            models.Index(
                fields=["starts_on", "ends_on", "officer"], name="orgs_duty_gap_inner",
                condition=Q(counted=False, starts_on__isnull=False, ends_on__isnull=False),
            ),
            models.Index(
                fields=["officer"], name="orgs_duty_gap_always",
                condition=Q(counted=False, starts_on__isnull=True, ends_on__isnull=True),
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.officer_id} {self.starts_on or '…'}–{self.ends_on or '…'} {'✓' if self.counted else '✗'}"


class UnitDutySpan(models.Model):
    """How many officers of a unit count as 持证在岗 from `starts_on` to `ends_on` (derived data).

    The counted OfficerDutySpan rows added up per unit and span: 执法人员总数 of every unit on a day
    is one GROUP BY over this small table. Maintained with the officer spans (same services).
    """

    unit_id = models.BigIntegerField(_("单位"))
    starts_on = models.DateField(_("起始日"))
    ends_on = models.DateField(_("截止日（含）"))
    officers = models.IntegerField(_("人数"))

    class Meta:
        verbose_name = _("单位持证在岗人数")
        verbose_name_plural = _("单位持证在岗人数")
        constraints = [
            models.UniqueConstraint(fields=["unit_id", "starts_on", "ends_on"], name="%(app_label)s_%(class)s_key"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.starts_on}–{self.ends_on}: {self.officers}"
