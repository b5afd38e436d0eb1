"""Pick a document format by extension, or by content where the extension lies."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.documents.base import Content, DocumentError, Format
from desktop_app.core.documents.docx import Docx
from desktop_app.core.documents.epub import Epub
from desktop_app.core.documents.html import Html
from desktop_app.core.documents.markdown import Markdown
from desktop_app.core.documents.odf import Odp, Odt
from desktop_app.core.documents.pdf import Pdf
from desktop_app.core.documents.plaintext import PlainText
from desktop_app.core.documents.po import Po
from desktop_app.core.documents.pptx import Pptx
from desktop_app.core.documents.subtitles import Subtitles
from desktop_app.core.documents.xliff import Xliff
from desktop_app.core.documents.xlsx import Xlsx
from desktop_app.core.documents.xmlzip import package_mimetype
from desktop_app.core.i18n import N_, _

# A new format is its module and one entry here. Content is recognised by asking the
# formats in this order, the more specific first: an XLIFF file may carry HTML.
FORMATS: dict[str, Format] = {f.name: f for f in (Docx(), Xliff(), Html(), Markdown(),
                                                  PlainText(), Po(), Subtitles(), Pdf(),
                                                  Pptx(), Xlsx(), Odt(), Odp(), Epub())}
HEAD_BYTES = 4096  # what text formats are recognised by
ALL_FILES = N_("All files")


@dataclass(frozen=True, slots=True)
class FileFilter:
    """One entry of a file dialog's list of types: what the files are called (in the UI
    language) and their name patterns."""

    label: str
    patterns: tuple[str, ...]


def patterns(extensions: Iterable[str]) -> tuple[str, ...]:
    return tuple(f"*{ext}" for ext in extensions)


def open_filters() -> list[FileFilter]:
    """The types a dialog offers for a document to translate: every document first, then
    each format, then any file (a document is recognised by its content too)."""
    formats = list(FORMATS.values())
    return [FileFilter(_("All documents"), patterns(e for f in formats for e in f.extensions)),
            *(FileFilter(_(f.label), patterns(f.extensions)) for f in formats),
            FileFilter(_(ALL_FILES), ("*",))]


def by_name(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise DocumentError(_("unknown document format {name!r}").format(name=name)) from None


def by_extension(suffix: str) -> Format | None:
    """The format a file name ending in ``suffix`` (".docx") says it is."""
    return next((f for f in FORMATS.values() if suffix.lower() in f.extensions), None)


def output_extensions(name: str) -> tuple[str, ...]:
    """What a document of this format exports to (PDF in, docx out; else its own)."""
    fmt = by_name(name)
    return tuple(getattr(fmt, "output_extensions", fmt.extensions))


def look(data: bytes) -> Content:
    """What ``data`` shows of itself: its head, and for a zip its parts and mimetype."""
    head = data[:HEAD_BYTES]
    if not head.startswith(b"PK\x03\x04"):
        return Content(head, head.decode("utf-8", "ignore").lstrip("\ufeff \t\r\n").lower())
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return Content(head, zip_names=frozenset(zf.namelist()),
                           mimetype=package_mimetype(zf))
    except (zipfile.BadZipFile, EOFError, ValueError):
        return Content(head, zip_names=frozenset())  # a damaged zip shows nothing


def sniff(data: bytes) -> str | None:
    """The format the content shows, whatever the file is called: the first in registry
    order that recognises it."""
    content = look(data)
    return next((f.name for f in FORMATS.values() if f.sniff(content)), None)


def detect(path: Path, data: bytes) -> Format:
    sniffed = sniff(data)
    by_ext = by_extension(path.suffix)
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
