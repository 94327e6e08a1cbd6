"""行政处罚告知书: the intended penalty and the party's rights (行政处罚法 第四十四条、第六十三条、第六十四条).

Content: the facts, the grounds (理由), the legal basis, the intended penalty; the right to 陈述、申辩
(第四十五条: never a heavier penalty because of it) and, where 第六十三条 applies, the right to ask for a
听证 within 5 working days (第六十四条第一项, 第八十五条), with the due date computed by core.deadlines.
"""

from __future__ import annotations

from fazhi.core.deadlines.selectors import deadline_compute
from fazhi.core.documents import OfficialDocument, format_date
from fazhi.enforcement import selectors
from fazhi.enforcement.choices import CaseProcedure
from fazhi.enforcement.documents import common
from fazhi.enforcement.models import PenaltyCase

TITLE = "行政处罚告知书"
RESPONSE_RULE = "penalty.hearing_request"  # 5 working days (Art. 64(1) + Art. 85)


def available(case: PenaltyCase) -> bool:
    """Once the party has been told (告知日期 recorded), in 普通程序: on the spot (第五十二条) the notice is oral."""
    return case.procedure == CaseProcedure.ORDINARY and case.notified_on is not None


def build(case: PenaltyCase, *, doc_number: str) -> OfficialDocument:
    assert case.notified_on is not None
    party = common.you(case.party_kind)
    due = case.hearing_request_due or deadline_compute(rule_code=RESPONSE_RULE, start=case.notified_on).due
    # The statement period is its own configured rule (the decision waits for its end: rules.STATEMENT_RULE).
    statement_due = selectors.case_statement_due(case=case) or due
    document = OfficialDocument(issuer=case.unit.name, title=TITLE, doc_number=doc_number)
    document.add_recipient(case.party_name)
    document.add_paragraph(
        f"本机关于{format_date(case.filed_on)}对{party}{case.cause}一案立案调查。现将本机关拟作出行政处罚的事实、"
        f"理由、依据、处罚内容以及{party}依法享有的权利告知如下："
    )
    document.add_heading("违法事实")
    document.add_paragraph(
        common.facts_with_lead(common.not_blank(case.facts, "（违法事实见调查终结报告）"), lead="经查，")
    )
    document.add_heading("理由和依据")
    grounds = common.grounds_sentence(case.notice_grounds, party=party, lead="本机关认为")
    basis = common.not_blank(case.notice_legal_basis, "有关法律、法规、规章")
    document.add_paragraph(f"{grounds}依据{basis}的规定，本机关拟对{party}作出行政处罚。")
    document.add_heading("拟作出的行政处罚")
    items = common.penalty_items(
        types=case.proposed_penalty_types, fine=case.proposed_fine, confiscation=case.proposed_confiscation_value
    )
    for number, item in enumerate(items, start=1):
        document.add_paragraph(f"{number}. {item}。")
    document.add_heading("陈述、申辩的权利")
    document.add_paragraph(
        f"根据《中华人民共和国行政处罚法》第七条、第四十四条、第四十五条的规定，{party}有权进行陈述和申辩。"
        f"{party}如需陈述、申辩，请自收到本告知书之日起至{format_date(statement_due)}（含当日，按告知日期计算）"
        f"向本机关提出，可以书面提出，也可以口头提出；逾期未提出的，视为放弃陈述、申辩的权利。"
        f"本机关不因{party}陈述、申辩而给予更重的处罚。"
    )
    if case.hearing_right_applies:
        document.add_heading("要求听证的权利")
        document.add_paragraph(
            f"根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，{party}有权要求举行听证。"
            f"{party}要求听证的，应当在本机关告知后五日内（工作日，第八十五条；按告知日期计算，至"
            f"{format_date(due)}）提出；逾期未提出的，视为放弃听证权利。{party}不承担行政机关组织听证的费用。"
        )
    officers = common.case_officers(case, on=case.notified_on)
    document.add_paragraph("承办人员：" + "、".join(f"{o.name}（执法证号：{o.certificate}）" for o in officers))
    document.add_signature(signed_on=case.notified_on, seal_placeholder=True)
    return document
