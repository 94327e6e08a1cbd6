"""OfficialDocument: build a .docx laid out per GB/T 9704-2012 《党政机关公文格式》.

Two header styles:

* the plain 执法文书 style (default): the issuing authority's name and the document title in 小标宋,
  the 文号 flush right under them — the layout of 行政处罚决定书, 立案审批表, 送达回证 and the like;
* the red-header 公文 style (``red_header=True``): 发文机关标志 in red 小标宋 35 mm below the top of the
  版心, the 发文字号 centred two lines below it, a red 分隔线 4 mm under the 文号, then the title.

The builder records blocks; :meth:`OfficialDocument.render_to_bytes` lays them out on a fresh
python-docx document each time, so rendering twice gives the same document.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Self

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from fazhi.core.documents import layout, ooxml
from fazhi.core.documents.chinese import format_date, heading_label, text_width_in_chars
from fazhi.core.documents.fonts import DEFAULT_FONTS, FontFace, FontSet
from fazhi.core.documents.seal import SEAL_DIAMETER_MM, seal_placeholder_png
from fazhi.core.errors import DomainError

TABLE_LINE = Pt(22)  # exact line height of 四号 text in tables and forms


@dataclass(frozen=True)
class Field:
    """One label–value pair of a form (立案审批表, 送达回证 …).

    ``wide`` fields take a whole row (案情摘要, 审批意见); ``min_height_mm`` leaves room to write by hand.
    A value may hold several lines separated by ``\\n``.
    """

    label: str
    value: str = ""
    wide: bool = False
    min_height_mm: float | None = None


@dataclass(frozen=True)
class _Imprint:
    printed_by: str
    printed_on: date
    copies_to: tuple[str, ...]


class OfficialDocument:
    """An official document (文书, 公文, bulletin or report) built block by block.

    Example::

        document = OfficialDocument(issuer="某某区市场监督管理局", title="行政处罚决定书",
                                    doc_number="某市监罚〔2026〕12号")
        document.add_recipient("某某商贸有限公司")
        document.add_heading("违法事实")
        document.add_paragraph("经查，当事人……")
        document.add_signature(signed_on=date(2026, 11, 23), seal_placeholder=True)
        docx_bytes = document.render_to_bytes()
    """

    def __init__(
        self,
        *,
        issuer: str,
        title: str,
        doc_number: str | None = None,
        red_header: bool = False,
        header_text: str | None = None,
        fonts: FontSet = DEFAULT_FONTS,
    ) -> None:
        """Start a document.

        ``issuer`` is the 发文机关 (used for the header and, by default, the signature). ``header_text``
        is the red-header 发文机关标志, by default ``issuer + "文件"``; it is ignored without ``red_header``.
        """
        if not issuer.strip():
            raise DomainError("发文机关不能为空。", code="document_issuer_missing")
        if not title.strip():
            raise DomainError("文书标题不能为空。", code="document_title_missing")
        self.issuer = issuer.strip()
        self.title = title.strip()
        self.doc_number = doc_number.strip() if doc_number else None
        self.red_header = red_header
        self.header_text = (header_text or f"{self.issuer}文件").strip()
        self.fonts = fonts
        self._blocks: list[Callable[[_Renderer], None]] = []
        self._heading_counters = [0, 0, 0, 0]
        self._signed = False
        self._imprint: _Imprint | None = None

    # -- content ---------------------------------------------------------------------------------

    def add_recipient(self, text: str) -> Self:
        """Add the 主送 line, flush left, ending in a full-width colon (GB/T 9704 §7.3.2)."""
        text = text.strip().rstrip(":：")
        if not text:
            raise DomainError("主送机关不能为空。", code="document_recipient_missing")
        self._blocks.append(partial(_Renderer.recipient, text=f"{text}："))
        return self

    def add_heading(self, text: str, *, level: int = 1, numbered: bool = True, body: str | None = None) -> Self:
        """Add a heading: level 1 一、 in 黑体, 2 （一） in 楷体, 3 1. in bold 仿宋, 4 （1） in 仿宋.

        Numbering runs on by itself and restarts below a higher level (GB/T 9704 §7.3.3). ``body``
        continues the same paragraph in 仿宋, for run-in headings such as "（一）加强领导。各单位……".
        """
        label = heading_label(level, 1)  # validates the level before any counter moves
        if numbered:
            self._heading_counters[level - 1] += 1
            for deeper in range(level, 4):
                self._heading_counters[deeper] = 0
            label = heading_label(level, self._heading_counters[level - 1])
        self._blocks.append(
            partial(_Renderer.heading, label=label if numbered else "", text=text.strip(), level=level, body=body)
        )
        return self

    def add_paragraph(self, text: str) -> Self:
        """Add body text: 三号仿宋, first line indented two characters. Each ``\\n`` starts a paragraph."""
        for line in text.strip().splitlines():
            if line.strip():
                self._blocks.append(partial(_Renderer.body, text=line.strip()))
        return self

    def add_table(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], *, column_widths_mm: Sequence[float] | None = None
    ) -> Self:
        """Add a bordered table: the header row in 黑体 (repeated on each page), cells in 四号仿宋."""
        if not header:
            raise DomainError("表格至少要有一列。", code="document_table_invalid")
        for number, row in enumerate(rows, start=1):
            if len(row) != len(header):
                raise DomainError(
                    f"表格第 {number} 行有 {len(row)} 列，表头有 {len(header)} 列。", code="document_table_invalid"
                )
        widths = _column_widths(len(header), column_widths_mm)
        self._blocks.append(
            partial(_Renderer.table, header=tuple(header), rows=tuple(tuple(row) for row in rows), widths=widths)
        )
        return self

    def add_fields(self, fields: Sequence[Field], *, pairs_per_row: int = 2, label_width_mm: float = 30) -> Self:
        """Add a form: a bordered table of label–value pairs, ``pairs_per_row`` pairs on a row."""
        if not fields:
            raise DomainError("表单至少要有一个栏目。", code="document_fields_invalid")
        if pairs_per_row < 1 or pairs_per_row * label_width_mm >= layout.TEXT_WIDTH.mm - 20:
            raise DomainError("表单每行栏目数或栏目名宽度过大，版心放不下。", code="document_fields_invalid")
        self._blocks.append(
            partial(_Renderer.fields, fields=tuple(fields), pairs=pairs_per_row, label_width=Mm(label_width_mm))
        )
        return self

    def add_attachments(self, names: Sequence[str]) -> Self:
        """Add the 附件说明 one line below the body: "附件：1. ……" (GB/T 9704 §7.3.4)."""
        cleaned = [name.strip().rstrip("。.，,；;") for name in names if name.strip()]
        if not cleaned:
            raise DomainError("附件名称不能为空。", code="document_attachments_missing")
        self._blocks.append(partial(_Renderer.attachments, names=tuple(cleaned)))
        return self

    def add_signature(
        self, *, signed_on: date, issuer: str | None = None, sealed: bool = True, seal_placeholder: bool = False
    ) -> Self:
        """Add the 发文机关署名 and 成文日期 (GB/T 9704 §7.3.5).

        ``sealed`` documents (the usual case) put the date four characters from the right and centre
        the issuer over it, leaving two lines for the seal; unsealed ones put the issuer two characters
        from the right, one line below the body, and the date under it two characters further right.
        ``seal_placeholder`` draws a red dashed ring where the seal goes.
        """
        if self._signed:
            raise DomainError("文书只能有一处署名。", code="document_signature_duplicate")
        if seal_placeholder and not sealed:
            raise DomainError("不加盖印章的文书不能放置印章占位。", code="document_seal_conflict")
        self._signed = True
        self._blocks.append(
            partial(
                _Renderer.signature,
                issuer=(issuer or self.issuer).strip(),
                date_text=format_date(signed_on),
                sealed=sealed,
                seal_placeholder=seal_placeholder,
            )
        )
        return self

    def add_note(self, text: str) -> Self:
        """Add a 附注, e.g. "此件公开发布": two characters in, in round brackets (GB/T 9704 §7.3.6)."""
        text = text.strip().removeprefix("（").removesuffix("）")
        if not text:
            raise DomainError("附注不能为空。", code="document_note_missing")
        self._blocks.append(partial(_Renderer.note, text=f"（{text}）"))
        return self

    def set_imprint(self, *, printed_by: str, printed_on: date, copies_to: Sequence[str] = ()) -> Self:
        """Set the 版记 at the foot of the last page: 抄送 and 印发机关和印发日期 (GB/T 9704 §7.4)."""
        if not printed_by.strip():
            raise DomainError("印发机关不能为空。", code="document_imprint_invalid")
        self._imprint = _Imprint(
            printed_by=printed_by.strip(),
            printed_on=printed_on,
            copies_to=tuple(name.strip() for name in copies_to if name.strip()),
        )
        return self

    # -- output ----------------------------------------------------------------------------------

    def render_to_bytes(self) -> bytes:
        """Lay the document out and return the .docx file's bytes."""
        renderer = _Renderer(self.fonts)
        renderer.header(self)
        for block in self._blocks:
            block(renderer)
        if self._imprint is not None:
            renderer.imprint(self._imprint)
        renderer.end_without_blank_page()
        renderer.set_properties(title=self.title, author=self.issuer, subject=self.doc_number or "")
        buffer = io.BytesIO()
        renderer.document.save(buffer)
        return buffer.getvalue()

    def save(self, path: str | Path) -> Path:
        """Write the .docx to ``path`` and return it."""
        path = Path(path)
        path.write_bytes(self.render_to_bytes())
        return path


