"""Pick a document format by extension, or by content where the extension lies."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from desktop_app.core.documents.base import DocumentError, Format
from desktop_app.core.documents.docx import Docx
from desktop_app.core.documents.epub import Epub
from desktop_app.core.documents.html import Html
from desktop_app.core.documents.markdown import Markdown
from desktop_app.core.documents.odf import Odp, Odt
from desktop_app.core.documents.pdf import Pdf
from desktop_app.core.documents.plaintext import PlainText
from desktop_app.core.documents.po import Po
from desktop_app.core.documents.pptx import Pptx
from desktop_app.core.documents.subtitles import TIMING, Subtitles
from desktop_app.core.documents.xliff import Xliff
from desktop_app.core.documents.xlsx import Xlsx
from desktop_app.core.documents.xmlzip import package_mimetype
from desktop_app.core.i18n import _

FORMATS: dict[str, Format] = {f.name: f for f in (Docx(), Html(), Markdown(), PlainText(),
                                                  Po(), Subtitles(), Xliff(), Pdf(), Pptx(),
                                                  Xlsx(), Odt(), Odp(), Epub())}

OFFICE_PARTS = {"ppt/presentation.xml": "pptx", "xl/workbook.xml": "xlsx"}


def by_name(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise DocumentError(_("unknown document format {name!r}").format(name=name)) from None


def output_extensions(name: str) -> tuple[str, ...]:
    """What a document of this format exports to (PDF in, docx out; else its own)."""
    fmt = by_name(name)
    return tuple(getattr(fmt, "output_extensions", fmt.extensions))


def sniff(data: bytes) -> str | None:
    """The format the content shows, whatever the file is called."""
    head = data[:4096]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                if "word/document.xml" in zf.namelist():
                    return "docx"
                if office := next((f for p, f in OFFICE_PARTS.items() if p in zf.namelist()), ""):
                    return office
                mimetype = package_mimetype(zf)  # OpenDocument and EPUB name their type
                return next((f.name for f in FORMATS.values()
                             if mimetype in getattr(f, "mimetypes", ())), None)
        except zipfile.BadZipFile:
            return None
        return None
    text = head.decode("utf-8", "ignore").lstrip("\ufeff \t\r\n").lower()
    if text.startswith("<?xml") or text.startswith("<xliff"):
        if "<xliff" in text:
            return "xliff"
        if "<html" in text:
            return "html"
        return None
    if text.startswith(("<!doctype html", "<html")):
        return "html"
    lines = text.splitlines()
    if len(lines) > 1 and TIMING.match(lines[1] if lines[0].strip().isdigit() else lines[0]):
        return "srt"
    return None


def detect(path: Path, data: bytes) -> Format:
    sniffed = sniff(data)
    by_ext = next((f for f in FORMATS.values() if path.suffix.lower() in f.extensions), None)
    if sniffed and (by_ext is None or by_ext.name != sniffed):
        return FORMATS[sniffed]
    if by_ext is None:
        supported = ", ".join(ext for f in FORMATS.values() for ext in f.extensions)
        raise DocumentError(_("{name}: unsupported document type (supported: {supported})").format(
            name=path.name, supported=supported))
    if by_ext.name == "docx" and not data.startswith(b"PK"):
        raise DocumentError(_("{name}: not a Word document (not a zip package)").format(
            name=path.name))
    return by_ext
