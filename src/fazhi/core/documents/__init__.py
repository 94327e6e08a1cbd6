"""Official documents (文书, 公文, bulletins, reports) laid out per GB/T 9704-2012.

Domain-free: apps build an :class:`OfficialDocument`, call ``render_to_bytes()`` for the .docx and,
where LibreOffice is installed, :func:`convert_to_pdf` for the PDF. See docs/documents.md.
"""

from fazhi.core.documents.builder import Field, OfficialDocument
from fazhi.core.documents.chinese import chinese_numeral, format_date, format_doc_number, heading_label
from fazhi.core.documents.fonts import DEFAULT_FONTS, PORTABLE_FONTS, FontFace, FontSet
from fazhi.core.documents.pdf import PdfConversionFailed, PdfConverterMissing, convert_to_pdf, libreoffice_binary

__all__ = [
    "DEFAULT_FONTS",
    "PORTABLE_FONTS",
    "Field",
    "FontFace",
    "FontSet",
    "OfficialDocument",
    "PdfConversionFailed",
    "PdfConverterMissing",
    "chinese_numeral",
    "convert_to_pdf",
    "format_date",
    "format_doc_number",
    "heading_label",
    "libreoffice_binary",
]