def _column_widths(count: int, widths_mm: Sequence[float] | None) -> tuple[Length, ...]:
    if widths_mm is None:
        return tuple(Emu(layout.TEXT_WIDTH // count) for _ in range(count))
    if len(widths_mm) != count:
        raise DomainError(f"给出了 {len(widths_mm)} 个列宽，表格有 {count} 列。", code="document_table_invalid")
    if any(width <= 0 for width in widths_mm) or sum(widths_mm) > layout.TEXT_WIDTH.mm + 0.5:
        raise DomainError(
            f"列宽之和 {sum(widths_mm):g} mm 超过版心宽度 {layout.TEXT_WIDTH.mm:g} mm。", code="document_table_invalid"
        )
    return tuple(Mm(width) for width in widths_mm)


class _Renderer:
    """Lays blocks out on one python-docx document. One instance per render."""

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        self.document = docx.Document()
        self._setup_page()
        self._setup_defaults()
        self._setup_page_numbers()
        ooxml.set_font_table(ooxml.font_table_part(self.document.part), fonts.faces())

    # -- page and defaults -----------------------------------------------------------------------

    def _setup_page(self) -> None:
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = layout.PAGE_WIDTH, layout.PAGE_HEIGHT
        section.top_margin, section.bottom_margin = layout.MARGIN_TOP, layout.MARGIN_BOTTOM
        section.left_margin, section.right_margin = layout.MARGIN_LEFT, layout.MARGIN_RIGHT
        section.header_distance, section.footer_distance = layout.HEADER_DISTANCE, layout.FOOTER_DISTANCE
        section.gutter = Emu(0)
        ooxml.set_doc_grid(section._sectPr, line_pitch=layout.LINE_PITCH)

    def _setup_defaults(self) -> None:
        """Make 三号仿宋, Chinese, 28 characters a line and exact 28.95 pt lines the document default."""
        styles = self.document.styles.element
        rpr_default = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        ooxml.set_rfonts(rpr_default, self.fonts.body)
        for tag in ("w:sz", "w:szCs"):
            rpr_default.find(qn(tag)).set(qn("w:val"), str(int(layout.SIZE_BODY.pt * 2)))
        ooxml.set_character_spacing(rpr_default, layout.CHARACTER_SPACING)
        lang = rpr_default.find(qn("w:lang"))
        lang.set(qn("w:val"), "zh-CN")
        lang.set(qn("w:eastAsia"), "zh-CN")
        spacing = styles.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
        spacing.attrib.clear()
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), str(Emu(layout.LINE_PITCH).twips))
        spacing.set(qn("w:lineRule"), "exact")
        normal = self.document.styles["Normal"]
        ooxml.set_rfonts(normal.element.get_or_add_rPr(), self.fonts.body)
        normal.font.size = layout.SIZE_BODY

    def _setup_page_numbers(self) -> None:
        """Put "— 1 —" in 四号宋体 at the foot: odd pages one character in from the right, even pages
        one character in from the left (GB/T 9704 §7.5: 单页码居右空一字，双页码居左空一字)."""
        self.document.settings.odd_and_even_pages_header_footer = True
        section = self.document.sections[0]
        for footer, align in (
            (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
            (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
        ):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            ooxml.set_paragraph_layout(
                paragraph,
                line=layout.SIZE_PAGE_NUMBER,
                align=align,
                char_width=layout.SIZE_PAGE_NUMBER,
                right_chars=1 if align == WD_ALIGN_PARAGRAPH.RIGHT else 0,
                left_chars=1 if align == WD_ALIGN_PARAGRAPH.LEFT else 0,
                char_units=False,
            )
            face, size = self.fonts.page_number, layout.SIZE_PAGE_NUMBER
            ooxml.add_run(paragraph, "— ", face, size)
            ooxml.add_page_field(paragraph, face, size)
            ooxml.add_run(paragraph, " —", face, size)

    def set_properties(self, *, title: str, author: str, subject: str) -> None:
        properties = self.document.core_properties
        properties.title, properties.author, properties.subject = title, author, subject
        properties.language = "zh-CN"
        properties.revision = 1

    # -- primitives ------------------------------------------------------------------------------

    def paragraph(
        self,
        *,
        align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
        first_line_chars: float = 0,
        left_chars: float = 0,
        right_chars: float = 0,
        line: Length = layout.LINE_PITCH,
        space_before: Length | None = None,
    ) -> Paragraph:
        paragraph = self.document.add_paragraph()
        ooxml.set_paragraph_layout(
            paragraph,
            line=line,
            align=align,
            char_width=layout.CHAR_PITCH,
            first_line_chars=first_line_chars,
            left_chars=left_chars,
            right_chars=right_chars,
            space_before=space_before,
        )
        return paragraph

    def blank_lines(self, count: int) -> None:
        for _ in range(count):
            self.paragraph()

    def end_without_blank_page(self) -> None:
        """Turn a document's closing blank line into a 1 pt hairline.

        A form ends with its table and the blank line after it. When the table reaches the foot of
        a page, that full-height line alone starts a new page: a blank last page in the printed
        file. The paragraph itself stays (a body may not end with a table); only its height goes.
        """
        body = self.document.element.body
        blocks = [element for element in body if element.tag != qn("w:sectPr")]
        if not blocks or blocks[-1].tag != qn("w:p") or "".join(blocks[-1].itertext()).strip():
            return
        ooxml.set_paragraph_layout(Paragraph(blocks[-1], self.document._body), line=Pt(1), char_width=layout.SIZE_BODY)

    def text(self, paragraph: Paragraph, text: str, face: FontFace | None = None, *, bold: bool = False) -> None:
        ooxml.add_run(paragraph, text, face or self.fonts.body, layout.SIZE_BODY, bold=bold)

    # -- blocks ----------------------------------------------------------------------------------

    def header(self, document: OfficialDocument) -> None:
        """Lay out the 版头 and the title."""
        title_face = self.fonts.title
        if document.red_header:
            width = text_width_in_chars(document.header_text)
            # Shrink long names in half points until they fit one line of the 版心.
            size = min(layout.SIZE_RED_HEADER_MAX.pt, int(layout.TEXT_WIDTH.pt / width * 2) / 2)
            mark = self.paragraph(
                align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(size * 1.25), space_before=layout.RED_HEADER_OFFSET
            )
            ooxml.add_run(mark, document.header_text, title_face, Pt(size), color=layout.RED)
            self.blank_lines(2)
            number = self.paragraph(align=WD_ALIGN_PARAGRAPH.CENTER)
            if document.doc_number:
                self.text(number, document.doc_number)
            ooxml.set_bottom_border(
                number, color=layout.RED_HEX, eighths_of_point=layout.RED_RULE_EIGHTHS, space_pt=layout.RED_RULE_GAP_PT
            )
            self.blank_lines(2)
        else:
            issuer = self.paragraph(align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(36))
            ooxml.add_run(issuer, document.issuer, title_face, layout.SIZE_TITLE)
        title = self.paragraph(align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(36))
        run = ooxml.add_run(title, "", title_face, layout.SIZE_TITLE)
        for index, line in enumerate(document.title.splitlines()):
            if index:
                run.add_break()  # a long title breaks where the caller put "\n" (§7.3.1 梯形或菱形)
            run.add_text(line.strip())
        if not document.red_header and document.doc_number:
            number = self.paragraph(align=WD_ALIGN_PARAGRAPH.RIGHT)
            self.text(number, document.doc_number)
        self.blank_lines(1)

    def recipient(self, *, text: str) -> None:
        self.text(self.paragraph(), text)

    def heading(self, *, label: str, text: str, level: int, body: str | None) -> None:
        paragraph = self.paragraph(first_line_chars=2)
        face = {1: self.fonts.heading1, 2: self.fonts.heading2}.get(level, self.fonts.body)
        self.text(paragraph, f"{label}{text}", face, bold=level == 3)
        if body:
            self.text(paragraph, body.strip())

    def body(self, *, text: str) -> None:
        self.text(self.paragraph(first_line_chars=2), text)

    def table(self, *, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...], widths: tuple[Length, ...]) -> None:
        table = self._new_table(rows=len(rows) + 1, widths=widths)
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            self._cell_text(cell, text, self.fonts.heading1, align=WD_ALIGN_PARAGRAPH.CENTER)
        ooxml.mark_header_row(table)
        for row, values in zip(table.rows[1:], rows, strict=True):
            for cell, text in zip(row.cells, values, strict=True):
                self._cell_text(cell, text, self.fonts.body, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        ooxml.keep_rows_whole(table)
        self.blank_lines(1)  # also keeps a following table apart: Word merges adjacent tables

    def fields(self, *, fields: tuple[Field, ...], pairs: int, label_width: Length) -> None:
        value_width = Emu((layout.TEXT_WIDTH - label_width * pairs) // pairs)
        widths = (label_width, value_width) * pairs
        layout_rows: list[list[Field]] = []
        for field in fields:
            if field.wide or not layout_rows or len(layout_rows[-1]) >= pairs or layout_rows[-1][0].wide:
                layout_rows.append([field])
            else:
                layout_rows[-1].append(field)
        table = self._new_table(rows=len(layout_rows), widths=widths)
        for row, row_fields in zip(table.rows, layout_rows, strict=True):
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            row.height = Mm(max((f.min_height_mm or 10) for f in row_fields))
            cells = row.cells
            for index, field in enumerate(row_fields):
                label_cell, value_cell = cells[2 * index], cells[2 * index + 1]
                if index == len(row_fields) - 1 and 2 * index + 1 < len(cells) - 1:
                    value_cell = value_cell.merge(cells[-1])  # the last pair takes the rest of the row
                self._cell_text(label_cell, field.label, self.fonts.body, align=WD_ALIGN_PARAGRAPH.CENTER)
                self._cell_text(value_cell, field.value, self.fonts.body, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        ooxml.keep_rows_whole(table)
        self.blank_lines(1)

    def attachments(self, *, names: tuple[str, ...]) -> None:
        self.blank_lines(1)
        numbered = len(names) > 1
        for index, name in enumerate(names, start=1):
            text = f"{index}. {name}" if numbered else name
            if index == 1:
                # "附件：" starts two characters in; wrapped lines align with the first name.
                paragraph = self.paragraph(left_chars=5, first_line_chars=-3)
                self.text(paragraph, f"附件：{text}")
            else:
                self.text(self.paragraph(left_chars=5), text)

    def signature(self, *, issuer: str, date_text: str, sealed: bool, seal_placeholder: bool) -> None:
        issuer_width, date_width = text_width_in_chars(issuer), text_width_in_chars(date_text)
        if sealed:
            # §7.3.5.1 成文日期一般右空四字编排……以成文日期为准居中编排发文机关署名.
            date_right = 4.0
            issuer_right = max(0.0, date_right + (date_width - issuer_width) / 2)
            self.blank_lines(2)
        elif issuer_width - 2 >= date_width:
            # §7.3.5.2 署名右空二字; 成文日期首字比署名首字右移二字.
            issuer_right = 2.0
            date_right = issuer_right + issuer_width - 2 - date_width
            self.blank_lines(1)
        else:
            # 成文日期长于发文机关署名: the date stays two characters in and the issuer moves left.
            date_right = 2.0
            issuer_right = date_right + date_width + 2 - issuer_width
            self.blank_lines(1)
        issuer_paragraph = self.paragraph(align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=issuer_right)
        issuer_paragraph.paragraph_format.keep_with_next = True  # never the issuer on one page, the date on the next
        self.text(issuer_paragraph, issuer)
        self.text(self.paragraph(align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=date_right), date_text)
        if seal_placeholder:
            self._seal(issuer_paragraph, centre_from_right=layout.CHAR_PITCH * (date_right + date_width / 2))

    def _seal(self, paragraph: Paragraph, *, centre_from_right: float) -> None:
        """Float the 印章 placeholder over the signature: centred on the date, the issuer and date
        lines a little below its centre, its top within a line of the body (§7.3.5.1)."""
        diameter = Mm(SEAL_DIAMETER_MM)
        run = paragraph.add_run()
        run.add_picture(io.BytesIO(seal_placeholder_png()), width=diameter, height=diameter)
        run._r.getparent().remove(run._r)
        paragraph._p.insert(1, run._r)  # first after w:pPr, so the seal is anchored to this line
        x = Emu(int(layout.TEXT_WIDTH - centre_from_right - diameter / 2))
        y = Emu(int(layout.LINE_PITCH - Mm(3) - diameter / 2))
        ooxml.float_picture(run, x=x, y=y, behind_text=True)
        docpr = run._r.find(f".//{qn('wp:docPr')}")
        docpr.set("name", "印章占位")
        docpr.set("descr", "印章位置（占位）")

    def note(self, *, text: str) -> None:
        self.text(self.paragraph(left_chars=2), text)

    def imprint(self, imprint: _Imprint) -> None:
        """Place the 版记 on the last lines of the last page: thick rules above and below, thin between.

        GB/T 9704 §7.4: 版记中的分隔线与版心等宽，首条分隔线和末条分隔线用粗线，中间的分隔线用细线.
        Each line is a frame stacked up from the bottom of the 版心; the 抄送 frame is as many lines high
        as its text needs at 四号 (an estimate: a wrong guess leaves a gap, it never overlaps).
        """
        size, face = layout.SIZE_IMPRINT, self.fonts.body
        # (text, hanging characters, left characters, whether the date goes flush right)
        lines: list[tuple[str, int, int]] = []
        if imprint.copies_to:
            # §7.4.2 抄送: 左右各空一字……回行时与冒号后的首字对齐，最后一个抄送机关名称后标句号.
            lines.append((f"抄送：{'，'.join(imprint.copies_to)}。", 3, 4))
        # §7.4.3 印发机关左空一字，印发日期右空一字，用阿拉伯数字，后加"印发"二字.
        lines.append((f"{imprint.printed_by}\t{format_date(imprint.printed_on)}印发", 0, 1))
        per_line = int((layout.TEXT_WIDTH.pt - 2 * size.pt) / size.pt)
        heights = [
            Emu(layout.LINE_PITCH * math.ceil(text_width_in_chars(text) / per_line) + Pt(2)) for text, _, _ in lines
        ]
        top = layout.TEXT_HEIGHT - sum(heights)
        for index, ((text, hanging, left), height) in enumerate(zip(lines, heights, strict=True)):
            if index:
                # An unframed hairline paragraph between the frames: LibreOffice would merge adjacent
                # framed paragraphs into one frame, and drops it when their borders differ.
                ooxml.set_paragraph_layout(self.document.add_paragraph(), line=Pt(1), char_width=size)
            paragraph = self.document.add_paragraph()
            ooxml.set_paragraph_layout(
                paragraph,
                line=layout.LINE_PITCH,
                align=WD_ALIGN_PARAGRAPH.LEFT,
                char_width=size,
                left_chars=left,
                first_line_chars=-hanging,
                right_chars=1,
                char_units=False,
            )
            if "\t" in text:
                paragraph.paragraph_format.tab_stops.add_tab_stop(Emu(layout.TEXT_WIDTH - size), WD_TAB_ALIGNMENT.RIGHT)
            ooxml.add_run(paragraph, text, face, size)
            ooxml.frame_in_text_area(paragraph, width=layout.TEXT_WIDTH, height=height, top=Emu(top))
            top += height
            if index == 0:
                ooxml.set_paragraph_border(paragraph, "top", eighths_of_point=layout.IMPRINT_THICK_EIGHTHS)
            last = index == len(lines) - 1
            thickness = layout.IMPRINT_THICK_EIGHTHS if last else layout.IMPRINT_THIN_EIGHTHS
            ooxml.set_paragraph_border(paragraph, "bottom", eighths_of_point=thickness)

    # -- tables ----------------------------------------------------------------------------------

    def _new_table(self, *, rows: int, widths: Sequence[Length]) -> Table:
        table = self.document.add_table(rows=rows, cols=len(widths))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        ooxml.set_table_width(table, Emu(sum(widths)), widths)
        single = ("single", 4)
        ooxml.set_table_borders(
            table, {side: single for side in ("top", "left", "bottom", "right", "insideH", "insideV")}
        )
        return table

    def _cell_text(self, cell: _Cell, text: str, face: FontFace, *, align: WD_ALIGN_PARAGRAPH) -> None:
        ooxml.set_cell_vertical_center(cell)
        lines = text.splitlines() or [""]
        for index, line in enumerate(lines):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            ooxml.set_paragraph_layout(
                paragraph, line=TABLE_LINE, align=align, char_width=layout.SIZE_TABLE, char_units=False
            )
            ooxml.add_run(paragraph, line, face, layout.SIZE_TABLE)
