"""A Word package from a user, checked before python-docx parses any of it.

Limits are judged by absolute expanded size (a long legitimate document compresses very
well: a ratio alone is no sign of a bomb). The sizes the zip declares are checked first;
then every XML part is decompressed as a stream, in small chunks, counting the bytes it
really expands to and looking for entity declarations, so a part that lies about its size
is refused without ever being held in memory. Strict Open XML (ISO 29500 Strict), which
python-docx cannot read, is recognised and refused with what to do instead.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

import docx

from desktop_app.core.documents.base import DocumentError
from desktop_app.core.errors import one_line
from desktop_app.core.i18n import _

MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 256 * 1024 * 1024  # an image or other embedded file
MAX_XML_BYTES = 48 * 1024 * 1024  # an XML part: about 100,000 paragraphs of text
MAX_EXPANDED_BYTES = 512 * 1024 * 1024
_CHUNK = 1 << 20
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_STRICT = (b"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
           b"http://purl.oclc.org/ooxml/wordprocessingml/main")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


def _too_big(name: str, part: str, limit: int) -> DocumentError:
    return DocumentError(_("{name}: refused: {part} expands to more than {limit} (the limit "
                           "for one part of a Word file); split the document into smaller "
                           "files").format(name=name, part=part, limit=_mb(limit)))


def _stream_check(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """Decompress one XML part in chunks: its real size and no entity declaration."""
    size = 0
    tail = b""
    with zf.open(info) as fh:
        while chunk := fh.read(_CHUNK):
            size += len(chunk)
            if size > MAX_XML_BYTES:
                raise _too_big(name, info.filename, MAX_XML_BYTES)
            if _DECLARATION.search(tail + chunk):
                raise DocumentError(_("{name}: refused: {filename} declares XML entities (Word "
                                      "never writes them; possible XML bomb)").format(
                                          name=name, filename=info.filename))
            tail = chunk[-16:]


def _is_strict(zf: zipfile.ZipFile, names: set[str]) -> bool:
    if "_rels/.rels" not in names:
        return False
    with zf.open("_rels/.rels") as fh:
        head = fh.read(64 * 1024)
    return any(marker in head for marker in _STRICT)


def check_package(zf: zipfile.ZipFile, name: str) -> None:
    """Refuse, with one line, a package that is too big, lies, declares entities, is not
    a Word document, or is Strict Open XML."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise DocumentError(_("{name}: refused: {n} parts in the package (the limit is "
                              "{limit})").format(name=name, n=len(infos), limit=MAX_MEMBERS))
    seen: set[str] = set()
    total = 0
    for info in infos:
        if info.filename in seen:
            raise DocumentError(_("{name}: refused: the package holds {filename} twice (one copy "
                                  "would be hidden)").format(name=name, filename=info.filename))
        seen.add(info.filename)
        xml = info.filename.endswith((".xml", ".rels"))
        limit = MAX_XML_BYTES if xml else MAX_MEMBER_BYTES
        if info.file_size > limit:
            raise _too_big(name, info.filename, limit)
        total += info.file_size
    if total > MAX_EXPANDED_BYTES:
        raise DocumentError(_("{name}: refused: it expands to more than {limit} (the limit for "
                              "a Word file); split the document into smaller files").format(
                                  name=name, limit=_mb(MAX_EXPANDED_BYTES)))
    if _is_strict(zf, seen):
        raise DocumentError(_("{name} is a Strict Open XML document, a rarer form of Word file "
                              "that Tarjuman cannot read; open it in Word and use File > Save "
                              "As > Word Document (.docx), then import that file").format(
                                  name=name))
    if "word/document.xml" not in seen:
        raise DocumentError(_("{name}: not a Word document (no word/document.xml)").format(
            name=name))
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            _stream_check(zf, info, name)


def open_package(data: bytes, name: str) -> docx.document.Document:
    """The checked package, opened by python-docx; one line if it cannot be."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_package(zf, name)
    except (zipfile.BadZipFile, EOFError, zlib.error, ValueError, NotImplementedError) as exc:
        raise DocumentError(_("{name}: not a Word document (damaged zip: {exc})").format(
            name=name, exc=one_line(exc))) from exc
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for broken packages
        raise DocumentError(_("{name}: cannot open the Word document ({exc})").format(
            name=name, exc=one_line(exc))) from exc
