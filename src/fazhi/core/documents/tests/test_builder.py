"""Open the rendered .docx with python-docx and check the GB/T 9704 layout, fonts and content."""

import io
import zipfile
from datetime import date

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Emu, Pt

from fazhi.core.documents import DEFAULT_FONTS, Field, OfficialDocument
from fazhi.core.errors import DomainError

SIGNED_ON = date(2026, 11, 23)


def _enforcement_decision() -> OfficialDocument:
    document = OfficialDocument(
        issuer="某某区市场监督管理局", title="行政处罚决定书", doc_number="某市监罚〔2026〕12号"
    )
    document.add_recipient("某某商贸有限公司")
    document.add_heading("违法事实")
    document.add_paragraph("经查，当事人于2026年9月销售不合格商品。\n上述事实有现场笔录等证据证实。")
    document.add_heading("处罚依据", level=1)
    document.add_heading("法律依据。", level=2, body="《中华人民共和国产品质量法》第四十九条。")
    document.add_heading("裁量情节", level=3)
    document.add_table(["序号", "物品名称", "数量"], [["1", "电热水壶", "20台"], ["2", "插线板", "35个"]])
    document.add_fields(
        [
            Field("当事人", "某某商贸有限公司"),
            Field("法定代表人", "张三"),
            Field("审批意见", "同意。", wide=True, min_height_mm=30),
        ]
    )
    document.add_signature(signed_on=SIGNED_ON, seal_placeholder=True)
    document.add_note("此件公开发布")
    return document


def _circular() -> OfficialDocument:
    document = OfficialDocument(
        issuer="某某区人民政府", title="关于开展行政执法案卷评查的通知", doc_number="某府发〔2026〕3号", red_header=True
    )
    document.add_recipient("各街道办事处：")
    document.add_paragraph("现将有关事项通知如下。")
    document.add_signature(signed_on=SIGNED_ON, sealed=False)
    document.set_imprint(printed_by="某某区人民政府办公室", printed_on=SIGNED_ON, copies_to=["区委办公室", "区人大办"])
    return document


@pytest.fixture(scope="module")
def decision_bytes() -> bytes:
    return _enforcement_decision().render_to_bytes()


@pytest.fixture(scope="module")
def decision(decision_bytes):
    return docx.Document(io.BytesIO(decision_bytes))


@pytest.fixture(scope="module")
def circular():
    return docx.Document(io.BytesIO(_circular().render_to_bytes()))


def _paragraph(document, text):
    matches = [p for p in document.paragraphs if p.text == text]
    assert matches, f"no paragraph {text!r} in {[p.text for p in document.paragraphs]}"
    return matches[0]


def _east_asia_font(run) -> str:
    return run._r.rPr.rFonts.get(qn("w:eastAsia"))


def test_page_is_a4_with_gb_9704_margins(decision):
    section = decision.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.top_margin.mm) == 37  # 天头 37 mm ± 1
    assert round(section.left_margin.mm) == 28  # 订口 28 mm ± 1
    text_width = section.page_width - section.left_margin - section.right_margin
    text_height = section.page_height - section.top_margin - section.bottom_margin
    assert (round(Emu(text_width).mm), round(Emu(text_height).mm)) == (156, 225)  # 版心


def test_default_font_is_fangsong_16pt_for_chinese_text(decision):
    defaults = decision.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    fonts = defaults.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert fonts.get(qn("w:eastAsiaTheme")) is None  # a theme font would override the name
    assert defaults.find(qn("w:sz")).get(qn("w:val")) == "32"
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"


def test_plain_header_has_issuer_title_and_number(decision):
    issuer, title, number = decision.paragraphs[0:3]
    assert (issuer.text, title.text, number.text) == ("某某区市场监督管理局", "行政处罚决定书", "某市监罚〔2026〕12号")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.runs[0].font.size == Pt(22)  # 二号
    assert _east_asia_font(title.runs[0]) == "方正小标宋简体"
    assert number.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert _east_asia_font(number.runs[0]) == "仿宋_GB2312"
    assert decision.core_properties.title == "行政处罚决定书"


def test_red_header_has_red_mark_number_and_rule(circular):
    mark = next(p for p in circular.paragraphs if p.text)
    assert mark.text == "某某区人民政府文件"
    assert str(mark.runs[0].font.color.rgb) == "E60012"
    assert _east_asia_font(mark.runs[0]) == "方正小标宋简体"
    assert round(mark.paragraph_format.space_before.mm) == 35
    number = _paragraph(circular, "某府发〔2026〕3号")
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    rule = number._p.pPr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}")
    assert rule.get(qn("w:color")) == "E60012"


