"""Parsing XML from users safely: no DTD loading, no entity expansion, no network, and a
document that declares entities (billion laughs, XXE) is refused outright, wherever in
the file the declaration stands. Errors are one line (lxml's messages may hold several)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from desktop_app.core.errors import InputError, TarjumanError, one_line

MAX_BYTES = 200 * 1024 * 1024
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_ENTITY_DECL_16 = re.compile(rb"<\x00!\x00E\x00N\x00T\x00I\x00T\x00Y|\x00<\x00!\x00E\x00N\x00T"
                             rb"\x00I\x00T\x00Y", re.IGNORECASE)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CHUNK = 1 << 20


class XmlError(InputError):
    pass


def declares_entities(data: bytes) -> bool:
    return bool(_ENTITY_DECL.search(data) or _ENTITY_DECL_16.search(data))


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=True,
                           remove_pis=True)


def parse(data: bytes, name: str, error: type[TarjumanError] = XmlError) -> etree._Element:
    if not data.strip():
        raise error(f"{name} is empty")
    if len(data) > MAX_BYTES:
        raise error(f"{name} is too large ({len(data)} bytes; the limit is {MAX_BYTES})")
    if declares_entities(data):
        raise error(f"{name}: entity declarations are not allowed (possible XML bomb or "
                    "external entity)")
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise error(f"{name}: not well-formed XML ({one_line(exc)})") from exc
    except (ValueError, etree.LxmlError) as exc:
        raise error(f"{name}: cannot be read as XML ({one_line(exc)})") from exc


def check_file(path: Path, error: type[TarjumanError] = XmlError) -> None:
    """Size and entity checks for a file parsed as a stream (read in chunks)."""
    size = path.stat().st_size
    if size == 0:
        raise error(f"{path.name} is empty")
    if size > MAX_BYTES:
        raise error(f"{path.name} is too large ({size} bytes; the limit is {MAX_BYTES})")
    tail = b""
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            if declares_entities(tail + chunk):
                raise error(f"{path.name}: entity declarations are not allowed (possible "
                            "XML bomb or external entity)")
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
        raise error(f"{path.name}: not well-formed XML ({one_line(exc)})") from exc
    except (ValueError, etree.LxmlError) as exc:
        raise error(f"{path.name}: cannot be read as XML ({one_line(exc)})") from exc


def local(el: etree._Element) -> str:
    tag = el.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""
