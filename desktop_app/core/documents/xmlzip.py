"""Zip packages of XML parts (OpenDocument, EPUB): read with limits before any part is
parsed, and written back with the ``mimetype`` entry first and stored, as both
standards require.

Limits are judged by absolute expanded size (long documents compress very well: a ratio
alone is no sign of a bomb), the same as for Word packages.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
import zlib
from collections.abc import Mapping

from lxml import etree

from desktop_app.core import xmlsafe
from desktop_app.core.documents.base import DocumentError
from desktop_app.core.documents.package import MAX_MEMBER_BYTES, MAX_XML_BYTES, check_sizes
from desktop_app.core.errors import one_line
from desktop_app.core.i18n import _

MAX_MEMBERS = 10_000  # an EPUB holds a file per chapter, image and font
XML_SUFFIXES = (".xml", ".rdf", ".opf", ".ncx", ".xhtml", ".html", ".htm", ".svg", ".smil")
_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)


def open_package(data: bytes, name: str) -> zipfile.ZipFile:
    """The package of ``data``, checked: refused when it is no zip, holds a part twice,
    too many parts, parts that expand beyond the limits, or XML declaring entities."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        _check(zf, name)
    except (zipfile.BadZipFile, EOFError, zlib.error, ValueError, NotImplementedError) as exc:
        raise DocumentError(_("{name}: not a document package (damaged zip: {exc})").format(
            name=name, exc=one_line(exc))) from exc
    return zf


def _check(zf: zipfile.ZipFile, name: str) -> None:
    check_sizes(zf, name, _is_xml, max_members=MAX_MEMBERS)


def package_mimetype(zf: zipfile.ZipFile) -> str:
    """What the package's ``mimetype`` entry says it is ("" if it has none)."""
    try:
        with zf.open("mimetype") as fh:
            return fh.read(100).decode("ascii", "replace").strip()
    except (KeyError, zipfile.BadZipFile, EOFError, zlib.error, ValueError,
            NotImplementedError, RuntimeError):
        return ""


def _is_xml(filename: str) -> bool:
    return filename.lower().endswith(XML_SUFFIXES)


def read_part(zf: zipfile.ZipFile, part: str, name: str) -> bytes:
    """The bytes of ``part``, never more than its entry declares."""
    try:
        info = zf.getinfo(part)
    except KeyError:
        raise DocumentError(_("{name}: the package has no part {part}").format(
            name=name, part=part)) from None
    limit = MAX_XML_BYTES if _is_xml(part) else MAX_MEMBER_BYTES
    try:
        with zf.open(info) as fh:
            data = fh.read(limit + 1)
    except (zipfile.BadZipFile, EOFError, zlib.error, ValueError, NotImplementedError,
            RuntimeError) as exc:  # RuntimeError: an encrypted entry
        raise DocumentError(_("{name}: {part} cannot be read ({exc})").format(
            name=name, part=part, exc=one_line(exc))) from exc
    if len(data) > min(info.file_size, limit):
        raise DocumentError(_("{name}: refused: {filename} is larger than its package "
                              "says").format(name=name, filename=part))
    return data


def parse_part(zf: zipfile.ZipFile, part: str, name: str) -> etree._Element:
    """``part`` parsed as XML, safely (no DTD, no entities, no network)."""
    data = read_part(zf, part, name)
    if _DECLARATION.search(data):
        raise DocumentError(_("{name}: refused: {filename} declares XML entities (possible "
                              "XML bomb)").format(name=name, filename=part))
    return xmlsafe.parse(data, f"{name}: {part}", DocumentError)


def xml_bytes(root: etree._Element) -> bytes:
    out: bytes = etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")
    return out


def write_package(zf: zipfile.ZipFile, replaced: Mapping[str, bytes],
                  dropped: frozenset[str] = frozenset()) -> bytes:
    """The package ``zf`` with the parts in ``replaced`` changed and those in ``dropped``
    left out: ``mimetype`` first and stored (uncompressed), the rest copied in order,
    one part at a time."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        infos = zf.infolist()
        first = [i for i in infos if i.filename == "mimetype"]
        for info in first + [i for i in infos if i.filename != "mimetype"]:
            if info.filename in dropped:
                continue
            entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            entry.external_attr = info.external_attr
            entry.compress_type = (zipfile.ZIP_STORED if info.filename == "mimetype"
                                   or info.compress_type == zipfile.ZIP_STORED
                                   else zipfile.ZIP_DEFLATED)
            if info.filename in replaced:
                dest.writestr(entry, replaced[info.filename])
            elif info.is_dir():
                dest.writestr(entry, b"")
            else:
                with zf.open(info) as src, dest.open(entry, "w") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
    return out.getvalue()
