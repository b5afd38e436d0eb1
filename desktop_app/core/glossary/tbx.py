"""TBX import (TBX v2 martif / TBX-Basic, TBX v3 Core/Basic/Min in DCA and DCT style) and
export (TBX v3, DCA).

Parsed safely with lxml: no DTD loading, no entity expansion, no network; a file that
declares entities (billion laughs, XXE) is refused. Element names are read without
their namespace, so martif, TBX v3 and namespaced variants share one reader:
concept (``termEntry`` / ``conceptEntry``) -> language (``langSet`` / ``langSec``) ->
term (``tig`` / ``ntig`` / ``termSec``). A data category is read alike in both styles
(DCA ``<termNote type="administrativeStatus">``, DCT ``<min:administrativeStatus>``):
subject field, definitions (of the concept or of one language), part of speech, status,
context and notes are kept. Every status is mapped (see ``STATUS_FROM_TBX``); a status
Tarjuman does not know refuses the file with a sentence, it never becomes "preferred".
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
BASIC_NS = "http://www.tbxinfo.net/ns/basic"  # TBX-Basic module (DCT: basic:definition)
MIN_NS = "http://www.tbxinfo.net/ns/min"  # TBX-Min module (DCT: min:administrativeStatus)

# The status words of ISO 12620 (TBX 2 ``normativeAuthorization`` and ``administrativeStatus``,
# TBX v3 ``administrativeStatus``), as (glossary status, finer status kept for export).
# Written ``preferredTerm-admn-sts``, ``preferredTerm`` or ``preferred``, in any case.
STATUS_FROM_TBX: dict[str, tuple[str, str]] = {
    "preferred": ("preferred", ""), "admitted": ("admitted", ""),
    "deprecated": ("forbidden", "deprecated"), "superseded": ("forbidden", "superseded"),
    "notrecommended": ("forbidden", "deprecated"), "forbidden": ("forbidden", ""),
    "standardized": ("preferred", "standardized"), "legal": ("preferred", "legal"),
    "regulated": ("preferred", "regulated"),
}
STATUS_TO_TBX = {"preferred": "preferred", "admitted": "admitted", "forbidden": "deprecated"}
_STRICTNESS = {"preferred": 0, "admitted": 1, "forbidden": 2}
_STOP = ("langSet", "langSec", "tig", "ntig", "termSec")


def tbx_status(status: str, detail: str = "") -> str:
    """The TBX ``administrativeStatus`` value for a glossary status and its finer kind."""
    return f"{detail or STATUS_TO_TBX[status]}Term-admn-sts"


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


def _category(el: etree._Element) -> str:
    """The data category an element carries, lower-cased: DCA ``<descrip type="definition">``
    and DCT ``<basic:definition>`` both give ``definition``; "" for structure."""
    if not isinstance(el.tag, str):
        return ""
    namespace = etree.QName(el).namespace
    if namespace and namespace != TBX3_NS:
        return _local(el).lower()
    if _local(el) in ("descrip", "termNote", "admin", "adminNote", "descripNote",
                      "transacNote"):
        return (el.get("type") or "").lower().replace(" ", "")
    return _local(el).lower() if _local(el) == "note" else ""


def _own(el: etree._Element) -> list[etree._Element]:
    """The descendants of a concept or language section, less those of its language and
    term sections."""
    out = []
    for child in el:
        if isinstance(child.tag, str) and _local(child) not in _STOP:
            out.append(child)
            out.extend(_own(child))
    return out


def parse_bytes(data: bytes, name: str = "glossary.tbx") -> TbxDocument:
    root = xmlsafe.parse(data, name, GlossaryError)
    if _local(root) not in ("martif", "tbx"):
        raise GlossaryError(_("{name}: not a TBX file (root element <{root}>)").format(
            name=name, root=_local(root)))
    doc = TbxDocument(source_language=root.get(XML_LANG, ""))
    body = next((el for el in root.iter() if _local(el) == "body"), None)
    if body is None:
        raise GlossaryError(_("{name}: TBX file without <body>").format(name=name))
    for n, entry in enumerate(_children(body, "termEntry", "conceptEntry"), 1):
        doc.concepts.append(_concept(entry, name, doc, n))
    return doc


def _add(store: dict[str, str], key: str, text: str) -> None:
    if text:
        store[key] = f"{store[key]}\n{text}" if store.get(key) else text


def _concept(entry: etree._Element, name: str, doc: TbxDocument, n: int) -> Concept:
    concept = Concept(ext_id=entry.get("id", ""))
    label = concept.ext_id or str(n)
    fields: dict[str, str] = {}
    for el in _own(entry):
        kind = _category(el)
        if kind in ("subjectfield", "definition", "note"):
            _add(fields, kind, _text(el))
    concept.domain = "; ".join(dict.fromkeys(fields.get("subjectfield", "").split("\n"))) \
        if fields.get("subjectfield") else ""
    concept.note = fields.get("note", "")
    _add(concept.definitions, "", fields.get("definition", ""))
    for lang_el in _children(entry, "langSet", "langSec"):
        doc.langset_count += 1
        raw = lang_el.get(XML_LANG) or lang_el.get("lang") or ""
        if not raw:
            raise GlossaryError(_("{name}: line {line}: <{element}> without xml:lang").format(
                name=name, line=lang_el.sourceline, element=_local(lang_el)))
        lang = lang_code(raw)
        for el in _own(lang_el):
            if _category(el) == "definition":
                _add(concept.definitions, lang, _text(el))
            elif _category(el) == "note":  # a language section's note joins the concept's
                concept.note = "\n".join(x for x in (concept.note, _text(el)) if x)
        for holder in _children(lang_el, "tig", "ntig", "termSec"):
            concept.terms.append(_term(holder, lang, name, label, concept))
    return concept


def _term(holder: etree._Element, lang: str, name: str, concept_label: str,
          concept: Concept) -> Term:
    term_el = next((el for el in holder.iter() if _local(el) == "term"), None)
    if term_el is None or not _text(term_el):
        raise GlossaryError(_("{name}: line {line}: <{element}> without a term").format(
            name=name, line=holder.sourceline, element=_local(holder)))
    term = Term(lang=lang, text=_text(term_el))
    fields: dict[str, str] = {}
    statuses: list[tuple[str, str]] = []
    for el in holder.iter():
        kind, value = _category(el), _text(el)
        if kind in ("administrativestatus", "normativeauthorization"):
            word = "".join(value.split()).lower().removesuffix("-admn-sts").removesuffix("term")
            if word not in STATUS_FROM_TBX:
                raise GlossaryError(_(
                    "{name}: line {line}: the term \u201c{term}\u201d of concept {concept} has "
                    "the status \u201c{status}\u201d, which Tarjuman does not know (it takes "
                    "preferred, admitted, deprecated and superseded, as preferredTerm-admn-sts "
                    "and the like); nothing was imported").format(
                        name=name, line=el.sourceline, term=term.text, concept=concept_label,
                        status=value))
            statuses.append(STATUS_FROM_TBX[word])
        elif kind == "definition":
            _add(concept.definitions, lang, value)
        elif kind in ("partofspeech", "context", "note", "x-casesensitive", "casesensitive",
                      "x-donottranslate", "donottranslate"):
            _add(fields, kind.removeprefix("x-"), value)
    if statuses:  # two statuses that disagree: the stricter one holds
        term.status, term.status_detail = max(statuses, key=lambda s: _STRICTNESS[s[0]])
    term.pos = fields.get("partofspeech", "")
    term.context = fields.get("context", "")
    term.note = fields.get("note", "")
    term.case_sensitive = fields.get("casesensitive", "").lower() == "true"
    term.dnt = fields.get("donottranslate", "").lower() == "true"
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
    """TBX v3 (DCA style) with the TBX-Basic data categories: subject field, definitions,
    part of speech, administrative status, context and notes; Tarjuman's own fields
    travel as ``x-`` termNotes."""
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

    def _lines(parent: etree._Element, tag: str, text: str | None, **attrs: str) -> None:
        for line in (text or "").split("\n"):
            if line.strip():
                sub(parent, tag, line, **attrs)

    for n, concept in enumerate(concepts, 1):
        entry = sub(body, "conceptEntry", id=concept.ext_id or f"c{concept.id or n}")
        if concept.domain:
            sub(entry, "descrip", concept.domain, type="subjectField")
        _lines(entry, "descrip", concept.definitions.get(""), type="definition")
        _lines(entry, "note", concept.note)
        # Consecutive terms of one language share a langSec; order is kept.
        defined: set[str] = set()
        for lang, run in groupby(concept.terms, key=lambda t: t.lang):
            lang_sec = sub(entry, "langSec", **{XML_LANG: _bcp47(lang)})
            if lang not in defined:
                defined.add(lang)
                _lines(lang_sec, "descrip", concept.definitions.get(lang), type="definition")
            for term in run:
                sec = sub(lang_sec, "termSec")
                sub(sec, "term", term.text)
                if term.pos:
                    sub(sec, "termNote", term.pos, type="partOfSpeech")
                sub(sec, "termNote", tbx_status(term.status, term.status_detail),
                    type="administrativeStatus")
                if term.case_sensitive:
                    sub(sec, "termNote", "true", type="x-caseSensitive")
                if term.dnt:
                    sub(sec, "termNote", "true", type="x-doNotTranslate")
                _lines(sec, "descrip", term.context, type="context")
                _lines(sec, "note", term.note)
        for lang, text in concept.definitions.items():
            if lang and lang not in defined:  # a definition in a language with no term
                lang_sec = sub(entry, "langSec", **{XML_LANG: _bcp47(lang)})
                _lines(lang_sec, "descrip", text, type="definition")
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return out


def write(path: Path, concepts: list[Concept], source_lang: str = "en") -> None:
    write_atomic(path, to_bytes(concepts, source_lang))