def test_body_paragraph_is_indented_two_characters_with_exact_lines(decision):
    paragraph = _paragraph(decision, "经查，当事人于2026年9月销售不合格商品。")
    fmt = paragraph.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert 28 <= fmt.line_spacing.pt <= 29
    assert round(fmt.first_line_indent.pt) == 32  # 2 × 三号 (condensed by 0.25 pt each)
    assert paragraph._p.pPr.ind.get(qn("w:firstLineChars")) == "200"
    assert paragraph.runs[0].font.size == Pt(16)
    # The "\n" started a second paragraph.
    _paragraph(decision, "上述事实有现场笔录等证据证实。")


def test_recipient_ends_in_full_width_colon(decision, circular):
    _paragraph(decision, "某某商贸有限公司：")
    _paragraph(circular, "各街道办事处：")  # not doubled


def test_headings_are_numbered_per_level_in_their_fonts(decision):
    first, second = _paragraph(decision, "一、违法事实"), _paragraph(decision, "二、处罚依据")
    assert _east_asia_font(first.runs[0]) == DEFAULT_FONTS.heading1.name == _east_asia_font(second.runs[0])
    run_in = _paragraph(decision, "（一）法律依据。《中华人民共和国产品质量法》第四十九条。")
    assert _east_asia_font(run_in.runs[0]) == DEFAULT_FONTS.heading2.name
    assert _east_asia_font(run_in.runs[1]) == DEFAULT_FONTS.body.name
    third = _paragraph(decision, "1.裁量情节")
    assert third.runs[0].bold is True
    assert _east_asia_font(third.runs[0]) == DEFAULT_FONTS.body.name


def test_numbering_restarts_below_a_higher_level():
    document = OfficialDocument(issuer="某局", title="报告")
    document.add_heading("甲").add_heading("子", level=2).add_heading("乙").add_heading("丑", level=2)
    rendered = docx.Document(io.BytesIO(document.render_to_bytes()))
    assert [p.text for p in rendered.paragraphs if p.text][2:] == ["一、甲", "（一）子", "二、乙", "（一）丑"]


def test_table_has_header_row_borders_and_contents(decision):
    table = decision.tables[0]
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["序号", "物品名称", "数量"],
        ["1", "电热水壶", "20台"],
        ["2", "插线板", "35个"],
    ]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"single"}
    header_run = table.rows[0].cells[0].paragraphs[0].runs[0]
    assert _east_asia_font(header_run) == "黑体"
    assert _east_asia_font(table.rows[1].cells[1].paragraphs[0].runs[0]) == "仿宋_GB2312"


def test_fields_form_pairs_labels_and_values(decision):
    form = decision.tables[1]
    assert [cell.text for cell in form.rows[0].cells] == ["当事人", "某某商贸有限公司", "法定代表人", "张三"]
    # The wide field's value spans the rest of its row.
    assert [cell.text for cell in form.rows[1].cells] == ["审批意见", "同意。", "同意。", "同意。"]
    assert round(form.rows[1].height.mm) == 30


def test_signature_with_seal_is_right_aligned_with_placeholder(decision):
    issuer = _paragraph(decision, "某某区市场监督管理局")
    date_line = _paragraph(decision, "2026年11月23日")
    assert issuer is not decision.paragraphs[0]
    assert date_line.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert date_line._p.pPr.ind.get(qn("w:rightChars")) == "400"  # 成文日期右空四字
    anchors = decision.element.body.findall(f".//{qn('wp:anchor')}")
    assert len(anchors) == 1
    assert anchors[0].get("behindDoc") == "1"
    assert anchors[0].find(qn("wp:docPr")).get("name") == "印章占位"
    _paragraph(decision, "（此件公开发布）")


def test_signature_without_seal_moves_the_date_two_characters_right(circular):
    issuer = _paragraph(circular, "某某区人民政府")
    date_line = _paragraph(circular, "2026年11月23日")
    issuer_right = int(issuer._p.pPr.ind.get(qn("w:rightChars")))
    date_right = int(date_line._p.pPr.ind.get(qn("w:rightChars")))
    # The date (7 characters wide: Arabic numerals are half-width) is longer than the issuer less two
    # characters: the date stays 右空二字 and the issuer's first character is two characters left of
    # the date's (GB/T 9704 §7.3.5.2).
    assert date_right == 200
    assert issuer_right == 200 + (7 + 2 - 7) * 100
    assert circular.element.body.find(f".//{qn('wp:anchor')}") is None


