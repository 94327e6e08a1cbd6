"""The penalty-case state machine (RULES.md §1.3) as data: which action is allowed in which state.

Pure. The guards that depend on facts (deadlines, officers, reviews) are in penalties.py and
decision.py and run inside the services; this table only answers "may this action happen in
this state at all", which is also what the "allowed transitions now" endpoint shows.

普通程序:
    立案 filed ─investigate→ 调查取证 investigating ─notify→ 已告知 notified
    notified ─request_hearing→ 听证 hearing            (Art. 63/64, within 5 working days)
    notified|hearing ─submit_legal_review→ 法制审核 legal_review   (mandatory in Art. 58 cases)
    legal_review ─record_legal_review(failed)→ investigating         (补充调查)
    notified|hearing|legal_review ─collective_discussion→ 集体讨论 collective_discussion (Art. 57)
    notified|hearing|legal_review|collective_discussion ─decide→ 已决定 decided
    decided ─serve→ 已送达 served ─execute→ 执行完毕 executed ─close→ 已结案 closed
    served ─collect_cash→ executed   (当场收缴, Art. 68/69; then hand_over_cash / deposit_cash, Art. 71)
    served ─demand_enforcement (催告)… ─apply_enforcement→ 强制执行 enforcing ─execute→ executed
                                                        (Art. 72; 行政强制法 Art. 35, 46, 53, 54)
    decided|served|enforcing ─end_execution→ closed   (decision revoked or confirmed void; 行政强制法 Art. 40(4))
    side steps without a status change: assign_officers / declare_recusal / decide_recusal (Art. 42, 43),
    preserve_evidence / decide_preservation (Art. 56), schedule_hearing (Art. 64(二)),
    arrange_payment, pay_instalment (Art. 66(2); the last instalment is recorded by execute)
    filed|investigating ─withdraw→ closed (撤销立案)
    investigating…collective_discussion ─close_without_penalty→ closed (不予处罚 / 首违不罚, Art. 33, 57)
    investigating…collective_discussion ─transfer→ closed (移送司法机关, Art. 57(1)(四))
简易程序 (当场处罚, Art. 51/52): created directly in `served` (decided and handed over on the spot).
"""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.enforcement.choices import CaseProcedure, CaseStatus
from fazhi.enforcement.rules.common import LAW, refuse_now

S = CaseStatus
PRE_DECISION = frozenset({S.INVESTIGATING, S.NOTIFIED, S.HEARING, S.LEGAL_REVIEW, S.COLLECTIVE_DISCUSSION})
DECIDABLE = frozenset({S.NOTIFIED, S.HEARING, S.LEGAL_REVIEW, S.COLLECTIVE_DISCUSSION})
AFTER_DECISION = frozenset({S.DECIDED, S.SERVED, S.ENFORCING, S.EXECUTED, S.CLOSED})
PAYABLE = frozenset({S.SERVED, S.ENFORCING})
OPEN = frozenset(S.values) - {S.CLOSED}


@dataclass(frozen=True, slots=True)
class Action:
    code: str
    label: str
    sources: frozenset[str]
    target: str | None  # None: the status does not change
    article: str
    law: str = LAW  # the act `article` belongs to

    @property
    def citation(self) -> str:
        """The article as shown beside the step: the act is named when it is not the 行政处罚法."""
        return self.article if self.law == LAW else f"{self.law}{self.article}"


