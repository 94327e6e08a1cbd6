"""行政处罚决定书 (普通程序, 行政处罚法 第五十九条) and 当场行政处罚决定书 (简易程序, 第五十二条).

第五十九条 requires, and this module prints, each under its own heading:
  (一) 当事人的姓名或者名称、地址                 → the party block at the top (with the ID / credit code)
  (二) 违反法律、法规、规章的事实和证据           → 一、违法事实和证据
  (三) 行政处罚的种类和依据                       → 二、行政处罚的种类和依据
  (四) 行政处罚的履行方式和期限                   → 三、履行方式和期限 (罚款: 15 日, 第六十七条第三款)
  (五) 申请行政复议、提起行政诉讼的途径和期限     → 四、申请行政复议、提起行政诉讼的途径和期限 (60 日 / 6 个月)
  (六) 作出决定的行政机关名称和作出决定的日期     → the signature
  + 必须盖有作出行政处罚决定的行政机关的印章     → the seal placeholder over the signature

The served document carries the party in full; ``masked=True`` builds the published version with the
party masked as 执法公示 masks it (rules.public_party / public_text, 第五十条).
"""

from __future__ import annotations

from fazhi.core.documents import OfficialDocument, format_date
from fazhi.enforcement import rules, selectors
from fazhi.enforcement.choices import CaseProcedure, PenaltyType
from fazhi.enforcement.documents import common
from fazhi.enforcement.models import PenaltyCase

TITLE = "行政处罚决定书"
TITLE_ON_THE_SPOT = "当场行政处罚决定书"
PAYMENT = (
    "应当自收到本决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚款"
    "（《中华人民共和国行政处罚法》第六十七条第三款）。"
)
SURCHARGE = (
    "到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额"
    "（《中华人民共和国行政处罚法》第七十二条第一款第一项）。"
)
DEFERRAL = (
    "确有经济困难，需要延期或者分期缴纳罚款的，可以向本机关提出书面申请"
    "（《中华人民共和国行政处罚法》第六十六条第二款）。"
)
NOT_SUSPENDED = (
    "行政复议或者行政诉讼期间，本决定不停止执行，法律另有规定的除外（《中华人民共和国行政处罚法》第七十三条第一款）。"
)


def available(case: PenaltyCase) -> bool:
    """From the decision on (no 决定书 before the decision), and only when a penalty was imposed."""
    return case.decided_on is not None and bool(case.penalty_types)


def remedies_text(case: PenaltyCase) -> str:
    party = common.you(case.party_kind)
    return (
        f"{party}如不服本决定，可以自收到本决定书之日起六十日内向{common.reconsideration_body(case.unit)}申请行政复议"
        "（《中华人民共和国行政复议法》第二十条第一款）；也可以自收到本决定书之日起六个月内依法向人民法院提起"
        "行政诉讼（《中华人民共和国行政诉讼法》第四十六条第一款）。"
    )


def _public_facts(case: PenaltyCase) -> str:
    """The facts as 执法公示 publishes them: IDs, phones and a natural person's name and address masked."""
    is_person = common.party_is_person(case.party_kind)
    return rules.public_text(
        case.facts,
        person_name=case.party_name if is_person else "",
        person_address=case.party_address if is_person else "",
    )


def build(case: PenaltyCase, *, doc_number: str, masked: bool = False) -> OfficialDocument:
    if case.procedure == CaseProcedure.SIMPLIFIED:
        return _build_on_the_spot(case, doc_number=doc_number, masked=masked)
    assert case.decided_on is not None
    party = common.you(case.party_kind)
    facts = _public_facts(case) if masked else case.facts
    document = OfficialDocument(issuer=case.unit.name, title=TITLE, doc_number=doc_number)
    # 第五十九条第一项: 当事人的姓名或者名称、地址.
    common.add_party_block(document, common.case_party_lines(case, masked=masked))
    document.add_paragraph(_procedure(case))
    # 第五十九条第二项: 违反法律、法规、规章的事实和证据.
    document.add_heading("违法事实和证据")
    document.add_paragraph(common.facts_with_lead(common.not_blank(facts, "（违法事实见案卷）"), lead="经查明："))
    evidence = common.evidence_lines(case)
    document.add_paragraph("上述事实，有下列证据证明：" if evidence else "上述事实，有本案案卷所附证据材料证明。")
    for number, line in enumerate(evidence, start=1):
        document.add_paragraph(f"{number}. {line}；" if number < len(evidence) else f"{number}. {line}。")
    # 第五十九条第三项: 行政处罚的种类和依据.
    document.add_heading("行政处罚的种类和依据")
    grounds = common.grounds_sentence(case.notice_grounds, party=party, lead="本机关认为")
    if grounds:
        document.add_paragraph(grounds)
    basis = common.not_blank(case.decision_legal_basis, case.notice_legal_basis)
    document.add_paragraph(f"依据{basis}的规定，本机关决定对{party}作出如下行政处罚：")
    # The decision as made, also after a 变更 put the changed content on the case (the 变更 is its own document).
    made = selectors.case_decision_as_made(case=case)
    items = common.penalty_items(types=made.penalty_types, fine=made.fine, confiscation=made.confiscation)
    for number, item in enumerate(items, start=1):
        document.add_paragraph(f"{number}. {item}。")
    # 第五十九条第四项: 行政处罚的履行方式和期限.
    document.add_heading("履行方式和期限")
    if PenaltyType.FINE in made.penalty_types and made.fine:
        document.add_paragraph(party + PAYMENT)
        if case.performance_terms.strip():
            document.add_paragraph("缴纳方式：" + case.performance_terms.strip())
        document.add_paragraph(SURCHARGE)
        document.add_paragraph(DEFERRAL)
    else:
        document.add_paragraph(common.not_blank(case.performance_terms, f"{party}应当自收到本决定书之日起履行本决定。"))
    # 第五十九条第五项: 申请行政复议、提起行政诉讼的途径和期限.
    document.add_heading("申请行政复议、提起行政诉讼的途径和期限")
    document.add_paragraph(remedies_text(case))
    document.add_paragraph(NOT_SUSPENDED)
    # 第五十九条第六项 + 第二款: 行政机关名称、作出决定的日期、印章.
    document.add_signature(signed_on=case.decided_on, seal_placeholder=True)
    if masked:
        document.add_note("公开版：当事人个人信息已依法隐去")
    return document


