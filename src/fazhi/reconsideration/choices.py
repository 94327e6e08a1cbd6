"""Stable choice lists of the reconsideration app (values are stored; never rename a value).

Articles are those of 《中华人民共和国行政复议法》(2023 修订, 施行 2024-01-01) unless named otherwise.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """How the application arrived (Art. 22)."""

    ONLINE = "online", _("互联网渠道（网上申请）")
    MAIL = "mail", _("邮寄")
    IN_PERSON = "in_person", _("当面提交")
    ORAL = "oral", _("口头申请（当场记录）")


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("公民")
    ORGANISATION = "organisation", _("法人或者其他组织")


class Category(models.TextChoices):
    """The fifteen heads of Art. 11 (the case type in every statistic)."""

    PENALTY = "penalty", _("行政处罚")
    COERCION = "coercion", _("行政强制措施、行政强制执行")
    LICENCE = "licence", _("行政许可")
    NATURAL_RESOURCES = "natural_resources", _("确认自然资源所有权或者使用权")
    EXPROPRIATION = "expropriation", _("征收征用及补偿")
    COMPENSATION = "compensation", _("行政赔偿")
    WORK_INJURY = "work_injury", _("工伤认定")
    BUSINESS_AUTONOMY = "business_autonomy", _("侵犯经营自主权或者农村土地承包经营权、经营权")
    COMPETITION = "competition", _("滥用行政权力排除或者限制竞争")
    ILLEGAL_DEMAND = "illegal_demand", _("违法集资、摊派费用或者违法要求履行其他义务")
    INACTION = "inaction", _("不履行法定职责")
    SOCIAL_SECURITY = "social_security", _("抚恤金、社会保险待遇、最低生活保障等给付")
    AGREEMENT = "agreement", _("行政协议")
    DISCLOSURE = "disclosure", _("政府信息公开")
    OTHER = "other", _("其他行政行为")


class Procedure(models.TextChoices):
    GENERAL = "general", _("普通程序")
    SIMPLIFIED = "simplified", _("简易程序")


class CaseStatus(models.TextChoices):
    """Where an application stands. See rules.state for the allowed moves."""

    RECEIVED = "received", _("已收到，待审查")
    AWAITING_CORRECTION = "awaiting_correction", _("待补正")
    ACCEPTED = "accepted", _("已受理，审理中")
    SUSPENDED = "suspended", _("中止")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    ABANDONED = "abandoned", _("视为放弃申请")
    CLOSED_BEFORE_ACCEPTANCE = "closed_before_acceptance", _("案前调解和解结案")
    CONCLUDED = "concluded", _("已审结")


OPEN_STATUSES = frozenset(
    {CaseStatus.RECEIVED, CaseStatus.AWAITING_CORRECTION, CaseStatus.ACCEPTED, CaseStatus.SUSPENDED}
)


class Outcome(models.TextChoices):
    """How an accepted case ended (审结): the decision types of Art. 63–72 and the other closures."""

    CHANGED = "changed", _("变更")  # Art. 63
    REVOKED = "revoked", _("撤销")  # Art. 64 (incl. 部分撤销, 责令重作)
    CONFIRMED_ILLEGAL = "confirmed_illegal", _("确认违法")  # Art. 65
    ORDERED_PERFORMANCE = "ordered_performance", _("责令履行")  # Art. 66, 71
    CONFIRMED_VOID = "confirmed_void", _("确认无效")  # Art. 67
    UPHELD = "upheld", _("维持")  # Art. 68
    CLAIM_DISMISSED = "claim_dismissed", _("驳回复议请求")  # Art. 69
    APPLICATION_DISMISSED = "application_dismissed", _("驳回申请")  # Art. 33
    MEDIATED = "mediated", _("调解（行政复议调解书）")  # Art. 73
    TERMINATED = "terminated", _("终止")  # Art. 41 (incl. 和解 → 撤回 → 终止, Art. 74)


DECISION_OUTCOMES = frozenset(
    {
        Outcome.CHANGED,
        Outcome.REVOKED,
        Outcome.CONFIRMED_ILLEGAL,
        Outcome.ORDERED_PERFORMANCE,
        Outcome.CONFIRMED_VOID,
        Outcome.UPHELD,
        Outcome.CLAIM_DISMISSED,
        Outcome.APPLICATION_DISMISSED,
    }
)
# 纠错 (GLOSSARY; RULES §3 statistics): the decisions that correct the contested act.
CORRECTION_OUTCOMES = frozenset(
    {
        Outcome.CHANGED,
        Outcome.REVOKED,
        Outcome.CONFIRMED_ILLEGAL,
        Outcome.CONFIRMED_VOID,
        Outcome.ORDERED_PERFORMANCE,
    }
)


class TerminationGround(models.TextChoices):
    """Art. 41 grounds; SETTLEMENT is 和解 → 撤回 (Art. 74) and counts as 案中调解和解."""

    SETTLEMENT = "settlement", _("达成和解，申请人撤回申请（第七十四条、第四十一条第一项）")
    WITHDRAWAL = "withdrawal", _("申请人撤回申请（第四十一条第一项）")
    DEATH_NO_HEIR = "death_no_heir", _("申请人死亡，无近亲属或者近亲属放弃（第四十一条第二项）")
    ORGANISATION_ENDED = "organisation_ended", _("组织终止，无承受人或者承受人放弃（第四十一条第三项）")
    CRIMINAL_MEASURE = "criminal_measure", _("涉嫌犯罪被采取刑事强制措施（第四十一条第四项）")
    SUSPENSION_EXPIRED = "suspension_expired", _("中止满六十日原因仍未消除（第四十一条第五项）")


class PreAcceptanceEnding(models.TextChoices):
    """Endings before acceptance (案前): counted as 案前调解和解 (TEDA 2024 report)."""

    MEDIATED = "mediated", _("案前调解，申请人撤回申请")
    SETTLED = "settled", _("案前和解，申请人撤回申请")


class SuspensionGround(models.TextChoices):
    """Art. 39(1) grounds; the first, second and fourth can end in 终止 after 60 days (Art. 41(5))."""

    DEATH = "death", _("（一）申请人死亡，近亲属尚未确定是否参加")
    INCAPACITY = "incapacity", _("（二）申请人丧失行为能力，尚未确定法定代理人")
    MISSING = "missing", _("（三）申请人下落不明")
    ORGANISATION_ENDED = "organisation_ended", _("（四）组织终止，尚未确定权利义务承受人")
    FORCE_MAJEURE = "force_majeure", _("（五）不可抗力或者其他正当理由不能参加")
    MEDIATION = "mediation", _("（六）调解、和解，双方同意中止")
    LEGAL_INTERPRETATION = "legal_interpretation", _("（七）法律适用问题需有权机关解释或者确认")
    OTHER_CASE = "other_case", _("（八）须以其他案件审理结果为依据")
    NORMATIVE_REVIEW = "normative_review", _("（九）规范性文件附带审查（第五十六条、第五十七条）")
    OTHER = "other", _("（十）其他需要中止的情形")


TERMINABLE_SUSPENSION_GROUNDS = frozenset(
    {SuspensionGround.DEATH, SuspensionGround.INCAPACITY, SuspensionGround.ORGANISATION_ENDED}
)


class LetterKind(models.TextChoices):
    OPINION = "opinion", _("行政复议意见书")  # Art. 76
    RECOMMENDATION = "recommendation", _("行政复议建议书")  # 实施条例 Art. 57(2)


class AlertSource(models.TextChoices):
    RECONSIDERATION = "reconsideration", _("行政复议")
    LITIGATION = "litigation", _("行政诉讼")


class EventType(models.TextChoices):
    """Timeline entries of a reconsideration case; one builder per type in events.py."""

    REGISTERED = "registered", _("收到申请")
    CORRECTION_REQUESTED = "correction_requested", _("通知补正")
    CORRECTION_RECEIVED = "correction_received", _("收到补正材料")
    ABANDONED = "abandoned", _("逾期未补正，视为放弃")
    ACCEPTED = "accepted", _("受理")
    DEEMED_ACCEPTED = "deemed_accepted", _("审查期限届满，视为受理")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    CLOSED_BEFORE_ACCEPTANCE = "closed_before_acceptance", _("案前调解和解")
    FLAGS_UPDATED = "flags_updated", _("修改审理标记")
    CONVERTED = "converted", _("简易程序转为普通程序")
    COPY_SENT = "copy_sent", _("发送申请书副本（提出答复通知）")
    REPLY_RECEIVED = "reply_received", _("收到被申请人答复")
    HEARING_SCHEDULED = "hearing_scheduled", _("安排听证")
    HEARING_HELD = "hearing_held", _("举行听证")
    HEARING_DECLINED = "hearing_declined", _("不组织听证（说明理由）")
    INVESTIGATED = "investigated", _("调查取证")
    COMMITTEE_CONSULTED = "committee_consulted", _("行政复议委员会咨询意见")
    EXTENDED = "extended", _("延长审理期限")
    SUSPENDED = "suspended", _("中止")
    RESUMED = "resumed", _("恢复审理")
    DECIDED = "decided", _("作出行政复议决定")
    MEDIATED = "mediated", _("制作行政复议调解书")
    TERMINATED = "terminated", _("终止行政复议")
    LETTER_ISSUED = "letter_issued", _("制发意见书/建议书")
    LETTER_REPORTED = "letter_reported", _("收到意见书整改情况报告")
    FED_BACK = "fed_back", _("以案促改：通知原行为单位")
