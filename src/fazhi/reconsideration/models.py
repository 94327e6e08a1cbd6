"""Reconsideration records (行政复议): the case from application to ending, and what hangs off it.

All writes go through `fazhi.reconsideration.services`; reads through `selectors`/`statistics`.

- `ReconsiderationCase`: one application (Art. 22: one act per application) and its whole life —
  receipt, 补正, acceptance (or 视为受理 / 不予受理), procedure, reply, decision period, ending.
  `version` is bumped by every transition (optimistic concurrency, HTTP 409 on a stale copy).
  Statutory deadlines are `core.deadlines.TrackedDeadline` rows pointing at the case; the due
  dates are mirrored here for lists and checks.
- `Hearing` (听证, Art. 50, 51), `Investigation` (调查取证, Art. 45), `Suspension` (中止, Art. 39).
- `Letter`: 行政复议意见书 (Art. 76, with the 60-day report-back) or 建议书 (实施条例 Art. 57).
- `ReviewAlert` (纠错提醒): a correction or a lost lawsuit, addressed to the unit whose act it was
  (以案促改). Kept here until the supervision app exists; it only needs `unit`, `raised_on`, `kind`,
  `message` and the source reference to take the alerts over.
- `CaseEvent`: the user-facing timeline of a case.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import TimeStampedModel
from fazhi.reconsideration.choices import (
    AlertSource,
    ApplicantKind,
    CaseStatus,
    Category,
    Channel,
    EventType,
    LetterKind,
    Outcome,
    PreAcceptanceEnding,
    Procedure,
    SuspensionGround,
    TerminationGround,
)

MONEY = {"max_digits": 14, "decimal_places": 2}
USER = settings.AUTH_USER_MODEL


class ReconsiderationCase(TimeStampedModel):
    """行政复议案件: one application against one act, handled by one 复议机关."""

    number = models.CharField(_("案号"), max_length=64, unique=True)
    year = models.PositiveSmallIntegerField(_("年度"))
    serial = models.PositiveIntegerField(_("序号"))
    authority = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("行政复议机关"), on_delete=models.PROTECT, related_name="+"
    )
    respondent = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("被申请人"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("状态"), max_length=32, choices=CaseStatus.choices, default=CaseStatus.RECEIVED)
    procedure = models.CharField(_("审理程序"), max_length=16, choices=Procedure.choices, default=Procedure.GENERAL)
    version = models.PositiveIntegerField(_("版本"), default=1)
    # 申请 (Art. 22)
    channel = models.CharField(_("申请方式"), max_length=16, choices=Channel.choices)
    received_on = models.DateField(_("收到申请日期"))
    posted_on = models.DateField(_("交邮日期"), null=True, blank=True)
    filed_on = models.DateField(_("申请日期（计算申请期限）"))
    applicant_kind = models.CharField(_("申请人类型"), max_length=16, choices=ApplicantKind.choices)
    applicant_name = models.CharField(_("申请人姓名或名称"), max_length=200)
    applicant_id_number = models.CharField(_("公民身份号码/统一社会信用代码"), max_length=18)
    applicant_address = models.CharField(_("住所或通讯地址"), max_length=300, blank=True)
    applicant_phone = models.CharField(_("联系电话"), max_length=32, blank=True)
    applicant_representative = models.CharField(_("法定代表人或主要负责人"), max_length=64, blank=True)
    agent_name = models.CharField(_("委托代理人"), max_length=64, blank=True)
    third_party = models.CharField(_("第三人"), max_length=300, blank=True)
    request = models.TextField(_("行政复议请求"))
    facts = models.TextField(_("主要事实"), blank=True)
    reasons = models.TextField(_("理由"), blank=True)
    oral_recorded_by = models.ForeignKey(
        USER, verbose_name=_("口头申请记录人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # 被申请的行政行为
    category = models.CharField(_("案件类别（第十一条）"), max_length=32, choices=Category.choices)
    enterprise_related = models.BooleanField(_("涉企"), default=False)
    contested_act = models.CharField(_("被申请的行政行为"), max_length=500)
    act_document_number = models.CharField(_("原行为文号"), max_length=64, blank=True)
    act_on = models.DateField(_("行政行为作出日期"), null=True, blank=True)
    known_on = models.DateField(_("知道或者应当知道行政行为之日"))
    informed_of_rights = models.BooleanField(_("已告知复议权利、复议机关和期限"), default=True)
    rights_known_on = models.DateField(_("知道复议权利之日"), null=True, blank=True)
    real_estate = models.BooleanField(_("因不动产提出"), default=False)
    obstacle_from = models.DateField(_("耽误期限的障碍起"), null=True, blank=True)
    obstacle_to = models.DateField(_("障碍消除日"), null=True, blank=True)
    penalty_case = models.ForeignKey(
        "enforcement.PenaltyCase", verbose_name=_("原行政处罚案件"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    inspection = models.ForeignKey(
        "enforcement.Inspection", verbose_name=_("原行政检查"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    disclosure_reference = models.CharField(_("政府信息公开答复文号"), max_length=64, blank=True)
    # Facts for 简易程序 (Art. 53) and 复议前置 (Art. 23)
    on_the_spot = models.BooleanField(_("行政行为当场作出"), default=False)
    warning_or_criticism = models.BooleanField(_("行政行为是警告或者通报批评"), default=False)
    amount_involved = models.DecimalField(_("涉及款额（元）"), null=True, blank=True, **MONEY)
    disclosure_refused = models.BooleanField(_("申请政府信息公开，行政机关不予公开"), default=False)
    facts_clear = models.BooleanField(_("事实清楚、权利义务关系明确、争议不大"), default=False)
    parties_consent_simplified = models.BooleanField(_("当事人各方同意适用简易程序"), default=False)
    prerequisite = models.BooleanField(_("复议前置"), default=False)
    prerequisite_basis = models.CharField(_("复议前置依据"), max_length=200, blank=True)
    # Flags for hearing (Art. 50) and committee (Art. 52)
    major_or_complex = models.BooleanField(_("重大、疑难、复杂"), default=False)
    technical = models.BooleanField(_("专业性、技术性较强"), default=False)
    provincial_own_act = models.BooleanField(_("第二十四条第二款案件"), default=False)
    committee_deemed_necessary = models.BooleanField(_("复议机构认为有必要提请委员会"), default=False)
    hearing_requested = models.BooleanField(_("申请人请求听证"), default=False)
    hearing_declined_reason = models.TextField(_("不组织听证的理由"), blank=True)
    committee_consulted_on = models.DateField(_("委员会咨询日期"), null=True, blank=True)
    committee_opinion = models.TextField(_("委员会咨询意见"), blank=True)
    # 申请期限 (Art. 20, 21)
    window_due = models.DateField(_("申请期限届满日"), null=True, blank=True)
    window_late = models.BooleanField(_("超过申请期限"), default=False)
    # 受理审查 (Art. 30, 31)
    acceptance_due = models.DateField(_("受理审查期限"), null=True, blank=True)
    correction_requested_on = models.DateField(_("补正通知日期"), null=True, blank=True)
    correction_items = models.TextField(_("补正事项"), blank=True)
    correction_due = models.DateField(_("补正期限"), null=True, blank=True)
    correction_received_on = models.DateField(_("收到补正材料日期"), null=True, blank=True)
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    accepted_deemed = models.BooleanField(_("视为受理"), default=False)
    refused_on = models.DateField(_("不予受理日期"), null=True, blank=True)
    refusal_reason = models.TextField(_("不予受理理由"), blank=True)
    # 答复 (Art. 48, 54)
    copy_due = models.DateField(_("发送副本期限"), null=True, blank=True)
    copy_sent_on = models.DateField(_("发送副本日期"), null=True, blank=True)
    reply_due = models.DateField(_("答复期限"), null=True, blank=True)
    reply_received_on = models.DateField(_("收到答复日期"), null=True, blank=True)
    reply_late = models.BooleanField(_("逾期答复"), default=False)
    reply_summary = models.TextField(_("答复要点"), blank=True)
    # 决定期限 (Art. 62)
    decision_due = models.DateField(_("审理期限"), null=True, blank=True, db_index=True)
    extension_days = models.PositiveSmallIntegerField(_("延长日数"), default=0)
    extension_reason = models.TextField(_("延长理由"), blank=True)
    extension_approved_by = models.CharField(_("批准延长的复议机构负责人"), max_length=64, blank=True)
    # 结案
    concluded_on = models.DateField(_("结案日期"), null=True, blank=True)
    outcome = models.CharField(_("审结方式"), max_length=32, choices=Outcome.choices, blank=True)
    termination_ground = models.CharField(_("终止情形"), max_length=32, choices=TerminationGround.choices, blank=True)
    pre_acceptance_ending = models.CharField(
        _("案前结案方式"), max_length=16, choices=PreAcceptanceEnding.choices, blank=True
    )
    decision_summary = models.TextField(_("决定内容/调解协议"), blank=True)
    decision_reasons = models.TextField(_("理由"), blank=True)
    decision_legal_basis = models.TextField(_("决定依据"), blank=True)
    approval = models.CharField(_("审批（负责人同意或集体讨论）"), max_length=200, blank=True)
    partial = models.BooleanField(_("部分撤销/部分确认"), default=False)
    redo_ordered = models.BooleanField(_("责令重新作出行政行为"), default=False)
    # A 变更 (or partial 撤销) of a penalty case of this platform (Art. 63): the penalty as changed, which
    # the penalty case carries from the decision on; empty/None otherwise.
    changed_penalty_types = models.JSONField(_("变更后的处罚种类"), default=list, blank=True)
    changed_fine_amount = models.DecimalField(_("变更后的罚款数额（元）"), null=True, blank=True, **MONEY)
    changed_confiscation_value = models.DecimalField(_("变更后的没收金额（元）"), null=True, blank=True, **MONEY)
    third_party_contrary_request = models.BooleanField(_("第三人提出相反请求（第六十三条第二款）"), default=False)
    public_token = models.CharField(_("网上申请查询码"), max_length=32, blank=True, db_index=True)
    created_by = models.ForeignKey(
        USER, verbose_name=_("登记人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("行政复议案件")
        verbose_name_plural = _("行政复议案件")
        ordering = ["-received_on", "-pk"]
        indexes = [
            # statistics: received / accepted / concluded per authority and period
            models.Index(fields=["authority", "received_on"], name="recon_auth_received"),
            models.Index(fields=["authority", "accepted_on"], name="recon_auth_accepted"),
            models.Index(fields=["authority", "concluded_on"], name="recon_auth_concluded"),
            models.Index(fields=["respondent", "status"], name="recon_resp_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "year", "serial"], name="%(app_label)s_%(class)s_unique_serial"
            ),
            models.CheckConstraint(
                condition=Q(extension_days__lte=30), name="%(app_label)s_%(class)s_extension_max_30"
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(status=CaseStatus.CONCLUDED),
                name="%(app_label)s_%(class)s_outcome_when_concluded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.applicant_name}诉{self.respondent.name}"


class Hearing(TimeStampedModel):
    """听证 (Art. 50, 51): panel, notice at least five working days ahead, the respondent head's attendance."""

    case = models.ForeignKey(ReconsiderationCase, verbose_name=_("案件"), on_delete=models.PROTECT,
                             related_name="hearings")  # fmt: skip
    notified_on = models.DateField(_("通知日期"))
    scheduled_on = models.DateField(_("听证日期"))
    place = models.CharField(_("地点"), max_length=200)
    matters = models.TextField(_("拟听证事项"))
    chair = models.CharField(_("主持人"), max_length=64)
    hearers = models.JSONField(_("听证员"), default=list)
    recorder = models.CharField(_("记录员"), max_length=64)
    held = models.BooleanField(_("已举行"), default=False)
    respondent_head_attended = models.BooleanField(_("被申请人负责人参加"), default=False)
    respondent_head_absence_reason = models.CharField(_("负责人未参加的理由及委托人员"), max_length=300, blank=True)
    transcript_summary = models.TextField(_("听证笔录摘要"), blank=True)

    class Meta:
        verbose_name = _("听证")
        verbose_name_plural = _("听证")
        ordering = ["case", "scheduled_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case.number} 听证 {self.scheduled_on}"


class Investigation(models.Model):
    """调查取证 (Art. 45): by at least two reconsideration staff."""

    case = models.ForeignKey(ReconsiderationCase, verbose_name=_("案件"), on_delete=models.PROTECT,
                             related_name="investigations")  # fmt: skip
    on = models.DateField(_("调查日期"))
    investigators = models.JSONField(_("调查人员"), default=list)
    subject = models.CharField(_("调查对象/事项"), max_length=300)
    findings = models.TextField(_("调查情况"), blank=True)
    recorded_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    class Meta:
        verbose_name = _("调查取证")
        verbose_name_plural = _("调查取证")
        ordering = ["case", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.case.number} 调查 {self.on}"


class Suspension(models.Model):
    """中止 (Art. 39): the decision clock stops from `started_on` until `resumed_on` (both inclusive)."""

    case = models.ForeignKey(ReconsiderationCase, verbose_name=_("案件"), on_delete=models.PROTECT,
                             related_name="suspensions")  # fmt: skip
    ground = models.CharField(_("中止情形"), max_length=32, choices=SuspensionGround.choices)
    started_on = models.DateField(_("中止日期"))
    resumed_on = models.DateField(_("恢复日期"), null=True, blank=True)
    limit_due = models.DateField(_("满六十日可终止"), null=True, blank=True)
    reason = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("中止")
        verbose_name_plural = _("中止")
        ordering = ["case", "started_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(resumed_on__isnull=True), name="%(app_label)s_%(class)s_one_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.number} 中止 {self.started_on}"


class Letter(TimeStampedModel):
    """行政复议意见书 (Art. 76: report back within 60 days) or 建议书 (实施条例 Art. 57(2))."""

    case = models.ForeignKey(ReconsiderationCase, verbose_name=_("案件"), on_delete=models.PROTECT,
                             related_name="letters")  # fmt: skip
    kind = models.CharField(_("种类"), max_length=16, choices=LetterKind.choices)
    number = models.CharField(_("文号"), max_length=64, unique=True)
    recipient = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("收文机关"), on_delete=models.PROTECT, related_name="+"
    )
    issued_on = models.DateField(_("制发日期"))
    content = models.TextField(_("问题与意见"))
    report_due = models.DateField(_("报送整改情况期限"), null=True, blank=True, db_index=True)
    reported_on = models.DateField(_("收到整改情况日期"), null=True, blank=True)
    report_summary = models.TextField(_("整改情况"), blank=True)

    class Meta:
        verbose_name = _("意见书/建议书")
        verbose_name_plural = _("意见书/建议书")
        ordering = ["-issued_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.get_kind_display()}"


class ReviewAlert(models.Model):
    """纠错提醒: an act of `unit` was corrected on reconsideration or lost in court (以案促改).

    The supervision app will read these through selectors.review_alert_list_visible_to and may take
    the model over; `source` + `source_id` + `reference` identify the case behind each alert.
    """

    unit = models.ForeignKey("orgs.OrgUnit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("来源"), max_length=16, choices=AlertSource.choices)
    source_id = models.PositiveBigIntegerField(_("来源案件ID"))
    reference = models.CharField(_("来源案号/文号"), max_length=64)
    outcome = models.CharField(_("结果"), max_length=64)
    message = models.CharField(_("内容"), max_length=500)
    raised_on = models.DateField(_("日期"))
    penalty_case = models.ForeignKey(
        "enforcement.PenaltyCase", verbose_name=_("原行政处罚案件"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    acknowledged_at = models.DateTimeField(_("已阅时间"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        USER, verbose_name=_("已阅人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("纠错提醒")
        verbose_name_plural = _("纠错提醒")
        ordering = ["-raised_on", "-pk"]
        indexes = [models.Index(fields=["unit", "raised_on"], name="recon_alert_unit_date")]
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="%(app_label)s_%(class)s_once_per_source"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.reference} {self.outcome}"


class CaseEvent(models.Model):
    """One entry of a case's timeline; written by events.py only."""

    case = models.ForeignKey(ReconsiderationCase, verbose_name=_("案件"), on_delete=models.PROTECT,
                             related_name="events")  # fmt: skip
    type = models.CharField(_("事项"), max_length=32, choices=EventType.choices)
    on = models.DateField(_("办理日期"), null=True, blank=True)
    occurred_at = models.DateTimeField(_("记录时间"), default=timezone.now)
    actor = models.ForeignKey(USER, verbose_name=_("操作人"), null=True, on_delete=models.SET_NULL, related_name="+")
    actor_display = models.CharField(_("操作人名称"), max_length=150)
    message = models.CharField(_("说明"), max_length=500, blank=True)
    parameters = models.JSONField(_("参数"), default=dict, blank=True)

    class Meta:
        verbose_name = _("复议案件过程记录")
        verbose_name_plural = _("复议案件过程记录")
        ordering = ["case", "occurred_at", "pk"]
        indexes = [models.Index(fields=["case", "occurred_at"], name="recon_event_case_time")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_type_display()}"