def _procedure(case: PenaltyCase) -> str:
    """The procedural history the decision recites (立案, 告知, 陈述申辩, 听证, 法制审核, 集体讨论)."""
    party = common.you(case.party_kind)
    parts = [f"本机关于{format_date(case.filed_on)}对{party}{case.cause}一案立案调查"]
    if case.notified_on:
        rights = "陈述、申辩和要求听证" if case.hearing_right_applies else "陈述、申辩"
        parts.append(
            f"于{format_date(case.notified_on)}向{party}告知了拟作出行政处罚的事实、理由、依据、处罚内容及"
            f"{party}依法享有的{rights}的权利"
        )
    text = "，".join(parts) + "。"
    if case.rights_waived:
        text += f"{party}明确表示放弃陈述、申辩的权利。"
    elif case.defence_made:
        opinion = f"（{case.defence_summary.strip().rstrip('。')}）" if case.defence_summary.strip() else ""
        verdict = "本机关予以采纳" if case.defence_adopted else "经复核，理由不能成立，本机关不予采纳"
        text += f"{party}在规定期限内提出了陈述、申辩意见{opinion}，{verdict}。"
    elif case.notified_on:
        text += f"{party}在规定期限内未提出陈述、申辩意见。"
    if case.hearing_held_on:
        text += f"本机关于{format_date(case.hearing_held_on)}依法举行了听证。"
    if case.legal_reviewed_on and case.legal_review_passed:
        text += "本案经法制审核。"
    if case.collective_discussed_on:
        text += "本案经本机关负责人集体讨论决定。"
    return text + "本案现已调查终结。"


def _build_on_the_spot(case: PenaltyCase, *, doc_number: str, masked: bool) -> OfficialDocument:
    """当场行政处罚决定书: the items of 第五十二条第二款, with the officers' signatures and the party's receipt."""
    assert case.decided_on is not None
    party = common.you(case.party_kind)
    facts = _public_facts(case) if masked else case.facts
    document = OfficialDocument(issuer=case.unit.name, title=TITLE_ON_THE_SPOT, doc_number=doc_number)
    common.add_party_block(document, common.case_party_lines(case, masked=masked))
    made = selectors.case_decision_as_made(case=case)  # as made, also after a 变更 (see build)
    label = "、".join(common.penalty_labels(made.penalty_types))
    items = "；".join(common.penalty_items(types=made.penalty_types, fine=made.fine, confiscation=0))
    rows = [
        ("违法行为", common.not_blank(facts, case.cause)),
        ("时间", format_date(case.decided_on)),
        ("地点", common.not_blank(case.place, "（未记录）")),
        ("处罚依据", common.not_blank(case.decision_legal_basis, "（未记录）")),
        ("处罚种类", label),
        ("处罚内容", items),
    ]
    for heading, value in rows:
        document.add_heading(f"{heading}：", level=4, numbered=False, body=value)
    if PenaltyType.FINE in made.penalty_types and made.fine:
        document.add_heading("履行方式和期限：", level=4, numbered=False, body=party + PAYMENT)
    document.add_heading("救济途径和期限：", level=4, numbered=False, body=remedies_text(case))
    officers = common.case_officers(case, on=case.decided_on)
    document.add_paragraph(
        "执法人员（签名）：" + "；".join(f"{o.name}＿＿＿＿（执法证号：{o.certificate}）" for o in officers)
    )
    document.add_paragraph(
        "当事人（签名）：＿＿＿＿＿＿　　　　年　　月　　日（当事人拒绝签收的，由执法人员在本决定书上注明）"
    )
    document.add_signature(signed_on=case.decided_on, seal_placeholder=True)
    document.add_note("本决定书当场交付当事人，并报所属行政机关备案（《中华人民共和国行政处罚法》第五十二条）")
    return document
