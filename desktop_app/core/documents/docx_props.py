"""Document properties that the text shows through fields.

A ``TITLE``, ``SUBJECT`` or ``DOCPROPERTY "Name"`` field prints a property of the file;
Word and LibreOffice refresh such fields from the property, so a translated field result
turns back into English unless the property is translated too. Those properties are
imported as blocks (``props:title``, ``props:subject``, ``props:custom:Name``) and
written back on export; a title or subject no field shows is only named in the report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import docx
from docx.oxml.ns import qn
from lxml import etree

from desktop_app.core.documents.base import Block, strip_tags
from desktop_app.core.i18n import _

CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
TEXT_TYPES = (f"{{{VT}}}lpwstr", f"{{{VT}}}lpstr", f"{{{VT}}}bstr")
FIELD = re.compile(r'\b(TITLE|SUBJECT)\b|\bDOCPROPERTY\s+(?:"([^"]+)"|(\S+))', re.IGNORECASE)
CORE = ("title", "subject")
MAX_CORE_CHARS = 255  # what python-docx (and Word's dialog) take
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _letters(text: str | None) -> bool:
    return bool(text) and any(ch.isalpha() for ch in text or "")


def shown(roots: Iterable[tuple[str, etree._Element]]) -> set[str]:
    """The names of the properties fields print (``title``, ``subject``, custom names
    folded to lower case)."""
    codes = []
    for _name, root in roots:
        codes.append("".join(el.text or "" for el in root.iter(qn("w:instrText"))))
        codes.extend(el.get(qn("w:instr")) or "" for el in root.iter(qn("w:fldSimple")))
    names: set[str] = set()
    for m in FIELD.finditer(" ".join(codes)):
        names.add((m.group(1) or m.group(2) or m.group(3) or "").strip().lower())
    return names


class Properties:
    def __init__(self, document: docx.document.Document,
                 roots: Iterable[tuple[str, etree._Element]]):
        self.document = document
        self.names = shown(roots)
        self.custom_part = next((p for p in document.part.package.iter_parts()
                                 if p.content_type == CUSTOM), None)
        self.custom = (etree.fromstring(self.custom_part.blob, PARSER)
                       if self.custom_part is not None else None)

    def _custom_values(self) -> Iterable[tuple[str, etree._Element]]:
        if self.custom is None:
            return
        for prop in self.custom:
            name = prop.get("name") or ""
            value = next((c for c in prop if c.tag in TEXT_TYPES), None)
            if value is not None and name.lower() in self.names:
                yield name, value

    def blocks(self) -> list[Block]:
        out = []
        core = self.document.core_properties
        for key in CORE:
            value = getattr(core, key)
            if key in self.names and _letters(value):
                out.append(Block(f"props:{key}", value, "attr"))
        for name, value in self._custom_values():
            if _letters(value.text):
                out.append(Block(f"props:custom:{name}", value.text or "", "attr"))
        return out

    def note(self, name: str) -> str | None:
        core = self.document.core_properties
        left = [k for k in CORE if k not in self.names and _letters(getattr(core, k))]
        if not left:
            return None
        return _("{name}: the file's title and subject (File > Properties) are not "
                 "translated").format(name=name)

    def store(self, targets: dict[str, str]) -> None:
        core = self.document.core_properties
        for key in CORE:
            target = targets.get(f"props:{key}")
            if target and key in self.names:
                setattr(core, key, strip_tags(target)[:MAX_CORE_CHARS])
        changed = False
        for name, value in self._custom_values():
            target = targets.get(f"props:custom:{name}")
            if target:
                value.text = strip_tags(target)
                changed = True
        if changed and self.custom_part is not None and self.custom is not None:
            self.custom_part._blob = etree.tostring(self.custom, xml_declaration=True,
                                                    encoding="UTF-8", standalone=True)
