"""The audit log: append-only and tamper-evident.

The log is a set of hash chains (AUDIT_CHAIN_COUNT of them, one AuditChainHead row each). Every
AuditEvent belongs to one `chain` and carries a gap-free `sequence` within it, the hash of the
previous row of its chain (`prev_hash`) and its own `row_hash`. Scheme 2 (every row since migration
0005): row_hash = SHA-256("prev_hash:sequence:C") where C is the SHA-256 of the canonical JSON of
the row's own fields; scheme 1 (older rows): one SHA-256 over all fields and prev_hash. A chain's
head holds its last sequence and hash; appending updates it, and the row lock held until commit
means concurrent transactions can never fork a chain. On PostgreSQL the append is one statement
(see services.record_audit).

Why several chains: a head is locked from the append to the commit, including the commit's disk
flush, so with one chain every audited write in the system queued behind the previous one's flush.
A transaction takes whichever head is free (and keeps it for its later appends), so concurrent
transactions commit in parallel. Each chain is verified on its own, with the same guarantees; the
order of the whole log across chains is the primary key, which the database assigns at insert.

Threat model (what `fazhi audit verify` detects):
- a row edited after the fact (its recomputed hash differs);
- a row deleted in the middle (a sequence gap and a broken prev_hash link in its chain);
- rows deleted at the tail of a chain (the chain's head no longer matches its last row);
- a row moved to another chain (both chains break).
Not detected from inside the database: someone with write access who rewrites whole chains and
their heads consistently. Against that, publish `fazhi audit checkpoint` output outside the
database (a bulletin, a signed e-mail) and check it later with `verify --against CHECKPOINT`.
"""

from __future__ import annotations

from enum import IntEnum, unique

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64
CURRENT_HASH_SCHEME = 2
# Enough free heads for every connection a server keeps (gunicorn: workers × threads); more only
# lengthen verification's list of heads. Changing it needs a migration that adds the head rows.
AUDIT_CHAIN_COUNT = 16


