"""The fonts of official documents, configured in one place.

GB/T 9704-2012 names the typefaces by style (小标宋, 仿宋, 黑体, 楷体, 宋体). Government PCs have the
GB2312-era fonts installed ("方正小标宋简体", "仿宋_GB2312", "楷体_GB2312"); Linux servers usually have
only Debian's fonts-noto-cjk. Each role therefore names the font Word should use and a fallback that
is installed on our servers. The fallback is written into the document's font table (``w:altName``)
and :func:`fazhi.core.documents.pdf.convert_to_pdf` maps it for LibreOffice, so a PDF made on a server
uses Noto CJK instead of whatever fontconfig would guess.

To change the fonts of every document, change :data:`DEFAULT_FONTS`; to change them for one document,
pass ``fonts=`` to :class:`~fazhi.core.documents.builder.OfficialDocument`.
"""

from __future__ import annotations

from dataclasses import dataclass

NOTO_SERIF_SC = "Noto Serif CJK SC"
NOTO_SANS_SC = "Noto Sans CJK SC"


@dataclass(frozen=True)
class FontFace:
    """One typeface: the name written into the document and the fallback when it is not installed."""

    name: str
    fallback: str = NOTO_SERIF_SC


@dataclass(frozen=True)
class FontSet:
    """The typeface of every role in an official document (GB/T 9704-2012 §7)."""

    title: FontFace  # 标题, 发文机关标志: 小标宋
    body: FontFace  # 正文, 发文字号, 署名, 版记, level 3 and 4 headings: 仿宋
    heading1: FontFace  # 一、: 黑体
    heading2: FontFace  # （一）: 楷体
    page_number: FontFace  # 页码: 宋体

    def faces(self) -> tuple[FontFace, ...]:
        """Return every distinct face, in a stable order (for the document's font table)."""
        seen: dict[str, FontFace] = {}
        for face in (self.title, self.body, self.heading1, self.heading2, self.page_number):
            seen.setdefault(face.name, face)
        return tuple(seen.values())


DEFAULT_FONTS = FontSet(
    title=FontFace("方正小标宋简体", NOTO_SERIF_SC),
    body=FontFace("仿宋_GB2312", NOTO_SERIF_SC),
    heading1=FontFace("黑体", NOTO_SANS_SC),
    # Noto has no 楷体; the serif is the closest installed face.
    heading2=FontFace("楷体_GB2312", NOTO_SERIF_SC),
    page_number=FontFace("宋体", NOTO_SERIF_SC),
)

# Fonts that are on every Linux server with fonts-noto-cjk: for previews and tests that must not
# depend on fonts a Windows PC has.
PORTABLE_FONTS = FontSet(
    title=FontFace(NOTO_SERIF_SC, NOTO_SERIF_SC),
    body=FontFace(NOTO_SERIF_SC, NOTO_SERIF_SC),
    heading1=FontFace(NOTO_SANS_SC, NOTO_SANS_SC),
    heading2=FontFace(NOTO_SERIF_SC, NOTO_SERIF_SC),
    page_number=FontFace(NOTO_SERIF_SC, NOTO_SERIF_SC),
)
