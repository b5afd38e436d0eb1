"""Office packages (zip + XML parts) from users, checked before a library opens them.

Limits are judged by absolute expanded size (a long legitimate document compresses very
well: a ratio alone is no sign of a bomb). The sizes the zip declares are checked first;
then every XML part is decompressed as a stream, in small chunks, counting the bytes it
really expands to and looking for entity declarations, so a part that lies about its size
is refused without ever being held in memory. Strict Open XML (ISO 29500 Strict), which
python-docx, python-pptx and openpyxl cannot read, is recognised and refused with what to
do instead. Word, PowerPoint and Excel files all pass here.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable

from desktop_app.core.documents.base import DocumentError
from desktop_app.core.errors import one_line
from desktop_app.core.i18n import _

MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 256 * 1024 * 1024  # an image or other embedded file
MAX_XML_BYTES = 48 * 1024 * 1024  # an XML part: about 100,000 paragraphs of text
MAX_EXPANDED_BYTES = 512 * 1024 * 1024
_CHUNK = 1 << 20
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
STRICT = b"http://purl.oclc.org/ooxml/"  # the namespaces of Strict Open XML


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


def _too_big(name: str, part: str, limit: int) -> DocumentError:
    return DocumentError(_("{name}: refused: {part} expands to more than {limit} (the limit "
                           "for one part of a file); split the document into smaller "
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
                raise DocumentError(_("{name}: refused: {filename} declares XML entities "
                                      "(Office never writes them; possible XML bomb)").format(
                                          name=name, filename=info.filename))
            tail = chunk[-16:]


def _is_strict(zf: zipfile.ZipFile, names: set[str], required: str) -> bool:
    for part in ("_rels/.rels", required):
        if part in names:
            with zf.open(part) as fh:
                if STRICT in fh.read(64 * 1024):
                    return True
    return False


def _office_xml(filename: str) -> bool:
    return filename.endswith((".xml", ".rels"))


def check_sizes(zf: zipfile.ZipFile, name: str, is_xml: Callable[[str], bool] = _office_xml,
                max_members: int = MAX_MEMBERS) -> set[str]:
    """The part names, once the sizes the package declares pass: how many parts, no name
    twice, each XML part and each other part within its limit, the whole within its limit.
    Every zip of parts (Office, OpenDocument, EPUB) is checked here before it is read."""
    infos = zf.infolist()
    if len(infos) > max_members:
        raise DocumentError(_("{name}: refused: {n} parts in the package (the limit is "
                              "{limit})").format(name=name, n=len(infos), limit=max_members))
    seen: set[str] = set()
    total = 0
    for info in infos:
        if info.filename in seen:
            raise DocumentError(_("{name}: refused: the package holds {filename} twice (one copy "
                                  "would be hidden)").format(name=name, filename=info.filename))
        seen.add(info.filename)
        limit = MAX_XML_BYTES if is_xml(info.filename) else MAX_MEMBER_BYTES
        if info.file_size > limit:
            raise _too_big(name, info.filename, limit)
        total += info.file_size
    if total > MAX_EXPANDED_BYTES:
        raise DocumentError(_("{name}: refused: it expands to more than {limit}; split the "
                              "document into smaller files").format(
                                  name=name, limit=_mb(MAX_EXPANDED_BYTES)))
    return seen


def check_zip(zf: zipfile.ZipFile, name: str, required: str, kind: str, resave: str) -> list[str]:
    """The part names of a package ``zf`` that is ``kind`` (it holds ``required``), or one
    sentence saying why it is refused: too many or too large parts, a name twice, entity
    declarations, not that kind of file, or Strict Open XML (``resave`` says how to save
    it in the ordinary form)."""
    infos = zf.infolist()
    seen = check_sizes(zf, name)
    if _is_strict(zf, seen, required):
        raise DocumentError(_("{name} is saved as Strict Open XML, a rarer form of {kind} that "
                              "Tarjuman cannot read; open it and use {resave}, then import "
                              "that file").format(name=name, kind=kind, resave=resave))
    if required not in seen:
        raise DocumentError(_("{name}: cannot be read as {kind} (it has no {part})").format(
            name=name, kind=kind, part=required))
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            _stream_check(zf, info, name)
    return sorted(seen)


def check_package(data: bytes, name: str, required: str, kind: str, resave: str) -> list[str]:
    """:func:`check_zip` on the bytes of a file; a damaged zip is one sentence too."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return check_zip(zf, name, required, kind, resave)
    except (zipfile.BadZipFile, EOFError, zlib.error, ValueError, NotImplementedError) as exc:
        raise DocumentError(_("{name}: cannot be read as {kind} (damaged zip: {exc})").format(
            name=name, kind=kind, exc=one_line(exc))) from exc