ACTIONS: dict[str, Action] = {
    a.code: a
    for a in (
        Action("investigate", "开始调查取证", frozenset({S.FILED}), S.INVESTIGATING, "第五十四条、第五十五条"),
        Action("notify", "告知拟处罚内容及权利", frozenset({S.INVESTIGATING}), S.NOTIFIED, "第四十四条"),
        Action("record_statement", "听取陈述申辩", frozenset({S.NOTIFIED, S.HEARING}), None, "第四十五条"),
        Action("request_hearing", "申请听证", frozenset({S.NOTIFIED}), S.HEARING, "第六十三条、第六十四条"),
        Action("hold_hearing", "举行听证", frozenset({S.HEARING}), None, "第六十四条"),
        Action("submit_legal_review", "提交法制审核", frozenset({S.NOTIFIED, S.HEARING}), S.LEGAL_REVIEW, "第五十八条"),
        Action("record_legal_review", "法制审核意见", frozenset({S.LEGAL_REVIEW}), None, "第五十八条"),
        Action(
            "collective_discussion",
            "集体讨论",
            frozenset({S.NOTIFIED, S.HEARING, S.LEGAL_REVIEW}),
            S.COLLECTIVE_DISCUSSION,
            "第五十七条第二款",
        ),
        Action("assign_officers", "指派承办人员", frozenset({S.FILED}) | PRE_DECISION, None, "第四十二条、第四十三条"),
        Action("declare_recusal", "登记回避申请", frozenset({S.FILED}) | PRE_DECISION, None, "第四十三条"),
        Action("decide_recusal", "作出回避决定", frozenset({S.FILED}) | PRE_DECISION, None, "第四十三条第三款"),
        Action("preserve_evidence", "先行登记保存", frozenset({S.FILED}) | PRE_DECISION, None, "第五十六条"),
        Action("decide_preservation", "登记保存处理决定", OPEN, None, "第五十六条"),
        Action("schedule_hearing", "通知听证时间地点", frozenset({S.HEARING}), None, "第六十四条第二项"),
        Action("extend_deadline", "延长办案期限", frozenset({S.FILED}) | PRE_DECISION, None, "第六十条"),
        Action("decide", "作出处罚决定", DECIDABLE, S.DECIDED, "第五十七条、第五十九条、第六十条"),
        Action("serve", "送达决定书", frozenset({S.DECIDED}), S.SERVED, "第六十一条"),
        Action("pause_surcharge", "复议/诉讼期间暂停加处罚款", PAYABLE, None, "第七十三条第三款"),
        Action("resume_surcharge", "恢复计算加处罚款", PAYABLE, None, "第七十三条第三款"),
        Action("arrange_payment", "批准暂缓或分期缴纳", frozenset({S.SERVED}), None, "第六十六条第二款"),
        Action("pay_instalment", "登记分期缴款", PAYABLE, None, "第六十六条第二款"),
        Action("collect_cash", "当场收缴罚款", frozenset({S.SERVED}), S.EXECUTED, "第六十八条、第六十九条"),
        Action("hand_over_cash", "收缴罚款交至行政机关", frozenset({S.EXECUTED}), None, "第七十一条"),
        Action("deposit_cash", "收缴罚款缴付银行", frozenset({S.EXECUTED}), None, "第七十一条"),
        Action("demand_enforcement", "催告履行", PAYABLE, None, "第七十二条"),
        Action("apply_enforcement", "申请/实施强制执行", frozenset({S.SERVED}), S.ENFORCING, "第七十二条"),
        Action("execute", "履行/执行完毕", PAYABLE, S.EXECUTED, "第六十七条、第七十二条"),
        Action("close", "结案归档", frozenset({S.EXECUTED}), S.CLOSED, "第四十七条"),
        Action("close_without_penalty", "不予处罚结案", PRE_DECISION, S.CLOSED, "第三十三条、第五十七条"),
        Action("transfer", "移送司法机关", PRE_DECISION, S.CLOSED, "第二十七条、第五十七条"),
        Action("withdraw", "撤销立案", frozenset({S.FILED, S.INVESTIGATING}), S.CLOSED, "第五十四条"),
        Action("revoke_decision", "登记决定变更/撤销", AFTER_DECISION, None, "第四十八条"),
        Action(
            "end_execution",
            "终结执行并结案",
            frozenset({S.DECIDED, S.SERVED, S.ENFORCING}),
            S.CLOSED,
            "第四十条第（四）项",
            law="《中华人民共和国行政强制法》",
        ),
        Action(
            "add_evidence",
            "登记证据",
            frozenset({S.FILED, S.DECIDED, S.SERVED, S.ENFORCING}) | PRE_DECISION,
            None,
            "第四十六条",
        ),
        Action("publish", "公示处罚决定", AFTER_DECISION, None, "第四十八条"),
    )
}

# Actions that make no sense for an on-the-spot case, which starts out decided and served.
SIMPLIFIED_ACTIONS = frozenset(
    {
        "pause_surcharge",
        "resume_surcharge",
        "execute",
        "close",
        "revoke_decision",
        "end_execution",
        "add_evidence",
        "publish",
        "arrange_payment",
        "pay_instalment",
        "collect_cash",
        "hand_over_cash",
        "deposit_cash",
        "demand_enforcement",
        "apply_enforcement",
    }
)


def allowed_actions(*, status: str, procedure: str) -> list[Action]:
    """Return the actions the state machine allows now, in table order."""
    result = [action for action in ACTIONS.values() if status in action.sources]
    if procedure == CaseProcedure.SIMPLIFIED:
        result = [action for action in result if action.code in SIMPLIFIED_ACTIONS]
    return result


def require_action(*, status: str, procedure: str, action: str) -> Action:
    """Refuse an action the state machine does not allow in `status` (HTTP 409).

    Legal basis: 《中华人民共和国行政处罚法》第五十四条至第六十一条 — the order of the ordinary procedure
    (调查 → 告知 → 陈述申辩/听证 → 法制审核 → 决定 → 送达), see the module docstring.
    """
    spec = ACTIONS[action]
    if spec.code not in {a.code for a in allowed_actions(status=status, procedure=procedure)}:
        raise refuse_now(
            f"案件当前状态为“{CaseStatus(status).label}”，不能办理“{spec.label}”",
            code="penalty.transition_not_allowed",
            article=spec.article,
            law=spec.law,
        )
    return spec
