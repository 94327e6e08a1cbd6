"""Litigation records (行政应诉): the agency as defendant in an administrative lawsuit.

- `LitigationCase`: one court case at one instance, with the defence deadline (行政诉讼法 Art. 67),
  the links to the reconsideration case and the original act, and the outcome. `responsible_unit`
  is the unit that handles the defence (its 复议/应诉 staff see the case).
- `Defendant`: each defendant unit and why it is one (Art. 26: co-defendants after 复议维持).
- `CourtHearing`: a hearing and whether the head of the agency appeared, or the excuse
  (出庭应诉规定 Art. 8, 9) and the delegated staff member — as it happened, also when that falls short
  of the law (rules.head_absence_findings flags it).
- `JudicialSuggestion` (司法建议) and `CaseEvent` (timeline).
All writes go through `fazhi.litigation.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import TimeStampedModel
from fazhi.litigation.choices import (
    AbsenceExcuse,
    CaseStatus,
    DefendantRole,
    EventType,
    HeadPosition,
    Instance,
    LossKind,
    Outcome,
    PlaintiffKind,
)
from fazhi.reconsideration.choices import Category

MONEY = {"max_digits": 14, "decimal_places": 2}
USER = settings.AUTH_USER_MODEL


class LitigationCase(TimeStampedModel):
    """行政诉讼案件 (one instance) in which units of the platform are defendants."""

    court = models.CharField(_("受理法院"), max_length=128)
    case_number = models.CharField(_("案号"), max_length=64)
    instance = models.CharField(_("审级"), max_length=16, choices=Instance.choices, default=Instance.FIRST)
    responsible_unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("应诉主办单位"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("状态"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.PENDING)
    version = models.PositiveIntegerField(_("版本"), default=1)
    plaintiff_kind = models.CharField(_("原告类型"), max_length=16, choices=PlaintiffKind.choices)
    plaintiff_name = models.CharField(_("原告"), max_length=200)
    plaintiff_id_number = models.CharField(_("公民身份号码/统一社会信用代码"), max_length=18, blank=True)
    category = models.CharField(_("案件类别"), max_length=32, choices=Category.choices)
    enterprise_related = models.BooleanField(_("涉企"), default=False)
    act_description = models.CharField(_("被诉行政行为"), max_length=500)
    penalty_case = models.ForeignKey(
        "enforcement.PenaltyCase", verbose_name=_("原行政处罚案件"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    inspection = models.ForeignKey(
        "enforcement.Inspection", verbose_name=_("原行政检查"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    reconsideration_case = models.ForeignKey(
        "reconsideration.ReconsiderationCase", verbose_name=_("行政复议案件"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    after_reconsideration = models.BooleanField(_("经复议后起诉"), default=False)
    # 行政诉讼法 Art. 45: the 15-day 起诉期限 runs from it (rules.suit_period); unknown to the agency unless
    # the complaint or the 复议机关 says, hence optional.
    decision_received_on = models.DateField(_("原告收到行政复议决定书日期"), null=True, blank=True)
    filed_on = models.DateField(_("立案日期"))
    complaint_received_on = models.DateField(_("收到起诉状副本日期"))
    defence_due = models.DateField(_("答辩期限"), null=True, blank=True)
    defence_submitted_on = models.DateField(_("提交答辩状日期"), null=True, blank=True)
    defence_late = models.BooleanField(_("逾期答辩"), default=False)
    head_summoned = models.BooleanField(
        _("法院通知负责人出庭"), default=False, help_text=_("出庭应诉规定第四条：重大公共利益、社会高度关注等")
    )
    outcome = models.CharField(_("结果"), max_length=16, choices=Outcome.choices, blank=True)
    loss_kind = models.CharField(_("败诉类型"), max_length=32, choices=LossKind.choices, blank=True)
    concluded_on = models.DateField(_("审结日期"), null=True, blank=True)
    judgment_number = models.CharField(_("裁判文书号"), max_length=64, blank=True)
    judgment_summary = models.TextField(_("裁判要旨"), blank=True)
    # A 判决变更 of a penalty case of this platform (行政诉讼法 Art. 77): the penalty as changed, which the
    # penalty case carries from the judgment on; empty/None otherwise.
    changed_penalty_types = models.JSONField(_("变更后的处罚种类"), default=list, blank=True)
    changed_fine_amount = models.DecimalField(_("变更后的罚款数额（元）"), null=True, blank=True, **MONEY)
    changed_confiscation_value = models.DecimalField(_("变更后的没收金额（元）"), null=True, blank=True, **MONEY)
    contrary_co_plaintiff = models.BooleanField(
        _("利害关系人同为原告且诉讼请求相反（第七十七条第二款）"), default=False
    )
    created_by = models.ForeignKey(
        USER, verbose_name=_("登记人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("行政应诉案件")
        verbose_name_plural = _("行政应诉案件")
        ordering = ["-filed_on", "-pk"]
        indexes = [
            models.Index(fields=["responsible_unit", "filed_on"], name="lit_unit_filed"),
            models.Index(fields=["concluded_on"], name="lit_concluded"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["court", "case_number"], name="%(app_label)s_%(class)s_unique_number"),
            models.CheckConstraint(
                condition=models.Q(outcome="") | models.Q(status=CaseStatus.CONCLUDED),
                name="%(app_label)s_%(class)s_outcome_when_concluded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_number} {self.plaintiff_name}"


class Defendant(models.Model):
    """A defendant unit and its role (行政诉讼法 Art. 26)."""

    case = models.ForeignKey(LitigationCase, verbose_name=_("案件"), on_delete=models.PROTECT,
                             related_name="defendants")  # fmt: skip
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name=_("被告"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("被告身份"), max_length=16, choices=DefendantRole.choices)

    class Meta:
        verbose_name = _("被告")
        verbose_name_plural = _("被告")
        constraints = [models.UniqueConstraint(fields=["case", "unit"], name="%(app_label)s_%(class)s_once")]

    def __str__(self) -> str:
        return f"{self.unit}（{self.get_role_display()}）"


class CourtHearing(models.Model):
    """开庭: did the head of the agency appear (行政诉讼法 Art. 3(3)), or which excuse applied (规定 Art. 8, 9)."""

    case = models.ForeignKey(LitigationCase, verbose_name=_("案件"), on_delete=models.PROTECT,
                             related_name="hearings")  # fmt: skip
    held_on = models.DateField(_("开庭日期"))
    head_appeared = models.BooleanField(_("负责人出庭"))
    head_name = models.CharField(_("出庭负责人"), max_length=64, blank=True)
    head_position = models.CharField(_("负责人职务类别"), max_length=16, choices=HeadPosition.choices, blank=True)
    excuse = models.CharField(_("不能出庭的理由"), max_length=32, choices=AbsenceExcuse.choices, blank=True)
    excuse_proof = models.BooleanField(_("已提交加盖印章或主要负责人签字的证明材料"), default=False)
    delegate_name = models.CharField(_("委托出庭的工作人员"), max_length=64, blank=True)
    delegate_title = models.CharField(_("工作人员职务"), max_length=64, blank=True)
    # 法释〔2018〕1号 Art. 128(2), 132: a lawyer alone is no 相应的工作人员; recorded as it happened.
    lawyer_only = models.BooleanField(_("仅委托律师出庭"), default=False)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    class Meta:
        verbose_name = _("开庭")
        verbose_name_plural = _("开庭")
        ordering = ["case", "held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case.case_number} 开庭 {self.held_on}"


class JudicialSuggestion(models.Model):
    """司法建议 received from the court, and the agency's answer."""

    case = models.ForeignKey(LitigationCase, verbose_name=_("案件"), on_delete=models.PROTECT,
                             related_name="suggestions")  # fmt: skip
    received_on = models.DateField(_("收到日期"))
    content = models.TextField(_("建议内容"))
    answered_on = models.DateField(_("回复日期"), null=True, blank=True)
    answer = models.TextField(_("回复情况"), blank=True)

    class Meta:
        verbose_name = _("司法建议")
        verbose_name_plural = _("司法建议")
        ordering = ["case", "received_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case.case_number} 司法建议 {self.received_on}"


class CaseEvent(models.Model):
    """One entry of a litigation case's timeline; written by the services only."""

    case = models.ForeignKey(LitigationCase, verbose_name=_("案件"), on_delete=models.PROTECT,
                             related_name="events")  # fmt: skip
    type = models.CharField(_("事项"), max_length=32, choices=EventType.choices)
    on = models.DateField(_("日期"), null=True, blank=True)
    occurred_at = models.DateTimeField(_("记录时间"), default=timezone.now)
    actor = models.ForeignKey(USER, verbose_name=_("操作人"), null=True, on_delete=models.SET_NULL, related_name="+")
    actor_display = models.CharField(_("操作人名称"), max_length=150)
    message = models.CharField(_("说明"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("应诉案件过程记录")
        verbose_name_plural = _("应诉案件过程记录")
        ordering = ["case", "occurred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_type_display()}"
