"""Convert a .docx to PDF with LibreOffice, when it is installed.

LibreOffice is optional (DESIGN.md §4): without it the platform still serves .docx, and asking for a
PDF raises :class:`PdfConverterMissing` with a message that tells the operator what to install.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

from fazhi.core.errors import DomainError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONVERSION_TIMEOUT_SECONDS = 120
# The .docx may come from outside (an uploaded template): no entities, no network.
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


class PdfConverterMissing(DomainError):
    """Neither ``libreoffice`` nor ``soffice`` is on PATH (HTTP 503: the server lacks a tool)."""

    status_code = 503
    default_code = "pdf_converter_missing"


class PdfConversionFailed(DomainError):
    """LibreOffice ran but produced no PDF (HTTP 500 is never shown to users; this is 502)."""

    status_code = 502
    default_code = "pdf_conversion_failed"


def libreoffice_binary() -> str | None:
    """Return the path of the LibreOffice executable, or None when it is not installed."""
    return shutil.which("libreoffice") or shutil.which("soffice")


def convert_to_pdf(docx_bytes: bytes, *, timeout: float = CONVERSION_TIMEOUT_SECONDS) -> bytes:
    """Return the PDF rendering of ``docx_bytes``.

    1. Find LibreOffice, or raise :class:`PdfConverterMissing`.
    2. Write the .docx and a fontconfig file into a private temporary directory. The fontconfig file
       maps each font of the document's font table to its ``w:altName`` fallback (for example
       仿宋_GB2312 → Noto Serif CJK SC), so a server without the GB fonts still sets 仿宋 text in a
       serif CJK face instead of fontconfig's default sans.
    3. Run ``libreoffice --headless --convert-to pdf`` with its own user profile in that directory:
       concurrent conversions would otherwise fight over the shared profile lock.
    """
    binary = libreoffice_binary()
    if binary is None:
        raise PdfConverterMissing(
            "服务器未安装 LibreOffice，无法生成 PDF。请安装 libreoffice-writer（Debian/Ubuntu：apt-get install "
            "libreoffice-writer-nogui），或改为下载 Word（.docx）文件。"
        )
    with tempfile.TemporaryDirectory(prefix="fazhi-pdf-") as tmp:
        workdir = Path(tmp)
        source = workdir / "document.docx"
        source.write_bytes(docx_bytes)
        fonts_conf = workdir / "fonts.conf"
        fonts_conf.write_text(_fontconfig(_font_fallbacks(docx_bytes)), encoding="utf-8")
        command = [
            binary,
            f"-env:UserInstallation={(workdir / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir),
            str(source),
        ]
        env = {**os.environ, "FONTCONFIG_FILE": str(fonts_conf), "HOME": str(workdir)}
        try:
            completed = subprocess.run(  # noqa: S603 - fixed argument list, no shell
                command, capture_output=True, timeout=timeout, check=False, env=env
            )
        except subprocess.TimeoutExpired as exc:
            raise PdfConversionFailed(f"LibreOffice 转换 PDF 超时（{timeout:g} 秒）。") from exc
        target = workdir / "document.pdf"
        if completed.returncode != 0 or not target.exists():
            detail = (completed.stderr or completed.stdout).decode("utf-8", "replace").strip()[-500:]
            raise PdfConversionFailed(
                f"LibreOffice 未能生成 PDF（退出码 {completed.returncode}）。", fields={"detail": detail}
            )
        return target.read_bytes()


def _font_fallbacks(docx_bytes: bytes) -> dict[str, str]:
    """Read {font name: altName} from the document's word/fontTable.xml."""
    try:
        with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
            root = etree.fromstring(archive.read("word/fontTable.xml"), parser=_SAFE_PARSER)
    except (KeyError, zipfile.BadZipFile) as exc:
        raise PdfConversionFailed("文件不是有效的 Word（.docx）文档。", code="document_invalid") from exc
    fallbacks = {}
    for font in root.iterfind(f"{{{W_NS}}}font"):
        alt = font.find(f"{{{W_NS}}}altName")
        if alt is not None:
            fallbacks[font.get(f"{{{W_NS}}}name", "")] = alt.get(f"{{{W_NS}}}val", "")
    return {name: alt for name, alt in fallbacks.items() if name and alt}


def _fontconfig(fallbacks: dict[str, str]) -> str:
    aliases = "".join(
        f'<alias binding="same"><family>{escape(name)}</family><prefer><family>{escape(alt)}</family></prefer></alias>'
        for name, alt in sorted(fallbacks.items())
    )
    return (
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"{aliases}</fontconfig>"
    )