@unique
class AuditEventType(IntEnum):
    """Stable numeric codes. Never renumber; ranges are reserved per domain (Zulip).

    1–99 core and configuration · 1xx enforcement and powers · 2xx spot checks · 3xx reconsideration
    and litigation · 4xx normative documents · 5xx disclosure · 6xx orgs, people, certificates ·
    7xx legal library · 8xx supervision · 9xx security and operations.
    """

    CALENDAR_DAY_SET = 11
    CALENDAR_DAY_DELETED = 12
    CALENDAR_YEAR_MARKED = 13
    DEADLINE_RULE_VERSION_SAVED = 21
    DEADLINE_TRACKED = 22
    DEADLINE_RECOMPUTED = 23
    DEADLINE_CLOSED = 24
    OUTBOX_MESSAGE_FAILED = 31

    POWER_ITEM_CREATED = 111
    POWER_ITEM_UPDATED = 112
    CHECK_ITEM_CREATED = 113
    CHECK_ITEM_UPDATED = 114
    DISCRETION_STANDARD_SAVED = 115
    FLEXIBLE_MEASURE_SAVED = 116
    POWER_LIST_IMPORTED = 117
    INSPECTION_RECORDED = 121
    INSPECTIONS_IMPORTED = 122
    PENALTY_CASE_OPENED = 123
    PENALTY_CASE_DECIDED_ON_THE_SPOT = 124
    PENALTY_CASE_INVESTIGATION_STARTED = 125
    PENALTY_CASE_NOTIFIED = 126
    PENALTY_CASE_STATEMENT_RECORDED = 127
    PENALTY_CASE_HEARING_REQUESTED = 128
    PENALTY_CASE_HEARING_HELD = 129
    PENALTY_CASE_LEGAL_REVIEW_SUBMITTED = 130
    PENALTY_CASE_LEGAL_REVIEWED = 131
    PENALTY_CASE_COLLECTIVE_DISCUSSED = 132
    PENALTY_CASE_DEADLINE_EXTENDED = 133
    PENALTY_CASE_DECIDED = 134
    PENALTY_CASE_SERVED = 135
    PENALTY_CASE_SURCHARGE_PAUSED = 136
    PENALTY_CASE_SURCHARGE_RESUMED = 137
    PENALTY_CASE_EXECUTED = 138
    PENALTY_CASE_CLOSED = 139
    PENALTY_CASE_DECISION_CHANGED = 140
    PENALTY_CASES_IMPORTED = 141
    EVIDENCE_ADDED = 142
    PUBLICATION_PUBLISHED = 143
    PUBLICATION_WITHDRAWN = 144
    # 160–179: enforcement configuration data and the later procedure steps
    PENALTY_THRESHOLD_VERSION_SAVED = 160
    SECTOR_DECISION_RULE_SAVED = 161
    PENALTY_CASE_OFFICERS_ASSIGNED = 162
    PENALTY_CASE_RECUSAL_DECLARED = 163
    PENALTY_CASE_RECUSAL_DECIDED = 164
    EVIDENCE_PRESERVED = 165
    EVIDENCE_PRESERVATION_DECIDED = 166
    PENALTY_CASE_HEARING_SCHEDULED = 167
    PENALTY_CASE_PAYMENT_ARRANGED = 168
    PENALTY_CASE_CASH_COLLECTED = 169
    PENALTY_CASE_CASH_HANDED_OVER = 170
    PENALTY_CASE_CASH_DEPOSITED = 171
    PENALTY_CASE_ENFORCEMENT_DEMANDED = 172
    PENALTY_CASE_ENFORCEMENT_APPLIED = 173
    PENALTY_CASE_DUE_DATES_REFRESHED = 174
    PENALTY_CASE_INSTALMENT_PAID = 175

    RECONSIDERATION_REGISTERED = 301
    RECONSIDERATION_CORRECTION_REQUESTED = 302
    RECONSIDERATION_CORRECTION_RECEIVED = 303
    RECONSIDERATION_ABANDONED = 304
    RECONSIDERATION_ACCEPTED = 305
    RECONSIDERATION_DEEMED_ACCEPTED = 306
    RECONSIDERATION_REFUSED = 307
    RECONSIDERATION_CLOSED_BEFORE_ACCEPTANCE = 308
    RECONSIDERATION_PROCEDURE_CONVERTED = 309
    RECONSIDERATION_COPY_SENT = 310
    RECONSIDERATION_REPLY_RECORDED = 311
    RECONSIDERATION_HEARING_SCHEDULED = 312
    RECONSIDERATION_HEARING_HELD = 313
    RECONSIDERATION_HEARING_DECLINED = 314
    RECONSIDERATION_INVESTIGATED = 315
    RECONSIDERATION_COMMITTEE_CONSULTED = 316
    RECONSIDERATION_EXTENDED = 317
    RECONSIDERATION_SUSPENDED = 318
    RECONSIDERATION_RESUMED = 319
    RECONSIDERATION_DECIDED = 320
    RECONSIDERATION_MEDIATED = 321
    RECONSIDERATION_TERMINATED = 322
    RECONSIDERATION_LETTER_ISSUED = 323
    RECONSIDERATION_LETTER_REPORTED = 324
    REVIEW_ALERT_RAISED = 325
    REVIEW_ALERT_ACKNOWLEDGED = 326
    RECONSIDERATION_FLAGS_UPDATED = 327
    PENALTY_CASE_REVIEW_OUTCOME_RECORDED = 340
    LITIGATION_CASE_REGISTERED = 351
    LITIGATION_DEFENCE_SUBMITTED = 352
    LITIGATION_HEARING_RECORDED = 353
    LITIGATION_CONCLUDED = 354
    LITIGATION_SUGGESTION_RECORDED = 355
    LITIGATION_SUGGESTION_ANSWERED = 356

    SPOTCHECK_ENTITIES_IMPORTED = 201
    SPOTCHECK_CONFLICT_DECLARED = 202
    SPOTCHECK_CONFLICT_WITHDRAWN = 203
    SPOTCHECK_PLAN_CREATED = 211
    SPOTCHECK_PLAN_COMMITTED = 212
    SPOTCHECK_PLAN_DRAWN = 213
    SPOTCHECK_TASK_RESULT_RECORDED = 221
    SPOTCHECK_RESULTS_PUBLISHED = 222

    ORG_UNIT_CREATED = 601
    ORG_UNIT_UPDATED = 602
    PERSON_CREATED = 611
    PERSON_UPDATED = 612
    OFFICER_CREATED = 621
    OFFICER_UPDATED = 622
    USER_CREATED = 631
    USER_UPDATED = 632
    ROLE_ASSIGNED = 641
    ROLE_REVOKED = 642
    CERTIFICATE_ISSUED = 651
    CERTIFICATE_CHANGED = 652
    CERTIFICATE_SUSPENDED = 653
    CERTIFICATE_REINSTATED = 654
    CERTIFICATE_REVOKED = 655

    LEGAL_SOURCE_IMPORTED = 701
    LEGAL_VERSION_CREATED = 702
    LEGAL_SOURCE_STATUS_CHANGED = 703

    SUPERVISION_RECORDS_IMPORTED = 801
    SUPERVISION_RECORDS_INGESTED = 802
    SUPERVISION_SNAPSHOT_PUBLISHED = 811
    SUPERVISION_BULLETIN_ISSUED = 812
    SUPERVISION_REVIEW_SAMPLE_DRAWN = 821
    SUPERVISION_CASE_FILE_REVIEWED = 822
    SUPERVISION_RECTIFICATION_SUBMITTED = 823
    SUPERVISION_REVIEW_RECHECKED = 824
    SUPERVISION_ALERT_RESOLVED = 831
    # 84x: supervision configuration data (the 考核指标体系)
    SUPERVISION_ASSESSMENT_SCHEME_SAVED = 841

    API_TOKEN_ISSUED = 901
    LOGIN_FAILED = 902
    LOGIN_LOCKED = 903
    BENCH_WRITE = 990

    @property
    def label(self) -> str:
        return EVENT_LABELS.get(self, self.name)


