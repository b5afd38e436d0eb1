"""The translator's segment comments written into a client's XLIFF unit.

XLIFF 1.2 (and sdlxliff, mqxliff) carries them as ``<note from="translator">`` in the
``trans-unit`` (after its target and the notes already there); XLIFF 2.x as
``<note category="translator">`` inside the unit's ``<notes>`` (created where the schema
wants it: before ``originalData`` and the segments). A unit gets one such note holding
the comments of all its segments, one per line. The client's own notes (any other
``from`` or ``category``) are never touched; a translator note already there (a file
that went through Tarjuman before) is replaced, not repeated.
"""

from __future__ import annotations

from lxml import etree

from desktop_app.core.documents.xliff_read import children, first
from desktop_app.core.xmlsafe import local

TRANSLATOR = "translator"


def _ours(note: etree._Element, v2: bool) -> bool:
    return bool(note.get("category" if v2 else "from") == TRANSLATOR)


def _indent(before: etree._Element, node: etree._Element) -> None:
    """``node`` goes right after ``before``, indented like it."""
    node.tail = before.tail
    before.addnext(node)


def _write_v1(unit: etree._Element, text: str) -> None:
    ns = etree.QName(unit).namespace
    notes = children(unit, "note")
    old = next((n for n in notes if _ours(n, False)), None)
    if old is None:
        old = etree.Element(f"{{{ns}}}note" if ns else "note", attrib={"from": TRANSLATOR})
        after = notes[-1] if notes else next(
            (e for e in (first(unit, k) for k in ("target", "seg-source", "source"))
             if e is not None), None)
        if after is None:  # pragma: no cover - load() refuses a unit without <source>
            unit.append(old)
        else:
            _indent(after, old)
    for extra in [n for n in notes if _ours(n, False) and n is not old]:
        unit.remove(extra)
    old.text = text


def _write_v2(unit: etree._Element, text: str) -> None:
    ns = etree.QName(unit).namespace
    q = (lambda name: f"{{{ns}}}{name}") if ns else (lambda name: name)
    notes = first(unit, "notes")
    if notes is None:
        notes = etree.Element(q("notes"))
        anchor = next((c for c in unit if isinstance(c.tag, str)
                       and local(c) in ("originalData", "segment", "ignorable")), None)
        notes.tail = unit.text
        if anchor is None:  # pragma: no cover - a unit has at least one segment
            unit.append(notes)
        else:
            anchor.addprevious(notes)
    ours = [n for n in children(notes, "note") if _ours(n, True)]
    if ours:
        note = ours[0]
        for extra in ours[1:]:
            notes.remove(extra)
    else:
        note = etree.SubElement(notes, q("note"), category=TRANSLATOR)
    note.text = text


def write_note(unit: etree._Element, comments: list[str], v2: bool) -> bool:
    """Write the non-empty ``comments`` of a unit's segments as its translator note;
    False (and nothing changed) when there is none."""
    text = "\n".join(c.strip() for c in comments if c.strip())
    if not text:
        return False
    (_write_v2 if v2 else _write_v1)(unit, text)
    return True
