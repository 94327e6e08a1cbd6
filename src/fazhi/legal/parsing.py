"""Read law texts and citations: Chinese numerals, 第…条 articles, headings, metadata, 《…》第…条.

Pure: no ORM, no clock, no settings. Everything here works on strings and returns frozen
dataclasses, so the importer can validate a whole batch of files before the first write.

The accepted file format (docs/legal.md has the full description, in Chinese and English):

    # 中华人民共和国行政处罚法                    ← title: the first heading (or first line, or file name)
    2021年1月22日 第十三届…常务委员会第二十五次会议修订   ← dated lines before the first article: metadata
    <!-- INFO END -->                          ← HTML comments are skipped
    ## 第一章 总则                               ← 第X编/分编/章/节 headings, with or without "#"
    第一条 为了规范行政处罚的设定和实施，……        ← an article starts a line with 第…条 (之一 allowed)
    设定和实施行政处罚必须以事实为依据，……          ← every further line is a further line of the article
    （一）……                                   ← item lines (项) belong to the paragraph (款) above
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from pathlib import PurePath

from fazhi.core.errors import DomainError
from fazhi.legal.choices import LegalLevel

# --- Chinese numerals ------------------------------------------------------------------------

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_DIGIT_CHARS = "零一二三四五六七八九"
MAX_ARTICLE_NUMBER = 9999

# A numeral as it appears in 第…条: Chinese (一百二十三), Arabic (123) or full-width Arabic (１２３).
NUMERAL = r"[零〇一二三四五六七八九十百千两0-9０-９]+"
_SUB_NUMERAL = r"[一二三四五六七八九十]+"


def chinese_to_int(text: str) -> int:
    """Return the value of a Chinese or Arabic numeral: 一百二十三 → 123, 十 → 10, ２０ → 20.

    Raises ValueError on anything that is not a well-formed numeral below 10000 (一二, 十百, 百一 …),
    so that a stray character never turns into a wrong article number.
    """
    value = unicodedata.normalize("NFKC", text.strip())
    if re.fullmatch(r"[0-9]+", value):
        number = int(value)
    else:
        number = _parse_chinese(value)
    if not 0 < number <= MAX_ARTICLE_NUMBER:
        raise ValueError(f"numeral out of range: {text!r}")
    return number


def _parse_chinese(value: str) -> int:
    if not value:
        raise ValueError("empty numeral")
    total = 0
    pending: int | None = None  # a digit waiting for its unit
    last_unit = 10_000
    for char in value:
        if char in _DIGITS:
            digit = _DIGITS[char]
            if digit == 0:
                if pending not in (None, 0):
                    raise ValueError(f"misplaced 零 in {value!r}")
                pending = 0
                continue
            if pending not in (None, 0):
                raise ValueError(f"two digits in a row in {value!r}")
            pending = digit
        elif char in _UNITS:
            unit = _UNITS[char]
            if unit >= last_unit:
                raise ValueError(f"units out of order in {value!r}")
            # 十 alone means 一十 (十一 = 11); 零十 is not a numeral.
            if pending == 0:
                raise ValueError(f"零 before a unit in {value!r}")
            total += (pending if pending is not None else 1) * unit
            last_unit = unit
            pending = None
        else:
            raise ValueError(f"not a numeral: {value!r}")
    if pending:
        if last_unit == 1:
            raise ValueError(f"trailing digit in {value!r}")
        total += pending
    return total


def int_to_chinese(number: int) -> str:
    """Write 1–9999 the way statutes number articles: 10 → 十, 110 → 一百一十, 101 → 一百零一."""
    if not 0 < number <= MAX_ARTICLE_NUMBER:
        raise ValueError(f"out of range: {number}")
    parts: list[str] = []
    gap = False
    for unit_value, unit_char in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // unit_value % 10
        if digit == 0:
            gap = bool(parts)
            continue
        if gap:
            parts.append("零")
            gap = False
        parts.append(_DIGIT_CHARS[digit] + unit_char)
    text = "".join(parts)
    # Statutes write 第十条/第十五条, never 第一十条; 一十 survives only inside larger numbers (一百一十).
    return text[1:] if text.startswith("一十") else text


def article_number_zh(number: int, suffix: int = 0) -> str:
    """Return the article label: (51, 0) → 第五十一条; (20, 1) → 第二十条之一."""
    label = f"第{int_to_chinese(number)}条"
    return f"{label}之{int_to_chinese(suffix)}" if suffix else label


def format_citation(*, title: str, number: int, suffix: int = 0, paragraph: int | None = None) -> str:
    """Return the citation as documents write it: 《中华人民共和国行政处罚法》第五十一条（第一款）."""
    # Inside 《》 an inner title is written 〈〉: 《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》.
    inner = title.replace("《", "〈").replace("》", "〉")
    citation = f"《{inner}》{article_number_zh(number, suffix)}"
    return f"{citation}第{int_to_chinese(paragraph)}款" if paragraph else citation


# --- Paragraphs (款) and items (项) -------------------------------------------------------------

_ITEM_RE = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")


def split_paragraphs(text: str) -> list[str]:
    """Split an article's text into its paragraphs (款).

    Each line of the text is a paragraph, except item lines such as （一）……, which are items (项)
    of the paragraph above them: 行政处罚法 第九条 is one paragraph with six items.
    """
    paragraphs: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if _ITEM_RE.match(line) and paragraphs:
            paragraphs[-1] = f"{paragraphs[-1]}\n{line}"
        else:
            paragraphs.append(line)
    return paragraphs


# --- Citations --------------------------------------------------------------------------------

_CITATION_RE = re.compile(
    rf"""^(?:《(?P<bracketed>[^》]+)》|(?P<plain>.+?))
        (?:[（(][^）)]*[)）])?                      # an optional version note: （2021年修订）
        第(?P<number>{NUMERAL})条
        (?:之(?P<suffix>{_SUB_NUMERAL}))?
        (?:第(?P<paragraph>{NUMERAL})款)?
        (?:第(?P<item>{NUMERAL})项)?$""",
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Citation:
    """A parsed reference to one article (and optionally one paragraph and item) of a source."""

    title: str
    number: int
    suffix: int = 0
    paragraph: int | None = None
    item: int | None = None


def parse_citation(text: str) -> Citation:
    """Parse 《中华人民共和国行政处罚法》第五十一条, 行政处罚法第51条, 《…》第二十条之一第二款.

    Raises DomainError(code="legal_citation_invalid") for anything else.
    """
    compact = re.sub(r"\s+", "", _strip_invisible(text))
    match = _CITATION_RE.match(compact)
    if not match:
        raise DomainError(
            f"无法识别的法条引用：“{text.strip()}”。格式应为《法规名称》第X条，如《中华人民共和国行政处罚法》第五十一条。",
            code="legal_citation_invalid",
            fields={"citation": ["格式应为《法规名称》第X条。"]},
        )
    title = (match["bracketed"] or match["plain"] or "").strip()
    try:
        number = chinese_to_int(match["number"])
        suffix = chinese_to_int(match["suffix"]) if match["suffix"] else 0
        paragraph = chinese_to_int(match["paragraph"]) if match["paragraph"] else None
        item = chinese_to_int(match["item"]) if match["item"] else None
    except ValueError as exc:
        raise DomainError(
            f"法条引用中的序号无效：“{text.strip()}”。",
            code="legal_citation_invalid",
            fields={"citation": ["条、款、项的序号无效。"]},
        ) from exc
    if not title:
        raise DomainError(
            "法条引用缺少法规名称。", code="legal_citation_invalid", fields={"citation": ["缺少法规名称。"]}
        )
    return Citation(title=title, number=number, suffix=suffix, paragraph=paragraph, item=item)


def short_title_for(title: str) -> str:
    """Return the usual short title: the title without 中华人民共和国.

    中华人民共和国行政处罚法 → 行政处罚法; 最高人民法院关于适用《中华人民共和国行政诉讼法》的解释 →
    最高人民法院关于适用《行政诉讼法》的解释.
    """
    short = title.replace("中华人民共和国", "")
    return short or title


def title_lookup_keys(title: str) -> tuple[str, ...]:
    """Return the titles a cited name may be stored under: as cited, and with/without 中华人民共和国."""
    name = re.sub(r"\s+", "", title)
    if name.startswith("《") and name.endswith("》"):
        name = name[1:-1]
    # Stored titles use 《》 for inner titles; a citation writes them 〈〉.
    name = name.replace("〈", "《").replace("〉", "》")
    keys = [name, short_title_for(name)]
    if not name.startswith("中华人民共和国"):
        keys.append(f"中华人民共和国{name}")
    return tuple(dict.fromkeys(keys))


# --- Law texts --------------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_SEPARATORS = " \t\u3000\u00a0"
# A line that starts with one of these right after 第…条 cites that article, it does not start it:
# "第三十二条规定的……", "第五条、第六条……", "第十条至第十二条……".
_REFERENCE_CONTINUATIONS = ("规定", "第", "、", "至", "和", "或", "的", "中", "所", "及", "款", "项", "，", "。", "；")
_MARKUP_PREFIX_RE = re.compile(r"^(?:#{1,6}\s*|>\s*|[-*+]\s+|\d{1,3}[.)]\s+)+")
_ARTICLE_RE = re.compile(rf"^第(?P<number>{NUMERAL})条(?:之(?P<suffix>{_SUB_NUMERAL}))?(?P<rest>.*)$")
_HEADING_RE = re.compile(rf"^第(?P<number>{NUMERAL})(?P<kind>分编|编|章|节)(?P<rest>.*)$")
_DATE_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ISO_DATE_RE = re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})")
_FILENAME_DATE_RE = re.compile(r"[\s_（(\[【-]*(\d{4})(?:[-./年])(\d{1,2})(?:[-./月])(\d{1,2})日?[)）\]】]?")
_TITLE_VERSION_NOTE_RE = re.compile(r"[（(][^（()）]*\d{4}[^（()）]*[)）]$")
_EFFECTIVE_ARTICLE_RE = re.compile(r"自(?:(\d{4})年(\d{1,2})月(\d{1,2})日|(公布|发布)之日)起施行")
_ORDER_NUMBER_RE = re.compile(r"([\u4e00-\u9fff]+令第[0-9零〇一二三四五六七八九十百千]+号)")
_BRACKET_NUMBER_RE = re.compile(r"([\u4e00-\u9fff]{1,8}〔\d{4}〕\d+号)")
_META_KEYS = {
    "效力级别": "level",
    "制定机关": "issuer",
    "发布机关": "issuer",
    "文号": "document_number",
    "发文字号": "document_number",
    "公布日期": "promulgated_on",
    "发布日期": "promulgated_on",
    "施行日期": "effective_from",
}
_META_RE = re.compile(rf"^(?P<key>{'|'.join(_META_KEYS)})\s*[:：]\s*(?P<value>.+)$")
_PROVINCES = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西",
    "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古",
    "广西", "西藏", "宁夏", "新疆", "香港", "澳门",
)  # fmt: skip
_LOCAL_TITLE_RE = re.compile(r"^[\u4e00-\u9fff]{2,6}?(?:市(?!场)|自治州|自治县|自治区|省)")
# "天津市第十七届人民代表大会常务委员会第三次会议通过" → 天津市人民代表大会常务委员会 (the term number dropped).
_CONGRESS_RE = re.compile(
    r"([\u4e00-\u9fff]*?)第[一二三四五六七八九十百]+届([\u4e00-\u9fff]*?人民代表大会(?:常务委员会)?)"
)
# "公安部部长办公会议通过", "国家市场监督管理总局局务会议通过": a ministry's rule-making meeting.
_MEETING_RE = re.compile(
    r"([\u4e00-\u9fff]{2,}?(?:部|委员会|总局|局|署|银行))(?:部长|局长|主任|署长|行长)?(?:办公|部务|局务|署务|委务|行务)?会议"
)
MAX_TITLE_LENGTH = 200
MAX_HEADING_LENGTH = 200


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """One article as read from the text; `line` is its 1-based line in the file (for messages)."""

    number: int
    suffix: int
    part: str
    chapter: str
    section: str
    text: str
    line: int

    @property
    def number_zh(self) -> str:
        return article_number_zh(self.number, self.suffix)

    @property
    def paragraph_count(self) -> int:
        return len(split_paragraphs(self.text))


@dataclass(frozen=True, slots=True)
class ParsedLaw:
    """Everything the importer needs from one file; dates are None when the text does not say."""

    title: str
    short_title: str
    level: str
    issuer: str
    document_number: str
    promulgated_on: date | None
    effective_from: date | None
    revision_kind: str  # 修订 / 修正 / 公布 / 通过 / "" — used in the version label
    preamble: str
    articles: tuple[ParsedArticle, ...]
    checksum: str
    filename: str
    warnings: tuple[str, ...] = ()


def normalize_text(text: str) -> str:
    """Return the text in the form whose SHA-256 identifies a version.

    Line endings, a byte-order mark, zero-width characters and trailing blanks do not change a law:
    the same text saved by another editor must re-import as "unchanged", not as a new version.
    """
    text = _strip_invisible(text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def text_checksum(text: str) -> str:
    """SHA-256 (hex) of the normalized text."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def _strip_invisible(text: str) -> str:
    return text.translate(_INVISIBLE)