EVENT_LABELS: dict[AuditEventType, str] = {
    AuditEventType.CALENDAR_DAY_SET: "设置节假日/调休",
    AuditEventType.CALENDAR_DAY_DELETED: "删除节假日/调休",
    AuditEventType.CALENDAR_YEAR_MARKED: "维护年度日历",
    AuditEventType.DEADLINE_RULE_VERSION_SAVED: "保存期限规则版本",
    AuditEventType.DEADLINE_TRACKED: "登记期限",
    AuditEventType.DEADLINE_RECOMPUTED: "重算期限",
    AuditEventType.DEADLINE_CLOSED: "关闭期限",
    AuditEventType.OUTBOX_MESSAGE_FAILED: "待办消息处理失败",
    AuditEventType.POWER_ITEM_CREATED: "新增权责事项",
    AuditEventType.POWER_ITEM_UPDATED: "修改权责事项",
    AuditEventType.CHECK_ITEM_CREATED: "新增检查事项",
    AuditEventType.CHECK_ITEM_UPDATED: "修改检查事项",
    AuditEventType.DISCRETION_STANDARD_SAVED: "保存裁量基准",
    AuditEventType.FLEXIBLE_MEASURE_SAVED: "保存柔性执法清单",
    AuditEventType.POWER_LIST_IMPORTED: "导入清单",
    AuditEventType.INSPECTION_RECORDED: "登记行政检查",
    AuditEventType.INSPECTIONS_IMPORTED: "批量导入行政检查",
    AuditEventType.PENALTY_CASE_OPENED: "行政处罚立案",
    AuditEventType.PENALTY_CASE_DECIDED_ON_THE_SPOT: "当场作出行政处罚决定",
    AuditEventType.PENALTY_CASE_INVESTIGATION_STARTED: "开始调查取证",
    AuditEventType.PENALTY_CASE_NOTIFIED: "行政处罚事先告知",
    AuditEventType.PENALTY_CASE_STATEMENT_RECORDED: "记录陈述申辩",
    AuditEventType.PENALTY_CASE_HEARING_REQUESTED: "申请听证",
    AuditEventType.PENALTY_CASE_HEARING_HELD: "举行听证",
    AuditEventType.PENALTY_CASE_LEGAL_REVIEW_SUBMITTED: "提交法制审核",
    AuditEventType.PENALTY_CASE_LEGAL_REVIEWED: "法制审核",
    AuditEventType.PENALTY_CASE_COLLECTIVE_DISCUSSED: "集体讨论",
    AuditEventType.PENALTY_CASE_DEADLINE_EXTENDED: "延长办案期限",
    AuditEventType.PENALTY_CASE_DECIDED: "作出行政处罚决定",
    AuditEventType.PENALTY_CASE_SERVED: "送达行政处罚决定书",
    AuditEventType.PENALTY_CASE_SURCHARGE_PAUSED: "暂停计算加处罚款",
    AuditEventType.PENALTY_CASE_SURCHARGE_RESUMED: "恢复计算加处罚款",
    AuditEventType.PENALTY_CASE_EXECUTED: "行政处罚执行完毕",
    AuditEventType.PENALTY_CASE_CLOSED: "行政处罚结案",
    AuditEventType.PENALTY_CASE_DECISION_CHANGED: "行政处罚决定变更或撤销",
    AuditEventType.PENALTY_CASES_IMPORTED: "批量导入行政处罚案件",
    AuditEventType.EVIDENCE_ADDED: "登记证据",
    AuditEventType.PUBLICATION_PUBLISHED: "公示行政处罚决定",
    AuditEventType.PUBLICATION_WITHDRAWN: "撤回行政处罚决定公示",
    AuditEventType.PENALTY_THRESHOLD_VERSION_SAVED: "保存听证较大数额标准",
    AuditEventType.SECTOR_DECISION_RULE_SAVED: "保存行业办案期限规则",
    AuditEventType.PENALTY_CASE_OFFICERS_ASSIGNED: "指派案件承办人员",
    AuditEventType.PENALTY_CASE_RECUSAL_DECLARED: "登记回避申请",
    AuditEventType.PENALTY_CASE_RECUSAL_DECIDED: "作出回避决定",
    AuditEventType.EVIDENCE_PRESERVED: "先行登记保存证据",
    AuditEventType.EVIDENCE_PRESERVATION_DECIDED: "登记保存证据处理决定",
    AuditEventType.PENALTY_CASE_HEARING_SCHEDULED: "通知听证时间地点",
    AuditEventType.PENALTY_CASE_PAYMENT_ARRANGED: "暂缓或分期缴纳罚款",
    AuditEventType.PENALTY_CASE_CASH_COLLECTED: "当场收缴罚款",
    AuditEventType.PENALTY_CASE_CASH_HANDED_OVER: "当场收缴罚款交至行政机关",
    AuditEventType.PENALTY_CASE_CASH_DEPOSITED: "当场收缴罚款缴付银行",
    AuditEventType.PENALTY_CASE_ENFORCEMENT_DEMANDED: "催告履行行政处罚决定",
    AuditEventType.PENALTY_CASE_ENFORCEMENT_APPLIED: "申请或实施强制执行",
    AuditEventType.PENALTY_CASE_DUE_DATES_REFRESHED: "工作日历变更后更新案件期限",
    AuditEventType.PENALTY_CASE_INSTALMENT_PAID: "缴纳分期罚款",
    AuditEventType.RECONSIDERATION_REGISTERED: "登记行政复议申请",
    AuditEventType.RECONSIDERATION_CORRECTION_REQUESTED: "通知补正行政复议申请",
    AuditEventType.RECONSIDERATION_CORRECTION_RECEIVED: "收到行政复议补正材料",
    AuditEventType.RECONSIDERATION_ABANDONED: "逾期未补正视为放弃申请",
    AuditEventType.RECONSIDERATION_ACCEPTED: "受理行政复议申请",
    AuditEventType.RECONSIDERATION_DEEMED_ACCEPTED: "审查期限届满视为受理",
    AuditEventType.RECONSIDERATION_REFUSED: "不予受理行政复议申请",
    AuditEventType.RECONSIDERATION_CLOSED_BEFORE_ACCEPTANCE: "行政复议案前调解和解结案",
    AuditEventType.RECONSIDERATION_PROCEDURE_CONVERTED: "简易程序转为普通程序",
    AuditEventType.RECONSIDERATION_COPY_SENT: "发送行政复议申请书副本",
    AuditEventType.RECONSIDERATION_REPLY_RECORDED: "登记被申请人答复",
    AuditEventType.RECONSIDERATION_HEARING_SCHEDULED: "安排行政复议听证",
    AuditEventType.RECONSIDERATION_HEARING_HELD: "举行行政复议听证",
    AuditEventType.RECONSIDERATION_HEARING_DECLINED: "不组织行政复议听证",
    AuditEventType.RECONSIDERATION_INVESTIGATED: "行政复议调查取证",
    AuditEventType.RECONSIDERATION_COMMITTEE_CONSULTED: "行政复议委员会咨询",
    AuditEventType.RECONSIDERATION_EXTENDED: "延长行政复议审理期限",
    AuditEventType.RECONSIDERATION_SUSPENDED: "中止行政复议",
    AuditEventType.RECONSIDERATION_RESUMED: "恢复行政复议审理",
    AuditEventType.RECONSIDERATION_DECIDED: "作出行政复议决定",
    AuditEventType.RECONSIDERATION_MEDIATED: "行政复议调解结案",
    AuditEventType.RECONSIDERATION_TERMINATED: "终止行政复议",
    AuditEventType.RECONSIDERATION_LETTER_ISSUED: "制发行政复议意见书或建议书",
    AuditEventType.RECONSIDERATION_LETTER_REPORTED: "登记意见书整改情况",
    AuditEventType.REVIEW_ALERT_RAISED: "发出纠错提醒",
    AuditEventType.REVIEW_ALERT_ACKNOWLEDGED: "纠错提醒已阅",
    AuditEventType.RECONSIDERATION_FLAGS_UPDATED: "修改行政复议审理标记",
    AuditEventType.PENALTY_CASE_REVIEW_OUTCOME_RECORDED: "原处罚案件登记复议或诉讼结果",
    AuditEventType.LITIGATION_CASE_REGISTERED: "登记行政应诉案件",
    AuditEventType.LITIGATION_DEFENCE_SUBMITTED: "提交行政诉讼答辩状",
    AuditEventType.LITIGATION_HEARING_RECORDED: "登记开庭及负责人出庭情况",
    AuditEventType.LITIGATION_CONCLUDED: "登记行政诉讼裁判结果",
    AuditEventType.LITIGATION_SUGGESTION_RECORDED: "登记司法建议",
    AuditEventType.LITIGATION_SUGGESTION_ANSWERED: "回复司法建议",
    AuditEventType.SPOTCHECK_ENTITIES_IMPORTED: "导入检查对象名录",
    AuditEventType.SPOTCHECK_CONFLICT_DECLARED: "登记回避声明",
    AuditEventType.SPOTCHECK_CONFLICT_WITHDRAWN: "撤回回避声明",
    AuditEventType.SPOTCHECK_PLAN_CREATED: "制定抽查计划",
    AuditEventType.SPOTCHECK_PLAN_COMMITTED: "公布抽取承诺",
    AuditEventType.SPOTCHECK_PLAN_DRAWN: "随机抽取检查对象和检查人员",
    AuditEventType.SPOTCHECK_TASK_RESULT_RECORDED: "登记抽查结果",
    AuditEventType.SPOTCHECK_RESULTS_PUBLISHED: "公示抽查结果",
    AuditEventType.ORG_UNIT_CREATED: "新增单位",
    AuditEventType.ORG_UNIT_UPDATED: "修改单位",
    AuditEventType.PERSON_CREATED: "新增人员",
    AuditEventType.PERSON_UPDATED: "修改人员",
    AuditEventType.OFFICER_CREATED: "新增执法人员",
    AuditEventType.OFFICER_UPDATED: "修改执法人员",
    AuditEventType.USER_CREATED: "新增用户",
    AuditEventType.USER_UPDATED: "修改用户",
    AuditEventType.ROLE_ASSIGNED: "授予角色",
    AuditEventType.ROLE_REVOKED: "撤销角色",
    AuditEventType.CERTIFICATE_ISSUED: "执法证申领",
    AuditEventType.CERTIFICATE_CHANGED: "执法证变更",
    AuditEventType.CERTIFICATE_SUSPENDED: "执法证暂扣",
    AuditEventType.CERTIFICATE_REINSTATED: "执法证恢复",
    AuditEventType.CERTIFICATE_REVOKED: "执法证注销",
    AuditEventType.LEGAL_SOURCE_IMPORTED: "导入法律法规",
    AuditEventType.LEGAL_VERSION_CREATED: "新增法规版本",
    AuditEventType.LEGAL_SOURCE_STATUS_CHANGED: "修改法规效力状态",
    AuditEventType.SUPERVISION_RECORDS_IMPORTED: "导入执法信息",
    AuditEventType.SUPERVISION_RECORDS_INGESTED: "归集本平台执法信息",
    AuditEventType.SUPERVISION_SNAPSHOT_PUBLISHED: "发布指标快照",
    AuditEventType.SUPERVISION_BULLETIN_ISSUED: "印发行政执法情况通报",
    AuditEventType.SUPERVISION_REVIEW_SAMPLE_DRAWN: "抽取评查案卷",
    AuditEventType.SUPERVISION_CASE_FILE_REVIEWED: "案卷评查",
    AuditEventType.SUPERVISION_RECTIFICATION_SUBMITTED: "提交评查整改情况",
    AuditEventType.SUPERVISION_REVIEW_RECHECKED: "评查整改复核",
    AuditEventType.SUPERVISION_ALERT_RESOLVED: "处理监督提醒",
    AuditEventType.SUPERVISION_ASSESSMENT_SCHEME_SAVED: "保存考核指标体系",
    AuditEventType.API_TOKEN_ISSUED: "签发API令牌",
    AuditEventType.LOGIN_FAILED: "登录失败",
    AuditEventType.LOGIN_LOCKED: "登录锁定",
    AuditEventType.BENCH_WRITE: "性能测试写入",
}


