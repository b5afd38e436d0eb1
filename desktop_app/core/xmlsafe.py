"""Parsing XML from users safely: no DTD loading, no entity expansion, no network, and a
document that declares entities (billion laughs, XXE) is refused outright, wherever in
the file the declaration stands. Errors are one line (lxml's messages may hold several)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from desktop_app.core.errors import InputError, TarjumanError, one_line
from desktop_app.core.i18n import _

MAX_BYTES = 200 * 1024 * 1024
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_ENTITY_DECL_16 = re.compile(rb"<\x00!\x00E\x00N\x00T\x00I\x00T\x00Y|\x00<\x00!\x00E\x00N\x00T"
                             rb"\x00I\x00T\x00Y", re.IGNORECASE)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CHUNK = 1 << 20


class XmlError(InputError):
    pass


def _empty(name: str) -> str:
    return _("{name} is empty").format(name=name)


def _too_large(name: str, size: int) -> str:
    return _("{name} is too large ({size} bytes; the limit is {limit})").format(
        name=name, size=size, limit=MAX_BYTES)


def _entities(name: str) -> str:
    return _("{name}: entity declarations are not allowed (possible XML bomb or external "
             "entity)").format(name=name)


def _not_well_formed(name: str, exc: Exception) -> str:
    return _("{name}: not well-formed XML ({reason})").format(name=name, reason=one_line(exc))


def _unreadable(name: str, exc: Exception) -> str:
    return _("{name}: cannot be read as XML ({reason})").format(name=name, reason=one_line(exc))


def declares_entities(data: bytes) -> bool:
    return bool(_ENTITY_DECL.search(data) or _ENTITY_DECL_16.search(data))


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=True,
                           remove_pis=True)


def parse(data: bytes, name: str, error: type[TarjumanError] = XmlError) -> etree._Element:
    if not data.strip():
        raise error(_empty(name))
    if len(data) > MAX_BYTES:
        raise error(_too_large(name, len(data)))
    if declares_entities(data):
        raise error(_entities(name))
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise error(_not_well_formed(name, exc)) from exc
    except (ValueError, etree.LxmlError) as exc:
        raise error(_unreadable(name, exc)) from exc


def check_file(path: Path, error: type[TarjumanError] = XmlError) -> None:
    """Size and entity checks for a file parsed as a stream (read in chunks)."""
    size = path.stat().st_size
    if size == 0:
        raise error(_empty(path.name))
    if size > MAX_BYTES:
        raise error(_too_large(path.name, size))
    tail = b""
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            if declares_entities(tail + chunk):
                raise error(_entities(path.name))
            tail = chunk[-32:]


def iterparse(path: Path, error: type[TarjumanError] = XmlError
              ) -> Iterator[tuple[str, etree._Element]]:
    """(event, element) for "start" and "end", in bounded memory if the caller clears
    what it has handled; errors become one-line ``error``s."""
    check_file(path, error)
    events = etree.iterparse(str(path), events=("start", "end"), resolve_entities=False,
                             no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        yield from events
    except etree.XMLSyntaxError as exc:
        raise error(_not_well_formed(path.name, exc)) from exc
    except (ValueError, etree.LxmlError) as exc:
        raise error(_unreadable(path.name, exc)) from exc


def local(el: etree._Element) -> str:
    tag = el.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def append_text(node: etree._Element, value: str) -> None:
    """Add ``value`` after what ``node`` holds: its last child's tail, or its text."""
    if not value:
        return
    if len(node):
        node[-1].tail = (node[-1].tail or "") + value
    else:
        node.text = (node.text or "") + value
