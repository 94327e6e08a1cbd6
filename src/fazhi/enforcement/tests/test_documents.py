"""执法文书: which documents fit a case's state, their content (第五十九条 above all), 文号, A4 and PDF."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import date
from decimal import Decimal

import docx
import pytest
from docx.shared import Mm

from fazhi.core.documents import convert_to_pdf, libreoffice_binary
from fazhi.core.errors import Conflict, DomainError
from fazhi.enforcement import services
from fazhi.enforcement.choices import InspectionOutcome, PenaltyType
from fazhi.enforcement.documents import DocumentKind, agency_code, available_documents, render_document
from fazhi.enforcement.documents.common import facts_with_lead, rmb_upper
from fazhi.enforcement.forms import NotifyForm
from fazhi.enforcement.tests.document_cases import (
    PERSON_ADDRESS,
    PERSON_ID,
    PERSON_NAME,
    PERSON_PHONE,
    org_decided,
    person_case,
)
from fazhi.enforcement.tests.factories import decide, investigate, notify, open_case, record_inspection

pytestmark = pytest.mark.usefixtures("media")

K = DocumentKind


def text_of(content: bytes) -> str:
    """Every paragraph and table cell of a .docx, one per line."""
    document = docx.Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def is_a4(content: bytes) -> bool:
    section = docx.Document(io.BytesIO(content)).sections[0]
    return abs(section.page_width - Mm(210)) < Mm(0.5) and abs(section.page_height - Mm(297)) < Mm(0.5)


def test_available_documents_follow_the_case_state(world) -> None:
    case = open_case(world)
    assert available_documents(case) == [K.FILING_APPROVAL]
    case = investigate(world, case)
    assert available_documents(case) == [K.FILING_APPROVAL, K.CORRECTION_ORDER]
    case = notify(world, case)
    assert available_documents(case) == [K.FILING_APPROVAL, K.CORRECTION_ORDER, K.PENALTY_NOTICE]

    closed = person_case(world)

    assert available_documents(closed) == list(DocumentKind)


def test_no_decision_document_before_the_decision(world) -> None:
    case = notify(world, investigate(world, open_case(world)))

    with pytest.raises(Conflict) as error:
        render_document(kind=K.DECISION, case=case)

    assert error.value.code == "document.not_available" and error.value.status_code == 409
    assert "行政处罚决定书" in error.value.message


def test_unknown_kind_and_missing_target_are_refused(world) -> None:
    case = open_case(world)
    with pytest.raises(DomainError) as error:
        render_document(kind="warrant", case=case)
    assert error.value.code == "document.unknown_kind"
    with pytest.raises(DomainError) as error:
        render_document(kind=K.DECISION)
    assert error.value.code == "document.target_invalid"


def test_decision_carries_every_field_of_第五十九条(world) -> None:
    case = person_case(world)

    generated = render_document(kind=K.DECISION, case=case)
    text = text_of(generated.content)

    # 文号 and the type of document
    assert generated.doc_number == "北市监罚〔2026〕1号" == case.decision_number
    assert "行政处罚决定书" in text and generated.doc_number in text
    # (一) 当事人的姓名或者名称、地址 — in full on the served document (with the ID number)
    assert f"当事人：{PERSON_NAME}" in text and f"住址：{PERSON_ADDRESS}" in text and PERSON_ID in text
    # (二) 违反法律、法规、规章的事实和证据
    assert "违法事实和证据" in text and "销售超过保质期的食品共计120件" in text
    assert "勘验笔录、现场笔录：现场检查笔录（2026年3月4日取得）" in text
    # (三) 行政处罚的种类和依据
    assert "行政处罚的种类和依据" in text and "《中华人民共和国食品安全法》第一百二十四条第一款第五项" in text
    assert "罚款人民币贰万元整（¥20,000.00）" in text
    # (四) 行政处罚的履行方式和期限 — 15 days (第六十七条第三款), 加处罚款 (第七十二条)
    assert "自收到本决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚款" in text
    assert "第六十七条第三款" in text and "百分之三加处罚款" in text and "测试区财政非税收入专户" in text
    # (五) 申请行政复议、提起行政诉讼的途径和期限 — 60 days / 6 months, and to whom
    assert "自收到本决定书之日起六十日内向测试区人民政府申请行政复议" in text
    assert "六个月内依法向人民法院提起行政诉讼" in text
    # (六) 作出决定的行政机关名称和作出决定的日期, + 印章 (第五十九条第二款)
    paragraphs = [p.text for p in docx.Document(io.BytesIO(generated.content)).paragraphs]
    signature = paragraphs.index("北区市场监管局", 2)  # the first one is the 版头
    assert paragraphs[signature + 1] == "2026年4月7日"
    assert b"\xe5\x8d\xb0\xe7\xab\xa0\xe5\x8d\xa0\xe4\xbd\x8d" in _document_xml(generated.content)  # "印章占位"
    # the procedure the decision recites: 告知 with the hearing right, the defence, the hearing
    assert "陈述、申辩和要求听证的权利" in text and "2026年4月1日依法举行了听证" in text
    assert is_a4(generated.content)


def _document_xml(content: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("word/document.xml")


def test_published_version_of_the_decision_masks_the_person(world) -> None:
    case = person_case(world)

    text = text_of(render_document(kind=K.DECISION, case=case, masked=True).content)

    for secret in (PERSON_NAME, PERSON_ID, PERSON_PHONE, "幸福里"):
        assert secret not in text
    assert "当事人：张**" in text and "110105********002X" in text and "138****5678" in text


def test_only_the_decision_has_a_published_version(world) -> None:
    with pytest.raises(DomainError) as error:
        render_document(kind=K.FILING_APPROVAL, case=open_case(world), masked=True)
    assert error.value.code == "document.no_public_version"


@pytest.mark.parametrize(
    ("kind", "number", "must_contain"),
    [
        (K.FILING_APPROVAL, "北市监立〔2026〕1号", ["立案审批表", "NORTH-2026-", "第五十四条第二款", "负责人（签名）"]),
        (K.PENALTY_NOTICE, "北市监罚告〔2026〕1号", ["行政处罚告知书", "陈述、申辩", "要求听证", "2026年3月23日"]),
        (K.SERVICE_RECEIPT, "北市监送〔2026〕1号", ["送达回证", "北市监罚〔2026〕1号", "直接送达", "2026年4月8日"]),
        (K.CORRECTION_ORDER, "北市监责改〔2026〕1号", ["责令改正通知书", "第二十八条第一款", "六十日内"]),
        (K.CLOSURE_REPORT, "北市监结〔2026〕1号", ["结案报告", "作出处罚并执行完毕", "2026年4月16日"]),
    ],
)
def test_each_document_has_its_number_content_and_a4(world, kind, number, must_contain) -> None:
    case = person_case(world)

    generated = render_document(kind=kind, case=case)
    text = text_of(generated.content)

    assert generated.doc_number == number and number in text
    assert generated.filename == f"{generated.title}-{number}.docx"
    for words in must_contain:
        assert words in text, words
    assert is_a4(generated.content)


def test_notice_states_the_hearing_right_only_where_article_63_applies(world) -> None:
    # 5,000 元 to an organisation is below the SCJG 较大数额: no hearing right (第六十三条)
    case = org_decided(world)

    text = text_of(render_document(kind=K.PENALTY_NOTICE, case=case).content)

    assert "陈述、申辩的权利" in text and "不因你单位陈述、申辩而给予更重的处罚" in text
    assert "要求听证的权利" not in text


def test_numbers_count_per_unit_and_year_and_never_change(world) -> None:
    first = open_case(world)
    second = open_case(world, party_name="第二家公司")

    assert render_document(kind=K.FILING_APPROVAL, case=second).doc_number == "北市监立〔2026〕2号"
    open_case(
        world,
        party_name="第三家公司",
        violation_ended_on=date(2026, 1, 2),
        discovered_on=date(2026, 1, 4),
        filed_on=date(2026, 1, 5),
    )  # filed earlier, opened later
    assert render_document(kind=K.FILING_APPROVAL, case=first).doc_number == "北市监立〔2026〕1号"
    assert render_document(kind=K.FILING_APPROVAL, case=second).doc_number == "北市监立〔2026〕2号"


def test_unit_short_name_is_the_agency_code(world) -> None:
    world.cast.north.short_name = "青市监"
    world.cast.north.save(update_fields=["short_name"])

    assert render_document(kind=K.FILING_APPROVAL, case=open_case(world)).doc_number == "青市监立〔2026〕1号"


def test_the_recorded_document_prefix_comes_before_the_short_name(world) -> None:
    # orgs' 机关代字 (OrgUnit.document_prefix, GB/T 9704 7.2.4) is what the unit numbers its documents with
    world.cast.north.short_name = "北区市监"
    world.cast.north.document_prefix = "津北市监"
    world.cast.north.save(update_fields=["short_name", "document_prefix"])
    case = open_case(world)

    assert render_document(kind=K.FILING_APPROVAL, case=case).doc_number == "津北市监立〔2026〕1号"


@pytest.mark.parametrize(
    ("name", "short_name", "expected"),
    [
        ("北区市场监管局", "", "北市监"),
        ("青岛市市场监督管理局", "", "青市监"),
        ("南区城管执法局", "", "南城管"),
        ("测试区生态环境局", "", "测环"),
        ("测试区教育局", "", "测教育"),
        ("滨海新区教育体育局", "", "滨教育"),
        ("北区市场监管局", "津滨市监", "津滨市监"),
    ],
)
def test_agency_code(name, short_name, expected) -> None:
    assert agency_code(name=name, short_name=short_name) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("5000", "伍仟元整"),
        ("20000", "贰万元整"),
        ("100000", "壹拾万元整"),
        ("10005", "壹万零伍元整"),
        ("1203.5", "壹仟贰佰零叁元伍角整"),
        ("200.05", "贰佰元零伍分"),
        ("0", "零元整"),
    ],
)
def test_amounts_in_capitals(amount, expected) -> None:
    assert rmb_upper(Decimal(amount)) == expected


def test_on_the_spot_decision_has_the_fields_of_article_52(world) -> None:
    case = services.case_decide_on_the_spot(
        actor=world.cast.inspector_north, unit=world.cast.north, cause="占道经营", party_kind="person",
        party_name="李四", party_code=PERSON_ID, decided_on=date(2026, 5, 6), place="示范路口",
        officer_ids=[world.officer_a.pk, world.officer_b.pk], facts="在示范路口占道经营",
        penalty_types=[PenaltyType.FINE], fine_amount=Decimal("200"),
        legal_basis="《城市市容和环境卫生管理条例》第三十六条", rights_notified=True,
        decision_number="北市监简〔2026〕7号",
    )  # fmt: skip

    assert available_documents(case) == [K.CORRECTION_ORDER, K.DECISION]
    generated = render_document(kind=K.DECISION, case=case)
    text = text_of(generated.content)

    assert generated.title == "当场行政处罚决定书" and generated.doc_number == "北市监简〔2026〕7号"
    for words in ("李四", "在示范路口占道经营", "示范路口", "2026年5月6日", "第三十六条", "罚款人民币贰佰元整",
                  "执法人员（签名）", "N-1", "当事人（签名）", "六十日内", "第五十二条"):  # fmt: skip
        assert words in text, words


def test_inspection_correction_order(world) -> None:
    compliant = record_inspection(world)
    inspection = record_inspection(
        world, outcome=InspectionOutcome.ORDER_CORRECTION, findings="店内销售的部分食品超过保质期。"
    )

    assert available_documents(compliant) == []
    assert available_documents(inspection) == [K.CORRECTION_ORDER]
    generated = render_document(kind=K.CORRECTION_ORDER, inspection=inspection)
    text = text_of(generated.content)
    assert generated.doc_number == "北市监检责改〔2026〕2号"  # the unit's second inspection of 2026
    assert "青禾示范商贸有限公司：" in text and "店内销售的部分食品超过保质期" in text and "责令你单位" in text
    with pytest.raises(Conflict):
        render_document(kind=K.CORRECTION_ORDER, inspection=compliant)
    with pytest.raises(DomainError):
        render_document(kind=K.DECISION, inspection=inspection)


def test_decision_converts_to_pdf_with_libreoffice(world) -> None:
    # Must run, not skip: `make system-deps` installs libreoffice-writer-nogui.
    assert libreoffice_binary() is not None, "LibreOffice is required (make system-deps)"
    case = person_case(world, close=False)

    pdf = convert_to_pdf(render_document(kind=K.DECISION, case=case).content)

    assert pdf.startswith(b"%PDF")
    pdftotext = shutil.which("pdftotext")
    if pdftotext:  # poppler-utils: check the text really made it into the PDF
        text = subprocess.run([pdftotext, "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
        compact = "".join(text.split())
        assert "行政处罚决定书" in compact and "北市监罚〔2026〕1号" in compact and "张三丰" in compact


FOOD_34 = "《中华人民共和国食品安全法》第三十四条第十项的规定"


@pytest.mark.parametrize(
    ("grounds", "sentence"),
    [
        # a free-text reason is quoted, never glued after 违反了
        ("以上事实有现场笔录、询问笔录为证", "本机关认为：以上事实有现场笔录、询问笔录为证。"),
        # the provisions officers enter read as before
        (f"违反了{FOOD_34}", f"本机关认为，你单位的上述行为违反了{FOOD_34}。"),
        (FOOD_34, f"本机关认为，你单位的上述行为违反了{FOOD_34}。"),
        ("食品安全法第三十四条", "本机关认为，你单位的上述行为违反了食品安全法第三十四条。"),
    ],
)  # fmt: skip
def test_notice_words_the_grounds_by_what_the_officer_wrote(world, grounds: str, sentence: str) -> None:
    case = notify(world, investigate(world, open_case(world)), grounds=grounds)

    text = text_of(render_document(kind=K.PENALTY_NOTICE, case=case).content)

    assert sentence in text
    assert "违反了以上事实" not in text


def test_notice_form_asks_for_the_provision_violated() -> None:
    assert "违反的法律规定" in str(NotifyForm().fields["grounds"].help_text)


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ("当事人销售过期食品。", "经查，当事人销售过期食品。"),
        ("经查，当事人销售过期食品。", "经查，当事人销售过期食品。"),
        ("  经查明：当事人销售过期食品。", "经查明：当事人销售过期食品。"),
        ("查明，当事人销售过期食品。", "查明，当事人销售过期食品。"),
        ("经调查，当事人销售过期食品。", "经调查，当事人销售过期食品。"),
        ("本机关于2026年3月2日检查发现当事人销售过期食品。", "本机关于2026年3月2日检查发现当事人销售过期食品。"),
    ],
)
def test_the_facts_get_a_lead_in_only_when_they_have_none(facts: str, expected: str) -> None:
    assert facts_with_lead(facts, lead="经查，") == expected


@pytest.mark.parametrize("lead", ["经查，", "经查明：", "查明，"])
def test_documents_do_not_repeat_the_lead_in_the_officer_wrote(world, lead: str) -> None:
    facts = f"{lead}当事人于2026年2月20日销售超过保质期的食品。"
    case = decide(world, notify(world, investigate(world, open_case(world, facts=facts))), decided_on=date(2026, 3, 24))

    texts = {kind: text_of(render_document(kind=kind, case=case).content) for kind in (K.PENALTY_NOTICE,
             K.CORRECTION_ORDER, K.DECISION)}  # fmt: skip

    doubled = ("经查，经查", "经查明：经查", "经查，查明", "经查明：查明")
    assert [kind for kind, text in texts.items() if facts not in text or any(d in text for d in doubled)] == []
