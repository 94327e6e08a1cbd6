"""Low-level WordprocessingML helpers that python-docx has no public API for.

Everything here edits the XML through python-docx's oxml layer: East Asian font attributes, exact
line spacing in twips, character-based indents, borders, the PAGE field, the document grid, the font
table and a floating (anchored) picture.
"""

from __future__ import annotations

from collections.abc import Iterable

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from fazhi.core.documents.fonts import FontFace

_THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_FONT_ATTRIBUTES = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def set_rfonts(rpr: etree._Element, face: FontFace) -> None:
    """Name ``face`` for every script of a run-properties element, East Asian included.

    python-docx's ``font.name`` sets only w:ascii/w:hAnsi, so Chinese text would fall back to the
    theme's East Asian font. Theme attributes override explicit names, so they are removed.
    """
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attribute in _THEME_FONT_ATTRIBUTES:
        rfonts.attrib.pop(qn(attribute), None)
    for attribute in _FONT_ATTRIBUTES:
        rfonts.set(qn(attribute), face.name)
    rfonts.set(qn("w:hint"), "eastAsia")


def style_run(run: Run, face: FontFace, size: Length, *, bold: bool = False, color: RGBColor | None = None) -> Run:
    """Give ``run`` its typeface (all scripts), size, weight and colour; return it."""
    set_rfonts(run._r.get_or_add_rPr(), face)
    run.font.size = size
    run.font.bold = True if bold else None
    if color is not None:
        run.font.color.rgb = color
    return run


def add_run(
    paragraph: Paragraph, text: str, face: FontFace, size: Length, *, bold: bool = False, color: RGBColor | None = None
) -> Run:
    """Append a styled run of ``text`` to ``paragraph``."""
    return style_run(paragraph.add_run(text), face, size, bold=bold, color=color)


def set_paragraph_layout(
    paragraph: Paragraph,
    *,
    line: Length,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
    char_width: Length,
    first_line_chars: float = 0,
    left_chars: float = 0,
    right_chars: float = 0,
    space_before: Length | None = None,
    char_units: bool = True,
) -> None:
    """Lay out ``paragraph`` with exact line spacing and indents counted in characters.

    Indents are written in twips (what LibreOffice reads) and, with ``char_units``, also in hundredths
    of a character (w:firstLineChars etc., which Word shows as "2 字符"). Text not in the body size
    (tables, 版记, page numbers) passes ``char_units=False``: Word would count its characters in the
    body size.
    """
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = line
    fmt.space_after = Pt(0)
    fmt.space_before = space_before if space_before is not None else Pt(0)
    fmt.widow_control = False
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    if first_line_chars > 0:
        ind.set(qn("w:firstLine"), str(round(Emu(char_width).twips * first_line_chars)))
        if char_units:
            ind.set(qn("w:firstLineChars"), str(round(first_line_chars * 100)))
    elif first_line_chars < 0:
        ind.set(qn("w:hanging"), str(round(Emu(char_width).twips * -first_line_chars)))
        if char_units:
            ind.set(qn("w:hangingChars"), str(round(-first_line_chars * 100)))
    for side, chars in (("left", left_chars), ("right", right_chars)):
        if chars:
            ind.set(qn(f"w:{side}"), str(round(Emu(char_width).twips * chars)))
            if char_units:
                ind.set(qn(f"w:{side}Chars"), str(round(chars * 100)))


def _append_ppr_child(paragraph: Paragraph, tag: str, attributes: dict[str, str]) -> etree._Element:
    ppr = paragraph._p.get_or_add_pPr()
    element = OxmlElement(tag, attrs={qn(key): value for key, value in attributes.items()})
    # CT_PPr has a fixed child order; insert_element_before keeps the schema valid for Word.
    ppr.insert_element_before(element, *_PPR_SUCCESSORS.get(tag, ()))
    return element


