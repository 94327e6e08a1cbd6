"""Enforcement records: inspections, penalty cases with their timeline and evidence, and publications.

Models (all writes go through `fazhi.enforcement.services`; reads through `selectors`):

- `Inspection` (行政检查): one check of an entity (organisation by 统一社会信用代码 or natural
  person by 公民身份号码) by at least two certified officers, against check items of
  `powers.CheckItem`, with findings, an outcome (合格/责令改正/立案/移送) and an origin
  (双随机/专项/投诉举报/日常巡查/上级交办). `occurred_on` is the day of the check, `recorded_at` the
  moment it was entered (upload timeliness indicators compare the two). `spot_check_task_id` is
  reserved for the 双随机 app.
- `PenaltyCase` (行政处罚案件): the party, the facts, the notice (告知), statement/defence,
  hearing, legal review, collective discussion, decision (Art. 59 fields), service, payment and
  closure of one case. `version` is bumped by every transition (optimistic concurrency: a
  transition on a stale copy gets HTTP 409). Statutory deadlines (decision, hearing request,
  service, payment, publication, cash hand-over) are `core.deadlines.TrackedDeadline` rows pointing
  at the case; the due dates are mirrored on the case (`decision_due`, `hearing_request_due`,
  `service_due`, `payment_due`, `cash_handover_due`, `cash_deposit_due`) for lists and kept in step
  by the calendar recompute hook (services.due_dates). Later steps: 听证通知 (Art. 64(二)),
  暂缓/分期缴纳 (Art. 66), 当场收缴 and its hand-over (Art. 68–71), 催告 and 强制执行 (Art. 72; 行政强制法).
- `Recusal` (回避, Art. 43) and `EvidencePreservation` (先行登记保存, Art. 56, 7 working days).
- `PenaltyThresholdVersion` (较大数额 of Art. 63 per sector and party kind) and `SectorDecisionRule`
  (which core.deadlines rule is a sector's decision period, Art. 60): versioned configuration
  data with citations and a `confirmed` flag, shipped by migration 0003 and edited in the admin
  through the audited services.
- `CaseEvent`: the full-process record (全过程记录, Art. 47) — who did what, when, at which stage.
- `Evidence`: a file of an Art. 46 type, stored content-addressed under
  MEDIA_ROOT/evidence/<sha256[:2]>/<sha256> (same content stored once), attached to a case or an
  inspection; `audio_video_recorded` is required for on-site 查封/扣押/强制执行.
- `Publication` (执法公示): the masked public summary of a decision, published within 7 working
  days (publicity.penalty) and withdrawn within 3 working days when the decision is changed or
  revoked (Art. 48). Public pages read `selectors.publication_list_public()` only.

State machine of PenaltyCase.status (see rules/state_machine.py for the table):

    普通程序  filed → investigating → notified → [hearing] → [legal_review] → [collective_discussion]
              → decided → served → [enforcing] → executed → closed
              legal_review (审核未通过) → investigating
              filed|investigating → closed (撤销立案, outcome=withdrawn)
              investigating…collective_discussion → closed (不予处罚/首违不罚/移送, outcome=…)
              served → executed by 当场收缴 (Art. 68/69); served → enforcing (Art. 72; 行政强制法 Art. 53/54)
    简易程序  created as `served` (decided and handed over on the spot, Art. 51/52) → executed → closed
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.models import TimeStampedModel
from fazhi.enforcement.choices import (
    EDUCATION_OUTCOMES,
    CaseEventType,
    CaseOutcome,
    CaseProcedure,
    CaseSource,
    CaseStatus,
    CashCollectionGround,
    DecisionChangeKind,
    EnforcementRoute,
    EvidenceStage,
    EvidenceType,
    InspectionOrigin,
    InspectionOutcome,
    PartyKind,
    PaymentArrangement,
    PreservationDecision,
    PublicationStatus,
    RecusalSource,
    RecusalStatus,
)

MONEY = {"max_digits": 14, "decimal_places": 2}
ZERO = Decimal("0.00")


class Inspection(TimeStampedModel):
    """行政检查: one inspection of one entity; at least two certified officers (行政处罚法 Art. 42, 55)."""

    unit = models.ForeignKey("orgs.OrgUnit", verbose_name=_("检查单位"), on_delete=models.PROTECT, related_name="+")
    party_kind = models.CharField(_("检查对象类型"), max_length=16, choices=PartyKind.choices)
    party_name = models.CharField(_("检查对象名称"), max_length=200)
    party_code = models.CharField(_("统一社会信用代码/公民身份号码"), max_length=18, db_index=True)
    party_address = models.CharField(_("地址"), max_length=300, blank=True)
    occurred_on = models.DateField(_("检查日期"))
    recorded_at = models.DateTimeField(_("录入时间"), default=timezone.now)
    officers = models.ManyToManyField("orgs.Officer", verbose_name=_("检查人员"), related_name="+")
    check_items = models.ManyToManyField("powers.CheckItem", verbose_name=_("检查事项"), blank=True, related_name="+")
    findings = models.TextField(_("检查情况"), blank=True)
    outcome = models.CharField(_("检查结果"), max_length=24, choices=InspectionOutcome.choices)
    origin = models.CharField(_("检查来源"), max_length=16, choices=InspectionOrigin.choices)
    spot_check_task_id = models.PositiveBigIntegerField(_("抽查任务ID"), null=True, blank=True, db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    backfilled = models.BooleanField(_("批量导入"), default=False)

    class Meta:
        verbose_name = _("行政检查")
        verbose_name_plural = _("行政检查")
        ordering = ["-occurred_on", "-pk"]
        indexes = [
            # unit lists and the supervision rollups per unit and period
            models.Index(fields=["unit", "occurred_on"], name="enf_insp_unit_date"),
            models.Index(fields=["origin", "occurred_on"], name="enf_insp_origin_date"),
        ]

    def __str__(self) -> str:
        return f"{format_date_zh(self.occurred_on)} {self.party_name}（{self.get_outcome_display()}）"


class PenaltyCase(TimeStampedModel):
    """行政处罚案件 (简易程序 or 普通程序); every field is written by one transition service."""

    number = models.CharField(_("案件编号"), max_length=64, blank=True, db_index=True)
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name=_("办案单位"), on_delete=models.PROTECT, related_name="+")
    procedure = models.CharField(_("程序"), max_length=16, choices=CaseProcedure.choices)
    status = models.CharField(_("状态"), max_length=24, choices=CaseStatus.choices, default=CaseStatus.FILED)
    outcome = models.CharField(_("结案方式"), max_length=24, choices=CaseOutcome.choices, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    power_item = models.ForeignKey(
        "powers.PowerItem",
        verbose_name=_("权责事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    inspection = models.ForeignKey(
        Inspection, verbose_name=_("来源检查"), null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    cause = models.CharField(_("案由"), max_length=300)
    case_source = models.CharField(_("案件来源"), max_length=16, choices=CaseSource.choices, default=CaseSource.OTHER)
    # 当事人
    party_kind = models.CharField(_("当事人类型"), max_length=16, choices=PartyKind.choices)
    party_name = models.CharField(_("当事人姓名或名称"), max_length=200)
    party_code = models.CharField(_("统一社会信用代码/公民身份号码"), max_length=18, db_index=True)
    party_address = models.CharField(_("当事人地址"), max_length=300, blank=True)
    # 立案 (Art. 36, 54)
    violation_ended_on = models.DateField(_("违法行为发生（终了）日期"))
    discovered_on = models.DateField(_("发现日期"))
    filed_on = models.DateField(_("立案日期"))
    life_health_or_finance_with_harm = models.BooleanField(_("涉及生命健康安全、金融安全且有危害后果"), default=False)
    officers = models.ManyToManyField("orgs.Officer", verbose_name=_("承办人员"), related_name="+")
    facts = models.TextField(_("违法事实"), blank=True)
    # Flags that switch statutory steps on (Art. 57, 58, 63)
    major_public_interest = models.BooleanField(_("涉及重大公共利益"), default=False)
    complex_case = models.BooleanField(_("疑难复杂、涉及多个法律关系"), default=False)
    other_legal_review_required = models.BooleanField(_("法律法规规定应当法制审核"), default=False)
    complex_or_major = models.BooleanField(_("情节复杂或重大违法（须集体讨论）"), default=False)
    # Facts the flexible lists ask about (柔性执法, Art. 33)
    first_violation = models.BooleanField(_("初次违法"), default=False)
    harm = models.CharField(_("危害后果"), max_length=16, default="significant")
    corrected_in_time = models.BooleanField(_("及时改正"), default=False)
    minor_violation = models.BooleanField(_("违法行为轻微"), default=False)
    no_fault = models.BooleanField(_("没有主观过错"), default=False)
    # 告知 (Art. 44, 63)
    notified_on = models.DateField(_("告知日期"), null=True, blank=True)
    notice_grounds = models.TextField(_("告知的理由"), blank=True)
    notice_legal_basis = models.TextField(_("告知的依据"), blank=True)
    proposed_penalty_types = models.JSONField(_("拟处罚种类"), default=list, blank=True)
    proposed_fine = models.DecimalField(_("拟罚款数额（元）"), default=ZERO, **MONEY)
    proposed_confiscation_value = models.DecimalField(_("拟没收金额（元）"), default=ZERO, **MONEY)
    other_severe = models.BooleanField(_("其他较重的行政处罚"), default=False)
    hearing_right_applies = models.BooleanField(_("适用听证"), default=False)
    hearing_request_due = models.DateField(_("听证申请期限"), null=True, blank=True)
    rights_waived = models.BooleanField(_("当事人明确放弃陈述申辩"), default=False)
    # 陈述申辩 (Art. 45)
    defence_made = models.BooleanField(_("已陈述申辩"), default=False)
    defence_summary = models.TextField(_("陈述申辩意见"), blank=True)
    defence_adopted = models.BooleanField(_("采纳陈述申辩"), default=False)
    # 听证 (Art. 64)
    hearing_requested_on = models.DateField(_("申请听证日期"), null=True, blank=True)
    hearing_notice_on = models.DateField(_("听证通知日期"), null=True, blank=True)
    hearing_scheduled_on = models.DateField(_("听证举行日期（通知）"), null=True, blank=True)
    hearing_place = models.CharField(_("听证地点"), max_length=200, blank=True)
    hearing_held_on = models.DateField(_("听证日期"), null=True, blank=True)
    hearing_chair = models.CharField(_("听证主持人"), max_length=64, blank=True)
    hearing_record = models.TextField(_("听证笔录摘要"), blank=True)
    # 法制审核 (Art. 58)
    legal_review_submitted_on = models.DateField(_("提交法制审核日期"), null=True, blank=True)
    legal_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("法制审核人员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    legal_reviewed_on = models.DateField(_("法制审核日期"), null=True, blank=True)
    legal_review_passed = models.BooleanField(_("法制审核通过"), null=True, blank=True)
    legal_review_opinion = models.TextField(_("法制审核意见"), blank=True)
    # 集体讨论 (Art. 57)
    collective_discussed_on = models.DateField(_("集体讨论日期"), null=True, blank=True)
    collective_discussion_summary = models.TextField(_("集体讨论意见"), blank=True)
    # 决定 (Art. 59, 60)
    decision_rule_code = models.CharField(_("决定期限规则"), max_length=64, default="penalty.decision")
    decision_extension_days = models.PositiveIntegerField(_("延长日数"), default=0)
    decision_due = models.DateField(_("决定期限"), null=True, blank=True, db_index=True)
    decision_number = models.CharField(_("决定书文号"), max_length=64, blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    penalty_types = models.JSONField(_("处罚种类"), default=list, blank=True)
    fine_amount = models.DecimalField(_("罚款数额（元）"), default=ZERO, **MONEY)
    confiscation_value = models.DecimalField(_("没收金额（元）"), default=ZERO, **MONEY)
    # The penalty as the decision was made (Art. 59(1)(三)): set with the decision, never changed after.
    # A 变更 replaces the three fields above (what is paid, executed, shown and counted; see
    # services.decision_change_apply); the 决定书 and the 案卷评查 read these (selectors.case_decision_as_made).
    decided_penalty_types = models.JSONField(_("原决定处罚种类"), default=list, blank=True)
    decided_fine_amount = models.DecimalField(_("原决定罚款数额（元）"), default=ZERO, **MONEY)
    decided_confiscation_value = models.DecimalField(_("原决定没收金额（元）"), default=ZERO, **MONEY)
    decision_legal_basis = models.TextField(_("处罚依据"), blank=True)
    # Why the fine lies outside every band of the power item's discretion standard (Art. 34); blank inside one.
    discretion_reason = models.TextField(_("裁量阶次外处罚的理由"), blank=True)
    performance_terms = models.TextField(_("履行方式和期限"), blank=True)
    remedies = models.TextField(_("复议、诉讼途径和期限"), blank=True)
    place = models.CharField(_("地点（当场处罚）"), max_length=200, blank=True)
    # 送达 (Art. 61)
    service_due = models.DateField(_("送达期限"), null=True, blank=True)
    served_on = models.DateField(_("送达日期"), null=True, blank=True)
    service_method = models.CharField(_("送达方式"), max_length=64, blank=True)
    served_late = models.BooleanField(_("逾期送达"), default=False)
    # 缴款 / 执行 (Art. 67, 72, 73)
    payment_due = models.DateField(_("缴款期限"), null=True, blank=True)
    surcharge_pauses = models.JSONField(_("加处罚款暂停期间"), default=list, blank=True)
    # 暂缓或者分期缴纳 (Art. 66(2)); instalments: [{"due": iso, "amount": str}]
    payment_arrangement = models.CharField(
        _("暂缓或分期"), max_length=16, choices=PaymentArrangement.choices, blank=True
    )
    payment_arrangement_applied_on = models.DateField(_("申请暂缓或分期日期"), null=True, blank=True)
    payment_arrangement_approved_on = models.DateField(_("批准暂缓或分期日期"), null=True, blank=True)
    payment_arrangement_approver = models.CharField(_("批准人"), max_length=64, blank=True)
    payment_instalments = models.JSONField(_("分期缴纳计划"), default=list, blank=True)  # paid ones: "paid_on"
    # A 变更 of the fine ends an instalment plan (rules.instalments.instalment_plan_after_change): the plan
    # stays on record, the payment is settled anew from this date on (or by a new approved plan).
    payment_arrangement_ended_on = models.DateField(_("分期缴纳计划终止日期"), null=True, blank=True)
    # The fine paid by instalment before 履行完毕 (without 加处罚款): counts towards the fine as changed.
    fine_paid_in_part = models.DecimalField(_("已分期缴纳罚款（元）"), default=ZERO, **MONEY)
    original_payment_due = models.DateField(_("原缴款期限"), null=True, blank=True)
    # 当场收缴 (Art. 68–71)
    cash_collection_ground = models.CharField(
        _("当场收缴情形"), max_length=24, choices=CashCollectionGround.choices, blank=True
    )
    cash_collected_on = models.DateField(_("当场收缴日期"), null=True, blank=True)
    cash_receipt_number = models.CharField(_("专用票据号码"), max_length=64, blank=True)
    cash_landed_on = models.DateField(_("抵岸日期（水上收缴）"), null=True, blank=True)
    cash_handover_due = models.DateField(_("交至行政机关期限"), null=True, blank=True)
    cash_handed_over_on = models.DateField(_("交至行政机关日期"), null=True, blank=True)
    cash_handover_late = models.BooleanField(_("逾期交至行政机关"), default=False)
    cash_deposit_due = models.DateField(_("缴付银行期限"), null=True, blank=True)
    cash_deposited_on = models.DateField(_("缴付银行日期"), null=True, blank=True)
    cash_deposit_late = models.BooleanField(_("逾期缴付银行"), default=False)
    # 强制执行 (Art. 72; 行政强制法 Art. 35, 46, 53, 54)
    enforcement_demand_served_on = models.DateField(_("催告书送达日期"), null=True, blank=True)
    enforcement_route = models.CharField(_("强制执行方式"), max_length=16, choices=EnforcementRoute.choices, blank=True)
    enforcement_applied_on = models.DateField(_("申请或实施强制执行日期"), null=True, blank=True)
    enforcement_body = models.CharField(_("受理法院或执行机关"), max_length=200, blank=True)
    enforcement_window_from = models.DateField(_("申请法院强制执行起始日"), null=True, blank=True)
    enforcement_window_to = models.DateField(_("申请法院强制执行截止日"), null=True, blank=True)
    paid_on = models.DateField(_("缴款日期"), null=True, blank=True)
    paid_amount = models.DecimalField(_("实缴罚款（元）"), default=ZERO, **MONEY)
    surcharge_amount = models.DecimalField(_("加处罚款（元）"), default=ZERO, **MONEY)
    executed_on = models.DateField(_("执行完毕日期"), null=True, blank=True)
    # 结案
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    closure_basis = models.TextField(_("结案依据/说明"), blank=True)
    education_given = models.BooleanField(_("已进行教育"), default=False)
    # 决定被变更/撤销 (Art. 48(2))
    decision_change_kind = models.CharField(
        _("决定变更情形"), max_length=24, choices=DecisionChangeKind.choices, blank=True
    )
    decision_changed_on = models.DateField(_("决定变更日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("立案人"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    backfilled = models.BooleanField(_("批量导入"), default=False)

    class Meta:
        verbose_name = _("行政处罚案件")
        verbose_name_plural = _("行政处罚案件")
        ordering = ["-filed_on", "-pk"]
        indexes = [
            models.Index(fields=["unit", "status"], name="enf_case_unit_status"),
            models.Index(fields=["unit", "filed_on"], name="enf_case_unit_filed"),
            # supervision: counts of 教育改正 / 不予处罚 per unit and period
            models.Index(fields=["outcome", "closed_on"], name="enf_case_outcome_closed"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(fine_amount__gte=0), name="%(app_label)s_%(class)s_fine_not_negative"),
            models.CheckConstraint(
                condition=Q(proposed_fine__gte=0), name="%(app_label)s_%(class)s_proposed_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(decided_fine_amount__gte=0), name="%(app_label)s_%(class)s_decided_fine_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(status=CaseStatus.CLOSED) | Q(outcome=""),
                name="%(app_label)s_%(class)s_outcome_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number or self.pk} {self.party_name} {self.cause}"

    @property
    def is_education_correction(self) -> bool:
        """Closed with 教育改正 (首违不罚 or 轻微不罚), counted as such by supervision."""
        return self.outcome in EDUCATION_OUTCOMES


class CaseEvent(models.Model):
    """One entry of a case's full-process record (全过程记录, 行政处罚法 Art. 47); written by events.py only."""

    case = models.ForeignKey(PenaltyCase, verbose_name=_("案件"), on_delete=models.PROTECT, related_name="events")
    type = models.CharField(_("事项"), max_length=32, choices=CaseEventType.choices)
    stage = models.CharField(_("所处阶段"), max_length=24, choices=CaseStatus.choices)
    occurred_at = models.DateTimeField(_("记录时间"), default=timezone.now)
    on = models.DateField(_("办理日期"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_display = models.CharField(_("操作人名称"), max_length=150)
    message = models.CharField(_("说明"), max_length=500, blank=True)
    parameters = models.JSONField(_("参数"), default=dict, blank=True)

    class Meta:
        verbose_name = _("案件过程记录")
        verbose_name_plural = _("案件过程记录")
        ordering = ["case", "occurred_at", "pk"]
        indexes = [models.Index(fields=["case", "occurred_at"], name="enf_caseevent_case_time")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_type_display()} {self.occurred_at:%Y-%m-%d %H:%M}"


class Evidence(models.Model):
    """A piece of evidence (Art. 46) with its content-addressed file; attached to a case or an inspection."""

    case = models.ForeignKey(
        PenaltyCase, verbose_name=_("案件"), null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    inspection = models.ForeignKey(
        Inspection, verbose_name=_("检查"), null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    evidence_type = models.CharField(_("证据种类"), max_length=24, choices=EvidenceType.choices)
    stage = models.CharField(_("执法环节"), max_length=24, choices=EvidenceStage.choices)
    title = models.CharField(_("名称"), max_length=200)
    description = models.TextField(_("说明"), blank=True)
    collected_on = models.DateField(_("取得日期"))
    audio_video_recorded = models.BooleanField(_("已全程音像记录"), default=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    content_type = models.CharField(_("文件类型"), max_length=100)
    original_name = models.CharField(_("原文件名"), max_length=255)
    storage_name = models.CharField(_("存储路径"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    class Meta:
        verbose_name = _("证据")
        verbose_name_plural = _("证据")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(case__isnull=False, inspection__isnull=True)
                | Q(case__isnull=True, inspection__isnull=False),
                name="%(app_label)s_%(class)s_one_owner",
            ),
            models.UniqueConstraint(
                fields=["case", "sha256"], condition=Q(case__isnull=False), name="%(app_label)s_%(class)s_case_once"
            ),
            models.UniqueConstraint(
                fields=["inspection", "sha256"],
                condition=Q(inspection__isnull=False),
                name="%(app_label)s_%(class)s_inspection_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_evidence_type_display()}：{self.title}"


class Publication(TimeStampedModel):
    """执法公示 of one penalty decision: only masked data, published and possibly withdrawn (Art. 48)."""

    case = models.ForeignKey(PenaltyCase, verbose_name=_("案件"), on_delete=models.PROTECT, related_name="publications")
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name=_("公示机关"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("状态"), max_length=16, choices=PublicationStatus.choices, default=PublicationStatus.PUBLISHED
    )
    decision_number = models.CharField(_("决定书文号"), max_length=64)
    decided_on = models.DateField(_("决定日期"))
    party_display = models.CharField(_("当事人（公示）"), max_length=200)
    party_code_display = models.CharField(_("证件号码（公示）"), max_length=18)
    cause = models.CharField(_("违法行为类型"), max_length=300)
    facts_summary = models.TextField(_("主要违法事实（公示）"), blank=True)
    penalty_summary = models.CharField(_("处罚内容"), max_length=500)
    legal_basis = models.TextField(_("处罚依据"), blank=True)
    published_on = models.DateField(_("公示日期"))
    publish_due = models.DateField(_("应公示期限"), null=True, blank=True)
    published_late = models.BooleanField(_("逾期公示"), default=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("公示人"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    change_kind = models.CharField(_("撤回原因类型"), max_length=24, choices=DecisionChangeKind.choices, blank=True)
    withdraw_reason = models.TextField(_("撤回说明"), blank=True)
    withdraw_due = models.DateField(_("应撤回期限"), null=True, blank=True)
    withdrawn_on = models.DateField(_("撤回日期"), null=True, blank=True)
    withdrawn_late = models.BooleanField(_("逾期撤回"), default=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("撤回人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("执法公示")
        verbose_name_plural = _("执法公示")
        ordering = ["-published_on", "-pk"]
        indexes = [models.Index(fields=["status", "published_on"], name="enf_pub_status_date")]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status=PublicationStatus.PUBLISHED),
                name="%(app_label)s_%(class)s_one_live",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision_number} {self.party_display}"


class PenaltyThresholdVersion(TimeStampedModel):
    """The 较大数额 of 行政处罚法 Art. 63(1)(一)(二) for one sector and party kind, for a date range.

    The law leaves the amount to departmental and local rules; each row carries its citation and
    whether RULES.md could verify it (`confirmed=False`: a configurable default shown as 未核实).
    Written only by services.penalty_threshold_version_save (admin form included).
    """

    sector = models.CharField(_("执法领域代码"), max_length=32, help_text=_("执法领域代码；“*”为默认"))
    party_kind = models.CharField(_("当事人类型"), max_length=16, choices=PartyKind.choices)
    amount = models.DecimalField(_("较大数额（元，含本数）"), **MONEY)
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    legal_basis = models.CharField(_("依据"), max_length=300)
    confirmed = models.BooleanField(_("已核实"), default=False)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("听证较大数额标准")
        verbose_name_plural = _("听证较大数额标准")
        ordering = ["sector", "party_kind", "effective_from"]
        indexes = [models.Index(fields=["sector", "party_kind", "effective_from"], name="enf_threshold_lookup")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="%(app_label)s_%(class)s_positive"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="%(app_label)s_%(class)s_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sector} {self.get_party_kind_display()} {self.amount}元 自{self.effective_from}"


class SectorDecisionRule(TimeStampedModel):
    """Which core.deadlines rule governs the decision period (Art. 60) for a sector, for a date range.

    The period itself (e.g. 市场监管 90 days + 30 days' extension) is the DeadlineRuleVersion of
    `rule_code`; this row only says which rule a sector's cases use. Written by
    services.sector_decision_rule_save.
    """

    sector = models.CharField(_("执法领域代码"), max_length=32)
    rule_code = models.CharField(_("期限规则代码"), max_length=64)
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    legal_basis = models.CharField(_("依据"), max_length=300)
    confirmed = models.BooleanField(_("已核实"), default=False)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("行业办案期限规则")
        verbose_name_plural = _("行业办案期限规则")
        ordering = ["sector", "effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="%(app_label)s_%(class)s_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sector} → {self.rule_code} 自{self.effective_from}"


class Recusal(TimeStampedModel):
    """回避 (行政处罚法 Art. 43): a declared conflict of one officer in one case, and the head's decision."""

    case = models.ForeignKey(PenaltyCase, verbose_name=_("案件"), on_delete=models.PROTECT, related_name="recusals")
    officer = models.ForeignKey("orgs.Officer", verbose_name=_("执法人员"), on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("提出方"), max_length=16, choices=RecusalSource.choices)
    declared_on = models.DateField(_("提出日期"))
    reason = models.TextField(_("回避事由"))
    status = models.CharField(_("状态"), max_length=16, choices=RecusalStatus.choices, default=RecusalStatus.PENDING)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    decided_by = models.CharField(_("决定的负责人"), max_length=64, blank=True)
    decision_note = models.TextField(_("决定说明"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("回避")
        verbose_name_plural = _("回避")
        ordering = ["case", "declared_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.officer_id} {self.get_status_display()}"


class EvidencePreservation(TimeStampedModel):
    """先行登记保存 (行政处罚法 Art. 56): approved by the head; a 处理决定 is due within 7 working days."""

    case = models.ForeignKey(
        PenaltyCase, verbose_name=_("案件"), on_delete=models.PROTECT, related_name="preservations"
    )
    items = models.TextField(_("登记保存物品"))
    reason = models.TextField(_("证据可能灭失或者以后难以取得的情况"))
    approved_by = models.CharField(_("批准的负责人"), max_length=64)
    approved_on = models.DateField(_("批准日期"))
    registered_on = models.DateField(_("登记保存日期"))
    decision_due = models.DateField(_("处理决定期限"))
    decided_on = models.DateField(_("处理决定日期"), null=True, blank=True)
    decision = models.CharField(_("处理决定"), max_length=16, choices=PreservationDecision.choices, blank=True)
    decision_note = models.TextField(_("处理说明"), blank=True)
    decided_late = models.BooleanField(_("逾期作出处理决定"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("先行登记保存")
        verbose_name_plural = _("先行登记保存")
        ordering = ["case", "registered_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.registered_on} {self.items[:30]}"