def _date_or_none(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def filename_title_and_date(filename: str) -> tuple[str, date | None]:
    """Split 行政处罚法(2021-01-22).md into ("行政处罚法", 2021-01-22); the date is the revision date."""
    stem = PurePath(filename.replace("\\", "/")).stem.strip()
    match = _FILENAME_DATE_RE.search(stem)
    if not match:
        return stem, None
    title = (stem[: match.start()] + stem[match.end() :]).strip(" _-")
    return title, _date_or_none(*match.groups())


def _clean_title(raw: str) -> str:
    title = re.sub(r"\s+", "", raw.replace("**", "")).strip("《》")
    title = _TITLE_VERSION_NOTE_RE.sub("", title)
    return title[:MAX_TITLE_LENGTH]


def _looks_like_title(line: str) -> bool:
    return (
        len(line) <= 80
        and not _DATE_RE.search(unicodedata.normalize("NFKC", line))
        and not line.endswith(("。", "；", "：", "，", ":", ";"))
        and not line.startswith(("（", "("))
    )


def _heading_text(number: str, kind: str, rest: str) -> str:
    # "第一章 总 则" and "第一章总则" are the same heading: the spaces only justify the type.
    name = re.sub(r"[\s\u3000]+", "", rest)
    return f"第{number}{kind} {name}".strip()[:MAX_HEADING_LENGTH]


def _article_body(rest: str, *, expected: tuple[int, int] | None, number: int, suffix: int) -> str | None:
    """Return the article's first line without its label, or None when the line only cites an article."""
    rest = rest.replace("**", "", 1) if rest.startswith("**") else rest
    if not rest:
        return ""
    if rest[0] in _SEPARATORS or rest[0] in ":：":
        return rest.lstrip(_SEPARATORS + ":：")
    if rest.startswith(_REFERENCE_CONTINUATIONS):
        return None
    # No separator at all ("第一条为了……"): accept it only where the next article is expected.
    if expected is not None and (number, suffix) not in {(expected[0] + 1, 0), (expected[0], expected[1] + 1)}:
        return None
    return rest


def _unmarked(line: str) -> tuple[str, bool]:
    """Strip Markdown heading/list/quote markers and bold; return (line, was_markdown_heading)."""
    is_heading = line.startswith("#")
    stripped = _MARKUP_PREFIX_RE.sub("", line).strip()
    if stripped.startswith("**"):
        stripped = stripped[2:]
        if stripped.endswith("**"):
            stripped = stripped[:-2]
    return stripped.strip(), is_heading


@dataclass
class _Metadata:
    dated: list[tuple[date, str]]
    explicit: dict[str, str]


def _preamble_metadata(lines: list[str]) -> _Metadata:
    """Collect the dated events (通过/公布/修订/修正/施行) and explicit key：value lines."""
    dated: list[tuple[date, str]] = []
    explicit: dict[str, str] = {}
    for raw in lines:
        line = unicodedata.normalize("NFKC", raw).strip()
        meta = _META_RE.match(line)
        if meta:
            explicit[_META_KEYS[meta["key"]]] = meta["value"].strip()
            continue
        matches = list(_DATE_RE.finditer(line))
        for index, match in enumerate(matches):
            end = matches[index + 1].start() if index + 1 < len(matches) else len(line)
            when = _date_or_none(*match.groups())
            if when:
                dated.append((when, line[match.end() : end]))
    return _Metadata(dated=dated, explicit=explicit)


def _event_kind(segment: str) -> str:
    for kind in ("修订", "修正", "公布", "发布", "通过", "施行"):
        if kind in segment:
            return "公布" if kind == "发布" else kind
    return ""


def _parse_meta_date(value: str) -> date | None:
    match = _DATE_RE.search(value) or _ISO_DATE_RE.search(value)
    return _date_or_none(*match.groups()) if match else None


def _issuer(metadata: _Metadata, title: str) -> str:
    """Guess the 制定机关 from the first dated line (the original enactment)."""
    if metadata.explicit.get("issuer"):
        return metadata.explicit["issuer"][:100]
    # The first dated line is the original enactment: its body is the 制定机关 even after revisions.
    for _when, segment in metadata.dated:
        congress = _CONGRESS_RE.search(segment)
        if congress:
            return (congress.group(1) + congress.group(2))[:100]
        for name in (
            "全国人民代表大会常务委员会",
            "全国人民代表大会",
            "最高人民法院",
            "最高人民检察院",
            "国务院",
            "政务院",
        ):
            if name in segment:
                return name
        order = re.search(r"(?:中华人民共和国)?([\u4e00-\u9fff]+?)令第", segment)
        if order:
            return order.group(1)
        meeting = _MEETING_RE.search(segment)
        if meeting:
            return meeting.group(1)
    for name in ("最高人民法院", "最高人民检察院"):
        if title.startswith(name):
            return name
    return ""


def _document_number(metadata: _Metadata) -> str:
    """Return the latest 令/〔年〕号 number in the dated lines: the one that published this version."""
    if metadata.explicit.get("document_number"):
        return metadata.explicit["document_number"][:100]
    found = ""
    for _when, segment in metadata.dated:
        for pattern in (_ORDER_NUMBER_RE, _BRACKET_NUMBER_RE):
            for match in pattern.finditer(segment):
                found = match.group(1).removeprefix("中华人民共和国")
    return found[:100]


def _level_from_label(label: str) -> str | None:
    # Evaluated per call: the labels are lazy translations, unusable while the app registry loads.
    return {str(level.label): level.value for level in LegalLevel}.get(label)


def guess_level(*, title: str, issuer: str = "", document_number: str = "") -> str:
    """Guess the 效力级别 from the title, the issuer and the 文号; LegalLevel.OTHER when unsure.

    Legal basis: 《中华人民共和国立法法》 assigns each level to its makers (法律: 全国人大及其常委会; 行政法规:
    国务院; 地方性法规: 地方人大及其常委会; 规章: 国务院部门和地方人民政府); 《行政法规制定程序条例》第五条：
    "行政法规的名称一般称'条例'，也可以称'规定'、'办法'等。"
    Interpretation: a guess for the importer only; the importing user can always state the level
    (效力级别：… in the file, or the `level` argument).
    """
    if title in {"中华人民共和国宪法", "宪法"} or title.endswith("宪法修正案"):
        return LegalLevel.CONSTITUTION
    if title.startswith(("最高人民法院", "最高人民检察院")) or issuer in {"最高人民法院", "最高人民检察院"}:
        return LegalLevel.JUDICIAL_INTERPRETATION
    if issuer.startswith("全国人民代表大会") or (title.startswith("中华人民共和国") and title.endswith("法")):
        return LegalLevel.LAW
    if not title.startswith("中华人民共和国") and (title.startswith(_PROVINCES) or _LOCAL_TITLE_RE.match(title)):
        if "人民政府令" in document_number or title.endswith(("规定", "办法", "细则")):
            return LegalLevel.LOCAL_GOVERNMENT_RULE
        return LegalLevel.LOCAL_REGULATION
    if issuer in {"国务院", "政务院"} or document_number.startswith("国务院令"):
        return LegalLevel.ADMINISTRATIVE_REGULATION
    if "令第" in document_number or issuer.endswith(("部", "总局", "委员会", "署", "局", "银行")):
        return LegalLevel.DEPARTMENTAL_RULE
    if title.endswith("条例"):
        return LegalLevel.ADMINISTRATIVE_REGULATION  # only the State Council names national rules 条例
    return LegalLevel.OTHER


def _effective_from(articles: list[ParsedArticle], metadata: _Metadata, promulgated_on: date | None) -> date | None:
    """Return the date this version took effect.

    In order: an explicit 施行日期 line; a dated "…施行" line of the preamble; the "本法自…起施行"
    article. The last two describe the *original* enactment in an amended text (行政许可法 2019
    still says 自2004年7月1日起施行), so a date before the revision date is not this version's: the
    revision date is used instead (amendments usually take effect on promulgation).
    """
    if metadata.explicit.get("effective_from"):
        return _parse_meta_date(metadata.explicit["effective_from"])
    candidates: list[date] = [when for when, segment in metadata.dated if "施行" in segment]
    for article in reversed(articles):
        match = _EFFECTIVE_ARTICLE_RE.search(unicodedata.normalize("NFKC", article.text))
        if match:
            when = _date_or_none(*match.groups()[:3]) if match.group(1) else promulgated_on
            if when:
                candidates.append(when)
            break
    for when in candidates:
        if promulgated_on is None or when >= promulgated_on:
            return when
    return promulgated_on


def parse_law_text(text: str, *, filename: str = "", title: str | None = None) -> ParsedLaw:
    """Parse one law file into its title, metadata and articles.

    Raises DomainError naming the file when no article is found, when an article number repeats or
    goes backwards (the text is garbled or two laws were pasted together), or when the title is empty.
    Gaps in the numbering are only warnings: excerpts are legitimate.
    """
    label = filename or "（未命名文本）"
    normalized = normalize_text(text)
    filename_title, filename_date = filename_title_and_date(filename) if filename else ("", None)

    detected_title = ""
    preamble: list[str] = []
    articles: list[ParsedArticle] = []
    warnings: list[str] = []
    part = chapter = section = ""
    part_root = ""  # the 编 above a 分编
    current: ParsedArticle | None = None  # the open article; its text is filled in by finish()
    current_lines: list[str] = []
    in_comment = False
    last: tuple[int, int] | None = None

    def finish() -> None:
        nonlocal current, current_lines
        if current is not None:
            body = "\n".join(line for line in current_lines if line)
            articles.append(replace(current, text=body))
        current, current_lines = None, []

    for line_number, raw in enumerate(normalized.split("\n"), start=1):
        line = raw.strip(_SEPARATORS)
        if in_comment or line.startswith("<!--"):
            in_comment = "-->" not in line
            continue
        if not line:
            continue
        content, is_md_heading = _unmarked(line)
        if not content:
            continue

        article = _ARTICLE_RE.match(content)
        if article:
            try:
                number = chinese_to_int(article["number"])
                suffix = chinese_to_int(article["suffix"]) if article["suffix"] else 0
            except ValueError:
                number = suffix = -1
            body = None if number < 0 else _article_body(article["rest"], expected=last, number=number, suffix=suffix)
            if body is not None:
                if last is not None and (number, suffix) <= last:
                    raise DomainError(
                        f"文件“{label}”第{line_number}行：{article_number_zh(number, suffix)}"
                        f"与前面的{article_number_zh(*last)}重复或顺序颠倒。",
                        code="legal_article_out_of_order",
                    )
                if last is not None and suffix == 0 and number > last[0] + 1:
                    warnings.append(
                        f"第{line_number}行：{article_number_zh(last[0] + 1)}至{article_number_zh(number - 1)}缺失"
                    )
                finish()
                current = ParsedArticle(
                    number=number, suffix=suffix, part=part, chapter=chapter, section=section, text="", line=line_number
                )
                current_lines = [body.strip()]
                last = (number, suffix)
                continue

        heading = _HEADING_RE.match(content)
        rest = heading["rest"].strip() if heading else ""
        if (
            heading
            and len(rest) <= 60
            and not rest.endswith(("。", "；", "，", "："))
            and not rest.startswith(_REFERENCE_CONTINUATIONS)
        ):
            finish()
            text_ = _heading_text(heading["number"], heading["kind"], rest)
            if heading["kind"] == "编":
                part = part_root = text_
                chapter = section = ""
            elif heading["kind"] == "分编":
                part = f"{part_root} {text_}".strip()
                chapter = section = ""
            elif heading["kind"] == "章":
                chapter, section = text_, ""
            else:
                section = text_
            continue

        if is_md_heading:
            if not detected_title and not articles and current is None and not chapter:
                detected_title = _clean_title(content)
            else:
                # An unnumbered heading (## 一、受案范围, ## 附则) groups the articles like a chapter.
                finish()
                chapter, section = re.sub(r"\s+", " ", content)[:MAX_HEADING_LENGTH], ""
            continue

        if current is not None:
            # Continuation lines keep their own numbering ("1.", "-"): only a quote marker is markup here.
            current_lines.append(
                line.lstrip("> ").replace("**", "") if line.startswith(">") else line.replace("**", "")
            )
            continue
        if not detected_title and not preamble and _looks_like_title(content):
            detected_title = _clean_title(content)
            continue
        preamble.append(content)
    finish()

    if not articles:
        raise DomainError(
            f"文件“{label}”中没有找到条文：条文应在行首以“第…条”开始（如“第一条 为了……”）。",
            code="legal_text_no_articles",
        )
    final_title = _clean_title(title) if title else (detected_title or _clean_title(filename_title))
    if not final_title:
        raise DomainError(f"文件“{label}”没有标题：请在第一行写法规名称。", code="legal_title_missing")

    metadata = _preamble_metadata(preamble)
    promulgated_on = _parse_meta_date(metadata.explicit.get("promulgated_on", "")) or filename_date
    if promulgated_on is None:
        events = [when for when, segment in metadata.dated if _event_kind(segment) not in {"", "施行"}]
        promulgated_on = max(events) if events else None
    revision_kind = next(
        (_event_kind(segment) for when, segment in reversed(metadata.dated) if when == promulgated_on), ""
    )
    issuer = _issuer(metadata, final_title)
    document_number = _document_number(metadata)
    explicit_level = metadata.explicit.get("level", "")
    level = _level_from_label(explicit_level) or guess_level(
        title=final_title, issuer=issuer, document_number=document_number
    )
    if explicit_level and _level_from_label(explicit_level) is None:
        warnings.append(f"未知的效力级别“{explicit_level}”，已按名称推定为“{LegalLevel(level).label}”")
    return ParsedLaw(
        title=final_title,
        short_title=short_title_for(final_title),
        level=level,
        issuer=issuer,
        document_number=document_number,
        promulgated_on=promulgated_on,
        effective_from=_effective_from(articles, metadata, promulgated_on),
        revision_kind=revision_kind if revision_kind != "施行" else "",
        preamble="\n".join(preamble),
        articles=tuple(articles),
        checksum=hashlib.sha256(normalized.encode("utf-8")).hexdigest(),
        filename=PurePath(filename.replace("\\", "/")).name if filename else "",
        warnings=tuple(warnings),
    )
