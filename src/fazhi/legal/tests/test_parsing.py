"""Pure parsing: numerals, citations, law files. No database."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core.errors import DomainError
from fazhi.legal.choices import LegalLevel
from fazhi.legal.parsing import (
    Citation,
    article_number_zh,
    chinese_to_int,
    filename_title_and_date,
    format_citation,
    guess_level,
    int_to_chinese,
    parse_citation,
    parse_law_text,
    split_paragraphs,
    text_checksum,
    title_lookup_keys,
)
from fazhi.legal.tests.conftest import LAW_2020, LAW_2023, NO_ARTICLES, RULE_TXT, fixture_text

# --- numerals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("_case", "text", "expected"),
    [
        ("one", "一", 1),
        ("ten alone", "十", 10),
        ("teens", "十五", 15),
        ("tens", "二十", 20),
        ("tens and units", "五十一", 51),
        ("hundred", "一百", 100),
        ("zero inside", "一百零一", 101),
        ("一十 inside a hundred", "一百一十", 110),
        ("123", "一百二十三", 123),
        ("largest article of 民法典", "一千二百六十", 1260),
        ("thousand zero ten", "一千零一十", 1010),
        ("两 for two", "两百", 200),
        ("〇 as zero", "一百〇五", 105),
        ("Arabic digits", "51", 51),
        ("full-width digits", "２６６", 266),
    ],
)
def test_chinese_to_int(_case: str, text: str, expected: int) -> None:
    assert chinese_to_int(text) == expected


@pytest.mark.parametrize(
    ("_case", "text"),
    [
        ("empty", ""),
        ("two digits in a row", "一二"),
        ("units out of order", "十百"),
        ("unit repeated", "十十"),
        ("zero", "零"),
        ("not a numeral", "第五"),
        ("trailing digit without unit after hundreds", "一百二十三四"),
        ("too large", "一万"),
        ("Arabic zero", "0"),
    ],
)
def test_chinese_to_int_rejects(_case: str, text: str) -> None:
    with pytest.raises(ValueError):
        chinese_to_int(text)


@pytest.mark.parametrize(
    ("number", "expected"),
    [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (51, "五十一"), (100, "一百"), (101, "一百零一"),
     (110, "一百一十"), (266, "二百六十六"), (306, "三百零六"), (1010, "一千零一十"), (1260, "一千二百六十")],
)  # fmt: skip
def test_int_to_chinese(number: int, expected: str) -> None:
    assert int_to_chinese(number) == expected


@given(st.integers(min_value=1, max_value=999))
def test_numeral_round_trip(number: int) -> None:
    assert chinese_to_int(int_to_chinese(number)) == number


@given(st.integers(min_value=1, max_value=9999))
def test_numeral_round_trip_up_to_9999(number: int) -> None:
    assert chinese_to_int(int_to_chinese(number)) == number


@pytest.mark.parametrize("number", [0, -1, 10000])
def test_int_to_chinese_out_of_range(number: int) -> None:
    with pytest.raises(ValueError):
        int_to_chinese(number)


def test_article_labels() -> None:
    assert article_number_zh(51) == "第五十一条"
    assert article_number_zh(20, 1) == "第二十条之一"
    assert format_citation(title="中华人民共和国行政处罚法", number=51) == "《中华人民共和国行政处罚法》第五十一条"
    assert format_citation(title="示范法", number=4, suffix=1, paragraph=2) == "《示范法》第四条之一第二款"


# --- citations --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("_case", "text", "expected"),
    [
        ("full title", "《中华人民共和国行政处罚法》第五十一条", Citation("中华人民共和国行政处罚法", 51)),
        ("short title", "《行政处罚法》第五十一条", Citation("行政处罚法", 51)),
        ("no brackets", "行政处罚法第五十一条", Citation("行政处罚法", 51)),
        ("Arabic number", "《行政处罚法》第51条", Citation("行政处罚法", 51)),
        ("sub-article", "《示范执法法》第四条之一", Citation("示范执法法", 4, suffix=1)),
        ("paragraph", "《行政处罚法》第五十八条第二款", Citation("行政处罚法", 58, paragraph=2)),
        ("paragraph and item", "《行政处罚法》第九条第一款第二项", Citation("行政处罚法", 9, paragraph=1, item=2)),
        ("version note ignored", "《行政处罚法》（2021年修订）第五十一条", Citation("行政处罚法", 51)),
        ("spaces tolerated", " 《行政处罚法》 第五十一条 ", Citation("行政处罚法", 51)),
        ("title with inner book marks", "《最高人民法院关于适用〈行政诉讼法〉的解释》第一条",
         Citation("最高人民法院关于适用〈行政诉讼法〉的解释", 1)),
    ],
)  # fmt: skip
def test_parse_citation(_case: str, text: str, expected: Citation) -> None:
    assert parse_citation(text) == expected


@pytest.mark.parametrize(
    "text", ["", "行政处罚法", "《行政处罚法》", "第五十一条", "《行政处罚法》第五十一", "《行政处罚法》第一二条"]
)
def test_parse_citation_rejects(text: str) -> None:
    with pytest.raises(DomainError) as caught:
        parse_citation(text)
    assert caught.value.code == "legal_citation_invalid"


def test_title_lookup_keys_cover_the_prefix() -> None:
    assert title_lookup_keys("行政处罚法") == ("行政处罚法", "中华人民共和国行政处罚法")
    assert title_lookup_keys("中华人民共和国行政处罚法") == ("中华人民共和国行政处罚法", "行政处罚法")


def test_inner_titles_use_angle_marks_in_citations() -> None:
    stored = "最高人民法院关于适用《中华人民共和国示范诉讼法》的解释"
    assert format_citation(title=stored, number=1) == "《最高人民法院关于适用〈中华人民共和国示范诉讼法〉的解释》第一条"
    assert stored in title_lookup_keys("最高人民法院关于适用〈中华人民共和国示范诉讼法〉的解释")
    cited_with_inner_book_marks = "《最高人民法院关于适用《示范诉讼法》的解释》"
    assert "最高人民法院关于适用《示范诉讼法》的解释" in title_lookup_keys(cited_with_inner_book_marks)


# --- paragraphs -------------------------------------------------------------------------------


def test_items_belong_to_the_paragraph_above() -> None:
    text = "有下列情形之一的，应当责令改正：\n（一）甲；\n（二）乙。\n前款规定的情形，应当记录。"
    assert split_paragraphs(text) == [
        "有下列情形之一的，应当责令改正：\n（一）甲；\n（二）乙。",
        "前款规定的情形，应当记录。",
    ]


# --- file names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "title", "when"),
    [
        ("行政处罚法(2021-01-22).md", "行政处罚法", date(2021, 1, 22)),
        ("laws/行政处罚法（2021-01-22）.txt", "行政处罚法", date(2021, 1, 22)),
        ("行政处罚法_2021.1.22.md", "行政处罚法", date(2021, 1, 22)),
        ("公安机关办理行政案件程序规定.md", "公安机关办理行政案件程序规定", None),
        ("坏日期(2021-02-30).md", "坏日期", None),
    ],
)
def test_filename_title_and_date(filename: str, title: str, when: date | None) -> None:
    assert filename_title_and_date(filename) == (title, when)


# --- whole files ------------------------------------------------------------------------------


def test_markdown_fixture_articles_chapters_and_sub_article() -> None:
    law = parse_law_text(fixture_text(LAW_2020), filename=LAW_2020)

    assert law.title == "中华人民共和国示范执法法"
    assert law.short_title == "示范执法法"
    assert law.level == LegalLevel.LAW
    assert [a.number_zh for a in law.articles] == [
        "第一条", "第二条", "第三条", "第四条", "第四条之一", "第五条", "第六条", "第七条",
    ]  # fmt: skip
    sub = law.articles[4]
    assert (sub.number, sub.suffix) == (4, 1)
    assert (sub.chapter, sub.section) == ("第二章 示范检查", "第一节 一般规定")
    assert law.articles[5].section == "第二节 简易程序"
    assert law.articles[-1].chapter == "第三章 附则"
    assert law.articles[-1].section == ""


def test_markdown_fixture_paragraphs_and_references() -> None:
    law = parse_law_text(fixture_text(LAW_2020), filename=LAW_2020)
    by_label = {a.number_zh: a for a in law.articles}

    assert by_label["第二条"].paragraph_count == 2
    assert by_label["第四条"].paragraph_count == 1  # three items, one paragraph
    assert by_label["第四条"].text.count("\n") == 3
    # "第五条规定的罚款……" opens a paragraph of 第六条; it cites 第五条, it does not start it again.
    assert by_label["第六条"].paragraph_count == 2
    assert by_label["第六条"].text.endswith("第五条规定的罚款，执法人员应当当场出具收据。")


def test_markdown_fixture_dates_and_metadata() -> None:
    law = parse_law_text(fixture_text(LAW_2023), filename=LAW_2023)

    assert law.promulgated_on == date(2023, 1, 10)  # from the file name
    assert law.revision_kind == "修订"
    assert law.effective_from == date(2023, 3, 1)  # from 第七条 "本法自2023年3月1日起施行"
    assert law.issuer == "示范人民代表大会常务委员会"
    assert "第九次会议修订" in law.preamble
    assert "<!--" not in law.preamble


def test_plain_text_fixture_with_explicit_metadata() -> None:
    law = parse_law_text(fixture_text(RULE_TXT), filename=RULE_TXT)

    assert law.title == "示范档案管理办法"  # first line of a plain-text file
    assert law.level == LegalLevel.DEPARTMENTAL_RULE
    assert law.document_number == "示范部令第3号"
    assert law.promulgated_on == date(2019, 2, 1)
    assert law.effective_from == date(2019, 5, 1)
    assert [a.number_zh for a in law.articles] == ["第一条", "第二条", "第三条"]
    assert law.articles[1].paragraph_count == 2  # full-width indented lines are paragraphs


def test_file_without_articles_names_the_file() -> None:
    with pytest.raises(DomainError) as caught:
        parse_law_text(fixture_text(NO_ARTICLES), filename=NO_ARTICLES)
    assert caught.value.code == "legal_text_no_articles"
    assert NO_ARTICLES in caught.value.message


def test_repeated_article_number_is_an_error() -> None:
    text = "# 示范规定\n第一条 甲。\n第二条 乙。\n第二条 丙。\n"
    with pytest.raises(DomainError) as caught:
        parse_law_text(text, filename="x.md")
    assert caught.value.code == "legal_article_out_of_order"
    assert "第4行" in caught.value.message


def test_gap_in_numbering_is_only_a_warning() -> None:
    law = parse_law_text("# 示范规定\n第一条 甲。\n第五条 乙。\n", filename="x.md")
    assert [a.number for a in law.articles] == [1, 5]
    assert law.warnings == ("第3行：第二条至第四条缺失",)


@pytest.mark.parametrize(
    ("_case", "line"),
    [
        ("bold label", "**第一条** 为了示范，制定本规定。"),
        ("list marker", "- 第一条 为了示范，制定本规定。"),
        ("heading marker", "#### 第一条 为了示范，制定本规定。"),
        ("ideographic space", "　　第一条　为了示范，制定本规定。"),
        ("no space at all", "第一条为了示范，制定本规定。"),
        ("Arabic number", "第1条 为了示范，制定本规定。"),
    ],
)
def test_tolerated_article_markup(_case: str, line: str) -> None:
    law = parse_law_text(f"# 示范规定\n\n{line}\n\n第二条 本规定自2020年1月1日起施行。\n", filename="x.md")
    assert [a.number for a in law.articles] == [1, 2]
    assert law.articles[0].text == "为了示范，制定本规定。"


def test_title_falls_back_to_file_name() -> None:
    law = parse_law_text("第一条 为了示范，制定本规定。\n", filename="示范规定(2020-01-01).txt")
    assert law.title == "示范规定"
    assert law.effective_from == date(2020, 1, 1)  # nothing better than the date in the file name


def test_title_argument_wins_and_loses_version_note() -> None:
    law = parse_law_text("# 甲\n第一条 为了示范。\n", filename="x.md", title="《示范规定（2020年修订）》")
    assert law.title == "示范规定"


def test_effective_date_from_preamble_line() -> None:
    text = "# 示范条例\n2019年4月3日 示范令第1号公布\n2019年5月15日 施行\n第一条 为了示范。\n"
    law = parse_law_text(text, filename="x.md")
    assert (law.promulgated_on, law.effective_from) == (date(2019, 4, 3), date(2019, 5, 15))
    assert law.document_number == "示范令第1号"


def test_old_commencement_article_does_not_date_a_revision() -> None:
    # An amended text keeps the original "本法自2004年7月1日起施行": the revision applies from its own date.
    law = parse_law_text("# 示范法\n第一条 本法自2004年7月1日起施行。\n", filename="示范法(2019-04-23).md")
    assert law.effective_from == date(2019, 4, 23)


def test_multiline_html_comment_is_skipped() -> None:
    law = parse_law_text("# 示范规定\n<!--\n第九条 注释里的内容。\n-->\n第一条 为了示范。\n", filename="x.md")
    assert [a.number for a in law.articles] == [1]


def test_unnumbered_markdown_heading_groups_articles() -> None:
    law = parse_law_text("# 示范解释\n## 一、受案范围\n第一条 甲。\n## 二、管辖\n第二条 乙。\n", filename="x.md")
    assert [a.chapter for a in law.articles] == ["一、受案范围", "二、管辖"]


def test_parts_and_sub_parts() -> None:
    text = (
        "# 示范法典\n## 第一编 总 则\n### 第一章 基本规定\n第一条 甲。\n"
        "## 第二编 物权\n### 第一分编 通则\n第二条 乙。\n"
    )
    law = parse_law_text(text, filename="x.md")
    assert [(a.part, a.chapter) for a in law.articles] == [
        ("第一编 总则", "第一章 基本规定"),
        ("第二编 物权 第一分编 通则", ""),
    ]


def test_checksum_ignores_line_endings_bom_and_trailing_blanks() -> None:
    text = "# 示范规定\n第一条 为了示范。\n"
    assert text_checksum(text) == text_checksum("\ufeff# 示范规定  \r\n第一条 为了示范。\r\n\r\n")
    assert text_checksum(text) != text_checksum(text.replace("示范。", "示范工作。"))
    assert parse_law_text(text, filename="x.md").checksum == text_checksum(text)


@pytest.mark.parametrize(
    ("_case", "title", "issuer", "document_number", "expected"),
    [
        ("constitution", "中华人民共和国宪法", "", "", LegalLevel.CONSTITUTION),
        ("national law", "中华人民共和国行政处罚法", "全国人民代表大会", "", LegalLevel.LAW),
        ("State Council regulation", "企业信息公示暂行条例", "国务院", "国务院令第654号",
         LegalLevel.ADMINISTRATIVE_REGULATION),
        ("条例 without metadata", "公平竞争审查条例", "", "", LegalLevel.ADMINISTRATIVE_REGULATION),
        ("ministry rule", "公安机关办理行政案件程序规定", "公安部", "公安部令第149号", LegalLevel.DEPARTMENTAL_RULE),
        ("judicial interpretation", "最高人民法院关于适用《中华人民共和国行政诉讼法》的解释", "", "",
         LegalLevel.JUDICIAL_INTERPRETATION),
        ("local regulation", "天津市优化营商环境条例", "天津市人民代表大会常务委员会", "", LegalLevel.LOCAL_REGULATION),
        ("local government rule", "天津市行政执法监督规定", "天津市人民政府", "天津市人民政府令第1号",
         LegalLevel.LOCAL_GOVERNMENT_RULE),
        ("市场 is not a city", "市场监督管理行政处罚信息公示规定", "", "国家市场监督管理总局令第45号",
         LegalLevel.DEPARTMENTAL_RULE),
        ("unknown", "示范工作指引", "", "", LegalLevel.OTHER),
    ],
)  # fmt: skip
def test_guess_level(_case: str, title: str, issuer: str, document_number: str, expected: str) -> None:
    assert guess_level(title=title, issuer=issuer, document_number=document_number) == expected


def test_explicit_level_line_wins_and_unknown_level_warns() -> None:
    law = parse_law_text("# 示范条例\n效力级别：规范性文件\n第一条 甲。\n", filename="x.md")
    assert law.level == LegalLevel.NORMATIVE_DOCUMENT
    law = parse_law_text("# 示范条例\n效力级别：内部规定\n第一条 甲。\n", filename="x.md")
    assert law.level == LegalLevel.ADMINISTRATIVE_REGULATION
    assert "未知的效力级别" in law.warnings[0]