def test_page_numbers_are_page_fields_odd_right_even_left(decision):
    section = decision.sections[0]
    assert decision.settings.odd_and_even_pages_header_footer
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == align
        assert paragraph.text == "— 1 —"
        instructions = [el.text for el in paragraph._p.iter(qn("w:instrText"))]
        assert instructions == [" PAGE "]
        assert paragraph.runs[0].font.size == Pt(14)  # 四号
        assert _east_asia_font(paragraph.runs[0]) == "宋体"


def test_font_table_names_fallbacks(decision_bytes):
    with zipfile.ZipFile(io.BytesIO(decision_bytes)) as archive:
        font_table = archive.read("word/fontTable.xml").decode()
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="Noto Serif CJK SC"/>' in font_table
    assert '<w:font w:name="黑体"><w:altName w:val="Noto Sans CJK SC"/>' in font_table


def test_imprint_sits_in_frames_with_rules(circular):
    copies = _paragraph(circular, "抄送：区委办公室，区人大办。")
    printed = _paragraph(circular, "某某区人民政府办公室\t2026年11月23日印发")
    for paragraph in (copies, printed):
        assert paragraph._p.pPr.find(qn("w:framePr")).get(qn("w:hAnchor")) == "margin"
        assert paragraph.runs[0].font.size == Pt(14)
    assert copies._p.pPr.find(f"{qn('w:pBdr')}/{qn('w:top')}").get(qn("w:sz")) == "8"  # thick first rule
    assert copies._p.pPr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}").get(qn("w:sz")) == "6"  # thin middle rule
    assert printed._p.pPr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}").get(qn("w:sz")) == "8"  # thick last rule
    # The printed-by frame ends on the last line of the 版心.
    frame = printed._p.pPr.find(qn("w:framePr"))
    bottom = int(frame.get(qn("w:y"))) + int(frame.get(qn("w:h")))
    assert abs(bottom - round(225 / 25.4 * 1440)) <= 2


def test_rendering_twice_gives_the_same_document():
    document = _enforcement_decision()
    first, second = (docx.Document(io.BytesIO(document.render_to_bytes())) for _ in range(2))
    assert first.element.xml == second.element.xml


def test_sample_document_is_saved(tmp_path):
    path = _circular().save(tmp_path / "通知.docx")
    assert path.read_bytes()[:2] == b"PK"
    _paragraph(docx.Document(str(path)), "某某区人民政府文件")


@pytest.mark.parametrize(
    ("build", "code"),
    [
        (lambda: OfficialDocument(issuer="某局", title=" "), "document_title_missing"),
        (lambda: OfficialDocument(issuer="", title="通知"), "document_issuer_missing"),
        (
            lambda: (
                OfficialDocument(issuer="某局", title="通知")
                .add_signature(signed_on=SIGNED_ON)
                .add_signature(signed_on=SIGNED_ON)
            ),
            "document_signature_duplicate",
        ),
        (
            lambda: OfficialDocument(issuer="某局", title="通知").add_signature(
                signed_on=SIGNED_ON, sealed=False, seal_placeholder=True
            ),
            "document_seal_conflict",
        ),
        (
            lambda: OfficialDocument(issuer="某局", title="通知").add_table(["甲", "乙"], [["1"]]),
            "document_table_invalid",
        ),
        (
            lambda: OfficialDocument(issuer="某局", title="通知").add_table(["甲"], [["1"]], column_widths_mm=[170]),
            "document_table_invalid",
        ),
        (lambda: OfficialDocument(issuer="某局", title="通知").add_fields([]), "document_fields_invalid"),
    ],
)
def test_invalid_input_is_refused_with_a_code(build, code):
    with pytest.raises(DomainError) as error:
        build()
    assert error.value.code == code


def test_table_and_form_rows_never_break_across_pages(decision):
    for table in decision.tables[:2]:  # the table and the form of the sample decision
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)


def test_a_document_ending_with_a_form_ends_with_a_hairline_not_a_blank_line():
    form = OfficialDocument(issuer="某某区市场监督管理局", title="结案报告", doc_number="某市监结〔2026〕1号")
    form.add_fields([Field("案由", "销售不合格商品", wide=True)])
    last = docx.Document(io.BytesIO(form.render_to_bytes())).paragraphs[-1]
    assert last.text == ""
    assert last.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert last.paragraph_format.line_spacing == Pt(1)


def test_a_document_ending_with_text_keeps_its_last_line(circular):
    last = circular.paragraphs[-1]
    assert last.text.strip() and last.paragraph_format.line_spacing != Pt(1)