class AuditEvent(models.Model):
    """Append-only record of a state change. Written only by core.audit.services.record_audit()."""

    chain = models.PositiveSmallIntegerField(_("链号"), default=1)
    sequence = models.PositiveBigIntegerField(_("链内序号"))
    # No index of its own: lists are ordered by the primary key, and the filtered lists use the
    # composite indexes below.
    occurred_at = models.DateTimeField(_("发生时间"), default=timezone.now)
    # No `choices=` on purpose: every app adds its codes to AuditEventType, and choices on the field
    # would turn each addition into a migration of this core table. The label comes from the enum.
    event_type = models.PositiveSmallIntegerField(_("事件类型"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_display = models.CharField(_("操作人名称"), max_length=150)  # frozen: survives renames
    request_id = models.UUIDField(_("请求ID"), null=True, db_index=True)
    # No index of its own: audit_target_time starts with this column and serves every lookup by it.
    target_type = models.ForeignKey(
        ContentType, verbose_name=_("对象类型"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    # Text, not an integer: some targets may have non-integer keys, and the value is only compared.
    target_id = models.CharField(_("对象ID"), max_length=64)
    target_repr = models.CharField(_("对象名称"), max_length=200)
    reason = models.TextField(_("原因"), blank=True)
    changes = models.JSONField(_("变更内容"), default=dict, encoder=DjangoJSONEncoder)
    backfilled = models.BooleanField(_("补录"), default=False)
    prev_hash = models.CharField(_("前一条哈希"), max_length=64)
    row_hash = models.CharField(_("本条哈希"), max_length=64)
    # Which formula made row_hash (see the module docstring); rows keep the scheme they were
    # written with, so a new formula never breaks verification of an existing log.
    hash_scheme = models.PositiveSmallIntegerField(_("哈希算法版本"), default=CURRENT_HASH_SCHEME)

    class Meta:
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["chain", "sequence"], name="audit_chain_sequence")]
        indexes = [
            # "history of this object" on case and unit pages
            models.Index(fields=["target_type", "target_id", "occurred_at"], name="audit_target_time"),
            models.Index(fields=["event_type", "occurred_at"], name="audit_type_time"),
        ]

    def __str__(self) -> str:
        return f"#{self.chain}-{self.sequence} {self.event_label} {self.target_repr}"

    @property
    def event_label(self) -> str:
        """The Chinese label of the event type (the raw code for a type this version does not know)."""
        try:
            return AuditEventType(self.event_type).label
        except ValueError:
            return str(self.event_type)


class AuditChainHead(models.Model):
    """One chain's last sequence and hash (its primary key is the chain number; locked on append)."""

    sequence = models.PositiveBigIntegerField(_("最后序号"), default=0)
    row_hash = models.CharField(_("最后哈希"), max_length=64, default=GENESIS_HASH)
    # The hash before the last append: the append statement returns it as the new row's prev_hash
    # (an UPDATE's RETURNING shows only new values on PostgreSQL 15).
    prev_row_hash = models.CharField(_("上一哈希"), max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("审计链头")
        verbose_name_plural = _("审计链头")

    def __str__(self) -> str:
        return f"{self.row_hash}@{self.sequence}"
