"""PDF conversion through the real LibreOffice, and the clear error when it is missing."""

import re
import shutil
from datetime import date

import pytest

from fazhi.core.documents import Field, OfficialDocument, PdfConversionFailed, PdfConverterMissing, convert_to_pdf
from fazhi.core.documents.pdf import libreoffice_binary


def _sample_bytes() -> bytes:
    document = OfficialDocument(issuer="某某区司法局", title="行政执法监督通知书", doc_number="某司监〔2026〕5号")
    document.add_recipient("某某区城市管理局")
    document.add_paragraph("经审查，你单位办理的案件存在程序问题，请于十五个工作日内整改。")
    document.add_signature(signed_on=date(2026, 11, 23))
    return document.render_to_bytes()


def test_libreoffice_converts_to_pdf():
    # `make system-deps` installs libreoffice-writer-nogui: documents must really open in LibreOffice.
    assert libreoffice_binary() is not None, "LibreOffice is not installed: run `make system-deps`"
    pdf = convert_to_pdf(_sample_bytes())
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 1000


def test_missing_libreoffice_raises_a_clear_chinese_error(monkeypatch):
    # The edge: what PATH holds. Nothing of ours is mocked.
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(PdfConverterMissing) as error:
        convert_to_pdf(_sample_bytes())
    assert error.value.code == "pdf_converter_missing"
    assert error.value.status_code == 503
    assert "LibreOffice" in error.value.message and "无法生成 PDF" in error.value.message


def test_soffice_is_found_when_libreoffice_is_not(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: "/opt/lo/soffice" if name == "soffice" else None)
    assert libreoffice_binary() == "/opt/lo/soffice"


def test_bytes_that_are_not_a_docx_are_refused(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/false")
    with pytest.raises(PdfConversionFailed) as error:
        convert_to_pdf(b"not a zip file")
    assert error.value.code == "document_invalid"


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_a_form_that_ends_at_the_foot_of_a_page_has_no_blank_page_after_it():
    # Seven 20 mm rows and one of 32 mm end the table a few millimetres above the foot of page 1:
    # room for no full blank line after it (which used to open an empty page 2), but for a hairline.
    document = OfficialDocument(issuer="某某区市场监督管理局", title="结案报告", doc_number="某市监结〔2026〕1号")
    rows = [Field(f"项目{n}", "内容", wide=True, min_height_mm=20) for n in range(7)]
    document.add_fields([*rows, Field("末项", "内容", wide=True, min_height_mm=32)])
    assert _pdf_pages(convert_to_pdf(document.render_to_bytes())) == 1
    # and a table that does not fit still goes on to page 2: the count is not stuck at one
    longer = OfficialDocument(issuer="某某区市场监督管理局", title="结案报告", doc_number="某市监结〔2026〕1号")
    longer.add_fields([*rows, Field("末项", "内容", wide=True, min_height_mm=60)])
    assert _pdf_pages(convert_to_pdf(longer.render_to_bytes())) == 2
