"""TBX import (TBX v2 martif / TBX-Basic, TBX v3 Core/Basic) and export (TBX v3 Core, DCA).

Parsed safely with lxml: no DTD loading, no entity expansion, no network; a file that
declares entities (billion laughs, XXE) is refused. Element names are read without
their namespace, so martif, TBX v3 and namespaced variants share one reader:
concept (``termEntry`` / ``conceptEntry``) -> language (``langSet`` / ``langSec``) ->
term (``tig`` / ``ntig`` / ``termSec``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from lxml import etree

from desktop_app.core import languages, xmlsafe
from desktop_app.core.glossary.store import Concept, GlossaryError, Term, lang_code
from desktop_app.core.i18n import _
from desktop_app.core.textio import write_atomic

XML_LANG = xmlsafe.XML_LANG
TBX3_NS = "urn:iso:std:iso:30042:ed-2"

STATUS_FROM_TBX = {
    "preferredterm-admn-sts": "preferred", "preferred": "preferred",
    "admittedterm-admn-sts": "admitted", "admitted": "admitted",
    "deprecatedterm-admn-sts": "forbidden", "supersededterm-admn-sts": "forbidden",
    "deprecated": "forbidden", "superseded": "forbidden", "notrecommended": "forbidden",
}
STATUS_TO_TBX = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
                 "forbidden": "deprecatedTerm-admn-sts"}


@dataclass(slots=True)
class TbxDocument:
    concepts: list[Concept] = field(default_factory=list)
    langset_count: int = 0
    source_language: str = ""

    @property
    def term_count(self) -> int:
        return sum(len(c.terms) for c in self.concepts)


_local = xmlsafe.local


def _children(el: etree._Element, *names: str) -> list[etree._Element]:
    return [c for c in el if _local(c) in names]


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def parse_bytes(data: bytes, name: str = "glossary.tbx") -> TbxDocument:
    root = xmlsafe.parse(data, name, GlossaryError)
    if _local(root) not in ("martif", "tbx"):
        raise GlossaryError(_("{name}: not a TBX file (root element <{root}>)").format(
            name=name, root=_local(root)))
    doc = TbxDocument(source_language=root.get(XML_LANG, ""))
    body = next((el for el in root.iter() if _local(el) == "body"), None)
    if body is None:
        raise GlossaryError(_("{name}: TBX file without <body>").format(name=name))
    for entry in _children(body, "termEntry", "conceptEntry"):
        doc.concepts.append(_concept(entry, name, doc))
    return doc


def _concept(entry: etree._Element, name: str, doc: TbxDocument) -> Concept:
    concept = Concept(ext_id=entry.get("id", ""))
    notes: list[str] = []
    for el in entry.iter():
        kind = (el.get("type") or "").lower()
        if _local(el) == "descrip" and kind in ("subjectfield", "subject field"):
            concept.domain = concept.domain or _text(el)
    for el in _children(entry, "descrip", "note", "descripGrp"):
        kind = (el.get("type") or "").lower()
        if _local(el) == "descripGrp":
            inner = _children(el, "descrip")
            if inner and (inner[0].get("type") or "").lower() == "definition":
                notes.append(_text(inner[0]))
        elif _local(el) == "note" or kind == "definition":
            notes.append(_text(el))
    concept.note = "\n".join(n for n in notes if n)
    for lang_el in _children(entry, "langSet", "langSec"):
        doc.langset_count += 1
        raw = lang_el.get(XML_LANG) or lang_el.get("lang") or ""
        if not raw:
            raise GlossaryError(_("{name}: line {line}: <{element}> without xml:lang").format(
                name=name, line=lang_el.sourceline, element=_local(lang_el)))
        for holder in _children(lang_el, "tig", "ntig", "termSec"):
            concept.terms.append(_term(holder, lang_code(raw), name))
    return concept


def _term(holder: etree._Element, lang: str, name: str) -> Term:
    term_el = next((el for el in holder.iter() if _local(el) == "term"), None)
    if term_el is None or not _text(term_el):
        raise GlossaryError(_("{name}: line {line}: <{element}> without a term").format(
            name=name, line=holder.sourceline, element=_local(holder)))
    term = Term(lang=lang, text=_text(term_el))
    notes = []
    for el in holder.iter():
        kind = (el.get("type") or "").lower()
        value = _text(el)
        if _local(el) == "termNote":
            if kind in ("administrativestatus", "normativeauthorization"):
                term.status = STATUS_FROM_TBX.get(value.lower().replace(" ", ""), term.status)
            elif kind == "partofspeech":
                term.pos = value
            elif kind == "x-casesensitive":
                term.case_sensitive = value.lower() == "true"
            elif kind == "x-donottranslate":
                term.dnt = value.lower() == "true"
        elif _local(el) == "note" and value:
            notes.append(value)
    term.note = "\n".join(notes)
    return term


def read(path: Path) -> TbxDocument:
    if not path.is_file():
        raise GlossaryError(_("no such file: {path}").format(path=path))
    return parse_bytes(path.read_bytes(), path.name)


def _bcp47(code: str) -> str:
    try:
        return languages.get(code).bcp47
    except Exception:
        return code


def to_bytes(concepts: list[Concept], source_lang: str = "en") -> bytes:
    """TBX v3 Core (DCA style); Tarjuman's own fields travel as ``x-`` termNotes."""
    root = etree.Element(f"{{{TBX3_NS}}}tbx", nsmap={None: TBX3_NS},
                         attrib={"type": "TBX-Core", "style": "dca",
                                 XML_LANG: _bcp47(source_lang)})
    header = etree.SubElement(root, f"{{{TBX3_NS}}}tbxHeader")
    desc = etree.SubElement(etree.SubElement(header, f"{{{TBX3_NS}}}fileDesc"),
                            f"{{{TBX3_NS}}}sourceDesc")
    etree.SubElement(desc, f"{{{TBX3_NS}}}p").text = "Exported by Tarjuman"
    body = etree.SubElement(etree.SubElement(root, f"{{{TBX3_NS}}}text"), f"{{{TBX3_NS}}}body")

    def sub(parent: etree._Element, tag: str, text: str = "", **attrs: str) -> etree._Element:
        el = etree.SubElement(parent, f"{{{TBX3_NS}}}{tag}", attrib=attrs)
        if text:
            el.text = text
        return el

    for n, concept in enumerate(concepts, 1):
        entry = sub(body, "conceptEntry", id=concept.ext_id or f"c{concept.id or n}")
        if concept.domain:
            sub(entry, "descrip", concept.domain, type="subjectField")
        for line in concept.note.split("\n") if concept.note else []:
            sub(entry, "note", line)
        # Consecutive terms of one language share a langSec; order is kept.
        for lang, run in groupby(concept.terms, key=lambda t: t.lang):
            lang_sec = sub(entry, "langSec", **{XML_LANG: _bcp47(lang)})
            for term in run:
                sec = sub(lang_sec, "termSec")
                sub(sec, "term", term.text)
                sub(sec, "termNote", STATUS_TO_TBX[term.status], type="administrativeStatus")
                if term.pos:
                    sub(sec, "termNote", term.pos, type="partOfSpeech")
                if term.case_sensitive:
                    sub(sec, "termNote", "true", type="x-caseSensitive")
                if term.dnt:
                    sub(sec, "termNote", "true", type="x-doNotTranslate")
                for line in term.note.split("\n") if term.note else []:
                    sub(sec, "note", line)
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return out


def write(path: Path, concepts: list[Concept], source_lang: str = "en") -> None:
    write_atomic(path, to_bytes(concepts, source_lang))
