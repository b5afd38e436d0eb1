"""What an XLIFF file tells the translator about a unit: its notes and its length limit.

Notes (:mod:`block_notes`): the unit's own ``<note>`` (1.2) or ``<notes><note>`` (2.x) and
its ``resname`` (1.2) or ``name`` (2.x) are unit-level; the notes of the ``<file>`` (1.2:
in its ``<header>``) and of the groups around the unit are file-level. A note's ``from``
(1.2) or ``category`` (2.x) says who wrote it.

Length limits: 1.2 ``maxwidth`` counts characters only with ``size-unit="char"`` (the
default unit is the pixel, which a translator cannot count); 2.x ``its:storageSize`` (bytes
in ``its:storageEncoding``, UTF-8 by default), ``slr:storageRestriction`` (bytes, UTF-8)
and ``slr:sizeRestriction`` (characters, the general profile), on the unit or inherited
from a group or the file.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from desktop_app.core.documents.base import Imported
from desktop_app.core.documents.block_notes import FILE, LIMIT, UNIT, add_notes, note
from desktop_app.core.documents.xliff_read import children, first, is_v2, units
from desktop_app.core.xmlsafe import local

ITS_NS = "http://www.w3.org/2005/11/its"
SLR_NS = "urn:oasis:names:tc:xliff:sizerestriction:2.0"


def _notes(el: etree._Element, v2: bool, level: str) -> list[dict[str, str]]:
    holder = first(el, "notes") if v2 else el
    if v2 and holder is None:
        return []
    found = children(holder, "note") if holder is not None else []
    if not v2 and local(el) == "file":
        header = first(el, "header")
        found = children(header, "note") if header is not None else []
    return [note("note", "".join(n.itertext()), level=level,
                 source=n.get("category" if v2 else "from") or "") for n in found]


def _int(value: str | None) -> int | None:
    try:
        n = int(value or "")
    except ValueError:
        return None
    return n if n > 0 else None


def _limit_v1(unit: etree._Element) -> dict[str, Any] | None:
    width = _int(unit.get("maxwidth"))
    if width is not None and unit.get("size-unit") == "char":
        return {"max": width, "unit": "char"}
    return None


def _limit_v2(unit: etree._Element) -> dict[str, Any] | None:
    for el in (unit, *unit.iterancestors()):
        size = _int(el.get(f"{{{ITS_NS}}}storageSize"))
        if size is not None:
            encoding = el.get(f"{{{ITS_NS}}}storageEncoding") or "utf-8"
            return {"max": size, "unit": "byte", "encoding": encoding.lower()}
        size = _int(el.get(f"{{{SLR_NS}}}storageRestriction"))
        if size is not None:
            return {"max": size, "unit": "byte", "encoding": "utf-8"}
        size = _int(el.get(f"{{{SLR_NS}}}sizeRestriction"))
        if size is not None:
            return {"max": size, "unit": "char"}
    return None


class Instructions:
    """Reads a unit's notes and limit; the file-level notes of each ``<file>`` and
    ``<group>`` are read once."""

    def __init__(self, v2: bool):
        self.v2 = v2
        self._outer: dict[etree._Element, list[dict[str, str]]] = {}

    def _around(self, unit: etree._Element) -> list[dict[str, str]]:
        out: list[dict[str, str]] = []
        for el in reversed(list(unit.iterancestors())):
            if local(el) not in ("file", "group"):
                continue
            if el not in self._outer:
                self._outer[el] = _notes(el, self.v2, FILE)
            out.extend(self._outer[el])
        return out

    def meta(self, unit: etree._Element) -> dict[str, Any]:
        """``notes`` and ``limit`` for the blocks of ``unit`` (empty when it has none)."""
        meta: dict[str, Any] = {}
        name = unit.get("name") if self.v2 else unit.get("resname")
        own = [note("resname", name or "")] + _notes(unit, self.v2, UNIT)
        add_notes(meta, own + self._around(unit))
        limit = _limit_v2(unit) if self.v2 else _limit_v1(unit)
        if limit is not None:
            meta[LIMIT] = limit
        return meta


def add_instructions(root: etree._Element, imported: Imported) -> None:
    """Put each unit's notes and limit into the meta of its blocks."""
    v2 = is_v2(root)
    found = units(root, "unit" if v2 else "trans-unit")
    reader = Instructions(v2)
    by_unit: dict[int, dict[str, Any]] = {}
    for block in imported.blocks:
        n = block.meta.get("n")
        if not isinstance(n, int) or not 0 <= n < len(found):
            continue
        if n not in by_unit:
            by_unit[n] = reader.meta(found[n])
        block.meta.update(by_unit[n])
