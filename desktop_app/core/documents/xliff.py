"""XLIFF 1.1/1.2 (including Trados sdlxliff segments) and XLIFF 2.x.

Import: one block per segment (``seg-source`` ``mrk`` segments in sdlxliff, ``segment``
in 2.x, else one per trans-unit); units marked ``translate="no"`` are skipped. Inline
codes become tags; the content of native-code elements (bpt, ept, ph, it, sc, ec) is
left out of the text. Existing targets and their states come along.

Export: XLIFF 2.0, one unit per block, with tags written as ``ph``/``pc`` elements.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from desktop_app.core import languages, xmlsafe
from desktop_app.core.documents.base import Block, DocumentError, Imported
from desktop_app.core.documents.inline_xml import fill
from desktop_app.core.xmlsafe import local

XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"
PAIRED = {"g", "pc", "mrk", "bx", "hi"}  # content is text
NATIVE = {"bpt", "ept", "ph", "it", "sc", "ec", "x", "ex", "ut", "sub"}  # codes, no text


class _Tagger:
    """Numbers the inline elements of one segment as it renders it."""

    def __init__(self) -> None:
        self.count = 0

    def render(self, el: etree._Element) -> str:
        out = [el.text or ""]
        for child in el:
            name = local(child)
            if name in PAIRED and not (name == "mrk" and child.get("mtype") == "seg"):
                self.count += 1
                n = self.count
                out.append(f"⟨{n}⟩{self.render(child)}⟨/{n}⟩")
            elif name == "mrk":
                out.append(self.render(child))
            elif name:
                self.count += 1
                out.append(f"⟨{self.count}/⟩")
            out.append(child.tail or "")
        return "".join(out)


def _text(el: etree._Element | None) -> str:
    return "" if el is None else _Tagger().render(el)


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if local(c) == name]


def _first(el: etree._Element, name: str) -> etree._Element | None:
    found = _children(el, name)
    return found[0] if found else None


def _load_v1(root: etree._Element, name: str) -> Imported:
    files = [f for f in root.iter() if local(f) == "file"]
    if not files:
        raise DocumentError(f"{name}: XLIFF without <file>")
    imported = Imported("xliff", [], files[0].get("source-language", ""),
                        files[0].get("target-language", ""))
    for unit in (u for u in root.iter() if local(u) == "trans-unit"):
        if unit.get("translate") == "no":
            continue
        uid = unit.get("id") or f"u{len(imported.blocks)}"
        source, target = _first(unit, "source"), _first(unit, "target")
        seg_source = _first(unit, "seg-source")
        state = target.get("state", "") if target is not None else ""
        segments = ([m for m in seg_source.iter() if local(m) == "mrk"
                     and m.get("mtype") == "seg"] if seg_source is not None else [])
        if segments:
            targets = {m.get("mid"): m for m in (target.iter() if target is not None else [])
                       if local(m) == "mrk" and m.get("mtype") == "seg"}
            for m in segments:
                mid = m.get("mid", "")
                imported.blocks.append(Block(f"{uid}#{mid}", _text(m), "unit",
                                             {"unit": uid, "state": state},
                                             _text(targets.get(mid))))
            continue
        if source is None:
            raise DocumentError(f"{name}: line {unit.sourceline}: trans-unit without <source>")
        imported.blocks.append(Block(uid, _text(source), "unit", {"unit": uid, "state": state},
                                     _text(target)))
    return imported


def _load_v2(root: etree._Element, name: str) -> Imported:
    imported = Imported("xliff", [], root.get("srcLang", ""), root.get("trgLang", ""))
    for unit in (u for u in root.iter() if local(u) == "unit"):
        if unit.get("translate") == "no":
            continue
        uid = unit.get("id") or f"u{len(imported.blocks)}"
        for k, seg in enumerate(_children(unit, "segment")):
            source = _first(seg, "source")
            if source is None:
                raise DocumentError(f"{name}: line {seg.sourceline}: segment without <source>")
            target = _first(seg, "target")
            imported.blocks.append(Block(f"{uid}#{seg.get('id') or k}", _text(source), "unit",
                                         {"unit": uid, "state": seg.get("state", "")},
                                         _text(target)))
    return imported


class Xliff:
    name = "xliff"
    extensions = (".xlf", ".xliff", ".sdlxliff", ".mqxliff")

    def load(self, data: bytes, name: str) -> Imported:
        root = xmlsafe.parse(data, name, DocumentError)
        if local(root) != "xliff":
            raise DocumentError(f"{name}: not XLIFF (root element <{local(root)}>)")
        version = root.get("version", "")
        ns = etree.QName(root).namespace or ""
        if version.startswith("2") or ns.endswith(":2.0") or ns.endswith(":2.1"):
            return _load_v2(root, name)
        return _load_v1(root, name)

    def save(self, data: bytes, name: str, targets: dict[str, str], target_lang: str) -> bytes:
        imported = self.load(data, name)
        source = imported.source_lang or "en"
        return write_xliff2(imported.blocks, targets, source, target_lang, name)


def _inline(parent: etree._Element, text: str) -> None:
    """Tagged text into XLIFF 2 content: ⟨n/⟩ -> <ph id=n/>, ⟨n⟩..⟨/n⟩ -> <pc id=n>.</pc>."""
    fill(parent, text, lambda n, paired: etree.Element(
        f"{{{XLIFF2_NS}}}{'pc' if paired else 'ph'}", id=str(n)))


def write_xliff2(blocks: list[Block], targets: dict[str, str], source_lang: str,
                 target_lang: str, original: str, states: dict[str, str] | None = None,
                 notes: dict[str, str] | None = None) -> bytes:
    def bcp(code: str) -> str:
        try:
            return languages.get(code).bcp47
        except Exception:
            return code

    root = etree.Element(f"{{{XLIFF2_NS}}}xliff", nsmap={None: XLIFF2_NS},
                         attrib={"version": "2.0", "srcLang": bcp(source_lang),
                                 "trgLang": bcp(target_lang)})
    file_el = etree.SubElement(root, f"{{{XLIFF2_NS}}}file", id="f1", original=original)
    for k, block in enumerate(blocks, 1):
        unit = etree.SubElement(file_el, f"{{{XLIFF2_NS}}}unit", id=f"u{k}",
                                name=block.id)
        if (notes or {}).get(block.id):  # the translator's comments travel with the unit
            notes_el = etree.SubElement(unit, f"{{{XLIFF2_NS}}}notes")
            etree.SubElement(notes_el, f"{{{XLIFF2_NS}}}note").text = (notes or {})[block.id]
        attrs: dict[str, Any] = {"id": "s1"}
        state = (states or {}).get(block.id, "")
        if state:
            attrs["state"] = state
        segment = etree.SubElement(unit, f"{{{XLIFF2_NS}}}segment", **attrs)
        _inline(etree.SubElement(segment, f"{{{XLIFF2_NS}}}source"), block.text)
        if targets.get(block.id):
            _inline(etree.SubElement(segment, f"{{{XLIFF2_NS}}}target"), targets[block.id])
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                pretty_print=True)
    return out