# Children of w:pPr that must come after the named one (ECMA-376 CT_PPrBase order).
_PPR_ORDER = (
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_PPR_SUCCESSORS = {tag: _PPR_ORDER[index + 1 :] for index, tag in enumerate(_PPR_ORDER)}


def set_bottom_border(paragraph: Paragraph, *, color: str, eighths_of_point: int, space_pt: int) -> None:
    """Draw a line under ``paragraph`` across the text width (the red 分隔线 of the 版头)."""
    set_paragraph_border(paragraph, "bottom", eighths_of_point=eighths_of_point, color=color)
    paragraph._p.pPr.find(qn("w:pBdr"))[-1].set(qn("w:space"), str(space_pt))


def add_page_field(paragraph: Paragraph, face: FontFace, size: Length) -> None:
    """Append a PAGE field (the current page number) to ``paragraph``."""

    def field_char(kind: str) -> None:
        run = add_run(paragraph, "", face, size)
        run._r.append(OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): kind}))

    field_char("begin")
    instruction = add_run(paragraph, "", face, size)
    instr = OxmlElement("w:instrText", attrs={"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
    instr.text = " PAGE "
    instruction._r.append(instr)
    field_char("separate")
    add_run(paragraph, "1", face, size)
    field_char("end")


def set_doc_grid(sect_pr: etree._Element, *, line_pitch: Length) -> None:
    """Record the line pitch of 22 lines a page in the section's document grid (GB/T 9704 §5.2.2).

    The grid type stays "no grid": paragraphs carry exact line spacing themselves, and a character grid
    renders differently in LibreOffice (see layout.CHARACTER_SPACING).
    """
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.attrib.clear()
    grid.set(qn("w:linePitch"), str(Emu(line_pitch).twips))


def set_character_spacing(rpr: etree._Element, spacing: Length) -> None:
    """Condense (negative) or expand every character of a run-properties element by ``spacing``."""
    existing = rpr.find(qn("w:spacing"))
    if existing is None:
        existing = OxmlElement("w:spacing")
        # CT_RPr order: … color, spacing, w, kern, position, sz, szCs, highlight, u, effect, … lang …
        following = [
            rpr.find(qn(tag))
            for tag in ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:lang")
        ]
        anchor = next((element for element in following if element is not None), None)
        if anchor is None:
            rpr.append(existing)
        else:
            anchor.addprevious(existing)
    existing.set(qn("w:val"), str(round(Emu(spacing).pt * 20)))


def _border(tag: str, *, val: str = "single", eighths_of_point: int = 4, color: str = "000000") -> etree._Element:
    return OxmlElement(
        tag, attrs={qn("w:val"): val, qn("w:sz"): str(eighths_of_point), qn("w:space"): "0", qn("w:color"): color}
    )


def set_table_borders(table: Table, borders: dict[str, tuple[str, int]]) -> None:
    """Replace the table's borders: ``{"top": ("single", 8), "insideV": ("nil", 0), …}``."""
    tbl_pr = table._tbl.tblPr
    existing = tbl_pr.find(qn("w:tblBorders"))
    if existing is not None:
        tbl_pr.remove(existing)
    element = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        val, size = borders.get(side, ("nil", 0))
        element.append(_border(f"w:{side}", val=val, eighths_of_point=size))
    # tblBorders follows tblW/jc/tblCellSpacing/tblInd and precedes shd/tblLayout/tblCellMar/tblLook.
    tbl_pr.insert_element_before(element, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption")


def set_table_width(table: Table, width: Length, column_widths: Iterable[Length]) -> None:
    """Fix the table to ``width`` with the given column widths (fixed layout, so Word keeps them)."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.insert_element_before(
            tbl_w, "w:jc", "w:tblInd", "w:tblBorders", "w:tblLayout", "w:tblCellMar", "w:tblLook"
        )
    tbl_w.set(qn("w:w"), str(Emu(width).twips))
    tbl_w.set(qn("w:type"), "dxa")
    widths = list(column_widths)
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = column_width
        for cell in column.cells:
            cell.width = column_width


def set_cell_margins(table: Table, *, left: Length, right: Length) -> None:
    """Set the default left and right cell margins of ``table`` (top and bottom become 0)."""
    tbl_pr = table._tbl.tblPr
    existing = tbl_pr.find(qn("w:tblCellMar"))
    if existing is not None:
        tbl_pr.remove(existing)
    margins = OxmlElement("w:tblCellMar")
    for side, value in (("top", Emu(0)), ("left", left), ("bottom", Emu(0)), ("right", right)):
        margins.append(OxmlElement(f"w:{side}", attrs={qn("w:w"): str(Emu(value).twips), qn("w:type"): "dxa"}))
    tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")


def frame_in_text_area(paragraph: Paragraph, *, width: Length, height: Length, top: Length) -> None:
    """Put ``paragraph`` in a frame of exact ``height`` at ``top`` below the top of the 版心.

    Used for the 版记, which sits on the last lines of the last page (GB/T 9704 §7.4). Each line of the
    版记 gets its own frame because LibreOffice drops a frame whose paragraphs have different borders.
    """
    _append_ppr_child(
        paragraph,
        "w:framePr",
        {
            "w:w": str(Emu(width).twips),
            "w:h": str(Emu(height).twips),
            "w:hRule": "exact",
            "w:wrap": "notBeside",
            "w:hAnchor": "margin",
            "w:xAlign": "center",
            "w:vAnchor": "margin",
            "w:y": str(Emu(top).twips),
        },
    )


def set_paragraph_border(paragraph: Paragraph, side: str, *, eighths_of_point: int, color: str = "000000") -> None:
    """Draw a rule on one ``side`` ("top" or "bottom") of ``paragraph``."""
    ppr = paragraph._p.get_or_add_pPr()
    pbdr = ppr.find(qn("w:pBdr"))
    if pbdr is None:
        pbdr = _append_ppr_child(paragraph, "w:pBdr", {})
    border = OxmlElement(
        f"w:{side}",
        attrs={qn("w:val"): "single", qn("w:sz"): str(eighths_of_point), qn("w:space"): "1", qn("w:color"): color},
    )
    if side == "top":
        pbdr.insert(0, border)
    else:
        pbdr.append(border)


def mark_header_row(table: Table) -> None:
    """Repeat the first row on every page the table spans."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))


def keep_rows_whole(table: Table) -> None:
    """Never break a row across pages: a row of a form or a ranking moves to the next page whole."""
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def set_cell_vertical_center(cell: _Cell) -> None:
    """Centre the cell's content vertically."""
    tc_pr = cell._tc.get_or_add_tcPr()
    tc_pr.append(OxmlElement("w:vAlign", attrs={qn("w:val"): "center"}))


def set_font_table(font_table_part: object, faces: Iterable[FontFace]) -> None:
    """Declare every face in word/fontTable.xml, with its fallback as ``w:altName`` and charset GB2312.

    Word and LibreOffice read the font table when a named font is missing; charset 86 (GB2312) tells
    them the font is Chinese, so the substitute is a Chinese font too.
    """
    # python-docx loads fontTable.xml as a plain Part; its XML lives in the private _blob.
    root = etree.fromstring(font_table_part._blob)  # type: ignore[attr-defined]
    for face in faces:
        font = etree.SubElement(root, f"{{{W_NS}}}font", {f"{{{W_NS}}}name": face.name})
        if face.fallback != face.name:
            etree.SubElement(font, f"{{{W_NS}}}altName", {f"{{{W_NS}}}val": face.fallback})
        etree.SubElement(font, f"{{{W_NS}}}charset", {f"{{{W_NS}}}val": "86"})
        etree.SubElement(font, f"{{{W_NS}}}family", {f"{{{W_NS}}}val": "roman"})
        etree.SubElement(font, f"{{{W_NS}}}pitch", {f"{{{W_NS}}}val": "variable"})
    font_table_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)  # type: ignore[attr-defined]


def font_table_part(document_part: object) -> object:
    """Return the font-table part of a python-docx document part."""
    return document_part.part_related_by(RT.FONT_TABLE)  # type: ignore[attr-defined]


_ANCHOR_XML = (
    '<wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264" behindDoc="{behind}" '
    'locked="0" layoutInCell="1" allowOverlap="1">'
    '<wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="margin"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
    '<wp:positionV relativeFrom="paragraph"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
    "</wp:anchor>"
)


def float_picture(run: Run, *, x: Length, y: Length, behind_text: bool) -> None:
    """Turn the inline picture in ``run`` into a floating one at (x from the margin, y from the paragraph).

    python-docx inserts pictures inline only; a 印章 must sit over the signature without moving text,
    so the wp:inline element is rewritten as a wp:anchor with wrapNone.
    """
    inline = run._r.find(f".//{qn('wp:inline')}")
    if inline is None:
        raise ValueError("run holds no inline picture")
    anchor = etree.fromstring(_ANCHOR_XML.format(behind="1" if behind_text else "0", x=int(x), y=int(y)))
    extent, doc_pr, graphic_frame, graphic = (
        inline.find(qn("wp:extent")),
        inline.find(qn("wp:docPr")),
        inline.find(qn("wp:cNvGraphicFramePr")),
        inline.find(qn("a:graphic")),
    )
    anchor.append(extent)
    anchor.append(OxmlElement("wp:effectExtent", attrs={"l": "0", "t": "0", "r": "0", "b": "0"}))
    anchor.append(OxmlElement("wp:wrapNone"))
    anchor.append(doc_pr)
    anchor.append(graphic_frame if graphic_frame is not None else OxmlElement("wp:cNvGraphicFramePr"))
    anchor.append(graphic)
    inline.getparent().replace(inline, anchor)
