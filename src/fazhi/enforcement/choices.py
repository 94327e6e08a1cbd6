"""Stable choice lists of the enforcement app (values are stored; never rename a value)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartyKind(models.TextChoices):
    """Who an inspection or a case is about (行政处罚法 Art. 51 distinguishes 公民 from 法人或者其他组织)."""

    ORGANISATION = "organisation", _("法人或者其他组织")
    PERSON = "person", _("公民（自然人）")


class InspectionOrigin(models.TextChoices):
    RANDOM = "random", _("双随机抽查")
    SPECIAL = "special", _("专项检查")
    COMPLAINT = "complaint", _("投诉举报")
    PATROL = "patrol", _("日常巡查")
    ASSIGNED = "assigned", _("上级交办")


class InspectionOutcome(models.TextChoices):
    COMPLIANT = "compliant", _("合格")
    ORDER_CORRECTION = "order_correction", _("责令改正")
    CASE_OPENED = "case_opened", _("立案")
    TRANSFERRED = "transferred", _("移送")


class CaseSource(models.TextChoices):
    """How the case came to the agency (案件来源), printed on the 立案审批表.

    The sources sector procedure rules name for case leads (监督检查、投诉举报、其他部门移送、上级交办, as in
    the 市场监督管理行政处罚程序规定; article number unconfirmed), plus 其他途径发现. RULES.md has no list of
    its own. Cases recorded before the field existed are 监督检查发现 (or the inspection's 投诉举报 / 上级交办)
    when they came from an inspection, else 其他途径发现 (migration 0007).
    """

    INSPECTION = "inspection", _("监督检查发现")
    COMPLAINT = "complaint", _("投诉举报")
    ASSIGNED = "assigned", _("上级交办")
    TRANSFERRED = "transferred", _("其他机关移送")
    OTHER = "other", _("其他途径发现")


# The source a case opened from an inspection starts with: the inspection's own origin where it names
# one of the case sources, 监督检查发现 otherwise. The officer may change it on the 立案 form.
CASE_SOURCE_BY_INSPECTION_ORIGIN = {
    InspectionOrigin.COMPLAINT: CaseSource.COMPLAINT,
    InspectionOrigin.ASSIGNED: CaseSource.ASSIGNED,
}


def case_source_for_inspection(origin: str) -> str:
    """The 案件来源 of a case opened from an inspection of `origin` (CASE_SOURCE_BY_INSPECTION_ORIGIN)."""
    return CASE_SOURCE_BY_INSPECTION_ORIGIN.get(origin, CaseSource.INSPECTION)


class CaseProcedure(models.TextChoices):
    SIMPLIFIED = "simplified", _("简易程序（当场处罚）")
    ORDINARY = "ordinary", _("普通程序")


class CaseStatus(models.TextChoices):
    """States of a penalty case (RULES.md §1.3); see rules.state_machine for the transitions."""

    FILED = "filed", _("已立案")
    INVESTIGATING = "investigating", _("调查取证")
    NOTIFIED = "notified", _("已告知（陈述申辩期）")
    HEARING = "hearing", _("听证")
    LEGAL_REVIEW = "legal_review", _("法制审核")
    COLLECTIVE_DISCUSSION = "collective_discussion", _("集体讨论")
    DECIDED = "decided", _("已作出决定")
    SERVED = "served", _("已送达（待履行）")
    ENFORCING = "enforcing", _("强制执行")
    EXECUTED = "executed", _("执行完毕")
    CLOSED = "closed", _("已结案")


class CaseOutcome(models.TextChoices):
    """How a case ended. The no-penalty outcomes are distinct so that they can be counted."""

    PENALTY_EXECUTED = "penalty_executed", _("作出处罚并执行完毕")
    FIRST_OFFENCE = "first_offence", _("首违不罚（教育改正）")
    MINOR_CORRECTED = "minor_corrected", _("违法行为轻微并及时改正，不予处罚（教育改正）")
    NO_FAULT = "no_fault", _("没有主观过错，不予处罚")
    FACTS_NOT_ESTABLISHED = "facts_not_established", _("违法事实不能成立，不予处罚")
    TRANSFERRED = "transferred", _("涉嫌犯罪，移送司法机关")
    WITHDRAWN = "withdrawn", _("撤销立案")
    EXECUTION_ENDED = "execution_ended", _("处罚决定被撤销或确认无效，终结执行")


# Outcomes the supervision indicators count as 教育改正 (RULES.md §10 执法信息归集).
EDUCATION_OUTCOMES = frozenset({CaseOutcome.FIRST_OFFENCE, CaseOutcome.MINOR_CORRECTED})


class PenaltyType(models.TextChoices):
    """行政处罚的种类 (行政处罚法 Art. 9)."""

    WARNING = "warning", _("警告")
    CRITICISM = "criticism", _("通报批评")
    FINE = "fine", _("罚款")
    CONFISCATE_GAINS = "confiscate_gains", _("没收违法所得")
    CONFISCATE_PROPERTY = "confiscate_property", _("没收非法财物")
    SUSPEND_LICENCE = "suspend_licence", _("暂扣许可证件")
    DOWNGRADE_QUALIFICATION = "downgrade_qualification", _("降低资质等级")
    REVOKE_LICENCE = "revoke_licence", _("吊销许可证件")
    RESTRICT_BUSINESS = "restrict_business", _("限制开展生产经营活动")
    SUSPEND_BUSINESS = "suspend_business", _("责令停产停业")
    ORDER_CLOSURE = "order_closure", _("责令关闭")
    RESTRICT_PRACTICE = "restrict_practice", _("限制从业")
    DETENTION = "detention", _("行政拘留")
    OTHER = "other", _("法律、行政法规规定的其他行政处罚")


class EvidenceType(models.TextChoices):
    """证据的种类 (行政处罚法 Art. 46)."""

    DOCUMENTARY = "documentary", _("书证")
    PHYSICAL = "physical", _("物证")
    AUDIO_VISUAL = "audio_visual", _("视听资料")
    ELECTRONIC = "electronic", _("电子数据")
    WITNESS = "witness", _("证人证言")
    PARTY_STATEMENT = "party_statement", _("当事人的陈述")
    EXPERT_OPINION = "expert_opinion", _("鉴定意见")
    RECORD = "record", _("勘验笔录、现场笔录")


class EvidenceStage(models.TextChoices):
    """The stage of the full-process record (全过程记录, Art. 47) an evidence item belongs to."""

    INSPECTION = "inspection", _("现场检查")
    INVESTIGATION = "investigation", _("调查取证")
    SEIZURE = "seizure", _("查封")
    DETENTION_OF_PROPERTY = "detention_of_property", _("扣押")
    COERCIVE_EXECUTION = "coercive_execution", _("行政强制执行")
    HEARING = "hearing", _("听证")
    SERVICE = "service", _("送达")
    EXECUTION = "execution", _("执行")


class CaseEventType(models.TextChoices):
    """Timeline entries (全过程记录); one builder per type in events.py."""

    OPENED = "opened", _("立案")
    DECIDED_ON_THE_SPOT = "decided_on_the_spot", _("当场作出处罚决定")
    INVESTIGATION_STARTED = "investigation_started", _("开始调查取证")
    EVIDENCE_ADDED = "evidence_added", _("登记证据")
    NOTIFIED = "notified", _("告知拟处罚内容及权利")
    STATEMENT_RECORDED = "statement_recorded", _("听取陈述申辩")
    HEARING_REQUESTED = "hearing_requested", _("申请听证")
    HEARING_HELD = "hearing_held", _("举行听证")
    LEGAL_REVIEW_SUBMITTED = "legal_review_submitted", _("提交法制审核")
    LEGAL_REVIEWED = "legal_reviewed", _("法制审核意见")
    COLLECTIVE_DISCUSSED = "collective_discussed", _("集体讨论决定")
    DEADLINE_EXTENDED = "deadline_extended", _("延长办案期限")
    DECIDED = "decided", _("作出处罚决定")
    SERVED = "served", _("送达决定书")
    SURCHARGE_PAUSED = "surcharge_paused", _("复议/诉讼期间暂停加处罚款")
    SURCHARGE_RESUMED = "surcharge_resumed", _("恢复计算加处罚款")
    EXECUTED = "executed", _("履行/执行完毕")
    CLOSED = "closed", _("结案")
    DECISION_REVOKED = "decision_revoked", _("决定被变更或撤销")
    PUBLISHED = "published", _("公示处罚决定")
    PUBLICATION_WITHDRAWN = "publication_withdrawn", _("撤回公示")
    IMPORTED = "imported", _("批量导入")
    OFFICERS_ASSIGNED = "officers_assigned", _("指派承办人员")
    RECUSAL_DECLARED = "recusal_declared", _("回避申请")
    RECUSAL_DECIDED = "recusal_decided", _("回避决定")
    EVIDENCE_PRESERVED = "evidence_preserved", _("先行登记保存")
    PRESERVATION_DECIDED = "preservation_decided", _("登记保存处理决定")
    HEARING_SCHEDULED = "hearing_scheduled", _("听证通知")
    PAYMENT_ARRANGED = "payment_arranged", _("暂缓或分期缴纳")
    INSTALMENT_PAID = "instalment_paid", _("缴纳分期罚款")
    CASH_COLLECTED = "cash_collected", _("当场收缴罚款")
    CASH_HANDED_OVER = "cash_handed_over", _("罚款交至行政机关")
    CASH_DEPOSITED = "cash_deposited", _("罚款缴付指定银行")
    ENFORCEMENT_DEMANDED = "enforcement_demanded", _("催告履行")
    ENFORCEMENT_APPLIED = "enforcement_applied", _("强制执行")


class SurchargePauseReason(models.TextChoices):
    RECONSIDERATION = "reconsideration", _("行政复议期间")
    LITIGATION = "litigation", _("行政诉讼期间")


class DecisionChangeKind(models.TextChoices):
    """Why a published decision must be withdrawn (行政处罚法 Art. 48(2))."""

    CHANGED = "changed", _("变更")
    REVOKED = "revoked", _("撤销")
    CONFIRMED_ILLEGAL = "confirmed_illegal", _("确认违法")
    CONFIRMED_VOID = "confirmed_void", _("确认无效")


class PublicationStatus(models.TextChoices):
    PUBLISHED = "published", _("公示中")
    WITHDRAWN = "withdrawn", _("已撤回")


class Urgency(models.TextChoices):
    OVERDUE = "overdue", _("已逾期")
    URGENT = "urgent", _("3日内到期")
    SOON = "soon", _("7日内到期")
    NORMAL = "normal", _("正常")
    NONE = "none", _("无期限")


class CashCollectionGround(models.TextChoices):
    """Why a fine may be collected on the spot (行政处罚法 Art. 68, 69)."""

    SMALL_FINE = "small_fine", _("依法给予一百元以下罚款（第六十八条第一项）")
    HARD_TO_ENFORCE = "hard_to_enforce", _("不当场收缴事后难以执行（第六十八条第二项）")
    REMOTE_AREA = "remote_area", _("边远、水上、交通不便地区，当事人提出（第六十九条）")


class RecusalSource(models.TextChoices):
    """Who raised the conflict (行政处罚法 Art. 43(1) the officer, 43(2) the party)."""

    OFFICER = "officer", _("执法人员自行回避")
    PARTY = "party", _("当事人申请回避")


class RecusalStatus(models.TextChoices):
    PENDING = "pending", _("待负责人决定")
    GRANTED = "granted", _("决定回避")
    REFUSED = "refused", _("决定不予回避")


class PreservationDecision(models.TextChoices):
    """The 处理决定 on items under 先行登记保存 (行政处罚法 Art. 56); the measures come from sector rules."""

    RELEASE = "release", _("解除登记保存，退还")
    SEIZE = "seize", _("依法采取查封、扣押措施")
    CONFISCATE = "confiscate", _("依法予以没收")
    TRANSFER = "transfer", _("移送有关部门处理")
    OTHER = "other", _("其他依法处理")


class PaymentArrangement(models.TextChoices):
    """暂缓或者分期缴纳 (行政处罚法 Art. 66(2))."""

    NONE = "", _("无")
    DEFERRED = "deferred", _("暂缓缴纳")
    INSTALMENTS = "instalments", _("分期缴纳")


class EnforcementRoute(models.TextChoices):
    """How an unpaid decision is enforced (行政处罚法 Art. 72; 行政强制法 Art. 46, 53)."""

    COURT = "court", _("申请人民法院强制执行")
    ADMINISTRATIVE = "administrative", _("行政机关依法强制执行")
