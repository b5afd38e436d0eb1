"""Office packages (zip + XML parts) from users, checked before a library opens them:
the number of parts, each part's and the whole expanded size (judged absolutely: text
compresses very well), duplicated names, and XML parts that declare entities."""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from desktop_app.core.documents.base import DocumentError
from desktop_app.core.errors import one_line
from desktop_app.core.i18n import _

MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 256 * 1024 * 1024  # an image or other embedded file
MAX_XML_BYTES = 48 * 1024 * 1024
MAX_EXPANDED_BYTES = 512 * 1024 * 1024
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
STRICT = b"http://purl.oclc.org/ooxml/"  # the namespaces of Strict Open XML


def check_package(data: bytes, name: str, required: str, kind: str) -> list[str]:
    """The part names of the package ``data``, or one sentence saying why it is refused.
    ``required`` is the part that makes it ``kind`` (e.g. "a PowerPoint presentation")."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return _check(zf, name, required, kind)
    except (zipfile.BadZipFile, EOFError, zlib.error, ValueError, NotImplementedError) as exc:
        raise DocumentError(_("{name}: cannot be read as {kind} (damaged zip: {exc})").format(
            name=name, kind=kind, exc=one_line(exc))) from exc


def _check(zf: zipfile.ZipFile, name: str, required: str, kind: str) -> list[str]:
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
        limit = MAX_XML_BYTES if info.filename.endswith((".xml", ".rels")) else MAX_MEMBER_BYTES
        if info.file_size > limit:
            raise DocumentError(_("{name}: refused: {filename} expands to {file_size} bytes (the "
                                  "limit is {limit})").format(
                                      name=name, filename=info.filename, file_size=info.file_size,
                                      limit=limit))
        total += info.file_size
    if total > MAX_EXPANDED_BYTES:
        raise DocumentError(_("{name}: refused: it expands to {total} bytes (the limit is "
                              "{limit})").format(name=name, total=total, limit=MAX_EXPANDED_BYTES))
    if required not in seen:
        raise DocumentError(_("{name}: cannot be read as {kind} (it has no {part})").format(
            name=name, kind=kind, part=required))
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            with zf.open(info) as fh:
                head = fh.read(MAX_XML_BYTES + 1)
            if len(head) > info.file_size:
                raise DocumentError(_("{name}: refused: {filename} is larger than its package "
                                      "says").format(name=name, filename=info.filename))
            if _DECLARATION.search(head):
                raise DocumentError(_("{name}: refused: {filename} declares XML entities (Office "
                                      "never writes them; possible XML bomb)").format(
                                          name=name, filename=info.filename))
    if STRICT in zf.read(required)[:4096]:
        raise DocumentError(_("{name}: saved as Strict Open XML, which cannot be read here; open "
                              "it and save it again as {kind} of the ordinary kind (Save As, "
                              "the first file type offered)").format(name=name, kind=kind))
    return sorted(seen)
